//! The blocklist sections: hashed Safe Browsing lookup expressions, viewed in place.
//!
//! An entry is one of
//! - a **host** with all its subdomains, stored as the expression `evil.com/`;
//! - a **URL path prefix**, stored as `host/path/` (it matches that directory and everything below);
//! - an **exact URL**, stored as its full expression `host/path?query` (or `host/path`, which also
//!   matches that path with any query).
//!
//! A URL is checked by hashing each of its lookup expressions
//! ([`crate::url::Canonical::expressions`]): `a.b.c/1/2.html?x` yields `b.c/` among others, so a
//! host entry for `b.c` blocks `a.b.c` too. These are the semantics of Google Safe Browsing v4.
//!
//! # Sections
//! `BHST` holds host entries (expressions `host/`), `BURL` holds path-prefix and exact-URL
//! entries. Both have the same layout (all integers little-endian):
//!
//! ```text
//! offset   size  field
//! 0        4     entry count n
//! 4        4     hash algorithm (1 = XXH3-64 of the expression's UTF-8 bytes)
//! 8        8n    expression hashes, strictly increasing (u64)
//! 8+8n     2n    per-entry metadata (u16): bits 0-2 category, bits 3-15 source-set index
//! 8+10n    ...   key filter over the hashes (`format::KeyFilter`, since format 4)
//! ```
//!
//! That is 10 bytes per entry, and 1.5 for the filter: one 64-bit word read turns away about
//! 99% of the expressions that are not listed (nearly every expression of every safe URL)
//! before the search of the hashes, a few reads spread over megabytes. `BSRC` names the source sets:
//!
//! ```text
//! 0        4     count m (at most 8192)
//! 4        4m    end offset of each name in the text that follows (u32, non-decreasing)
//! 4+4m     ...   UTF-8 names, e.g. "polkadot;ethpd-blacklist" (sources merged at build, ';'-separated)
//! ```
//!
//! Loading checks the counts, lengths, ordering and metadata in one pass over the arrays (no
//! allocation per entry); a look-up is the filter, then for the few it lets through one
//! interpolating search.
//!
//! # Hash collisions
//! Only 64-bit hashes are stored, so two different expressions with the same XXH3-64 hash are
//! indistinguishable. With N entries and E expressions per URL (at most 30), the chance that a
//! given URL hits an entry it does not match is about E·N/2^64 — below 10^-12 for 10^6 entries.
//! The builder detects collisions among entries themselves and reports them. XXH3-64 is defined
//! on bytes and is identical on every platform (native, wasm32), and at build and look-up time.

use crate::category::Category;
use crate::error::DataError;
use crate::format::{parse_filter, read_u16, read_u32, read_u64, Envelope, KeyFilter, Tag};
use serde::{Deserialize, Serialize};

/// Host entries (`host/`).
pub const HOSTS_TAG: Tag = *b"BHST";
/// Exact-URL and path-prefix entries.
pub const URLS_TAG: Tag = *b"BURL";
/// Names of the source sets the entries came from.
pub const SOURCES_TAG: Tag = *b"BSRC";
/// The only hash algorithm of format version 1: XXH3-64.
pub const HASH_XXH3_64: u32 = 1;
/// The largest number of distinct source sets (13 bits of metadata).
pub const MAX_SOURCE_SETS: usize = 1 << 13;

pub(crate) const TABLE_HEADER: usize = 8;
pub(crate) const ENTRY_BYTES: usize = 10;

/// The stable 64-bit hash of a lookup expression, as stored in the list.
pub fn expression_hash(expression: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(expression.as_bytes())
}

/// What an entry covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A host and all its subdomains.
    Host,
    /// A URL path prefix (a directory and everything below it).
    Prefix,
    /// One URL.
    Url,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Host => "host",
            EntryKind::Prefix => "prefix",
            EntryKind::Url => "url",
        }
    }

    /// The kind of entry an expression denotes: `host/` is a host, `host/dir/` a path prefix,
    /// anything else an exact URL.
    pub fn of_expression(expression: &str) -> EntryKind {
        if is_host_expression(expression) {
            EntryKind::Host
        } else if expression.ends_with('/') {
            EntryKind::Prefix
        } else {
            EntryKind::Url
        }
    }
}

