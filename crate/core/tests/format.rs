//! A data file that is damaged, foreign or from the future is refused with a typed error,
//! never a panic; a good one round-trips through the builder and the blocklist view.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use waspada_core::blocklist::{self, Blocklist, EntryKind, HOSTS_TAG, SOURCES_TAG, URLS_TAG};
use waspada_core::builder::{build, Inputs, SourceFile};
use waspada_core::format::{Envelope, EnvelopeWriter, HEADER_LEN};
use waspada_core::{Category, DataError};

const SMALL_PSL: &str =
    "// ===BEGIN ICANN DOMAINS===\ncom\nid\nco.id\nnet\n// ===END ICANN DOMAINS===\n\
// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n// ===END PRIVATE DOMAINS===\n";

fn small_inputs(text: &str) -> Inputs {
    Inputs {
        list_version: "2026.11.28".into(),
        build_date: 20261128,
        psl_text: SMALL_PSL.into(),
        sources: vec![SourceFile::new("test.txt", text.into(), Category::Phishing)],
        extra_sections: Vec::new(),
        protected: Box::new(|_| false),
        strict: false,
    }
}

fn small_file() -> Vec<u8> {
    let (bytes, report) = build(&small_inputs(
        "evil.com\nhttp://bad.net/phish/\nhttp://bad.net/login.php?x=1\n||scam.co.id^\n",
    ))
    .unwrap();
    assert_eq!(report.entries, 4, "{:#?}", report.issues);
    bytes
}

fn load(bytes: &[u8]) -> Result<usize, DataError> {
    let env = Envelope::parse(bytes)?;
    let bl = Blocklist::from_envelope(&env, bytes)?;
    Ok(bl.len())
}

fn expressions(url: &str) -> Vec<String> {
    waspada_core::url::canonicalize(url).unwrap().expressions()
}

/// Rewrites the checksum so that a deliberate change reaches the section checks.
fn fix_crc(bytes: &mut [u8]) {
    let sum = waspada_core::format::checksum(&bytes[20..]);
    bytes[16..20].copy_from_slice(&sum.to_le_bytes());
}

#[test]
fn good_file_round_trips() {
    let bytes = small_file();
    let env = Envelope::parse(&bytes).unwrap();
    assert_eq!(env.header.list_version, "2026.11.28");
    assert_eq!(env.header.count(Category::Phishing), 4);
    let bl = Blocklist::from_envelope(&env, &bytes).unwrap();
    assert_eq!((bl.len(), bl.host_count(), bl.url_count()), (4, 2, 2));

    let hit = bl
        .lookup(&expressions("https://login.evil.com/a/b?c"))
        .unwrap();
    assert_eq!(
        (hit.kind, hit.category, hit.source),
        (EntryKind::Host, Category::Phishing, "test")
    );
    assert_eq!(hit.expression, "evil.com/");
    let hit = bl
        .lookup(&expressions("http://bad.net/phish/step2/form.html"))
        .unwrap();
    assert_eq!(
        (hit.kind, hit.expression.as_str()),
        (EntryKind::Prefix, "bad.net/phish/")
    );
    let hit = bl
        .lookup(&expressions("http://bad.net/login.php?x=1"))
        .unwrap();
    assert_eq!(hit.kind, EntryKind::Url);
    assert!(bl
        .lookup(&expressions("http://bad.net/login.php?x=2"))
        .is_none());
    assert!(bl.lookup(&expressions("http://bad.net/")).is_none());
    assert!(bl.lookup(&expressions("http://notevil.com/")).is_none());
    assert!(bl
        .lookup(&expressions("http://evil.com.example.org/"))
        .is_none());
    assert!(bl.lookup(&expressions("https://www.scam.co.id/")).is_some());
}

