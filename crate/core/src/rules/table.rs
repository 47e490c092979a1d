//! The sorted string table of the `RULE` section, viewed in place.

use super::*;
use crate::format::partition_point;

/// A sorted string table viewed in place.
#[derive(Clone, Copy, Debug)]
pub(super) struct StrTable<'a> {
    pub(super) n: usize,
    pub(super) width: usize,
    pub(super) ends: &'a [u8],
    pub(super) values: &'a [u8],
    pub(super) text: &'a [u8],
}

impl<'a> StrTable<'a> {
    pub(super) fn parse(
        bytes: &'a [u8],
        name: &str,
        width: u32,
    ) -> Result<StrTable<'a>, DataError> {
        let bad = |what: &str| DataError::Corrupt(format!("rules {name} table: {what}"));
        let n = read_u32(bytes, 0).ok_or_else(|| bad("truncated header"))? as usize;
        let w = read_u32(bytes, 4).ok_or_else(|| bad("truncated header"))?;
        if w != width {
            return Err(bad(&format!("value width {w}, expected {width}")));
        }
        let width = w as usize;
        let ends_len = n
            .checked_mul(4)
            .ok_or_else(|| bad("entry count overflows"))?;
        let values_len = n
            .checked_mul(width)
            .ok_or_else(|| bad("entry count overflows"))?;
        let ends_end = 8usize
            .checked_add(ends_len)
            .ok_or_else(|| bad("entry count overflows"))?;
        let values_end = ends_end
            .checked_add(values_len)
            .ok_or_else(|| bad("entry count overflows"))?;
        let ends = bytes
            .get(8..ends_end)
            .ok_or_else(|| bad("offsets overrun the table"))?;
        let values = bytes
            .get(ends_end..values_end)
            .ok_or_else(|| bad("values overrun the table"))?;
        let text = bytes
            .get(values_end..)
            .ok_or_else(|| bad("text overruns the table"))?;
        let t = StrTable {
            n,
            width,
            ends,
            values,
            text,
        };
        // The last end offset must be the text length: checks the table's size in O(1).
        let last = if n == 0 {
            0
        } else {
            t.end(n - 1).ok_or_else(|| bad("offsets"))?
        };
        if last != text.len() {
            return Err(bad("text length does not match the offsets"));
        }
        Ok(t)
    }

    pub(super) fn end(&self, i: usize) -> Option<usize> {
        read_u32(self.ends, i.checked_mul(4)?).map(|v| v as usize)
    }

    pub(super) fn key(&self, i: usize) -> Option<&'a [u8]> {
        let start = if i == 0 { 0 } else { self.end(i - 1)? };
        let end = self.end(i)?;
        self.text.get(start..end)
    }

    pub(super) fn value(&self, i: usize) -> Option<&'a [u8]> {
        let at = i.checked_mul(self.width)?;
        self.values.get(at..at.checked_add(self.width)?)
    }

    /// Index of `key` (exact, bytewise), if present.
    pub(super) fn find(&self, key: &[u8]) -> Option<usize> {
        let i = partition_point(0..self.n, |i| self.key(i).is_some_and(|k| k < key));
        (self.key(i)? == key).then_some(i)
    }

    /// The first byte of key `i` (keys are never empty; 0 if the table is malformed).
    pub(super) fn first_byte(&self, i: usize) -> u8 {
        self.key(i).and_then(|k| k.first().copied()).unwrap_or(0)
    }

    /// Full check: offsets non-decreasing, keys non-empty, lower-case ASCII, strictly increasing.
    pub(super) fn validate(&self, name: &str) -> Result<(), DataError> {
        let bad = |what: String| DataError::Corrupt(format!("rules {name} table: {what}"));
        let mut prev: Option<&[u8]> = None;
        for i in 0..self.n {
            let key = self
                .key(i)
                .ok_or_else(|| bad(format!("entry {i} out of bounds")))?;
            if key.is_empty() {
                return Err(bad(format!("entry {i} is empty")));
            }
            if key
                .iter()
                .any(|b| !b.is_ascii() || b.is_ascii_uppercase() || b.is_ascii_control())
            {
                return Err(bad(format!("entry {i} is not lower-case ASCII")));
            }
            if let Some(p) = prev {
                if p >= key {
                    return Err(bad(format!("entry {i} is out of order")));
                }
            }
            prev = Some(key);
        }
        Ok(())
    }
}

/// Bits of a [`KeyBits`] filter.
const KEY_BITS: usize = 1 << 15;

/// A Bloom filter over a table's keys (two probes, 32,768 bits: about 4% false answers for the
/// 3,500 hosting suffixes), built at load: most hosts are on no hosting platform and no
/// shortener, and the filter says so before a binary search of the table.
#[derive(Clone, Copy, Debug)]
pub(super) struct KeyBits([u64; KEY_BITS / 64]);

impl KeyBits {
    pub(super) fn of(t: &StrTable<'_>) -> KeyBits {
        let mut bits = KeyBits([0u64; KEY_BITS / 64]);
        for key in (0..t.n).filter_map(|i| t.key(i)) {
            for p in KeyBits::probes(key) {
                if let Some(w) = bits.0.get_mut(p / 64) {
                    *w |= 1 << (p % 64);
                }
            }
        }
        bits
    }

    fn probes(key: &[u8]) -> [usize; 2] {
        let h = xxhash_rust::xxh3::xxh3_64(key);
        [(h as usize) % KEY_BITS, ((h >> 32) as usize) % KEY_BITS]
    }

    /// False: `key` is certainly not in the table.
    pub(super) fn may_contain(&self, key: &[u8]) -> bool {
        KeyBits::probes(key)
            .iter()
            .all(|&p| self.0.get(p / 64).is_some_and(|w| w & (1 << (p % 64)) != 0))
    }
}
