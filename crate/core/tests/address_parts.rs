//! The one split of an address (`url::RawUrl`, `url::canonicalize`) and the shape of the host it
//! gives (`url::Host`), as the verdicts show them.

use std::sync::OnceLock;
use waspada_core::builder::{build, Inputs};
use waspada_core::url::{canonicalize, Host, UrlError};
use waspada_core::{Engine, Settings};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let inputs = Inputs::without_sources().expect("bundled inputs");
        let bytes = build(&inputs).expect("list builds").0;
        Engine::new(bytes, Settings::default()).expect("list loads")
    })
}

fn param(input: &str, code: &str, key: &str) -> Option<String> {
    let v = engine().check(input);
    let r = v.reasons.iter().find(|r| r.code == code)?;
    r.params.get(key).cloned()
}

#[test]
fn the_rules_read_the_host_canonicalize_reads() {
    // A bare address with an empty port: the host is `1.2.3.4` written plainly, not `x` (the
    // path behind a `1.2.3.4:` that is no scheme) written in an obfuscated notation.
    assert_eq!(
        param("1.2.3.4:/x", "host.ip_literal", "notation").as_deref(),
        Some("dotted")
    );
    // Typed in another notation, it still says so, and shows what was typed.
    assert_eq!(
        param("http://0x01020304:8080/x", "host.ip_literal", "typed").as_deref(),
        Some("0x01020304")
    );
    assert_eq!(
        param(
            "https://bca.co.id@evil.top:4444/",
            "url.userinfo",
            "userinfo"
        )
        .as_deref(),
        Some("bca.co.id")
    );
    assert_eq!(
        param("https://evil.top:4444/", "url.odd_port", "port").as_deref(),
        Some("4444")
    );
}

#[test]
fn hosts_have_the_canonical_shape() {
    for input in [
        "HTTP://WWW.BCA.CO.ID./",
        "http://..a..b.com../",
        "http://ＢＣＡ。ｃｏ。ｉｄ/",
        "http://pаypal.com/",
        "http://0x7f.1/",
        "http://[0:0:0:0:0:0:0:1]/",
    ] {
        let c = canonicalize(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let h: &str = &c.host;
        assert!(!h.is_empty() && h.len() <= Host::MAX_LEN, "{input}: {h}");
        assert!(!h.split('.').any(str::is_empty), "{input}: {h}");
        assert!(
            h.bytes()
                .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase()),
            "{input}: {h}"
        );
        // The verdict names the same host.
        assert_eq!(engine().check(input).host.as_deref(), Some(h), "{input}");
    }
}

#[test]
fn a_host_that_grows_past_the_cap_is_refused() {
    // `㍿` is `株式会社` under IDNA, `xn--…` in the host: 2,000 such labels fit the input cap,
    // three times over not a host.
    let input = format!("http://{}com/", "\u{337F}.".repeat(2000));
    assert!(input.len() < waspada_core::url::MAX_INPUT_LEN);
    assert!(matches!(
        canonicalize(&input),
        Err(UrlError::InvalidHost(why)) if why.contains("longer than")
    ));
    let v = engine().check(&input);
    assert_eq!(v.verdict, waspada_core::Level::Invalid);
}
