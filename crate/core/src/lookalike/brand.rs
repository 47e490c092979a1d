//! Brand keys inside a host: combosquats, brands in subdomains, misspelt brands inside words.

use super::hit::Hit;
use super::index::{bigram_set, brand_key_len};
use super::{HostView, Lookalike};
use crate::code;
use crate::targets::{DomainRecord, OFFICIAL, TYPO};

/// Shortest brand key (after collapsing doubled letters) matched with a typo inside a word.
const FUZZY_MIN: usize = 6;
/// Words of a host tried by the fuzzy brand match.
const FUZZY_WORDS: usize = 6;
/// Longest word prefix tried by the fuzzy brand match (brand keys are shorter).
const FUZZY_MAX: usize = 24;

impl<'a> Lookalike<'a> {
    /// A misspelt official brand as one hyphen token of the label: `auth-start-trezer.github.io`,
    /// `metamusk-login-1.gitbook.io`. Context alone; with a lure word or on a hosting platform
    /// it adds up.
    pub(super) fn token_typo_hit(&self, label: &str, v: &HostView<'_>) -> Option<Hit> {
        if !label.contains('-') || label.starts_with("xn--") {
            return None;
        }
        let mut offset = 0;
        for tok in label.split('-') {
            let range = offset..offset + tok.len();
            offset += tok.len() + 1;
            if tok.len() < 6 || !tok.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let Some(t) = self.typo_on(tok, "", false) else {
                continue;
            };
            if t.distance != Some(1) {
                continue;
            }
            let mut h = Hit {
                code: code::COMBOSQUAT,
                kind: "token_typo",
                score: 25,
                ..t
            };
            h.add_context(&self.lures, label, range, v);
            return Some(h);
        }
        None
    }

    /// A misspelt brand at the start of a word of the host, followed by anything:
    /// `coiibasseexteossion.webflow.io`, `metaamaassilogg.gitbook.io`, `telgramsignalss.sg-host.com`,
    /// `steaamcommunlty.com`. Letters doubled or tripled count once on both sides, then one edit
    /// inside the name (its first and last letters kept: `cloud` is not `icloud`) of a curated
    /// brand key of 6+ letters. Context like `token_typo` (25, +25 with a lure word, +15 on a
    /// hosting platform): a misspelt brand alone does not warn. When the whole registrable label
    /// is the misspelt name it is a typosquat (`lookalike.typo`, kind `doubled`: 60 under the
    /// official suffix, 30 under another).
    pub(super) fn fuzzy_brand_hit(
        &self,
        sub: &str,
        label: &str,
        suffix: &str,
        v: &HostView<'_>,
    ) -> Option<Hit> {
        let text = host_below_suffix(sub, label);
        if text.contains("xn--") {
            return None;
        }
        let b = text.as_bytes();
        let mut words = 0usize;
        for start in 0..b.len() {
            let at_word = start == 0
                || b.get(start - 1)
                    .is_some_and(|c| matches!(c, b'.' | b'-') || c.is_ascii_digit());
            if !at_word || !b.get(start).is_some_and(|c| c.is_ascii_lowercase()) {
                continue;
            }
            let word = fold_word(b, start);
            let (folded, ends) = (word.letters(), word.ends());
            let (Some(&c0), Some(&c1)) = (folded.first(), folded.get(1)) else {
                continue;
            };
            if !bigram_set(self.bigrams, c0 as u8, c1 as u8) {
                continue;
            }
            // Bounded work on hostile hosts (`metamaskx-metamaskx-...`): the first few words
            // that could start a brand key.
            words += 1;
            if words > FUZZY_WORDS {
                break;
            }
            for w in (FUZZY_MIN - 1)..=folded.len() {
                let Some(win) = folded.get(..w) else { break };
                // Nearly every window has no key in the index: the ends of the brand names, then
                // the key filter turn it away before the keys are put in order.
                if !self.fuzzy_ends.may_match(win)
                    || !super::edits::any_deletion_hash(win, |h| self.deletes.may_contain(h))
                {
                    continue;
                }
                let wstr: String = win.iter().collect();
                for key in super::edits::deletion_hashes(win) {
                    for rec in self.candidates_of(&self.deletes, key) {
                        if rec.flags & OFFICIAL == 0 || rec.flags & TYPO == 0 {
                            continue;
                        }
                        let Some(key_rec) = self
                            .candidates(&self.brands, rec.label)
                            .into_iter()
                            .find(|k| k.label == rec.label)
                        else {
                            continue;
                        };
                        let t: Vec<char> = collapse_runs(rec.label).chars().collect();
                        if t.len() < FUZZY_MIN || t.first() != win.first() || t.last() != win.last()
                        {
                            continue;
                        }
                        let tstr: String = t.iter().collect();
                        let d = strsim::osa_distance(&wstr, &tstr);
                        let end = ends.get(w - 1).copied().unwrap_or(b.len());
                        let piece = text.get(start..end).unwrap_or("");
                        // Exact (and the doubled-letter forms of short keys) is `brand_hit`'s.
                        if d > 1 || piece == rec.label {
                            continue;
                        }
                        // The whole registrable label is the misspelt name: a typosquat
                        // (`steaamcommunlty.com`), scored like one edit of the official label.
                        if start + label.len() == text.len()
                            && end == text.len()
                            && piece.bytes().all(|c| c.is_ascii_lowercase())
                        {
                            let score = if rec.suffix == suffix { 60 } else { 30 };
                            let mut h = Hit::new(code::TYPO, "doubled", score, &rec);
                            h.distance = Some(d.max(1));
                            return Some(h);
                        }
                        let mut h = Hit::new(code::COMBOSQUAT, "brand_typo", 25, &key_rec);
                        h.distance = Some(d.max(1));
                        h.add_context(&self.lures, &text, start..end, v);
                        return Some(h);
                    }
                }
            }
        }
        None
    }

