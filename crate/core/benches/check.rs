//! Time per `Engine::check` over a real corpus: the first column of
//! `shared/data/dev/positives_dev.tsv` and the domains of `negatives_top100k_2024.tsv` (skipped
//! with a message when the directory is absent), with the bundled list on and off.
//! Results: `benches/RESULTS.md`.
//!
//! `cargo bench -p waspada-core --bench check -- --warm-up-time 1 --measurement-time 5`
//! (`WASPADA_DEV_DIR` overrides the corpus directory.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use waspada_core::builder::{build, Inputs};
use waspada_core::engine::{Engine, Settings};
use waspada_core::PageFacts;

fn dev_dir() -> PathBuf {
    std::env::var_os("WASPADA_DEV_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/dev"
            ))
        })
}

/// Column `col` (0-based) of every data line of a TSV, every `step`-th line.
fn column(file: &str, col: usize, step: usize) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dev_dir().join(file)).ok()?;
    Some(
        text.lines()
            .skip(1)
            .step_by(step)
            .filter_map(|l| l.split('\t').nth(col))
            .map(str::to_string)
            .collect(),
    )
}

fn check(c: &mut Criterion) {
    let (Some(positives), Some(negatives)) = (
        column("positives_dev.tsv", 0, 16),
        column("negatives_top100k_2024.tsv", 1, 10),
    ) else {
        eprintln!("check bench skipped: no corpus in {}", dev_dir().display());
        return;
    };
    let (bytes, _) = build(&Inputs::defaults().unwrap()).unwrap();
    let on = Engine::new(bytes.clone(), Settings::default()).unwrap();
    let off = Engine::new(
        bytes,
        Settings {
            use_blocklist: false,
            ..Settings::default()
        },
    )
    .unwrap();
    let mut g = c.benchmark_group("check");
    for (name, corpus) in [("positives_dev", &positives), ("top100k", &negatives)] {
        g.throughput(Throughput::Elements(corpus.len() as u64));
        g.bench_function(format!("{name}_{}_urls", corpus.len()), |b| {
            b.iter(|| {
                corpus
                    .iter()
                    .map(|u| on.check(black_box(u)).score as u64)
                    .sum::<u64>()
            })
        });
        g.bench_function(format!("{name}_{}_urls_no_blocklist", corpus.len()), |b| {
            b.iter(|| {
                corpus
                    .iter()
                    .map(|u| off.check(black_box(u)).score as u64)
                    .sum::<u64>()
            })
        });
    }
    g.finish();
}

/// `Engine::check_page` on a suspicious address with a full 4 KiB of page words (the most the
/// extension sends), brand near the end and not at all: the page probe's cost per page.
fn check_page(c: &mut Criterion) {
    let (bytes, _) = build(&Inputs::defaults().unwrap()).unwrap();
    let engine = Engine::new(bytes, Settings::default()).unwrap();
    let filler = "Selamat datang silakan masuk untuk melanjutkan layanan kami ".repeat(80);
    let url = "https://akun-7731.weebly.com/signin";
    let mut g = c.benchmark_group("check_page");
    for (name, tail) in [("brand_at_end", " KlikBCA"), ("no_brand", " Masuk")] {
        let mut text = filler.clone();
        text.truncate(4096 - tail.len());
        text.push_str(tail);
        let facts = PageFacts {
            password_field: true,
            text,
            ..PageFacts::default()
        };
        g.bench_function(format!("4k_text_{name}"), |b| {
            b.iter(|| engine.check_page(black_box(url), black_box(&facts)).score)
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = check, check_page
}
criterion_main!(benches);
