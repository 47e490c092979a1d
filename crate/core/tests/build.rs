//! The list builder: formats, drops reported with file:line, merges, errors, reproducibility.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use waspada_core::blocklist::{Blocklist, EntryKind};
use waspada_core::builder::{
    build, bundled_sources, BuildError, BuildReport, DropReason, Inputs, SourceFile,
};
use waspada_core::format::Envelope;
use waspada_core::Category;

fn inputs(files: &[(&str, &str)]) -> Inputs {
    Inputs {
        list_version: "2026.11.28".into(),
        build_date: 20261128,
        psl_text: waspada_core::builder::BUNDLED_PSL.into(),
        sources: files
            .iter()
            .map(|(n, t)| SourceFile::new(n, (*t).to_string(), Category::Phishing))
            .collect(),
        extra_sections: Vec::new(),
        protected: Box::new(|h: &str| {
            h == "bca.co.id" || h.ends_with(".bca.co.id") || h == "google.com"
        }),
        strict: false,
    }
}

fn built(files: &[(&str, &str)]) -> (Vec<u8>, BuildReport) {
    build(&inputs(files)).unwrap()
}

/// What the list says about `url`: (category, source, kind), or None.
fn check(bytes: &[u8], url: &str) -> Option<(Category, String, EntryKind)> {
    let env = Envelope::parse(bytes).unwrap();
    let bl = Blocklist::from_envelope(&env, bytes).unwrap();
    let c = waspada_core::url::canonicalize(url).unwrap();
    bl.lookup(&c.expressions())
        .map(|h| (h.category, h.source.to_string(), h.kind))
}

fn issues(report: &BuildReport, reason: DropReason) -> Vec<String> {
    report
        .issues
        .iter()
        .filter(|i| i.reason == reason)
        .map(|i| format!("{}:{}", i.file, i.line))
        .collect()
}

#[test]
fn every_source_format_is_read() {
    let tsv = "url_or_domain\tkind\tsource\tfirst_seen\n\
               wallet-drain.com\tcrypto\tpolkadot;ethpd\t2024-01-01\n\
               http://judi.net/slot/\tgambling\tnawala\t\n";
    let domains = "# a plain domain list\n\nphish-a.com\nPHISH-B.COM.\n*.star-evil.net\n";
    let hosts = "127.0.0.1 localhost\n0.0.0.0 hosts-a.com hosts-b.com # two on one line\n::1 ip6-localhost\n";
    let urls = "https://urls.org/login/\nhttp://urls.org/pay.php?id=7\nurls-bare.org/dir/\n";
    let filters =
        "! adblock list\n[Adblock Plus 2.0]\n||filter-a.com^\n||filter-b.com^$document,important\n";
    let (bytes, report) = built(&[
        ("a.tsv", tsv),
        ("d.txt", domains),
        ("h.hosts", hosts),
        ("u.txt", urls),
        ("f.txt", filters),
    ]);
    assert!(report.issues.is_empty(), "{:#?}", report.issues);
    assert_eq!(report.entries, 12);
    assert!(check(&bytes, "http://a.star-evil.net/").is_some());
    assert!(check(&bytes, "http://star-evil.net/").is_some());

    assert_eq!(
        check(&bytes, "https://app.wallet-drain.com/claim"),
        Some((Category::Crypto, "ethpd;polkadot".into(), EntryKind::Host))
    );
    assert_eq!(
        check(&bytes, "http://judi.net/slot/gacor.html"),
        Some((Category::Gambling, "nawala".into(), EntryKind::Prefix))
    );
    assert_eq!(check(&bytes, "http://judi.net/"), None);
    assert_eq!(
        check(&bytes, "phish-b.com"),
        Some((Category::Phishing, "d".into(), EntryKind::Host))
    );
    assert_eq!(
        check(&bytes, "http://hosts-b.com/x"),
        Some((Category::Phishing, "h".into(), EntryKind::Host))
    );
    assert!(check(&bytes, "http://localhost/").is_none());
    assert_eq!(
        check(&bytes, "https://urls.org/login/index.php").map(|h| h.2),
        Some(EntryKind::Prefix)
    );
    assert_eq!(
        check(&bytes, "https://urls.org/pay.php?id=7").map(|h| h.2),
        Some(EntryKind::Url)
    );
    assert_eq!(check(&bytes, "https://urls.org/pay.php?id=8"), None);
    assert_eq!(
        check(&bytes, "http://urls-bare.org/dir/a").map(|h| h.2),
        Some(EntryKind::Prefix)
    );
    assert!(check(&bytes, "https://x.filter-a.com/").is_some());
    assert!(check(&bytes, "https://filter-b.com/").is_some());

    assert_eq!(report.by_category.get(&Category::Crypto), Some(&1));
    assert_eq!(report.by_category.get(&Category::Gambling), Some(&1));
    assert_eq!(report.by_source.get("polkadot"), Some(&1));
    assert_eq!(report.by_kind.get(&EntryKind::Host), Some(&8));
    let env = Envelope::parse(&bytes).unwrap();
    assert_eq!(env.header.count(Category::Phishing), 10);
    assert_eq!(report.hosts.len(), 8);
    assert!(report.hosts_tsv().contains("wallet-drain.com\tcrypto\n"));
    assert!(report.hosts_tsv().contains("filter-a.com\tphishing\n"));
}

