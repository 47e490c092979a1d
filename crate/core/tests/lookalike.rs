//! Lookalike detection on named cases a user would notice, built from the bundled data (no
//! blocklist). `measure_dev_sets` (ignored; run with `--ignored --nocapture`) prints recall on
//! the dnstwist dev set by fuzzer and false positives on the held-out top-100k part, scored by
//! the whole engine (no blocklist) like `waspada eval`; `measure_uncurated_brands` (ignored) the
//! same recall with the 22 dev brands' curated rows removed from `targets.tsv` (leave-brands-out:
//! how detection generalizes to brands nobody curated). Both:
//! `cargo test -p waspada-core --release --test lookalike -- --ignored --nocapture --test-threads=1 measure_`

use std::sync::OnceLock;
use waspada_core::builder::{build, Inputs};
use waspada_core::domain::{Psl, PSL_TAG};
use waspada_core::format::Envelope;
use waspada_core::lookalike::{Finding, HostView, Lookalike};
use waspada_core::targets;

fn data() -> &'static (Vec<u8>, Envelope) {
    static DATA: OnceLock<(Vec<u8>, Envelope)> = OnceLock::new();
    DATA.get_or_init(|| {
        let inputs = Inputs::without_sources().expect("bundled inputs");
        let (bytes, _) = build(&inputs).expect("build");
        let env = Envelope::parse(&bytes).expect("envelope");
        (bytes, env)
    })
}

struct Checker<'a> {
    lk: Lookalike<'a>,
    psl: Psl<'a>,
}

fn checker() -> Checker<'static> {
    let (bytes, env) = data();
    let psl = Psl::new(&bytes[env.section(PSL_TAG).expect("psl")]).expect("psl view");
    Checker {
        lk: Lookalike::from_envelope(env, bytes).expect("lookalike sections"),
        psl,
    }
}

impl Checker<'_> {
    fn check_with(&self, input: &str, user: &[String]) -> Finding {
        let Ok(c) = waspada_core::url::canonicalize(input) else {
            return Finding::default();
        };
        let host = c.host.as_str();
        self.lk.check(
            &HostView {
                host,
                registrable: self.psl.registrable_domain(host),
                public_suffix: self.psl.public_suffix(host),
                private_suffix: self.psl.is_private_suffix(host),
            },
            user,
        )
    }
    fn check(&self, input: &str) -> Finding {
        self.check_with(input, &[])
    }
    fn points(&self, input: &str) -> u8 {
        self.check(input).reasons.iter().map(|r| r.score).sum()
    }
}

fn assert_flagged(c: &Checker, input: &str, code: &str, suggestion: &str) {
    let f = c.check(input);
    assert!(!f.reasons.is_empty(), "{input}: not flagged");
    let r = f.reasons.first().expect("a reason");
    assert_eq!(r.code, code, "{input}: {f:?}");
    assert!(r.score >= 40, "{input}: only {} points: {f:?}", r.score);
    assert_eq!(f.suggestion.as_deref(), Some(suggestion), "{input}: {f:?}");
}

#[test]
fn official_domains_are_not_lookalikes() {
    let c = checker();
    for site in [
        "bca.co.id",
        "https://www.bca.co.id/id/individu",
        "klikbca.com",
        "https://ibank.klikbca.com/",
        "bri.co.id",
        "link.dana.id",
        "paypal.com",
        "www.google.com",
        "mail.google.com",
        "cekbansos.kemensos.go.id",
        "shopee.co.id",
    ] {
        assert_eq!(c.check(site), Finding::default(), "{site}");
    }
}

#[test]
fn homographs_of_targets_are_flagged_with_the_official_domain() {
    let c = checker();
    // аррӏе.com in Cyrillic
    assert_flagged(
        &c,
        "http://xn--80ak6aa92e.com/",
        "lookalike.homoglyph",
        "apple.com",
    );
    assert_flagged(
        &c,
        "https://раураl.com/signin",
        "lookalike.homoglyph",
        "paypal.com",
    );
    // Latin with diacritics and an invisible character.
    assert_flagged(&c, "gôôgle.com", "lookalike.homoglyph", "google.com");
    // ASCII lookalikes: I for l, rn for m.
    assert_flagged(&c, "kIikbca.com", "lookalike.typo", "klikbca.com");
    assert_flagged(
        &c,
        "bankrnandiri.co.id",
        "lookalike.homoglyph",
        "bankmandiri.co.id",
    );
    // Homographs are dangerous on their own.
    assert!(c.points("xn--80ak6aa92e.com") >= 70);
}

