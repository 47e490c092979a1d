//! Protected targets (brands and their official domains) and popular sites, as sections of the
//! data file, viewed in place.
//!
//! Sources (compiled in by the builder, feature `builder`, via `sections` and `protected_set`):
//! - `data/targets.tsv`: 232 curated brands — name, official domains, brand keys, country,
//!   sector, evidence — from the shared reference lists `targets.tsv` and
//!   `negatives_indonesia.tsv` (every row keeps its evidence), plus 14 crypto brands whose
//!   evidence is the number of hosts imitating them in the bundled blocklist sources. `brand_keys`
//!   are the labels watched for inside other hosts (empty for common words, news and regional
//!   government sites).
//! - `data/popular.tsv`: the bundled part of the Cloudflare Radar top-100k (January 2024,
//!   CC BY 4.0) and `data/popular_moz500.tsv` (Moz top 500, MIT).
//!
//! **Held-out split (for the evaluator).** A top-100k domain is held out of the bundle (kept
//! aside to measure false positives on sites the product has never seen) when [`is_held_out`] is
//! true — `xxh3_64(holdout_key(domain)) % 100 < 15`, the key being the label left of the guessed
//! suffix so sibling domains (`amazon.de`, `amazon.co.uk`) fall on the same side — unless the key
//! is a curated target's (curated brand families are always bundled). Use
//! [`Targets::is_held_out_negative`] on a built file to get exactly the rows that were not bundled.
//!
//! Sections:
//! - `TGTD`: domain records (domain, registrable-domain offset, label length, flags, brand) and
//!   brand names (see [`Targets`]).
//! - `TGTH`: `xxh3_64(domain)` and `xxh3_64(registrable domain)` → record id.
//! - `LKSK`, `LKDL`, `LKBR`, `LKBG`: the lookalike indexes (built here, used by
//!   [`crate::lookalike`]).
//!
//! Record flags: [`OFFICIAL`] (a curated target's official domain), [`POPULAR`] (bundled popular
//! site), [`TYPO`] (edit-distance target: official domains of brands with keys, label ≥ 5, and
//! [`RANKED`] popular sites), [`BRAND`] (label is a brand key), [`SHORT`] (a short official
//! label under a country-code suffix: a target for one added character only).
//!
//! **Ranked typo targets.** A popular file with the comment line `# Rows are in rank order`
//! (`data/popular_moz500.tsv`) gives typo targets for brands nobody curated: the registrable
//! domains of its rows, in rank order, whose label is distinctive — at least
//! [`RANKED_MIN_LABEL`] characters, letters only, not a curated official domain, no other label
//! of the ranked list one edit away (`telegra`/`telegram`, `wikipedia`/`wikimedia`), and fewer
//! than [`RANKED_MAX_NEIGHBOURS`] bundled popular labels one edit away (a label with many real
//! neighbours, `icloud` → `ucloud`, `ncloud`, `hicloud`, is a common word or pattern).
//! **Phished brands** are typo targets the same way: a bundled popular site with a distinctive
//! label that at least [`IMITATED_MIN`] distinct labels of the bundled blocklist sources are one
//! edit from (`pancakeswap`, `walletconnect`, `bittrex`): evidence that phishers imitate it.
//! Both carry the [`RANKED`] flag.
//!
//! "Official" and "popular" cover the whole registrable domain (`ib.bri.co.id`), never a parent of
//! it: `evil.github.io` is not `github.io`.

use crate::error::DataError;
#[cfg(test)]
use crate::format::encode_filter;
use crate::format::{parse_filter, read_u32, read_u64, Envelope, KeyFilter, Tag};

pub const TAG_DOMAINS: Tag = *b"TGTD";
pub const TAG_INDEX: Tag = *b"TGTH";
pub const TAG_SKELETON: Tag = *b"LKSK";
pub const TAG_DELETES: Tag = *b"LKDL";
pub const TAG_BRANDS: Tag = *b"LKBR";
pub const TAG_BIGRAMS: Tag = *b"LKBG";

