//! Typosquats: edit distance against the deletion index, labels split by dots, the suffix
//! glued into the label.

use super::hit::Hit;
use super::index::max_distance;
use super::Lookalike;
use crate::code;
use crate::confusables::SkeletonBuf;
use crate::targets::{CRYPTO, OFFICIAL, RANKED, SHORT, TYPO};

/// Points of a typo of a crypto brand's official label under another suffix (one / two edits):
/// suspicious alone, unlike other brands' (30).
const CRYPTO_OTHER_SUFFIX: [u8; 2] = [45, 40];

/// Points of one edit of a ranked popular site under its own suffix (`outlok.com`).
pub(super) const RANKED_TYPO: u8 = 45;

/// Points of one added character to a short official name under its own country-code suffix.
const SHORT_TYPO: u8 = 45;

fn keyboard_or_visual(a: char, b: char) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    const VISUAL: [(char, char); 10] = [
        ('c', 'e'),
        ('b', 'd'),
        ('g', 'q'),
        ('m', 'n'),
        ('n', 'r'),
        ('i', 'l'),
        ('o', '0'),
        ('l', '1'),
        ('u', 'v'),
        ('v', 'y'),
    ];
    if VISUAL
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    {
        return true;
    }
    let pos = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|i| (r as i32, i as i32)))
    };
    match (pos(a), pos(b)) {
        (Some((ra, ia)), Some((rb, ib))) => (ra - rb).abs() <= 1 && (ia - ib).abs() <= 1,
        _ => false,
    }
}

/// A hyphen that cuts one or two letters off the end of a name (`outlo-ok`, `outloo-k`), not
/// a word boundary (`wal-mart`) nor a prefix (`e-`, `i-`, `my-` names are common).
fn odd_hyphen(q: &str) -> bool {
    q.split_once('-')
        .is_some_and(|(a, b)| a.len() >= 3 && (1..=2).contains(&b.len()))
}