    /// Brand keys inside the host: combosquats (`bri-promo.xyz`, `paypalsecure.com`) and brands
    /// in subdomains (`bca.verify-now.xyz`).
    pub(super) fn brand_hit(
        &self,
        sub: &str,
        label: &str,
        suffix: &str,
        v: &HostView<'_>,
    ) -> Option<Hit> {
        let text = host_below_suffix(sub, label);
        let (mut found, edge) = self.keys_in(&text, sub, label);
        if found.is_none() {
            found = self.doubled_key(&text);
        }
        let mut weak = false;
        if found.is_none() {
            found = edge.filter(|(_, r)| self.lures.lure_in(&text, r.clone()).is_some());
            weak = found.is_some();
        }
        let (rec, range) = found?;
        let mut h = brand_reason(&text, label, &rec, range.clone());
        let suffix_tokens: Vec<&str> = rec.suffix.split('.').collect();
        let rest_tokens = text
            .get(range.end..)
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_alphabetic())
            .chain(
                text.get(..range.start)
                    .unwrap_or("")
                    .split(|c: char| !c.is_ascii_alphabetic()),
            )
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>();
        if let Some(w) = self.lures.lure_in(&text, range) {
            h.score += if weak { 15 } else { 30 };
            h.keyword = Some(w.to_string());
        } else if rest_tokens.iter().any(|t| suffix_tokens.contains(t)) {
            h.score += 25;
            h.kind = "sld_swap";
        }
        if v.private_suffix {
            h.score += 15;
            h.hosting = Some(suffix.to_string());
        }
        Some(h)
    }

    /// The brand keys written in `text` (`sub.label`): the longest key at word boundaries
    /// (`found`), and the first short key inside a word next to a lure word (`edge`, counted
    /// only when a lure word is outside it).
    fn keys_in(
        &self,
        text: &str,
        sub: &str,
        label: &str,
    ) -> (Option<KeyAt<'a>>, Option<KeyAt<'a>>) {
        let b = text.as_bytes();
        let mut found: Option<KeyAt<'a>> = None;
        let mut edge: Option<KeyAt<'a>> = None;
        for start in 0..b.len() {
            if !b.get(start).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let (Some(&c0), Some(&c1)) = (b.get(start), b.get(start + 1)) else {
                continue;
            };
            // The lengths of the keys that start so (none: no key starts here).
            let mask = self.key_lens.of(c0, c1);
            if mask == 0 {
                continue;
            }
            let at_boundary =
                start == 0 || b.get(start - 1).is_some_and(|c| !c.is_ascii_alphabetic());
            for len in 3..32usize {
                if mask & (1 << len) == 0 || start + len > b.len() {
                    continue;
                }
                let Some(piece) = text.get(start..start + len) else {
                    continue;
                };
                if !piece
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-')
                {
                    continue;
                }
                let end_boundary = b
                    .get(start + len)
                    .map_or(true, |c| !c.is_ascii_alphabetic());
                // A short key inside a word counts only at its start and only next to a lure
                // word (`danaxpaylater`, `layanan-danaid`), for less: see `edge` below.
                let inside_word = len < 5 && !(at_boundary && end_boundary);
                // ... or, glued to a lure word, at the end of a word (`officialdana`,
                // `loginbca`) or between two (`claim|dana|opisial`, not `login|dana|lytics`); a
                // 3-letter key only glued to one (`dhlservice`, `bcalogin`).
                let glued = inside_word
                    && if at_boundary {
                        len >= 4 || self.lures.lure_glued_after(text, start + len)
                    } else {
                        (end_boundary || self.lures.lure_glued_after(text, start + len))
                            && self.lures.lure_glued_before(text, start)
                    };
                if inside_word && !glued {
                    continue;
                }
                for rec in self.candidates(&self.brands, piece) {
                    if rec.label != piece {
                        continue;
                    }
                    if inside_word {
                        if edge.is_none() {
                            edge = Some((rec, start..start + len));
                        }
                        continue;
                    }
                    // The whole registrable label equal to the key is a swap, handled elsewhere.
                    if piece == label && sub.is_empty() {
                        continue;
                    }
                    if found.as_ref().map_or(true, |(f, _)| f.label.len() < len) {
                        found = Some((rec, start..start + len));
                    }
                }
            }
        }
        (found, edge)
    }

    /// Short brand keys with a letter repeated (`danaa`, `daana`, `briii`): whole tokens only.
    fn doubled_key(&self, text: &str) -> Option<KeyAt<'a>> {
        let mut offset = 0;
        for tok in text.split(|c: char| !c.is_ascii_alphabetic()) {
            let range = offset..offset + tok.len();
            offset += tok.len() + 1;
            if tok.len() < 4 || tok.len() > 12 {
                continue;
            }
            let collapsed = collapse_runs(tok);
            if collapsed.len() == tok.len() || brand_key_len(&collapsed).is_none() {
                continue;
            }
            if let Some(rec) = self
                .candidates(&self.brands, &collapsed)
                .into_iter()
                .find(|r| r.label == collapsed)
            {
                return Some((rec, range));
            }
        }
        None
    }
}

