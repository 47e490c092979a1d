//! `waspada eval`: measures detection with the bundled list turned off, on the development sets
//! of `shared/data/dev/`, and prints (or writes) a Markdown table: the share of positives flagged
//! ≥ suspicious and ≥ dangerous by source, kind and dnstwist fuzzer, the Indonesia set by kind
//! and confidence, and the false-positive rate on the negatives (top-100k held-out and bundled
//! parts, Moz top 500, Indonesian official domains, dnstwist permutations that are real sites).
//! With `--peer`, MetaMask's `eth-phishing-detect` (npm, `tests/eval/`) runs on the same hosts,
//! reported as-is and with its own blocklist hits set aside (its list overlaps our sources).
//!
//! One command reproduces `tests/eval/RESULTS.md`:
//! `cargo run --release -p waspada-cli -- eval --peer --write tests/eval/RESULTS.md`

use crate::exit;
use clap::Args;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use waspada_core::engine::{Engine, Sensitivity, Settings};
use waspada_core::{Level, Verdict};

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Directory of the development sets (positives_dev.tsv, positives_indonesia_dev.tsv,
    /// lookalikes_dnstwist_dev.tsv, negatives_top100k_2024.tsv). Its parent holds
    /// negatives_top_moz500.tsv and negatives_indonesia.tsv.
    #[arg(long, value_name = "DIR", default_value = "../shared/data/dev")]
    pub dev_dir: PathBuf,
    /// Use this data file instead of the built-in one (the bundled list is turned off either way).
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Also run the peer, eth-phishing-detect (node), on the same hosts.
    #[arg(long)]
    pub peer: bool,
    /// The peer script (reads hosts on stdin, prints `flag<TAB>type` per line).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/eval/eth-phishing-detect.mjs"
    )]
    pub peer_script: PathBuf,
    /// Write the Markdown table to this file (it is always printed too).
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Write every missed positive and flagged negative, with its reasons, to this TSV (for tuning).
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Write every evaluated row's verdict to this file, one JSON line per row in input order
    /// (`{"groups":[[section,label],...],"verdict":{...}}`): diff two runs to prove a change
    /// leaves the verdicts alone.
    #[arg(long, value_name = "FILE")]
    pub verdicts: Option<PathBuf>,
    /// Check every Nth row only (quick tuning runs; the committed table uses 1).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub every: u32,
    /// Sensitivity to evaluate at.
    #[arg(long, value_enum, default_value_t = crate::check::SensitivityArg::Normal)]
    pub sensitivity: crate::check::SensitivityArg,
    /// The IDN display cases (legit / spoof); `idn_test_top_domains.txt` and
    /// `idn_expected_failures.tsv` are read from the same folder.
    #[arg(long, value_name = "FILE", default_value = "tests/eval/idn_cases.tsv")]
    pub idn_cases: PathBuf,
}

