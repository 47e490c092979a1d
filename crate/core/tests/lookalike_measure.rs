//! Lookalike measurements on the dev sets, and the bundled popular list against the held-out
//! split. `measure_dev_sets` (ignored; run with `--ignored --nocapture`) prints recall on
//! the dnstwist dev set by fuzzer and false positives on the held-out top-100k part, scored by
//! the whole engine (no blocklist) like `waspada eval`; `measure_uncurated_brands` (ignored) the
//! same recall with the 22 dev brands' curated rows removed from `targets.tsv` (leave-brands-out:
//! how detection generalizes to brands nobody curated). Both:
//! `cargo test -p waspada-core --release --test lookalike_measure -- --ignored --nocapture --test-threads=1 measure_`

#[path = "common/lookalike.rs"]
mod common;

use common::{checker, data, read_dev, Checker};
use waspada_core::builder::{build, Inputs};
use waspada_core::domain::{Psl, PSL_TAG};
use waspada_core::format::Envelope;
use waspada_core::lookalike::Lookalike;
use waspada_core::targets;

#[test]
#[ignore]
fn measure_dev_sets() {
    measure(&checker(), &data().0, true);
}

/// Leave-brands-out: the 22 dnstwist dev brands with their curated rows removed from
/// `targets.tsv` (so each is at most a popular site, or unknown), to measure how detection
/// generalizes to brands the project never curated. Run with
/// `cargo test -p waspada-core --release --test lookalike_measure -- --ignored --nocapture measure_uncurated`.
#[test]
#[ignore]
fn measure_uncurated_brands() {
    let Some(text) = read_dev("lookalikes_dnstwist_dev.tsv") else {
        return;
    };
    let brands: std::collections::BTreeSet<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    let full = include_str!("../data/targets.tsv");
    let kept: String = full
        .lines()
        .filter(|l| {
            l.starts_with('#')
                || !l
                    .split('\t')
                    .nth(1)
                    .is_some_and(|d| d.split(',').any(|d| brands.contains(d.trim())))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    println!(
        "curated rows removed: {}",
        full.lines().count() - kept.lines().count()
    );
    let ours = waspada_core::builder::targets::sections(
        &kept,
        &[
            waspada_core::builder::bundled_popular(),
            waspada_core::builder::BUNDLED_MOZ500,
        ],
        waspada_core::builder::BUNDLED_PSL,
    )
    .expect("sections");
    let mut inputs = Inputs::without_sources().expect("bundled inputs");
    inputs
        .extra_sections
        .retain(|(tag, _)| !ours.iter().any(|(t, _)| t == tag));
    inputs.extra_sections.extend(ours);
    let (bytes, _) = build(&inputs).expect("build");
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let env: &'static Envelope = Box::leak(Box::new(Envelope::parse(bytes).expect("envelope")));
    let psl = Psl::new(&bytes[env.section(PSL_TAG).expect("psl")]).expect("psl view");
    let c = Checker {
        lk: Lookalike::from_envelope(env, bytes).expect("lookalike sections"),
        psl,
    };
    measure(&c, bytes, false);
}

/// Recall on the dnstwist dev set by fuzzer and (with `negatives`) held-out FP, scored by the
/// whole engine over `bytes` (lookalike plus rules, no blocklist) as `waspada eval` does.
fn measure(c: &Checker, bytes: &[u8], negatives: bool) {
    use std::collections::BTreeMap;
    let engine =
        waspada_core::engine::Engine::new(bytes.to_vec(), Default::default()).expect("engine");
    let points = |input: &str| engine.check(input).score;
    if let Some(text) = read_dev("lookalikes_dnstwist_dev.tsv") {
        let mut by: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
        let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut missed_brand: BTreeMap<String, u32> = BTreeMap::new();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(puny), Some(fuzzer), neg) = (cols.get(3), cols.get(4), cols.get(5)) else {
                continue;
            };
            if neg.is_some_and(|n| !n.is_empty()) {
                continue;
            }
            let p = points(puny);
            let fuzzer = if *fuzzer == "homoglyph" {
                if puny.contains("xn--") {
                    "homoglyph(unicode)"
                } else {
                    "homoglyph(ascii)"
                }
            } else {
                fuzzer
            };
            for k in [fuzzer.to_string(), "ALL".to_string()] {
                let e = by.entry(k).or_default();
                e.0 += 1;
                e.1 += u32::from(p >= 40);
                e.2 += u32::from(p >= 70);
            }
            if p < 40 {
                *missed_brand
                    .entry(format!("{fuzzer} {}", cols.first().unwrap_or(&"")))
                    .or_insert(0u32) += 1;
                let m = misses.entry(fuzzer.to_string()).or_default();
                if m.len() < 12 {
                    m.push(format!(
                        "{} ({})",
                        cols.get(2).unwrap_or(&""),
                        cols.first().unwrap_or(&"")
                    ));
                }
            }
        }
        println!("| fuzzer | n | >=suspicious | >=dangerous |");
        for (k, (n, s, d)) in &by {
            println!(
                "| {k} | {n} | {:.1}% | {:.1}% |",
                100.0 * *s as f64 / *n as f64,
                100.0 * *d as f64 / *n as f64
            );
        }
        for (k, m) in &misses {
            println!("misses {k}: {m:?}");
        }
        println!("misses by fuzzer and brand: {missed_brand:?}");
    }
    if !negatives {
        return;
    }
    if let Some(text) = read_dev("negatives_top100k_2024.tsv") {
        let (mut n, mut s, mut d) = (0, 0, 0);
        let mut fps = Vec::new();
        for line in text.lines().skip(1) {
            let Some(domain) = line.split('\t').nth(1) else {
                continue;
            };
            if !c.lk.targets.is_held_out_negative(domain) {
                continue;
            }
            n += 1;
            let f = c.check(domain);
            let p = points(domain);
            if p >= 40 {
                s += 1;
                fps.push(format!(
                    "{domain} {p} {:?} {:?}",
                    f.reasons.first().map(|r| &r.code),
                    f.suggestion
                ));
            }
            if p >= 70 {
                d += 1;
            }
        }
        println!(
            "held-out top100k: n={n} >=suspicious {s} ({:.3}%) >=dangerous {d} ({:.3}%)",
            100.0 * s as f64 / n as f64,
            100.0 * d as f64 / n as f64
        );
        for f in fps.iter().take(80) {
            println!("  FP {f}");
        }
    }
    let _ = targets::HOLDOUT_PERCENT;
}

/// The bundled popular list is exactly the part of the top-100k that `targets::is_held_out`
/// keeps in (curated brand families always in): the evaluator's split matches the product.
#[test]
fn bundled_popular_sites_are_not_in_the_held_out_part() {
    let text = waspada_core::builder::bundled_popular();
    let targets_text = include_str!("../data/targets.tsv");
    let curated: std::collections::HashSet<&str> = targets_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("brand\t"))
        .filter_map(|l| l.split('\t').nth(1))
        .flat_map(|d| d.split(','))
        .map(targets::holdout_key)
        .collect();
    let mut n = 0;
    for d in text
        .lines()
        .filter(|l| !l.starts_with('#') && *l != "domain")
    {
        n += 1;
        assert!(
            !targets::is_held_out(d) || curated.contains(targets::holdout_key(d)),
            "{d} is bundled but belongs to the held-out part"
        );
    }
    assert!(n > 80_000, "only {n} popular sites bundled");
    let c = checker();
    assert!(!c.lk.targets.is_held_out_negative("google.com"));
    assert!(c
        .lk
        .targets
        .is_popular("www.wikipedia.org", Some("wikipedia.org")));
}
