//! Untrusted text: cutting it to a size, the one truncation of the core (reason params, error
//! messages, the page text read, over-long input), and reading its `%XX` escapes selectively.

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub fn prefix_within(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// `s` cut to at most `max` bytes (on a character boundary), with `…` when it was cut.
pub fn clip(s: &str, max: usize) -> String {
    let kept = prefix_within(s, max);
    if kept.len() == s.len() {
        return s.to_string();
    }
    let mut out = kept.to_string();
    out.push('…');
    out
}

/// A printable excerpt for an error message: the first `max` characters with control
/// characters dropped, and `…` when there were more.
pub fn excerpt(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).filter(|c| !c.is_control()).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// `text` with each `%XX` escape whose byte `decode` accepts decoded (bytes that are not UTF-8
/// become U+FFFD). Borrowed when `text` has no `%`. (Safe Browsing's repeated unescaping of the
/// canonical URL is `url`'s own.)
pub fn percent_decode(text: &str, decode: impl Fn(u8) -> bool) -> std::borrow::Cow<'_, str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_character_boundaries() {
        assert_eq!(prefix_within("abc", 5), "abc");
        assert_eq!(prefix_within("aé", 2), "a");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(excerpt("a\u{7}bc", 2), "a…");
        assert_eq!(excerpt("ab", 2), "ab");
    }
}