/// An official domain of a curated target brand.
pub const OFFICIAL: u8 = 1;
/// A bundled popular site.
pub const POPULAR: u8 = 2;
/// Edit-distance (typosquat) target.
pub const TYPO: u8 = 4;
/// Its label is a brand key watched for inside other hosts.
pub const BRAND: u8 = 8;
/// A top-ranked popular site chosen as a typo target (with [`TYPO`]): a distinctive label from
/// the top of a ranked popular list, scored below curated brands.
pub const RANKED: u8 = 16;
/// A curated brand's short official label (3–4 characters, with brand keys) under a
/// country-code suffix: a target for one added character only (`jneh.co.id`, `dana7.id`).
pub const SHORT: u8 = 32;
/// An official domain of a crypto wallet or exchange (`sector` crypto in `targets.tsv`): one
/// visit can drain a wallet, and these names are imitated under any TLD (MetaMask's own
/// eth-phishing-detect flags a label two edits from a protected one whatever its TLD), so their
/// typos count under other suffixes too and two edits away (see [`crate::lookalike`]).
pub const CRYPTO: u8 = 64;

pub(crate) const DOMAINS_MAGIC: [u8; 4] = *b"TGD1";
pub(crate) const RECORD_LEN: usize = 12;
pub(crate) const BRAND_LEN: usize = 8;
pub(crate) const ENTRY_LEN: usize = 12;
/// No brand: the record is a popular site only.
pub(crate) const NO_BRAND: u32 = u32::MAX;

/// Shortest label of a ranked typo target.
pub const RANKED_MIN_LABEL: usize = 6;
/// A ranked label with this many bundled popular labels one edit away is not a typo target.
pub const RANKED_MAX_NEIGHBOURS: usize = 1;
/// A popular label one edit from at least this many blocked labels is a phished brand.
pub const IMITATED_MIN: usize = 5;
/// Marker line of a popular file whose rows are in rank order.
pub const RANKED_MARKER: &str = "# Rows are in rank order";

/// Share of the top-100k kept out of the bundle, in percent.
pub const HOLDOUT_PERCENT: u64 = 15;

/// The key that groups a domain with its siblings for the held-out split: the label left of
/// the (guessed) suffix, so `amazon.de` and `amazon.co.uk` fall on the same side. Rule: strip
/// `www.`; with 3+ labels where the last has 2 letters and the one before at most 3
/// (`co.id`, `com.br`), the third label from the right; otherwise the second from the right.
pub fn holdout_key(domain: &str) -> &str {
    let d = domain.trim().trim_end_matches('.');
    let d = d.strip_prefix("www.").unwrap_or(d);
    let labels: Vec<&str> = d.split('.').collect();
    let n = labels.len();
    let last = labels.last().copied().unwrap_or("");
    let second = if n >= 2 {
        labels.get(n - 2).copied().unwrap_or("")
    } else {
        ""
    };
    if n >= 3 && last.len() == 2 && second.len() <= 3 {
        labels.get(n - 3).copied().unwrap_or("")
    } else if n >= 2 {
        second
    } else {
        labels.first().copied().unwrap_or("")
    }
}

/// True when a top-100k domain belongs to the held-out part (before the curated-key exception,
/// which [`Targets::is_held_out_negative`] applies with the bundled targets). Lower-case input.
pub fn is_held_out(domain: &str) -> bool {
    xxhash_rust::xxh3::xxh3_64(holdout_key(domain).as_bytes()) % 100 < HOLDOUT_PERCENT
}

