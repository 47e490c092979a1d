//! Scam-pattern rules on words: lure and gambling words respect word boundaries, compound names
//! chain words, and a brand's own label is its name, not a lure (see `tests/rules.rs`).
#![cfg(feature = "builder")]
#![allow(clippy::panic, clippy::unwrap_used)]

#[path = "common/rules.rs"]
mod common;

use common::{check, check_with_brand, has, quiet, reason, SUSPICIOUS};

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
fn words_inside_the_brand_label_are_the_name_not_lures() {
    let codes_of = |url: &str, brand: Option<&str>| -> Vec<String> {
        check_with_brand(url, brand)
            .into_iter()
            .filter(|r| r.score > 0)
            .map(|r| r.code.into_owned())
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
