//! Reading user input as a URL, Safe Browsing v4 canonicalization ("URLs and Hashing") and the
//! host-suffix × path-prefix lookup expressions the blocklist is matched against.
//!
//! The structure of the URL (scheme, authority, userinfo, host, port, path, query) is split on the
//! raw input the way a browser splits it (the last `@` of the authority ends the userinfo, `\` acts
//! as `/`), so that the host we score is the host the browser would visit. Each component is then
//! canonicalized as the Safe Browsing document says: tab/CR/LF removed, fragment dropped, repeated
//! percent-unescaping until stable, host dots stripped and collapsed, legacy IPv4 forms normalized,
//! Unicode hosts to punycode, `/./` and `/../` resolved, `//` runs collapsed, and characters
//! `<= 0x20`, `>= 0x7f`, `#`, `%` re-escaped with upper-case hex.

mod host;

use std::borrow::Cow;
use std::fmt;

use host::canonical_host;
pub(crate) use host::parse_ipv4;
pub use host::{to_ascii, Host, HostKind};

/// Longest part of an input that is read, in bytes. Beyond it the rest of the path and query is
/// ignored, so a URL padded with a huge query is still judged by its site and the start of its
/// path; an input whose site name does not end within it is [`UrlError::TooLong`].
pub const MAX_INPUT_LEN: usize = 8 * 1024;

/// Why an input could not be read as a web URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// Nothing but whitespace.
    Empty,
    /// The site name does not end within the first [`MAX_INPUT_LEN`] bytes.
    TooLong { len: usize, max: usize },
    /// A scheme other than http/https (`ftp`, `mailto`, `data`, ...). Lower-cased.
    UnsupportedScheme(String),
    /// The host is missing or cannot be a host name (why is in the text).
    InvalidHost(String),
    /// The text does not have the shape of a URL (why is in the text).
    Unparseable(String),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Empty => write!(f, "the address is empty"),
            UrlError::TooLong { len, max } => {
                write!(
                    f,
                    "the address is too long ({len} bytes; at most {max} are read)"
                )
            }
            UrlError::UnsupportedScheme(s) => {
                write!(
                    f,
                    "\"{s}:\" addresses are not web pages; only http and https are checked"
                )
            }
            UrlError::InvalidHost(why) => write!(f, "the address has no valid site name: {why}"),
            UrlError::Unparseable(why) => write!(f, "the text is not a web address: {why}"),
        }
    }
}

impl std::error::Error for UrlError {}

/// A URL in Safe Browsing canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canonical {
    /// `"http"` or `"https"`.
    pub scheme: &'static str,
    /// The userinfo as given before the last `@` of the authority, e.g. `bca.co.id` in
    /// `https://bca.co.id@evil.top/`. `None` when there is no `@`.
    pub userinfo: Option<String>,
    /// Lower-case ASCII (punycode), no leading/trailing/repeated dots; IPv4 as dotted decimal;
    /// IPv6 in brackets, RFC 5952 form. Characters `<= 0x20`, `>= 0x7f`, `#`, `%` are escaped.
    pub host: Host,
    pub host_kind: HostKind,
    /// Only when given and not the scheme's default.
    pub port: Option<u16>,
    /// Canonical path, starts with `/`.
    pub path: String,
    /// Canonical query, without the `?`. `Some("")` for a bare trailing `?`.
    pub query: Option<String>,
    /// The Safe Browsing canonical URL `scheme://host/path[?query]`. As in the Safe Browsing
    /// document, the port is not part of it (it is kept in [`Canonical::port`]).
    pub url: String,
}

/// The lower-cased scheme of `input`, if it has one (`"https"`, `"data"`, `"javascript"`, `"ftp"`).
/// A bare host with a port (`example.com:8080/x`) or with userinfo (`bca.co.id:x@evil.top`) has no
/// scheme.
pub fn scheme_of(input: &str) -> Option<String> {
    let s = input.trim_matches(|c: char| c <= ' ');
    split_scheme(s).map(|(scheme, _)| scheme.to_ascii_lowercase())
}