/// One name is the other with an `s` at the end (`answer`/`answers`): real sites differ so.
fn plural_pair(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

/// Names the single edit between `q` and `t` (distance 1).
fn edit_kind(q: &[char], t: &[char]) -> (&'static str, bool) {
    let p = q.iter().zip(t.iter()).take_while(|(a, b)| a == b).count();
    match q.len().cmp(&t.len()) {
        std::cmp::Ordering::Less => {
            let rep = p > 0 && t.get(p) == t.get(p - 1);
            ("omission", rep)
        }
        std::cmp::Ordering::Greater => {
            let c = q.get(p).copied();
            if c == Some('-') {
                ("hyphenation", false)
            } else if p > 0 && q.get(p - 1).copied() == c {
                ("repetition", false)
            } else {
                ("insertion", false)
            }
        }
        std::cmp::Ordering::Equal => {
            if q.get(p + 1) == t.get(p)
                && q.get(p) == t.get(p + 1)
                && q.get(p + 2..) == t.get(p + 2..)
            {
                ("transposition", true)
            } else {
                let (a, b) = (
                    q.get(p).copied().unwrap_or(' '),
                    t.get(p).copied().unwrap_or(' '),
                );
                let bit = (a as u32 ^ b as u32).count_ones() == 1;
                if keyboard_or_visual(a, b) {
                    ("replacement", true)
                } else if bit {
                    ("bitsquatting", false)
                } else {
                    ("replacement", false)
                }
            }
        }
    }
}

impl<'a> Lookalike<'a> {
    /// Typosquats of typo targets (edit distance on the registrable label).
    pub(super) fn typo_hit(&self, label: &str, suffix: &str) -> Option<Hit> {
        if label.starts_with("xn--") {
            return None;
        }
        self.typo_on(label, suffix, false)
    }

    pub(super) fn typo_on(&self, q: &str, suffix: &str, unicode: bool) -> Option<Hit> {
        let qs: Vec<char> = self.confusables.strict_skeleton(q).chars().collect();
        if qs.len() < 3 || qs.len() > 63 {
            return None;
        }
        // The query's 1-deletions against the targets' 1- (2- for long official names)
        // deletions: every single edit, and two edits of a long name when one is an omission.
        let qstr: String = qs.iter().collect();
        let mut best: Option<Hit> = None;
        let mut seen: Vec<u32> = Vec::new();
        for key in super::edits::deletion_hashes(&qs) {
            for rec in self.candidates_of(&self.deletes, key) {
                if rec.flags & (TYPO | SHORT) == 0 || seen.contains(&rec.id) {
                    continue;
                }
                seen.push(rec.id);
                let ts: Vec<char> = self
                    .confusables
                    .strict_skeleton(rec.label)
                    .chars()
                    .collect();
                let official = rec.flags & OFFICIAL != 0;
                let same_suffix = rec.suffix == suffix;
                let max = max_distance(rec.flags, ts.len());
                let tstr: String = ts.iter().collect();
                let d = strsim::osa_distance(&qstr, &tstr);
                if d == 0 || d > max {
                    continue;
                }
                // Short names: one edit of a 4-letter name is another word, except one added
                // character under the brand's own country-code suffix (`jneh.co.id`).
                let short = ts.len() < 5;
                if short
                    && (rec.flags & SHORT == 0
                        || !same_suffix
                        || unicode
                        || qs.len() != ts.len() + 1
                        || qs.first() == Some(&'-')
                        || qs.last() == Some(&'-'))
                {
                    continue;
                }
                let (kind, weighted) = if d == 1 {
                    edit_kind(&qs, &ts)
                } else {
                    ("distance2", false)
                };
                // A typo of an official name under its own suffix is the attack; a typo under
                // another suffix, or of a popular site, is context only (below suspicious alone).
                // A ranked popular site (not curated) weighs less: one edit of it warns under
                // its own suffix only, and a hyphen added (`wal-mart`) is a common real variant.
                let ranked = rec.flags & RANKED != 0 && !official;
                if ranked
                    && (!same_suffix
                        || kind == "hyphenation" && !odd_hyphen(&qstr)
                        || plural_pair(&qstr, &tstr))
                {
                    continue;
                }
                let crypto = rec.flags & CRYPTO != 0;
                let mut score: u8 = match (official, same_suffix, d) {
                    (true, true, _) if short => SHORT_TYPO,
                    (true, true, 1) => 60,
                    (true, true, _) => 50,
                    (true, false, 1) if crypto => CRYPTO_OTHER_SUFFIX[0],
                    (true, false, _) if crypto => CRYPTO_OTHER_SUFFIX[1],
                    (true, false, _) => 30,
                    (false, true, _) if ranked => RANKED_TYPO,
                    (false, true, _) => 20,
                    (false, false, _) => 10,
                };
                if weighted && (official || ranked) && same_suffix {
                    score += 5;
                }
                if unicode {
                    score = score.max(60);
                }
                let mut h = Hit::new(code::TYPO, kind, score, &rec);
                h.distance = Some(d);
                if best.as_ref().map_or(true, |b| h.score > b.score) {
                    best = Some(h);
                }
            }
        }
        best
    }

    /// A target's label split by dots into subdomains: `go.ogle.com`, `dan.amon.co.id`.
    pub(super) fn split_hit(&self, sub: &str, label: &str, suffix: &str) -> Option<Hit> {
        if sub.is_empty() {
            return None;
        }
        // Join the last few subdomain labels with the registrable label.
        let labels: Vec<&str> = sub.split('.').collect();
        let mut joined = label.to_string();
        let mut buf = SkeletonBuf::default();
        for l in labels.iter().rev().take(3) {
            joined.insert_str(0, l);
            if joined.len() < 5 {
                continue;
            }
            for rec in self.candidates(
                &self.skeletons,
                self.confusables.loose_skeleton_in(&joined, &mut buf),
            ) {
                if rec.label == joined && rec.suffix == suffix {
                    let score = if rec.flags & OFFICIAL != 0 { 60 } else { 50 };
                    return Some(Hit::new(code::TYPO, "split", score, &rec));
                }
            }
        }
        None
    }

    /// A target's domain with its dots dropped or hyphenated into one label: `paypalcom.com`,
    /// `danaid.id`, `metamask-io.com`.
    pub(super) fn suffix_in_label_hit(&self, label: &str) -> Option<Hit> {
        let n = label.len();
        let mut buf = SkeletonBuf::default();
        for k in (n.saturating_sub(7).max(3)..n.saturating_sub(1)).rev() {
            let (Some(head), Some(tail)) = (label.get(..k), label.get(k..)) else {
                continue;
            };
            let tail = tail.trim_start_matches('-');
            if tail.is_empty() || tail.len() > 8 {
                continue;
            }
            for rec in self.candidates(
                &self.skeletons,
                self.confusables.loose_skeleton_in(head, &mut buf),
            ) {
                if rec.label != head || rec.suffix.is_empty() {
                    continue;
                }
                let joined: String = rec.suffix.split('.').collect();
                let hyph = rec.suffix.replace('.', "-");
                if tail != joined && tail != hyph {
                    continue;
                }
                // Popular sites: context only (domain hacks like `rebrand.ly` make `rebrandly.com`
                // a real, different site).
                let score = if rec.flags & OFFICIAL != 0 {
                    60
                } else if head.len() >= 5 {
                    25
                } else {
                    continue;
                };
                return Some(Hit::new(code::TYPO, "suffix_in_label", score, &rec));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_kinds() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_kind(&c("gogle"), &c("google")).0, "omission");
        assert_eq!(edit_kind(&c("googgle"), &c("google")).0, "repetition");
        assert_eq!(edit_kind(&c("goolge"), &c("google")).0, "transposition");
        assert_eq!(
            edit_kind(&c("bank-mandiri"), &c("bankmandiri")).0,
            "hyphenation"
        );
    }
}
