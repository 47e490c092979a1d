//! The counts of one run: per table line, per reason, and the rows gone wrong.

use super::peer::{peer_host, PeerAnswers};
use super::rows::Row;
use std::collections::BTreeMap;
use waspada_core::engine::Engine;
use waspada_core::{Level, Verdict};

/// Counts of one table line.
#[derive(Default, Clone)]
pub(super) struct Tally {
    pub(super) n: u64,
    pub(super) suspicious: u64,
    pub(super) dangerous: u64,
    pub(super) peer: u64,
    pub(super) peer_fuzzy: u64,
    /// Rows whose page the extension would probe (`Engine::page_check_applies`).
    pub(super) probed: u64,
}

impl Tally {
    pub(super) fn pct(part: u64, n: u64) -> String {
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

/// Everything counted over the rows.
#[derive(Default)]
pub(super) struct Counts {
    pub(super) tallies: BTreeMap<(&'static str, String), Tally>,
    pub(super) reason_pos: BTreeMap<String, u64>,
    pub(super) reason_neg: BTreeMap<String, u64>,
    pub(super) n_pos: u64,
    pub(super) n_neg: u64,
    /// Missed positives and flagged negatives, as TSV lines (when asked for).
    pub(super) errors: Vec<String>,
    /// Flagged held-out top-100k domains with their reasons.
    pub(super) fp_examples: Vec<String>,
    pub(super) fp_gambling_only: u64,
    /// Held-out top-100k flagged once gambling-category reasons are set aside: (≥ susp., ≥ dang.).
    pub(super) fp_other: (u64, u64),
}

/// Counts `verdicts` (one per row) under each row's groups.
pub(super) fn count(
    engine: &Engine,
    rows: &[Row],
    verdicts: &[Verdict],
    peer: Option<&PeerAnswers>,
    want_errors: bool,
) -> Counts {
    let mut counts = Counts::default();
    for (row, v) in rows.iter().zip(verdicts) {
        let flagged = matches!(
            v.verdict,
            Level::Suspicious | Level::Dangerous | Level::Blocked
        );
        counts.add_to_groups(engine, row, v, peer, flagged);
        counts.add_reasons(row, v);
        let wrong = if row.positive { !flagged } else { flagged };
        if wrong && want_errors {
            counts.errors.push(error_line(row, v));
        }
        if !row.positive
            && flagged
            && row
                .groups
                .iter()
                .any(|g| g.1.starts_with("top-100k held-out"))
        {
            counts.add_held_out_false_positive(engine, row, v);
        }
    }
    counts
}

impl Counts {
    /// The row in the tally of each of its groups.
    fn add_to_groups(
        &mut self,
        engine: &Engine,
        row: &Row,
        v: &Verdict,
        peer: Option<&PeerAnswers>,
        flagged: bool,
    ) {
        let dangerous = matches!(v.verdict, Level::Dangerous | Level::Blocked);
        let (pf, pfz) = match peer {
            Some(map) => {
                let h = peer_host(row, v);
                let (f, kind) = map.get(&h).cloned().unwrap_or((false, String::new()));
                (f, f && kind == "fuzzy")
            }
            None => (false, false),
        };
        let probed = engine.page_check_applies(v);
        for g in &row.groups {
            let t = self.tallies.entry((g.0, g.1.clone())).or_default();
            t.n += 1;
            t.probed += u64::from(probed);
            t.suspicious += u64::from(flagged);
            t.dangerous += u64::from(dangerous);
            t.peer += u64::from(pf);
            t.peer_fuzzy += u64::from(pfz);
        }
    }

    /// The row's scoring reason codes (each once) among the positives' or the negatives'.
    fn add_reasons(&mut self, row: &Row, v: &Verdict) {
        let bucket = if row.positive {
            self.n_pos += 1;
            &mut self.reason_pos
        } else {
            self.n_neg += 1;
            &mut self.reason_neg
        };
        let mut seen: Vec<&str> = Vec::new();
        for r in v.reasons.iter().filter(|r| r.score > 0) {
            if !seen.contains(&&*r.code) {
                seen.push(&r.code);
                *bucket.entry(r.code.to_string()).or_default() += 1;
            }
        }
    }

    /// A flagged held-out top-100k domain: counted with and without gambling reasons, and kept
    /// as an example with its reasons.
    fn add_held_out_false_positive(&mut self, engine: &Engine, row: &Row, v: &Verdict) {
        let (other_s, other_d) = super::extra::without_gambling(v, engine);
        if !other_s {
            self.fp_gambling_only += 1;
        }
        self.fp_other.0 += u64::from(other_s);
        self.fp_other.1 += u64::from(other_d);
        let reasons: Vec<String> = v
            .reasons
            .iter()
            .filter(|r| r.score > 0)
            .map(|r| format!("{} {}", r.code, r.score))
            .collect();
        self.fp_examples.push(format!(
            "`{}` ({}: {})",
            row.input,
            v.verdict.as_str(),
            reasons.join(", ")
        ));
    }
}

/// A missed positive or flagged negative as a line of the `--errors` TSV.
fn error_line(row: &Row, v: &Verdict) -> String {
    let reasons: Vec<String> = v
        .reasons
        .iter()
        .map(|r| format!("{}:{}", r.code, r.score))
        .collect();
    let group = row.groups.first().map(|g| g.1.as_str()).unwrap_or("");
    format!(
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
    )
}