/// Splits `scheme:rest` when `s` starts with a syntactically valid scheme that is not really a
/// bare `host:port` or `host:pass@...`.
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let colon = s.find(':')?;
    let scheme = s.get(..colon)?;
    let rest = s.get(colon + 1..)?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let lower = scheme.to_ascii_lowercase();
    if lower == "http" || lower == "https" {
        return Some((scheme, rest));
    }
    // `example.com:8080`, `localhost:3000/x`: a port, not a scheme.
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let after = rest.as_bytes().get(digits).copied();
        if matches!(after, None | Some(b'/' | b'?' | b'#' | b'\\')) {
            return None;
        }
    }
    // `bca.co.id:secret@evil.top/`: userinfo of a bare authority.
    if scheme.contains('.') && !rest.starts_with("//") {
        return None;
    }
    Some((scheme, rest))
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// Percent-unescapes repeatedly until no `%XX` escape is left, in one pass: whenever the output
/// ends in `%XX` (from the input or from an earlier decode) it is decoded in place.
/// Text without a `%` is its own unescaping and is borrowed.
pub(crate) fn unescape_fully(input: &[u8]) -> Cow<'_, [u8]> {
    if !input.contains(&b'%') {
        return Cow::Borrowed(input);
    }
    let mut out: Vec<u8> = Vec::with_capacity(input.len());
    for &b in input {
        out.push(b);
        loop {
            let n = out.len();
            if n < 3 {
                break;
            }
            let (p, h, l) = (out[n - 3], out[n - 2], out[n - 1]);
            if p == b'%' && is_hex(h) && is_hex(l) {
                out.truncate(n - 3);
                out.push(hex_val(h) << 4 | hex_val(l));
            } else {
                break;
            }
        }
    }
    Cow::Owned(out)
}

/// Whether [`escape_into`] changes `b`.
fn needs_escape(b: u8) -> bool {
    b <= 0x20 || b >= 0x7f || b == b'#' || b == b'%'
}

/// Escapes bytes `<= 0x20`, `>= 0x7f`, `#` and `%` with upper-case hex.
fn escape_into(bytes: &[u8], out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        if needs_escape(b) {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push(char::from(b));
        }
    }
}

fn escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    escape_into(bytes, &mut s);
    s
}

/// [`escape`] of bytes that may need none: then they are borrowed (they are ASCII).
fn escape_cow(bytes: &[u8]) -> Cow<'_, str> {
    if !bytes.iter().any(|&b| needs_escape(b)) {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Cow::Borrowed(s);
        }
    }
    Cow::Owned(escape(bytes))
}

/// Whether `path` (unescaped, `/` separated) is already what [`canonical_path`] makes of it:
/// empty or starting with `/`, no empty, `.` or `..` segment but a last empty one. Most paths
/// are (`/`, `/login/index.html`) and are then not rebuilt.
fn is_canonical_path(path: &[u8]) -> bool {
    if path.first() != Some(&b'/') {
        return false;
    }
    let mut segments = path.split(|&b| b == b'/').skip(1).peekable();
    while let Some(seg) = segments.next() {
        let last = segments.peek().is_none();
        match seg {
            b"" if last => {}
            b"" | b"." | b".." => return false,
            _ => {}
        }
    }
    true
}

