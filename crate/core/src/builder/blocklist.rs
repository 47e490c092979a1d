//! The blocklist sections `BSRC`, `BHST` and `BURL` from the builder's entries (the layout is
//! described, and read in place, by [`crate::blocklist`]).

use crate::blocklist::{
    expression_hash, is_host_expression, ENTRY_BYTES, HASH_XXH3_64, HOSTS_TAG, MAX_SOURCE_SETS,
    SOURCES_TAG, TABLE_HEADER, URLS_TAG,
};
use crate::category::Category;
use crate::format::Tag;

/// One entry to encode: its lookup expression, category and source-set index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeEntry {
    pub expression: String,
    pub category: Category,
    pub source_set: usize,
}

/// Encodes entries into the `BHST`, `BURL` and `BSRC` sections. Entries must have distinct
/// hashes (the builder merges duplicates and reports collisions before calling this).
pub fn encode(
    entries: &[EncodeEntry],
    source_sets: &[String],
) -> Result<Vec<(Tag, Vec<u8>)>, String> {
    if source_sets.len() > MAX_SOURCE_SETS {
        return Err(format!(
            "{} distinct source sets; the format holds at most {MAX_SOURCE_SETS}",
            source_sets.len()
        ));
    }
    let mut hosts: Vec<(u64, u16)> = Vec::new();
    let mut urls: Vec<(u64, u16)> = Vec::new();
    for e in entries {
        if e.source_set >= source_sets.len() {
            return Err(format!(
                "entry {} names an unknown source set",
                e.expression
            ));
        }
        let meta = (e.category as u16) | ((e.source_set as u16) << 3);
        let item = (expression_hash(&e.expression), meta);
        if is_host_expression(&e.expression) {
            hosts.push(item);
        } else {
            urls.push(item);
        }
    }
    let table = |mut items: Vec<(u64, u16)>, name: &str| -> Result<Vec<u8>, String> {
        items.sort_unstable();
        if items.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(format!("{name}: two entries share a hash"));
        }
        let n = u32::try_from(items.len()).map_err(|_| format!("{name}: too many entries"))?;
        let mut out = Vec::with_capacity(TABLE_HEADER + items.len() * ENTRY_BYTES);
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&HASH_XXH3_64.to_le_bytes());
        for (h, _) in &items {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, m) in &items {
            out.extend_from_slice(&m.to_le_bytes());
        }
        out.extend(crate::format::encode_filter(items.iter().map(|(h, _)| *h)));
        Ok(out)
    };
    let mut src = Vec::new();
    src.extend_from_slice(&(source_sets.len() as u32).to_le_bytes());
    let mut end = 0usize;
    for s in source_sets {
        end += s.len();
        let e = u32::try_from(end).map_err(|_| "source names too long".to_string())?;
        src.extend_from_slice(&e.to_le_bytes());
    }
    for s in source_sets {
        src.extend_from_slice(s.as_bytes());
    }
    Ok(vec![
        (SOURCES_TAG, src),
        (HOSTS_TAG, table(hosts, "BHST")?),
        (URLS_TAG, table(urls, "BURL")?),
    ])
}