/// True for an expression of the form `host/` (no path beyond the root, no query).
pub fn is_host_expression(expression: &str) -> bool {
    match expression.find('/') {
        Some(i) => i > 0 && i + 1 == expression.len(),
        None => false,
    }
}

/// A blocklist match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit<'a> {
    pub category: Category,
    /// The source set of the entry, e.g. `polkadot;ethpd-blacklist`.
    pub source: &'a str,
    /// The lookup expression of the checked URL that matched, e.g. `evil.com/`.
    pub expression: String,
    pub kind: EntryKind,
}

/// One table (`BHST` or `BURL`) viewed in place.
#[derive(Clone, Copy, Debug)]
struct Table<'a> {
    len: usize,
    hashes: &'a [u8],
    meta: &'a [u8],
    filter: KeyFilter<'a>,
}

impl<'a> Table<'a> {
    fn parse(section: &'a [u8], name: &str, sources: usize) -> Result<Table<'a>, DataError> {
        let corrupt = |what: String| DataError::Corrupt(format!("{name} section: {what}"));
        let n =
            read_u32(section, 0).ok_or_else(|| corrupt("shorter than its header".into()))? as usize;
        let algo = read_u32(section, 4).ok_or_else(|| corrupt("shorter than its header".into()))?;
        if algo != HASH_XXH3_64 {
            return Err(corrupt(format!("unknown hash algorithm {algo}")));
        }
        let expected = n
            .checked_mul(ENTRY_BYTES)
            .and_then(|b| b.checked_add(TABLE_HEADER))
            .ok_or_else(|| corrupt(format!("entry count {n} is impossible")))?;
        if section.len() < expected {
            return Err(corrupt(format!(
                "{} bytes for {n} entries, expected {expected} and a key filter",
                section.len()
            )));
        }
        let hashes_end = TABLE_HEADER + 8 * n;
        let hashes = section
            .get(TABLE_HEADER..hashes_end)
            .ok_or_else(|| corrupt("hash array out of bounds".into()))?;
        let meta = section
            .get(hashes_end..expected)
            .ok_or_else(|| corrupt("metadata array out of bounds".into()))?;
        let filter = parse_filter(section.get(expected..).unwrap_or(&[]), name)?;
        // Hashes strictly increasing (the search relies on it), every entry's metadata in range:
        // one branch-free pass each (they run at every cold start, in V8's baseline code), and
        // the slow pass below only to name the first bad entry.
        if !strictly_increasing(hashes) || !metadata_in_range(meta, sources) {
            return Err(first_bad_entry(hashes, meta, sources, &corrupt));
        }
        Ok(Table {
            len: n,
            hashes,
            meta,
            filter,
        })
    }

    fn hash_at(&self, i: usize) -> Option<u64> {
        read_u64(self.hashes, i.checked_mul(8)?)
    }

    /// The metadata of the entry with hash `h`: an interpolating search (the hashes are
    /// uniform), a few reads instead of the 17–20 of a binary search.
    fn find(&self, h: u64) -> Option<u16> {
        if !self.filter.may_contain(h) {
            return None;
        }
        let i = crate::format::lower_bound_uniform(self.len, h, |i| {
            self.hash_at(i).unwrap_or(u64::MAX)
        });
        if self.hash_at(i)? == h {
            read_u16(self.meta, i * 2)
        } else {
            None
        }
    }
}

fn u64_at(chunk: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(chunk);
    u64::from_le_bytes(a)
}

/// Whether the 8-byte hashes of `hashes` are strictly increasing.
fn strictly_increasing(hashes: &[u8]) -> bool {
    let mut prev = 0u64;
    let mut bad = false;
    for (i, chunk) in hashes.chunks_exact(8).enumerate() {
        let h = u64_at(chunk);
        bad |= (i > 0) & (h <= prev);
        prev = h;
    }
    !bad
}

/// Whether every 2-byte metadata (category in bits 0–2, source set above) of `meta` names a
/// known category and one of `sources` source sets: four entries per 64-bit word, each lane
/// tested by an addition that sets a lane's guard bit when it is out of range (no carry crosses
/// lanes: a category is at most 7 + 3, a source set at most 8191 + 8192).
fn metadata_in_range(meta: &[u8], sources: usize) -> bool {
    const LANES: u64 = 0x0001_0001_0001_0001;
    const CATEGORIES: u64 = Category::ALL.len() as u64;
    // A lane's category c is bad when c + (8 - CATEGORIES) reaches 8; its source set s when
    // s + (8192 - sources) reaches 8192 (sources <= MAX_SOURCE_SETS = 8192).
    let cat_add = (8 - CATEGORIES) * LANES;
    let src_add = (MAX_SOURCE_SETS as u64).saturating_sub(sources as u64) * LANES;
    let mut guard = 0u64;
    let words = meta.chunks_exact(8);
    let rest = words.remainder();
    for chunk in words {
        let w = u64_at(chunk);
        guard |= ((w & (7 * LANES)) + cat_add) & (8 * LANES);
        guard |= (((w >> 3) & (0x1FFF * LANES)) + src_add) & (0x2000 * LANES);
    }
    guard == 0
        && rest.chunks_exact(2).all(|c| match *c {
            [lo, hi] => {
                let m = u16::from_le_bytes([lo, hi]);
                Category::from_u8((m & 7) as u8).is_some() && usize::from(m >> 3) < sources
            }
            _ => false,
        })
}

/// The error naming the first entry of a table that fails [`strictly_increasing`] or
/// [`metadata_in_range`].
fn first_bad_entry(
    hashes: &[u8],
    meta: &[u8],
    sources: usize,
    corrupt: &dyn Fn(String) -> DataError,
) -> DataError {
    let mut prev: Option<u64> = None;
    for (i, chunk) in hashes.chunks_exact(8).enumerate() {
        let h = u64_at(chunk);
        if prev.is_some_and(|p| p >= h) {
            return corrupt(format!("hashes not strictly increasing at entry {i}"));
        }
        prev = Some(h);
    }
    for (i, chunk) in meta.chunks_exact(2).enumerate() {
        let &[lo, hi] = chunk else {
            return corrupt(format!("metadata of entry {i} is truncated"));
        };
        let m = u16::from_le_bytes([lo, hi]);
        if Category::from_u8((m & 7) as u8).is_none() {
            return corrupt(format!("entry {i} has unknown category {}", m & 7));
        }
        if usize::from(m >> 3) >= sources {
            return corrupt(format!(
                "entry {i} names source set {} of {sources}",
                m >> 3
            ));
        }
    }
    corrupt("an entry is out of range".into())
}

/// The blocklist of a data file, viewed in place.
#[derive(Clone, Debug)]
pub struct Blocklist<'a> {
    hosts: Table<'a>,
    urls: Table<'a>,
    sources: Vec<&'a str>,
}

