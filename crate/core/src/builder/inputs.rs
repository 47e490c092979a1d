//! What a build reads: the text sources, the bundled and acquired inputs, the scoring
//! modules' sections and the protected set.

use super::BuildError;
use super::{rules, targets};
use crate::category::Category;
use crate::domain::Psl;
use crate::format::Tag;
use std::collections::BTreeSet;
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

/// The sections of the scoring modules (targets, popular sites, lookalike index, rules,
/// confusables, scripts), appended to the blocklist's by [`super::build`].
pub fn scoring_sections() -> Result<Vec<(Tag, Vec<u8>)>, String> {
    let mut sections: Vec<(Tag, Vec<u8>)> = Vec::new();
    // Targets, popular sites and the lookalike indexes (TGTD, TGTH, LKSK, LKDL, LKBR, LKBG).
    sections.extend(targets::sections(
        BUNDLED_TARGETS,
        &[bundled_popular(), BUNDLED_MOZ500],
        BUNDLED_PSL,
    )?);
    // Scam-pattern rules: weights, abused TLDs, shorteners, hosting suffixes, keywords (RULE).
    sections.extend(rules::sections()?);
    // UTS #39 confusable folds behind the lookalike skeletons and the rules' homograph test (CONF).
    sections.push(super::confusables::section()?);
    // Script_Extensions, augmented script sets and Identifier_Status per code point, for the
    // IDN display policy (SCRX).
    sections.push(super::scripts::section());
    // Who each acquired list source is, for the warning page and the options (BSIN).
    sections.push(super::list_sources::section(
        super::list_sources::BUNDLED_LIST_SOURCES,
    )?);
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
    let psl_bytes = super::psl::section(BUNDLED_PSL).unwrap_or_default();
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
