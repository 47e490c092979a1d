//! `waspada check`: verdicts for URLs given as arguments or streamed from standard input.
//!
//! Input lines: the first tab-separated column is checked (`--column N` for another), so a TSV
//! such as `positives_dev.tsv` can be piped in as is; `\r\n` endings are accepted; bytes that are not
//! UTF-8 are replaced (and the line is then most likely `invalid`). Every line, blank ones and a
//! header included, gives exactly one verdict, in order — `--skip-header` drops the first line.
//! The one exception to the rule is that nothing is read from stdin when URLs are given.

use crate::exit;
use anstyle::{AnsiColor, Style};
use clap::{Args, ValueEnum};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use waspada_core::engine::{Engine, Sensitivity, Settings};
use waspada_core::{Category, Level, PageFacts, Verdict};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Print exactly one JSON verdict object per input line, in input order.
    #[arg(long)]
    pub json: bool,
    /// Use this data file (from `waspada blocklist build`) instead of the built-in one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_blocklist")]
    pub blocklist: Option<PathBuf>,
    /// Do not consult the blocklist: heuristics only.
    #[arg(long)]
    pub no_blocklist: bool,
    /// How readily a suspicious URL is called dangerous.
    #[arg(long, value_enum, default_value_t = SensitivityArg::Normal)]
    pub sensitivity: SensitivityArg,
    /// A site you trust (registrable domain or host): always safe. Repeatable.
    #[arg(long, value_name = "SITE")]
    pub trust: Vec<String>,
    /// Your own official domain to protect from lookalikes (e.g. your bank). Repeatable.
    #[arg(long, value_name = "DOMAIN")]
    pub protect: Vec<String>,
    /// Do not block list entries of this category (phishing, scam, malware, crypto, gambling).
    #[arg(long, value_name = "CATEGORY", value_parser = parse_category)]
    pub allow_category: Vec<Category>,
    /// Skip the first line of standard input (a TSV header).
    #[arg(long)]
    pub skip_header: bool,
    /// Which tab-separated column of each standard-input line to check (1 = the first).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub column: u16,
    /// What the extension's page probe saw on the page, as JSON (`{"password_field": true,
    /// "text": "Internet Banking KlikBCA"}`; fields `password_field`, `code_field`, `card_field`,
    /// `text`): each URL argument is then checked as that page (`page.credential_form`,
    /// `page.brand`), as the extension does for a suspicious page. Only with URL arguments.
    #[arg(long, value_name = "FILE")]
    pub page: Option<PathBuf>,
    /// URLs or domains to check (a bare domain means http://). None: read standard input.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SensitivityArg {
    Low,
    Normal,
    High,
}

fn parse_category(s: &str) -> Result<Category, String> {
    Category::parse(s).ok_or_else(|| format!("unknown category {s:?}"))
}

impl CheckArgs {
    pub fn settings(&self) -> Settings {
        Settings {
            sensitivity: match self.sensitivity {
                SensitivityArg::Low => Sensitivity::Low,
                SensitivityArg::Normal => Sensitivity::Normal,
                SensitivityArg::High => Sensitivity::High,
            },
            trusted: self.trust.clone(),
            protected: self.protect.clone(),
            disabled_categories: self.allow_category.clone(),
            use_blocklist: !self.no_blocklist,
        }
    }
}

/// Makes the engine from the built-in list or `--blocklist FILE`.
pub fn engine(args: &CheckArgs) -> Result<Engine, String> {
    let bytes = match &args.blocklist {
        None => crate::EMBEDDED_LIST.to_vec(),
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
    };
    Engine::new(bytes, args.settings()).map_err(|e| match &args.blocklist {
        Some(p) => format!("{}: {e}", p.display()),
        None => format!("built-in list: {e}"),
    })
}

/// Tallies verdicts for the exit code and the summary line.
#[derive(Default)]
struct Tally {
    counts: [usize; 5],
}

