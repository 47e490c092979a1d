//! Hostile input never panics: `canonicalize`, `expressions`, the PSL lookups and the host-form
//! conversions give an error or a sane result on everything here, including a deterministic
//! random fuzz loop over URL-ish alphabets.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use waspada_core::builder::psl::section as psl_section;
use waspada_core::domain::{to_ascii, to_unicode, Psl};
use waspada_core::url::{canonicalize, scheme_of, Canonical, HostKind, UrlError, MAX_INPUT_LEN};

const PSL_TEXT: &str = waspada_core::builder::BUNDLED_PSL;

fn clip(s: &str) -> String {
    s.chars().take(200).collect()
}

/// What every successful result must satisfy, whatever the input.
fn assert_sane(input: &str, c: &Canonical, psl: &Psl) {
    let ctx = || format!("input {:?}", clip(input));
    assert!(c.scheme == "http" || c.scheme == "https", "{}", ctx());
    assert!(!c.host.is_empty(), "{}", ctx());
    assert!(c.host.is_ascii(), "non-ASCII host {:?}: {}", c.host, ctx());
    assert!(c.path.starts_with('/'), "{}", ctx());
    assert!(c.url.is_ascii(), "{}", ctx());
    assert!(
        !c.host.bytes().any(|b| b <= 0x20 || b >= 0x7f || b == b'#'),
        "host {:?} has raw control/space/#: {}",
        c.host,
        ctx()
    );
    assert!(
        !c.path.contains("//"),
        "path {:?}: {}",
        clip(&c.path),
        ctx()
    );
    assert!(
        !c.path.contains("/./") && !c.path.contains("/../"),
        "path {:?}: {}",
        c.path,
        ctx()
    );
    assert!(
        !c.host.contains(".."),
        "host {:?}: {}",
        clip(&c.host),
        ctx()
    );
    assert!(
        !c.host.starts_with('.') && !c.host.ends_with('.'),
        "host {:?}: {}",
        c.host,
        ctx()
    );
    assert_eq!(c.host, c.host.to_ascii_lowercase(), "{}", ctx());
    // The canonical URL is a fixed point (when it is short enough to be read whole again:
    // escaping can make it three times longer than the input).
    if c.url.len() <= MAX_INPUT_LEN {
        let again = canonicalize(&c.url)
            .unwrap_or_else(|e| panic!("{}: recanonicalizing {:?}: {e}", ctx(), clip(&c.url)));
        let same = again.url == c.url
            && (&again.host, &again.path, &again.query, again.host_kind)
                == (&c.host, &c.path, &c.query, c.host_kind);
        assert!(
            same,
            "not idempotent: {} gives {:?}, then {:?}",
            ctx(),
            clip(&c.url),
            clip(&again.url)
        );
    }
    let exprs = c.expressions();
    assert!(
        !exprs.is_empty() && exprs.len() <= 30,
        "{} expressions: {}",
        exprs.len(),
        ctx()
    );
    let site = psl.registrable_domain(&c.host);
    if c.host_kind != HostKind::Domain {
        assert_eq!(site, None, "{}", ctx());
    }
    if let Some(s) = site {
        assert!(c.host.ends_with(s), "{}", ctx());
    }
    let _ = psl.is_private_suffix(&c.host);
    let _ = to_unicode(&c.host);
}

fn check(input: &str, psl: &Psl) -> Result<Canonical, UrlError> {
    let r = canonicalize(input);
    if let Ok(c) = &r {
        assert_sane(input, c, psl);
    }
    // Errors have a message a person can read.
    if let Err(e) = &r {
        assert!(!e.to_string().is_empty());
        assert!(e.to_string().len() < 400, "long message: {e}");
    }
    let _ = scheme_of(input);
    let _ = to_ascii(input);
    r
}

fn with_psl(f: impl FnOnce(&Psl)) {
    let bytes = psl_section(PSL_TEXT).unwrap();
    let psl = Psl::new(&bytes).unwrap();
    f(&psl);
}