#[test]
fn typosquats_of_targets_are_flagged() {
    let c = checker();
    assert_flagged(&c, "klikbac.com", "lookalike.typo", "klikbca.com");
    assert_flagged(&c, "tokopedla.com", "lookalike.typo", "tokopedia.com");
    assert_flagged(
        &c,
        "bank-mandiri.co.id",
        "lookalike.typo",
        "bankmandiri.co.id",
    );
    assert_flagged(&c, "bukalapack.com", "lookalike.typo", "bukalapak.com");
    assert_flagged(&c, "go.ogle.com", "lookalike.typo", "google.com");
}

#[test]
fn swaps_and_combosquats_are_flagged() {
    let c = checker();
    // A swap alone is context (brands run country sites): the reason is there, below 40.
    for (swap, target) in [("bca.id", "bca.co.id"), ("klikbca.net", "klikbca.com")] {
        let f = c.check(swap);
        let r = f.reasons.first().expect("a swap reason");
        assert_eq!(r.code, "lookalike.tld_swap", "{swap}: {f:?}");
        assert!(r.score > 0 && r.score < 40, "{swap}: {f:?}");
        assert_eq!(f.suggestion.as_deref(), Some(target));
    }
    assert_flagged(&c, "bca-id.com", "lookalike.combosquat", "bca.co.id");
    assert_flagged(
        &c,
        "klikbca-login.com",
        "lookalike.combosquat",
        "klikbca.com",
    );
    assert_flagged(&c, "bri-promo.xyz", "lookalike.combosquat", "bri.co.id");
    assert_flagged(
        &c,
        "https://klikbca.com.secure-login.xyz/",
        "brand.embedded",
        "klikbca.com",
    );
    assert_flagged(
        &c,
        "paypal-login.netlify.app",
        "lookalike.combosquat",
        "paypal.com",
    );
    assert_flagged(
        &c,
        "https://usps.com-parcel-track.vip/i/",
        "brand.embedded",
        "usps.com",
    );
    assert_flagged(
        &c,
        "https://business.facebook.com-policy.co/case",
        "brand.embedded",
        "facebook.com",
    );
    assert_flagged(
        &c,
        "https://auth-start-trezer.github.io/",
        "lookalike.combosquat",
        "trezor.io",
    );
    // Dangerous: a brand, a lure word and a free hosting platform.
    assert!(c.points("paypal-login.netlify.app") >= 70);
    assert!(c.points("bri-promo.github.io") >= 70);
}

#[test]
fn misspelt_brands_inside_words_are_caught() {
    let c = checker();
    // Doubled letters and one edit inside the name, at the start of a word.
    let f = c.check("coiibasseexteossion.webflow.io");
    let r = f.reasons.first().expect("flagged");
    assert_eq!(r.code, "lookalike.combosquat");
    assert_eq!(r.params.get("kind").map(String::as_str), Some("brand_typo"));
    assert_eq!(f.suggestion.as_deref(), Some("coinbase.com"));
    assert!(c.points("coiibasseexteossion.webflow.io") >= 40);
    assert!(c.points("metumasklogin.gitbook.io") >= 40);
    // The whole label is the misspelt name: a typosquat.
    assert_flagged(
        &c,
        "steaamcommunlty.com",
        "lookalike.typo",
        "steamcommunity.com",
    );
    // Alone, a misspelt brand inside a longer name is context only.
    assert!(c.points("telgramsignalss.sg-host.com") > 0);
    assert!(c.points("telgramsignalss.sg-host.com") < 40);
    // Not a brand: a word that merely contains most of one (`cloud` in `icloud`), a brand's
    // neighbour with another last letter (`telegraph`), digits dropped from the middle.
    for host in [
        "cloud-service.com",
        "telegraphindia.com",
        "tel24com.xyz",
        "amazingtalker.com",
        "bankrate.com",
    ] {
        assert!(c.points(host) < 40, "{host}: {:?}", c.check(host));
    }
}

