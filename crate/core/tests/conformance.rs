//! Safe Browsing canonicalization and lookup-expression conformance, read from the vector files
//! in `tests/data/` (copied from the shared Safe Browsing vectors).
//!
//! Rows flagged as Go-library divergences (`GO LIB` in the note) are not the document's truth:
//! for those we check that we do NOT produce the Go library's answer (the document's answer is in
//! a separate row where the document gives one). Deliberate deviations are listed, one justified
//! line each, in `tests/data/expected_failures.tsv`; the test fails on any unexpected failure and
//! on any listed failure that now passes (a stale entry).

#![allow(clippy::panic, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use waspada_core::url::{canonicalize, HostKind};

/// The shared reference and dev data, beside the repository (as CI lays it out).
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read_tsv(name: &str) -> Vec<(usize, Vec<String>)> {
    let path = data_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

/// Decodes the vector files' C-style escapes (`\t \r \n \xNN`) and `<empty>`. `None` when the
/// bytes are not UTF-8 (our API takes `&str`).
fn decode_input(field: &str) -> Option<String> {
    if field == "<empty>" {
        return Some(String::new());
    }
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b't' => {
                    out.push(b'\t');
                    i += 2;
                    continue;
                }
                b'r' => {
                    out.push(b'\r');
                    i += 2;
                    continue;
                }
                b'n' => {
                    out.push(b'\n');
                    i += 2;
                    continue;
                }
                b'x' if i + 3 < b.len() => {
                    if let Ok(v) = u8::from_str_radix(&field[i + 2..i + 4], 16) {
                        out.push(v);
                        i += 4;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn expected_failures() -> BTreeMap<String, String> {
    read_tsv("expected_failures.tsv")
        .into_iter()
        .map(|(line, cols)| {
            assert!(
                cols.len() >= 2 && !cols[1].trim().is_empty(),
                "expected_failures.tsv line {line}: every entry needs a reason"
            );
            (cols[0].clone(), cols[1].clone())
        })
        .collect()
}

/// One vector's outcome.
enum Outcome {
    Pass,
    Fail(String),
    /// A Go-library divergence where we follow the document instead.
    DocFollowed,
}

fn check_canon_row(input_field: &str, expected: &str, note: &str) -> Outcome {
    let go_diverges = note.contains("GO LIB");
    let (kind, raw) = match input_field.split_once(':') {
        Some((k @ ("parseIPAddress" | "canonicalHost" | "canonicalPath"), rest)) => (k, rest),
        _ => ("url", input_field),
    };
    let Some(input) = decode_input(raw) else {
        return Outcome::Fail("input bytes are not UTF-8".into());
    };
    let got: String = match kind {
        "parseIPAddress" => match canonicalize(&format!("http://{input}/")) {
            Ok(c) if c.host_kind == HostKind::Ipv4 => c.host.into(),
            Ok(_) | Err(_) => "<not an IP>".into(),
        },
        "canonicalHost" => match canonicalize(&input) {
            Ok(c) => c.host.into(),
            Err(e) => format!("<error: {e}>"),
        },
        "canonicalPath" => match canonicalize(&input) {
            Ok(c) => c.path,
            Err(e) => format!("<error: {e}>"),
        },
        _ => match canonicalize(&input) {
            Ok(c) => c.url,
            Err(e) => format!("<error: {e}>"),
        },
    };
    let matches = if expected.starts_with("<error") {
        got.starts_with("<error")
    } else {
        got == expected
    };
    match (go_diverges, matches) {
        (false, true) => Outcome::Pass,
        (false, false) => Outcome::Fail(format!("expected {expected:?}, got {got:?}")),
        (true, false) => Outcome::DocFollowed,
        (true, true) => Outcome::Fail(format!(
            "matches the Go library's divergent answer {expected:?} instead of the document's"
        )),
    }
}

fn check_expression_row(input_field: &str, expected: &str, note: &str) -> Outcome {
    let go_diverges = note.contains("GO LIB");
    let Some(input) = decode_input(input_field) else {
        return Outcome::Fail("input bytes are not UTF-8".into());
    };
    let got: Result<Vec<String>, String> =
        canonicalize(&input).map_err(|e| e.to_string()).map(|c| {
            if note.contains("HOSTS ONLY") {
                c.host_suffixes().into_iter().map(str::to_string).collect()
            } else if note.contains("PATHS ONLY") {
                c.path_prefixes()
            } else {
                c.expressions()
            }
        });
    let matches = match (&got, expected) {
        (Err(_), "<error>") => true,
        (Err(_), _) | (Ok(_), "<error>") => false,
        (Ok(list), _) => {
            let want: Vec<String> = expected.split('|').map(str::to_string).collect();
            if note.contains("(ordered)") {
                *list == want
            } else {
                list.iter().collect::<BTreeSet<_>>() == want.iter().collect::<BTreeSet<_>>()
                    && list.len() == want.len()
            }
        }
    };
    match (go_diverges, matches) {
        (false, true) => Outcome::Pass,
        (false, false) => Outcome::Fail(format!("expected {expected:?}, got {got:?}")),
        (true, false) => Outcome::DocFollowed,
        (true, true) => Outcome::Fail(format!(
            "matches the Go library's divergent answer {expected:?} instead of the document's"
        )),
    }
}

type Checker = fn(&str, &str, &str) -> Outcome;

#[test]
fn safe_browsing_vectors() {
    let expected = expected_failures();
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let (mut total, mut passed, mut doc_followed) = (0, 0, 0);
    let files: [(&str, Checker); 2] = [
        ("safebrowsing_canon.tsv", check_canon_row),
        ("safebrowsing_expressions.tsv", check_expression_row),
    ];
    for (file, check) in files {
        for (line, cols) in read_tsv(file) {
            assert!(cols.len() >= 2, "{file}:{line}: fewer than two columns");
            let note = cols.get(3).map(String::as_str).unwrap_or("");
            total += 1;
            match check(&cols[0], &cols[1], note) {
                Outcome::Pass => passed += 1,
                Outcome::DocFollowed => doc_followed += 1,
                Outcome::Fail(why) => {
                    failures.insert(cols[0].clone(), format!("{file}:{line}: {why}"));
                }
            }
        }
    }
    let unexpected: Vec<_> = failures
        .iter()
        .filter(|(k, _)| !expected.contains_key(*k))
        .collect();
    let stale: Vec<_> = expected
        .keys()
        .filter(|k| !failures.contains_key(*k))
        .collect();
    println!(
        "Safe Browsing vectors: {total} rows, {passed} pass, {doc_followed} Go-library divergences \
         where the document is followed, {} expected failures, {} unexpected failures, {} stale",
        failures.len() - unexpected.len(),
        unexpected.len(),
        stale.len()
    );
    for (input, why) in &failures {
        let tag = if expected.contains_key(input) {
            "expected"
        } else {
            "UNEXPECTED"
        };
        println!("  {tag}: {input:?}: {why}");
    }
    assert!(
        unexpected.is_empty(),
        "unexpected failures: {unexpected:#?}"
    );
    assert!(
        stale.is_empty(),
        "these expected failures now pass; remove them from expected_failures.tsv: {stale:#?}"
    );
}

#[test]
fn escapes_in_vector_inputs_are_decoded() {
    assert_eq!(decode_input("a\\tb\\r\\nc").as_deref(), Some("a\tb\r\nc"));
    assert_eq!(decode_input("\\x41").as_deref(), Some("A"));
    assert_eq!(decode_input("<empty>").as_deref(), Some(""));
    assert_eq!(decode_input("\\x80"), None);
}

/// What a browser (WHATWG URL, the `url` crate) makes of `input`: host (dots cleaned as Safe
/// Browsing does) and port. `None` when a browser would not open it as an http(s) URL.
fn browser_view(input: &str) -> Option<(String, Option<u16>)> {
    let u = url::Url::parse(input).ok()?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return None;
    }
    let host = match u.host()? {
        url::Host::Domain(d) => {
            let cleaned: Vec<&str> = d.split('.').filter(|l| !l.is_empty()).collect();
            cleaned.join(".")
        }
        url::Host::Ipv4(a) => a.to_string(),
        ipv6 @ url::Host::Ipv6(_) => ipv6.to_string(),
    };
    (!host.is_empty()).then_some((host, u.port()))
}

/// Compares our reading of `input` with the browser's; `Some(why)` on a disagreement.
fn browser_disagreement(input: &str) -> Option<String> {
    let browser = browser_view(input)?;
    let ours = match canonicalize(input) {
        Ok(c) => c,
        Err(e) => {
            return Some(format!(
                "{input:?}: a browser opens {browser:?}, we refuse: {e}"
            ))
        }
    };
    // Hosts a browser accepts have no character we escape, so they must be equal as text.
    let mine = (ours.host.to_string(), ours.port);
    (mine != browser).then(|| format!("{input:?}: browser {browser:?}, ours {mine:?}"))
}

/// The host we score is the host the browser visits: every URL of the dev sets and a set of
/// authority tricks, read by us and by a WHATWG parser, give the same host and port. Every URL
/// as the browser serializes it (what the extension receives) is accepted by us.
#[test]
fn hosts_agree_with_the_browser_parser() {
    let tricks = [
        "http://bca.co.id@evil.top/",
        "http://bca.co.id:443@evil.top/",
        "http://a@b@c.evil.top/",
        "http://evil.top\\@bca.co.id/",
        "http://evil.top\\\\bca.co.id/",
        "https://evil.top?@bca.co.id/",
        "https://evil.top#@bca.co.id/",
        "http://evil.top%2F@bca.co.id/",
        "http://bca.co.id%40evil.top/",
        "http://ev\til.top/",
        "http://ev\nil.top/x",
        "  http://evil.top/  ",
        "HTTP://EVIL.TOP/",
        "http://0x7f.1/",
        "http://2130706433/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[0:0::1]:8080/",
        "http://evil.top:80/",
        "https://evil.top:443/",
        "https://evil.top:8443/",
        "http://xn--pypal-4ve.com/",
        "http://pаypal.com/",
        "http://ＢＣＡ。ｃｏ。ｉｄ/",
        "http://bca.co.id./",
        "http://%62%63%61.co.id/",
        "http://www.%E2%82%AC.com/",
        "https://evil.top/redirect?url=https://bca.co.id/",
        "https://bca.co.id.evil.top/",
        "http:\\\\evil.top\\x",
        "https://user:pass@[::1]:99/",
        // Invisible characters a browser drops from a host (zero-width space, BOM, soft hyphen,
        // word joiner), and mappings it applies.
        "http://bca\u{200b}.co.id/",
        "http://\u{feff}bca.co.id/",
        "http://bc\u{ad}a.co.id/",
        "http://bca\u{2060}.co.id/",
        "http://ｂｃａ.co.id/",
        "http://bca\u{301}.co.id/",
        "http://🏦.com/",
    ];
    let mut inputs: Vec<String> = tricks.iter().map(|s| s.to_string()).collect();
    let dev_dir = format!("{SHARED}/dev");
    let dev = std::path::Path::new(&dev_dir);
    for name in ["positives_dev.tsv", "positives_indonesia_dev.tsv"] {
        let path = dev.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("{} absent: only the built-in cases", path.display());
            continue;
        };
        for line in text.lines().skip(1) {
            let first = line.split('\t').next().unwrap_or_default();
            if first.contains("://") {
                inputs.push(first.to_string());
            } else {
                inputs.push(format!("http://{first}"));
            }
        }
    }
    let mut disagreements = Vec::new();
    let mut compared = 0usize;
    for input in &inputs {
        if browser_view(input).is_none() {
            continue;
        }
        compared += 1;
        if let Some(d) = browser_disagreement(input) {
            disagreements.push(d);
        }
        // What the extension is given: the browser's own serialization.
        if let Ok(u) = url::Url::parse(input) {
            if let Some(d) = browser_disagreement(u.as_str()) {
                disagreements.push(format!("serialized: {d}"));
            }
        }
    }
    println!(
        "browser agreement: {compared} URLs compared, {} disagreements",
        disagreements.len()
    );
    assert!(compared >= tricks.len() - 2, "only {compared} compared");
    assert!(
        disagreements.is_empty(),
        "{} disagreements, first: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(20)]
    );
}

/// SplitMix64 with a fixed seed, so the generated URLs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Generated authority tricks (userinfo, backslashes, escapes, IDNA mappings, legacy IPv4,
/// ports) read by us and by the WHATWG parser give the same host and port. Two deliberate
/// differences are left out: more than two slashes after the scheme (browsers skip them; the
/// Safe Browsing vectors require an error) and hosts with empty labels such as `1..2` (Safe
/// Browsing collapses the dots; a browser looks the dotted name up in DNS, where it cannot exist).
#[test]
fn generated_authorities_agree_with_the_browser_parser() {
    let prefixes = ["http://", "https://", "HTTP://", "http:\\\\", "hTTps:/\\"];
    let pieces = [
        "a",
        "b",
        "x",
        "0",
        "1",
        "7f",
        "0x",
        ".",
        "..",
        "@",
        ":",
        "/",
        "\\",
        "?",
        "#",
        "%",
        "%2e",
        "%40",
        "%2f",
        "%25",
        "[",
        "]",
        "::1",
        "xn--",
        "ü",
        "а",
        "。",
        "＠",
        "／",
        " ",
        "\t",
        "-",
        "_",
        "~",
        "!",
        "$",
        "'",
        "80",
        "443",
        "065535",
        "com",
        "co.id",
        "github.io",
        "%zz",
        "%41",
        "bca.co.id@",
    ];
    let mut rng = Rng(0x5741_5350_4144_4131);
    let (mut compared, mut skipped) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for _ in 0..60_000 {
        let mut s = prefixes[rng.below(prefixes.len())].to_string();
        for _ in 0..rng.below(12) {
            s.push_str(pieces[rng.below(pieces.len())]);
        }
        let Some(u) = url::Url::parse(&s).ok() else {
            continue;
        };
        let Some(raw_host) = u.host_str() else {
            continue;
        };
        let after_scheme = s.split_once(':').map(|(_, r)| r).unwrap_or_default();
        let slashes = after_scheme
            .chars()
            .filter(|c| *c != '\t')
            .take_while(|c| matches!(c, '/' | '\\'))
            .count();
        if slashes != 2
            || raw_host.contains("..")
            || raw_host.ends_with('.')
            || raw_host.starts_with('.')
        {
            skipped += 1;
            continue;
        }
        compared += 1;
        if let Some(d) = browser_disagreement(&s) {
            disagreements.push(d);
        }
    }
    println!(
        "generated authorities: {compared} compared with the browser parser, {skipped} in the two \
         deliberate-difference classes, {} disagreements",
        disagreements.len()
    );
    assert!(compared > 10_000, "only {compared} compared");
    assert!(
        disagreements.is_empty(),
        "{} disagreements, first: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(20)]
    );
}
