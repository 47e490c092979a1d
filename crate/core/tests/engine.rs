//! The engine's pipeline as a user sees it: list hits, trusted sites, settings, invalid input.

use std::sync::OnceLock;
use waspada_core::builder::{build, Inputs, SourceFile};
use waspada_core::{Category, DataError, Engine, Level, PageFacts, Settings};

const SOURCE: &str = "\
url_or_domain\tkind\tsource\tfirst_seen
evil-wallet-claim.example\tcrypto\ttest-feed\t2025-01-01
judi-slot88.example\tgambling\ttest-feed\t2025-01-01
shared-host.example/~scammer/\tphishing\ttest-feed\t2025-01-01
http://files.example/payload/undangan.apk\tmalware\ttest-feed\t2025-01-01
";

/// The data file, built once for all tests of this binary.
fn data() -> Vec<u8> {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut inputs = Inputs::without_sources().expect("bundled inputs");
        inputs.sources = vec![SourceFile::new(
            "test.tsv",
            SOURCE.to_string(),
            Category::Phishing,
        )];
        build(&inputs).expect("test list builds").0
    })
    .clone()
}

fn engine(settings: Settings) -> Engine {
    Engine::new(data(), settings).expect("test list loads")
}

fn reason_codes(v: &waspada_core::Verdict) -> Vec<&str> {
    v.reasons.iter().map(|r| &*r.code).collect()
}

#[test]
fn listed_host_and_its_subdomains_are_blocked() {
    let e = engine(Settings::default());
    for url in [
        "evil-wallet-claim.example",
        "https://EVIL-wallet-claim.example./claim?x=1",
        "https://www.airdrop.evil-wallet-claim.example/",
    ] {
        let v = e.check(url);
        assert_eq!(v.verdict, Level::Blocked, "{url}");
        assert_eq!(v.score, 100);
        let r = &v.reasons[0];
        assert_eq!(r.code, "list.blocked");
        assert_eq!(r.params["category"], "crypto");
        assert_eq!(r.params["source"], "test-feed");
        // A source the data file does not describe is named by its id.
        assert_eq!(r.params["list"], "test-feed");
    }
}

#[test]
fn a_blocked_verdict_names_the_list_by_its_title_and_the_sources_are_credited() {
    // The acquired sources, described by their `BSIN` section (titles from sources.toml).
    let (bytes, _) = build(&Inputs::defaults().expect("bundled inputs")).expect("builds");
    let e = Engine::new(bytes, Settings::default()).expect("loads");
    let sources = e.list_sources();
    assert!(sources.len() >= 5, "{sources:?}");
    for s in &sources {
        assert!(
            s.entries > 0 && s.title != s.id && s.homepage.starts_with("https://"),
            "{s:?}"
        );
    }
    let gambling = sources
        .iter()
        .find(|s| s.id == "sinfonietta-gambling")
        .expect("the gambling source");
    let host = std::fs::read_to_string(format!(
        "{}/lists/sinfonietta-gambling.tsv",
        waspada_core::builder::SOURCES_DIR
    ))
    .expect("acquired list");
    let listed: Vec<&str> = host
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    let v = listed
        .iter()
        .map(|h| e.check(h))
        .find(|v| v.verdict == Level::Blocked && v.reasons[0].params["source"] == gambling.id)
        .expect("a gambling entry of that source only");
    assert_eq!(v.reasons[0].params["category"], "gambling");
    assert_eq!(v.reasons[0].params["list"], gambling.title);
}

#[test]
fn path_prefix_entries_block_only_that_path() {
    let e = engine(Settings::default());
    assert_eq!(
        e.check("http://shared-host.example/~scammer/login.html")
            .verdict,
        Level::Blocked
    );
    assert_ne!(
        e.check("http://shared-host.example/~someone-else/").verdict,
        Level::Blocked
    );
    assert_eq!(
        e.check("http://files.example/payload/undangan.apk").verdict,
        Level::Blocked
    );
    assert_ne!(
        e.check("http://files.example/payload/other.pdf").verdict,
        Level::Blocked
    );
}

