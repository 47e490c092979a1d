//! The report of a build: what was kept, and every line dropped with its reason.

use crate::blocklist::EntryKind;
use crate::category::Category;
use std::collections::BTreeMap;
use std::fmt;

/// Why a source line gave no entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DropReason {
    /// Not a URL, domain, hosts line or filter we can read.
    Invalid,
    /// A known syntax we do not support (cosmetic or exception filters, wildcards, ...).
    Unsupported,
    /// Same entry as an earlier line (sources merged).
    Duplicate,
    /// Would block a protected official domain or a popular site.
    Protected,
    /// Would block a whole public suffix (every site under `co.id`, `github.io`, ...).
    PublicSuffix,
    /// Its expression can never be produced by a URL look-up.
    Unmatchable,
    /// A different entry has the same 64-bit hash.
    HashCollision,
}

impl DropReason {
    pub const ALL: [DropReason; 7] = [
        DropReason::Invalid,
        DropReason::Unsupported,
        DropReason::Duplicate,
        DropReason::Protected,
        DropReason::PublicSuffix,
        DropReason::Unmatchable,
        DropReason::HashCollision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Invalid => "invalid",
            DropReason::Unsupported => "unsupported",
            DropReason::Duplicate => "duplicate",
            DropReason::Protected => "protected",
            DropReason::PublicSuffix => "public-suffix",
            DropReason::Unmatchable => "unmatchable",
            DropReason::HashCollision => "hash-collision",
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One dropped line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub reason: DropReason,
    /// The offending text (the line's entry, at most [`super::ISSUE_TEXT_MAX`] bytes, `…` when cut).
    pub text: String,
    pub detail: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {} ({:?})",
            self.file, self.line, self.reason, self.detail, self.text
        )
    }
}

/// Counts for one input file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    pub name: String,
    /// Lines that were neither blank nor comments.
    pub lines: usize,
    /// Entries this file contributed first.
    pub added: usize,
    pub dropped: usize,
}

/// What a build did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildReport {
    pub list_version: String,
    pub build_date: u32,
    pub entries: usize,
    pub by_kind: BTreeMap<EntryKind, usize>,
    pub by_category: BTreeMap<Category, usize>,
    /// Entries per source name (an entry from two sources counts for both).
    pub by_source: BTreeMap<String, usize>,
    pub files: Vec<FileReport>,
    pub dropped: BTreeMap<DropReason, usize>,
    /// Every dropped line, in input order.
    pub issues: Vec<Issue>,
    /// Blocked hosts (host entries) with their category, sorted: for the extension's
    /// declarativeNetRequest rules.
    pub hosts: Vec<(String, Category)>,
    /// Size of the data file.
    pub bytes: usize,
    /// The sections written: tag and length.
    pub sections: Vec<(String, usize)>,
}

impl BuildReport {
    /// `host<TAB>category` lines, for `--hosts-out`.
    pub fn hosts_tsv(&self) -> String {
        let mut out = String::with_capacity(self.hosts.len() * 24);
        for (h, c) in &self.hosts {
            out.push_str(h);
            out.push('\t');
            out.push_str(c.as_str());
            out.push('\n');
        }
        out
    }

    /// A readable multi-line summary.
    pub fn summary(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "list {} ({} bytes, {} entries: {} hosts, {} path prefixes, {} URLs)",
            self.list_version,
            self.bytes,
            self.entries,
            self.by_kind.get(&EntryKind::Host).copied().unwrap_or(0),
            self.by_kind.get(&EntryKind::Prefix).copied().unwrap_or(0),
            self.by_kind.get(&EntryKind::Url).copied().unwrap_or(0),
        );
        let _ = writeln!(s, "by category:");
        for (c, n) in &self.by_category {
            let _ = writeln!(s, "  {:<10} {n}", c.as_str());
        }
        let _ = writeln!(s, "by source:");
        for (src, n) in &self.by_source {
            let _ = writeln!(s, "  {src:<24} {n}");
        }
        let _ = writeln!(s, "by file:");
        for f in &self.files {
            let _ = writeln!(
                s,
                "  {}: {} lines, {} added, {} dropped",
                f.name, f.lines, f.added, f.dropped
            );
        }
        let total: usize = self.dropped.values().sum();
        let _ = writeln!(s, "dropped: {total}");
        for (r, n) in &self.dropped {
            let _ = writeln!(s, "  {:<15} {n}", r.as_str());
        }
        s
    }
}