#[test]
fn bad_lines_are_reported_with_file_and_line() {
    let text = "good-one.com\n\
                not a domain at all\n\
                http://exa mple.com/\n\
                @@||allowed.com^\n\
                example.com##.ad\n\
                ||wild*card.com^\n\
                http://[::1\n\
                ||tracker.example^$third-party\n";
    let (bytes, report) = built(&[("lists/bad.txt", text)]);
    assert_eq!(report.entries, 1);
    assert_eq!(
        issues(&report, DropReason::Invalid),
        ["lists/bad.txt:2", "lists/bad.txt:3", "lists/bad.txt:7"]
    );
    assert_eq!(
        issues(&report, DropReason::Unsupported),
        [
            "lists/bad.txt:4",
            "lists/bad.txt:5",
            "lists/bad.txt:6",
            "lists/bad.txt:8"
        ]
    );
    let shown = report.issues[0].to_string();
    assert!(shown.starts_with("lists/bad.txt:2: invalid:"), "{shown}");
    assert_eq!(report.dropped.get(&DropReason::Invalid), Some(&3));
    assert!(check(&bytes, "good-one.com").is_some());
    assert_eq!(report.files[0].lines, 8);
    assert_eq!(report.files[0].dropped, 7);
}

/// A dropped line of any length is reported by its start: at most `ISSUE_TEXT_MAX` bytes, cut on
/// a character boundary and marked `…`; a short one whole.
#[test]
fn long_bad_lines_are_reported_cut() {
    use waspada_core::builder::ISSUE_TEXT_MAX;
    let long = format!("not a domain {}", "é".repeat(5_000));
    let (_, report) = built(&[("lists/long.txt", &format!("{long}\nbad line\n"))]);
    let texts: Vec<&str> = report.issues.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    let cut = texts[0]
        .strip_suffix('…')
        .expect("the long line is marked cut");
    assert!(
        cut.len() <= ISSUE_TEXT_MAX && cut.len() > ISSUE_TEXT_MAX - 4,
        "{}",
        cut.len()
    );
    assert!(long.starts_with(cut));
    assert_eq!(texts[1], "bad line");
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let tsv = "\u{feff}url_or_domain\tkind\tsource\tfirst_seen\r\nbom-evil.com\tscam\tsrc\t\r\n";
    let (bytes, report) = built(&[("bom.tsv", tsv)]);
    assert!(report.issues.is_empty(), "{:#?}", report.issues);
    assert_eq!(
        check(&bytes, "bom-evil.com"),
        Some((Category::Scam, "src".into(), EntryKind::Host))
    );
}

#[test]
fn tsv_with_unknown_kind_is_reported() {
    let tsv =
        "url_or_domain\tkind\tsource\tfirst_seen\nx-evil.com\tnonsense\tsrc\t\n\tphishing\tsrc\t\n";
    let (_, report) = built(&[("s.tsv", tsv)]);
    assert_eq!(issues(&report, DropReason::Invalid), ["s.tsv:2", "s.tsv:3"]);
    assert!(report.issues[0].detail.contains("nonsense"));
}

#[test]
fn duplicates_merge_sources_and_keep_the_most_severe_category() {
    let a = "url_or_domain\tkind\tsource\tfirst_seen\nsame.com\tgambling\talpha\t\n";
    let b = "url_or_domain\tkind\tsource\tfirst_seen\nSAME.com.\tmalware\tbeta\t\nhttp://same.com/\tscam\tgamma\t\n";
    let (bytes, report) = built(&[("a.tsv", a), ("b.tsv", b)]);
    assert_eq!(report.entries, 1);
    assert_eq!(
        issues(&report, DropReason::Duplicate),
        ["b.tsv:2", "b.tsv:3"]
    );
    assert_eq!(
        check(&bytes, "same.com"),
        Some((
            Category::Malware,
            "alpha;beta;gamma".into(),
            EntryKind::Host
        ))
    );
}

#[test]
fn protected_sites_and_public_suffixes_are_never_blocked() {
    let text =
        "bca.co.id\nwww.bca.co.id\ngoogle.com\nco.id\ngithub.io\nevil.github.io\nbca-co-id.com\n\
                http://google.com/\nhttps://sites.google.com/view/fake-bank/\n";
    let (bytes, report) = built(&[("p.txt", text)]);
    assert_eq!(
        issues(&report, DropReason::Protected),
        ["p.txt:1", "p.txt:2", "p.txt:3", "p.txt:8"]
    );
    assert_eq!(
        issues(&report, DropReason::PublicSuffix),
        ["p.txt:4", "p.txt:5"]
    );
    assert!(check(&bytes, "https://bca.co.id/").is_none());
    assert!(check(&bytes, "https://www.google.com/").is_none());
    assert!(check(&bytes, "https://other.github.io/").is_none());
    assert!(check(&bytes, "https://evil.github.io/").is_some());
    assert!(check(&bytes, "bca-co-id.com").is_some());
    // A path on a popular host blocks only that path.
    assert!(check(&bytes, "https://sites.google.com/view/fake-bank/login").is_some());
    assert!(check(&bytes, "https://sites.google.com/view/other/").is_none());
}

