//! The popularity policy for low-confidence sources. Some feeds list real, much-visited sites at
//! times: the crowd-sourced phishing and scam lists (a bank, a web archive, a music shop) and the
//! gambling list (legal operators and national lotteries). The builder's `protected` predicate
//! spares the popular sites the data file carries (the top-100k less the part held out for the
//! heuristics' evaluation); for a source marked `confidence = "low"` in `data/sources.toml`, an
//! entry that is a ranked popular site at all (anywhere in the acquired Cloudflare top-100k or
//! the Moz top 500, or its `www.` host) is dropped too. Entries of the curated feeds (URLhaus,
//! polkadot, eth-phishing-detect) are kept unless the general predicate drops them. Each drop is
//! reported (reason `protected`, `file:line`) and counted per source, with how many of them lie in
//! the held-out part (the ones only this policy catches).

use super::{build, BuildError, BuildReport, DropReason, Inputs, Issue, SourceFile};
use std::collections::{BTreeMap, BTreeSet};

/// What the policy dropped, per source id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spared {
    pub by_source: BTreeMap<String, usize>,
    /// Of those, the ones in the part of the top-100k held out of the data file.
    pub held_out: BTreeMap<String, usize>,
}

/// The ids of sources with `confidence = low` (column `confidence` of `list_sources.tsv`).
pub fn low_confidence_sources(tsv: &str) -> BTreeSet<String> {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines
        .next()
        .map(|h| h.split('\t').collect())
        .unwrap_or_default();
    let (Some(id), Some(conf)) = (
        header.iter().position(|h| *h == "id"),
        header.iter().position(|h| *h == "confidence"),
    ) else {
        return BTreeSet::new();
    };
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            match (f.get(id), f.get(conf)) {
                (Some(i), Some(&"low")) => Some(i.to_string()),
                _ => None,
            }
        })
        .collect()
}

/// Every ranked popular site: the whole acquired top-100k and the Moz top 500.
fn ranked() -> &'static BTreeSet<String> {
    static RANKED: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    RANKED.get_or_init(|| {
        let mut all = super::domains_of_tsv_column(super::ACQUIRED_TOP100K, "domain");
        all.extend(super::domains_of_tsv_column(
            super::BUNDLED_MOZ500,
            "domain",
        ));
        all
    })
}

/// The host of a whole-site entry on a line (a TSV's first column or a plain line's first
/// word; `*.` and a trailing dot removed), or None for a URL, a path, a comment.
fn site_of(line: &str) -> Option<String> {
    let first = line.split(['\t', ' ']).find(|w| !w.is_empty())?;
    if first.starts_with('#') || first.contains('/') || first.contains(':') {
        return None;
    }
    let h = first
        .strip_prefix("*.")
        .unwrap_or(first)
        .trim_end_matches('.');
    Some(h.to_ascii_lowercase())
}

/// Blanks (so line numbers stay) the lines of low-confidence sources that name a ranked popular
/// site, and returns the drops.
pub fn spare_ranked(
    sources: &mut [SourceFile],
    low: &BTreeSet<String>,
    is_ranked: &dyn Fn(&str) -> bool,
    is_held_out: &dyn Fn(&str) -> bool,
) -> (Vec<Issue>, Spared) {
    let mut issues = Vec::new();
    let mut spared = Spared::default();
    for file in sources.iter_mut() {
        let id = file.source_name().to_string();
        if !low.contains(&id) {
            continue;
        }
        let mut out = String::with_capacity(file.text.len());
        for (i, line) in file.text.lines().enumerate() {
            let site = site_of(line).filter(|h| {
                let bare = h.strip_prefix("www.").unwrap_or(h);
                is_ranked(h) || is_ranked(bare)
            });
            // A TSV header is never a site (`url_or_domain` has no dot, is never ranked).
            match site {
                Some(h) => {
                    let bare = h.strip_prefix("www.").unwrap_or(&h).to_string();
                    *spared.by_source.entry(id.clone()).or_default() += 1;
                    if is_held_out(&bare) {
                        *spared.held_out.entry(id.clone()).or_default() += 1;
                    }
                    issues.push(Issue {
                        file: file.name.clone(),
                        line: i + 1,
                        reason: DropReason::Protected,
                        text: h.clone(),
                        detail: format!(
                            "{h} is a ranked popular site and {id} is a low-confidence source"
                        ),
                    });
                }
                None => out.push_str(line),
            }
            out.push('\n');
        }
        file.text = out;
    }
    (issues, spared)
}

/// [`build`] after [`spare_ranked`] with the acquired sources' confidence and ranking; the
/// policy's drops are merged into the report (counted as `protected`, listed in the issues).
pub fn build_with_policy(
    inputs: &mut Inputs,
) -> Result<(Vec<u8>, BuildReport, Spared), BuildError> {
    let low = low_confidence_sources(super::list_sources::BUNDLED_LIST_SOURCES);
    let ranked = ranked();
    let (issues, spared) = spare_ranked(
        &mut inputs.sources,
        &low,
        &|h| ranked.contains(h),
        &crate::targets::is_held_out,
    );
    let (bytes, mut report) = build(inputs)?;
    for issue in issues {
        *report.dropped.entry(DropReason::Protected).or_default() += 1;
        if let Some(fr) = report.files.iter_mut().find(|f| f.name == issue.file) {
            fr.lines += 1;
            fr.dropped += 1;
        }
        report.issues.push(issue);
    }
    Ok((bytes, report, spared))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;

    #[test]
    fn only_low_confidence_sources_lose_ranked_sites() {
        let head = "url_or_domain\tkind\tsource\tfirst_seen\n";
        let mut files = vec![
            SourceFile::new(
                "lists/noisy.tsv",
                format!("{head}bank.example\tphishing\tnoisy\t\nwww.bank.example\tphishing\tnoisy\t\nlogin.bank.example\tphishing\tnoisy\t\nbank.example/kit/\tphishing\tnoisy\t\nevil.example\tphishing\tnoisy\t\n"),
                Category::Phishing,
            ),
            SourceFile::new(
                "lists/curated.tsv",
                format!("{head}bank.example\tmalware\tcurated\t\n"),
                Category::Malware,
            ),
        ];
        let low: BTreeSet<String> = ["noisy".to_string()].into();
        let (issues, spared) = spare_ranked(&mut files, &low, &|h| h == "bank.example", &|_| true);
        // The site and its www. host go; a user's subdomain, a page and an unranked host stay.
        assert_eq!(
            issues
                .iter()
                .map(|i| (i.line, i.text.as_str()))
                .collect::<Vec<_>>(),
            [(2, "bank.example"), (3, "www.bank.example")]
        );
        assert_eq!(spared.by_source["noisy"], 2);
        assert_eq!(spared.held_out["noisy"], 2);
        let noisy = &files[0].text;
        assert_eq!(noisy.lines().count(), 6, "line numbers are kept");
        assert!(noisy.contains("login.bank.example") && noisy.contains("bank.example/kit/"));
        assert!(noisy.contains("evil.example"));
        assert!(
            files[1].text.contains("bank.example\tmalware"),
            "a curated source keeps it"
        );
    }

    #[test]
    fn confidence_column() {
        let tsv = "id\ttitle\tconfidence\na\tA\tlow\nb\tB\thigh\nc\tC\n";
        assert_eq!(low_confidence_sources(tsv), ["a".to_string()].into());
        assert!(low_confidence_sources("id\ttitle\na\tA\n").is_empty());
    }
}
