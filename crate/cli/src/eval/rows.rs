//! The development sets read into rows, each counted under its groups, and checked.

use std::path::Path;
use waspada_core::engine::Engine;
use waspada_core::Verdict;

/// One evaluated row.
pub(super) struct Row {
    pub(super) input: String,
    /// Group labels this row is counted under, e.g. `("Positives by source", "openphish")`.
    pub(super) groups: Vec<(&'static str, String)>,
    pub(super) positive: bool,
}

/// The sections of the tables, in order.
pub(super) const SECTIONS: [&str; 7] = [
    "Positives by source",
    "Positives by kind",
    "Lookalikes (dnstwist) by fuzzer",
    "Lookalikes (dnstwist) by brand group",
    "Indonesia set by kind",
    "Indonesia set by confidence",
    "Negatives (false positives)",
];

fn read_tsv(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split('\t')
        .map(str::to_string)
        .collect();
    let rows = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    Ok((header, rows))
}

fn col(header: &[String], name: &str, path: &Path) -> Result<usize, String> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("{}: no column `{name}`", path.display()))
}

fn field(row: &[String], i: usize) -> &str {
    row.get(i).map(String::as_str).unwrap_or("")
}

/// Reads every set into rows.
pub(super) fn load_rows(dev: &Path, every: u32) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    add_positives(&mut rows, dev, every)?;
    add_lookalikes(&mut rows, dev, every)?;
    add_indonesia(&mut rows, dev, every)?;
    add_negatives(&mut rows, dev, every)?;
    Ok(rows)
}

/// Every `every`th row of `data`, from the first.
fn kept(data: &[Vec<String>], every: u32) -> impl Iterator<Item = &Vec<String>> {
    data.iter()
        .enumerate()
        .filter(move |(i, _)| i % every as usize == 0)
        .map(|(_, r)| r)
}

/// `positives_dev.tsv`: by source (each of a row's sources) and by kind.
fn add_positives(rows: &mut Vec<Row>, dev: &Path, every: u32) -> Result<(), String> {
    let p = dev.join("positives_dev.tsv");
    let (h, data) = read_tsv(&p)?;
    let (u, k, s) = (
        col(&h, "url_or_domain", &p)?,
        col(&h, "kind", &p)?,
        col(&h, "source", &p)?,
    );
    for r in kept(&data, every) {
        let mut groups = Vec::new();
        for src in field(r, s).split(';') {
            groups.push((SECTIONS[0], src.to_string()));
        }
        groups.push((SECTIONS[1], field(r, k).to_string()));
        groups.push((SECTIONS[0], "all positives_dev".to_string()));
        rows.push(Row {
            input: field(r, u).to_string(),
            groups,
            positive: true,
        });
    }
    Ok(())
}

/// `lookalikes_dnstwist_dev.tsv`: by fuzzer and brand group; permutations that are real sites
/// are negatives.
fn add_lookalikes(rows: &mut Vec<Row>, dev: &Path, every: u32) -> Result<(), String> {
    let p = dev.join("lookalikes_dnstwist_dev.tsv");
    let (h, data) = read_tsv(&p)?;
    let (perm, fuzz, grp, neg) = (
        col(&h, "permutation_punycode", &p)?,
        col(&h, "fuzzer", &p)?,
        col(&h, "group", &p)?,
        col(&h, "in_negative_list", &p)?,
    );
    for r in kept(&data, every) {
        let is_negative = !field(r, neg).trim().is_empty();
        if is_negative {
            rows.push(Row {
                input: field(r, perm).to_string(),
                groups: vec![(
                    SECTIONS[6],
                    "dnstwist permutations that are real sites".into(),
                )],
                positive: false,
            });
            continue;
        }
        rows.push(Row {
            input: field(r, perm).to_string(),
            groups: vec![
                (SECTIONS[2], field(r, fuzz).to_string()),
                (SECTIONS[2], "all fuzzers".to_string()),
                (SECTIONS[3], field(r, grp).to_string()),
            ],
            positive: true,
        });
    }
    Ok(())
}

/// `positives_indonesia_dev.tsv`: by kind and by confidence.
fn add_indonesia(rows: &mut Vec<Row>, dev: &Path, every: u32) -> Result<(), String> {
    let p = dev.join("positives_indonesia_dev.tsv");
    let (h, data) = read_tsv(&p)?;
    let (u, k, c) = (
        col(&h, "url_or_domain", &p)?,
        col(&h, "kind", &p)?,
        col(&h, "confidence", &p)?,
    );
    for r in kept(&data, every) {
        rows.push(Row {
            input: field(r, u).to_string(),
            groups: vec![
                (SECTIONS[4], field(r, k).to_string()),
                (SECTIONS[4], "all".to_string()),
                (SECTIONS[5], field(r, c).to_string()),
            ],
            positive: true,
        });
    }
    Ok(())
}

/// The negatives: the top-100k (held-out and bundled parts), and beside `dev` the Moz top 500
/// and the Indonesian official domains.
fn add_negatives(rows: &mut Vec<Row>, dev: &Path, every: u32) -> Result<(), String> {
    let shared = dev.parent().unwrap_or(Path::new("."));
    let p = dev.join("negatives_top100k_2024.tsv");
    let (h, data) = read_tsv(&p)?;
    let d = col(&h, "domain", &p)?;
    for r in kept(&data, every) {
        let domain = field(r, d);
        let part = if waspada_core::targets::is_held_out(domain) {
            "top-100k held-out (unseen)"
        } else {
            "top-100k bundled part"
        };
        rows.push(Row {
            input: domain.to_string(),
            groups: vec![(SECTIONS[6], part.into())],
            positive: false,
        });
    }
    for (file, label) in [
        ("negatives_top_moz500.tsv", "Moz top 500"),
        ("negatives_indonesia.tsv", "Indonesian official domains"),
    ] {
        let p = shared.join(file);
        let (h, data) = read_tsv(&p)?;
        let d = col(&h, "domain", &p)?;
        for r in kept(&data, every) {
            rows.push(Row {
                input: field(r, d).to_string(),
                groups: vec![(SECTIONS[6], label.into())],
                positive: false,
            });
        }
    }
    Ok(())
}

/// Checks every row on two threads (the machine's size), in order.
pub(super) fn check_all(engine: &Engine, rows: &[Row]) -> Vec<Verdict> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|r| engine.check(&r.input))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}