impl<'a> Blocklist<'a> {
    /// Views the `BHST`, `BURL` and `BSRC` sections of a validated file.
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Blocklist<'a>, DataError> {
        let sources =
            parse_sources(env.section_bytes(bytes, SOURCES_TAG, "blocklist sources (BSRC)")?)?;
        let hosts = Table::parse(
            env.section_bytes(bytes, HOSTS_TAG, "blocked hosts (BHST)")?,
            "BHST",
            sources.len(),
        )?;
        let urls = Table::parse(
            env.section_bytes(bytes, URLS_TAG, "blocked URLs (BURL)")?,
            "BURL",
            sources.len(),
        )?;
        Ok(Blocklist {
            hosts,
            urls,
            sources,
        })
    }

    /// The first entry matching one of `expressions` (in their order), if any.
    pub fn lookup<S: AsRef<str>>(&self, expressions: &[S]) -> Option<Hit<'a>> {
        expressions.iter().find_map(|e| self.lookup_one(e.as_ref()))
    }

    /// Every entry matching one of `expressions`, in their order: for callers that skip some
    /// hits (e.g. a category the user turned off) and must still see the others.
    pub fn hits<'s, S: AsRef<str>>(
        &'s self,
        expressions: &'s [S],
    ) -> impl Iterator<Item = Hit<'a>> + 's {
        expressions
            .iter()
            .filter_map(|e| self.lookup_one(e.as_ref()))
    }

    /// Whether the single expression `expression` is listed.
    pub fn lookup_one(&self, expression: &str) -> Option<Hit<'a>> {
        let kind = EntryKind::of_expression(expression);
        let table = if kind == EntryKind::Host {
            &self.hosts
        } else {
            &self.urls
        };
        let meta = table.find(expression_hash(expression))?;
        let category = Category::from_u8((meta & 7) as u8)?;
        let source = self.sources.get(usize::from(meta >> 3)).copied()?;
        Some(Hit {
            category,
            source,
            expression: expression.to_string(),
            kind,
        })
    }

    /// Number of entries (hosts, prefixes and URLs).
    pub fn len(&self) -> usize {
        self.hosts.len + self.urls.len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of host entries.
    pub fn host_count(&self) -> usize {
        self.hosts.len
    }

    /// Number of path-prefix and exact-URL entries.
    pub fn url_count(&self) -> usize {
        self.urls.len
    }

    /// The source sets named by the entries.
    pub fn sources(&self) -> &[&'a str] {
        &self.sources
    }

    /// Entries per source id (an entry of the set `a;b` counts for both), in id order.
    pub fn entries_by_source(&self) -> std::collections::BTreeMap<&'a str, u32> {
        let mut per_set = vec![0u32; self.sources.len()];
        for table in [&self.hosts, &self.urls] {
            for chunk in table.meta.chunks_exact(2) {
                if let &[lo, hi] = chunk {
                    let set = usize::from(u16::from_le_bytes([lo, hi]) >> 3);
                    if let Some(n) = per_set.get_mut(set) {
                        *n = n.saturating_add(1);
                    }
                }
            }
        }
        let mut out = std::collections::BTreeMap::new();
        for (set, n) in self.sources.iter().zip(per_set) {
            for id in set.split(';').filter(|id| !id.is_empty()) {
                let e: &mut u32 = out.entry(id).or_default();
                *e = e.saturating_add(n);
            }
        }
        out
    }
}