/// Resolves `.`/`..` segments (the `/./` and `/../` of the document; `%2E` spellings were
/// unescaped before) and collapses runs of `/`. A trailing `.` or `..` segment leaves a
/// trailing `/`, as browsers do.
fn canonical_path(unescaped: &[u8]) -> Vec<u8> {
    let mut segments: Vec<&[u8]> = Vec::new();
    let mut trailing_slash = false;
    let parts: Vec<&[u8]> = unescaped.split(|&b| b == b'/').collect();
    let last = parts.len().saturating_sub(1);
    for (i, seg) in parts.iter().enumerate() {
        match *seg {
            b"" => {
                if i == last {
                    trailing_slash = true;
                }
            }
            b"." => {
                if i == last {
                    trailing_slash = true;
                }
            }
            b".." => {
                segments.pop();
                if i == last {
                    trailing_slash = true;
                }
            }
            s => {
                segments.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut out = Vec::with_capacity(unescaped.len() + 1);
    for s in &segments {
        out.push(b'/');
        out.extend_from_slice(s);
    }
    if segments.is_empty() || trailing_slash {
        out.push(b'/');
    }
    out
}

/// A short, printable excerpt of untrusted text for error messages.
fn clip(s: &str) -> String {
    crate::text::excerpt(s, 60)
}

/// The parts of an address as typed, which canonicalization erases or rewrites (credentials, IP
/// notation, port, escapes): what [`RawUrl::split`] reads, and the split [`canonicalize`] starts
/// from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RawUrl<'a> {
    /// The text before the last `@` of the authority, `None` when there is no `@`.
    pub userinfo: Option<&'a str>,
    /// The host as typed (an IPv6 literal with its brackets).
    pub host: &'a str,
    /// The port as typed, `None` when absent or empty.
    pub port: Option<&'a str>,
    /// Path, query and fragment as typed: starts with `/`, `\`, `?` or `#`, or is empty.
    pub path: &'a str,
}

/// An authority and what follows it, split as a browser splits them.
struct Authority<'a> {
    userinfo: Option<&'a str>,
    /// The host and what follows it in the authority.
    hostport: &'a str,
    host: &'a str,
    /// What follows the host inside the authority: `""`, `:port`, or (after an IPv6 literal
    /// only) other text.
    after_host: &'a str,
    /// From the first `/`, `\`, `?` or `#` on.
    tail: &'a str,
}

/// The one split of an address after its scheme (`rest` follows `scheme://`, or is a bare
/// address): the authority ends at the first `/`, `\`, `?` or `#`; its last `@` ends the
/// userinfo; the port follows the last `:` outside an IPv6 literal.
fn split_authority(rest: &str) -> Authority<'_> {
    let auth_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..auth_end).unwrap_or_default();
    let tail = rest.get(auth_end..).unwrap_or_default();
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(at) => (
            authority.get(..at),
            authority.get(at + 1..).unwrap_or_default(),
        ),
        None => (None, authority),
    };
    let at = if hostport.starts_with('[') {
        hostport.find(']').map(|close| close + 1)
    } else {
        hostport.rfind(':')
    };
    let (host, after_host) = match at {
        Some(at) => (
            hostport.get(..at).unwrap_or_default(),
            hostport.get(at..).unwrap_or_default(),
        ),
        None => (hostport, ""),
    };
    Authority {
        userinfo,
        hostport,
        host,
        after_host,
        tail,
    }
}

