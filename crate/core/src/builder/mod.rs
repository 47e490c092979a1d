//! The list builder (feature `builder`): reads text sources and writes the one binary data file.
//!
//! Accepted source formats, detected per file (TSV) or per line (everything else):
//! - **TSV** with the header `url_or_domain, kind, source, first_seen` (columns found by name; the
//!   `kind` column is the category, the `source` column may name several sources separated by `;`);
//! - **plain domain lists**: `evil.com` (or `*.evil.com`: a host entry covers subdomains anyway);
//! - **hosts files**: `0.0.0.0 evil.com` (any IP first, several hosts per line allowed, `#` comments,
//!   the usual `localhost`-style boilerplate ignored);
//! - **URL lists**: `http://evil.com/login/` or `evil.com/path` (a bare one means `http://`);
//! - **adblock filter lines**: `||evil.com^`, `||evil.com/path`, with no option or only options
//!   that block the site as a whole (`$important`, `$document`, `$all`, `$popup`); a rule limited
//!   to some requests (`$third-party`, `$domain=`, `$script`) is reported as unsupported.
//!
//! Blank lines and comments (`#`, `!`, `[Adblock Plus ...]`) are skipped silently. Every other
//! line that does not become an entry is reported with `file:line` and a reason, and dropped:
//! unparseable or unsupported lines, duplicates (their sources are merged into the kept entry),
//! entries that would block a protected official domain or a popular site (the caller's
//! `protected` predicate), entries that would block a whole public suffix (`co.id`, `github.io`),
//! and — practically never — two different expressions with the same 64-bit hash.
//!
//! The output is reproducible: the same inputs give byte-identical files (no clock, no hash-map
//! iteration order; the build date comes from `data/VERSION`).

pub mod blocklist;
pub mod confusables;
mod inputs;
pub mod list_sources;
mod parse;
pub mod popular_policy;
pub mod psl;
mod report;
pub mod rules;
pub mod scripts;
pub mod targets;

pub use inputs::*;
pub use report::*;