#[test]
fn short_brands_glued_to_a_lure_word_are_caught() {
    let c = checker();
    // A 3-letter key glued to a lure word at the start of a word, or any key glued to the end
    // of a lure word.
    assert_flagged(&c, "bcalogin.com", "lookalike.combosquat", "bca.co.id");
    assert_flagged(&c, "loginbca.net", "lookalike.combosquat", "bca.co.id");
    assert_flagged(
        &c,
        "officialdana.bantuan-resmi.web.id",
        "brand.embedded",
        "dana.id",
    );
    // Words that merely start or end with a short key stay quiet: there is no lure word glued
    // to the key (`bright`, `bcard`), or the lure word is only part of another word.
    for host in [
        "bright-login.com",
        "bcardsupport.com",
        "superdana.com",
        "logindanalytics.com",
        "bricks-update.net",
    ] {
        assert!(c.points(host) < 40, "{host}: {:?}", c.check(host));
    }
}

#[test]
fn a_brand_as_a_whole_subdomain_label_warns() {
    let c = checker();
    assert_flagged(&c, "apple.dec852.com", "brand.embedded", "apple.com");
    // Inside a longer subdomain label it is context only.
    assert!(c.points("myapplestore.dec852.com") < 40);
}

#[test]
fn hosting_platform_without_a_brand_is_not_a_lookalike() {
    let c = checker();
    assert_eq!(c.check("evil.github.io"), Finding::default());
    assert!(c.points("my-portfolio.pages.dev") < 40);
    // A short brand inside a word is not the brand ("bri" in "fabric", "bca" in "abcabc").
    assert!(c.points("fabricstore.com") < 40);
    assert!(c.points("brilliant-ideas.com") < 40);
}

#[test]
fn user_protected_domains_get_lookalike_protection() {
    let c = checker();
    let mine = vec!["koperasiku.co.id".to_string()];
    assert_eq!(c.check_with("koperasiku.co.id", &mine), Finding::default());
    let f = c.check_with("koperasikuu.co.id", &mine);
    assert_eq!(f.suggestion.as_deref(), Some("koperasiku.co.id"), "{f:?}");
    assert!(c.check("koperasikuu.co.id").reasons.is_empty());
    // A protected host protects its site, and lookalikes of its name.
    let host = vec!["ib.koperasiku.co.id".to_string()];
    assert_eq!(
        c.check_with("koperasikuu.co.id", &host)
            .suggestion
            .as_deref(),
        Some("ib.koperasiku.co.id")
    );
    assert_eq!(
        c.check_with("www.koperasiku.co.id", &host),
        Finding::default()
    );
}

#[test]
fn moz_top_500_are_never_lookalikes() {
    let Some(text) = read_shared("negatives_top_moz500.tsv") else {
        eprintln!("moz500 list not available; skipped");
        return;
    };
    let c = checker();
    let mut flagged = Vec::new();
    for line in text.lines().skip(1) {
        let Some(domain) = line.split('\t').nth(1) else {
            continue;
        };
        if c.points(domain) >= 40 {
            flagged.push(format!("{domain}: {:?}", c.check(domain).reasons));
        }
    }
    assert!(flagged.is_empty(), "{flagged:#?}");
}

/// Brands nobody curated but at the top of the ranked popular list (Moz top 500), or imitated
/// by many hosts of the bundled blocklist, are typo targets: one edit under their own suffix
/// warns, with the real site as the suggestion.
#[test]
fn typos_of_top_ranked_sites_are_flagged() {
    let c = checker();
    for (input, suggestion) in [
        ("outlok.com", "outlook.com"),
        ("https://outlookk.com/owa/", "outlook.com"),
        ("dropbx.com", "dropbox.com"),
        ("boooking.com", "booking.com"),
        ("pinterst.com", "pinterest.com"),
        ("outloo-k.com", "outlook.com"),
    ] {
        assert_flagged(&c, input, "lookalike.typo", suggestion);
    }
    // The same for ASCII lookalike letters of a ranked site.
    assert_flagged(&c, "0utlook.com", "lookalike.homoglyph", "outlook.com");
    // Phished brands nobody curated: the bundled blocklist holds many imitations of them.
    assert_flagged(&c, "bitrex.com", "lookalike.typo", "bittrex.com");
    assert_flagged(&c, "poloneix.com", "lookalike.typo", "poloniex.com");
    // Below curated brands: a typo alone is suspicious, not dangerous.
    assert!(c.points("outlok.com") < 70);
    // The sites themselves stay safe.
    for site in ["outlook.com", "www.dropbox.com", "www.booking.com"] {
        assert_eq!(c.check(site), Finding::default(), "{site}");
    }
}