/// A key found in `text` and where.
type KeyAt<'a> = (DomainRecord<'a>, std::ops::Range<usize>);

/// The reason a brand key at `range` of `text` gives before its context: a combosquat in the
/// registrable label, else a brand in a subdomain.
fn brand_reason(
    text: &str,
    label: &str,
    rec: &DomainRecord<'_>,
    range: std::ops::Range<usize>,
) -> Hit {
    let b = text.as_bytes();
    let in_label = range.start >= text.len() - label.len();
    // The brand as a whole subdomain label (`apple.dec852.com`, `paypal.secure-id.net`): the
    // address reads as the brand's own site to anyone who reads it from the left.
    // Short keys are also names and words (`dana`, `tri`, `momo`): not raised.
    let whole_label = !in_label
        && range.len() >= 5
        && (range.start == 0 || b.get(range.start - 1) == Some(&b'.'))
        && b.get(range.end) == Some(&b'.');
    Hit::new(
        if in_label {
            code::COMBOSQUAT
        } else {
            code::EMBEDDED
        },
        if in_label {
            "combosquat"
        } else if whole_label {
            "subdomain_label"
        } else {
            "subdomain"
        },
        if whole_label { 40 } else { 30 },
        rec,
    )
}

/// The word of `b` at `start` and what follows it in the same label, letters only, runs
/// collapsed (at most [`FUZZY_MAX`]), with the end in `b` of each folded letter. On the stack:
/// it is formed for every word of every host the fuzzy search reads.
fn fold_word(b: &[u8], start: usize) -> FoldedWord {
    let mut w = FoldedWord {
        letters: ['\0'; FUZZY_MAX],
        ends: [0; FUZZY_MAX],
        len: 0,
    };
    for (i, &c) in b.iter().enumerate().skip(start) {
        if c == b'.' || w.len >= FUZZY_MAX {
            break;
        }
        if !c.is_ascii_lowercase() {
            continue;
        }
        let c = c as char;
        let run = w.len > 0 && w.letters.get(w.len - 1) == Some(&c);
        if !run {
            w.len += 1;
        }
        // The end of the letter just read (a run's last letter ends it).
        if let (Some(l), Some(e)) = (w.letters.get_mut(w.len - 1), w.ends.get_mut(w.len - 1)) {
            *l = c;
            *e = i + 1;
        }
    }
    w
}