/// `xxh3_64` of a string: the hash every index here uses.
pub fn hash(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// [`hash`] of UTF-8 bytes.
pub fn hash_bytes(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

/// A sorted table of `(u64 hash, u32 id)` entries with its [`KeyFilter`], viewed in place.
/// Layout: `n: u32, aux: u32`, `n` entries of 12 bytes sorted by hash, then the filter
/// ([`encode_filter`]) over the distinct hashes.
#[derive(Clone, Copy, Debug)]
pub struct HashTable<'a> {
    entries: &'a [u8],
    n: usize,
    filter: KeyFilter<'a>,
    /// A table-specific 32-bit value (the brand table keeps its key-length mask here).
    pub aux: u32,
}

impl<'a> HashTable<'a> {
    pub fn new(section: &'a [u8], what: &str) -> Result<HashTable<'a>, DataError> {
        let n = read_u32(section, 0)
            .ok_or_else(|| DataError::Corrupt(format!("{what}: no header")))?
            as usize;
        let aux =
            read_u32(section, 4).ok_or_else(|| DataError::Corrupt(format!("{what}: no header")))?;
        let end = n
            .checked_mul(ENTRY_LEN)
            .and_then(|len| 8usize.checked_add(len))
            .filter(|&end| end <= section.len())
            .ok_or_else(|| {
                DataError::Corrupt(format!("{what}: {n} entries overrun the section"))
            })?;
        let entries = section.get(8..end).unwrap_or(&[]);
        let filter = parse_filter(section.get(end..).unwrap_or(&[]), what)?;
        Ok(HashTable {
            entries,
            n,
            filter,
            aux,
        })
    }

    fn hash_at(&self, i: usize) -> u64 {
        read_u64(self.entries, i * ENTRY_LEN).unwrap_or(u64::MAX)
    }

    fn id_at(&self, i: usize) -> u32 {
        read_u32(self.entries, i * ENTRY_LEN + 8).unwrap_or(NO_BRAND)
    }

    /// The ids stored under `h` (all of them: callers verify the strings). The filter answers
    /// most absent keys; the others are found by [`crate::format::lower_bound_uniform`].
    /// Every id stored, in table order.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.n).map(move |i| self.id_at(i))
    }

    /// Whether `h` may be a key (false: certainly not): the key filter alone.
    pub fn may_contain(&self, h: u64) -> bool {
        self.filter.may_contain(h)
    }

    pub fn find(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let lo = if self.filter.may_contain(h) {
            crate::format::lower_bound_uniform(self.n, h, |i| self.hash_at(i))
        } else {
            self.n
        };
        (lo..self.n)
            .take_while(move |&i| self.hash_at(i) == h)
            .map(move |i| self.id_at(i))
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// What [`Targets::known`] says a host is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known<'a> {
    /// An official domain of a curated target, or a host of its registrable domain.
    Official(DomainRecord<'a>),
    /// A bundled popular site, or a host of its registrable domain.
    Popular(DomainRecord<'a>),
    /// One of the user's own protected sites.
    User,
}

/// True when `host` (registrable domain `reg`) is the user's protected site `p` (same
/// registrable domain, or `p` is a host and `host` is it or below it).
pub fn same_site(host: &str, reg: &str, p: &str) -> bool {
    let p = p.trim().trim_end_matches('.').to_ascii_lowercase();
    if p.is_empty() {
        return false;
    }
    // The registrable domain guessed for a protected host (`ib.mybank.co.id` → `mybank.co.id`).
    let key = holdout_key(&p);
    let guessed = p
        .rfind(&format!("{key}."))
        .and_then(|i| p.get(i..))
        .unwrap_or(&p);
    reg == p || reg == guessed || host == p || host.ends_with(&format!(".{p}"))
}

/// One protected or popular domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DomainRecord<'a> {
    pub id: u32,
    /// The domain or host as listed, e.g. `link.dana.id`.
    pub domain: &'a str,
    /// Its registrable domain (eTLD+1, PSL private section included), e.g. `dana.id`.
    pub registrable: &'a str,
    /// The registrable domain's first label, e.g. `dana`.
    pub label: &'a str,
    /// The public suffix, e.g. `id`.
    pub suffix: &'a str,
    pub flags: u8,
    /// The curated brand's name, `None` for a popular site only.
    pub brand: Option<&'a str>,
}

impl DomainRecord<'_> {
    pub fn is_popular(&self) -> bool {
        self.flags & POPULAR != 0
    }
}

/// The targets and popular sites, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Targets<'a> {
    records: &'a [u8],
    brands: &'a [u8],
    /// Every domain and brand name, validated as UTF-8 once at load (not at each record read).
    strings: &'a str,
    n: usize,
    n_brands: usize,
    index: HashTable<'a>,
}

impl<'a> Targets<'a> {
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Targets<'a>, DataError> {
        let d = env.section_bytes(bytes, TAG_DOMAINS, "targets (TGTD)")?;
        let idx = env.section_bytes(bytes, TAG_INDEX, "targets index (TGTH)")?;
        Targets::new(d, idx)
    }

    pub fn new(domains: &'a [u8], index: &'a [u8]) -> Result<Targets<'a>, DataError> {
        let corrupt = |w: &str| DataError::Corrupt(format!("targets: {w}"));
        if domains.get(..4) != Some(&DOMAINS_MAGIC[..]) {
            return Err(corrupt("bad section magic"));
        }
        let n = read_u32(domains, 4).ok_or_else(|| corrupt("header"))? as usize;
        let nb = read_u32(domains, 8).ok_or_else(|| corrupt("header"))? as usize;
        let slen = read_u32(domains, 12).ok_or_else(|| corrupt("header"))? as usize;
        let rec_end = n.checked_mul(RECORD_LEN).and_then(|l| l.checked_add(16));
        let br_end = nb
            .checked_mul(BRAND_LEN)
            .and_then(|l| l.checked_add(rec_end?));
        let str_end = br_end.and_then(|e| e.checked_add(slen));
        let (Some(rec_end), Some(br_end), Some(str_end)) = (rec_end, br_end, str_end) else {
            return Err(corrupt("sizes overflow"));
        };
        let records = domains
            .get(16..rec_end)
            .ok_or_else(|| corrupt("records overrun"))?;
        let brands = domains
            .get(rec_end..br_end)
            .ok_or_else(|| corrupt("brands overrun"))?;
        let strings = domains
            .get(br_end..str_end)
            .ok_or_else(|| corrupt("strings overrun"))?;
        let strings = std::str::from_utf8(strings).map_err(|_| corrupt("strings are not UTF-8"))?;
        let index = HashTable::new(index, "targets index")?;
        Ok(Targets {
            records,
            brands,
            strings,
            n,
            n_brands: nb,
            index,
        })
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// `None` past the end or off a character boundary (a corrupt record reads as none).
    fn str_at(&self, off: usize, len: usize) -> Option<&'a str> {
        self.strings.get(off..off.checked_add(len)?)
    }

    fn brand(&self, i: u32) -> Option<&'a str> {
        if i == NO_BRAND || i as usize >= self.n_brands {
            return None;
        }
        let at = i as usize * BRAND_LEN;
        let off = read_u32(self.brands, at)? as usize;
        let len = read_u32(self.brands, at + 4)? as usize;
        self.str_at(off, len)
    }

    /// Record `id`, or `None` if the id or the record is out of range (corrupt data is never a panic).
    pub fn record(&self, id: u32) -> Option<DomainRecord<'a>> {
        let i = id as usize;
        if i >= self.n {
            return None;
        }
        let at = i * RECORD_LEN;
        let off = read_u32(self.records, at)? as usize;
        let &[len, reg_start, label_len, flags] = self.records.get(at + 4..at + 8)? else {
            return None;
        };
        let (len, reg_start, label_len) = (
            usize::from(len),
            usize::from(reg_start),
            usize::from(label_len),
        );
        let brand = read_u32(self.records, at + 8)?;
        let domain = self.str_at(off, len)?;
        let registrable = domain.get(reg_start..)?;
        let label = registrable.get(..label_len)?;
        let suffix = registrable
            .get(label_len..)?
            .strip_prefix('.')
            .unwrap_or("");
        Some(DomainRecord {
            id,
            domain,
            registrable,
            label,
            suffix,
            flags,
            brand: self.brand(brand),
        })
    }

    /// Records whose listed domain or registrable domain is exactly `name`.
    pub fn lookup<'s>(&'s self, name: &'s str) -> impl Iterator<Item = DomainRecord<'a>> + 's {
        self.index
            .find(hash(name))
            .filter_map(move |id| self.record(id))
            .filter(move |r| r.domain == name || r.registrable == name)
    }

    /// The official target whose domain is `host` or a parent of it, or whose registrable domain
    /// is `registrable` (the whole site of an official domain is official: `www.bca.co.id`,
    /// `ib.bri.co.id`).
    pub fn official(&self, host: &str, registrable: Option<&str>) -> Option<DomainRecord<'a>> {
        self.find_flag(host, registrable, OFFICIAL)
    }

    /// The popular site `host` belongs to (same rule as [`Targets::official`]).
    pub fn popular(&self, host: &str, registrable: Option<&str>) -> Option<DomainRecord<'a>> {
        self.find_flag(host, registrable, POPULAR)
    }

    /// Whether the checks leave `host` alone as a known site: the one definition of "protected"
    /// the engine and the lookalike check share. An official domain of a target comes first,
    /// then a popular site (both cover the whole registrable domain, [`Targets::official`]), then
    /// one of the user's own protected sites (`user`: hosts or registrable domains, see
    /// [`same_site`]). What each caller does with the answer is its own: the engine still scores
    /// a user's page on a popular platform and keeps the rules for the user's sites; the lookalike
    /// check flags none of them.
    pub fn known(
        &self,
        host: &str,
        registrable: Option<&str>,
        user: &[String],
    ) -> Option<Known<'a>> {
        // One walk for both flags (the same names, in the same order, as `official` then
        // `popular`): each name is looked up once.
        let mut popular = None;
        let official = self.walk(host, registrable, |r| {
            if r.flags & OFFICIAL != 0 {
                return true;
            }
            if popular.is_none() && r.flags & POPULAR != 0 {
                popular = Some(r);
            }
            false
        });
        if let Some(r) = official {
            return Some(Known::Official(r));
        }
        if let Some(r) = popular {
            return Some(Known::Popular(r));
        }
        let reg = registrable?;
        user.iter()
            .any(|p| same_site(host, reg, p))
            .then_some(Known::User)
    }

    pub fn is_official(&self, host: &str, registrable: Option<&str>) -> bool {
        self.official(host, registrable).is_some()
    }

    pub fn is_popular(&self, host: &str, registrable: Option<&str>) -> bool {
        self.popular(host, registrable).is_some()
    }

    fn find_flag(
        &self,
        host: &str,
        registrable: Option<&str>,
        flag: u8,
    ) -> Option<DomainRecord<'a>> {
        self.walk(host, registrable, |r| r.flags & flag != 0)
    }

    /// The first record `stop` accepts among the records of the registrable domain, then of
    /// `host` and each parent of it up to the registrable domain. `stop` sees every record of
    /// each name in that order (so a caller can note others on the way).
    fn walk(
        &self,
        host: &str,
        registrable: Option<&str>,
        mut stop: impl FnMut(DomainRecord<'a>) -> bool,
    ) -> Option<DomainRecord<'a>> {
        if let Some(reg) = registrable {
            if let Some(r) = self.lookup(reg).find(|r| r.registrable == reg && stop(*r)) {
                return Some(r);
            }
        }
        // A listed host and its subdomains (e.g. `link.dana.id` when the PSL view is unavailable).
        let mut h = host;
        loop {
            if let Some(r) = self.lookup(h).find(|r| r.domain == h && stop(*r)) {
                return Some(r);
            }
            match h.split_once('.') {
                // Never above the registrable domain: `evil.github.io` is not `github.io`.
                Some((_, rest))
                    if rest.contains('.')
                        && registrable.map_or(true, |r| rest.len() >= r.len()) =>
                {
                    h = rest
                }
                _ => return None,
            }
        }
    }

    /// For the evaluator: true when a top-100k domain is in the held-out part, i.e. was not
    /// bundled ([`is_held_out`] and its key is not a curated brand's).
    pub fn is_held_out_negative(&self, domain: &str) -> bool {
        is_held_out(domain) && !self.is_popular(domain, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_protected_site_covers_its_hosts_and_no_other_site() {
        // A protected host's guessed registrable domain is the user's site.
        assert!(same_site(
            "www.mybank.co.id",
            "mybank.co.id",
            "ib.mybank.co.id"
        ));
        assert!(same_site("login.mybank.com", "mybank.com", " MyBank.com. "));
        assert!(!same_site(
            "mybank-login.com",
            "mybank-login.com",
            "mybank.com"
        ));
        assert!(!same_site("notmybank.com", "notmybank.com", "mybank.com"));
        assert!(!same_site("mybank.com", "mybank.com", " "));
    }

    #[test]
    fn holdout_key_groups_siblings() {
        assert_eq!(holdout_key("amazon.co.uk"), "amazon");
        assert_eq!(holdout_key("www.amazon.de"), "amazon");
        assert_eq!(holdout_key("bca.co.id"), "bca");
        assert_eq!(holdout_key("localhost"), "localhost");
        assert_eq!(holdout_key(""), "");
        assert_eq!(is_held_out("amazon.de"), is_held_out("amazon.com"));
    }

    #[test]
    fn corrupt_sections_are_errors() {
        assert!(Targets::new(b"TGD1", &[0; 8]).is_err());
        assert!(Targets::new(b"XXXX\0\0\0\0\0\0\0\0\0\0\0\0", &[0; 8]).is_err());
        let mut d = b"TGD1".to_vec();
        d.extend_from_slice(&1000u32.to_le_bytes());
        d.extend_from_slice(&[0; 8]);
        assert!(Targets::new(&d, &[0; 8]).is_err());
        assert!(HashTable::new(&[5, 0, 0, 0, 0, 0, 0, 0], "t").is_err());
    }

    /// A table section as the builder writes it: entries, then the filter.
    fn section(keys: &[u64]) -> Vec<u8> {
        let mut s = Vec::new();
        s.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        s.extend_from_slice(&0u32.to_le_bytes());
        for (i, h) in keys.iter().enumerate() {
            s.extend_from_slice(&h.to_le_bytes());
            s.extend_from_slice(&(i as u32).to_le_bytes());
        }
        s.extend(encode_filter(keys.iter().copied()));
        s
    }

    /// The filter never hides a key that is there, and turns away nearly all that are not.
    #[test]
    fn key_filter_keeps_every_key_and_rejects_most_absent_ones() {
        let mut keys: Vec<u64> = (0..20_000).map(|i| hash(&format!("key{i}"))).collect();
        keys.sort_unstable();
        let sec = section(&keys);
        let table = HashTable::new(&sec, "test").expect("table");
        for (i, &h) in keys.iter().enumerate() {
            assert!(table.filter.may_contain(h), "key {i} filtered out");
            assert_eq!(table.find(h).collect::<Vec<_>>(), vec![i as u32]);
        }
        let passed = (0..20_000)
            .filter(|i| table.filter.may_contain(hash(&format!("absent{i}"))))
            .count();
        // ~1% expected at 12 bits per key; a broken filter passes most.
        assert!(
            passed < 600,
            "{passed} of 20000 absent keys passed the filter"
        );
        let empty = section(&[]);
        let table = HashTable::new(&empty, "empty").expect("empty table");
        assert_eq!(table.find(hash("x")).count(), 0);
    }

    /// A missing, truncated or inconsistent filter is a typed error naming the table.
    #[test]
    fn a_bad_key_filter_is_a_typed_error() {
        let keys = [hash("a"), hash("b")];
        let mut sorted = keys;
        sorted.sort_unstable();
        let good = section(&sorted);
        let entries_end = 8 + 2 * ENTRY_LEN;
        let cases: Vec<Vec<u8>> = vec![
            good[..entries_end].to_vec(),
            good[..good.len() - 1].to_vec(),
            [good.clone(), vec![0; 8]].concat(),
            {
                let mut b = good.clone();
                b[entries_end..entries_end + 4].copy_from_slice(&0u32.to_le_bytes());
                b
            },
            {
                let mut b = good.clone();
                b[entries_end + 4] = 1;
                b
            },
        ];
        for (i, bad) in cases.iter().enumerate() {
            match HashTable::new(bad, "LKSK") {
                Err(DataError::Corrupt(why)) => {
                    assert!(why.contains("LKSK") && why.contains("filter"), "{i}: {why}")
                }
                other => panic!("case {i}: {other:?}"),
            }
        }
    }
}
