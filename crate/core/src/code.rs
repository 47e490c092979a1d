//! Every reason code the core gives, in one list ([`ALL`]): the checks name their reasons with
//! these constants, `waspada reasons --json` prints the list, and the extension's locale check and
//! tests read it from there. The `_locales` message key of a code is `reason_` + the code with its
//! dots turned into underscores.

// The pipeline (`engine`).
/// The input is not a URL the browser would open.
pub const INVALID: &str = "url.invalid";
/// A scheme other than http(s), `data:` and `javascript:` (informative).
pub const NOT_WEB: &str = "url.not_web";
/// The user trusts this site.
pub const TRUSTED: &str = "trust.user";
/// On the blocklist.
pub const BLOCKED: &str = "list.blocked";
/// An official domain of a protected brand (informative).
pub const OFFICIAL: &str = "site.official";
/// A popular site (informative).
pub const POPULAR: &str = "site.popular";

// Lookalikes (`lookalike`).
pub const HOMOGLYPH: &str = "lookalike.homoglyph";
pub const TYPO: &str = "lookalike.typo";
pub const TLD_SWAP: &str = "lookalike.tld_swap";
pub const COMBOSQUAT: &str = "lookalike.combosquat";
pub const EMBEDDED: &str = "brand.embedded";
pub const BRAND_IN_PATH: &str = "brand.in_path";

// The page probe (`engine::check_page`).
pub const PAGE_BRAND: &str = "page.brand";
pub const CREDENTIAL_FORM: &str = "page.credential_form";

// Scam-pattern rules (`rules`).
pub const USERINFO: &str = "url.userinfo";
pub const IP_LITERAL: &str = "host.ip_literal";
pub const PUNYCODE: &str = "host.punycode";
pub const MIXED_SCRIPT: &str = "host.mixed_script";
pub const RESTRICTED_CHARS: &str = "host.restricted_chars";
pub const TLD_ABUSED: &str = "tld.abused";
pub const SHORTENER: &str = "url.shortener";
pub const HOSTING_FREE: &str = "hosting.free";
pub const DOWNLOAD: &str = "download.executable";
pub const MANY_SUBDOMAINS: &str = "host.many_subdomains";
pub const MANY_HYPHENS: &str = "host.many_hyphens";
pub const MANY_DIGITS: &str = "host.many_digits";
pub const RANDOM_LABEL: &str = "host.random_label";
pub const ODD_PORT: &str = "url.odd_port";
pub const LURE: &str = "keyword.lure";
pub const GAMBLING: &str = "keyword.gambling";
pub const DATA: &str = "scheme.data";
pub const JAVASCRIPT: &str = "scheme.javascript";
pub const IPFS: &str = "hosting.ipfs";
pub const KIT_PATH: &str = "url.kit_path";
pub const EMAIL: &str = "url.email";

/// Every code above, in this order.
pub const ALL: [&str; 35] = [
    INVALID,
    NOT_WEB,
    TRUSTED,
    BLOCKED,
    OFFICIAL,
    POPULAR,
    HOMOGLYPH,
    TYPO,
    TLD_SWAP,
    COMBOSQUAT,
    EMBEDDED,
    BRAND_IN_PATH,
    PAGE_BRAND,
    CREDENTIAL_FORM,
    USERINFO,
    IP_LITERAL,
    PUNYCODE,
    MIXED_SCRIPT,
    RESTRICTED_CHARS,
    TLD_ABUSED,
    SHORTENER,
    HOSTING_FREE,
    DOWNLOAD,
    MANY_SUBDOMAINS,
    MANY_HYPHENS,
    MANY_DIGITS,
    RANDOM_LABEL,
    ODD_PORT,
    LURE,
    GAMBLING,
    DATA,
    JAVASCRIPT,
    IPFS,
    KIT_PATH,
    EMAIL,
];

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ALL {
            assert!(seen.insert(c), "{c} listed twice");
            let (family, name) = c.split_once('.').unwrap_or(("", ""));
            assert!(!family.is_empty() && !name.is_empty(), "{c}");
            assert!(
                c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'),
                "{c}"
            );
        }
    }
}