/// A short official name (3–4 letters) with one character added under its own country-code
/// suffix is a typo; other edits of it, and additions under `.com`, are ordinary names.
#[test]
fn short_official_names_with_an_added_character() {
    let c = checker();
    assert_flagged(&c, "jneh.co.id", "lookalike.typo", "jne.co.id");
    assert_flagged(&c, "dana7.id", "lookalike.typo", "dana.id");
    assert_flagged(&c, "https://ovoo.id/login", "lookalike.typo", "ovo.id");
    for host in ["jme.co.id", "dhlx.com", "jnex.com", "dan.id"] {
        assert!(c.points(host) < 40, "{host}: {:?}", c.check(host));
    }
}

/// Real sites one edit from a top-ranked site are not flagged: under another suffix, with a
/// hyphen added (`wal-mart.com`), a plural `s` (`answer.com` / `answers.com`), or near a label
/// that has real neighbours of its own (`pexels` is one edit from `pixels`, so `vexels.com` is
/// another real site, not a typo).
#[test]
fn real_neighbours_of_top_ranked_sites_stay_safe() {
    let c = checker();
    for host in [
        "vexels.com",
        "wal-mart.com",
        "outlok.net",
        "dropbx.io",
        "dropboxs.com",
        "answer.com",
    ] {
        assert!(c.points(host) < 40, "{host}: {:?}", c.check(host));
    }
}

#[test]
fn hostile_hosts_do_not_panic() {
    let c = checker();
    for input in [
        "xn--zz.com",
        "xn--.com",
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.paypal.com.evil.xyz",
        &"a".repeat(63),
        &format!("{}.com", "rn".repeat(31)),
        "http://[::1]/",
        "http://127.0.0.1/",
        "-.-.com",
        "ḃ̷̨͓̳͌ç̸a.co.id",
        &format!("{}com", "a.".repeat(120)),
        &format!("{}klikbca.com-x.xyz", "b.".repeat(100)),
    ] {
        let _ = c.check(input);
    }
}

/// A file of the shared data (`../shared/data/` beside the repository), if present.
fn read_shared(path: &str) -> Option<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");
    std::fs::read_to_string(format!("{root}{path}")).ok()
}

fn read_dev(name: &str) -> Option<String> {
    read_shared(&format!("dev/{name}"))
}

#[test]
#[ignore]
fn measure_dev_sets() {
    measure(&checker(), &data().0, true);
}

/// Leave-brands-out: the 22 dnstwist dev brands with their curated rows removed from
/// `targets.tsv` (so each is at most a popular site, or unknown), to measure how detection
/// generalizes to brands the project never curated. Run with
/// `cargo test -p waspada-core --release --test lookalike -- --ignored --nocapture measure_uncurated`.
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

// ---------------------------------------------------------------------------------------------
// The `CONF` section against `unicode-security`: the run-time skeletons read the folds from the
// data file; they must be exactly what the code computed with `unicode-security` before.
// ---------------------------------------------------------------------------------------------

/// The skeleton code as it was when it called `unicode-security` at run time (verbatim).
mod reference {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    fn is_invisible(c: char) -> bool {
        matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
    }

