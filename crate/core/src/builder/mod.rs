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

pub mod list_sources;
pub mod popular_policy;
pub mod rules;
pub mod targets;

use crate::blocklist::{self, EncodeEntry, EntryKind};
use crate::category::Category;
use crate::domain::Psl;
use crate::format::{EnvelopeWriter, Tag};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// One text source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Shown in reports (`name:line`); usually the file's path. Its file stem (`lists/evil.txt`
    /// → `evil`) is the source name of entries whose line does not name one (all but TSV).
    pub name: String,
    pub text: String,
    /// The category of entries whose line does not say (every format but TSV).
    pub default_category: Category,
}

impl SourceFile {
    /// The source name of entries whose line does not name one: the file stem of `name`.
    pub fn source_name(&self) -> &str {
        std::path::Path::new(&self.name)
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.name)
    }

    pub fn new(name: &str, text: String, default_category: Category) -> SourceFile {
        SourceFile {
            name: name.to_string(),
            text,
            default_category,
        }
    }
}

/// Everything a build needs.
pub struct Inputs {
    /// `YYYY.MM.DD` (at most 16 ASCII characters).
    pub list_version: String,
    /// yyyymmdd.
    pub build_date: u32,
    /// The Public Suffix List, as text (`public_suffix_list.dat`).
    pub psl_text: String,
    pub sources: Vec<SourceFile>,
    /// Sections of the scoring modules (targets, lookalike index, rules...), written as given.
    pub extra_sections: Vec<(Tag, Vec<u8>)>,
    /// True for an ASCII host that must never be blocked as a whole: an official domain of a
    /// protected target (or a subdomain of one) or a popular site. Called with the host of every
    /// host entry (`evil.com`, `x.netlify.app`, an IP); path and URL entries are kept even on
    /// protected hosts, since they block only that page. The predicate decides what subdomains
    /// it covers: a user's page `evil.typeform.com` is not the popular site `typeform.com`, while
    /// `ibank.klikbca.com` is part of an official bank site.
    pub protected: Box<dyn Fn(&str) -> bool>,
    /// Treat any invalid or unsupported line as a build error instead of a reported drop.
    pub strict: bool,
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("list_version", &self.list_version)
            .field("build_date", &self.build_date)
            .field(
                "sources",
                &self.sources.iter().map(|s| &s.name).collect::<Vec<_>>(),
            )
            .field(
                "extra_sections",
                &self
                    .extra_sections
                    .iter()
                    .map(|(t, b)| (String::from_utf8_lossy(t).into_owned(), b.len()))
                    .collect::<Vec<_>>(),
            )
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

/// The bundled list version (`crate/core/data/VERSION`).
pub const BUNDLED_VERSION: &str = include_str!("../../data/VERSION");
/// Where `scripts/acquire` wrote the other publishers' data this build compiles in
/// (`target/sources/`, or `WASPADA_SOURCES_DIR` at compile time; see `build.rs`).
pub const SOURCES_DIR: &str = env!("WASPADA_SOURCES_DIR");
/// The Public Suffix List (acquired from PyPI `publicsuffixlist`, see `data/sources.toml`).
pub const BUNDLED_PSL: &str = include_str!(concat!(
    env!("WASPADA_SOURCES_DIR"),
    "/public_suffix_list.dat"
));
/// The Cloudflare Radar top-100k as acquired, held-out part included (see [`bundled_popular`]).
pub const ACQUIRED_TOP100K: &str =
    include_str!(concat!(env!("WASPADA_SOURCES_DIR"), "/popular.tsv"));
/// The Moz top 500 in rank order (acquired from npm `top-sites`).
pub const BUNDLED_MOZ500: &str =
    include_str!(concat!(env!("WASPADA_SOURCES_DIR"), "/popular_moz500.tsv"));
/// The project's protected targets (`data/targets.tsv`, curated by the project).
pub const BUNDLED_TARGETS: &str = include_str!("../../data/targets.tsv");

/// The bundled part of the top-100k: every domain but the held-out ones
/// ([`crate::targets::is_held_out`], unless its key is a curated target's), which are kept aside
/// to measure false positives on sites the product never saw.
pub fn bundled_popular() -> &'static str {
    static POPULAR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POPULAR.get_or_init(|| {
        let curated: BTreeSet<String> = domains_of_tsv_column(BUNDLED_TARGETS, "official_domains")
            .iter()
            .map(|d| crate::targets::holdout_key(d).to_string())
            .collect();
        let mut out = String::with_capacity(ACQUIRED_TOP100K.len());
        for line in ACQUIRED_TOP100K.lines() {
            let d = line.trim();
            let keep = d.starts_with('#')
                || d == "domain"
                || (!d.is_empty()
                    && (!crate::targets::is_held_out(d)
                        || curated.contains(crate::targets::holdout_key(d))));
            if keep {
                out.push_str(d);
                out.push('\n');
            }
        }
        out
    })
}