/// What [`fold_word`] reads: `letters()` and, for each, its end in the host.
struct FoldedWord {
    letters: [char; FUZZY_MAX],
    ends: [usize; FUZZY_MAX],
    len: usize,
}

impl FoldedWord {
    fn letters(&self) -> &[char] {
        self.letters.get(..self.len).unwrap_or_default()
    }

    fn ends(&self) -> &[usize] {
        self.ends.get(..self.len).unwrap_or_default()
    }
}

/// `s` with every run of one character written once (`daana` → `dana`).
/// The lengths of the brand names the fuzzy brand search can report, by their first and last
/// letters (a hash of the pair: a collision only lets more windows through): a window whose
/// ends and length (within one) match no brand name is not searched. Built at load from the
/// brand keys' records (a few hundred).
#[derive(Clone, Copy, Debug)]
pub(super) struct FuzzyEnds([u64; 64]);

impl FuzzyEnds {
    fn slot(first: char, last: char) -> usize {
        ((u32::from(first).wrapping_mul(31) ^ u32::from(last)) & 63) as usize
    }

    pub(super) fn new<'l>(labels: impl Iterator<Item = &'l str>) -> FuzzyEnds {
        let mut ends = [0u64; 64];
        for label in labels {
            let t: Vec<char> = collapse_runs(label).chars().collect();
            if let (Some(&f), Some(&l), true) = (t.first(), t.last(), t.len() >= FUZZY_MIN) {
                if let Some(m) = ends.get_mut(FuzzyEnds::slot(f, l)) {
                    *m |= 1 << t.len().min(63);
                }
            }
        }
        FuzzyEnds(ends)
    }

    /// Whether a brand name of `win`'s first and last letters and of its length, one less or
    /// one more (one edit) exists.
    fn may_match(&self, win: &[char]) -> bool {
        let (Some(&f), Some(&l)) = (win.first(), win.last()) else {
            return false;
        };
        let w = win.len();
        let near = (w.saturating_sub(1)..=w + 1).fold(0u64, |m, n| m | 1 << n.min(63));
        self.0
            .get(FuzzyEnds::slot(f, l))
            .is_some_and(|m| m & near != 0)
    }
}

/// The lengths of the brand keys by their first two bytes ([`super::index::bigram_index`]):
/// where a key can start in a host and how long it can be, so `keys_in` looks up only those
/// pieces. Built at load from the brand keys' records, like [`FuzzyEnds`].
#[derive(Clone, Copy, Debug)]
pub(super) struct KeyLens([u32; 38 * 38]);

impl KeyLens {
    pub(super) fn new<'l>(keys: impl Iterator<Item = &'l str>) -> KeyLens {
        let mut lens = [0u32; 38 * 38];
        for key in keys {
            let b = key.as_bytes();
            if let (Some(&c0), Some(&c1), Some(n)) = (b.first(), b.get(1), brand_key_len(key)) {
                if let Some(m) = lens.get_mut(super::index::bigram_index(c0, c1)) {
                    *m |= 1 << n;
                }
            }
        }
        KeyLens(lens)
    }

    /// Bit `n` set: a brand key of `n` bytes starts with `c0 c1`.
    fn of(&self, c0: u8, c1: u8) -> u32 {
        self.0
            .get(super::index::bigram_index(c0, c1))
            .copied()
            .unwrap_or(0)
    }
}

fn collapse_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The host without its public suffix: `sub.label`, or `label` alone.
fn host_below_suffix(sub: &str, label: &str) -> String {
    if sub.is_empty() {
        label.to_string()
    } else {
        format!("{sub}.{label}")
    }
}
