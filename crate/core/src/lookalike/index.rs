//! The lookalike indexes' shared arithmetic: which deletions a target is indexed under, and
//! the brand-key prefix bit set and length mask (the builder writes them, [`super::Lookalike`]
//! reads them).

use crate::targets::{CRYPTO, OFFICIAL};

// The folds live in the data file's `CONF` section: see [`crate::confusables`]. The builder
// computes the index keys with `unicode-security` directly (the same folds, checked by the tests).

/// A label at least this long may be 2 edits away from an official one.
pub(crate) const LONG: usize = 10;

/// Shortest crypto label matched two edits away (`binance`, `uniswap`; `kraken` is two edits
/// from `raven`).
const CRYPTO_LONG: usize = 7;

/// The most edits a typo of a target with these flags and this (skeleton) length may have.
pub(crate) fn max_distance(flags: u8, len: usize) -> usize {
    let official = flags & OFFICIAL != 0;
    if official && (len >= LONG || flags & CRYPTO != 0 && len >= CRYPTO_LONG) {
        2
    } else {
        1
    }
}

pub(crate) fn deletions(s: &[char], depth: usize) -> Vec<String> {
    let mut out: Vec<String> = vec![s.iter().collect()];
    let mut frontier: Vec<Vec<char>> = vec![s.to_vec()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for w in &frontier {
            for i in 0..w.len() {
                let mut v = w.clone();
                v.remove(i);
                next.push(v);
            }
        }
        next.sort();
        next.dedup();
        out.extend(next.iter().map(|v| v.iter().collect::<String>()));
        frontier = next;
    }
    out.sort();
    out.dedup();
    out
}

/// Size of the brand-key prefix bit set: 38 × 38 bits.
pub(crate) const BIGRAM_BYTES: usize = (38usize * 38).div_ceil(8);

fn bigram_class(c: u8) -> usize {
    match c {
        b'a'..=b'z' => usize::from(c - b'a'),
        b'0'..=b'9' => 26 + usize::from(c - b'0'),
        b'-' => 36,
        _ => 37,
    }
}

/// The bit of a key's first two bytes in the prefix bit set.
pub(crate) fn bigram_index(c0: u8, c1: u8) -> usize {
    bigram_class(c0) * 38 + bigram_class(c1)
}

pub(super) fn bigram_set(bits: &[u8], c0: u8, c1: u8) -> bool {
    let i = bigram_index(c0, c1);
    bits.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0)
}

/// Brand keys are 3..=31 bytes (the length mask is a u32).
pub(crate) fn brand_key_len(key: &str) -> Option<u32> {
    let n = key.len();
    (3..32).contains(&n).then_some(n as u32)
}
