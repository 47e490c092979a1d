//! The target and lookalike sections (`TGTD`, `TGTH`, `LKSK`, `LKDL`, `LKBR`, `LKBG`) from
//! `targets.tsv` and the popular-site rankings, and the set of domains the blocklist builder must
//! never block. Read at run time by [`crate::targets`] and [`crate::lookalike`].

use super::confusables::reference_strict_skeleton;
use crate::format::Tag;
use crate::lookalike::index::{bigram_index, brand_key_len, deletions, BIGRAM_BYTES};
use crate::targets::*;
use publicsuffix::{List, Psl};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Shortest official label of a crypto brand whose typos count under any suffix and two edits
/// away (`kraken`, `trezor`; not `token`).
const CRYPTO_MIN: usize = 6;

/// A parsed targets.tsv row.
struct Row {
    brand: String,
    domains: Vec<String>,
    keys: Vec<String>,
    /// The `sector` column (5th) is `crypto`.
    crypto: bool,
}

fn parse_targets(text: &str) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut header = true;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if header {
            header = false;
            if line.starts_with("brand\t") {
                continue;
            }
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(brand), Some(doms), Some(keys)) = (cols.first(), cols.get(1), cols.get(2)) else {
            return Err(format!("targets.tsv line {}: fewer than 3 columns", i + 1));
        };
        let domains: Vec<String> = doms
            .split(',')
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        if domains.is_empty() {
            return Err(format!("targets.tsv line {}: no official domain", i + 1));
        }
        let keys = keys
            .split(',')
            .map(|k| k.trim().to_ascii_lowercase())
            .filter(|k| !k.is_empty())
            .collect();
        let crypto = cols.get(4).is_some_and(|s| s.trim() == "crypto");
        rows.push(Row {
            brand: brand.trim().to_string(),
            domains,
            keys,
            crypto,
        });
    }
    Ok(rows)
}

fn parse_popular(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            l.split('\t')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|d| !d.is_empty() && d != "domain" && d.contains('.'))
        .collect()
}

fn registrable(list: &List, domain: &str) -> Option<(String, usize)> {
    // (registrable domain, length of its first label)
    let d = list.domain(domain.as_bytes())?;
    let reg = std::str::from_utf8(d.as_bytes()).ok()?.to_string();
    let label_len = reg.find('.')?;
    Some((reg, label_len))
}

struct Rec {
    domain: String,
    reg_start: usize,
    label_len: usize,
    flags: u8,
    brand: u32,
}

/// What the blocklist builder must never block: official target domains and popular sites
/// (whole registrable domains, and listed hosts with their subdomains).
pub struct ProtectedSet {
    list: List,
    registrables: HashSet<String>,
    hosts: HashSet<String>,
}

impl ProtectedSet {
    /// True when `host` (lower-case ASCII) is official or popular: its registrable domain is
    /// listed, or it is a listed host or below one. A private-suffix site (`evil.github.io`)
    /// is not protected by its platform (`github.io`) being popular.
    pub fn contains(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        if let Some((reg, _)) = registrable(&self.list, host) {
            if self.registrables.contains(&reg) {
                return true;
            }
        }
        let mut h = host;
        loop {
            if self.hosts.contains(h) {
                return true;
            }
            match h.split_once('.') {
                Some((_, rest))
                    if rest.contains('.') && registrable(&self.list, rest).is_some() =>
                {
                    h = rest
                }
                _ => return false,
            }
        }
    }
}

/// The predicate for the blocklist builder.
pub fn protected_set(
    targets_tsv: &str,
    popular_tsvs: &[&str],
    psl_text: &str,
) -> Result<ProtectedSet, String> {
    let list: List = psl_text
        .parse()
        .map_err(|e| format!("public suffix list: {e}"))?;
    let mut registrables = HashSet::new();
    let mut hosts = HashSet::new();
    let rows = parse_targets(targets_tsv)?;
    let all = rows
        .iter()
        .flat_map(|r| r.domains.iter().cloned())
        .chain(popular_tsvs.iter().flat_map(|t| parse_popular(t)));
    for d in all {
        match registrable(&list, &d) {
            Some((reg, _)) if reg == d => {
                registrables.insert(reg);
            }
            _ => {
                hosts.insert(d);
            }
        }
    }
    Ok(ProtectedSet {
        list,
        registrables,
        hosts,
    })
}