/// The blocklist sources `scripts/acquire` normalised (`SOURCES_DIR/lists/*.tsv`), in name order.
pub fn bundled_sources() -> Result<Vec<SourceFile>, BuildError> {
    let dir = std::path::Path::new(SOURCES_DIR).join("lists");
    let missing = |e: std::io::Error| {
        BuildError::Sources(format!(
            "{}: {e} (run scripts/acquire, see MAINTAINING.md)",
            dir.display()
        ))
    };
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .map_err(missing)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(BuildError::Sources(format!(
            "{}: no acquired list (run scripts/acquire)",
            dir.display()
        )));
    }
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(missing)?;
            let name = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Ok(SourceFile::new(&name, text, Category::Phishing))
        })
        .collect()
}

impl Inputs {
    /// Everything bundled in `crate/core/data/`: version, PSL, blocklist sources, the scoring
    /// modules' sections and their protected-domain predicate.
    pub fn defaults() -> Result<Inputs, BuildError> {
        let mut inputs = Inputs::without_sources()?;
        inputs.sources = bundled_sources()?;
        Ok(inputs)
    }

    /// Like [`Inputs::defaults`] but with no blocklist source: for building a list from other
    /// files (`waspada blocklist build`).
    pub fn without_sources() -> Result<Inputs, BuildError> {
        let list_version = BUNDLED_VERSION.trim().to_string();
        let build_date = build_date_of_version(&list_version)?;
        Ok(Inputs {
            list_version,
            build_date,
            psl_text: BUNDLED_PSL.to_string(),
            sources: Vec::new(),
            extra_sections: scoring_sections().map_err(BuildError::Section)?,
            protected: scoring_protected(),
            strict: false,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Hooks for the scoring modules. THIS is the place to plug in: each module's
// `sections(..) -> Result<Vec<(Tag, Vec<u8>)>, String>` is appended in `scoring_sections`, and
// the targets module's "official or popular" test replaces the fallback in `scoring_protected`.
// ---------------------------------------------------------------------------------------------

/// The sections of the scoring modules (targets, popular sites, lookalike index, rules).
pub fn scoring_sections() -> Result<Vec<(Tag, Vec<u8>)>, String> {
    let mut sections: Vec<(Tag, Vec<u8>)> = Vec::new();
    // Targets, popular sites and the lookalike indexes (TGTD, TGTH, LKSK, LKDL, LKBR).
    sections.extend(targets::sections(
        BUNDLED_TARGETS,
        &[bundled_popular(), BUNDLED_MOZ500],
        BUNDLED_PSL,
    )?);
    // Scam-pattern rules: weights, abused TLDs, shorteners, hosting suffixes, keywords (RULE).
    sections.extend(rules::sections()?);
    // UTS #39 confusable folds behind the lookalike skeletons and the rules' homograph test (CONF).
    sections.push(crate::confusables::section()?);
    // Who each acquired list source is, for the warning page and the options (BSIN).
    sections.push(list_sources::section(list_sources::BUNDLED_LIST_SOURCES)?);
    Ok(sections)
}

/// The predicate "never blocklist this host" for the bundled data:
/// - an official domain of a protected target (`data/targets.tsv`, column `official_domains`)
///   or any host below one (`ibank.klikbca.com` is the bank's);
/// - a popular site ([`bundled_popular`], [`BUNDLED_MOZ500`]) itself, or its `www.` host;
/// - a host the targets module calls official or popular (`targets::protected_set`) when that
///   host is a whole site: its registrable domain or `www.` + it.
///
/// A deeper subdomain of a popular platform (`airdrop-claim.typeform.com`,
/// `x.000webhostapp.com`) stays blockable: it is one user's page, not the popular site, and the
/// curated feeds list hundreds of such phishing pages; blocking it blocks nothing else.
pub fn scoring_protected() -> Box<dyn Fn(&str) -> bool> {
    let targets_tsv = BUNDLED_TARGETS;
    let popular_tsvs = [bundled_popular(), BUNDLED_MOZ500];
    let official = domains_of_tsv_column(targets_tsv, "official_domains");
    let mut popular = BTreeSet::new();
    for t in popular_tsvs {
        popular.extend(domains_of_tsv_column(t, "domain"));
    }
    let targets_set = targets::protected_set(targets_tsv, &popular_tsvs, BUNDLED_PSL).ok();
    let psl_bytes = crate::domain::psl_section(BUNDLED_PSL).unwrap_or_default();
    Box::new(move |host: &str| {
        let mut h = host;
        loop {
            if official.contains(h) {
                return true;
            }
            match h.split_once('.') {
                Some((_, parent)) if parent.contains('.') => h = parent,
                _ => break,
            }
        }
        let bare = host.strip_prefix("www.").unwrap_or(host);
        if popular.contains(bare) {
            return true;
        }
        let whole_site = match Psl::new(&psl_bytes)
            .ok()
            .map(|p| p.registrable_domain(host))
        {
            Some(Some(reg)) => reg == host || reg == bare,
            // An IP or a bare suffix: a whole site if anything.
            Some(None) => true,
            // No PSL view (cannot happen with the bundled PSL): be conservative.
            None => true,
        };
        whole_site && targets_set.as_ref().is_some_and(|t| t.contains(host))
    })
}

/// The lower-cased domains of column `column` (comma-separated values allowed) of a TSV whose
/// header is its first line that does not start with `#`.
pub fn domains_of_tsv_column(text: &str, column: &str) -> BTreeSet<String> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let Some(header) = lines.next() else {
        return BTreeSet::new();
    };
    let Some(col) = header
        .split('\t')
        .position(|h| h.trim().eq_ignore_ascii_case(column))
    else {
        return BTreeSet::new();
    };
    lines
        .filter_map(|l| l.split('\t').nth(col))
        .flat_map(|c| c.split(','))
        .map(|d| d.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .collect()
}

/// `YYYY.MM.DD` → yyyymmdd.
pub fn build_date_of_version(version: &str) -> Result<u32, BuildError> {
    let bad = || BuildError::Version(version.to_string());
    let mut parts = version.split('.');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let num = |s: &str, len: usize| -> Option<u32> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return Err(bad());
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    Ok(y * 10000 + m * 100 + d)
}

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
    /// The offending text (the line's entry, at most 200 characters).
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

/// A candidate entry from one line, before normalization.
struct Candidate<'t> {
    text: &'t str,
    /// The line says "this host and its subdomains" (domain list, hosts file, `||host^`).
    host_only: bool,
    category: Category,
    sources: Vec<&'t str>,
}

enum LineOutcome<'t> {
    Skip,
    Entries(Vec<Candidate<'t>>),
    Drop(DropReason, String, &'t str),
}

const HOSTS_BOILERPLATE: &[&str] = &[
    "localhost",
    "localhost.localdomain",
    "local",
    "broadcasthost",
    "ip6-localhost",
    "ip6-loopback",
    "ip6-localnet",
    "ip6-mcastprefix",
    "ip6-allnodes",
    "ip6-allrouters",
    "ip6-allhosts",
    "0.0.0.0",
];

/// Columns of a TSV source.
struct TsvColumns {
    entry: usize,
    kind: Option<usize>,
    source: Option<usize>,
}

fn tsv_columns(header: &str) -> Option<TsvColumns> {
    let cols: Vec<String> = header
        .split('\t')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let find = |name: &str| cols.iter().position(|c| c == name);
    Some(TsvColumns {
        entry: find("url_or_domain")?,
        kind: find("kind"),
        source: find("source"),
    })
}

fn clip(s: &str) -> String {
    s.chars().take(200).collect()
}

fn parse_tsv_line<'t>(
    line: &'t str,
    cols: &TsvColumns,
    file: &'t str,
    default: Category,
) -> LineOutcome<'t> {
    let fields: Vec<&str> = line.split('\t').collect();
    let Some(entry) = fields
        .get(cols.entry)
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
    else {
        return LineOutcome::Drop(
            DropReason::Invalid,
            "empty url_or_domain column".into(),
            line,
        );
    };
    let category = match cols.kind.and_then(|k| fields.get(k)).map(|k| k.trim()) {
        None | Some("") => default,
        Some(k) => match Category::parse(k) {
            Some(c) => c,
            None => {
                return LineOutcome::Drop(DropReason::Invalid, format!("unknown kind {k:?}"), line);
            }
        },
    };
    let mut sources: Vec<&str> = cols
        .source
        .and_then(|s| fields.get(s))
        .map(|s| {
            s.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if sources.is_empty() {
        sources.push(file);
    }
    let entry = entry.strip_prefix("*.").unwrap_or(entry);
    let host_only = !entry.contains('/');
    LineOutcome::Entries(vec![Candidate {
        text: entry,
        host_only,
        category,
        sources,
    }])
}

fn parse_plain_line<'t>(raw: &'t str, file: &'t str, category: Category) -> LineOutcome<'t> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') || line.starts_with('!') || line.starts_with('[') {
        return LineOutcome::Skip;
    }
    let one = |text: &'t str, host_only: bool| {
        LineOutcome::Entries(vec![Candidate {
            text,
            host_only,
            category,
            sources: vec![file],
        }])
    };
    if line.starts_with("@@") {
        return LineOutcome::Drop(
            DropReason::Unsupported,
            "exception filters are not supported".into(),
            line,
        );
    }
    if line.contains("##") || line.contains("#@#") || line.contains("#?#") {
        return LineOutcome::Drop(
            DropReason::Unsupported,
            "cosmetic filters are not supported".into(),
            line,
        );
    }
    if let Some(rest) = line.strip_prefix("||") {
        let (body, options) = rest.split_once('$').unwrap_or((rest, ""));
        // Options that keep the meaning "block this site"; any other (`third-party`, `domain=`,
        // `script`, ...) limits the rule to some requests, which a site block would overreach.
        let site_wide = ["", "important", "document", "doc", "all", "popup"];
        if let Some(o) = options.split(',').find(|o| !site_wide.contains(&o.trim())) {
            return LineOutcome::Drop(
                DropReason::Unsupported,
                format!("filter option ${o} does not block a whole site"),
                line,
            );
        }
        if body.contains('*') {
            return LineOutcome::Drop(
                DropReason::Unsupported,
                "wildcard filters are not supported".into(),
                line,
            );
        }
        if let Some(host) = body.strip_suffix('^') {
            if host.contains('/') || host.contains('^') {
                return LineOutcome::Drop(
                    DropReason::Unsupported,
                    "unsupported filter syntax".into(),
                    line,
                );
            }
            return one(host, true);
        }
        if body.contains('^') || body.contains('|') {
            return LineOutcome::Drop(
                DropReason::Unsupported,
                "unsupported filter syntax".into(),
                line,
            );
        }
        return one(body, !body.contains('/'));
    }
    if line.starts_with('|') || line.starts_with('/') {
        return LineOutcome::Drop(
            DropReason::Unsupported,
            "unsupported filter syntax".into(),
            line,
        );
    }
    // Hosts file: an IP, then host names, then maybe a comment.
    let line = line.split_once(" #").map_or(line, |(a, _)| a).trim();
    let line = line.split_once("\t#").map_or(line, |(a, _)| a).trim();
    let mut tokens = line.split_whitespace();
    let first = tokens.next().unwrap_or("");
    let rest: Vec<&str> = tokens.collect();
    if rest.is_empty() {
        // `*.evil.com` (all subdomains) is what a host entry means anyway.
        let first = first.strip_prefix("*.").unwrap_or(first);
        return one(first, !first.contains('/'));
    }
    if first.parse::<std::net::IpAddr>().is_err() {
        return LineOutcome::Drop(
            DropReason::Invalid,
            "more than one word, and not a hosts-file line".into(),
            line,
        );
    }
    let hosts: Vec<Candidate> = rest
        .into_iter()
        .filter(|h| !HOSTS_BOILERPLATE.iter().any(|b| b.eq_ignore_ascii_case(h)))
        .map(|h| Candidate {
            text: h,
            host_only: true,
            category,
            sources: vec![file],
        })
        .collect();
    if hosts.is_empty() {
        LineOutcome::Skip
    } else {
        LineOutcome::Entries(hosts)
    }
}

/// Severity when two sources disagree on an entry's category: keep the one a user least wants
/// to switch off (malware before phishing before crypto before scam before gambling).
fn severity(c: Category) -> u8 {
    match c {
        Category::Malware => 0,
        Category::Phishing => 1,
        Category::Crypto => 2,
        Category::Scam => 3,
        Category::Gambling => 4,
    }
}

struct Kept {
    category: Category,
    sources: BTreeSet<String>,
}

/// The normalized entry of a candidate: its expression, or why it is dropped.
fn normalize(
    c: &Candidate,
    psl: &Psl,
    protected: &dyn Fn(&str) -> bool,
) -> Result<String, (DropReason, String)> {
    if c.text.chars().any(char::is_whitespace) {
        return Err((DropReason::Invalid, "contains white space".into()));
    }
    let canon =
        crate::url::canonicalize(c.text).map_err(|e| (DropReason::Invalid, e.to_string()))?;
    let host = canon.host.as_str();
    if host.is_empty() {
        return Err((DropReason::Invalid, "no host".into()));
    }
    let is_root = canon.path == "/" && canon.query.is_none();
    if c.host_only && !is_root {
        return Err((DropReason::Invalid, "a domain entry has a path".into()));
    }
    if is_root {
        let is_domain = matches!(canon.host_kind, crate::url::HostKind::Domain);
        let registrable = if is_domain {
            psl.registrable_domain(host)
        } else {
            None
        };
        if is_domain && registrable.is_none() {
            return Err((
                DropReason::PublicSuffix,
                format!("{host} is a public suffix: blocking it would block every site under it"),
            ));
        }
        if protected(host) {
            return Err((
                DropReason::Protected,
                format!("{host} is an official or popular site"),
            ));
        }
        return Ok(format!("{host}/"));
    }
    let mut expression = format!("{host}{}", canon.path);
    if let Some(q) = &canon.query {
        expression.push('?');
        expression.push_str(q);
    }
    if !canon.expressions().contains(&expression) {
        return Err((
            DropReason::Unmatchable,
            format!("{expression} is not among the lookup expressions of its own URL"),
        ));
    }
    Ok(expression)
}

/// Builds the data file from `inputs`.
pub fn build(inputs: &Inputs) -> Result<(Vec<u8>, BuildReport), BuildError> {
    if inputs.list_version.len() > 16 || !inputs.list_version.is_ascii() {
        return Err(BuildError::Version(inputs.list_version.clone()));
    }
    let psl_bytes = crate::domain::psl_section(&inputs.psl_text).map_err(BuildError::Psl)?;
    let psl = Psl::new(&psl_bytes).map_err(|e| BuildError::Psl(e.to_string()))?;

    let mut report = BuildReport {
        list_version: inputs.list_version.clone(),
        build_date: inputs.build_date,
        ..BuildReport::default()
    };
    let mut kept: BTreeMap<String, Kept> = BTreeMap::new();
    let mut invalid_lines: Vec<String> = Vec::new();

    for file in &inputs.sources {
        let mut fr = FileReport {
            name: file.name.clone(),
            ..FileReport::default()
        };
        let source_name = file.source_name();
        let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
        let mut lines = text.lines().enumerate().peekable();
        // TSV if the first line is a header whose first column is `url_or_domain`.
        let tsv = match lines.peek() {
            Some((_, first))
                if first.split('\t').next().map(str::trim) == Some("url_or_domain") =>
            {
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
            let mut reject =
                |reason: DropReason, detail: String, text: &str, fr: &mut FileReport| {
                    let issue = Issue {
                        file: file.name.clone(),
                        line: i + 1,
                        reason,
                        text: clip(text),
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
                match normalize(&c, &psl, inputs.protected.as_ref()) {
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
        report.files.push(fr);
    }

    if inputs.strict && !invalid_lines.is_empty() {
        return Err(BuildError::Strict {
            invalid: invalid_lines.len(),
            first: invalid_lines.into_iter().take(20).collect(),
        });
    }

    // Hash collisions between different expressions (kept: the first in expression order).
    let mut by_hash: HashMap<u64, &str> = HashMap::with_capacity(kept.len());
    let mut collided: Vec<String> = Vec::new();
    for expression in kept.keys() {
        let h = blocklist::expression_hash(expression);
        if let Some(other) = by_hash.get(&h) {
            report.issues.push(Issue {
                file: "(all)".into(),
                line: 0,
                reason: DropReason::HashCollision,
                text: clip(expression),
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

    // Source sets, sorted, so indices do not depend on input order.
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
    for (expression, k) in &kept {
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