#[test]
fn strict_mode_fails_on_invalid_lines() {
    let mut i = inputs(&[("s.txt", "fine.com\nnot a domain\n")]);
    i.strict = true;
    match build(&i) {
        Err(BuildError::Strict { invalid, first }) => {
            assert_eq!(invalid, 1);
            assert!(first[0].starts_with("s.txt:2:"), "{first:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_versions_and_tags_are_build_errors() {
    assert!(matches!(
        waspada_core::builder::build_date_of_version("2026-11-28"),
        Err(BuildError::Version(_))
    ));
    assert!(matches!(
        waspada_core::builder::build_date_of_version("2026.13.01"),
        Err(BuildError::Version(_))
    ));
    assert_eq!(
        waspada_core::builder::build_date_of_version("2026.11.28"),
        Ok(20261128)
    );
    let mut i = inputs(&[("s.txt", "fine.com\n")]);
    i.extra_sections.push((*b"BHST", vec![0; 8]));
    assert!(matches!(build(&i), Err(BuildError::DuplicateTag(t)) if t == "BHST"));
    let mut i = inputs(&[]);
    i.psl_text = String::new();
    assert!(build(&i).is_err(), "an empty PSL must not build");
}

#[test]
fn extra_sections_are_written() {
    let mut i = inputs(&[("s.txt", "fine.com\n")]);
    i.extra_sections.push((*b"TEST", vec![1, 2, 3]));
    let (bytes, report) = build(&i).unwrap();
    let env = Envelope::parse(&bytes).unwrap();
    assert_eq!(
        env.section(*b"TEST").map(|r| &bytes[r]),
        Some(&[1u8, 2, 3][..])
    );
    assert!(report
        .sections
        .iter()
        .any(|(t, len)| t == "TEST" && *len == 3));
}

#[test]
fn builds_are_reproducible_and_independent_of_file_order() {
    let a = "url_or_domain\tkind\tsource\tfirst_seen\nx.com\tcrypto\ts1\t\ny.com\tscam\ts2\t\n";
    let b = "y.com\nz.org\nhttp://w.net/a/b/\n";
    let (one, _) = built(&[("a.tsv", a), ("b.txt", b)]);
    let (two, _) = built(&[("a.tsv", a), ("b.txt", b)]);
    assert_eq!(one, two);
    let (three, _) = built(&[("b.txt", b), ("a.tsv", a)]);
    assert_eq!(one, three);
    let (other, _) = built(&[("a.tsv", a)]);
    assert_ne!(one, other);
}

#[test]
fn bundled_list_builds_blocks_its_entries_and_spares_official_sites() {
    let inputs = Inputs::defaults().unwrap();
    assert_eq!(inputs.sources.len(), bundled_sources().unwrap().len());
    let (bytes, report) = build(&inputs).unwrap();
    assert!(report.entries > 80_000, "{}", report.summary());
    assert_eq!(
        report.dropped.get(&DropReason::Invalid),
        None,
        "{:#?}",
        &report.issues[..5.min(report.issues.len())]
    );
    // One entry of each bundled source.
    assert_eq!(
        check(&bytes, "http://polkadot-dot.info/").map(|h| h.0),
        Some(Category::Crypto)
    );
    assert_eq!(
        check(&bytes, "https://0army.io/").map(|h| h.0),
        Some(Category::Crypto)
    );
    assert_eq!(
        check(&bytes, "http://05webinvite.com/a.exe").map(|h| h.0),
        Some(Category::Malware)
    );
    for official in [
        "https://bca.co.id/",
        "https://www.klikbca.com/",
        "https://google.com/",
        "https://github.com/",
    ] {
        assert!(check(&bytes, official).is_none(), "{official} is blocked");
    }
    // A user's page on a popular platform stays blocked; the platform itself never is.
    assert!(check(&bytes, "https://academiconswap.typeform.com/to/claim").is_some());
    assert!(check(&bytes, "https://www.typeform.com/").is_none());
    let protected = report
        .dropped
        .get(&DropReason::Protected)
        .copied()
        .unwrap_or(0);
    // Popular gambling operators (about 230 of the gambling list) are the bulk of it.
    assert!(protected < 500, "{protected} entries dropped as protected");
    let (again, _) = build(&Inputs::defaults().unwrap()).unwrap();
    assert_eq!(bytes, again, "the bundled list must rebuild byte for byte");
}
