//! The fuzz harness, shared by the `cargo fuzz` targets (`crate/core/fuzz/fuzz_targets/`, which
//! include this file with `#[path]`) and by the stable replay test (`tests/fuzz_replay.rs`), so a
//! committed corpus or crash file is replayed through exactly what the fuzzer ran. Each function
//! panics only when the core misbehaves: a panic in the core itself, or a result that breaks an
//! invariant a user would notice (a score over 100, an `invalid` verdict without its reason, a
//! built list that does not block what it reports, ...).

#![allow(dead_code, clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;
use waspada_core::blocklist::Blocklist;
use waspada_core::builder::{build, DropReason, Inputs, SourceFile, BUNDLED_PSL};
use waspada_core::format::Envelope;
use waspada_core::{Category, Engine, Level, PageFacts, Settings, Verdict};

/// The bundled data file (what `waspada` and the extension ship).
pub fn bundled_file() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let inputs = Inputs::defaults().expect("bundled inputs");
        build(&inputs).expect("bundled build").0
    })
}

/// An engine over the bundled data file, with default settings.
pub fn bundled_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(bundled_file().to_vec(), Settings::default()).expect("load"))
}

/// A small but complete valid data file (every scoring section, a handful of blocklist entries
/// of each kind): the base that `load_input` mutates. Small, so a mutation and its re-sealing
/// are cheap.
pub fn small_file() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let mut inputs = Inputs::without_sources().expect("inputs");
        inputs.sources = vec![
            SourceFile::new(
                "lists/seed.tsv",
                "url_or_domain\tkind\tsource\tfirst_seen\n\
                 klikbca-verifikasi-login.com\tphishing\tseed\t2025-01-01\n\
                 http://judi-slot.net/daftar/\tgambling\tseed\t\n\
                 https://evil.example.org/pay.php?id=7\tscam\tseed\t\n\
                 wallet-drain.io\tcrypto\tseed\t\n\
                 dana-kaget.weebly.com\tphishing\tseed\t\n"
                    .to_string(),
                Category::Phishing,
            ),
            SourceFile::new(
                "lists/hosts",
                "0.0.0.0 malware-a.com malware-b.net\n".to_string(),
                Category::Malware,
            ),
        ];
        build(&inputs).expect("small build").0
    })
}

/// Inputs every loaded engine is asked about after a load: a list hit, a lookalike, a pattern,
/// a path-prefix entry, non-web schemes, and junk.
const PROBES: &[&str] = &[
    "https://klikbca-verifikasi-login.com/",
    "http://judi-slot.net/daftar/x",
    "https://evil.example.org/pay.php?id=7",
    "klikbca.com",
    "https://www.klikbca.com/login",
    "https://bca-co-id.login-verify.xyz/",
    "https://xn--klkbca-xva.com/",
    "https://dana-kaget.weebly.com/",
    "http://192.168.0.1/",
    "data:text/html,<script>",
    "javascript:alert(1)",
    "%%%",
    "",
];

/// What every verdict must satisfy, whatever the input and whatever data file produced it.
pub fn assert_sane(input: &str, v: &Verdict) {
    let clip: String = input.chars().take(120).collect();
    assert_eq!(v.input, input, "verdict input for {clip:?}");
    assert!(v.score <= 100, "score {} for {clip:?}", v.score);
    if v.verdict == Level::Invalid {
        assert!(
            v.reasons.iter().any(|r| r.code == "url.invalid"),
            "invalid without url.invalid for {clip:?}: {v:?}"
        );
    }
    if let Some(h) = &v.host {
        assert!(h.is_ascii(), "non-ASCII host {h:?} for {clip:?}");
        assert_eq!(*h, h.to_ascii_lowercase(), "host case for {clip:?}");
    }
    if let (Some(h), Some(r)) = (&v.host, &v.registrable_domain) {
        assert!(
            h == r || h.ends_with(&format!(".{r}")),
            "registrable domain {r:?} is not a suffix of host {h:?} for {clip:?}"
        );
    }
    // The wasm layer and the CLI serialise every verdict.
    serde_json::to_string(v).expect("verdict serialises");
}