#[test]
fn a_disabled_category_is_not_blocked() {
    let settings = Settings {
        disabled_categories: vec![Category::Gambling],
        ..Settings::default()
    };
    let e = engine(settings);
    assert_ne!(e.check("judi-slot88.example").verdict, Level::Blocked);
    assert_eq!(e.check("evil-wallet-claim.example").verdict, Level::Blocked);
}

#[test]
fn blocklist_can_be_turned_off() {
    let settings = Settings {
        use_blocklist: false,
        ..Settings::default()
    };
    let v = engine(settings).check("evil-wallet-claim.example");
    assert!(!reason_codes(&v).contains(&"list.blocked"));
}

#[test]
fn a_trusted_site_is_safe_even_if_listed() {
    let settings = Settings {
        trusted: vec!["https://www.Evil-Wallet-Claim.example/".to_string()],
        ..Settings::default()
    };
    let e = engine(settings);
    let v = e.check("https://app.evil-wallet-claim.example/");
    assert_eq!(v.verdict, Level::Safe);
    assert_eq!(reason_codes(&v), ["trust.user"]);
    // Trust is per site: a look-alike of the trusted name is not trusted.
    let v = e.check("evil-wallet-claim.example.attacker.example");
    assert!(!reason_codes(&v).contains(&"trust.user"));
}

#[test]
fn a_public_suffix_or_hosting_platform_is_never_trusted_as_a_whole() {
    // `--trust com` would otherwise make every .com phishing site safe.
    for wide in [
        "com",
        ".com",
        "co.id",
        "weebly.com",
        "pages.dev",
        "github.io",
        "bit.ly",
    ] {
        let e = engine(Settings {
            trusted: vec![wide.to_string()],
            ..Settings::default()
        });
        for url in [
            "http://klikbca-verifikasi-login.com/",
            "https://akun-7731.weebly.com/",
            "https://bca-login.pages.dev/",
            "https://x.github.io/",
            "https://bit.ly/abc",
        ] {
            assert!(
                !reason_codes(&e.check(url)).contains(&"trust.user"),
                "trusting {wide} trusted {url}"
            );
        }
    }
    // One user's site on a platform can be trusted, and only that one.
    let e = engine(Settings {
        trusted: vec!["akun-7731.weebly.com".into()],
        ..Settings::default()
    });
    assert!(reason_codes(&e.check("https://akun-7731.weebly.com/")).contains(&"trust.user"));
    assert!(!reason_codes(&e.check("https://akun-7732.weebly.com/")).contains(&"trust.user"));
}

#[test]
fn settings_can_change_without_reloading() {
    let mut e = engine(Settings::default());
    assert_eq!(e.check("evil-wallet-claim.example").verdict, Level::Blocked);
    e.set_settings(Settings {
        trusted: vec!["evil-wallet-claim.example".into()],
        ..Settings::default()
    });
    assert_eq!(e.check("evil-wallet-claim.example").verdict, Level::Safe);
}

#[test]
fn verdict_carries_both_host_forms_and_the_site() {
    let e = engine(Settings::default());
    let v = e.check("https://login.xn--80ak6aa92e.co.uk/a/../b?q#frag");
    assert_eq!(v.host.as_deref(), Some("login.xn--80ak6aa92e.co.uk"));
    assert_eq!(v.host_unicode.as_deref(), Some("login.аррӏе.co.uk"));
    assert_eq!(
        v.registrable_domain.as_deref(),
        Some("xn--80ak6aa92e.co.uk")
    );
    assert_eq!(
        v.canonical.as_deref(),
        Some("https://login.xn--80ak6aa92e.co.uk/b?q")
    );
    let v = e.check("mybank.github.io");
    assert_eq!(v.registrable_domain.as_deref(), Some("mybank.github.io"));
}

#[test]
fn unreadable_input_is_invalid_not_a_panic() {
    let e = engine(Settings::default());
    for input in [
        "",
        "   ",
        "http://",
        "https://[::1",
        "not a url",
        "%%%%",
        "http://exa mple.com/",
    ] {
        let v = e.check(input);
        assert_eq!(v.verdict, Level::Invalid, "{input:?}");
        assert_eq!(v.reasons[0].code, "url.invalid");
        assert!(!v.reasons[0].params["error"].is_empty());
    }
}

