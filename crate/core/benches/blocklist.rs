//! List load time and bytes per entry (bundled list and a synthetic 1,000,000-entry list), and
//! blocklist look-up time. Results: `benches/RESULTS.md`.
//!
//! `cargo bench -p waspada-core --bench blocklist -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use waspada_core::blocklist::Blocklist;
use waspada_core::builder::blocklist::{self, EncodeEntry};
use waspada_core::builder::{build, Inputs};
use waspada_core::engine::{Engine, Settings};
use waspada_core::format::{Envelope, EnvelopeWriter};
use waspada_core::Category;

/// A data file with PSL and blocklist sections of `n` synthetic entries: 90% hosts, 10% paths.
fn synthetic(n: usize) -> Vec<u8> {
    let psl = waspada_core::builder::psl::section(waspada_core::builder::BUNDLED_PSL).unwrap();
    let sources: Vec<String> = (0..16).map(|i| format!("source-{i}")).collect();
    let entries: Vec<EncodeEntry> = (0..n)
        .map(|i| EncodeEntry {
            expression: if i % 10 == 9 {
                format!("host{i}.example.net/phish/{i}/")
            } else {
                format!("scam-{i}.example{}.com/", i % 97)
            },
            category: Category::ALL[i % 5],
            source_set: i % 16,
        })
        .collect();
    let mut w = EnvelopeWriter::new("2026.11.28", 20261128);
    w.add_section(waspada_core::domain::PSL_TAG, psl);
    for (tag, body) in blocklist::encode(&entries, &sources).unwrap() {
        w.add_section(tag, body);
    }
    w.finish()
}

fn blocklist_bytes(env: &Envelope) -> usize {
    env.tags()
        .filter(|(t, _)| matches!(t, b"BHST" | b"BURL" | b"BSRC"))
        .map(|(_, len)| len)
        .sum()
}

fn load(c: &mut Criterion) {
    let (bundled, _) = build(&Inputs::defaults().unwrap()).unwrap();
    let big = synthetic(1_000_000);
    for (name, bytes) in [("bundled", &bundled), ("synthetic_1m", &big)] {
        let env = Envelope::parse(bytes).unwrap();
        let bl = Blocklist::from_envelope(&env, bytes).unwrap();
        println!(
            "{name}: {} entries, file {} bytes, blocklist sections {} bytes = {:.2} bytes/entry",
            bl.len(),
            bytes.len(),
            blocklist_bytes(&env),
            blocklist_bytes(&env) as f64 / bl.len() as f64
        );
    }
    let mut g = c.benchmark_group("load");
    g.bench_function("blocklist_bundled", |b| {
        b.iter(|| {
            let env = Envelope::parse(black_box(&bundled)).unwrap();
            Blocklist::from_envelope(&env, &bundled).unwrap().len()
        })
    });
    g.bench_function("blocklist_synthetic_1m", |b| {
        b.iter(|| {
            let env = Envelope::parse(black_box(&big)).unwrap();
            Blocklist::from_envelope(&env, &big).unwrap().len()
        })
    });
    // The whole engine over the bundled data file, as the CLI and the extension start it (the
    // copy of the bytes into the engine is part of the measured time).
    g.bench_function("engine_new_bundled", |b| {
        b.iter(|| Engine::new(black_box(bundled.clone()), Settings::default()).unwrap())
    });
    g.finish();
}

fn lookup(c: &mut Criterion) {
    let big = synthetic(1_000_000);
    let env = Envelope::parse(&big).unwrap();
    let bl = Blocklist::from_envelope(&env, &big).unwrap();
    let listed = format!("http://scam-123456.example{}.com/", 123456 % 97);
    let urls: Vec<Vec<String>> = [
        listed.as_str(),
        "https://a.b.c.host999999.example.net/phish/999999/x.html?y=1",
        "https://www.example.org/some/deep/path/page.html?q=1",
        "http://not-listed.example.com/",
    ]
    .iter()
    .map(|u| waspada_core::url::canonicalize(u).unwrap().expressions())
    .collect();
    assert!(bl.lookup(&urls[0]).is_some() && bl.lookup(&urls[1]).is_some());
    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(urls.len() as u64));
    g.bench_function("synthetic_1m_4_urls", |b| {
        b.iter(|| {
            urls.iter()
                .filter(|e| bl.lookup(black_box(e)).is_some())
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, load, lookup);
criterion_main!(benches);
