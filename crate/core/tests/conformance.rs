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
            Ok(c) if c.host_kind == HostKind::Ipv4 => c.host,
            Ok(_) | Err(_) => "<not an IP>".into(),
        },
        "canonicalHost" => match canonicalize(&input) {
            Ok(c) => c.host,
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
