//! The envelope of the binary data file: a fixed header (magic, format version, list version,
//! build date, entry counts by category, checksum), a section table, then 8-byte-aligned
//! sections that each component views in place. Nothing here allocates per entry.
//!
//! ```text
//! offset size field
//! 0      8    magic  b"WASPADA\x1a"
//! 8      2    format version (u16 LE)
//! 10     2    reserved (0)
//! 12     4    total length in bytes (u32 LE)
//! 16     4    checksum of bytes [20, total length): the low 32 bits of their XXH3-64
//!             ([`checksum`]; since format version 3, before it CRC-32)
//! 20     4    build date as yyyymmdd (u32 LE)
//! 24     16   list version, ASCII, NUL padded
//! 40     20   blocklist entry counts: phishing, scam, malware, crypto, gambling (u32 LE each)
//! 60     4    section count (u32 LE)
//! 64     12*n section table: tag [u8; 4], offset u32, length u32
//! ```

use crate::category::Category;
use crate::error::DataError;
use std::ops::Range;

pub const MAGIC: [u8; 8] = *b"WASPADA\x1a";
/// 2: every lookalike and target hash table carries a key filter ([`KeyFilter`]).
/// 3: the checksum is XXH3-64's (low 32 bits), not CRC-32: the check runs over every byte of a
/// many-megabyte file at each cold start of the extension's worker, and XXH3 there (wasm, no
/// SIMD) takes a fifth of CRC-32's time; the run time then links no CRC table (16 KB of the
/// `.wasm`). As CRC-32, it misses a random corruption with odds 2^-32.
/// 4: the blocklist tables (`BHST`, `BURL`) carry a key filter too: a URL not listed (nearly
/// every one) is turned away by one word read per lookup expression instead of a search.
pub const FORMAT_VERSION: u16 = 4;
pub const HEADER_LEN: usize = 64;
const CHECKSUM_FROM: usize = 20;
const TABLE_ENTRY: usize = 12;

/// A section's four-byte tag, e.g. `*b"PSL "`.
pub type Tag = [u8; 4];

/// What the header says about the list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Header {
    pub format_version: u16,
    pub list_version: String,
    /// yyyymmdd
    pub build_date: u32,
    pub counts: [u32; 5],
    pub checksum: u32,
    pub total_len: u32,
}

impl Header {
    pub fn count(&self, category: Category) -> u32 {
        self.counts[category as usize]
    }

    /// The build date as `YYYY-MM-DD`.
    pub fn build_date_iso(&self) -> String {
        let d = self.build_date;
        format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
    }
}

/// A validated data file: header plus the byte range of every section.
#[derive(Clone, Debug)]
pub struct Envelope {
    pub header: Header,
    sections: Vec<(Tag, Range<usize>)>,
}

/// The checksum the header stores of `covered` (bytes 20 to the end of the file): the low 32
/// bits of their XXH3-64 (seed 0).
pub fn checksum(covered: &[u8]) -> u32 {
    xxhash_rust::xxh3::xxh3_64(covered) as u32
}

pub fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

pub fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

pub fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

