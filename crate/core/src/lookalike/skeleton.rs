//! Homographs (Unicode or ASCII lookalikes, by skeleton) and exact-label TLD swaps.

use super::hit::Hit;
use super::typo::RANKED_TYPO;
use super::Lookalike;
use crate::code;
use crate::targets::{BRAND, OFFICIAL, RANKED};

/// Points of an official label under another suffix (`bca.id`, `adidas.co.id`): context only.
/// Brands run country sites under many suffixes (105 of the 155 top-100k sites of 2026 Waspada
/// flagged were such), and Chromium does not flag TLD swaps at all: a swap warns only with a
/// second signal — an abused TLD (10+ points) or a lure word in the URL.
const TLD_SWAP: u8 = 30;

impl<'a> Lookalike<'a> {
    /// Homographs (Unicode or ASCII lookalikes) and exact-label swaps.
    pub(super) fn skeleton_hit(&self, label: &str, suffix: &str) -> Option<Hit> {
        let unicode = if label.starts_with("xn--") {
            let (u, res) = idna::domain_to_unicode(label);
            if res.is_err() {
                return None;
            }
            Some(u)
        } else {
            None
        };
        let shown = unicode.as_deref().unwrap_or(label);
        let strict = self.confusables.strict_skeleton(shown);
        let loose = crate::confusables::loosen(&strict);
        let ascii_lookalike = unicode.is_none() && strict != label;
        let mut best: Option<Hit> = None;
        for rec in self.candidates(&self.skeletons, &loose) {
            let same_suffix = rec.suffix == suffix;
            let official = rec.flags & OFFICIAL != 0;
            let hit = if unicode.is_none() && rec.label == label {
                // Same label, other suffix: a TLD / second-level swap (official targets only:
                // many popular brands legitimately own many ccTLDs).
                (official && !same_suffix && rec.label.len() >= 3)
                    .then(|| Hit::new(code::TLD_SWAP, "swap", TLD_SWAP, &rec))
            } else if unicode.is_some() {
                let exact = self.confusables.strict_skeleton(rec.label) == strict;
                let score = match (exact, same_suffix) {
                    (true, true) => 80,
                    (false, true) => 70,
                    (true, false) => 65,
                    (false, false) => 60,
                };
                Some(Hit::new(
                    code::HOMOGLYPH,
                    if exact {
                        "homoglyph"
                    } else {
                        "homoglyph_loose"
                    },
                    score,
                    &rec,
                ))
            } else if ascii_lookalike
                && self.confusables.strict_skeleton(rec.label) == strict
                && rec.label.len() >= 4
            {
                let ranked = rec.flags & RANKED != 0;
                let score = match (official, same_suffix) {
                    (true, true) => 65,
                    (true, false) => 45,
                    (false, true) if ranked => RANKED_TYPO + 5,
                    // A popular name of letters only, written with digits or `rn`/`vv`.
                    (false, true)
                        if rec.label.len() >= 6
                            && rec.label.bytes().all(|b| b.is_ascii_lowercase()) =>
                    {
                        40
                    }
                    (false, true) => 25,
                    (false, false) => 10,
                };
                Some(Hit::new(code::HOMOGLYPH, "ascii", score, &rec))
            } else if (official && rec.flags & BRAND != 0 || rec.flags & RANKED != 0)
                && rec.label.len() >= 5
                && rec.label != label
            {
                // Letters swapped for lookalike ASCII letters (`gooqle`, `c`/`e`): official
                // brands and ranked sites only (those under their own suffix only).
                let score = match (official, same_suffix) {
                    (true, true) => 55,
                    (true, false) => 20,
                    (false, true) => RANKED_TYPO,
                    (false, false) => continue,
                };
                Some(Hit::new(code::HOMOGLYPH, "ascii_loose", score, &rec))
            } else {
                None
            };
            if let Some(h) = hit {
                if best.as_ref().map_or(true, |b| h.score > b.score) {
                    best = Some(h);
                }
            }
        }
        // A Unicode label one edit away from a target after folding is still a homograph attack.
        if best.is_none() && unicode.is_some() && strict.chars().count() >= 4 {
            if let Some(mut h) = self.typo_on(&strict, suffix, true) {
                h.code = code::HOMOGLYPH;
                h.kind = "homoglyph_typo";
                h.score = h.score.max(60);
                best = Some(h);
            }
        }
        best
    }
}