#[test]
fn all_hits_of_a_url_are_visible() {
    let mut inputs = small_inputs("");
    inputs.sources = vec![SourceFile::new(
        "t.tsv",
        "url_or_domain\tkind\tsource\tfirst_seen\nhttp://mixed.com/casino/\tgambling\ta\t\nmixed.com\tphishing\tb\t\n".into(),
        Category::Scam,
    )];
    let (bytes, _) = build(&inputs).unwrap();
    let env = Envelope::parse(&bytes).unwrap();
    let bl = Blocklist::from_envelope(&env, &bytes).unwrap();
    let e = expressions("http://www.mixed.com/casino/slot.html");
    let cats: Vec<Category> = bl.hits(&e).map(|h| h.category).collect();
    assert_eq!(cats.len(), 2, "{cats:?}");
    assert!(cats.contains(&Category::Gambling) && cats.contains(&Category::Phishing));
    // With gambling turned off, the phishing entry still applies.
    assert!(bl.hits(&e).any(|h| h.category != Category::Gambling));
    assert_eq!(bl.hits(&expressions("http://mixed.com/casino/")).count(), 2);
    assert_eq!(bl.hits(&expressions("http://other.com/casino/")).count(), 0);
}

#[test]
fn every_truncation_is_refused() {
    let bytes = small_file();
    for n in 0..bytes.len() {
        assert!(load(&bytes[..n]).is_err(), "prefix of {n} bytes accepted");
    }
    assert!(matches!(
        load(&bytes[..10]),
        Err(DataError::Truncated { .. })
    ));
    assert!(matches!(
        load(&bytes[..bytes.len() - 1]),
        Err(DataError::Truncated { .. })
    ));
}

#[test]
fn bad_magic_is_named() {
    let mut bytes = small_file();
    bytes[0] = b'X';
    assert_eq!(load(&bytes), Err(DataError::BadMagic));
}

#[test]
fn bad_checksum_is_named() {
    let mut bytes = small_file();
    let last = bytes.len() - 20;
    bytes[last] ^= 0x55;
    assert!(matches!(load(&bytes), Err(DataError::BadChecksum { .. })));
}

#[test]
fn newer_format_version_is_named() {
    let mut bytes = small_file();
    bytes[8..10].copy_from_slice(&7u16.to_le_bytes());
    assert_eq!(
        load(&bytes),
        Err(DataError::UnsupportedVersion {
            found: 7,
            supported: 4
        })
    );
}

#[test]
fn older_format_version_is_named() {
    // A list of format 3 (no key filter in the blocklist tables) or 2 (CRC-32 checksum) is
    // named as an old format, not as a corrupt file.
    for old in [2u16, 3] {
        let mut bytes = small_file();
        bytes[8..10].copy_from_slice(&old.to_le_bytes());
        assert_eq!(
            load(&bytes),
            Err(DataError::UnsupportedVersion {
                found: old,
                supported: 4
            })
        );
    }
}

#[test]
fn foreign_files_are_refused() {
    let html =
        b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>nope</body></html>";
    assert_eq!(load(html), Err(DataError::BadMagic));
    let gzip = [
        0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c, 0x4a, 6, 0, 0xc2, 0x41, 0x24, 0x35,
        3, 0, 0, 0,
    ];
    assert_eq!(load(&gzip), Err(DataError::BadMagic));
    assert!(matches!(load(b""), Err(DataError::Truncated { .. })));
    assert_eq!(load(&[0u8; 4096]), Err(DataError::BadMagic));
    let text = "evil.com\nbad.net\n".repeat(10);
    assert_eq!(load(text.as_bytes()), Err(DataError::BadMagic));
}

#[test]
fn section_table_overruns_are_corrupt() {
    let good = small_file();
    // A section count far beyond the file.
    let mut b = good.clone();
    b[60..64].copy_from_slice(&u32::MAX.to_le_bytes());
    fix_crc(&mut b);
    assert!(matches!(load(&b), Err(DataError::Corrupt(_))));
    // A section whose offset points past the end.
    let mut b = good.clone();
    b[HEADER_LEN + 4..HEADER_LEN + 8].copy_from_slice(&(good.len() as u32 + 8).to_le_bytes());
    fix_crc(&mut b);
    assert!(matches!(load(&b), Err(DataError::Corrupt(_))));
    // A section whose length runs past the end (offset + length overflows u32 arithmetic too).
    let mut b = good.clone();
    b[HEADER_LEN + 8..HEADER_LEN + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    fix_crc(&mut b);
    assert!(matches!(load(&b), Err(DataError::Corrupt(_))));
    // A section that starts inside the header.
    let mut b = good.clone();
    b[HEADER_LEN + 4..HEADER_LEN + 8].copy_from_slice(&8u32.to_le_bytes());
    fix_crc(&mut b);
    assert!(matches!(load(&b), Err(DataError::Corrupt(_))));
}

/// An envelope with hand-made blocklist sections (valid checksum), to reach the section checks.
fn with_sections(hosts: Vec<u8>, urls: Vec<u8>, sources: Vec<u8>) -> Vec<u8> {
    let mut w = EnvelopeWriter::new("2026.11.28", 20261128);
    w.add_section(SOURCES_TAG, sources);
    w.add_section(HOSTS_TAG, hosts);
    w.add_section(URLS_TAG, urls);
    w.finish()
}

fn table(entries: &[(u64, u16)], algo: u32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(&algo.to_le_bytes());
    for (h, _) in entries {
        out.extend_from_slice(&h.to_le_bytes());
    }
    for (_, m) in entries {
        out.extend_from_slice(&m.to_le_bytes());
    }
    out.extend(waspada_core::format::encode_filter(
        entries.iter().map(|(h, _)| *h),
    ));
    out
}

fn one_source() -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(&1u32.to_le_bytes());
    s.extend_from_slice(&4u32.to_le_bytes());
    s.extend_from_slice(b"test");
    s
}