#[test]
fn huge_inputs_are_read_up_to_the_cap() {
    with_psl(|psl| {
        // A 1 MB query cannot hide a site: the start is read, the padding ignored.
        let mb = format!(
            "https://login.phish.example/verify/?id={}",
            "a".repeat(1 << 20)
        );
        let c = check(&mb, psl).unwrap();
        assert_eq!(c.host, "login.phish.example");
        assert!(c.path.starts_with("/verify/") && c.url.len() <= MAX_INPUT_LEN + 16);
        assert!(c
            .expressions()
            .contains(&"phish.example/verify/".to_string()));
        let mb_path = format!("http://a.com/x/{}", "%41".repeat(1 << 18));
        assert_eq!(check(&mb_path, psl).unwrap().host, "a.com");
        // Multi-byte characters across the cut.
        let wide = format!("http://a.com/{}", "ü".repeat(1 << 19));
        assert_eq!(check(&wide, psl).unwrap().host, "a.com");
        // A fragment before the cut: everything after it is the fragment anyway.
        let frag = format!("http://a.com#{}", "f".repeat(1 << 20));
        assert_eq!(check(&frag, psl).unwrap().url, "http://a.com/");
        // A site name that does not end within the cap is refused.
        let host = format!("http://{}.com/", "b".repeat(1 << 20));
        assert!(
            matches!(check(&host, psl), Err(UrlError::TooLong { len, max }) if len == host.len() && max == MAX_INPUT_LEN)
        );
        let userinfo = format!("http://{}@a.com/", "u".repeat(MAX_INPUT_LEN));
        assert!(matches!(
            check(&userinfo, psl),
            Err(UrlError::TooLong { .. })
        ));
        // 1 MB of blanks is empty; blanks around a URL are trimmed before the cap applies.
        assert_eq!(
            check(&" ".repeat(1 << 20), psl).unwrap_err(),
            UrlError::Empty
        );
        let padded = format!(
            "{}http://a.com/{}",
            " ".repeat(1 << 20),
            " ".repeat(1 << 20)
        );
        assert_eq!(check(&padded, psl).unwrap().url, "http://a.com/");
        // Just under the cap is read whole.
        let under = format!("http://a.com/{}", "c".repeat(MAX_INPUT_LEN - 20));
        assert_eq!(check(&under, psl).unwrap().path.len(), MAX_INPUT_LEN - 19);
    });
}

