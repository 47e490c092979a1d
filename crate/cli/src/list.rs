//! `waspada blocklist build` and `waspada blocklist info`.

use crate::exit;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use waspada_core::blocklist::Blocklist;
use waspada_core::builder::{self, DropReason, Inputs, SourceFile};
use waspada_core::format::Envelope;
use waspada_core::Category;

#[derive(Subcommand, Debug)]
pub enum BlocklistCommand {
    /// Compile text sources into a data file (with the bundled PSL, targets and rules).
    ///
    /// Sources: TSV with header `url_or_domain<TAB>kind<TAB>source<TAB>first_seen`, plain domain
    /// lists, hosts files (`0.0.0.0 evil.com`), URL lists and `||domain^` filter lines, detected
    /// per file (TSV) or per line. Dropped lines are reported as `file:line: reason: ...`.
    Build(BuildArgs),
    /// Show what a data file holds: version, date, counts, sections, checksum, bytes per entry.
    Info(InfoArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Where to write the data file.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Also write the blocked hosts, one `host<TAB>category` per line (for declarativeNetRequest).
    #[arg(long, value_name = "FILE")]
    pub hosts_out: Option<PathBuf>,
    /// Category of entries from sources that do not carry one (everything but TSV).
    #[arg(long, value_name = "CATEGORY", default_value = "phishing", value_parser = parse_category)]
    pub category: Category,
    /// List version `YYYY.MM.DD`, also the build date [default: the bundled data/VERSION].
    #[arg(long, value_name = "VERSION")]
    pub list_version: Option<String>,
    /// Also write the build report as JSON: per file lines/added/dropped, every dropped line
    /// (file, line, reason, text, detail), counts by category and by source (for release notes).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Fail (exit 1) if any line is invalid or unsupported, instead of dropping it.
    #[arg(long)]
    pub strict: bool,
    /// Print every dropped line (default: the first 10 of each reason).
    #[arg(long, short)]
    pub verbose: bool,
    /// Print nothing but errors.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Source files.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// A data file [default: the list built into this program].
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

fn parse_category(s: &str) -> Result<Category, String> {
    Category::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown category {s:?} (one of: {})", all.join(", "))
    })
}

pub fn run(cmd: BlocklistCommand) -> u8 {
    match cmd {
        BlocklistCommand::Build(args) => build(&args),
        BlocklistCommand::Info(args) => info(&args),
    }
}

fn build(args: &BuildArgs) -> u8 {
    let mut inputs = match Inputs::without_sources() {
        Ok(i) => i,
        Err(e) => {
            eprintln!("waspada: {e}");
            return exit::FLAGGED;
        }
    };
    if let Some(v) = &args.list_version {
        match builder::build_date_of_version(v) {
            Ok(d) => {
                inputs.list_version = v.clone();
                inputs.build_date = d;
            }
            Err(e) => {
                eprintln!("waspada: {e}");
                return exit::USAGE;
            }
        }
    }
    inputs.strict = args.strict;
    for path in &args.sources {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("waspada: cannot read {}: {e}", path.display());
                return exit::IO;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e
                    .as_bytes()
                    .get(..at)
                    .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
                    + 1;
                eprintln!("waspada: {}:{line}: not UTF-8 text", path.display());
                return exit::IO;
            }
        };
        inputs.sources.push(SourceFile::new(
            &path.display().to_string(),
            text,
            args.category,
        ));
    }
    let (bytes, report, spared) = match builder::popular_policy::build_with_policy(&mut inputs) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("waspada: build failed: {e}");
            return exit::FLAGGED;
        }
    };
    if !args.quiet {
        let mut shown = std::collections::BTreeMap::<DropReason, usize>::new();
        for issue in &report.issues {
            let n = shown.entry(issue.reason).or_default();
            *n += 1;
            if args.verbose || *n <= 10 {
                eprintln!("{issue}");
            }
        }
        for (reason, n) in &shown {
            if !args.verbose && *n > 10 {
                eprintln!(
                    "... and {} more {reason} lines (--verbose shows all)",
                    n - 10
                );
            }
        }
    }
    if let Err(e) = std::fs::write(&args.out, &bytes) {
        eprintln!("waspada: cannot write {}: {e}", args.out.display());
        return exit::IO;
    }
    if let Some(h) = &args.hosts_out {
        if let Err(e) = std::fs::write(h, report.hosts_tsv()) {
            eprintln!("waspada: cannot write {}: {e}", h.display());
            return exit::IO;
        }
    }
    if let Some(r) = &args.report {
        if let Err(e) = std::fs::write(r, report_json(&report, &spared)) {
            eprintln!("waspada: cannot write {}: {e}", r.display());
            return exit::IO;
        }
    }
    if !args.quiet {
        print!("{}", report.summary());
        println!("wrote {} ({} bytes)", args.out.display(), bytes.len());
        if let Some(h) = &args.hosts_out {
            println!("wrote {} ({} hosts)", h.display(), report.hosts.len());
        }
    }
    exit::OK
}

