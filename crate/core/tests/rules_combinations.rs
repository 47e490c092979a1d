//! Scam-pattern rules that combine hints: free hosting, IPFS gateways, abused TLDs, kit folders,
//! coded e-mail addresses and staging hosts are suspicious with a second hint, and combinations
//! never make a page dangerous alone (see `tests/rules.rs`).
#![cfg(feature = "builder")]
#![allow(clippy::panic, clippy::unwrap_used)]

#[path = "common/rules.rs"]
mod common;

use common::{has, quiet, reason, total, DANGEROUS, SUSPICIOUS};

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
fn blog_hosts_gain_the_combination_only_for_a_lure_word_or_a_random_name() {
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
    // A machine-made name is one (blp-phishing `dafsadfsdfsdfs.blogspot.de`, OpenPhish
    // `jkdhdlgkhsdlk-kjkewhtuietkfjd.azurewebsites.net`).
    for url in [
        "https://dafsadfsdfsdfs.blogspot.de/",
        "https://jkdhdlgkhsdlk-kjkewhtuietkfjd.azurewebsites.net/",
    ] {
        let r = reason(url, "hosting.free");
        assert_eq!(
            r.params.get("with").map(String::as_str),
            Some("host.random_label")
        );
        let t = total(url);
        assert!(
            t >= u32::from(SUSPICIOUS) && t < u32::from(DANGEROUS),
            "{url}: {t}"
        );
    }
    // A hyphen or digits in a blogger's name are not a hint there, nor many hyphens, nor a
    // name that reads as words (top-100k `resep-nenek`-like blogs).
    for url in [
        "https://my-travel-notes.blogspot.com/",
        "https://budi2024.blogspot.com/",
        "https://cara-membuat-kue-enak.blogspot.com/",
        "https://kumpulanresepmasakan.blogspot.com/",
    ] {
        assert!(total(url) < u32::from(SUSPICIOUS), "{url}");
    }
}