/// Fuzz target `check_url`: `Engine::check` and `Engine::check_page` on arbitrary input, with the
/// bundled data file. Byte 0 picks the page facts; the rest, read as UTF-8 (lossily), is the
/// URL, then after the first NUL the page's text.
pub fn check_input(data: &[u8]) {
    let engine = bundled_engine();
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);
    let (url, page_text) = text.split_once('\0').unwrap_or((&text, ""));
    let v = engine.check(url);
    assert_sane(url, &v);
    // Deterministic.
    assert_eq!(
        engine.check(url),
        v,
        "check is not deterministic for {url:?}"
    );
    // Nothing seen on the page changes nothing.
    assert_eq!(
        engine.check_page(url, &PageFacts::default()),
        v,
        "check_page with no facts differs from check for {url:?}"
    );
    let facts = PageFacts {
        password_field: flags & 1 != 0,
        code_field: flags & 2 != 0,
        card_field: flags & 4 != 0,
        text: page_text.to_string(),
    };
    let p = engine.check_page(url, &facts);
    assert_sane(url, &p);
    // Page facts only ever add evidence; they never make a page safer, and never touch a
    // verdict outside the probe's scope.
    if engine.page_check_applies(&v) {
        assert!(
            p.verdict >= v.verdict && p.verdict != Level::Invalid,
            "page facts lowered {url:?}: {:?} -> {:?}",
            v.verdict,
            p.verdict
        );
    } else {
        assert_eq!(
            p, v,
            "page facts changed an out-of-scope verdict for {url:?}"
        );
    }
}

/// Loads `bytes`; a file that loads is then asked about [`PROBES`], which must not panic and
/// must give sane verdicts. A file that does not load gives a typed error with a message.
fn load_and_probe(bytes: Vec<u8>) {
    match Engine::new(bytes, Settings::default()) {
        Ok(engine) => {
            for p in PROBES {
                let v = engine.check(p);
                assert_sane(p, &v);
                let facts = PageFacts {
                    password_field: true,
                    text: "Internet Banking KlikBCA login".into(),
                    ..PageFacts::default()
                };
                assert_sane(p, &engine.check_page(p, &facts));
            }
            let _ = engine.registrable_domain("a.b.example.co.id");
        }
        Err(e) => assert!(!e.to_string().is_empty(), "empty error message"),
    }
}

/// Rewrites the checksum so a mutated file gets past it (mutations would otherwise all stop at
/// `BadChecksum` and never reach the section readers).
fn reseal(bytes: &mut [u8]) {
    let total = bytes
        .get(12..16)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .unwrap_or(0);
    if total >= 64 && total <= bytes.len() {
        let sum = waspada_core::format::checksum(&bytes[20..total]);
        bytes[16..20].copy_from_slice(&sum.to_le_bytes());
    }
}

/// Fuzz target `load_data`: byte 0 picks the mode (mod 3), the rest drives it.
/// - 0: the rest is the file, as is.
/// - 1: byte edits of the small valid file, 5 bytes each (offset u32 LE, modulo the length;
///   value), then re-sealed.
/// - 2: edits inside one section of the small valid file, 10 bytes each (section index; op:
///   set a byte or a u32 LE; offset u32 LE, modulo the section length; value u32 LE), then
///   re-sealed.
pub fn load_input(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        load_and_probe(Vec::new());
        return;
    };
    match mode % 3 {
        0 => load_and_probe(rest.to_vec()),
        1 => {
            let mut bytes = small_file().to_vec();
            for e in rest.chunks_exact(5) {
                let off = u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize % bytes.len();
                bytes[off] = e[4];
            }
            reseal(&mut bytes);
            load_and_probe(bytes);
        }
        _ => {
            let base = small_file();
            let env = Envelope::parse(base).expect("small file parses");
            let ranges: Vec<_> = env
                .tags()
                .filter_map(|(t, _)| env.section(t))
                .filter(|r| !r.is_empty())
                .collect();
            let mut bytes = base.to_vec();
            for e in rest.chunks_exact(10) {
                let r = &ranges[e[0] as usize % ranges.len()];
                let off = r.start + u32::from_le_bytes([e[2], e[3], e[4], e[5]]) as usize % r.len();
                let val = [e[6], e[7], e[8], e[9]];
                if e[1] % 2 == 0 || off + 4 > r.end {
                    bytes[off] = val[0];
                } else {
                    bytes[off..off + 4].copy_from_slice(&val);
                }
            }
            reseal(&mut bytes);
            load_and_probe(bytes);
        }
    }
}