impl<'a> RawUrl<'a> {
    /// Splits `input` as typed: surrounding whitespace and control characters trimmed, the
    /// scheme and the slashes after it (any number, either way) skipped, nothing unescaped.
    pub fn split(input: &'a str) -> RawUrl<'a> {
        let s = input.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        let rest = match split_scheme(s) {
            Some((_, rest)) if rest.starts_with(['/', '\\']) => {
                rest.trim_start_matches(['/', '\\'])
            }
            _ => s,
        };
        let a = split_authority(rest);
        RawUrl {
            userinfo: a.userinfo,
            host: a.host,
            port: a.after_host.strip_prefix(':').filter(|p| !p.is_empty()),
            path: a.tail,
        }
    }
}

/// `text` with each `%XX` escape of an unreserved character (letter, digit, `-._~`) decoded: how
/// the browser and the server read them (`/%6Cogin.%61pk` is `/login.apk`).
pub fn decode_unreserved(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::percent_decode(text, |c| c.is_ascii_alphanumeric() || b"-._~".contains(&c))
}

/// Reads `input` (trimmed; a bare domain means `http://`) and returns its Safe Browsing canonical
/// form. Only http and https are canonicalized; other schemes give [`UrlError::UnsupportedScheme`].
/// Inputs longer than [`MAX_INPUT_LEN`] are read up to it (see there).
pub fn canonicalize(input: &str) -> Result<Canonical, UrlError> {
    let (text, cut) = read_text(input)?;
    let text = unescape_whole_url(text);
    let (scheme, rest) = web_scheme(&text)?;
    let a = split_authority(rest);
    if cut && a.tail.is_empty() {
        return Err(UrlError::TooLong {
            len: input.len(),
            max: MAX_INPUT_LEN,
        });
    }
    if a.host.is_empty() {
        return Err(UrlError::InvalidHost("the site name is missing".into()));
    }
    let port = canonical_port(&a, scheme)?;
    let (host, host_kind) = canonical_host(a.host)?;
    let (path, query) = path_and_query(a.tail);
    let mut url = String::with_capacity(scheme.len() + host.len() + path.len() + 8);
    url.push_str(scheme);
    url.push_str("://");
    url.push_str(&host);
    url.push_str(&path);
    if let Some(q) = &query {
        url.push('?');
        url.push_str(q);
    }
    Ok(Canonical {
        scheme,
        userinfo: a.userinfo.map(str::to_string),
        host,
        host_kind,
        port,
        path,
        query,
        url,
    })
}

/// The text of `input` that is read: trimmed, cut to [`MAX_INPUT_LEN`], tab/CR/LF dropped, the
/// fragment dropped; and whether the cut removed more than a fragment.
fn read_text(input: &str) -> Result<(Cow<'_, str>, bool), UrlError> {
    let trimmed = input.trim_matches(|c: char| c <= ' ');
    if trimmed.is_empty() {
        return Err(UrlError::Empty);
    }
    // Past the cap only the start is read: padding a URL with a huge path or query must not
    // turn a blocked site into an unreadable one. The site name must end within the cap.
    let mut cut = false;
    let mut kept = trimmed;
    if trimmed.len() > MAX_INPUT_LEN {
        kept = crate::text::prefix_within(trimmed, MAX_INPUT_LEN);
        cut = true;
    }
    // The fragment is dropped before anything is unescaped, so `%23` never starts one.
    if let Some(hash) = kept.find('#') {
        kept = kept.get(..hash).unwrap_or_default();
        // What was cut off was part of the fragment.
        cut = false;
    }
    // Tab, CR and LF anywhere are dropped (their escapes are kept).
    let text = if kept.contains(['\t', '\r', '\n']) {
        Cow::Owned(
            kept.chars()
                .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
                .collect(),
        )
    } else {
        Cow::Borrowed(kept)
    };
    Ok((text, cut))
}

/// `http%3A%2F%2Fexample.com/`: a whole URL escaped once more is read unescaped (its fragment
/// dropped); any other text is kept.
fn unescape_whole_url(text: Cow<'_, str>) -> Cow<'_, str> {
    // Without an escape it unescapes to itself, and has no scheme either way.
    if !text.contains('%') || split_scheme(&text).is_some() {
        return text;
    }
    let decoded = unescape_fully(text.as_bytes());
    let Ok(d) = std::str::from_utf8(&decoded) else {
        return text;
    };
    let lower = d.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return text;
    }
    let mut text = d.to_string();
    if let Some(hash) = text.find('#') {
        text.truncate(hash);
    }
    Cow::Owned(text)
}

/// The lower-case scheme (`http` or `https`; `http` for a bare address) and what follows
/// `scheme://` (either slash may be a `\`).
fn web_scheme(text: &str) -> Result<(&'static str, &str), UrlError> {
    let Some((scheme, rest)) = split_scheme(text) else {
        if text.starts_with('/') || text.starts_with('\\') || text.starts_with('?') {
            return Err(UrlError::InvalidHost(
                "there is a path but no site name".into(),
            ));
        }
        return Ok(("http", text));
    };
    let scheme = if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else {
        return Err(UrlError::UnsupportedScheme(scheme.to_ascii_lowercase()));
    };
    let after = ["//", "\\\\", "/\\", "\\/"]
        .iter()
        .find_map(|slashes| rest.strip_prefix(slashes));
    match after {
        Some(after) => Ok((scheme, after)),
        None => Err(UrlError::Unparseable(format!(
            "expected \"//\" after \"{scheme}:\""
        ))),
    }
}

/// The port of `a` when given and not the scheme's default. Leading zeros are allowed (browsers
/// read `:0080` as 80); an empty port is none.
fn canonical_port(a: &Authority<'_>, scheme: &str) -> Result<Option<u16>, UrlError> {
    let Some(p) = a.after_host.strip_prefix(':') else {
        if a.after_host.is_empty() {
            return Ok(None);
        }
        return Err(UrlError::InvalidHost(format!(
            "unexpected text after the IPv6 address in \"{}\"",
            clip(a.hostport)
        )));
    };
    if p.is_empty() {
        return Ok(None);
    }
    if !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::Unparseable(format!(
            "port \"{}\" is not a number",
            clip(p)
        )));
    }
    let significant = p.trim_start_matches('0');
    let n: u32 = if significant.len() > 5 {
        u32::MAX
    } else if significant.is_empty() {
        0
    } else {
        significant.parse().unwrap_or(u32::MAX)
    };
    let n = u16::try_from(n).map_err(|_| {
        UrlError::Unparseable(format!("port {} is out of range (0-65535)", clip(p)))
    })?;
    let default = if scheme == "https" { 443 } else { 80 };
    Ok((n != default).then_some(n))
}

