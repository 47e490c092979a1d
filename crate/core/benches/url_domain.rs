//! Time per URL canonicalization, lookup-expression generation, PSL section load and
//! registrable-domain lookup, over the first column of `shared/data/dev/positives_dev.tsv`
//! (every 10th line; a small built-in sample when the directory is absent).
//!
//! `cargo bench -p waspada-core --bench url_domain -- --warm-up-time 1 --measurement-time 5`
//! (`WASPADA_DEV_DIR` overrides the corpus directory.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use waspada_core::builder::psl::section as psl_section;
use waspada_core::domain::{to_unicode, Psl};
use waspada_core::url::canonicalize;

const PSL_TEXT: &str = waspada_core::builder::BUNDLED_PSL;

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

fn corpus() -> Vec<String> {
    let path = dev_dir().join("positives_dev.tsv");
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .lines()
            .skip(1)
            .step_by(10)
            .filter_map(|l| l.split('\t').next())
            .map(str::to_string)
            .collect(),
        Err(_) => {
            eprintln!("{} absent: built-in sample", path.display());
            [
                "klikbca-login.com",
                "https://bca.co.id@evil.top/login",
                "http://login.mybank.github.io/verify/index.php?id=1",
                "https://www.xn--pypal-4ve.com/signin",
                "http://195.127.0.11/uploads/%20%20/.verify/",
                "https://shop.example.co.uk/a/b/c/d/e.html?x=1#frag",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        }
    }
}

fn benches(c: &mut Criterion) {
    let inputs = corpus();
    let canon: Vec<_> = inputs.iter().filter_map(|u| canonicalize(u).ok()).collect();
    let hosts: Vec<&str> = canon.iter().map(|c| c.host.as_str()).collect();
    let section = psl_section(PSL_TEXT).unwrap();
    let psl = Psl::new(&section).unwrap();

    let mut g = c.benchmark_group("url");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("canonicalize", |b| {
        b.iter(|| {
            for u in &inputs {
                let _ = black_box(canonicalize(black_box(u)));
            }
        })
    });
    g.throughput(Throughput::Elements(canon.len() as u64));
    g.bench_function("expressions", |b| {
        b.iter(|| {
            for c in &canon {
                black_box(c.expressions());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("domain");
    g.bench_function("psl_load", |b| {
        b.iter(|| Psl::new(black_box(&section)).unwrap().len())
    });
    g.throughput(Throughput::Elements(hosts.len() as u64));
    g.bench_function("registrable_domain", |b| {
        b.iter(|| {
            for h in &hosts {
                black_box(psl.registrable_domain(black_box(h)));
            }
        })
    });
    g.bench_function("to_unicode", |b| {
        b.iter(|| {
            for h in &hosts {
                black_box(to_unicode(black_box(h)));
            }
        })
    });
    g.finish();
}

criterion_group!(url_domain, benches);
criterion_main!(url_domain);