impl Envelope {
    /// Validates the header, checksum and section table of `bytes`.
    pub fn parse(bytes: &[u8]) -> Result<Envelope, DataError> {
        if bytes.len() < 8 || bytes[..8] != MAGIC {
            if bytes.len() < 8 && MAGIC.starts_with(bytes) {
                return Err(DataError::Truncated {
                    needed: HEADER_LEN,
                    found: bytes.len(),
                });
            }
            return Err(DataError::BadMagic);
        }
        if bytes.len() < HEADER_LEN {
            return Err(DataError::Truncated {
                needed: HEADER_LEN,
                found: bytes.len(),
            });
        }
        let corrupt = || DataError::Corrupt("header".into());
        let format_version = read_u16(bytes, 8).ok_or_else(corrupt)?;
        if format_version != FORMAT_VERSION {
            return Err(DataError::UnsupportedVersion {
                found: format_version,
                supported: FORMAT_VERSION,
            });
        }
        if read_u16(bytes, 10) != Some(0) {
            return Err(DataError::Corrupt(
                "reserved header bytes are not zero".into(),
            ));
        }
        let total_len = read_u32(bytes, 12).ok_or_else(corrupt)?;
        let total = total_len as usize;
        if bytes.len() < total {
            return Err(DataError::Truncated {
                needed: total,
                found: bytes.len(),
            });
        }
        if total < HEADER_LEN {
            return Err(DataError::Corrupt(format!(
                "declared length {total} is below the header size"
            )));
        }
        if bytes.len() > total {
            return Err(DataError::Corrupt(format!(
                "{} bytes of trailing garbage after the declared length",
                bytes.len() - total
            )));
        }
        let stored = read_u32(bytes, 16).ok_or_else(corrupt)?;
        let computed = checksum(&bytes[CHECKSUM_FROM..total]);
        if stored != computed {
            return Err(DataError::BadChecksum { stored, computed });
        }
        let build_date = read_u32(bytes, 20).ok_or_else(corrupt)?;
        let version_bytes = &bytes[24..40];
        let end = version_bytes.iter().position(|&b| b == 0).unwrap_or(16);
        let list_version = std::str::from_utf8(&version_bytes[..end])
            .map_err(|_| DataError::Corrupt("list version is not text".into()))?
            .to_string();
        let mut counts = [0u32; 5];
        for (i, c) in counts.iter_mut().enumerate() {
            *c = read_u32(bytes, 40 + 4 * i).ok_or_else(corrupt)?;
        }
        let n = read_u32(bytes, 60).ok_or_else(corrupt)? as usize;
        let table_end = n
            .checked_mul(TABLE_ENTRY)
            .and_then(|t| t.checked_add(HEADER_LEN))
            .filter(|&e| e <= total)
            .ok_or_else(|| {
                DataError::Corrupt(format!("section table of {n} entries overruns the file"))
            })?;
        let mut sections = Vec::with_capacity(n);
        for i in 0..n {
            let at = HEADER_LEN + i * TABLE_ENTRY;
            let mut tag = [0u8; 4];
            tag.copy_from_slice(&bytes[at..at + 4]);
            let off = read_u32(bytes, at + 4).ok_or_else(corrupt)? as usize;
            let len = read_u32(bytes, at + 8).ok_or_else(corrupt)? as usize;
            let end = off
                .checked_add(len)
                .filter(|&e| off >= table_end && e <= total);
            let Some(end) = end else {
                return Err(DataError::Corrupt(format!(
                    "section {} out of bounds",
                    String::from_utf8_lossy(&tag)
                )));
            };
            sections.push((tag, off..end));
        }
        Ok(Envelope {
            header: Header {
                format_version,
                list_version,
                build_date,
                counts,
                checksum: stored,
                total_len,
            },
            sections,
        })
    }

    /// The byte range of the section tagged `tag`, if present.
    pub fn section(&self, tag: Tag) -> Option<Range<usize>> {
        self.sections
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, r)| r.clone())
    }

    /// The bytes of section `tag` of `bytes` (the file this envelope was read from): the one
    /// lookup of every section view. `name` names it in the error when it is missing.
    pub fn section_bytes<'b>(
        &self,
        bytes: &'b [u8],
        tag: Tag,
        name: &'static str,
    ) -> Result<&'b [u8], DataError> {
        let range = self.section(tag).ok_or(DataError::MissingSection(name))?;
        bytes
            .get(range)
            .ok_or_else(|| DataError::Corrupt(format!("{name} section lies outside the file")))
    }

    pub fn tags(&self) -> impl Iterator<Item = (Tag, usize)> + '_ {
        self.sections.iter().map(|(t, r)| (*t, r.len()))
    }
}

/// Assembles a data file. Used by the list builder.
#[derive(Clone, Debug, Default)]
pub struct EnvelopeWriter {
    pub list_version: String,
    /// yyyymmdd
    pub build_date: u32,
    pub counts: [u32; 5],
    sections: Vec<(Tag, Vec<u8>)>,
}

impl EnvelopeWriter {
    pub fn new(list_version: &str, build_date: u32) -> EnvelopeWriter {
        EnvelopeWriter {
            list_version: list_version.chars().take(16).collect(),
            build_date,
            ..EnvelopeWriter::default()
        }
    }