/// The registrable domains of ranked typo targets (see the module docs).
fn ranked_targets(
    list: &List,
    rows: &[Row],
    popular_tsvs: &[&str],
    recs: &[Rec],
    imitations: &[&str],
) -> HashSet<String> {
    let official: HashSet<String> = rows
        .iter()
        .flat_map(|r| r.domains.iter())
        .filter_map(|d| registrable(list, d).map(|(reg, _)| reg))
        .collect();
    // Every bundled label, by its 1-deletions (and itself), to count near neighbours.
    let labels: HashSet<&str> = recs
        .iter()
        .filter_map(|r| r.domain.get(r.reg_start..r.reg_start + r.label_len))
        .collect();
    let near = Neighbours::of(&labels);
    let ranked = ranked_sites(list, popular_tsvs);
    let ranked_labels: Vec<&str> = ranked.iter().map(|(_, l)| l.as_str()).collect();
    let distinctive = |label: &str| {
        label.len() >= RANKED_MIN_LABEL
            && label.bytes().all(|b| b.is_ascii_lowercase())
            && near.of_label(label).len() < RANKED_MAX_NEIGHBOURS
    };
    let mut out: HashSet<String> = ranked
        .iter()
        .filter(|(reg, label)| {
            distinctive(label)
                && !official.contains(reg)
                && !ranked_labels
                    .iter()
                    .any(|o| o != label && strsim::osa_distance(o, label) == 1)
        })
        .map(|(reg, _)| reg.clone())
        .collect();
    // Phished brands: popular labels that many distinct blocked labels are one edit from.
    let blocked = blocked_labels(list, imitations);
    let mut imitated: HashMap<&str, usize> = HashMap::new();
    for l in &blocked {
        if labels.contains(l.as_str()) {
            continue;
        }
        for t in near.of_label(l) {
            *imitated.entry(t).or_default() += 1;
        }
    }
    for r in recs {
        let (Some(reg), Some(label)) = (
            r.domain.get(r.reg_start..),
            r.domain.get(r.reg_start..r.reg_start + r.label_len),
        ) else {
            continue;
        };
        if r.flags & POPULAR != 0
            && !official.contains(reg)
            && imitated.get(label).is_some_and(|&n| n >= IMITATED_MIN)
            && distinctive(label)
        {
            out.insert(reg.to_string());
        }
    }
    out
}

/// The bundled labels by their 1-deletions (and themselves): which are one edit from a label.
struct Neighbours<'a> {
    by_deletion: HashMap<String, Vec<&'a str>>,
}

