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

/// The shortest lure word matched with one letter doubled (`logon` as `loggon`); shorter words
/// doubled are ordinary words too often. The one doubled-letter read of the core: the rules'
/// lure words (`rules::keywords`) and the lookalike checks' lure words (`lookalike::lures`).
pub const DOUBLED_MIN: usize = 5;

/// `text` is `word` with one of its letters written twice (`logiin` for `login`, `veriffy` for
/// `verify`, `loginn`), nothing else changed; case-insensitive.
pub fn doubled(text: &[u8], word: &[u8]) -> bool {
    if text.len() != word.len() + 1 {
        return false;
    }
    // The extra letter is where the two first differ (or the last one): it repeats the one
    // before it, and the rest is the word's rest.
    let k = text
        .iter()
        .zip(word)
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    let repeats = k >= 1
        && matches!((text.get(k), text.get(k - 1)),
            (Some(a), Some(b)) if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(b));
    repeats
        && matches!((text.get(k + 1..), word.get(k..)),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

/// `text` holds `word` with one of its letters written twice somewhere (`secure-logiin`).
pub fn contains_doubled(text: &[u8], word: &[u8]) -> bool {
    text.windows(word.len() + 1).any(|w| doubled(w, word))
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

    #[test]
    fn one_doubled_letter_is_the_word_and_nothing_else_is() {
        assert!(doubled(b"veriffy", b"verify") && doubled(b"loginn", b"login"));
        // Two letters added, or a letter changed, are not one doubled letter.
        assert!(!doubled(b"logiiin", b"login") && !doubled(b"logjin", b"login"));
        assert!(contains_doubled(b"secure-logiin-id", b"login"));
        assert!(!contains_doubled(b"secure-login-id", b"login"));
    }
}