#[test]
fn named_hostile_inputs() {
    with_psl(|psl| {
        let deep25 = format!("http://a.com/%25{}41", "25".repeat(49));
        let ten_thousand_dots = format!("http://a{}b.com/", ".".repeat(10_000));
        let many_dots_small = format!("http://a{}b.com/", ".".repeat(5_000));
        let labels300 = format!("http://{}com/", "a.".repeat(300));
        let long_label = format!("http://{}.com/", "x".repeat(64));
        let very_long_label = format!("http://{}.com/", "y".repeat(300));
        let many_at = format!("http://{}evil.top/", "bca.co.id@".repeat(200));
        let cases: Vec<String> = vec![
            "".into(),
            "   ".into(),
            "\0".into(),
            "http://a\0b.com/".into(),
            "http://a.com/\0".into(),
            "http://a.com/%00%00".into(),
            "http://%ED%A0%80.com/".into(),
            "http://a.com/%ED%A0%80".into(),
            "http://a.com/%C0%AF".into(),
            deep25,
            ten_thousand_dots,
            many_dots_small,
            labels300,
            long_label,
            very_long_label,
            many_at,
            "http://[fe80::1%25eth0]/".into(),
            "http://[fe80::1%eth0]/".into(),
            "http://[::1".into(),
            "http://[::1]x/".into(),
            "http://[]/".into(),
            "http://[::1]:99999/".into(),
            "http://[1:2:3:4:5:6:7:8:9]/".into(),
            "http://a.com:0/".into(),
            "http://a.com:65535/".into(),
            "http://a.com:65536/".into(),
            "http://a.com:99999/".into(),
            "http://a.com:99999999999999999999/".into(),
            "http://a.com:-1/".into(),
            "http://a.com:/".into(),
            "http://a.com:8o/".into(),
            "http://раураl.com/".into(),
            "http://pаypal.com/".into(),
            "http://bca\u{202e}moc.evil/".into(),
            "http://\u{202e}lapyap.com/".into(),
            "http://bca\u{200b}.co.id/".into(),
            "http://b\u{200d}ca.co.id/".into(),
            "http://\u{feff}bca.co.id/".into(),
            "http://🏦.com/".into(),
            "http://💰💰.xn--p1ai/".into(),
            "http://xn--zz/".into(),
            "http://xn--zz.com/".into(),
            "http://xn--.com/".into(),
            "http://xn--55qx5d.cn/".into(),
            "http://a.xn--/".into(),
            "http://１２７．０．０．１/".into(),
            "http://ＢＣＡ。ｃｏ。ｉｄ/".into(),
            "http://0x7f.1/".into(),
            "http://0xffffffffff/".into(),
            "http://999999999999999999999999/".into(),
            "http://00000000000000000000000000000000000001/".into(),
            "http://1.2.3.4.5/".into(),
            "http://.../".into(),
            "http://%2e%2e%2e/".into(),
            "http://%2F%2F/".into(),
            "http://a%2Fb.com/".into(),
            "http://a%40b.com/".into(),
            "http://@/".into(),
            "http://@@@/".into(),
            "http://user:pass@/".into(),
            "http://:80/".into(),
            "http:".into(),
            "http:/".into(),
            "http://".into(),
            "https:////".into(),
            "http:\\\\evil.com\\path".into(),
            "//evil.com/".into(),
            "\\\\evil.com".into(),
            "javascript:alert(1)".into(),
            "data:text/html;base64,PHNjcmlwdD4=".into(),
            "JAVASCRIPT://%0Aalert(1)".into(),
            "http://a.com/../../../../etc/passwd".into(),
            "http://a.com/%2e%2e/%2e%2e/x".into(),
            "http://a.com/a/%252e%252e/b".into(),
            "http://a.com/?#".into(),
            "http://a.com/#?".into(),
            "http://a.com/?%23".into(),
            "http://a.com/\u{0}\u{7f}\u{80}\u{ffff}".into(),
            "http://a.com/\u{10ffff}".into(),
            "\u{1f600}".into(),
            "http%3A%2F%2F".into(),
            "http%3A%2F%2F%2F".into(),
            "%".into(),
            "%%".into(),
            "%zz".into(),
            "http://%/".into(),
            "http://%zz.com/".into(),
            "http://a.com%/".into(),
        ];
        let mut ok = 0;
        for input in &cases {
            if check(input, psl).is_ok() {
                ok += 1;
            }
        }
        println!(
            "named hostile inputs: {} cases, {ok} read as URLs, the rest refused",
            cases.len()
        );
    });
}

