//! The host of a canonical URL: its canonicalization (dots, escapes, IDNA, legacy IPv4 forms,
//! IPv6 serialization) and [`Host`], the type that carries its shape to the checks.

use super::{clip, escape_cow, unescape_fully, UrlError, MAX_INPUT_LEN};
use std::borrow::Cow;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The host of a canonical URL, as [`super::canonicalize`] makes it and only it: non-empty, at
/// most [`Host::MAX_LEN`] bytes, ASCII without upper-case letters, spaces or control characters
/// (punycode for international names; Safe Browsing's `%XX` escapes for the rest, lower-case),
/// and no empty label (no leading, trailing or repeated dot). IPv4 in dotted decimal, IPv6 in
/// brackets. The checks read it as it is: nothing downstream trims or lower-cases it again.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Host(String);

impl Host {
    /// The longest host: the cap on what is read of an input (an address whose site name does
    /// not end within it is refused; escapes and IDNA can only lengthen it past the cap).
    pub const MAX_LEN: usize = MAX_INPUT_LEN;

    /// `text` as a host, if it has the shape (see [`Host`]).
    fn new(text: String) -> Result<Host, UrlError> {
        if text.is_empty() {
            return Err(UrlError::InvalidHost("the site name is empty".into()));
        }
        if text.len() > Host::MAX_LEN {
            return Err(UrlError::InvalidHost(format!(
                "the site name is longer than {} bytes",
                Host::MAX_LEN
            )));
        }
        let shaped = text
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase())
            && !text.split('.').any(str::is_empty);
        if !shaped {
            return Err(UrlError::InvalidHost(format!(
                "\"{}\" is not a canonical site name",
                clip(&text)
            )));
        }
        Ok(Host(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<Host> for String {
    fn from(host: Host) -> String {
        host.0
    }
}

impl std::ops::Deref for Host {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Host {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Host {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for Host {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<&str> for Host {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// What kind of host a canonical URL has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HostKind {
    Domain,
    Ipv4,
    Ipv6,
}

/// Parses one legacy IPv4 component (decimal, `0` octal, `0x` hex). `None` if not a number.
fn parse_ipv4_part(part: &str) -> Option<u64> {
    let (digits, radix) =
        if let Some(h) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (h, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (part.get(1..)?, 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        // "0x" alone is zero, as inet_aton reads it.
        return if radix == 16 { Some(0) } else { None };
    }
    // Long runs of leading zeros are still the same number; cap the significant digits.
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 16 {
        return None;
    }
    if trimmed.is_empty() {
        return digits.bytes().all(|b| b == b'0').then_some(0);
    }
    u64::from_str_radix(trimmed, radix).ok()
}

/// Reads a host in any legacy IPv4 form (1 to 4 parts, each decimal/octal/hex) as Safe Browsing
/// does: the last part fills the remaining bytes, and over-large parts keep their low bytes.
pub(crate) fn parse_ipv4(host: &str) -> Option<Ipv4Addr> {
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b'.' || b == b'x' || b == b'X')
    {
        return None;
    }
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let mut bytes = [0u8; 4];
    let mut at = 0usize;
    let count = parts.len();
    for (i, part) in parts.iter().enumerate() {
        let value = parse_ipv4_part(part)?;
        let width = if i + 1 == count { 4 - i } else { 1 };
        for k in 0..width {
            let shift = 8 * (width - 1 - k);
            let byte = (value >> shift) & 0xff;
            *bytes.get_mut(at)? = u8::try_from(byte).ok()?;
            at += 1;
        }
    }
    Some(Ipv4Addr::from(bytes))
}

/// Serializes an IPv6 address as browsers do (WHATWG URL): lower-case hex pieces, the first
/// longest run of two or more zero pieces compressed to `::`, never dotted IPv4 notation.
fn serialize_ipv6(addr: Ipv6Addr) -> String {
    let pieces = addr.segments();
    // (start, len) of the first longest run of zeros, if at least 2 long.
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < pieces.len() {
        if pieces.get(i) == Some(&0) {
            let start = i;
            while pieces.get(i) == Some(&0) {
                i += 1;
            }
            let len = i - start;
            if len >= 2 && best.map_or(true, |(_, l)| len > l) {
                best = Some((start, len));
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::with_capacity(39);
    let mut i = 0;
    while i < pieces.len() {
        if let Some((start, len)) = best.filter(|&(s, _)| s == i) {
            out.push_str(if start == 0 { "::" } else { ":" });
            i = start + len;
            continue;
        }
        if let Some(p) = pieces.get(i) {
            out.push_str(&format!("{p:x}"));
        }
        if i + 1 < pieces.len() {
            out.push(':');
        }
        i += 1;
    }
    out
}

/// Removes leading/trailing dots and collapses runs of dots (a host without them is borrowed).
fn clean_dots(host: &[u8]) -> Cow<'_, [u8]> {
    if host.first() != Some(&b'.')
        && host.last() != Some(&b'.')
        && !host.windows(2).any(|w| w == b"..")
    {
        return Cow::Borrowed(host);
    }
    let mut out = Vec::with_capacity(host.len());
    for &b in host {
        if b == b'.' && (out.is_empty() || out.last() == Some(&b'.')) {
            continue;
        }
        out.push(b);
    }
    if out.last() == Some(&b'.') {
        out.pop();
    }
    Cow::Owned(out)
}

pub(super) fn canonical_host(raw: &str) -> Result<(Host, HostKind), UrlError> {
    if let Some(inner) = raw.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return Err(UrlError::InvalidHost(format!(
                "unclosed IPv6 address \"{}\"",
                clip(raw)
            )));
        };
        let addr: Ipv6Addr = inner.parse().map_err(|_| {
            UrlError::InvalidHost(format!("\"{}\" is not an IPv6 address", clip(raw)))
        })?;
        return Ok((
            Host::new(format!("[{}]", serialize_ipv6(addr)))?,
            HostKind::Ipv6,
        ));
    }
    let unescaped = unescape_fully(raw.as_bytes());
    let mut host = clean_dots(&unescaped);
    if host.is_empty() {
        return Err(UrlError::InvalidHost("the site name is empty".into()));
    }
    let needs_idna = !host.is_ascii() || host.windows(4).any(|w| w.eq_ignore_ascii_case(b"xn--"));
    if needs_idna {
        let text = std::str::from_utf8(&host)
            .map_err(|_| UrlError::InvalidHost("the site name is not valid UTF-8 text".into()))?;
        let ascii = to_ascii(text)?;
        // An international name is held to the browser's rules (WHATWG forbidden domain code
        // points); only plain ASCII hosts get Safe Browsing's leniency.
        if ascii.bytes().any(|b| {
            b <= 0x20
                || b == 0x7f
                || matches!(
                    b,
                    b'#' | b'%' | b'<' | b'>' | b'^' | b'|' | b'/' | b':' | b'?' | b'@'
                )
                || matches!(b, b'[' | b'\\' | b']')
        }) {
            return Err(UrlError::InvalidHost(format!(
                "\"{}\" contains characters a site name cannot have",
                clip(text)
            )));
        }
        host = Cow::Owned(clean_dots(ascii.as_bytes()).into_owned());
        if host.is_empty() {
            return Err(UrlError::InvalidHost("the site name is empty".into()));
        }
    }
    // Checked after the IDNA mapping too: full-width '／' or '＠' map to '/' and '@'.
    if host
        .iter()
        .any(|b| matches!(b, b'/' | b'\\' | b'?' | b'@' | b':' | b'[' | b']'))
    {
        return Err(UrlError::InvalidHost(format!(
            "\"{}\" contains characters a site name cannot have",
            clip(&String::from_utf8_lossy(&host))
        )));
    }
    let mut host = host.into_owned();
    host.make_ascii_lowercase();
    if let Some(ip) = std::str::from_utf8(&host).ok().and_then(parse_ipv4) {
        return Ok((Host::new(ip.to_string())?, HostKind::Ipv4));
    }
    let mut escaped = match escape_cow(&host) {
        // Nothing to escape: the lower-cased bytes are the host (one allocation, not two).
        Cow::Borrowed(_) => String::from_utf8(host).unwrap_or_default(),
        Cow::Owned(e) => e,
    };
    escaped.make_ascii_lowercase();
    Ok((Host::new(escaped)?, HostKind::Domain))
}

/// The ASCII (punycode) form of a host, lower-cased, following UTS #46 as browsers do.
pub fn to_ascii(host: &str) -> Result<String, UrlError> {
    idna::domain_to_ascii(host).map_err(|_| {
        let shown: String = host.chars().take(60).filter(|c| !c.is_control()).collect();
        UrlError::InvalidHost(format!(
            "\"{shown}\" is not a valid international domain name"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_has_the_canonical_shape_or_is_refused() {
        for ok in [
            "a.com",
            "xn--pypal-4ve.com",
            "1.2.3.4",
            "[::1]",
            "a%20b.com",
        ] {
            assert_eq!(Host::new(ok.to_string()).unwrap(), ok);
        }
        for bad in [
            "",
            "A.com",
            "a.com.",
            ".a.com",
            "a..com",
            "a b.com",
            "pаypal.com",
            "a\u{7f}.com",
        ] {
            assert!(Host::new(bad.to_string()).is_err(), "{bad:?}");
        }
        let long = format!("{}.com", "a".repeat(Host::MAX_LEN));
        assert!(Host::new(long).is_err());
    }

    #[test]
    fn canonical_hosts_lose_their_dots_and_case() {
        let host = |raw: &str| canonical_host(raw).map(|(h, _)| h.to_string());
        assert_eq!(host("..WWW.Bca..co.id.").as_deref(), Ok("www.bca.co.id"));
        assert_eq!(host("ＢＣＡ。ｃｏ。ｉｄ").as_deref(), Ok("bca.co.id"));
        assert!(host("...").is_err());
    }
}
