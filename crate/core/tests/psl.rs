//! The compiled Public Suffix List section against the `publicsuffix` crate parsing the same
//! bundled file: every rule of the list (with labels added in front), every host of the shared
//! dev sets (when `../shared/data/dev` beside the repository is present), and named cases.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use publicsuffix::{List, Psl as _, Type};
use std::path::Path;
use waspada_core::builder::psl::section as psl_section;
use waspada_core::domain::{to_ascii, to_unicode, Psl};
use waspada_core::url::{canonicalize, HostKind};
use waspada_core::DataError;

const PSL_TEXT: &str = waspada_core::builder::BUNDLED_PSL;
const DEV_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/dev");

fn section() -> Vec<u8> {
    psl_section(PSL_TEXT).expect("bundled PSL compiles")
}

fn reference() -> List {
    PSL_TEXT
        .parse()
        .expect("publicsuffix parses the bundled PSL")
}

/// What the reference says: (public suffix, registrable domain, private).
fn expected(list: &List, host: &str) -> (Option<String>, Option<String>, bool) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let suffix = list.suffix(host.as_bytes());
    let domain = list.domain(host.as_bytes()).map(|d| text(d.as_bytes()));
    let private = suffix.is_some_and(|s| s.typ() == Some(Type::Private));
    (suffix.map(|s| text(s.as_bytes())), domain, private)
}

fn ours(psl: &Psl, host: &str) -> (Option<String>, Option<String>, bool) {
    (
        psl.public_suffix(host).map(str::to_string),
        psl.registrable_domain(host).map(str::to_string),
        psl.is_private_suffix(host),
    )
}

/// Compares one host; returns a description of the disagreement, if any.
fn compare(psl: &Psl, list: &List, host: &str) -> Option<String> {
    let (ours, theirs) = (ours(psl, host), expected(list, host));
    (ours != theirs).then(|| format!("{host}: ours {ours:?}, publicsuffix {theirs:?}"))
}

#[test]
fn bundled_list_compiles_to_a_compact_section() {
    let bytes = section();
    let psl = Psl::new(&bytes).unwrap();
    assert!(psl.len() > 9_000, "only {} rule names", psl.len());
    // 9 bytes per distinct rule name plus an 8-byte header.
    assert_eq!(bytes.len(), 8 + 9 * psl.len());
}

#[test]
fn every_rule_agrees_with_the_publicsuffix_crate() {
    let bytes = section();
    let psl = Psl::new(&bytes).unwrap();
    let list = reference();
    let mut checked = 0usize;
    let mut disagreements = Vec::new();
    for line in PSL_TEXT.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let rule = line.trim_start_matches('!').replace('*', "wild");
        let Ok(ascii) = to_ascii(&rule) else {
            panic!("rule {rule:?} does not convert to ASCII");
        };
        for host in [
            ascii.clone(),
            format!("x.{ascii}"),
            format!("www.x.{ascii}"),
            format!("a.b.c.{ascii}"),
        ] {
            checked += 1;
            if let Some(d) = compare(&psl, &list, &host) {
                disagreements.push(d);
            }
        }
    }
    println!(
        "PSL rules: {checked} hosts checked, {} disagreements",
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements, first: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(20)]
    );
}

#[test]
fn every_dev_host_agrees_with_the_publicsuffix_crate() {
    let dir = Path::new(DEV_DIR);
    if !dir.is_dir() {
        println!("{DEV_DIR} is absent: skipped");
        return;
    }
    let bytes = section();
    let psl = Psl::new(&bytes).unwrap();
    let list = reference();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .tsv files in {DEV_DIR}");
    let (mut hosts, mut ips, mut unreadable) = (0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        // The host columns: the first column, or the named domain columns where the first is a
        // rank (negatives_top100k_2024.tsv) or a brand (lookalikes_dnstwist_dev.tsv).
        let wanted: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                matches!(
                    **h,
                    "url_or_domain" | "domain" | "original" | "permutation_punycode"
                )
            })
            .map(|(i, _)| i)
            .collect();
        let wanted = if wanted.is_empty() { vec![0] } else { wanted };
        for line in lines {
            let cols: Vec<&str> = line.split('\t').collect();
            for &i in &wanted {
                let Some(field) = cols.get(i) else { continue };
                let Ok(c) = canonicalize(field) else {
                    unreadable += 1;
                    continue;
                };
                if c.host_kind != HostKind::Domain {
                    ips += 1;
                    assert_eq!(
                        psl.registrable_domain(&c.host),
                        None,
                        "{}: IP has no site",
                        c.host
                    );
                    assert_eq!(psl.public_suffix(&c.host), None);
                    continue;
                }
                hosts += 1;
                if let Some(d) = compare(&psl, &list, &c.host) {
                    disagreements.push(d);
                }
            }
        }
    }
    println!(
        "dev hosts: {hosts} compared over {} files, {ips} IPs (no site), {unreadable} not URLs, {} disagreements",
        files.len(),
        disagreements.len()
    );
    assert!(hosts > 100_000, "only {hosts} hosts read from {DEV_DIR}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements, first: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(20)]
    );
}