impl Tally {
    fn add(&mut self, level: Level) {
        let i = match level {
            Level::Safe => 0,
            Level::Suspicious => 1,
            Level::Dangerous => 2,
            Level::Blocked => 3,
            Level::Invalid => 4,
        };
        if let Some(c) = self.counts.get_mut(i) {
            *c += 1;
        }
    }

    fn merge(&mut self, other: &Tally) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    fn exit_code(&self) -> u8 {
        if self.counts[2] + self.counts[3] > 0 {
            exit::FLAGGED
        } else if self.counts[4] > 0 {
            exit::INVALID
        } else {
            exit::OK
        }
    }

    fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

struct Printer {
    json: bool,
    color: bool,
}

impl Printer {
    fn paint(&self, out: &mut impl Write, style: Style, text: &str) -> io::Result<()> {
        if self.color {
            write!(out, "{}{text}{}", style.render(), style.render_reset())
        } else {
            out.write_all(text.as_bytes())
        }
    }

    fn print(&self, out: &mut impl Write, v: &Verdict) -> io::Result<()> {
        if self.json {
            serde_json::to_writer(&mut *out, v).map_err(io::Error::other)?;
            return out.write_all(b"\n");
        }
        let style = match v.verdict {
            Level::Safe => AnsiColor::Green.on_default(),
            Level::Suspicious => AnsiColor::Yellow.on_default().bold(),
            Level::Dangerous => AnsiColor::Red.on_default().bold(),
            Level::Blocked => AnsiColor::BrightWhite.on(AnsiColor::Red).bold(),
            Level::Invalid => AnsiColor::Magenta.on_default(),
        };
        let dim = Style::new().dimmed();
        self.paint(
            out,
            style,
            &format!("{:<10}", v.verdict.as_str().to_uppercase()),
        )?;
        writeln!(out, " {:>3}  {}", v.score, v.input)?;
        if let Some(host) = &v.host {
            let shown = match &v.host_unicode {
                Some(u) if u != host => format!("{u} ({host})"),
                _ => host.clone(),
            };
            let site = v.registrable_domain.as_deref().unwrap_or("-");
            self.paint(out, dim, &format!("           host {shown}, site {site}"))?;
            writeln!(out)?;
        }
        for r in &v.reasons {
            let params: Vec<String> = r
                .params
                .iter()
                .map(|(k, val)| format!("{k}={val}"))
                .collect();
            let points = if r.score > 0 {
                format!(" +{}", r.score)
            } else {
                String::new()
            };
            if params.is_empty() {
                writeln!(out, "           - {}{points}", r.code)?;
            } else {
                writeln!(
                    out,
                    "           - {}{points} ({})",
                    r.code,
                    params.join(", ")
                )?;
            }
        }
        if let Some(s) = &v.suggestion {
            self.paint(
                out,
                Style::new().bold(),
                &format!("           did you mean {s}?"),
            )?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn summary(&self, out: &mut impl Write, t: &Tally) -> io::Result<()> {
        if self.json || t.total() < 2 {
            return Ok(());
        }
        writeln!(
            out,
            "checked {}: {} safe, {} suspicious, {} dangerous, {} blocked, {} invalid",
            t.total(),
            t.counts[0],
            t.counts[1],
            t.counts[2],
            t.counts[3],
            t.counts[4]
        )
    }
}

/// The part of an input line that is checked: its `n`-th tab-separated column (1-based; empty
/// if the line has fewer), without the line end.
pub fn column(line: &str, n: u16) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.split('\t')
        .nth(usize::from(n.max(1)) - 1)
        .unwrap_or("")
}

/// Reads `--page FILE`.
fn page_facts(path: &std::path::Path) -> Result<PageFacts, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: not page facts as JSON: {e}", path.display()))
}

pub fn run(args: &CheckArgs) -> u8 {
    if args.page.is_some() && args.urls.is_empty() {
        eprintln!("waspada: --page applies to URL arguments; give the page's URL");
        return exit::USAGE;
    }
    let facts = match args.page.as_deref().map(page_facts).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("waspada: {e}");
            return exit::IO;
        }
    };
    let engine = match engine(args) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("waspada: {e}");
            return exit::IO;
        }
    };
    let stdout = io::stdout();
    let printer = Printer {
        json: args.json,
        color: !args.json && anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never,
    };
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut tally = Tally::default();
    let result = if args.urls.is_empty() {
        if std::io::IsTerminal::is_terminal(&io::stdin()) {
            eprintln!("waspada: reading URLs from standard input, one per line (Ctrl-D ends)");
        }
        stream(&engine, &printer, &mut out, &mut tally, args)
    } else {
        args.urls.iter().try_for_each(|u| {
            let v = match &facts {
                Some(f) => engine.check_page(u, f),
                None => engine.check(u),
            };
            tally.add(v.verdict);
            printer.print(&mut out, &v)
        })
    };
    let result = result
        .and_then(|()| printer.summary(&mut out, &tally))
        .and_then(|()| out.flush());
    match result {
        Ok(()) => tally.exit_code(),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => tally.exit_code(),
        Err(e) => {
            eprintln!("waspada: {e}");
            exit::IO
        }
    }
}