#[test]
fn hand_made_sections_load() {
    let h = blocklist::expression_hash("evil.com/");
    let bytes = with_sections(table(&[(h, 2)], 1), table(&[], 1), one_source());
    let env = Envelope::parse(&bytes).unwrap();
    let bl = Blocklist::from_envelope(&env, &bytes).unwrap();
    let hit = bl.lookup(&["evil.com/"]).unwrap();
    assert_eq!((hit.category, hit.source), (Category::Malware, "test"));
}

#[test]
fn corrupt_blocklist_sections_are_refused() {
    let h1 = blocklist::expression_hash("a.com/");
    let h2 = blocklist::expression_hash("b.com/");
    let (lo, hi) = (h1.min(h2), h1.max(h2));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "unsorted hashes",
            with_sections(table(&[(hi, 0), (lo, 0)], 1), table(&[], 1), one_source()),
        ),
        (
            "duplicate hashes",
            with_sections(table(&[(lo, 0), (lo, 0)], 1), table(&[], 1), one_source()),
        ),
        (
            "unknown category",
            with_sections(table(&[(lo, 7)], 1), table(&[], 1), one_source()),
        ),
        (
            "unknown source set",
            with_sections(table(&[(lo, 1 << 3)], 1), table(&[], 1), one_source()),
        ),
        (
            "unknown hash algorithm",
            with_sections(table(&[(lo, 0)], 2), table(&[], 1), one_source()),
        ),
        ("count larger than the section", {
            let mut t = table(&[(lo, 0)], 1);
            t[0..4].copy_from_slice(&1_000_000u32.to_le_bytes());
            with_sections(t, table(&[], 1), one_source())
        }),
        ("count overflowing", {
            let mut t = table(&[(lo, 0)], 1);
            t[0..4].copy_from_slice(&u32::MAX.to_le_bytes());
            with_sections(t, table(&[], 1), one_source())
        }),
        ("key filter missing (a format 3 table)", {
            let mut t = table(&[(lo, 0)], 1);
            t.truncate(8 + 10);
            with_sections(t, table(&[], 1), one_source())
        }),
        ("key filter shorter than it says", {
            let mut t = table(&[(lo, 0)], 1);
            t.pop();
            with_sections(t, table(&[], 1), one_source())
        }),
        (
            "short table header",
            with_sections(vec![1, 0], table(&[], 1), one_source()),
        ),
        ("source offsets past the text", {
            let mut s = one_source();
            s[4..8].copy_from_slice(&99u32.to_le_bytes());
            with_sections(table(&[], 1), table(&[], 1), s)
        }),
        ("source names not UTF-8", {
            let mut s = one_source();
            s[8] = 0xff;
            with_sections(table(&[], 1), table(&[], 1), s)
        }),
        ("too many source sets", {
            let mut s = one_source();
            s[0..4].copy_from_slice(&u32::MAX.to_le_bytes());
            with_sections(table(&[], 1), table(&[], 1), s)
        }),
    ];
    for (what, bytes) in cases {
        match load(&bytes) {
            Err(DataError::Corrupt(msg)) => assert!(!msg.is_empty(), "{what}"),
            other => panic!("{what}: {other:?}"),
        }
    }
}

