//! The parts of the address as typed, which canonicalization erases (credentials, IP notation,
//! port).

/// The parts of the URL as typed (before canonicalization).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RawUrl<'a> {
    pub(super) userinfo: Option<&'a str>,
    pub(super) host: &'a str,
    pub(super) port: Option<&'a str>,
    /// Path, query and fragment as typed (starts with `/`, `?` or `#`, or empty).
    pub(super) path: &'a str,
}

impl<'a> RawUrl<'a> {
    pub(super) fn split(input: &'a str) -> RawUrl<'a> {
        let s = input.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        // After `scheme:` and the slashes (browsers accept back-slashes and any number of them).
        let rest = match s.find(':') {
            Some(i)
                if s.get(..i).is_some_and(|sc| {
                    !sc.is_empty()
                        && sc
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                }) && s.get(i + 1..).is_some_and(|r| r.starts_with(['/', '\\'])) =>
            {
                s.get(i + 1..).unwrap_or("").trim_start_matches(['/', '\\'])
            }
            _ => s,
        };
        let auth_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..auth_end).unwrap_or("");
        let path = rest.get(auth_end..).unwrap_or("");
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(at) => (authority.get(..at), authority.get(at + 1..).unwrap_or("")),
            None => (None, authority),
        };
        let (host, port) = if hostport.starts_with('[') {
            match hostport.find(']') {
                Some(close) => {
                    let host = hostport.get(..=close).unwrap_or("");
                    let port = hostport.get(close + 1..).and_then(|p| p.strip_prefix(':'));
                    (host, port.filter(|p| !p.is_empty()))
                }
                None => (hostport, None),
            }
        } else {
            match hostport.rfind(':') {
                Some(c) => (
                    hostport.get(..c).unwrap_or(""),
                    hostport.get(c + 1..).filter(|p| !p.is_empty()),
                ),
                None => (hostport, None),
            }
        };
        RawUrl {
            userinfo,
            host,
            port,
            path,
        }
    }
}

/// `text` with each `%XX` escape of an unreserved character (letter, digit, `-._~`) decoded.
pub(super) fn decode_unreserved(text: &str) -> std::borrow::Cow<'_, str> {
    percent_decode(text, |c| c.is_ascii_alphanumeric() || b"-._~".contains(&c))
}

/// `text` with each `%XX` escape whose byte `decode` accepts decoded (bytes that are not UTF-8
/// become U+FFFD): the rules' one percent-decoder. Borrowed when `text` has no `%`.
pub(super) fn percent_decode(text: &str, decode: impl Fn(u8) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let decoded = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .filter(|&d| decode(d));
        match (c, decoded) {
            (b'%', Some(d)) => {
                out.push(d);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}