    pub fn add_section(&mut self, tag: Tag, body: Vec<u8>) {
        self.sections.retain(|(t, _)| *t != tag);
        self.sections.push((tag, body));
    }

    pub fn finish(&self) -> Vec<u8> {
        let align = |n: usize| (n + 7) & !7;
        let table_end = HEADER_LEN + self.sections.len() * TABLE_ENTRY;
        let mut out = vec![0u8; align(table_end)];
        out[..8].copy_from_slice(&MAGIC);
        out[8..10].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        out[20..24].copy_from_slice(&self.build_date.to_le_bytes());
        let v = self.list_version.as_bytes();
        let v = &v[..v.len().min(16)];
        out[24..24 + v.len()].copy_from_slice(v);
        for (i, c) in self.counts.iter().enumerate() {
            out[40 + 4 * i..44 + 4 * i].copy_from_slice(&c.to_le_bytes());
        }
        out[60..64].copy_from_slice(&(self.sections.len() as u32).to_le_bytes());
        for (i, (tag, body)) in self.sections.iter().enumerate() {
            let off = out.len();
            let at = HEADER_LEN + i * TABLE_ENTRY;
            out[at..at + 4].copy_from_slice(tag);
            out[at + 4..at + 8].copy_from_slice(&(off as u32).to_le_bytes());
            out[at + 8..at + 12].copy_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(body);
            out.resize(align(out.len()), 0);
        }
        let total = out.len() as u32;
        out[12..16].copy_from_slice(&total.to_le_bytes());
        let sum = checksum(&out[CHECKSUM_FROM..]);
        out[16..20].copy_from_slice(&sum.to_le_bytes());
        out
    }
}

/// The first index of `range` at which `below` turns false, for a `below` that holds on a prefix
/// of it: the lower bound in a sorted section, the one binary search of the section views.
pub fn partition_point(
    range: std::ops::Range<usize>,
    mut below: impl FnMut(usize) -> bool,
) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The first index in `0..n` whose hash (`hash_at`, ascending) is `>= h`.
///
/// The keys are XXH3 hashes, spread evenly over `u64`, so the first probes interpolate (where
/// `h` would sit if the keys were exactly uniform) instead of halving: a few probes of an
/// 85,000-entry table instead of 17. A binary search finishes (and bounds the worst case, for
/// keys that are not uniform).
pub fn lower_bound_uniform(n: usize, h: u64, hash_at: impl Fn(usize) -> u64) -> usize {
    // Every hash below `lo` is < h, every hash at or after `hi` is >= h; `lo_h`/`hi_h` bound
    // the hashes inside the window.
    let (mut lo, mut hi) = (0usize, n);
    let (mut lo_h, mut hi_h) = (0u64, u64::MAX);
    for _ in 0..4 {
        if hi - lo <= 8 || h < lo_h || h > hi_h {
            break;
        }
        let frac = (h - lo_h) as f64 / ((hi_h - lo_h) as f64 + 1.0);
        let off = (frac * (hi - lo) as f64) as usize;
        let g = (lo + off).min(hi - 1);
        let gh = hash_at(g);
        if gh < h {
            lo = g + 1;
            lo_h = gh;
        } else {
            hi = g;
            hi_h = gh;
        }
    }
    partition_point(lo..hi, |i| hash_at(i) < h)
}

/// Bits of a [`KeyFilter`] per distinct key: about 1% false positives with [`FILTER_PROBES`]
/// bits set in one 64-bit word.
pub const FILTER_BITS_PER_KEY: usize = 12;
/// Bits set per key, all in the same 64-bit word (one cache line read per query).
const FILTER_PROBES: u32 = 4;

/// Mixes a key hash before the filter reads its bits, so the filter stays useful for keys that
/// are not uniform (a truncated or shifted hash).
fn filter_mix(h: u64) -> u64 {
    let mut x = h ^ (h >> 31);
    x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 29)
}

/// The word of a filter of `words` words and its bit mask for hash `h`.
fn filter_slot(h: u64, words: usize) -> (usize, u64) {
    let x = filter_mix(h);
    let word = (((x >> 32) * words as u64) >> 32) as usize;
    let mut mask = 0u64;
    for i in 0..FILTER_PROBES {
        mask |= 1u64 << ((x >> (6 * i)) & 63);
    }
    (word, mask)
}