impl<'a> Neighbours<'a> {
    fn of(labels: &HashSet<&'a str>) -> Neighbours<'a> {
        let mut by_deletion: HashMap<String, Vec<&'a str>> = HashMap::new();
        for &l in labels {
            for k in one_deletions(l) {
                by_deletion.entry(k).or_default().push(l);
            }
        }
        Neighbours { by_deletion }
    }

    /// The bundled labels one edit (OSA) from `l`, sorted, without `l` itself.
    fn of_label(&self, l: &str) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = one_deletions(l)
            .iter()
            .flat_map(|k| self.by_deletion.get(k).into_iter().flatten().copied())
            .filter(|&o| o != l && strsim::osa_distance(o, l) == 1)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The sites of the ranked popular lists (those marked [`RANKED_MARKER`]) in rank order, once
/// each: (registrable domain, its label).
fn ranked_sites(list: &List, popular_tsvs: &[&str]) -> Vec<(String, String)> {
    let mut ranked: Vec<(String, String)> = Vec::new(); // (registrable, label)
    for text in popular_tsvs
        .iter()
        .filter(|t| t.lines().any(|l| l.starts_with(RANKED_MARKER)))
    {
        for d in parse_popular(text) {
            if let Some((reg, label_len)) = registrable(list, &d) {
                let label = reg.get(..label_len).unwrap_or("").to_string();
                if !ranked.iter().any(|(r, _)| *r == reg) {
                    ranked.push((reg, label));
                }
            }
        }
    }
    ranked
}

/// The distinct labels (below their public suffix) of the hosts the blocklist texts list.
fn blocked_labels(list: &List, imitations: &[&str]) -> HashSet<String> {
    let mut blocked_labels: HashSet<String> = HashSet::new();
    for text in imitations {
        for line in text.lines().skip(1) {
            let host = line
                .split('\t')
                .next()
                .unwrap_or("")
                .split('/')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if let Some((reg, label_len)) = registrable(list, &host) {
                if let Some(l) = reg.get(..label_len) {
                    blocked_labels.insert(l.to_string());
                }
            }
        }
    }
    blocked_labels
}

/// A label and its 1-deletions.
fn one_deletions(l: &str) -> Vec<String> {
    let mut out = vec![l.to_string()];
    for (i, c) in l.char_indices() {
        let mut s = l.to_string();
        s.replace_range(i..i + c.len_utf8(), "");
        out.push(s);
    }
    out
}

/// The acquired lists in which imitations of popular sites are counted: the curated crypto and
/// malware feeds. The broad phishing/scam/gambling lists (noisier, and full of names that merely
/// resemble common words) would make ordinary popular labels "phished brands".
pub const IMITATION_SOURCES: [&str; 3] = ["ethpd-blacklist", "polkadot", "urlhaus"];

/// Minimum label length for an edit-distance target.
const TYPO_MIN_OFFICIAL: usize = 5;

/// All sections of targets and lookalike detection: `TGTD`, `TGTH`, `LKSK`, `LKDL`, `LKBR`.
/// The hosts imitating popular sites are counted in the bundled blocklist sources
/// named in [`IMITATION_SOURCES`] (`builder::bundled_sources`), see [`sections_with_imitations`].
pub fn sections(
    targets_tsv: &str,
    popular_tsvs: &[&str],
    psl_text: &str,
) -> Result<Vec<(Tag, Vec<u8>)>, String> {
    let acquired = super::bundled_sources().map_err(|e| e.to_string())?;
    let sources: Vec<&str> = acquired
        .iter()
        .filter(|f| IMITATION_SOURCES.iter().any(|n| f.source_name() == *n))
        .map(|f| f.text.as_str())
        .collect();
    sections_with_imitations(targets_tsv, popular_tsvs, &sources, psl_text)
}

/// [`sections`] with the blocklist texts (`url_or_domain` first column) in which imitations
/// of popular sites are counted: a popular label that at least [`IMITATED_MIN`] blocked
/// labels are one edit from is a phished brand, hence a typo target (like a ranked one).
pub fn sections_with_imitations(
    targets_tsv: &str,
    popular_tsvs: &[&str],
    imitations: &[&str],
    psl_text: &str,
) -> Result<Vec<(Tag, Vec<u8>)>, String> {
    let list: List = psl_text
        .parse()
        .map_err(|e| format!("public suffix list: {e}"))?;
    let rows = parse_targets(targets_tsv)?;
    let popular: Vec<String> = popular_tsvs.iter().flat_map(|t| parse_popular(t)).collect();

    let mut records = Records::new(&list);
    let (brand_names, brand_keys) = add_officials(&mut records, &rows);
    for d in &popular {
        records.add(d, POPULAR, NO_BRAND);
    }
    let mut recs = records.recs;
    // Popular sites in general are not edit-distance targets: the top-100k is full of real
    // sites one edit apart (and of typo domains), so a typo of a popular name says little;
    // they are covered by skeletons (homographs), splits and embedding instead. The top of a
    // ranked list is the exception (see the module docs): distinctive labels only.
    let ranked_regs = ranked_targets(&list, &rows, popular_tsvs, &recs, imitations);
    for r in recs.iter_mut() {
        let reg = r.domain.get(r.reg_start..).unwrap_or("");
        if r.flags & OFFICIAL == 0 && ranked_regs.contains(reg) {
            r.flags |= TYPO | RANKED;
        }
    }

    let (skel, dels) = lookalike_indexes(&recs);
    let (brand_entries, mask) = brand_key_table(&brand_keys);
    Ok(vec![
        (TAG_DOMAINS, domains_section(&recs, &brand_names)),
        (TAG_INDEX, encode_table(host_index(&recs), 0)),
        (TAG_SKELETON, encode_table(skel, 0)),
        (TAG_DELETES, encode_table(dels, 0)),
        (TAG_BRANDS, encode_table(brand_entries, mask)),
        (TAG_BIGRAMS, brand_key_bigrams(&brand_keys)),
    ])
}

/// The target records in the order they are added, one per domain.
struct Records<'l> {
    list: &'l List,
    recs: Vec<Rec>,
    by_domain: HashMap<String, usize>,
}

impl<'l> Records<'l> {
    fn new(list: &'l List) -> Records<'l> {
        Records {
            list,
            recs: Vec::new(),
            by_domain: HashMap::new(),
        }
    }

    /// The record of `domain` (added, or the earlier one with `flags` added and its brand kept
    /// unless it had none); `None` for a domain the section cannot hold.
    fn add(&mut self, domain: &str, flags: u8, brand: u32) -> Option<usize> {
        if domain.len() > 253 || !domain.is_ascii() {
            return None;
        }
        if let Some(&i) = self.by_domain.get(domain) {
            let r: &mut Rec = self.recs.get_mut(i)?;
            r.flags |= flags;
            if r.brand == NO_BRAND {
                r.brand = brand;
            }
            return Some(i);
        }
        let (reg, label_len) = registrable(self.list, domain).unwrap_or_else(|| {
            // A public suffix itself (github.io): the whole domain is its own "site".
            let l = domain.find('.').unwrap_or(domain.len());
            (domain.to_string(), l)
        });
        let reg_start = domain.len() - reg.len();
        if label_len > 255 || reg_start > 255 {
            return None;
        }
        self.recs.push(Rec {
            domain: domain.to_string(),
            reg_start,
            label_len,
            flags,
            brand,
        });
        self.by_domain
            .insert(domain.to_string(), self.recs.len() - 1);
        Some(self.recs.len() - 1)
    }
}

/// Adds the official domains of every row, flagged as typo, crypto, short-name and brand-key
/// targets; returns the brand names (by brand id) and the brand keys with their record.
fn add_officials(records: &mut Records, rows: &[Row]) -> (Vec<String>, BTreeMap<String, usize>) {
    let mut brand_names: Vec<String> = Vec::new();
    let mut brand_keys: BTreeMap<String, usize> = BTreeMap::new(); // key -> record
    for row in rows {
        let b = brand_names.len() as u32;
        brand_names.push(row.brand.clone());
        for d in &row.domains {
            let Some(i) = records.add(d, OFFICIAL, b) else {
                continue;
            };
            let Some(r) = records.recs.get_mut(i) else {
                continue;
            };
            let label = r
                .domain
                .get(r.reg_start..r.reg_start + r.label_len)
                .unwrap_or("");
            // Typo targets: brands people are phished for (rows with brand keys), not
            // news sites or generic words.
            if label.len() >= TYPO_MIN_OFFICIAL && !row.keys.is_empty() {
                r.flags |= TYPO;
                if row.crypto && label.len() >= CRYPTO_MIN {
                    r.flags |= CRYPTO;
                }
            } else if label.len() >= 3 && !row.keys.is_empty() {
                let suffix = r.domain.get(r.reg_start + r.label_len + 1..).unwrap_or("");
                // Country-code suffixes only: under `.com` short names are everyone's.
                if suffix.contains('.') || suffix.len() == 2 {
                    r.flags |= SHORT;
                }
            }
            if row.keys.iter().any(|k| k == label) {
                r.flags |= BRAND;
                brand_keys.entry(label.to_string()).or_insert(i);
            }
        }
        // Keys that are not a domain's label (rare) are ignored: a key must name an official domain.
    }
    (brand_names, brand_keys)
}

/// The `TGTD` section: the records, the brand names and the strings they point into.
fn domains_section(recs: &[Rec], brand_names: &[String]) -> Vec<u8> {
    let mut strings = Vec::new();
    let mut records = Vec::new();
    for r in recs {
        let off = strings.len() as u32;
        strings.extend_from_slice(r.domain.as_bytes());
        records.extend_from_slice(&off.to_le_bytes());
        records.extend_from_slice(&[
            r.domain.len() as u8,
            r.reg_start as u8,
            r.label_len as u8,
            r.flags,
        ]);
        records.extend_from_slice(&r.brand.to_le_bytes());
    }
    let mut brands = Vec::new();
    for b in brand_names {
        brands.extend_from_slice(&(strings.len() as u32).to_le_bytes());
        brands.extend_from_slice(&(b.len() as u32).to_le_bytes());
        strings.extend_from_slice(b.as_bytes());
    }
    let mut tgtd = Vec::new();
    tgtd.extend_from_slice(&DOMAINS_MAGIC);
    tgtd.extend_from_slice(&(recs.len() as u32).to_le_bytes());
    tgtd.extend_from_slice(&(brand_names.len() as u32).to_le_bytes());
    tgtd.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    tgtd.extend_from_slice(&records);
    tgtd.extend_from_slice(&brands);
    tgtd.extend_from_slice(&strings);
    tgtd
}

/// The `TGTH` entries: each record by its domain and by its registrable domain.
fn host_index(recs: &[Rec]) -> Vec<(u64, u32)> {
    let mut index = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        index.push((hash(&r.domain), i as u32));
        if let Some(reg) = r.domain.get(r.reg_start..) {
            index.push((hash(reg), i as u32));
        }
    }
    index
}

/// Entries of a hash table section: (xxh3 hash of a key, record).
type HashEntries = Vec<(u64, u32)>;

/// The `LKSK` (loose skeletons) and `LKDL` (deletions) entries: one per registrable domain (first
/// record wins).
fn lookalike_indexes(recs: &[Rec]) -> (HashEntries, HashEntries) {
    let mut seen_reg = HashSet::new();
    let mut skel = Vec::new();
    let mut dels = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        let Some(reg) = r.domain.get(r.reg_start..) else {
            continue;
        };
        let label = reg.get(..r.label_len).unwrap_or("");
        if !seen_reg.insert(reg.to_string()) || label.is_empty() {
            continue;
        }
        let loose = loose_skeleton(label);
        skel.push((hash(&loose), i as u32));
        if r.flags & TYPO != 0 {
            for key in index_deletions(label, r.flags) {
                dels.push((hash(&key), i as u32));
            }
        } else if r.flags & SHORT != 0 {
            // The skeleton alone: found by a query's 1-deletions (one added character).
            let key = reference_strict_skeleton(label);
            dels.push((hash(&key), i as u32));
        }
    }
    (skel, dels)
}