/// Lines checked together; each batch is split among the cores and printed in input order.
const BATCH: usize = 4096;

fn stream(
    engine: &Engine,
    printer: &Printer,
    out: &mut impl Write,
    tally: &mut Tally,
    args: &CheckArgs,
) -> io::Result<()> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let stdin = io::stdin();
    let mut input = io::BufReader::with_capacity(1 << 16, stdin.lock());
    let mut buf = Vec::with_capacity(4096);
    let mut first = true;
    let mut lines: Vec<String> = Vec::with_capacity(BATCH);
    loop {
        // Wait for one line, then take what is already buffered (up to BATCH): a slow producer
        // (`tail -f log | waspada check`) sees each verdict as soon as its line arrives.
        lines.clear();
        let mut eof = false;
        while lines.len() < BATCH {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                eof = true;
                break;
            }
            if std::mem::take(&mut first) && args.skip_header {
                continue;
            }
            lines.push(column(&String::from_utf8_lossy(&buf), args.column).to_string());
            if input.buffer().is_empty() {
                break;
            }
        }
        check_batch(engine, printer, &lines, threads, out, tally)?;
        out.flush()?;
        if eof {
            return Ok(());
        }
    }
}

/// Checks `lines` on up to `threads` threads and prints the verdicts in order.
fn check_batch(
    engine: &Engine,
    printer: &Printer,
    lines: &[String],
    threads: usize,
    out: &mut impl Write,
    tally: &mut Tally,
) -> io::Result<()> {
    let render = |part: &[String]| -> io::Result<(Vec<u8>, Tally)> {
        let mut bytes = Vec::with_capacity(part.len() * 256);
        let mut t = Tally::default();
        for line in part {
            let v = engine.check(line);
            t.add(v.verdict);
            printer.print(&mut bytes, &v)?;
        }
        Ok((bytes, t))
    };
    if lines.len() < 64 || threads < 2 {
        let (bytes, t) = render(lines)?;
        tally.merge(&t);
        return out.write_all(&bytes);
    }
    let size = lines.len().div_ceil(threads);
    let results: Vec<io::Result<(Vec<u8>, Tally)>> = std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(size)
            .map(|part| s.spawn(move || render(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a checking thread failed")))
            })
            .collect()
    });
    for r in results {
        let (bytes, t) = r?;
        tally.merge(&t);
        out.write_all(&bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::column;

    #[test]
    fn columns_of_lines() {
        assert_eq!(column("evil.com\tphishing\tsrc\n", 1), "evil.com");
        assert_eq!(column("evil.com\tphishing\tsrc\r\n", 3), "src");
        assert_eq!(column("100000\tgoogle.com\n", 2), "google.com");
        assert_eq!(column("evil.com\r\n", 1), "evil.com");
        assert_eq!(column("evil.com\n", 2), "");
        assert_eq!(column("http://a.b/c d\n", 1), "http://a.b/c d");
        assert_eq!(column("\n", 1), "");
    }
}
