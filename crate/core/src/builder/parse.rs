//! One source line → candidate entries, and a candidate → the expression the list keeps.

use super::DropReason;
use crate::category::Category;
use crate::domain::Psl;
use std::collections::BTreeSet;

/// A candidate entry from one line, before normalization.
pub(super) struct Candidate<'t> {
    pub(super) text: &'t str,
    /// The line says "this host and its subdomains" (domain list, hosts file, `||host^`).
    pub(super) host_only: bool,
    pub(super) category: Category,
    pub(super) sources: Vec<&'t str>,
}

pub(super) enum LineOutcome<'t> {
    Skip,
    Entries(Vec<Candidate<'t>>),
    Drop(DropReason, String, &'t str),
}

pub(super) const HOSTS_BOILERPLATE: &[&str] = &[
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
pub(super) struct TsvColumns {
    pub(super) entry: usize,
    pub(super) kind: Option<usize>,
    pub(super) source: Option<usize>,
}

pub(super) fn tsv_columns(header: &str) -> Option<TsvColumns> {
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

pub(super) fn parse_tsv_line<'t>(
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

pub(super) fn parse_plain_line<'t>(
    raw: &'t str,
    file: &'t str,
    category: Category,
) -> LineOutcome<'t> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') || line.starts_with('!') || line.starts_with('[') {
        return LineOutcome::Skip;
    }
    if line.starts_with("@@") {
        return unsupported("exception filters are not supported".into(), line);
    }
    if line.contains("##") || line.contains("#@#") || line.contains("#?#") {
        return unsupported("cosmetic filters are not supported".into(), line);
    }
    if let Some(rest) = line.strip_prefix("||") {
        return parse_filter_line(rest, line, file, category);
    }
    if line.starts_with('|') || line.starts_with('/') {
        return unsupported("unsupported filter syntax".into(), line);
    }
    parse_hosts_line(line, file, category)
}

/// One candidate from `text` of `file`.
fn one<'t>(text: &'t str, host_only: bool, file: &'t str, category: Category) -> LineOutcome<'t> {
    LineOutcome::Entries(vec![Candidate {
        text,
        host_only,
        category,
        sources: vec![file],
    }])
}

fn unsupported(detail: String, line: &str) -> LineOutcome<'_> {
    LineOutcome::Drop(DropReason::Unsupported, detail, line)
}

/// An adblock filter line `||rest` (the `||` stripped): a site or a path, or unsupported.
fn parse_filter_line<'t>(
    rest: &'t str,
    line: &'t str,
    file: &'t str,
    category: Category,
) -> LineOutcome<'t> {
    let (body, options) = rest.split_once('$').unwrap_or((rest, ""));
    // Options that keep the meaning "block this site"; any other (`third-party`, `domain=`,
    // `script`, ...) limits the rule to some requests, which a site block would overreach.
    let site_wide = ["", "important", "document", "doc", "all", "popup"];
    if let Some(o) = options.split(',').find(|o| !site_wide.contains(&o.trim())) {
        return unsupported(
            format!("filter option ${o} does not block a whole site"),
            line,
        );
    }
    if body.contains('*') {
        return unsupported("wildcard filters are not supported".into(), line);
    }
    if let Some(host) = body.strip_suffix('^') {
        if host.contains('/') || host.contains('^') {
            return unsupported("unsupported filter syntax".into(), line);
        }
        return one(host, true, file, category);
    }
    if body.contains('^') || body.contains('|') {
        return unsupported("unsupported filter syntax".into(), line);
    }
    one(body, !body.contains('/'), file, category)
}

/// A domain or URL alone, or a hosts-file line: an IP, then host names, then maybe a comment.
fn parse_hosts_line<'t>(line: &'t str, file: &'t str, category: Category) -> LineOutcome<'t> {
    let line = line.split_once(" #").map_or(line, |(a, _)| a).trim();
    let line = line.split_once("\t#").map_or(line, |(a, _)| a).trim();
    let mut tokens = line.split_whitespace();
    let first = tokens.next().unwrap_or("");
    let rest: Vec<&str> = tokens.collect();
    if rest.is_empty() {
        // `*.evil.com` (all subdomains) is what a host entry means anyway.
        let first = first.strip_prefix("*.").unwrap_or(first);
        return one(first, !first.contains('/'), file, category);
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
pub(super) fn severity(c: Category) -> u8 {
    match c {
        Category::Malware => 0,
        Category::Phishing => 1,
        Category::Crypto => 2,
        Category::Scam => 3,
        Category::Gambling => 4,
    }
}

pub(super) struct Kept {
    pub(super) category: Category,
    pub(super) sources: BTreeSet<String>,
}

/// The normalized entry of a candidate: its expression, or why it is dropped.
pub(super) fn normalize(
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
