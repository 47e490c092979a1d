//! Lookalike detection on named cases a user would notice, built from the bundled data (no
//! blocklist). The dev-set measurements are in `tests/lookalike_measure.rs`, the `CONF` section
//! against `unicode-security` in `tests/confusables.rs`.

#[path = "common/lookalike.rs"]
mod common;

use common::{assert_flagged, checker, read_shared};
use waspada_core::lookalike::Finding;

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
    // ... or between two lure words (OpenPhish `claimdanaopisial.my.id`).
    assert_flagged(
        &c,
        "claimdanaopisial.my.id",
        "lookalike.combosquat",
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
fn a_brand_with_customer_service_or_partner_words_warns() {
    let c = checker();
    // blp-phishing / OpenPhish / the Indonesia set: customer-service, membership and partner
    // (`mitra`) words next to a brand on a host that is not the brand's.
    for (host, target) in [
        ("5matpdjsaal0omm-customers-netflix.info", "netflix.com"),
        ("coinbase-clients.com", "coinbase.com"),
        ("4otqtaes1vpvv0hzz7o-membership-netflix.info", "netflix.com"),
        ("mitrashopee.com", "shopee.co.id"),
    ] {
        assert_flagged(&c, host, "lookalike.combosquat", target);
    }
    // The brand's own product name stays quiet: `care` is no lure word (AppleCare,
    // `applecare.com`), and the words alone name no brand (top-100k `customer.io`,
    // `memberstack.com`).
    for host in ["applecare.com", "customer.io", "memberstack.com"] {
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
fn a_known_address_with_a_suffix_appended_is_not_a_lookalike() {
    let c = checker();
    // Unseen top-100k: `apple.com` with `.com` (a resolver's search list) or `.domains` appended,
    // under `com.com` / `com.domains`, registrations held by domain investors.
    for host in ["apple.com.com", "apple.com.domains", "www.apple.com.com"] {
        assert_eq!(c.check(host), Finding::default(), "{host}");
    }
    // The address in front of any other registrable domain still warns (OpenPhish
    // `apple.160com.com`, blp-phishing `apple.id.com.aut5.com`), as does a hosting platform's
    // user page.
    assert_flagged(&c, "apple.160com.com", "brand.embedded", "apple.com");
    assert_flagged(&c, "apple.id.com.aut5.com", "brand.embedded", "apple.com");
    assert_flagged(&c, "apple.com.dec852.com", "brand.embedded", "apple.com");
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