/// The canonical path and query of `tail` (what follows the authority, fragment dropped): `\`
/// is `/` in the path (as browsers read http URLs), the first `?` starts the query, and so does
/// an escaped one in the path once unescaped.
fn path_and_query(tail: &str) -> (String, Option<String>) {
    let (path_raw, query_raw) = match tail.find('?') {
        Some(q) => (
            tail.get(..q).unwrap_or_default(),
            Some(tail.get(q + 1..).unwrap_or_default()),
        ),
        None => (tail, None),
    };
    let path_bytes: Cow<'_, [u8]> = if path_raw.contains('\\') {
        Cow::Owned(
            path_raw
                .bytes()
                .map(|b| if b == b'\\' { b'/' } else { b })
                .collect(),
        )
    } else {
        Cow::Borrowed(path_raw.as_bytes())
    };
    let mut path_unescaped = unescape_fully(&path_bytes);
    let mut query_unescaped = query_raw.map(|q| unescape_fully(q.as_bytes()));
    // An escaped '?' in the path (`%3F`) starts the query once the URL is unescaped, as in the
    // Safe Browsing clients; the canonical URL then reads the same when canonicalized again.
    if let Some(q) = path_unescaped.iter().position(|&b| b == b'?') {
        let mut moved = path_unescaped.get(q + 1..).unwrap_or_default().to_vec();
        path_unescaped.to_mut().truncate(q);
        if let Some(rest) = query_unescaped.take() {
            moved.push(b'?');
            moved.extend_from_slice(&rest);
        }
        query_unescaped = Some(Cow::Owned(moved));
    }
    let path = if path_unescaped.is_empty() {
        "/".to_string()
    } else if is_canonical_path(&path_unescaped) {
        escape_cow(&path_unescaped).into_owned()
    } else {
        escape(&canonical_path(&path_unescaped))
    };
    (path, query_unescaped.map(|q| escape_cow(&q).into_owned()))
}

impl Canonical {
    /// The host suffixes looked up: the exact host, then up to four formed from the last five
    /// components (dropping leading components, never the bare top-level domain). IPs: exact only.
    pub fn host_suffixes(&self) -> Vec<&str> {
        let (starts, n) = self.host_suffix_starts();
        starts
            .iter()
            .take(n)
            .filter_map(|&s| self.host.get(s..))
            .collect()
    }

    /// [`Canonical::host_suffixes`] as start offsets into the host: at most five, no allocation.
    fn host_suffix_starts(&self) -> ([usize; 5], usize) {
        let mut starts = [0usize; 5];
        if self.host_kind != HostKind::Domain {
            return (starts, 1);
        }
        // The last five dots, last first: a suffix of k components starts after the k-th.
        let mut rdots = [0usize; 5];
        let mut ndots = 0;
        for (i, _) in self.host.rmatch_indices('.').take(5) {
            rdots[ndots] = i;
            ndots += 1;
        }
        // Suffixes of 2..=5 components, longest first, excluding the exact host: a host of
        // `ndots` (at most 5 counted) dots has suffixes of up to `ndots` components besides it.
        let mut n = 1;
        for k in (2..=ndots).rev() {
            starts[n] = rdots[k - 1] + 1;
            n += 1;
        }
        (starts, n)
    }