/// `n` source sets named `s0`, `s1`, … (a BSRC section).
fn sources(n: u32) -> Vec<u8> {
    let names: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    let mut s = Vec::new();
    s.extend_from_slice(&n.to_le_bytes());
    let mut end = 0u32;
    for name in &names {
        end += name.len() as u32;
        s.extend_from_slice(&end.to_le_bytes());
    }
    for name in &names {
        s.extend_from_slice(name.as_bytes());
    }
    s
}

#[test]
fn every_entry_of_a_long_table_is_checked() {
    // Tables long enough for the four-entries-at-a-time pass, with the bad entry at every
    // position (in a full word and in the remainder): each refused, naming that entry.
    let sets = 3u32;
    for len in [4usize, 5, 8, 11] {
        let mut hashes: Vec<u64> = (0..len)
            .map(|i| blocklist::expression_hash(&format!("h{i}.com/")))
            .collect();
        hashes.sort_unstable();
        // The highest valid values pass: category 4 (gambling), source set 2 of 3.
        let good: Vec<(u64, u16)> = hashes.iter().map(|&h| (h, (2 << 3) | 4)).collect();
        let bytes = with_sections(table(&good, 1), table(&[], 1), sources(sets));
        assert_eq!(load(&bytes), Ok(len), "len {len}");
        for at in 0..len {
            for (what, meta) in [
                ("category 5", 5u16),
                ("category 7", 7),
                ("source set 3 of 3", 3 << 3),
            ] {
                let mut bad = good.clone();
                bad[at].1 = meta;
                let bytes = with_sections(table(&bad, 1), table(&[], 1), sources(sets));
                match load(&bytes) {
                    Err(DataError::Corrupt(msg)) => {
                        assert!(
                            msg.contains(&format!("entry {at} ")),
                            "{what} at {at}: {msg}"
                        )
                    }
                    other => panic!("{what} at {at} of {len}: {other:?}"),
                }
            }
            if at > 0 {
                let mut swapped = good.clone();
                swapped.swap(at - 1, at);
                let bytes = with_sections(table(&swapped, 1), table(&[], 1), sources(sets));
                match load(&bytes) {
                    Err(DataError::Corrupt(msg)) => {
                        assert!(
                            msg.contains(&format!("at entry {at}")),
                            "swap at {at}: {msg}"
                        )
                    }
                    other => panic!("swap at {at} of {len}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn the_key_filter_turns_away_no_listed_entry() {
    let listed: Vec<String> = (0..20_000).map(|i| format!("listed-{i}.com/")).collect();
    let mut entries: Vec<(u64, u16)> = listed
        .iter()
        .map(|e| (blocklist::expression_hash(e), 0))
        .collect();
    entries.sort_unstable();
    let bytes = with_sections(table(&entries, 1), table(&[], 1), one_source());
    let env = Envelope::parse(&bytes).unwrap();
    let bl = Blocklist::from_envelope(&env, &bytes).unwrap();
    assert!(listed.iter().all(|e| bl.lookup_one(e).is_some()));
    let others = (0..20_000)
        .filter(|i| bl.lookup_one(&format!("other-{i}.com/")).is_some())
        .count();
    assert_eq!(others, 0, "an unlisted expression is never a hit");
}

#[test]
fn missing_sections_are_named() {
    let mut w = EnvelopeWriter::new("2026.11.28", 20261128);
    w.add_section(SOURCES_TAG, one_source());
    w.add_section(HOSTS_TAG, table(&[], 1));
    let bytes = w.finish();
    assert!(matches!(load(&bytes), Err(DataError::MissingSection(_))));
    let bytes = EnvelopeWriter::new("2026.11.28", 20261128).finish();
    assert!(matches!(load(&bytes), Err(DataError::MissingSection(_))));
}

#[test]
fn random_damage_never_panics() {
    // Deterministic xorshift: flip bytes inside the sections (checksum fixed, so the section
    // parsers see the damage) and check that load and look-up never panic.
    let good = small_file();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let mut b = good.clone();
        for _ in 0..(next() % 4 + 1) {
            let at = HEADER_LEN + (next() as usize % (b.len() - HEADER_LEN));
            b[at] = next() as u8;
        }
        fix_crc(&mut b);
        if let Ok(env) = Envelope::parse(&b) {
            if let Ok(bl) = Blocklist::from_envelope(&env, &b) {
                let _ = bl.lookup(&expressions("http://a.evil.com/phish/x.html?y"));
            }
        }
    }
}