/// The `LKBG` section: a bit per brand key's first two letters.
fn brand_key_bigrams(brand_keys: &BTreeMap<String, usize>) -> Vec<u8> {
    let mut bigrams = vec![0u8; BIGRAM_BYTES];
    for k in brand_keys.keys() {
        if let (Some(&a), Some(&b)) = (k.as_bytes().first(), k.as_bytes().get(1)) {
            let i = bigram_index(a, b);
            if let Some(byte) = bigrams.get_mut(i / 8) {
                *byte |= 1 << (i % 8);
            }
        }
    }
    bigrams
}

/// The `LKBR` entries (brand keys of a length the index holds) and the mask of those lengths.
fn brand_key_table(brand_keys: &BTreeMap<String, usize>) -> (Vec<(u64, u32)>, u32) {
    let mut brand_entries = Vec::new();
    let mut mask = 0u32;
    for (k, &i) in brand_keys {
        if let Some(len) = brand_key_len(k) {
            mask |= 1 << len;
            brand_entries.push((hash(k), i as u32));
        }
    }
    (brand_entries, mask)
}

/// Encodes a hash table section.
pub fn encode_table(mut entries: Vec<(u64, u32)>, aux: u32) -> Vec<u8> {
    entries.sort_unstable();
    entries.dedup();
    let mut out = Vec::with_capacity(8 + entries.len() * ENTRY_LEN);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(&aux.to_le_bytes());
    for &(h, id) in &entries {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&id.to_le_bytes());
    }
    let mut keys: Vec<u64> = entries.iter().map(|e| e.0).collect();
    keys.dedup();
    out.extend(crate::format::encode_filter(keys.into_iter()));
    out
}