    fn fold_extra(c: char) -> Option<char> {
        Some(match c {
            'ɑ' | 'ə' | 'ɐ' | 'ᴀ' | 'α' => 'a',
            'ʙ' | 'ɓ' | 'ƅ' | 'ƀ' | 'в' => 'b',
            'ᴄ' | 'ƈ' | 'ς' => 'c',
            'ɗ' | 'đ' | 'ɖ' | 'ᴅ' | 'ƌ' => 'd',
            'ɇ' | 'ᴇ' | 'ɛ' | 'є' => 'e',
            'ƒ' => 'f',
            'ɢ' | 'ɡ' | 'ǥ' | 'ɠ' => 'g',
            'ħ' | 'ɦ' | 'ⱨ' | 'ʜ' | 'н' => 'h',
            'ı' | 'ɩ' | 'ɨ' | 'ɪ' | 'ι' => 'i',
            'ʝ' | 'ɉ' | 'ᴊ' => 'j',
            'ⱪ' | 'ᴋ' | 'κ' | 'к' | 'ĸ' => 'k',
            'ɫ' | 'ł' | 'ŀ' | 'ʟ' | 'ƚ' => 'l',
            'ᴍ' | 'ɱ' | 'м' => 'm',
            'ꞑ' | 'ɴ' | 'ŋ' | 'ƞ' | 'η' => 'n',
            'ᴏ' | 'ø' | 'ɵ' | 'ơ' | 'ο' | 'σ' => 'o',
            'ρ' | 'ᴘ' | 'ƥ' => 'p',
            'ʠ' => 'q',
            'ʀ' | 'ɼ' | 'ɽ' | 'ɍ' | 'ɾ' | 'г' => 'r',
            'ʂ' | 'ꜱ' => 's',
            'ŧ' | 'ƫ' | 'ᴛ' | 'ƭ' | 'т' => 't',
            'ᴜ' | 'ʉ' | 'ư' | 'υ' => 'u',
            'ⱱ' | 'ᶌ' | 'ⱴ' | 'ᴠ' | 'ν' => 'v',
            'ⱳ' | 'ᴡ' | 'ω' | 'ш' => 'w',
            'ʏ' | 'ƴ' | 'ɏ' | 'ỿ' | 'γ' => 'y',
            'ʐ' | 'ᴢ' | 'ƶ' | 'ⱬ' | 'ȥ' => 'z',
            _ => return None,
        })
    }

    pub fn strict_skeleton(label: &str) -> String {
        let mut folded = String::with_capacity(label.len());
        if label.is_ascii() {
            folded.push_str(&label.to_ascii_lowercase());
        } else {
            let pre: String = label
                .nfd()
                .filter(|&c| !is_combining_mark(c) && !is_invisible(c))
                .map(|c| fold_extra(c).unwrap_or(c))
                .collect();
            for c in unicode_security::skeleton(&pre) {
                if is_combining_mark(c) || is_invisible(c) {
                    continue;
                }
                let c = fold_extra(c).unwrap_or(c);
                for l in c.to_lowercase() {
                    folded.push(l);
                }
            }
        }
        let folded = folded.replace("rn", "m").replace("vv", "w");
        folded
            .chars()
            .map(|c| match c {
                '0' => 'o',
                '1' | '|' | 'ı' => 'l',
                c => c,
            })
            .collect()
    }

    /// The rules' whole-script homograph test as it was.
    pub fn skeleton_is_ascii(label: &str) -> bool {
        unicode_security::skeleton(label).all(|c| c.is_ascii_alphanumeric() || c == '-')
    }