fn parse_sources(section: &[u8]) -> Result<Vec<&str>, DataError> {
    let corrupt = |what: &str| DataError::Corrupt(format!("BSRC section: {what}"));
    let m = read_u32(section, 0).ok_or_else(|| corrupt("shorter than its header"))? as usize;
    if m > MAX_SOURCE_SETS {
        return Err(corrupt("too many source sets"));
    }
    let text_from = 4 + 4 * m;
    let text = section
        .get(text_from..)
        .ok_or_else(|| corrupt("offset table overruns the section"))?;
    let text = std::str::from_utf8(text).map_err(|_| corrupt("names are not UTF-8"))?;
    let mut names = Vec::with_capacity(m);
    let mut start = 0usize;
    for i in 0..m {
        let end =
            read_u32(section, 4 + 4 * i).ok_or_else(|| corrupt("offset table truncated"))? as usize;
        let name = text
            .get(start..end)
            .ok_or_else(|| corrupt("name offsets out of order or out of bounds"))?;
        names.push(name);
        start = end;
    }
    if start != text.len() {
        return Err(corrupt("trailing bytes after the names"));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xxh3_is_the_published_function() {
        // Reference values of XXH3-64 (seed 0) from the xxHash specification's test vectors.
        assert_eq!(expression_hash(""), 0x2D06_8005_38D3_94C2);
        assert_eq!(
            expression_hash("evil.com/"),
            xxhash_rust::xxh3::xxh3_64(b"evil.com/")
        );
    }

    #[test]
    fn kinds_of_expressions() {
        assert_eq!(EntryKind::of_expression("evil.com/"), EntryKind::Host);
        assert_eq!(EntryKind::of_expression("1.2.3.4/"), EntryKind::Host);
        assert_eq!(EntryKind::of_expression("evil.com/a/"), EntryKind::Prefix);
        assert_eq!(
            EntryKind::of_expression("evil.com/a/b.html"),
            EntryKind::Url
        );
        assert_eq!(EntryKind::of_expression("evil.com/?q=1"), EntryKind::Url);
        assert_eq!(EntryKind::of_expression("/"), EntryKind::Prefix);
    }
}