/// A Public Suffix List cut to a few TLDs (with their wildcards, exceptions and private
/// platforms): building with it is fast, so the fuzzer spends its time in the line parsers.
fn small_psl() -> &'static str {
    static PSL: OnceLock<String> = OnceLock::new();
    PSL.get_or_init(|| {
        const TLDS: &[&str] = &[
            "com", "net", "org", "id", "io", "app", "dev", "uk", "ck", "jp", "xyz",
        ];
        BUNDLED_PSL
            .lines()
            .filter(|l| {
                l.contains("PRIVATE DOMAINS")
                    || (!l.starts_with("//")
                        && !l.trim().is_empty()
                        && TLDS.contains(&l.trim().rsplit('.').next().unwrap_or("")))
            })
            .map(|l| format!("{l}\n"))
            .collect()
    })
}

/// Fuzz target `build_list`: the builder on arbitrary source text. Byte 0: bit 0 strict, bits
/// 1-3 the default category; the rest, read as UTF-8 (lossily), is split at NULs into up to four
/// files (`a.tsv`, `hosts`, `b.txt`, `filters.txt`). A build either fails with a typed error or
/// gives a file that loads, blocks every host it reports, and is the same when built again.
pub fn build_input(data: &[u8]) {
    const NAMES: &[&str] = &[
        "lists/a.tsv",
        "lists/hosts",
        "lists/b.txt",
        "lists/filters.txt",
    ];
    const CATS: &[Category] = &[
        Category::Phishing,
        Category::Scam,
        Category::Malware,
        Category::Crypto,
        Category::Gambling,
    ];
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);
    let category = CATS[(flags as usize >> 1) % CATS.len()];
    let inputs = Inputs {
        list_version: "2026.12.02".into(),
        build_date: 20261202,
        psl_text: small_psl().to_string(),
        sources: text
            .splitn(NAMES.len(), '\0')
            .zip(NAMES)
            .map(|(t, n)| SourceFile::new(n, t.to_string(), category))
            .collect(),
        extra_sections: Vec::new(),
        protected: Box::new(|h: &str| h == "bca.co.id" || h.ends_with(".bca.co.id")),
        strict: flags & 1 != 0,
    };
    let (bytes, report) = match build(&inputs) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty build error");
            return;
        }
    };
    if inputs.strict {
        // Strict refuses unreadable lines (invalid, unsupported syntax); policy drops
        // (duplicates, protected and public-suffix entries, hash collisions) are reported and
        // the build goes on.
        let unreadable: Vec<_> = report
            .issues
            .iter()
            .filter(|i| matches!(i.reason, DropReason::Invalid | DropReason::Unsupported))
            .collect();
        assert!(
            unreadable.is_empty(),
            "strict build dropped unreadable lines: {unreadable:?}"
        );
    }
    assert_eq!(report.bytes, bytes.len());
    let env = Envelope::parse(&bytes).expect("a built file parses");
    let list = Blocklist::from_envelope(&env, &bytes).expect("a built blocklist loads");
    for (host, cat) in &report.hosts {
        let hit = list
            .lookup_one(&format!("{host}/"))
            .unwrap_or_else(|| panic!("reported host {host:?} is not in the built list"));
        assert_eq!(hit.category, *cat, "category of {host:?}");
    }
    let (again, _) = build(&inputs).expect("the same inputs build again");
    assert!(again == bytes, "the build is not reproducible");
}