/// The loose skeleton of a label at build time (the `LKSK` index key), see
/// [`Confusables::loose_skeleton`].
pub fn loose_skeleton(label: &str) -> String {
    super::confusables::reference_loose_skeleton(label)
}

/// Deletion keys stored for a typo target: its strict skeleton and every 1-deletion (and
/// 2-deletion for official labels of 10+ characters).
pub fn index_deletions(label: &str, flags: u8) -> Vec<String> {
    let s: Vec<char> = super::confusables::reference_strict_skeleton(label)
        .chars()
        .collect();
    deletions(&s, crate::lookalike::index::max_distance(flags, s.len()))
}

#[cfg(test)]
mod tests {
    use super::encode_table;
    use crate::targets::{hash, HashTable};

    /// The interpolating search finds exactly what a scan finds: every id under a hash
    /// (duplicates included), nothing for absent hashes, on uniform and on skewed keys.
    #[test]
    fn hash_table_find_matches_a_scan() {
        for skewed in [false, true] {
            let mut entries: Vec<(u64, u32)> = (0..5000u32)
                .map(|i| {
                    let h = hash(&format!("key{}", i / 3));
                    (if skewed { h >> 40 } else { h }, i)
                })
                .collect();
            entries.extend([(0, 9001), (u64::MAX, 9002), (u64::MAX, 9003)]);
            let section = encode_table(entries.clone(), 0);
            let table = HashTable::new(&section, "test").expect("table");
            let mut probes: Vec<u64> = entries.iter().map(|e| e.0).collect();
            probes.extend(
                (0..2000u64).map(|i| hash(&format!("absent{i}")) >> if skewed { 40 } else { 0 }),
            );
            probes.extend([1, u64::MAX - 1]);
            for h in probes {
                let mut want: Vec<u32> = entries.iter().filter(|e| e.0 == h).map(|e| e.1).collect();
                want.sort_unstable();
                let got: Vec<u32> = table.find(h).collect();
                assert_eq!(got, want, "hash {h:#x}");
            }
        }
        let empty = encode_table(Vec::new(), 0);
        assert_eq!(
            HashTable::new(&empty, "test")
                .expect("table")
                .find(7)
                .count(),
            0
        );
    }
}
