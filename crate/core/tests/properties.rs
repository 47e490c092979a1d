//! Property tests (proptest) of what a user relies on whatever the address looks like:
//! canonicalisation is a fixed point, no input panics or gives an insane verdict, and a site's
//! verdict does not depend on how its address is spelt (case, redundant percent-escapes of
//! unreserved characters, a trailing dot) nor get milder at a higher sensitivity. Case counts are
//! modest so `cargo test` stays quick; the fuzzers (`fuzz/`) search much longer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/fuzz.rs"]
mod harness;

use proptest::prelude::*;
use std::sync::OnceLock;
use waspada_core::url::{canonicalize, MAX_INPUT_LEN};
use waspada_core::{Engine, Level, Sensitivity, Settings, Verdict};

/// A host: two to four labels of letters, digits and inner hyphens, or one of the sites the
/// bundled data has something to say about (a brand, a listed host, a hosting platform), under
/// a TLD the heuristics know.
fn host() -> impl Strategy<Value = String> {
    let label = "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?";
    // Hyphens in the third and fourth places are reserved for A-labels (RFC 5891 4.2.3.1):
    // `xn--0` is not a host of any site, and is rightly invalid.
    let label = label.prop_filter("reserved hyphens", |l: &String| l.get(2..4) != Some("--"));
    let random = (
        proptest::collection::vec(label, 1..3),
        prop::sample::select(vec![
            "com",
            "co.id",
            "id",
            "xyz",
            "top",
            "net",
            "weebly.com",
        ]),
    )
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")));
    let known = prop::sample::select(vec![
        "klikbca.com",
        "www.klikbca.com",
        "bca.co.id",
        "klikbca-verifikasi-login.com",
        "klikbca-login.xyz",
        "klikbcaa.com",
        "dana-kaget.weebly.com",
        "shopee.co.id",
        "shopee-hadiah.top",
        "tokopedia-promo.xyz",
        "metamask-wallet.io",
    ])
    .prop_map(str::to_string);
    prop_oneof![random, known]
}

/// A path of a few segments that can carry lure words.
fn path() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-zA-Z0-9._~-]{1,8}".boxed(),
            prop::sample::select(vec![
                "login",
                "verifikasi",
                "undangan.apk",
                "wp-admin",
                "~user"
            ])
            .prop_map(str::to_string)
            .boxed(),
        ],
        0..4,
    )
    .prop_map(|segs| format!("/{}", segs.join("/")))
}

/// Something shaped like what people paste: scheme or not, userinfo, port, path, query,
/// fragment, escapes and Unicode sprinkled in.
fn url_shaped() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "",
            "http://",
            "https://",
            "HTTPS://",
            "ftp://",
            "blob:https://",
            "data:",
            "javascript:",
            "//",
        ]),
        prop::option::of("[a-z%@:.0-9]{0,12}@"),
        prop_oneof![
            host().boxed(),
            "[a-zA-Z0-9.%\\[\\]:\\-\u{80}-\u{2FF}\u{430}-\u{44F}]{0,30}".boxed()
        ],
        prop::option::of(":[0-9]{0,6}"),
        prop_oneof![path().boxed(), "[/a-zA-Z0-9.%?#&=;\\\\ ]{0,40}".boxed()],
        prop::option::of("\\?[a-z0-9=&%+]{0,20}"),
        prop::option::of("#[a-z0-9/]{0,10}"),
    )
        .prop_map(|(s, u, h, port, p, q, f)| {
            format!(
                "{s}{}{h}{}{p}{}{}",
                u.unwrap_or_default(),
                port.unwrap_or_default(),
                q.unwrap_or_default(),
                f.unwrap_or_default()
            )
        })
}

/// Upper-cases the characters where `mask` has a set bit (cycling through it).
fn recase(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().cycle())
        .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
        .collect()
}