/// The build report as JSON (`blocklist build --report`).
fn report_json(report: &builder::BuildReport, spared: &builder::popular_policy::Spared) -> String {
    let files: Vec<serde_json::Value> = report
        .files
        .iter()
        .map(|f| {
            serde_json::json!({"name": f.name, "lines": f.lines, "added": f.added, "dropped": f.dropped})
        })
        .collect();
    let issues: Vec<serde_json::Value> = report
        .issues
        .iter()
        .map(|i| {
            serde_json::json!({"file": i.file, "line": i.line, "reason": i.reason.as_str(),
                "text": i.text, "detail": i.detail})
        })
        .collect();
    let by_category: std::collections::BTreeMap<&str, usize> = report
        .by_category
        .iter()
        .map(|(c, n)| (c.as_str(), *n))
        .collect();
    let v = serde_json::json!({
        "list_version": report.list_version,
        "entries": report.entries,
        "bytes": report.bytes,
        "by_category": by_category,
        "by_source": report.by_source,
        "files": files,
        "issues": issues,
        "ranked_dropped": spared.by_source,
        "ranked_dropped_held_out": spared.held_out,
    });
    format!("{v}\n")
}

/// What `info` reports, also as JSON.
#[derive(serde::Serialize)]
struct Info {
    file: String,
    format_version: u16,
    list_version: String,
    build_date: String,
    bytes: usize,
    checksum: String,
    entries: usize,
    host_entries: usize,
    url_entries: usize,
    counts: std::collections::BTreeMap<&'static str, u32>,
    sections: Vec<(String, usize)>,
    /// Bytes of the blocklist sections (BHST, BURL, BSRC) per entry.
    bytes_per_entry: f64,
    sources: Vec<String>,
}

fn info(args: &InfoArgs) -> u8 {
    let (name, owned);
    let bytes: &[u8] = match &args.file {
        None => {
            name = "(built in)".to_string();
            crate::EMBEDDED_LIST
        }
        Some(p) => {
            name = p.display().to_string();
            owned = match std::fs::read(p) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("waspada: cannot read {name}: {e}");
                    return exit::IO;
                }
            };
            &owned
        }
    };
    let loaded = Envelope::parse(bytes).and_then(|env| {
        let bl = Blocklist::from_envelope(&env, bytes)?;
        Ok((env, bl))
    });
    let (env, bl) = match loaded {
        Ok(x) => x,
        Err(e) => {
            eprintln!("waspada: {name}: {e}");
            return exit::IO;
        }
    };
    let h = &env.header;
    let sections: Vec<(String, usize)> = env
        .tags()
        .map(|(t, len)| (String::from_utf8_lossy(&t).into_owned(), len))
        .collect();
    let list_bytes: usize = sections
        .iter()
        .filter(|(t, _)| matches!(t.as_str(), "BHST" | "BURL" | "BSRC"))
        .map(|(_, l)| l)
        .sum();
    let info = Info {
        file: name,
        format_version: h.format_version,
        list_version: h.list_version.clone(),
        build_date: h.build_date_iso(),
        bytes: bytes.len(),
        checksum: format!("{:08x}", h.checksum),
        entries: bl.len(),
        host_entries: bl.host_count(),
        url_entries: bl.url_count(),
        counts: Category::ALL
            .iter()
            .map(|&c| (c.as_str(), h.count(c)))
            .collect(),
        sections,
        bytes_per_entry: if bl.is_empty() {
            0.0
        } else {
            list_bytes as f64 / bl.len() as f64
        },
        sources: bl.sources().iter().map(|s| s.to_string()).collect(),
    };
    if args.json {
        match serde_json::to_string_pretty(&info) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("waspada: {e}");
                return exit::IO;
            }
        }
        return exit::OK;
    }
    println!("file:           {}", info.file);
    println!("format version: {}", info.format_version);
    println!("list version:   {}", info.list_version);
    println!("build date:     {}", info.build_date);
    println!("size:           {} bytes", info.bytes);
    println!("checksum:       xxh3 {}", info.checksum);
    println!(
        "entries:        {} ({} hosts, {} URLs and path prefixes)",
        info.entries, info.host_entries, info.url_entries
    );
    for (c, n) in &info.counts {
        println!("  {c:<14}{n}");
    }
    println!(
        "bytes/entry:    {:.2} (blocklist sections, source names included)",
        info.bytes_per_entry
    );
    println!("sections:");
    for (t, len) in &info.sections {
        println!("  {t:<6}{len:>10} bytes");
    }
    println!("sources:        {}", info.sources.len());
    for s in &info.sources {
        println!("  {s}");
    }
    exit::OK
}