    /// The path prefixes looked up, as in the Safe Browsing document: the root and up to three
    /// more directory prefixes, the exact path, and the exact path with its query (when the
    /// query is not empty). At most six, shortest first, no duplicates.
    pub fn path_prefixes(&self) -> Vec<String> {
        let (prefixes, n, with_query) = self.path_prefix_list();
        let mut out: Vec<String> = prefixes.iter().take(n).map(|p| p.to_string()).collect();
        if let Some(q) = self.query.as_deref().filter(|_| with_query) {
            out.push(format!("{}?{q}", self.path));
        }
        out
    }

    /// [`Canonical::path_prefixes`] but the last with the query, as slices (no allocation), and
    /// whether the exact path with its query follows them.
    fn path_prefix_list(&self) -> ([&str; 5], usize, bool) {
        let mut out = ["/"; 5];
        let mut n = 1;
        let mut at = 1usize;
        while n < 4 {
            let Some(rel) = self.path.get(at..).and_then(|r| r.find('/')) else {
                break;
            };
            let end = at + rel + 1;
            if let Some(p) = self.path.get(..end) {
                out[n] = p;
                n += 1;
            }
            at = end;
        }
        if !out.iter().take(n).any(|p| *p == self.path) {
            out[n] = &self.path;
            n += 1;
        }
        let with_query = self.query.as_deref().is_some_and(|q| !q.is_empty());
        (out, n, with_query)
    }