#[test]
fn hostile_inputs_get_the_right_kind_of_answer() {
    with_psl(|psl| {
        // Errors where a browser would not navigate.
        assert_eq!(check("", psl).unwrap_err(), UrlError::Empty);
        assert!(matches!(
            check("http://[::1", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://[fe80::1%25eth0]/", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://a.com:65536/", psl),
            Err(UrlError::Unparseable(_))
        ));
        assert!(matches!(
            check("http://a.com:99999/", psl),
            Err(UrlError::Unparseable(_))
        ));
        assert!(matches!(
            check("http://xn--zz.com/", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://\u{202e}lapyap.com/", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://%ED%A0%80.com/", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://.../", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://a%2Fb.com/", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(matches!(
            check("http://@/", psl),
            Err(UrlError::InvalidHost(_))
        ));
        assert!(
            matches!(check("javascript:alert(1)", psl), Err(UrlError::UnsupportedScheme(s)) if s == "javascript")
        );
        // Sane results where it would.
        let c = check("http://a.com:0/", psl).unwrap();
        assert_eq!(c.port, Some(0));
        let c = check(&format!("http://a{}b.com/", ".".repeat(5_000)), psl).unwrap();
        assert_eq!(c.host, "a.b.com");
        let c = check(
            &format!("http://{}evil.top/", "bca.co.id@".repeat(200)),
            psl,
        )
        .unwrap();
        assert_eq!(c.host, "evil.top");
        assert!(c.userinfo.unwrap().starts_with("bca.co.id@"));
        let c = check(&format!("http://a.com/%25{}41", "25".repeat(49)), psl).unwrap();
        assert_eq!(c.path, "/A");
        let c = check("http://a.com/%ED%A0%80", psl).unwrap();
        assert_eq!(c.path, "/%ED%A0%80");
        let c = check("http://１２７．０．０．１/", psl).unwrap();
        assert_eq!(
            (c.host.as_str(), c.host_kind),
            ("127.0.0.1", HostKind::Ipv4)
        );
        let c = check("http://ＢＣＡ。ｃｏ。ｉｄ/", psl).unwrap();
        assert_eq!(c.host, "bca.co.id");
        let c = check("http://pаypal.com/", psl).unwrap();
        assert_eq!(c.host, "xn--pypal-4ve.com");
        let c = check("http://🏦.com/", psl).unwrap();
        assert!(c.host.starts_with("xn--"), "{}", c.host);
        let c = check(&format!("http://{}com/", "a.".repeat(300)), psl).unwrap();
        assert_eq!(c.expressions().len(), 5);
        assert_eq!(psl.registrable_domain(&c.host), Some("a.com"));
        let c = check("http://a.com/../../../../etc/passwd", psl).unwrap();
        assert_eq!(c.path, "/etc/passwd");
        let c = check("http://a.com/a/%252e%252e/b", psl).unwrap();
        assert_eq!(c.path, "/b");
        let c = check("http://a.com/?%23", psl).unwrap();
        assert_eq!(c.url, "http://a.com/?%23");
    });
}

/// SplitMix64: a fixed-seed generator so the fuzz loop is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[test]
fn deterministic_fuzz_never_panics() {
    const ROUNDS: usize = 20_000;
    let ascii: Vec<char> = "abcxyz019AZ.-_~:/?#[]@!$&'()*+,;=%\\ \t\r\n\u{0}\u{1}\u{7f}"
        .chars()
        .collect();
    let unicode: Vec<char> =
        "аоеріɡ０１．。／＠\u{200b}\u{200d}\u{202e}\u{feff}\u{fffd}ü한中🏦\u{10ffff}"
            .chars()
            .collect();
    let fragments = [
        "http://",
        "https://",
        "HTTP://",
        "//",
        "xn--",
        "%25",
        "%2e",
        "%2E%2E",
        "%00",
        "%ff",
        "%ED%A0%80",
        "..",
        "./",
        "../",
        "@",
        "[",
        "]",
        "[::1]",
        ":",
        ":80",
        ":65536",
        "0x",
        "0",
        "127",
        "255.",
        "bca.co.id",
        "github.io",
        "?q=1",
        "#f",
        "www.",
        ".com",
        "\\",
        "%3A%2F%2F",
        "javascript:",
        "data:",
    ];
    with_psl(|psl| {
        let mut rng = Rng(0x5741_5350_4144_4121);
        let (mut ok, mut err) = (0usize, 0usize);
        for _ in 0..ROUNDS {
            let len = rng.below(40);
            let mut s = String::new();
            for _ in 0..len {
                match rng.below(4) {
                    0 => s.push(*rng.pick(&ascii)),
                    1 => s.push(*rng.pick(&unicode)),
                    _ => s.push_str(rng.pick::<&str>(&fragments)),
                }
            }
            // Half the time, make it look like a URL so the deep paths get exercised.
            if rng.below(2) == 0 {
                s = format!("{}{s}", rng.pick::<&str>(&["http://", "https://", ""]));
            }
            match check(&s, psl) {
                Ok(_) => ok += 1,
                Err(_) => err += 1,
            }
            // The same string as raw bytes, lossily decoded, and random bytes.
            let bytes: Vec<u8> = (0..rng.below(30)).map(|_| rng.next() as u8).collect();
            let raw = format!("http://{}", String::from_utf8_lossy(&bytes));
            let _ = check(&raw, psl);
            // PSL on arbitrary host-ish strings.
            let _ = psl.registrable_domain(&s);
            let _ = psl.public_suffix(&s);
        }
        println!("fuzz: {ROUNDS} inputs, {ok} read as URLs, {err} refused");
        assert!(
            ok > ROUNDS / 10,
            "the fuzz alphabet rarely makes URLs: {ok}"
        );
    });
}