#[test]
fn named_cases() {
    let bytes = section();
    let psl = Psl::new(&bytes).unwrap();
    fn site_of<'h>(psl: &Psl, h: &'h str) -> Option<&'h str> {
        psl.registrable_domain(h)
    }
    let site = |h: &'static str| site_of(&psl, h);
    // Private section: different people's sites on the same hosting suffix.
    assert_eq!(site("evil.github.io"), Some("evil.github.io"));
    assert_eq!(site("login.mybank.github.io"), Some("mybank.github.io"));
    assert!(psl.is_private_suffix("evil.github.io"));
    assert!(psl.is_private_suffix("x.pages.dev"));
    assert_eq!(psl.public_suffix("bca-login.pages.dev"), Some("pages.dev"));
    assert!(!psl.is_private_suffix("www.bca.co.id"));
    assert_eq!(site("github.io"), None);
    // ICANN multi-label suffixes.
    assert_eq!(site("a.b.example.co.uk"), Some("example.co.uk"));
    assert_eq!(site("bca.co.id"), Some("bca.co.id"));
    assert_eq!(site("www.klikbca.com"), Some("klikbca.com"));
    assert_eq!(site("ib.bank.go.id"), Some("bank.go.id"));
    assert_eq!(site("co.id"), None);
    assert_eq!(psl.public_suffix("co.id"), Some("co.id"));
    // Wildcard *.ck with exception !www.ck.
    assert_eq!(site("www.ck"), Some("www.ck"));
    assert_eq!(site("a.www.ck"), Some("www.ck"));
    assert_eq!(psl.public_suffix("shop.example.ck"), Some("example.ck"));
    assert_eq!(site("shop.example.ck"), Some("shop.example.ck"));
    assert_eq!(site("example.ck"), None);
    // Unknown TLD: the implicit "*" rule.
    assert_eq!(site("a.b.notatld"), Some("b.notatld"));
    assert_eq!(psl.public_suffix("a.b.notatld"), Some("notatld"));
    // Punycode hosts: IDN TLD and IDN rule (公司.cn).
    assert_eq!(site("xn--mlat-zra.com"), Some("xn--mlat-zra.com"));
    assert_eq!(site("www.xn--55qx5d.cn"), Some("www.xn--55qx5d.cn"));
    assert_eq!(
        psl.public_suffix("shop.xn--55qx5d.cn"),
        Some("xn--55qx5d.cn")
    );
    assert_eq!(site("toko.xn--p1ai"), Some("toko.xn--p1ai"));
    // Not sites: IPs, empty labels, empty host.
    assert_eq!(site("192.168.1.1"), None);
    assert_eq!(site("[::1]"), None);
    assert_eq!(site("a..com"), None);
    assert_eq!(site("x..www.bca.co.id"), None);
    assert_eq!(site(".www.bca.co.id"), None);
    assert_eq!(site("a.b.c.d.e.f.g.h.bca.co.id"), Some("bca.co.id"));
    assert_eq!(site("x..a.www.ck"), None);
    assert_eq!(site(".com"), None);
    assert_eq!(site("example.com."), None);
    assert_eq!(site(""), None);
    // Upper-case input is read case-insensitively; the slice returned is the input's.
    assert_eq!(site("WWW.Example.COM"), Some("Example.COM"));
}

#[test]
fn host_forms() {
    assert_eq!(to_ascii("www.ümlat.com").unwrap(), "www.xn--mlat-zra.com");
    assert_eq!(to_ascii("BCA.co.id").unwrap(), "bca.co.id");
    assert_eq!(to_unicode("www.xn--mlat-zra.com"), "www.ümlat.com");
    // Cyrillic "а" in a Latin-looking name stays visibly different once encoded.
    assert_eq!(to_ascii("pаypal.com").unwrap(), "xn--pypal-4ve.com");
    // Invalid punycode is shown as given, not as garbage.
    assert_eq!(to_unicode("xn--zz.com"), "xn--zz.com");
    assert!(to_ascii("xn--zz.com").is_err());
    assert!(to_ascii("a\u{202e}b.com").is_err());
}

#[test]
fn corrupt_sections_are_data_errors() {
    let bytes = section();
    for n in [0, 3, 4, 7, 8, 9, 100, bytes.len() / 2, bytes.len() - 1] {
        let err = Psl::new(&bytes[..n]).unwrap_err();
        assert!(matches!(err, DataError::Corrupt(_)), "prefix {n}: {err:?}");
    }
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert!(Psl::new(&bad).is_err());
    let mut old = bytes.clone();
    old[3] = b'1';
    let err = Psl::new(&old).unwrap_err().to_string();
    assert!(err.contains("format 1") && err.contains("rebuild"), "{err}");
    let mut huge = bytes.clone();
    huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(Psl::new(&huge).is_err());
    let mut zero = bytes.clone();
    zero[4..8].copy_from_slice(&0u32.to_le_bytes());
    assert!(Psl::new(&zero).is_err());
    // Trailing bytes beyond the envelope's 8-byte padding are refused.
    let mut long = bytes.clone();
    long.extend_from_slice(&[0; 16]);
    assert!(Psl::new(&long).is_err());
}

#[test]
fn scrambled_sections_never_panic() {
    let bytes = section();
    let hosts = [
        "www.bca.co.id",
        "evil.github.io",
        "a.www.ck",
        "x.y.z.notatld",
        "b",
        "1.2.3.4",
    ];
    // Every byte of the header and a spread of body bytes, each set to a few values.
    let positions: Vec<usize> = (0..16).chain((16..bytes.len()).step_by(997)).collect();
    for &i in &positions {
        for v in [0u8, 1, 0x7f, 0xff] {
            let mut b = bytes.clone();
            b[i] = v;
            if let Ok(psl) = Psl::new(&b) {
                for h in hosts {
                    let _ = psl.registrable_domain(h);
                    let _ = psl.public_suffix(h);
                    let _ = psl.is_private_suffix(h);
                }
            }
        }
    }
}