    /// Calls `f` with each Safe Browsing lookup expression in the order of
    /// [`Canonical::expressions`], in one reused buffer, until it returns `Some`.
    pub fn find_expression<T>(&self, mut f: impl FnMut(&str) -> Option<T>) -> Option<T> {
        let (starts, hosts) = self.host_suffix_starts();
        let (paths, n, with_query) = self.path_prefix_list();
        let query = self.query.as_deref().unwrap_or_default();
        let mut e = String::with_capacity(self.host.len() + self.path.len() + query.len() + 1);
        for &start in starts.iter().take(hosts) {
            let host = self.host.get(start..).unwrap_or_default();
            let whole = paths.iter().take(n).map(|p| (*p, false));
            for (path, q) in whole.chain(with_query.then_some((self.path.as_str(), true))) {
                e.clear();
                e.push_str(host);
                e.push_str(path);
                if q {
                    e.push('?');
                    e.push_str(query);
                }
                if let Some(found) = f(&e) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// Safe Browsing lookup expressions: every host suffix × every path prefix, e.g.
    /// `a.b.c/1/2.html?param=1/2` for `http://a.b.c/1/2.html?param=1/2`.
    pub fn expressions(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.find_expression(|e| {
            out.push(e.to_string());
            None::<()>
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_taken_as_is_is_what_the_full_rebuild_makes() {
        // The fast path (no rebuild when the path is already canonical) must agree with the
        // rebuild on every path it takes, and refuse every path the rebuild changes.
        let pieces = ["", "/", "a", ".", "..", "b.c", "%", "x/", "//", "~"];
        let mut paths = vec![String::new()];
        for _ in 0..4 {
            paths = paths
                .iter()
                .flat_map(|p| pieces.iter().map(move |q| format!("{p}{q}")))
                .collect();
            paths.dedup();
            for p in &paths {
                let rebuilt = canonical_path(p.as_bytes());
                if is_canonical_path(p.as_bytes()) {
                    assert_eq!(rebuilt, p.as_bytes(), "{p:?} taken as is");
                } else if !p.is_empty() {
                    assert!(
                        rebuilt != p.as_bytes() || !p.starts_with('/'),
                        "{p:?} rebuilt though canonical"
                    );
                }
            }
        }
        let c = canonicalize("http://a.com/x/./y/../z//w/").unwrap();
        assert_eq!(c.path, "/x/z/w/");
        let c = canonicalize("http://a.com/%7Euser/index.html").unwrap();
        assert_eq!(c.path, "/~user/index.html");
    }

    #[test]
    fn bare_domain_is_http() {
        let c = canonicalize("klikbca-login.com").unwrap();
        assert_eq!(c.url, "http://klikbca-login.com/");
        assert_eq!(c.scheme, "http");
    }

    #[test]
    fn userinfo_is_split_on_the_last_at() {
        let c = canonicalize("https://bca.co.id@evil.top/login").unwrap();
        assert_eq!(c.userinfo.as_deref(), Some("bca.co.id"));
        assert_eq!(c.host, "evil.top");
        let c = canonicalize("bca.co.id:x@evil.top").unwrap();
        assert_eq!(c.host, "evil.top");
    }

    #[test]
    fn the_address_as_typed_is_split_where_canonicalize_splits_it() {
        let raw = RawUrl::split("  https://bca.co.id:x@0x7f.1:8081\\a?b#c ");
        assert_eq!(
            raw,
            RawUrl {
                userinfo: Some("bca.co.id:x"),
                host: "0x7f.1",
                port: Some("8081"),
                path: "\\a?b#c",
            }
        );
        let raw = RawUrl::split("http://[::1]:/x");
        assert_eq!((raw.host, raw.port, raw.path), ("[::1]", None, "/x"));
        // A bare address with an empty port: the host is the one canonicalize reads, not the
        // path after a `scheme:` it is not.
        for input in ["1.2.3.4:/x", "bca.co.id:/x"] {
            let c = canonicalize(input).unwrap();
            assert_eq!(RawUrl::split(input).host, c.host.as_str(), "{input}");
        }
    }

    #[test]
    fn backslash_ends_the_authority_like_a_browser() {
        let c = canonicalize("http://evil.com\\@bca.co.id/").unwrap();
        assert_eq!(c.host, "evil.com");
    }

    #[test]
    fn schemes() {
        assert_eq!(
            scheme_of("JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme_of("example.com:8080/x"), None);
        assert_eq!(
            canonicalize("ftp://x.com/").unwrap_err(),
            UrlError::UnsupportedScheme("ftp".into())
        );
    }

    #[test]
    fn ipv6_is_serialized_like_a_browser() {
        let host = |s: &str| canonicalize(s).unwrap().host;
        assert_eq!(host("http://[::192.9.5.5]/"), "[::c009:505]");
        assert_eq!(host("http://[0:0:0:0:0:0:0:1]/"), "[::1]");
        assert_eq!(host("http://[::ffff:1.2.3.4]/"), "[::ffff:102:304]");
        assert_eq!(host("http://[1:0:0:2:0:0:0:3]/"), "[1:0:0:2::3]");
        assert_eq!(host("http://[1:0:0:2:0:0:3:4]/"), "[1::2:0:0:3:4]");
        assert_eq!(host("http://[1:2:3:4:5:6:7:0]/"), "[1:2:3:4:5:6:7:0]");
        assert_eq!(host("http://[1:2:3:4:5:6:0:0]/"), "[1:2:3:4:5:6::]");
        assert_eq!(host("http://[::]/"), "[::]");
    }

    #[test]
    fn escaped_question_mark_in_path_starts_the_query() {
        let c = canonicalize("http://a.com/x/%3Fb/c?d").unwrap();
        assert_eq!(
            (c.path.as_str(), c.query.as_deref()),
            ("/x/", Some("b/c?d"))
        );
        assert_eq!(c.url, "http://a.com/x/?b/c?d");
        assert_eq!(canonicalize(&c.url).unwrap(), c);
        let c = canonicalize("http://a.com/ab%23cd").unwrap();
        assert_eq!((c.path.as_str(), c.query), ("/ab%23cd", None));
    }

    #[test]
    fn port_kept_out_of_url_but_reported() {
        let c = canonicalize("https://bank.example:8443/a").unwrap();
        assert_eq!(c.port, Some(8443));
        assert_eq!(c.url, "https://bank.example/a");
        assert_eq!(canonicalize("http://a.com:80/").unwrap().port, None);
        assert!(canonicalize("http://a.com:65536/").is_err());
        assert_eq!(
            canonicalize("http://a.com:000000000443/").unwrap().port,
            Some(443)
        );
        assert_eq!(
            canonicalize("https://a.com:000000000443/").unwrap().port,
            None
        );
    }
}