/// One evaluated row.
struct Row {
    input: String,
    /// Group labels this row is counted under, e.g. `("Positives by source", "openphish")`.
    groups: Vec<(&'static str, String)>,
    positive: bool,
}

/// Counts of one table line.
#[derive(Default, Clone)]
struct Tally {
    n: u64,
    suspicious: u64,
    dangerous: u64,
    peer: u64,
    peer_fuzzy: u64,
    /// Rows whose page the extension would probe (`Engine::page_check_applies`).
    probed: u64,
}

impl Tally {
    fn pct(part: u64, n: u64) -> String {
        if n == 0 {
            return "–".into();
        }
        let p = 100.0 * part as f64 / n as f64;
        if p > 0.0 && p < 0.1 {
            format!("{p:.3}%")
        } else {
            format!("{p:.1}%")
        }
    }
}

const SECTIONS: [&str; 7] = [
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
fn load_rows(dev: &Path, every: u32) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let shared = dev.parent().unwrap_or(Path::new("."));
    let keep = |i: usize| i % every as usize == 0;

    let p = dev.join("positives_dev.tsv");
    let (h, data) = read_tsv(&p)?;
    let (u, k, s) = (
        col(&h, "url_or_domain", &p)?,
        col(&h, "kind", &p)?,
        col(&h, "source", &p)?,
    );
    for (_, r) in data.iter().enumerate().filter(|(i, _)| keep(*i)) {
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

    let p = dev.join("lookalikes_dnstwist_dev.tsv");
    let (h, data) = read_tsv(&p)?;
    let (perm, fuzz, grp, neg) = (
        col(&h, "permutation_punycode", &p)?,
        col(&h, "fuzzer", &p)?,
        col(&h, "group", &p)?,
        col(&h, "in_negative_list", &p)?,
    );
    for (_, r) in data.iter().enumerate().filter(|(i, _)| keep(*i)) {
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

    let p = dev.join("positives_indonesia_dev.tsv");
    let (h, data) = read_tsv(&p)?;
    let (u, k, c) = (
        col(&h, "url_or_domain", &p)?,
        col(&h, "kind", &p)?,
        col(&h, "confidence", &p)?,
    );
    for (_, r) in data.iter().enumerate().filter(|(i, _)| keep(*i)) {
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

    let p = dev.join("negatives_top100k_2024.tsv");
    let (h, data) = read_tsv(&p)?;
    let d = col(&h, "domain", &p)?;
    for (_, r) in data.iter().enumerate().filter(|(i, _)| keep(*i)) {
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
        for (_, r) in data.iter().enumerate().filter(|(i, _)| keep(*i)) {
            rows.push(Row {
                input: field(r, d).to_string(),
                groups: vec![(SECTIONS[6], label.into())],
                positive: false,
            });
        }
    }
    Ok(rows)
}

/// Checks every row on two threads (the machine's size), in order.
fn check_all(engine: &Engine, rows: &[Row]) -> Vec<Verdict> {
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

/// The host the peer is given for a row: ours when we parsed it, else the input's first token.
fn peer_host(row: &Row, v: &Verdict) -> String {
    if let Some(h) = &v.host {
        return h.trim_start_matches('[').trim_end_matches(']').to_string();
    }
    let s = row.input.trim();
    let s = s.split("://").nth(1).unwrap_or(s);
    s.split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Runs the peer on the unique hosts; returns host → (flagged, type).
fn run_peer(script: &Path, hosts: Vec<String>) -> Result<HashMap<String, (bool, String)>, String> {
    if !script.exists() {
        return Err(format!(
            "peer script {} not found (run from the repository root)",
            script.display()
        ));
    }
    let dir = script.parent().unwrap_or(Path::new("."));
    if !dir.join("node_modules/eth-phishing-detect").exists() {
        return Err(format!(
            "the peer is not installed: run `npm ci --prefix {}`",
            dir.display()
        ));
    }
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for the peer")?;
    let mut stdout = child.stdout.take().ok_or("no stdout from the peer")?;
    let input: String = hosts
        .iter()
        .map(|h| format!("{}\n", h.replace(['\n', '\r'], "")))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = String::new();
    stdout
        .read_to_string(&mut out)
        .map_err(|e| format!("reading the peer's output: {e}"))?;
    let _ = writer.join();
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the peer exited with {status}"));
    }
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() != hosts.len() {
        return Err(format!(
            "the peer answered {} lines for {} hosts",
            lines.len(),
            hosts.len()
        ));
    }
    Ok(hosts
        .into_iter()
        .zip(lines)
        .map(|(h, l)| {
            let mut parts = l.split('\t');
            let flag = parts.next() == Some("1");
            let kind = parts.next().unwrap_or("").to_string();
            (h, (flag, kind))
        })
        .collect())
}

fn peer_version(script: &Path) -> String {
    let p = script
        .parent()
        .unwrap_or(Path::new("."))
        .join("node_modules/eth-phishing-detect/package.json");
    std::fs::read_to_string(p)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| {
            v.get("version")
                .and_then(|s| s.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "?".into())
}

/// Today's date (UTC) as YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The table of issue 11's targets (precision on unseen data; dev figures need a margin).
fn issue11_targets(
    md: &mut String,
    tallies: &BTreeMap<(&str, String), Tally>,
    held: (u64, u64, u64, u64),
    extra: &crate::eval_extra::Numbers,
) {
    let get = |s: &'static str, g: &str| {
        tallies
            .get(&(s, g.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    let rate = |part: u64, n: u64| {
        if n == 0 {
            0.0
        } else {
            100.0 * part as f64 / n as f64
        }
    };
    let urate = |(part, n): (usize, usize)| rate(part as u64, n as u64);
    let fuzzers: Vec<Tally> = tallies
        .iter()
        .filter(|((s, g), _)| *s == SECTIONS[2] && g != "all fuzzers")
        .map(|(_, t)| t.clone())
        .collect();
    let macro_avg = if fuzzers.is_empty() {
        0.0
    } else {
        fuzzers.iter().map(|t| rate(t.suspicious, t.n)).sum::<f64>() / fuzzers.len() as f64
    };
    let look = get(SECTIONS[2], "all fuzzers");
    let openphish = get(SECTIONS[0], "openphish");
    let indo = get(SECTIONS[4], "phishing");
    let (held_n, other_s, other_d, gambling_only) = held;
    md.push_str(
        "## Targets (issue 11: precision on data never seen)\n\nThe issue's goals apply to held-back \
data; these are the dev figures. Gambling-category hits on the top-100k (real betting sites; the category \
is on by default and can be turned off) are on their own line, not counted as false positives.\n\n\
| measure | goal | Waspada | met |\n|---|---|---|---|\n"
    );
    let mut row = |name: &str, goal: &str, value: String, ok: bool| {
        md.push_str(&format!(
            "| {name} | {goal} | {value} | {} |\n",
            if ok { "yes" } else { "**no**" }
        ));
    };
    let v = rate(other_s, held_n);
    row(
        "top-100k held-out ≥ suspicious, not counting gambling-category hits",
        "≤ 0.05%",
        format!("{v:.3}% ({other_s})"),
        v <= 0.05,
    );
    row(
        "top-100k held-out ≥ dangerous, not counting gambling",
        "0",
        format!("{other_d}"),
        other_d == 0,
    );
    row(
        "top-100k held-out flagged only for gambling words (reported, not a goal)",
        "–",
        format!("{gambling_only}"),
        true,
    );
    let v = urate(extra.country_sites);
    row(
        "brands' own country sites (TLD swaps) ≥ suspicious",
        "0%",
        format!(
            "{v:.1}% ({} of {})",
            extra.country_sites.0, extra.country_sites.1
        ),
        extra.country_sites.0 == 0,
    );
    let v = urate(extra.idn_legit);
    row(
        "legitimate IDNs flagged",
        "≤ 2%",
        format!("{v:.1}%"),
        v <= 2.0,
    );
    let v = urate(extra.idn_spoof);
    row(
        "IDN spoofs detected",
        "≥ 95%",
        format!("{v:.1}%"),
        v >= 95.0,
    );
    let v = rate(look.suspicious, look.n);
    row(
        "lookalikes ≥ suspicious (overall / macro over the dnstwist fuzzers)",
        "≥ 98% / ≥ 92%",
        format!("{v:.1}% / {macro_avg:.1}%"),
        v >= 98.0 && macro_avg >= 92.0,
    );
    let v = rate(openphish.suspicious, openphish.n);
    row(
        "curated phishing URLs (OpenPhish) ≥ suspicious",
        "≥ 65%",
        format!("{v:.1}%"),
        v >= 65.0,
    );
    let v = rate(indo.suspicious, indo.n);
    row(
        "Indonesia-targeted phishing ≥ suspicious",
        "≥ 75%",
        format!("{v:.1}%"),
        v >= 75.0,
    );
    let v = urate(extra.crypto);
    row(
        "crypto lookalikes of protected wallets/exchanges",
        "≥ 70%",
        format!("{v:.1}%"),
        v >= 70.0,
    );
    md.push('\n');
}

/// One JSON line per row: its groups and its whole verdict (input, level, score, reasons with
/// their params), in the order the rows were read.
fn write_verdicts(path: &Path, rows: &[Row], verdicts: &[Verdict]) -> Result<(), String> {
    let mut text = String::new();
    for (row, v) in rows.iter().zip(verdicts) {
        let line = serde_json::json!({ "groups": row.groups, "verdict": v });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(args: &EvalArgs) -> u8 {
    match run_inner(args) {
        Ok(()) => exit::OK,
        Err((code, msg)) => {
            eprintln!("waspada eval: {msg}");
            code
        }
    }
}

fn run_inner(args: &EvalArgs) -> Result<(), (u8, String)> {
    let io = |e: String| (exit::IO, e);
    let bytes = match &args.data {
        Some(p) => std::fs::read(p).map_err(|e| io(format!("{}: {e}", p.display())))?,
        None => crate::EMBEDDED_LIST.to_vec(),
    };
    let settings = Settings {
        sensitivity: match args.sensitivity {
            crate::check::SensitivityArg::Low => Sensitivity::Low,
            crate::check::SensitivityArg::Normal => Sensitivity::Normal,
            crate::check::SensitivityArg::High => Sensitivity::High,
        },
        use_blocklist: false,
        ..Settings::default()
    };
    let sensitivity_name = format!("{:?}", args.sensitivity).to_lowercase();
    let engine = Engine::new(bytes.clone(), settings).map_err(|e| io(format!("list file: {e}")))?;
    let header = engine.header().clone();
    let started = std::time::Instant::now();
    let rows = load_rows(&args.dev_dir, args.every).map_err(io)?;
    let verdicts = check_all(&engine, &rows);
    let elapsed = started.elapsed();
    if let Some(p) = &args.verdicts {
        write_verdicts(p, &rows, &verdicts).map_err(io)?;
    }

    let peer = if args.peer {
        let mut hosts: Vec<String> = rows
            .iter()
            .zip(&verdicts)
            .map(|(r, v)| peer_host(r, v))
            .collect();
        hosts.sort();
        hosts.dedup();
        Some(run_peer(&args.peer_script, hosts).map_err(io)?)
    } else {
        None
    };

    // Tally.
    let mut tallies: BTreeMap<(&str, String), Tally> = BTreeMap::new();
    let mut reason_pos: BTreeMap<String, u64> = BTreeMap::new();
    let mut reason_neg: BTreeMap<String, u64> = BTreeMap::new();
    let (mut n_pos, mut n_neg) = (0u64, 0u64);
    let mut errors = Vec::new();
    let mut fp_examples: Vec<String> = Vec::new();
    let mut fp_gambling_only = 0u64;
    // Held-out top-100k flagged once gambling-category reasons are set aside: (≥ susp., ≥ dang.).
    let mut fp_other = (0u64, 0u64);
    for (row, v) in rows.iter().zip(&verdicts) {
        let flagged = matches!(
            v.verdict,
            Level::Suspicious | Level::Dangerous | Level::Blocked
        );
        let dangerous = matches!(v.verdict, Level::Dangerous | Level::Blocked);
        let (pf, pfz) = match &peer {
            Some(map) => {
                let h = peer_host(row, v);
                let (f, kind) = map.get(&h).cloned().unwrap_or((false, String::new()));
                (f, f && kind == "fuzzy")
            }
            None => (false, false),
        };
        let probed = engine.page_check_applies(v);
        for g in &row.groups {
            let t = tallies.entry((g.0, g.1.clone())).or_default();
            t.n += 1;
            t.probed += u64::from(probed);
            t.suspicious += u64::from(flagged);
            t.dangerous += u64::from(dangerous);
            t.peer += u64::from(pf);
            t.peer_fuzzy += u64::from(pfz);
        }
        let bucket = if row.positive {
            n_pos += 1;
            &mut reason_pos
        } else {
            n_neg += 1;
            &mut reason_neg
        };
        let mut seen: Vec<&str> = Vec::new();
        for r in v.reasons.iter().filter(|r| r.score > 0) {
            if !seen.contains(&r.code.as_str()) {
                seen.push(&r.code);
                *bucket.entry(r.code.clone()).or_default() += 1;
            }
        }
        let wrong = if row.positive { !flagged } else { flagged };
        if wrong && args.errors.is_some() {
            let reasons: Vec<String> = v
                .reasons
                .iter()
                .map(|r| format!("{}:{}", r.code, r.score))
                .collect();
            let group = row.groups.first().map(|g| g.1.as_str()).unwrap_or("");
            errors.push(format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                if row.positive {
                    "missed"
                } else {
                    "false_positive"
                },
                group,
                row.input.replace(['\t', '\n'], " "),
                v.verdict.as_str(),
                v.score,
                reasons.join(" ")
            ));
        }
        if !row.positive
            && flagged
            && row
                .groups
                .iter()
                .any(|g| g.1.starts_with("top-100k held-out"))
        {
            let (other_s, other_d) = crate::eval_extra::without_gambling(v, &engine);
            if !other_s {
                fp_gambling_only += 1;
            }
            fp_other.0 += u64::from(other_s);
            fp_other.1 += u64::from(other_d);
            let reasons: Vec<String> = v
                .reasons
                .iter()
                .filter(|r| r.score > 0)
                .map(|r| format!("{} {}", r.code, r.score))
                .collect();
            fp_examples.push(format!(
                "`{}` ({}: {})",
                row.input,
                v.verdict.as_str(),
                reasons.join(", ")
            ));
        }
    }

    // Render.
    let mut md = String::new();
    let peer_name = format!("eth-phishing-detect {}", peer_version(&args.peer_script));
    md.push_str("# Waspada detection, measured\n\n");
    md.push_str(&format!(
        "Generated by `waspada eval{}` on {} — list version {} (built {}), **bundled blocklist OFF**, \
sensitivity {sensitivity_name}{}. {} rows checked in {:.1} s.\n\n",
        if args.peer { " --peer" } else { "" },
        today(),
        header.list_version,
        header.build_date_iso(),
        if args.every > 1 {
            format!(", every {}th row only", args.every)
        } else {
            String::new()
        },
        rows.len(),
        elapsed.as_secs_f64()
    ));
    md.push_str(
        "Reproduce from the repository root: `npm ci --prefix tests/eval && cargo run --release -p waspada-cli -- \
eval --peer --write tests/eval/RESULTS.md` (reads `../shared/data/dev/`; `--dev-dir` for another place).\n\n",
    );
    md.push_str("Columns: **n** rows; **≥ susp.** share of rows Waspada rates suspicious or worse; **≥ dang.** \
dangerous or worse; for positives these are detection rates, for negatives false-positive rates.");
    if peer.is_some() {
        md.push_str(&format!(
            " **peer** the share {peer_name} (MetaMask, npm) flags, as shipped: its own blocklist plus its \
Levenshtein check against a few wallet brands. Its blocklist overlaps the sources Waspada bundles (and is \
itself one of them), while Waspada's list is OFF here, so **peer fuzzy** counts only its list-free (fuzzy) \
detections: that is the like-for-like comparison."
        ));
    }
    md.push_str("\n\n");
    md.push_str("Dev sets are for measuring only; targets apply to held-back data of the same kinds. A dnstwist row marked `in_negative_list` is a real site and counts as a negative. The top-100k is split as `targets::is_held_out` defines: the held-out part (never bundled) is the unseen-negatives measure, the bundled part is skipped by design (`site.popular`).\n\n");

    // Target summary.
    let get = |s: &'static str, g: &str| {
        tallies
            .get(&(s, g.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    let rate = |t: &Tally, part: u64| {
        if t.n == 0 {
            0.0
        } else {
            100.0 * part as f64 / t.n as f64
        }
    };
    let look = get(SECTIONS[2], "all fuzzers");
    let homo = get(SECTIONS[2], "homoglyph");
    let held = get(SECTIONS[6], "top-100k held-out (unseen)");
    let indo = get(SECTIONS[4], "all");
    let mut phish = Tally::default();
    for src in ["openphish", "phishingarmy", "blp-phishing"] {
        let t = get(SECTIONS[0], src);
        phish.n += t.n;
        phish.suspicious += t.suspicious;
        phish.dangerous += t.dangerous;
        phish.peer += t.peer;
        phish.peer_fuzzy += t.peer_fuzzy;
        phish.probed += t.probed;
    }
    md.push_str("## Targets (issue 3)\n\n| target | goal | Waspada | met |\n|---|---|---|---|\n");
    let mut target = |name: &str, goal: &str, value: f64, ok: bool| {
        md.push_str(&format!(
            "| {name} | {goal} | {value:.2}% | {} |\n",
            if ok { "yes" } else { "**no**" }
        ));
    };
    let v = rate(&look, look.suspicious);
    target(
        "lookalikes of protected brands ≥ suspicious",
        "≥ 95%",
        v,
        v >= 95.0,
    );
    let v = rate(&homo, homo.suspicious);
    target("homoglyph lookalikes ≥ suspicious", "≥ 98%", v, v >= 98.0);
    let v = rate(&held, held.suspicious);
    target("top-100k held-out ≥ suspicious (FP)", "≤ 0.1%", v, v <= 0.1);
    let v = rate(&held, held.dangerous);
    target(
        "top-100k held-out ≥ dangerous (FP)",
        "≤ 0.01%",
        v,
        v <= 0.01,
    );
    let v = rate(&phish, phish.suspicious);
    target(
        "phishing (openphish, phishingarmy, blp-phishing) ≥ suspicious",
        "≥ 60%",
        v,
        v >= 60.0,
    );
    let v = rate(&indo, indo.suspicious);
    target(
        "Indonesia-targeted scams and gambling ≥ suspicious",
        "≥ 80%",
        v,
        v >= 80.0,
    );
    if peer.is_some() {
        let rows = [
            ("phishing", &phish),
            ("lookalikes", &look),
            ("Indonesia", &indo),
        ];
        let recall_ok = rows.iter().all(|(_, t)| t.suspicious > t.peer_fuzzy);
        let recall: Vec<String> = rows
            .iter()
            .map(|(name, t)| {
                format!(
                    "{name} {:.1}% vs {:.2}%",
                    rate(t, t.suspicious),
                    rate(t, t.peer_fuzzy)
                )
            })
            .collect();
        let fp_ours = rate(&held, held.suspicious);
        let fp_theirs = rate(&held, held.peer_fuzzy);
        md.push_str(&format!(
            "| better than the peer without its list (fuzzy) on recall and FPs | recall higher, FP lower | {}; held-out FP {:.3}% vs {:.3}% | {} |\n",
            recall.join(", "),
            fp_ours,
            fp_theirs,
            if recall_ok && fp_ours <= fp_theirs { "yes" } else { "**no**" }
        ));
    }
    md.push('\n');
    let (extra_md, extra) =
        crate::eval_extra::tables(&engine, &bytes, &args.dev_dir, &args.idn_cases, args.every)
            .map_err(io)?;
    issue11_targets(
        &mut md,
        &tallies,
        (held.n, fp_other.0, fp_other.1, fp_gambling_only),
        &extra,
    );

    md.push_str(
        "## The page probe's reach\n\nRows whose page the extension looks at once it has loaded \
(`Engine::page_check_applies`: the address alone is suspicious, or it is a user's page on one of the most \
abused hosting platforms). A brand's sign-in form there makes the page dangerous (`page.credential_form` + \
`page.brand`); this eval has no page contents, so it shows the reach, not the catch.\n\n\
| set | n | probed | of them already suspicious |\n|---|---:|---:|---:|\n",
    );
    for (name, t) in [
        ("phishing (openphish, phishingarmy, blp-phishing)", &phish),
        ("Indonesia set", &indo),
        ("top-100k held-out (unseen)", &held),
    ] {
        let only_suspicious = t.suspicious.saturating_sub(t.dangerous);
        md.push_str(&format!(
            "| {name} | {} | {} | {} |\n",
            t.n,
            Tally::pct(t.probed, t.n),
            Tally::pct(only_suspicious.min(t.probed), t.n)
        ));
    }
    md.push('\n');

    for section in SECTIONS {
        md.push_str(&format!("## {section}\n\n"));
        if peer.is_some() {
            md.push_str("| set | n | ≥ susp. | ≥ dang. | peer | peer fuzzy |\n|---|---:|---:|---:|---:|---:|\n");
        } else {
            md.push_str("| set | n | ≥ susp. | ≥ dang. |\n|---|---:|---:|---:|\n");
        }
        let mut lines: Vec<(&String, &Tally)> = tallies
            .iter()
            .filter(|((s, _), _)| *s == section)
            .map(|((_, g), t)| (g, t))
            .collect();
        lines.sort_by(|a, b| b.1.n.cmp(&a.1.n).then(a.0.cmp(b.0)));
        for (g, t) in lines {
            md.push_str(&format!(
                "| {g} | {} | {} | {} |",
                t.n,
                Tally::pct(t.suspicious, t.n),
                Tally::pct(t.dangerous, t.n)
            ));
            if peer.is_some() {
                md.push_str(&format!(
                    " {} | {} |",
                    Tally::pct(t.peer, t.n),
                    Tally::pct(t.peer_fuzzy, t.n)
                ));
            }
            md.push('\n');
        }
        md.push('\n');
    }

    md.push_str("## Reasons: how often each fires (points > 0)\n\n| reason | positives | negatives |\n|---|---:|---:|\n");
    let mut codes: Vec<&String> = reason_pos.keys().chain(reason_neg.keys()).collect();
    codes.sort();
    codes.dedup();
    for c in codes {
        let p = reason_pos.get(c).copied().unwrap_or(0);
        let n = reason_neg.get(c).copied().unwrap_or(0);
        md.push_str(&format!(
            "| `{c}` | {} ({p}) | {} ({n}) |\n",
            Tally::pct(p, n_pos),
            Tally::pct(n, n_neg)
        ));
    }
    md.push('\n');
    md.push_str(&format!(
        "## Flagged held-out top-100k domains ({} of {})\n\n{} of them only because of gambling words \
(reason `keyword.gambling`, category gambling, which a user can turn off): the top-100k holds \
gambling sites too.\n\n",
        fp_examples.len(),
        held.n,
        fp_gambling_only
    ));
    for e in fp_examples.iter().take(60) {
        md.push_str(&format!("- {e}\n"));
    }
    if fp_examples.len() > 60 {
        md.push_str(&format!("- … and {} more\n", fp_examples.len() - 60));
    }

    md.push_str(&extra_md);

    print!("{md}");
    if let Some(p) = &args.write {
        std::fs::write(p, &md).map_err(|e| io(format!("{}: {e}", p.display())))?;
    }
    if let Some(p) = &args.errors {
        let mut text = String::from("error\tgroup\tinput\tverdict\tscore\treasons\n");
        for e in &errors {
            text.push_str(e);
            text.push('\n');
        }
        std::fs::write(p, text).map_err(|e| io(format!("{}: {e}", p.display())))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// A miniature copy of the shared data layout: `<root>/dev/*.tsv` plus the two reference
    /// negatives files in `<root>/`.
    fn fixture() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let dev = root.path().join("dev");
        std::fs::create_dir(&dev).unwrap();
        let write = |p: PathBuf, text: &str| std::fs::write(p, text).unwrap();
        write(
            dev.join("positives_dev.tsv"),
            "url_or_domain\tkind\tsource\tfirst_seen\n\
             https://bca.co.id@evil.top/\tphishing\topenphish\t2024-01-01\n\
             slotgacor88.com\tgambling\tnawala-judi\t2017-05-27\n\
             stumblestilskins.com\tphishing\tblp-phishing\t2024-01-01\n",
        );
        write(
            dev.join("positives_indonesia_dev.tsv"),
            "url_or_domain\tkind\tsource\tfirst_seen\tmatch_rule\tconfidence\n\
             slotgacor88.com\tgambling\tnawala-judi\t2017-05-27\tlist:nawala\thigh\n\
             example.org\tscam\tnawala-scam\t2017-05-27\tlist:nawala\tmedium\n",
        );
        write(
            dev.join("lookalikes_dnstwist_dev.tsv"),
            "original\tgroup\tpermutation_unicode\tpermutation_punycode\tfuzzer\tin_negative_list\n\
             bca.co.id\tindonesia\tbca.co.id\txn--bc-kja.co.id\thomoglyph\t\n\
             google.com\tglobal\tgoogle.de\tgoogle.de\ttld-swap\tyes\n",
        );
        write(
            dev.join("negatives_top100k_2024.tsv"),
            "rank\tdomain\n100000\twikipedia.org\n100000\texample.com\n",
        );
        write(
            root.path().join("negatives_top_moz500.tsv"),
            "rank\tdomain\trank_type\tsource\tsnapshot_date\n1\twww.google.com\texact\tx\t\n",
        );
        write(
            root.path().join("negatives_indonesia.tsv"),
            "domain\tcategory\tevidence\nbca.co.id\tbank\tx\n",
        );
        root
    }

    fn args(root: &Path, out: &Path, errors: &Path) -> EvalArgs {
        EvalArgs {
            dev_dir: root.join("dev"),
            data: None,
            peer: false,
            peer_script: PathBuf::from("tests/eval/eth-phishing-detect.mjs"),
            write: Some(out.to_path_buf()),
            errors: Some(errors.to_path_buf()),
            verdicts: Some(errors.with_extension("jsonl")),
            every: 1,
            sensitivity: crate::check::SensitivityArg::Normal,
            idn_cases: Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/eval/idn_cases.tsv"),
        }
    }

    #[test]
    fn table_counts_rows_where_they_belong() {
        let root = fixture();
        let out = root.path().join("RESULTS.md");
        let errors = root.path().join("errors.tsv");
        run_inner(&args(root.path(), &out, &errors)).unwrap();
        let md = std::fs::read_to_string(&out).unwrap();
        // The credentials trick and the gambling host are caught; the compromised domain is not.
        assert!(md.contains("| openphish | 1 | 100.0% | 100.0% |"), "{md}");
        assert!(md.contains("| nawala-judi | 1 | 100.0% |"), "{md}");
        assert!(md.contains("| blp-phishing | 1 | 0.0% | 0.0% |"), "{md}");
        // A permutation that is a real site counts as a negative, not under its fuzzer.
        assert!(
            md.contains("| dnstwist permutations that are real sites | 1 |"),
            "{md}"
        );
        assert!(!md.contains("| tld-swap |"), "{md}");
        assert!(
            md.contains("| Indonesian official domains | 1 | 0.0% | 0.0% |"),
            "{md}"
        );
        assert!(md.contains("| Moz top 500 | 1 | 0.0% | 0.0% |"), "{md}");
        assert!(md.contains("bundled blocklist OFF"));
        // The errors file lists the miss with its verdict.
        let err = std::fs::read_to_string(&errors).unwrap();
        assert!(
            err.contains("missed\tblp-phishing\tstumblestilskins.com\tsafe"),
            "{err}"
        );
        // The verdicts file has one JSON line per row, in input order, with its groups.
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(errors.with_extension("jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[0]["verdict"]["input"], "https://bca.co.id@evil.top/");
        assert_eq!(lines[0]["groups"][0][1], "openphish");
        assert_eq!(lines[2]["verdict"]["verdict"], "safe");
    }

    #[test]
    fn a_missing_dev_dir_is_an_io_error() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("RESULTS.md");
        let errors = root.path().join("e.tsv");
        let mut a = args(root.path(), &out, &errors);
        a.dev_dir = root.path().join("nowhere");
        let err = run_inner(&a).unwrap_err();
        assert_eq!(err.0, exit::IO);
        assert!(err.1.contains("positives_dev.tsv"), "{}", err.1);
    }
}