    /// The rules' accent-dressed Latin test as it was (`folds_to_ascii`).
    pub fn is_latin(label: &str) -> bool {
        label
            .nfd()
            .filter(|c| !matches!(*c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}'))
            .all(|c| {
                c.is_ascii_alphanumeric()
                    || c == '-'
                    || (c.is_alphabetic()
                        && matches!(c, '\u{00C0}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}')
                        && c != '\u{00D7}'
                        && c != '\u{00F7}')
            })
    }
}

#[test]
fn confusables_section_matches_unicode_security_for_every_code_point() {
    let conf = checker().lk.confusables;
    assert!(conf.len() > 5000, "only {} folds in CONF", conf.len());
    let mut checked = 0u32;
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let alone = c.to_string();
        // In a non-ASCII label, ASCII letters are folded too (`m` → `rn` → `m`, `0` → `o`).
        let in_label = format!("é{c}ı");
        for label in [&alone, &in_label] {
            assert_eq!(
                conf.strict_skeleton(label),
                reference::strict_skeleton(label),
                "strict skeleton of {label:?} (U+{:04X})",
                u32::from(c)
            );
            assert_eq!(
                conf.skeleton_is_ascii(label),
                reference::skeleton_is_ascii(label),
                "ASCII skeleton of {label:?} (U+{:04X})",
                u32::from(c)
            );
            assert_eq!(
                conf.is_latin(label),
                reference::is_latin(label),
                "dressed Latin {label:?} (U+{:04X})",
                u32::from(c)
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800);
}

#[test]
fn confusables_section_matches_unicode_security_on_mixed_labels() {
    let conf = checker().lk.confusables;
    // Characters where the two NFDs, the confusables map and the extra folds interact:
    // combining marks of several classes (reordered by NFD), precomposed letters, Cyrillic,
    // Greek, IPA and small capitals, invisibles, Hangul, full-width and mathematical letters.
    let ranges: &[(u32, u32)] = &[
        (0x2D, 0x2D),
        (0x30, 0x39),
        (0x41, 0x5A),
        (0x61, 0x7A),
        (0xC0, 0x24F),
        (0x250, 0x2AF),
        (0x300, 0x36F),
        (0x370, 0x3FF),
        (0x400, 0x4FF),
        (0x591, 0x5C7),
        (0x610, 0x61C),
        (0x64B, 0x65F),
        (0xE31, 0xE4E),
        (0x1100, 0x1112),
        (0x1161, 0x1175),
        (0x1D00, 0x1DFF),
        (0x1E00, 0x1EFF),
        (0x200B, 0x200F),
        (0x20D0, 0x20F0),
        (0x2100, 0x214F),
        (0x2460, 0x24FF),
        (0x3099, 0x309A),
        (0xAC00, 0xAC40),
        (0xFE00, 0xFE0F),
        (0xFE20, 0xFE2F),
        (0xFF01, 0xFF5E),
        (0x1D400, 0x1D7FF),
        (0x1F100, 0x1F1FF),
    ];
    let pool: Vec<char> = ranges
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
        .collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..200_000 {
        let len = 1 + next() % 12;
        let label: String = (0..len)
            .map(|_| {
                let r = next();
                if r % 16 == 0 {
                    // Now and then any scalar value at all.
                    char::from_u32((r >> 8) as u32 % 0x110000).unwrap_or('a')
                } else {
                    pool[(r >> 8) as usize % pool.len()]
                }
            })
            .collect();
        assert_eq!(
            conf.strict_skeleton(&label),
            reference::strict_skeleton(&label),
            "strict skeleton of {label:?}"
        );
        assert_eq!(
            conf.skeleton_is_ascii(&label),
            reference::skeleton_is_ascii(&label),
            "ASCII skeleton of {label:?}"
        );
        assert_eq!(
            conf.is_latin(&label),
            reference::is_latin(&label),
            "dressed Latin {label:?}"
        );
    }
}

#[test]
fn corrupt_confusables_sections_are_refused() {
    use waspada_core::confusables::{section, Confusables};
    let (_, good) = section().expect("CONF builds");
    assert!(Confusables::from_section(&good).is_ok());
    // Truncated anywhere: a typed error, never a panic.
    for n in [0, 3, 15, 16, 17, good.len() / 2, good.len() - 1] {
        assert!(Confusables::from_section(&good[..n]).is_err(), "cut at {n}");
    }
    // Two entries swapped: out of order.
    let mut swapped = good.clone();
    let (a, b) = (16..24, 24..32);
    let first = swapped[a.clone()].to_vec();
    swapped.copy_within(b.clone(), a.start);
    swapped[b].copy_from_slice(&first);
    assert!(Confusables::from_section(&swapped).is_err());
    // A fold pointing past the text.
    let mut wild = good.clone();
    wild[20..24].copy_from_slice(&(0xFFFF_FF05u32).to_le_bytes());
    assert!(Confusables::from_section(&wild).is_err());
    // Another format version.
    let mut version = good;
    version[0] = 2;
    assert!(Confusables::from_section(&version).is_err());
}
