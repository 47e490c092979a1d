//! Brands named where a kit dresses its page: the path, the page's own words.

use super::hit::Hit;
use super::index::brand_key_len;
use super::{Finding, Lookalike};
use crate::code;

/// The most page text [`Lookalike::brand_in_text`] reads (bytes) ...
pub const PAGE_TEXT_MAX: usize = 4096;
/// ... and words.
const PAGE_WORDS_MAX: usize = 600;
/// A brand right after one of these words is a third-party login button ("Sign in with
/// Google", "Masuk dengan Facebook", "Login via Apple"), not the page pretending to be it.
const SIGN_IN_WITH: &[&str] = &["with", "dengan", "via", "using", "menggunakan", "pakai"];

impl<'a> Lookalike<'a> {
    /// A curated brand named in the path of a page that is not the brand's
    /// (`someone.github.io/dana/`, `/wellsfargo/login.php`): a kit page dressed as the brand.
    /// On a user's page of a hosting platform (`hosted`) the name alone is context (15), with a
    /// lure word in the path or the host 25; on any other site only the pair counts (20). Whole path tokens
    /// only (letters, split at anything else), the query and fragment not read. Reason
    /// `brand.in_path` with `brand`, `target` and `keyword`; the finding suggests the official
    /// domain.
    pub fn path_brand(&self, path: &str, hosted: bool, host: &str) -> Finding {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if path.len() < 4 || path.len() > 2048 {
            return Finding::default();
        }
        let lower = path.to_ascii_lowercase();
        let mut tokens: Vec<(usize, &str)> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in lower.bytes().chain(std::iter::once(b'/')).enumerate() {
            match (c.is_ascii_lowercase(), start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    tokens.extend(lower.get(a..i).map(|t| (a, t)));
                    start = None;
                }
                _ => {}
            }
        }
        for &(at, tok) in &tokens {
            if !(3..=24).contains(&tok.len()) || brand_key_len(tok).is_none() {
                continue;
            }
            let Some(rec) = self
                .candidates(&self.brands, tok)
                .into_iter()
                .find(|r| r.label == tok)
            else {
                continue;
            };
            // A lure word in the path, or in the host (`layanan-app.com/Dana/`).
            let lure = self
                .lures
                .lure_in(&lower, at..at + tok.len())
                .or_else(|| self.lures.lure_in(host, 0..0));
            let score = match (hosted, lure.is_some()) {
                (true, true) => 25,
                (true, false) => 15,
                (false, true) => 20,
                (false, false) => continue,
            };
            let mut h = Hit::new(code::BRAND_IN_PATH, "path", score, &rec);
            h.keyword = lure.map(str::to_string);
            return h.into_finding();
        }
        Finding::default()
    }

    /// The first curated brand a page's own words name (`Masuk ke BCA`, `Bank Mandiri`,
    /// `Steam Community`): a brand key equal to one word, or to two neighbouring words written
    /// together. ASCII letters and digits only, case folded; at most the first
    /// [`PAGE_TEXT_MAX`] bytes and [`PAGE_WORDS_MAX`] words are read. Reason `page.brand` with
    /// `score` points, `brand` and `target`; the finding suggests the official domain.
    pub fn brand_in_text(&self, text: &str, score: u8) -> Finding {
        let lower = crate::text::prefix_within(text, PAGE_TEXT_MAX).to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(PAGE_WORDS_MAX)
            .collect();
        let find = |key: &str| {
            if brand_key_len(key).is_none() || key.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            self.candidates(&self.brands, key)
                .into_iter()
                .find(|r| r.label == key)
        };
        for (i, w) in words.iter().enumerate() {
            // "Sign in with Google", "Masuk dengan Facebook": another site's login button.
            let prev = i.checked_sub(1).and_then(|p| words.get(p)).copied();
            if prev.is_some_and(|p| SIGN_IN_WITH.contains(&p)) {
                continue;
            }
            let pair = words.get(i + 1).map(|n| format!("{w}{n}"));
            let rec = pair.as_deref().and_then(find).or_else(|| find(w));
            if let Some(rec) = rec {
                return Hit::new(code::PAGE_BRAND, "page", score, &rec).into_finding();
            }
        }
        Finding::default()
    }
}
