//! The verdict over the boundary in a compact form: the core's [`Verdict`] written as bytes into
//! a buffer the checker keeps, which `extension/lib/verdict.js` reads out of the module's memory
//! into the same plain object `Checker.check` gives (the CLI's JSON shape). Building that object
//! field by field from Rust (serde-wasm-bindgen: one call across the boundary per field and per
//! string) cost about as much as the check itself; read from bytes, the object is one JS literal,
//! reason codes and parameter names come from tables read once, and equal strings (the Unicode
//! host of an ASCII host, the registrable domain inside the host) are not sent twice.
//!
//! Layout (little-endian), written after the 4-byte total length:
//!
//! ```text
//! u8 level  u8 score  u8 flags  u8 reason count
//! [host: str] [host_unicode: str] [registrable_domain: u32 offset into host | str]
//! [canonical: str | u8 scheme (0 http, 1 https), str after the host]
//! [suggestion: str]                                 (each present as `flags` says)
//! reasons: u8 code (index in `reasonCodes()`, or 0xFF then str), u8 score, u8 param count,
//!          params: u8 key (index in `paramKeys()`, or 0xFF then str), str value
//! str: u32 byte length, UTF-8 bytes
//! ```
//!
//! The verdict's `input` is not written: the caller has it.

use waspada_core::code;
use waspada_core::{Level, Verdict};

/// `host` is present.
pub const HOST: u8 = 1;
/// `host_unicode` is present and differs from `host` (written).
pub const HOST_UNICODE: u8 = 1 << 1;
/// `host_unicode` equals `host` (not written).
pub const HOST_UNICODE_SAME: u8 = 1 << 2;
/// `registrable_domain` is present, as an offset into `host`.
pub const DOMAIN_IN_HOST: u8 = 1 << 3;
/// `registrable_domain` is present, written as a string.
pub const DOMAIN: u8 = 1 << 4;
/// `canonical` is present.
pub const CANONICAL: u8 = 1 << 5;
/// `suggestion` is present.
pub const SUGGESTION: u8 = 1 << 6;
/// With [`CANONICAL`]: the canonical URL is `http://` (scheme byte 0) or `https://` (1), the
/// host, then the string written (the path and query), so the host is not sent twice.
pub const CANONICAL_AFTER_HOST: u8 = 1 << 7;

/// A code or a key not in its table: written out as a string after this byte.
pub const SPELLED: u8 = 0xFF;

/// The parameter names the checks use, in a fixed order (a name missing here is spelled out,
/// so this table only saves work; it never limits what a reason may carry).
pub const PARAM_KEYS: [&str; 36] = [
    "brand",
    "category",
    "cid",
    "count",
    "distance",
    "encoding",
    "error",
    "ext",
    "file",
    "folder",
    "gateway",
    "host",
    "hosting",
    "ip",
    "keyword",
    "keywords",
    "kind",
    "label",
    "level",
    "list",
    "match",
    "mime",
    "notation",
    "port",
    "scheme",
    "shortener",
    "site",
    "source",
    "suffix",
    "target",
    "tld",
    "typed",
    "userinfo",
    "where",
    "with",
    "lure",
];

/// The byte `level` is written as; `extension/lib/verdict.js` reads it back by this order.
pub const LEVELS: [Level; 5] = [
    Level::Safe,
    Level::Suspicious,
    Level::Dangerous,
    Level::Blocked,
    Level::Invalid,
];

fn level_byte(level: Level) -> u8 {
    LEVELS.iter().position(|l| *l == level).unwrap_or(4) as u8
}

