//! The `PSL ` section from the text of `public_suffix_list.dat` (the layout is described, and read
//! in place, by [`crate::domain`]).

use crate::domain::{fnv_step, EXCEPTION, FNV_OFFSET, HEADER, LONGER, MAGIC, NORMAL, WILDCARD};

/// Hash of `name` read from its last byte to its first, lower-cased.
fn reversed_hash(name: &str) -> u64 {
    name.bytes()
        .rev()
        .fold(FNV_OFFSET, |h, b| fnv_step(h, b.to_ascii_lowercase()))
}

/// Compiles the text of `public_suffix_list.dat` into the `PSL ` section.
pub fn section(psl_text: &str) -> Result<Vec<u8>, String> {
    use std::collections::BTreeMap;
    let mut rules: BTreeMap<u64, (u8, String)> = BTreeMap::new();
    let mut private = false;
    let mut saw_private_marker = false;
    for (n, line) in psl_text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("// ===BEGIN PRIVATE DOMAINS===") {
            private = true;
            saw_private_marker = true;
            continue;
        }
        if line.starts_with("// ===END PRIVATE DOMAINS===") {
            private = false;
            continue;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let rule = line.split_whitespace().next().unwrap_or_default();
        let (name, kind) = if let Some(r) = rule.strip_prefix('!') {
            (r, EXCEPTION)
        } else if let Some(r) = rule.strip_prefix("*.") {
            (r, WILDCARD)
        } else {
            (rule, NORMAL)
        };
        if name.is_empty() || name.contains('*') || name.contains('!') {
            return Err(format!("line {}: unsupported rule \"{rule}\"", n + 1));
        }
        let ascii = idna::domain_to_ascii(name).map_err(|e| {
            format!(
                "line {}: rule \"{rule}\" is not a valid domain: {e:?}",
                n + 1
            )
        })?;
        if ascii.is_empty() || ascii.split('.').any(str::is_empty) {
            return Err(format!(
                "line {}: rule \"{rule}\" has an empty label",
                n + 1
            ));
        }
        let flag = if private { kind << 3 } else { kind };
        let flag = flag | kind;
        let h = reversed_hash(&ascii);
        let entry = rules.entry(h).or_insert_with(|| (0, ascii.clone()));
        if entry.1 != ascii {
            return Err(format!(
                "hash collision between rules \"{}\" and \"{ascii}\"; change the hash",
                entry.1
            ));
        }
        entry.0 |= flag;
        // Mark every shorter name this rule ends with, so lookups know to read further.
        let mut rest = ascii.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            let h = reversed_hash(parent);
            let entry = rules.entry(h).or_insert_with(|| (0, parent.to_string()));
            if entry.1 != parent {
                return Err(format!(
                    "hash collision between rules \"{}\" and \"{parent}\"; change the hash",
                    entry.1
                ));
            }
            entry.0 |= LONGER;
            rest = parent;
        }
    }
    if rules.is_empty() {
        return Err("the Public Suffix List has no rules".into());
    }
    if !saw_private_marker {
        return Err("the Public Suffix List has no \"===BEGIN PRIVATE DOMAINS===\" marker".into());
    }
    let n = u32::try_from(rules.len()).map_err(|_| "too many PSL rules".to_string())?;
    let mut out = Vec::with_capacity(HEADER + rules.len() * 9 + 8);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&n.to_le_bytes());
    for h in rules.keys() {
        out.extend_from_slice(&h.to_le_bytes());
    }
    for (flags, _) in rules.values() {
        out.push(*flags);
    }
    Ok(out)
}