#[test]
fn the_verdict_serializes_as_the_documented_json() {
    let e = engine(Settings::default());
    let json = serde_json::to_value(e.check("evil-wallet-claim.example")).unwrap();
    assert_eq!(json["verdict"], "blocked");
    assert_eq!(json["reasons"][0]["code"], "list.blocked");
    for key in [
        "input",
        "score",
        "host",
        "host_unicode",
        "registrable_domain",
        "canonical",
        "suggestion",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn header_reports_the_list() {
    let e = engine(Settings::default());
    let h = e.header();
    assert_eq!(h.count(Category::Crypto), 1);
    assert_eq!(h.count(Category::Gambling), 1);
    assert!(h.build_date > 20_240_000);
}

#[test]
fn a_corrupt_file_is_a_typed_error() {
    let mut bytes = data();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    assert!(matches!(
        Engine::new(bytes, Settings::default()),
        Err(DataError::BadChecksum { .. })
    ));
    assert!(matches!(
        Engine::new(Vec::new(), Settings::default()),
        Err(DataError::Truncated { .. })
    ));
}

#[test]
fn settings_parse_from_partial_json() {
    let s: Settings =
        serde_json::from_str(r#"{"sensitivity":"high","disabled_categories":["gambling"]}"#)
            .unwrap();
    assert_eq!(s.disabled_categories, vec![Category::Gambling]);
    assert!(s.use_blocklist);
}

#[test]
fn script_and_page_data_urls_are_flagged() {
    let e = engine(Settings::default());
    let v = e.check("javascript:alert(document.cookie)");
    assert!(v.verdict >= Level::Suspicious, "{v:?}");
    assert_eq!(v.reasons[0].code, "scheme.javascript");
    let v = e.check("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==");
    assert!(v.verdict >= Level::Suspicious, "{v:?}");
    let v = e.check("mailto:someone@example.com");
    assert_eq!(v.verdict, Level::Safe);
    assert_eq!(v.reasons[0].code, "url.not_web");
}

#[test]
fn a_blob_url_is_judged_by_its_site() {
    let e = engine(Settings::default());
    let v = e.check("blob:https://evil-wallet-claim.example/8d3c-11ef");
    assert_eq!(v.verdict, Level::Blocked);
    assert_eq!(v.host.as_deref(), Some("evil-wallet-claim.example"));
    assert_eq!(e.check("blob:").verdict, Level::Invalid);
}

#[test]
fn a_disabled_category_does_not_hide_another_listing() {
    let source = "url_or_domain\tkind\tsource\tfirst_seen\n\
        casino-drainer.example\tgambling\tfeed-a\t\n\
        casino-drainer.example/claim/\tcrypto\tfeed-b\t\n";
    let mut inputs = Inputs::without_sources().expect("bundled inputs");
    inputs.sources = vec![SourceFile::new(
        "t.tsv",
        source.to_string(),
        Category::Phishing,
    )];
    let bytes = build(&inputs).expect("builds").0;
    let settings = Settings {
        disabled_categories: vec![Category::Gambling],
        ..Settings::default()
    };
    let e = Engine::new(bytes, settings).expect("loads");
    let v = e.check("http://casino-drainer.example/claim/now");
    assert_eq!(v.verdict, Level::Blocked);
    assert_eq!(v.reasons[0].params["category"], "crypto");
    assert_ne!(
        e.check("http://casino-drainer.example/").verdict,
        Level::Blocked
    );
}

#[test]
fn a_bank_name_with_a_lure_word_warns_and_names_the_real_site() {
    let e = engine(Settings {
        use_blocklist: false,
        ..Settings::default()
    });
    for (url, official) in [
        ("klikbca-login.com", "klikbca.com"),
        ("http://bri-promo.xyz/hadiah", "bri.co.id"),
    ] {
        let v = e.check(url);
        assert_eq!(v.verdict, Level::Dangerous, "{url}: {v:?}");
        assert_eq!(v.suggestion.as_deref(), Some(official), "{url}");
    }
    assert_eq!(e.check("https://klikbca.com/").verdict, Level::Safe);
}

#[test]
fn a_brand_page_on_a_popular_site_builder_is_checked_like_one_on_a_hosting_suffix() {
    // mystrikingly.com is a popular site, but `someone.mystrikingly.com` is a user's page: the
    // lookalike check sees the user's label, as under github.io.
    let e = engine(Settings::default());
    let v = e.check("https://metamasklogin.mystrikingly.com/");
    assert_eq!(v.verdict, Level::Dangerous, "{v:?}");
    assert!(reason_codes(&v).contains(&"lookalike.combosquat"), "{v:?}");
    assert_eq!(v.suggestion.as_deref(), Some("metamask.io"));
    // The platform's own site stays a popular site.
    let v = e.check("https://www.mystrikingly.com/");
    assert_eq!(v.verdict, Level::Safe, "{v:?}");
    // The same for a dynamic-DNS service's shared domain (FreeDNS: ignorelist.com).
    let v = e.check("http://support-netflix-help.ignorelist.com/");
    assert_eq!(v.verdict, Level::Dangerous, "{v:?}");
    assert_eq!(v.suggestion.as_deref(), Some("netflix.com"));
}

#[test]
fn a_brand_in_the_path_of_a_users_page_is_a_hint() {
    let e = engine(Settings::default());
    // On a user's page of a hosting platform: the brand as a path token, plus the platform.
    let v = e.check("https://maynameid.github.io/dana/");
    assert_eq!(v.verdict, Level::Suspicious, "{v:?}");
    assert!(reason_codes(&v).contains(&"brand.in_path"), "{v:?}");
    assert_eq!(v.suggestion.as_deref(), Some("dana.id"));
    // On an ordinary site a brand in the path is what blogs and shops write about: quiet
    // without a lure word, context with one.
    let v = e.check("https://myblog.example.net/paypal-review/");
    assert!(!reason_codes(&v).contains(&"brand.in_path"), "{v:?}");
    let v = e.check("https://shop.example.net/wellsfargo/login.php");
    assert!(reason_codes(&v).contains(&"brand.in_path"), "{v:?}");
    // Part of a longer word is not the brand.
    let v = e.check("https://someone.github.io/ramadanaku-notes/");
    assert!(!reason_codes(&v).contains(&"brand.in_path"), "{v:?}");
}

#[test]
fn a_short_brand_at_the_start_of_a_word_needs_a_lure_word() {
    let e = engine(Settings::default());
    let v = e.check("https://aktiffkan.danaxspaylaterr.biz.id/17/");
    assert!(v.verdict >= Level::Suspicious, "{v:?}");
    assert_eq!(v.suggestion.as_deref(), Some("dana.id"));
    // Without a lure word, or at the end of a word (a name), it is not the brand.
    for url in [
        "https://danaxsprofile.example.org/",
        "https://jordana-login.example.org/",
    ] {
        let v = e.check(url);
        assert!(
            !reason_codes(&v).contains(&"lookalike.combosquat"),
            "{url}: {v:?}"
        );
    }
}

fn login_page(text: &str) -> PageFacts {
    PageFacts {
        password_field: true,
        text: text.to_string(),
        ..PageFacts::default()
    }
}

#[test]
fn a_brand_login_form_on_a_suspicious_page_warns() {
    let e = engine(Settings::default());
    let url = "https://akun-7731.pages.dev/";
    assert_eq!(e.check(url).verdict, Level::Suspicious);
    let v = e.check_page(url, &login_page("Masuk ke KlikBCA | Internet Banking"));
    assert_eq!(v.verdict, Level::Dangerous, "{v:?}");
    let codes = reason_codes(&v);
    assert!(codes.contains(&"page.credential_form"), "{v:?}");
    assert!(codes.contains(&"page.brand"), "{v:?}");
    let form = v.reasons.iter().find(|r| r.code == "page.credential_form");
    assert_eq!(
        form.and_then(|r| r.params.get("kind")).map(String::as_str),
        Some("password")
    );
    assert_eq!(v.suggestion.as_deref(), Some("klikbca.com"));
    // Two words written as one brand key, and an e-wallet PIN field.
    let pin = PageFacts {
        code_field: true,
        text: "Bank Mandiri - verifikasi".to_string(),
        ..PageFacts::default()
    };
    let v = e.check_page(url, &pin);
    assert_eq!(v.verdict, Level::Dangerous, "{v:?}");
    assert_eq!(v.suggestion.as_deref(), Some("bankmandiri.co.id"));
}

#[test]
fn page_facts_never_flag_a_page_whose_address_is_not_suspicious() {
    let e = engine(Settings::default());
    let facts = login_page("Masuk ke KlikBCA");
    for url in [
        "https://example.com/login",
        "https://www.klikbca.com/",
        "https://someone.blogspot.com/",
    ] {
        let plain = e.check(url);
        let v = e.check_page(url, &facts);
        assert_eq!(v, plain, "{url}");
        assert!(!reason_codes(&v).iter().any(|c| c.starts_with("page.")));
    }
    // A trusted site, and a page already dangerous or blocked by its address, are unchanged.
    let trusting = engine(Settings {
        trusted: vec!["akun-7731.pages.dev".to_string()],
        ..Settings::default()
    });
    let v = trusting.check_page("https://akun-7731.pages.dev/", &facts);
    assert_eq!(v.verdict, Level::Safe, "{v:?}");
    let url = "http://bri-promo.xyz/hadiah";
    assert_eq!(e.check_page(url, &facts), e.check(url));
}

#[test]
fn a_login_form_alone_or_a_sign_in_with_button_does_not_make_a_hosted_app_dangerous() {
    let e = engine(Settings::default());
    // An app on a deploy platform with its own login and a "Sign in with Google" button.
    let url = "https://my-app.vercel.app/";
    let v = e.check_page(url, &login_page("My App - Log in. Sign in with Google"));
    assert_eq!(v.verdict, Level::Suspicious, "{v:?}");
    assert!(!reason_codes(&v).contains(&"page.brand"), "{v:?}");
    assert!(reason_codes(&v).contains(&"page.credential_form"), "{v:?}");
    // A brand named without any form (a how-to page) adds nothing.
    let how_to = PageFacts {
        text: "Cara top up DANA".to_string(),
        ..PageFacts::default()
    };
    assert_eq!(e.check_page(url, &how_to), e.check(url));
}

#[test]
fn a_brand_sign_in_form_on_a_users_page_of_an_abused_platform_warns() {
    let e = engine(Settings::default());
    let url = "https://portfolio.github.io/";
    let plain = e.check(url);
    assert_eq!(plain.verdict, Level::Safe, "{plain:?}");
    assert!(e.page_check_applies(&plain));
    let v = e.check_page(url, &login_page("Sign in to your Microsoft account"));
    assert_eq!(v.verdict, Level::Dangerous, "{v:?}");
    assert_eq!(v.suggestion.as_deref(), Some("microsoft.com"));
    // The user's own login, or a brand without a form, changes nothing there.
    assert_eq!(e.check_page(url, &login_page("My notes - log in")), plain);
    let no_form = PageFacts {
        text: "Microsoft".to_string(),
        ..PageFacts::default()
    };
    assert_eq!(e.check_page(url, &no_form), plain);
    // Not on an ordinary site, nor on the platforms' own sites.
    for url in ["https://example.com/", "https://github.com/login"] {
        assert!(!e.page_check_applies(&e.check(url)), "{url}");
    }
}

#[test]
fn hostile_page_text_does_not_panic() {
    let e = engine(Settings::default());
    let url = "https://akun-7731.pages.dev/";
    let long = "é".repeat(5000) + " bca";
    for text in [
        String::new(),
        "\u{0}\u{feff}\u{202e}".to_string(),
        long,
        "a ".repeat(100_000),
        "🙂".repeat(3000),
    ] {
        let v = e.check_page(url, &login_page(&text));
        assert!(v.verdict >= Level::Suspicious, "{v:?}");
    }
}