use crate::blocklist::{expression_hash, EntryKind};
use crate::domain::Psl;
use crate::format::{EnvelopeWriter, Tag};
use crate::text::clip;
use blocklist::EncodeEntry;
use parse::{
    normalize, parse_plain_line, parse_tsv_line, severity, tsv_columns, Kept, LineOutcome,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// The most bytes of a dropped line's text an [`Issue`] keeps (`…` marks a cut).
pub const ISSUE_TEXT_MAX: usize = 200;

/// Why a build failed as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The list version is not `YYYY.MM.DD`.
    Version(String),
    /// The Public Suffix List could not be compiled.
    Psl(String),
    /// A section could not be made (scoring module or blocklist encoding).
    Section(String),
    /// An extra section uses a tag the builder writes itself, or two use the same tag.
    DuplicateTag(String),
    /// The acquired sources could not be read.
    Sources(String),
    /// `strict` was set and lines were invalid; the first few are listed.
    Strict { invalid: usize, first: Vec<String> },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Version(v) => write!(f, "list version {v:?} is not of the form YYYY.MM.DD"),
            BuildError::Psl(e) => write!(f, "public suffix list: {e}"),
            BuildError::Section(e) => write!(f, "section: {e}"),
            BuildError::Sources(e) => write!(f, "sources: {e}"),
            BuildError::DuplicateTag(t) => write!(f, "two sections use the tag {t:?}"),
            BuildError::Strict { invalid, first } => {
                write!(f, "{invalid} invalid source lines (strict mode)")?;
                for l in first {
                    write!(f, "\n  {l}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// Builds the data file from `inputs`.
pub fn build(inputs: &Inputs) -> Result<(Vec<u8>, BuildReport), BuildError> {
    if inputs.list_version.len() > 16 || !inputs.list_version.is_ascii() {
        return Err(BuildError::Version(inputs.list_version.clone()));
    }
    let psl_bytes = psl::section(&inputs.psl_text).map_err(BuildError::Psl)?;
    let psl = Psl::new(&psl_bytes).map_err(|e| BuildError::Psl(e.to_string()))?;

    let mut report = BuildReport {
        list_version: inputs.list_version.clone(),
        build_date: inputs.build_date,
        ..BuildReport::default()
    };
    let mut kept: BTreeMap<String, Kept> = BTreeMap::new();
    let mut invalid_lines: Vec<String> = Vec::new();
    for file in &inputs.sources {
        let fr = read_source(
            file,
            &psl,
            inputs,
            &mut kept,
            &mut report,
            &mut invalid_lines,
        );
        report.files.push(fr);
    }

    if inputs.strict && !invalid_lines.is_empty() {
        return Err(BuildError::Strict {
            invalid: invalid_lines.len(),
            first: invalid_lines.into_iter().take(20).collect(),
        });
    }

    drop_collisions(&mut kept, &mut report);
    let (entries, source_sets, counts) = entries_of(&kept, &mut report)?;

    let mut writer = EnvelopeWriter::new(&inputs.list_version, inputs.build_date);
    writer.counts = counts;
    let mut tags: BTreeSet<Tag> = BTreeSet::new();
    let mut add =
        |writer: &mut EnvelopeWriter, tag: Tag, body: Vec<u8>| -> Result<(), BuildError> {
            if !tags.insert(tag) {
                return Err(BuildError::DuplicateTag(
                    String::from_utf8_lossy(&tag).into_owned(),
                ));
            }
            report
                .sections
                .push((String::from_utf8_lossy(&tag).into_owned(), body.len()));
            writer.add_section(tag, body);
            Ok(())
        };
    add(&mut writer, crate::domain::PSL_TAG, psl_bytes.clone())?;
    for (tag, body) in blocklist::encode(&entries, &source_sets).map_err(BuildError::Section)? {
        add(&mut writer, tag, body)?;
    }
    for (tag, body) in &inputs.extra_sections {
        add(&mut writer, *tag, body.clone())?;
    }
    let bytes = writer.finish();
    report.bytes = bytes.len();
    Ok((bytes, report))
}

/// Reads one source file into `kept`, reporting every line it drops.
fn read_source(
    file: &SourceFile,
    psl: &Psl<'_>,
    inputs: &Inputs,
    kept: &mut BTreeMap<String, Kept>,
    report: &mut BuildReport,
    invalid_lines: &mut Vec<String>,
) -> FileReport {
    let mut fr = FileReport {
        name: file.name.clone(),
        ..FileReport::default()
    };
    let source_name = file.source_name();
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let mut lines = text.lines().enumerate().peekable();
    // TSV if the first line is a header whose first column is `url_or_domain`.
    let tsv = match lines.peek() {
        Some((_, first)) if first.split('\t').next().map(str::trim) == Some("url_or_domain") => {
            tsv_columns(first)
        }
        _ => None,
    };
    if tsv.is_some() {
        lines.next();
    }
    for (i, raw) in lines {
        let line = raw.trim_end_matches('\r');
        let outcome = match &tsv {
            Some(_) if line.trim().is_empty() || line.starts_with('#') => LineOutcome::Skip,
            Some(cols) => parse_tsv_line(line, cols, source_name, file.default_category),
            None => parse_plain_line(line, source_name, file.default_category),
        };
        let mut reject = |reason: DropReason, detail: String, text: &str, fr: &mut FileReport| {
            let issue = Issue {
                file: file.name.clone(),
                line: i + 1,
                reason,
                text: clip(text, ISSUE_TEXT_MAX),
                detail,
            };
            if matches!(reason, DropReason::Invalid | DropReason::Unsupported) {
                invalid_lines.push(issue.to_string());
            }
            *report.dropped.entry(reason).or_default() += 1;
            report.issues.push(issue);
            fr.dropped += 1;
        };
        let candidates = match outcome {
            LineOutcome::Skip => continue,
            LineOutcome::Drop(reason, detail, text) => {
                fr.lines += 1;
                reject(reason, detail, text, &mut fr);
                continue;
            }
            LineOutcome::Entries(c) => c,
        };
        fr.lines += 1;
        for c in candidates {
            match normalize(&c, psl, inputs.protected.as_ref()) {
                Err((reason, detail)) => reject(reason, detail, c.text, &mut fr),
                Ok(expression) => {
                    if let Some(k) = kept.get_mut(&expression) {
                        k.sources.extend(c.sources.iter().map(|s| s.to_string()));
                        if severity(c.category) < severity(k.category) {
                            k.category = c.category;
                        }
                        reject(
                            DropReason::Duplicate,
                            format!("duplicate of {expression} (sources merged)"),
                            c.text,
                            &mut fr,
                        );
                    } else {
                        kept.insert(
                            expression,
                            Kept {
                                category: c.category,
                                sources: c.sources.iter().map(|s| s.to_string()).collect(),
                            },
                        );
                        fr.added += 1;
                    }
                }
            }
        }
    }
    fr
}

/// Drops the expressions whose 64-bit hash another (earlier in expression order) already has.
fn drop_collisions(kept: &mut BTreeMap<String, Kept>, report: &mut BuildReport) {
    let mut by_hash: HashMap<u64, &str> = HashMap::with_capacity(kept.len());
    let mut collided: Vec<String> = Vec::new();
    for expression in kept.keys() {
        let h = expression_hash(expression);
        if let Some(other) = by_hash.get(&h) {
            report.issues.push(Issue {
                file: "(all)".into(),
                line: 0,
                reason: DropReason::HashCollision,
                text: clip(expression, ISSUE_TEXT_MAX),
                detail: format!("same 64-bit hash as {other}"),
            });
            *report.dropped.entry(DropReason::HashCollision).or_default() += 1;
            collided.push(expression.clone());
        } else {
            by_hash.insert(h, expression);
        }
    }
    drop(by_hash);
    for e in collided {
        kept.remove(&e);
    }
}

/// The entries to encode, their sorted source sets (so indices do not depend on input order)
/// and the counts by category; fills the report's counts and hosts.
#[allow(clippy::type_complexity)]
fn entries_of(
    kept: &BTreeMap<String, Kept>,
    report: &mut BuildReport,
) -> Result<(Vec<EncodeEntry>, Vec<String>, [u32; 5]), BuildError> {
    let source_sets: Vec<String> = kept
        .values()
        .map(|k| k.sources.iter().cloned().collect::<Vec<_>>().join(";"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: HashMap<&str, usize> = source_sets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut entries = Vec::with_capacity(kept.len());
    let mut counts = [0u32; 5];
    for (expression, k) in kept {
        let set = k.sources.iter().cloned().collect::<Vec<_>>().join(";");
        let Some(&source_set) = index.get(set.as_str()) else {
            return Err(BuildError::Section(format!("source set {set} lost")));
        };
        let kind = EntryKind::of_expression(expression);
        *report.by_kind.entry(kind).or_default() += 1;
        *report.by_category.entry(k.category).or_default() += 1;
        for s in &k.sources {
            *report.by_source.entry(s.clone()).or_default() += 1;
        }
        if let Some(c) = counts.get_mut(k.category as usize) {
            *c = c.saturating_add(1);
        }
        if kind == EntryKind::Host {
            if let Some(h) = expression.strip_suffix('/') {
                report.hosts.push((h.to_string(), k.category));
            }
        }
        entries.push(EncodeEntry {
            expression: expression.clone(),
            category: k.category,
            source_set,
        });
    }
    report.hosts.sort();
    report.entries = entries.len();
    Ok((entries, source_sets, counts))
}
