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

mod extra;
mod peer;
mod report;
mod rows;
mod tally;

use crate::exit;
use clap::Args;
use std::path::{Path, PathBuf};
use waspada_core::engine::{Engine, Sensitivity, Settings};
use waspada_core::Verdict;

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

/// One JSON line per row: its groups and its whole verdict (input, level, score, reasons with
/// their params), in the order the rows were read.
fn write_verdicts(path: &Path, rows: &[rows::Row], verdicts: &[Verdict]) -> Result<(), String> {
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
    let started = std::time::Instant::now();
    let rows = rows::load_rows(&args.dev_dir, args.every).map_err(io)?;
    let verdicts = rows::check_all(&engine, &rows);
    let elapsed = started.elapsed();
    if let Some(p) = &args.verdicts {
        write_verdicts(p, &rows, &verdicts).map_err(io)?;
    }

    let peer = if args.peer {
        let mut hosts: Vec<String> = rows
            .iter()
            .zip(&verdicts)
            .map(|(r, v)| peer::peer_host(r, v))
            .collect();
        hosts.sort();
        hosts.dedup();
        Some(peer::run_peer(&args.peer_script, hosts).map_err(io)?)
    } else {
        None
    };

    let counts = tally::count(
        &engine,
        &rows,
        &verdicts,
        peer.as_ref(),
        args.errors.is_some(),
    );
    let md = report::render(
        &report::Run {
            args,
            engine: &engine,
            bytes: &bytes,
            rows: rows.len(),
            elapsed,
            sensitivity_name: &sensitivity_name,
            peer: peer.is_some(),
        },
        &counts,
    )
    .map_err(io)?;
    print!("{md}");
    if let Some(p) = &args.write {
        std::fs::write(p, &md).map_err(|e| io(format!("{}: {e}", p.display())))?;
    }
    if let Some(p) = &args.errors {
        let mut text = String::from("error\tgroup\tinput\tverdict\tscore\treasons\n");
        for e in &counts.errors {
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