/// A negative filter (a blocked Bloom filter) over the keys of a sorted hash table: one 64-bit
/// word read answers "certainly absent" for about 99% of the keys that are not there, before the
/// search of the table (several reads spread over a megabyte, each a likely cache miss). Built
/// with the table ([`encode_filter`]); never says absent for a key that is present.
#[derive(Clone, Copy, Debug)]
pub struct KeyFilter<'a> {
    words: &'a [u8],
    n: usize,
}

impl<'a> KeyFilter<'a> {
    /// Whether `h` may be a key (false: certainly not).
    pub fn may_contain(&self, h: u64) -> bool {
        if self.n == 0 {
            return false;
        }
        let (word, mask) = filter_slot(h, self.n);
        read_u64(self.words, word * 8).map_or(true, |w| w & mask == mask)
    }
}

/// The filter part of a table section for these key hashes: `words: u32, reserved: u32`, then
/// `words` little-endian `u64`s.
pub fn encode_filter(hashes: impl ExactSizeIterator<Item = u64>) -> Vec<u8> {
    let words = (hashes.len() * FILTER_BITS_PER_KEY).div_ceil(64).max(1);
    let mut bits = vec![0u64; words];
    for h in hashes {
        let (word, mask) = filter_slot(h, words);
        if let Some(w) = bits.get_mut(word) {
            *w |= mask;
        }
    }
    let mut out = Vec::with_capacity(8 + words * 8);
    out.extend_from_slice(&(words as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    for w in bits {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// Parses the filter part of a table section (`bytes` from its start to the section's end).
pub(crate) fn parse_filter<'a>(bytes: &'a [u8], what: &str) -> Result<KeyFilter<'a>, DataError> {
    let corrupt = |why: &str| DataError::Corrupt(format!("{what}: key filter {why}"));
    let words = read_u32(bytes, 0).ok_or_else(|| corrupt("missing"))? as usize;
    if read_u32(bytes, 4) != Some(0) || words == 0 {
        return Err(corrupt("header is invalid"));
    }
    let body = bytes.get(8..).unwrap_or(&[]);
    if words.checked_mul(8) != Some(body.len()) {
        return Err(corrupt(&format!(
            "declares {words} words in {} bytes",
            body.len()
        )));
    }
    Ok(KeyFilter {
        words: body,
        n: words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = EnvelopeWriter::new("2026.11.28", 20261128);
        w.counts = [1, 2, 3, 4, 5];
        w.add_section(*b"AAAA", vec![1, 2, 3]);
        w.add_section(*b"BBBB", vec![9; 20]);
        w.finish()
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let env = Envelope::parse(&bytes).unwrap();
        assert_eq!(env.header.list_version, "2026.11.28");
        assert_eq!(env.header.build_date_iso(), "2026-11-28");
        assert_eq!(env.header.count(Category::Gambling), 5);
        assert_eq!(&bytes[env.section(*b"AAAA").unwrap()], &[1, 2, 3]);
        assert_eq!(&bytes[env.section(*b"BBBB").unwrap()], &[9; 20]);
        assert!(env.section(*b"CCCC").is_none());
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = sample();
        for n in 0..bytes.len() {
            assert!(Envelope::parse(&bytes[..n]).is_err(), "prefix {n} accepted");
        }
    }

    #[test]
    fn every_flipped_bit_is_caught() {
        let bytes = sample();
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x10;
            assert!(Envelope::parse(&b).is_err(), "flip at {i} accepted");
        }
    }

    #[test]
    fn newer_version_is_named() {
        let mut bytes = sample();
        let newer = FORMAT_VERSION + 1;
        bytes[8..10].copy_from_slice(&newer.to_le_bytes());
        assert_eq!(
            Envelope::parse(&bytes).unwrap_err(),
            DataError::UnsupportedVersion {
                found: newer,
                supported: FORMAT_VERSION
            }
        );
    }

    #[test]
    fn foreign_file_is_bad_magic() {
        assert_eq!(
            Envelope::parse(
                b"<html><body>not a list</body></html> plus padding to be long enough for a header"
            )
            .unwrap_err(),
            DataError::BadMagic
        );
    }
}
