//! The lure words that make a brand inside a foreign host an attack: the `LKLU` section,
//! compiled by the builder from the rows of `data/rules/keywords.tsv` with a `lookalike` rank
//! (the one place words are written), viewed in place.
//!
//! # Section `LKLU` (integers little-endian)
//! ```text
//! 0    4    word count n
//! 4    4n   end offset of each word in the text (u32, strictly increasing)
//! ...  ...  the words, lower-case ASCII letters, digits and hyphens, concatenated in rank order
//! ```

use crate::error::DataError;
use crate::format::{read_u32, Envelope, Tag};
use crate::text::{contains_doubled, DOUBLED_MIN};

/// The lookalike lure words section.
pub const LURES_TAG: Tag = *b"LKLU";

/// The lookalike lure words, in rank order (the first found in a token names the reason).
#[derive(Clone, Copy, Debug)]
pub struct LureWords<'a> {
    n: usize,
    ends: &'a [u8],
    /// The words' text, checked to be ASCII once at load (every word is sliced from it without
    /// another UTF-8 check: `check` reads the words dozens of times).
    text: &'a str,
}

impl<'a> LureWords<'a> {
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<LureWords<'a>, DataError> {
        LureWords::new(env.section_bytes(bytes, LURES_TAG, "lookalike lure words (LKLU)")?)
    }

    /// Views a `LKLU` section, checking its structure and every word (O(words): a few hundred
    /// bytes).
    pub fn new(section: &'a [u8]) -> Result<LureWords<'a>, DataError> {
        let bad = |what: &str| DataError::Corrupt(format!("LKLU: {what}"));
        let n = read_u32(section, 0).ok_or_else(|| bad("truncated"))? as usize;
        let ends_end = n
            .checked_mul(4)
            .and_then(|l| l.checked_add(4))
            .ok_or_else(|| bad("word count overflows"))?;
        let ends = section
            .get(4..ends_end)
            .ok_or_else(|| bad("offsets overrun the section"))?;
        let text = section.get(ends_end..).unwrap_or(&[]);
        let text = std::str::from_utf8(text).map_err(|_| bad("words are not UTF-8"))?;
        let words = LureWords { n, ends, text };
        let mut start = 0usize;
        for i in 0..n {
            let end = words.end(i).ok_or_else(|| bad("offsets"))?;
            let word = text
                .as_bytes()
                .get(start..end)
                .filter(|w| !w.is_empty())
                .ok_or_else(|| bad(&format!("word {i} out of bounds or empty")))?;
            if !word
                .iter()
                .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(bad(&format!("word {i} is not lower-case ASCII")));
            }
            start = end;
        }
        if start != text.len() {
            return Err(bad("text length does not match the offsets"));
        }
        Ok(words)
    }

    fn end(&self, i: usize) -> Option<usize> {
        read_u32(self.ends, i.checked_mul(4)?).map(|v| v as usize)
    }

    /// The words, in rank order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        let text = self.text;
        (0..self.n).filter_map(move |i| {
            let start = if i == 0 { 0 } else { self.end(i - 1)? };
            text.get(start..self.end(i)?)
        })
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// A lure word of 5+ letters starts at `at` in `text` (`bca|login`).
    pub(super) fn lure_glued_after(&self, text: &str, at: usize) -> bool {
        let rest = text.get(at..).unwrap_or("");
        self.iter()
            .any(|w| !lure_needs_token(w) && rest.starts_with(w))
    }

    /// A lure word of 5+ letters ends at `at` in `text` and starts a word there (`official|dana`).
    pub(super) fn lure_glued_before(&self, text: &str, at: usize) -> bool {
        let head = text.get(..at).unwrap_or("");
        self.iter().any(|w| {
            !lure_needs_token(w)
                && head.strip_suffix(w).is_some_and(|h| {
                    h.is_empty() || h.ends_with(|c: char| !c.is_ascii_alphabetic())
                })
        })
    }

    /// The first lure word (by rank) in the first token of `text` outside `skip` that holds one: a
    /// word of 5+ characters inside the token, also with one letter doubled (`logiin`, as the
    /// rules' lure words: [`crate::text::doubled`]), a shorter one as the whole token.
    pub(super) fn lure_in(&self, text: &str, skip: std::ops::Range<usize>) -> Option<&'a str> {
        let before = text.get(..skip.start).unwrap_or("");
        let after = text.get(skip.end..).unwrap_or("");
        for part in [before, after] {
            for tok in part.split(|c: char| !c.is_ascii_alphanumeric() || c.is_ascii_digit()) {
                if tok.is_empty() {
                    continue;
                }
                for w in self.iter() {
                    if tok == w || (!lure_needs_token(w) && inside(tok, w)) {
                        return Some(w);
                    }
                }
            }
        }
        None
    }
}

/// Which lure words count only as whole tokens (short or common inside ordinary words).
fn lure_needs_token(w: &str) -> bool {
    w.len() < 5
}

/// `word` inside `tok`, as written or with one letter doubled (`verifiy` is not, `veriffy` is).
fn inside(tok: &str, word: &str) -> bool {
    tok.contains(word)
        || (word.len() >= DOUBLED_MIN && contains_doubled(tok.as_bytes(), word.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `LKLU` of `recover`, `recovery`, `log-in`, `cs` (the builder's `encode_lures` writes it;
    /// its own test checks the round trip and the refusals).
    fn section() -> Vec<u8> {
        let mut out = Vec::new();
        for n in [4u32, 7, 15, 21, 23] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(b"recoverrecoverylog-incs");
        out
    }

    #[test]
    fn the_first_word_by_rank_names_the_token_and_short_words_need_a_whole_token() {
        let bytes = section();
        let words = LureWords::new(&bytes).expect("view");
        // The first word by rank names a token that holds two (`recovery` holds `recover`).
        assert_eq!(words.lure_in("netflix-recovery", 0..7), Some("recover"));
        // A short word only as a whole token: `cs` in `bca-cs`, not in `bcacss`.
        assert_eq!(words.lure_in("bca-cs", 0..3), Some("cs"));
        assert_eq!(words.lure_in("bcacss", 0..3), None);
        assert!(words.lure_glued_after("bcalog-in", 3));
        assert!(!words.lure_glued_after("bcalogistik", 3));
    }

    /// `LKLU` of these words, in this order.
    fn section_of(list: &[&str]) -> Vec<u8> {
        let mut out = (list.len() as u32).to_le_bytes().to_vec();
        let mut end = 0u32;
        for w in list {
            end += w.len() as u32;
            out.extend_from_slice(&end.to_le_bytes());
        }
        out.extend(list.concat().bytes());
        out
    }

    #[test]
    fn a_lure_word_of_five_letters_or_more_also_counts_with_one_letter_doubled() {
        let bytes = section_of(&["unlock", "security", "login"]);
        let words = LureWords::new(&bytes).expect("view");
        // OpenPhish: `www-apple-securitty.info`, `amaxzooon-loggin.wasoulmadeh.com`.
        assert_eq!(words.lure_in("www-apple-securitty", 4..9), Some("security"));
        assert_eq!(words.lure_in("amaxzooon-loggin", 0..9), Some("login"));
        // A letter added that does not repeat its neighbour is another word: `unblocked`
        // (top-100k `unblockedgames.world`) is not `unlock`, `longines` is not `login`.
        assert_eq!(words.lure_in("apple-unblockedgames", 0..5), None);
        assert_eq!(words.lure_in("apple-longines", 0..5), None);
    }
}