/// Percent-escapes the unreserved characters (letters, digits, `-._~`) where `mask` is set:
/// escapes no browser needs, which must change nothing.
fn escape_unreserved(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().cycle())
        .map(|(c, &esc)| {
            if esc && (c.is_ascii_alphanumeric() || "-._~".contains(c)) {
                format!("%{:02X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Everything in a verdict except the input as typed.
fn judged(v: &Verdict) -> Verdict {
    Verdict {
        input: String::new(),
        ..v.clone()
    }
}

fn engine_at(s: Sensitivity) -> Engine {
    let settings = Settings {
        sensitivity: s,
        ..Settings::default()
    };
    Engine::new(harness::bundled_file().to_vec(), settings).unwrap()
}

fn engines_by_sensitivity() -> &'static [Engine; 3] {
    static E: OnceLock<[Engine; 3]> = OnceLock::new();
    E.get_or_init(|| {
        [
            engine_at(Sensitivity::Low),
            engine_at(Sensitivity::Normal),
            engine_at(Sensitivity::High),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Canonicalising a canonical URL gives it back unchanged.
    #[test]
    fn canonicalisation_is_idempotent(input in prop_oneof![url_shaped().boxed(), any::<String>().boxed()]) {
        if let Ok(c) = canonicalize(&input) {
            if c.url.len() <= MAX_INPUT_LEN {
                let again = canonicalize(&c.url)
                    .unwrap_or_else(|e| panic!("{input:?} -> {:?} does not parse again: {e}", c.url));
                prop_assert_eq!(&again.url, &c.url);
                prop_assert_eq!(
                    (&again.scheme, &again.host, again.host_kind, &again.path, &again.query),
                    (&c.scheme, &c.host, c.host_kind, &c.path, &c.query)
                );
            }
        }
    }

    /// Any string at all: no panic, a sane verdict.
    #[test]
    fn no_string_panics(input in any::<String>()) {
        let v = harness::bundled_engine().check(&input);
        harness::assert_sane(&input, &v);
    }

    /// URL-shaped strings (what a user or a page can produce), through `check` and `check_page`.
    #[test]
    fn no_url_shaped_input_panics(input in url_shaped(), flags in any::<u8>(), text in "[A-Za-z ]{0,40}") {
        let mut data = vec![flags];
        data.extend_from_slice(input.as_bytes());
        data.push(0);
        data.extend_from_slice(text.as_bytes());
        harness::check_input(&data);
    }

    /// The same site, spelt differently, gets the same verdict: upper case anywhere in the host
    /// and scheme, redundant escapes of unreserved characters in host and path, a trailing dot.
    #[test]
    fn spelling_does_not_change_the_verdict(
        scheme in prop::sample::select(vec!["http://", "https://", ""]),
        host in host(),
        path in path(),
        case_mask in proptest::collection::vec(any::<bool>(), 1..8),
        esc_mask in proptest::collection::vec(any::<bool>(), 1..8),
        variant in 0u8..4,
    ) {
        let engine = harness::bundled_engine();
        let plain = format!("{scheme}{host}{path}");
        let base = engine.check(&plain);
        prop_assert_ne!(base.verdict, Level::Invalid, "{} is invalid", plain);
        let spelt = match variant {
            0 => format!("{}{}{path}", recase(scheme, &case_mask), recase(&host, &case_mask)),
            1 => format!("{scheme}{}{}", escape_unreserved(&host, &esc_mask), escape_unreserved(&path, &esc_mask)),
            2 => format!("{scheme}{host}.{path}"),
            _ => format!(
                "{}{}.{}",
                recase(scheme, &case_mask),
                escape_unreserved(&recase(&host, &case_mask), &esc_mask),
                escape_unreserved(&path, &esc_mask)
            ),
        };
        let other = engine.check(&spelt);
        prop_assert_eq!(judged(&other), judged(&base), "{} vs {}", spelt, plain);
    }

    /// A higher sensitivity never makes a verdict milder (and the list and `invalid` do not
    /// depend on it at all).
    #[test]
    fn higher_sensitivity_is_never_milder(input in prop_oneof![url_shaped().boxed(), host().boxed()]) {
        let [low, normal, high] = engines_by_sensitivity();
        let (l, n, h) = (low.check(&input), normal.check(&input), high.check(&input));
        let rank = |v: &Verdict| v.verdict;
        if n.verdict == Level::Invalid || n.verdict == Level::Blocked {
            prop_assert_eq!(l.verdict, n.verdict);
            prop_assert_eq!(h.verdict, n.verdict);
        } else {
            prop_assert!(rank(&l) <= rank(&n) && rank(&n) <= rank(&h),
                "{:?}: low {:?}, normal {:?}, high {:?}", input, l.verdict, n.verdict, h.verdict);
        }
    }
}