fn index_in(table: &[&str], s: &str) -> Option<u8> {
    table
        .iter()
        .position(|t| t.len() == s.len() && *t == s)
        .and_then(|i| u8::try_from(i).ok())
        .filter(|&i| i != SPELLED)
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_indexed(out: &mut Vec<u8>, table: &[&str], s: &str) {
    match index_in(table, s) {
        Some(i) => out.push(i),
        None => {
            out.push(SPELLED);
            put_str(out, s);
        }
    }
}

/// Writes `verdict` into `out` (cleared first), its total length in the first four bytes.
/// Counts above 255 (reasons, parameters) cannot occur (the checks give a handful); were they
/// to, the extra ones are left out rather than misread.
pub fn encode(verdict: &Verdict, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(&[0; 4]);
    let host = verdict.host.as_deref();
    let mut flags = 0;
    if host.is_some() {
        flags |= HOST;
    }
    match (&verdict.host_unicode, host) {
        (Some(u), Some(h)) if u == h => flags |= HOST_UNICODE_SAME,
        (Some(_), _) => flags |= HOST_UNICODE,
        (None, _) => {}
    }
    let domain_at = match (&verdict.registrable_domain, host) {
        (Some(d), Some(h)) if h.is_ascii() && h.ends_with(d.as_str()) => {
            flags |= DOMAIN_IN_HOST;
            Some(h.len() - d.len())
        }
        (Some(_), _) => {
            flags |= DOMAIN;
            None
        }
        (None, _) => None,
    };
    // `(scheme byte, path and query)` when the canonical URL is the scheme, the host and a rest.
    let after_host = match (&verdict.canonical, host) {
        (Some(c), Some(h)) => {
            [("http://", 0u8), ("https://", 1)]
                .iter()
                .find_map(|&(scheme, byte)| {
                    c.strip_prefix(scheme)
                        .and_then(|r| r.strip_prefix(h))
                        .map(|rest| (byte, rest))
                })
        }
        _ => None,
    };
    if verdict.canonical.is_some() {
        flags |= CANONICAL;
    }
    if after_host.is_some() {
        flags |= CANONICAL_AFTER_HOST;
    }
    if verdict.suggestion.is_some() {
        flags |= SUGGESTION;
    }
    let reasons = &verdict.reasons[..verdict.reasons.len().min(255)];
    out.extend_from_slice(&[
        level_byte(verdict.verdict),
        verdict.score,
        flags,
        reasons.len() as u8,
    ]);
    if let Some(h) = host {
        put_str(out, h);
    }
    if flags & HOST_UNICODE != 0 {
        put_str(out, verdict.host_unicode.as_deref().unwrap_or_default());
    }
    if let Some(at) = domain_at {
        put_u32(out, at);
    } else if let Some(d) = &verdict.registrable_domain {
        put_str(out, d);
    }
    if let Some((scheme, rest)) = after_host {
        out.push(scheme);
        put_str(out, rest);
    } else if let Some(c) = &verdict.canonical {
        put_str(out, c);
    }
    if let Some(s) = &verdict.suggestion {
        put_str(out, s);
    }
    for reason in reasons {
        put_indexed(out, &code::ALL, &reason.code);
        let params = reason.params.len().min(255);
        out.extend_from_slice(&[reason.score, params as u8]);
        for (key, value) in reason.params.iter().take(params) {
            put_indexed(out, &PARAM_KEYS, key);
            put_str(out, value);
        }
    }
    let total = u32::try_from(out.len()).unwrap_or(u32::MAX).to_le_bytes();
    out[..4].copy_from_slice(&total);
}

#[cfg(test)]
mod tests {
    use super::*;
    use waspada_core::Reason;

    fn verdict() -> Verdict {
        Verdict {
            input: "http://xn--bca-login.example/".into(),
            verdict: Level::Dangerous,
            score: 80,
            host: Some("login.klikbca-verify.com".into()),
            host_unicode: Some("login.klikbca-verify.com".into()),
            registrable_domain: Some("klikbca-verify.com".into()),
            canonical: Some("http://login.klikbca-verify.com/".into()),
            reasons: vec![
                Reason::new(code::EMBEDDED, 60).with("brand", "BCA"),
                Reason::new("not.a.code", 0).with("odd key", "é"),
            ],
            suggestion: Some("klikbca.com".into()),
        }
    }

    #[test]
    fn equal_strings_are_not_sent_twice_and_unknown_names_are_spelled_out() {
        let mut out = Vec::new();
        encode(&verdict(), &mut out);
        assert_eq!(
            u32::from_le_bytes(out[..4].try_into().unwrap()) as usize,
            out.len()
        );
        assert_eq!(out[4], 2, "dangerous is the third level");
        assert_eq!(out[5], 80);
        assert_eq!(
            out[6],
            HOST | HOST_UNICODE_SAME
                | DOMAIN_IN_HOST
                | CANONICAL
                | CANONICAL_AFTER_HOST
                | SUGGESTION
        );
        assert_eq!(out[7], 2);
        let text = String::from_utf8_lossy(&out);
        assert_eq!(
            text.matches("klikbca-verify.com").count(),
            1,
            "the host only: the registrable domain and the canonical URL point into it"
        );
        assert!(text.contains("not.a.code") && text.contains("odd key"));
        assert!(!text.contains("brand.embedded"), "a known code is an index");
    }

    #[test]
    fn levels_are_the_verdict_order_and_names_fit_their_tables() {
        assert!(LEVELS.windows(2).all(|w| w[0] < w[1]));
        assert!(code::ALL.len() < usize::from(SPELLED));
        assert!(PARAM_KEYS.len() < usize::from(SPELLED));
        let mut keys = PARAM_KEYS.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), PARAM_KEYS.len());
    }
}
