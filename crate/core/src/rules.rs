//! Scam-pattern rules: structural hints about a URL (credentials before the host, IP hosts, mixed
//! scripts, abused TLDs, shorteners, free hosting, executable downloads, piles of subdomains,
//! hyphens and digits, odd ports, lure and gambling words, `data:`/`javascript:` navigations),
//! each with a weight kept as data.
//!
//! The word lists and weights live in `crate/core/data/rules/*.tsv` and are compiled into one
//! section, `RULE`, by `sections` (feature `builder`). [`Rules`] views that section in place: no
//! parsing and no allocation at load, binary searches at check time, and keyword matching that
//! walks the host and path once, trying at each position only the words that start with that byte.
//!
//! # Weights
//! Each reason's `score` is the points it adds; `score::combine` adds them up and maps the sum to a
//! level (on Normal, suspicious from 40 and dangerous from 70 points: `score::thresholds`).
//! Structural hints alone stay below the suspicious threshold; what flags a URL by itself is only
//! what is never innocent: a domain disguised as credentials (`url.userinfo`), an IP address in an
//! obfuscated notation, page-rendering `data:` and `javascript:` navigations, script downloads,
//! distinctive gambling words, a page served from IPFS (`hosting.ipfs`), a page inside a site's
//! system folder (`url.kit_path`), an email address coded in base64 into the link (`url.email`)
//! and a platform's staging address (`hosting.free` of 40 points: `r2.dev`, `workers.dev`,
//! `webflow.io`, temporary domains; `hosting_extra.tsv`).
//!
//! Two combinations raise a weak reason when a second hint backs it (the reason keeps its code
//! and says what raised it in `with`): a user's page on one of the most abused hosting platforms
//! (`hosting.free` of `hosting.free_combined_min` points or more) plus digits or a hyphen in the
//! user's label, another shape hint, a lure word or an odd port gains
//! `hosting.free_combined`; an abused TLD (`tld.abused_combined_min` points or more) plus a
//! subdomain label with digits or a hyphen (under the worst TLDs, `tld.abused_subdomain_min`
//! points or more, any subdomain but a site's own service names) gains `tld.abused_combined`.
//! Neither lifts the URL's total past `combined.ceiling`: a combination makes a page suspicious,
//! never dangerous. A staging address gets no bonus, and the shape of its name adds at most up to
//! the ceiling (the platform often chose the name).
//!
//! # Reason codes and params (for the `_locales` messages `reason_<code with _>`)
//! | code | params | when |
//! |---|---|---|
//! | `url.userinfo` | `userinfo`, `host` | a name before `@` in the authority (70 if it looks like a domain, else 15) |
//! | `host.ip_literal` | `ip`, `notation` (dotted / obfuscated / ipv6), `typed` | a public IP host; any non-dotted notation is worse |
//! | `host.punycode` | `label`, `level` (single / dressed_latin) | an IDN; accent-dressed Latin under a generic TLD or `.id` is suspicious |
//! | `host.mixed_script` | `label`, `level` (minimal / moderate / whole_script) | scripts mixed in one label, or a wholly non-Latin label that reads as Latin |
//! | `host.restricted_chars` | `label`, `level` | characters UTS #39 does not allow in identifiers |
//! | `tld.abused` | `tld`, (`with`) | an abused TLD (points per TLD); `with=subdomain` when a subdomain label with digits or hyphens raised it |
//! | `url.shortener` | `shortener` | a shortened link (not the shortener's home page) |
//! | `hosting.free` | `suffix`, (`with`), (`kind=staging`) | a user's site on a free-hosting / site-builder platform; `with` names the second hint that raised it (see below); `kind=staging` for a platform's temporary or preview address |
//! | `url.email` | `where` (path / query / fragment), `encoding` (base64 / none) | an email address carried in the link: base64-coded suspicious alone, plain a hint; the address is not echoed |
//! | `url.kit_path` | `folder` | a page inside a site's system folder (`wp-includes/…/login.php`, `.well-known/…/index.html`): a phishing kit dropped on a hacked site |
//! | `hosting.ipfs` | `cid`, `gateway` | a page served from IPFS through a gateway (`/ipfs/<CID>` or a `<CID>.ipfs.` host) |
//! | `download.executable` | `file`, `ext`, `lure` | an .apk/.exe/.scr/... download |
//! | `host.many_subdomains` / `host.many_hyphens` | `count` | 4+ subdomain labels / 3+ hyphens in a label |
//! | `host.many_digits` / `host.random_label` | `label`, (`kind`) | digit-heavy / machine-made owner label |
//! | `url.odd_port` | `port` | an explicit unusual port |
//! | `keyword.lure` | `keyword`, `keywords`, `where` (host / path) | scam lure words |
//! | `keyword.gambling` | `keyword`, `keywords`, `where`, `category=gambling` | online-gambling words |
//! | `scheme.data` | `mime` | a `data:` URL (page-rendering types are dangerous) |
//! | `scheme.javascript` | — | a `javascript:` URL |
//!
//! [`Rules::is_user_content`] tells the engine that a host is a user's page on a platform (not
//! the popular platform itself), so such pages still get the heuristics.
//!
//! # Section `RULE` (all integers little-endian)
//! ```text
//! 0    4   format version (1)
//! 4    4   table count t (5)
//! 8    8t  table directory: offset u32, length u32 (relative to the section), in the order
//!          weights, tlds, shorteners, hosting, keywords
//! ```
//! Every table is a sorted string table:
//! ```text
//! 0      4    entry count n
//! 4      4    value width w (bytes per entry)
//! 8      4n   end offset of each key in the text (u32, non-decreasing)
//! 8+4n   wn   values
//! ...    ...  keys: lower-case ASCII, strictly increasing byte order, concatenated
//! ```
//! Values: weights 1 byte (points); tlds 1 byte (points); shorteners none; hosting 1 byte
//! (points); keywords 4 bytes (class, mode, host points, path points).

use crate::error::DataError;
use crate::format::{read_u32, Envelope, Tag};
use crate::verdict::Reason;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The rules section.
pub const RULES_TAG: Tag = *b"RULE";
/// The section format this build reads and writes.
pub const RULES_VERSION: u32 = 1;

const TABLES: usize = 5;
const T_WEIGHTS: usize = 0;
const T_TLDS: usize = 1;
const T_SHORTENERS: usize = 2;
const T_HOSTING: usize = 3;
const T_KEYWORDS: usize = 4;
const TABLE_NAMES: [&str; TABLES] = ["weights", "tlds", "shorteners", "hosting", "keywords"];
const VALUE_WIDTHS: [u32; TABLES] = [1, 1, 0, 1, 4];

/// How much of the path and query keyword matching reads.
const MAX_PATH_SCAN: usize = 1024;
/// The most keyword matches kept per URL (the rest are ignored; the caps are reached long before).
const MAX_MATCHES: usize = 64;

/// Every reason code this module emits, with the weight key that gives its points.
/// The `_locales` message key of each is `reason_` + code with dots turned into underscores.
pub mod code {
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

    pub const ALL: [&str; 21] = [
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
}

/// Weight keys `weights.tsv` must define (the builder refuses a file that lacks one or has another).
pub const WEIGHT_KEYS: [&str; 42] = [
    "download.executable",
    "download.executable_script",
    "download.executable_windows",
    "download.with_lure",
    "host.ip_literal",
    "host.ip_obfuscated",
    "host.many_digits",
    "host.many_hyphens",
    "host.many_hyphens_lots",
    "host.many_subdomains",
    "host.many_subdomains_deep",
    "host.mixed_script",
    "host.mixed_script_moderate",
    "host.punycode",
    "host.punycode_latin",
    "host.random_label",
    "host.restricted_chars",
    "keyword.cap",
    "keyword.gambling_cap",
    "keyword.gambling_digits",
    "keyword.lure_stacked",
    "scheme.data",
    "scheme.data_other",
    "scheme.javascript",
    "url.odd_port",
    "url.shortener",
    "url.userinfo",
    "url.userinfo_plain",
    "hosting.free_max",
    "hosting.free_combined",
    "hosting.free_combined_min",
    "hosting.free_lure_min",
    "hosting.ipfs",
    "tld.abused_combined",
    "tld.abused_combined_min",
    "tld.abused_subdomain_min",
    "url.kit_path",
    "url.email",
    "url.email_encoded",
    "combined.ceiling",
    "page.credential_form",
    "page.brand",
];

/// Reasons about the URL itself rather than the site it points to: the engine keeps these even on
/// an official or popular site (a `.apk` download from a file host, a domain disguised as
/// credentials in front of a popular host, a `data:` page).
pub fn applies_on_official_site(code: &str) -> bool {
    matches!(
        code,
        code::USERINFO | code::DOWNLOAD | code::DATA | code::JAVASCRIPT | code::IP_LITERAL
    )
}

/// True for reasons that belong to the gambling category (the engine drops them when the user
/// disabled that category). Every such reason also carries the param `category=gambling`.
pub fn is_gambling(code: &str) -> bool {
    code == code::GAMBLING
}

/// Keyword classes (first value byte of a keyword entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    Lure = 0,
    Gambling = 1,
    /// An ordinary word that contains a keyword (`judicial` ⊃ `judi`): matches inside it are ignored.
    Except = 2,
}

impl WordClass {
    fn from_u8(v: u8) -> Option<WordClass> {
        match v {
            0 => Some(WordClass::Lure),
            1 => Some(WordClass::Gambling),
            2 => Some(WordClass::Except),
            _ => None,
        }
    }
    #[cfg(feature = "builder")]
    fn parse(s: &str) -> Option<WordClass> {
        match s {
            "lure" => Some(WordClass::Lure),
            "gambling" => Some(WordClass::Gambling),
            "except" => Some(WordClass::Except),
            _ => None,
        }
    }
}

/// Where in a label or path token a keyword must sit (second value byte of a keyword entry).
/// A boundary is the start or end of the text or any byte that is not an ASCII letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordMode {
    Any = 0,
    /// A boundary before or after.
    Edge = 1,
    /// Boundaries before and after.
    Word = 2,
    /// A boundary before.
    Start = 3,
    /// A boundary after.
    End = 4,
}

impl WordMode {
    fn from_u8(v: u8) -> Option<WordMode> {
        match v {
            0 => Some(WordMode::Any),
            1 => Some(WordMode::Edge),
            2 => Some(WordMode::Word),
            3 => Some(WordMode::Start),
            4 => Some(WordMode::End),
            _ => None,
        }
    }
    #[cfg(feature = "builder")]
    fn parse(s: &str) -> Option<WordMode> {
        match s {
            "any" => Some(WordMode::Any),
            "edge" => Some(WordMode::Edge),
            "word" => Some(WordMode::Word),
            "start" => Some(WordMode::Start),
            "end" => Some(WordMode::End),
            _ => None,
        }
    }
    fn accepts(self, before: bool, after: bool) -> bool {
        match self {
            WordMode::Any => true,
            WordMode::Edge => before || after,
            WordMode::Word => before && after,
            WordMode::Start => before,
            WordMode::End => after,
        }
    }
}

/// A sorted string table viewed in place.
#[derive(Clone, Copy, Debug)]
struct StrTable<'a> {
    n: usize,
    width: usize,
    ends: &'a [u8],
    values: &'a [u8],
    text: &'a [u8],
}

impl<'a> StrTable<'a> {
    fn parse(bytes: &'a [u8], name: &str, width: u32) -> Result<StrTable<'a>, DataError> {
        let bad = |what: &str| DataError::Corrupt(format!("rules {name} table: {what}"));
        let n = read_u32(bytes, 0).ok_or_else(|| bad("truncated header"))? as usize;
        let w = read_u32(bytes, 4).ok_or_else(|| bad("truncated header"))?;
        if w != width {
            return Err(bad(&format!("value width {w}, expected {width}")));
        }
        let width = w as usize;
        let ends_len = n
            .checked_mul(4)
            .ok_or_else(|| bad("entry count overflows"))?;
        let values_len = n
            .checked_mul(width)
            .ok_or_else(|| bad("entry count overflows"))?;
        let ends_end = 8usize
            .checked_add(ends_len)
            .ok_or_else(|| bad("entry count overflows"))?;
        let values_end = ends_end
            .checked_add(values_len)
            .ok_or_else(|| bad("entry count overflows"))?;
        let ends = bytes
            .get(8..ends_end)
            .ok_or_else(|| bad("offsets overrun the table"))?;
        let values = bytes
            .get(ends_end..values_end)
            .ok_or_else(|| bad("values overrun the table"))?;
        let text = bytes
            .get(values_end..)
            .ok_or_else(|| bad("text overruns the table"))?;
        let t = StrTable {
            n,
            width,
            ends,
            values,
            text,
        };
        // The last end offset must be the text length: checks the table's size in O(1).
        let last = if n == 0 {
            0
        } else {
            t.end(n - 1).ok_or_else(|| bad("offsets"))?
        };
        if last != text.len() {
            return Err(bad("text length does not match the offsets"));
        }
        Ok(t)
    }

    fn end(&self, i: usize) -> Option<usize> {
        read_u32(self.ends, i.checked_mul(4)?).map(|v| v as usize)
    }

    fn key(&self, i: usize) -> Option<&'a [u8]> {
        let start = if i == 0 { 0 } else { self.end(i - 1)? };
        let end = self.end(i)?;
        self.text.get(start..end)
    }

    fn value(&self, i: usize) -> Option<&'a [u8]> {
        let at = i.checked_mul(self.width)?;
        self.values.get(at..at.checked_add(self.width)?)
    }

    /// Index of `key` (exact, bytewise), if present.
    fn find(&self, key: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid)?.cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The first byte of key `i` (keys are never empty; 0 if the table is malformed).
    fn first_byte(&self, i: usize) -> u8 {
        self.key(i).and_then(|k| k.first().copied()).unwrap_or(0)
    }

    /// The index range of keys starting with byte `b`.
    fn first_byte_range(&self, b: u8) -> (usize, usize) {
        let lower = |target: u8| {
            let (mut lo, mut hi) = (0usize, self.n);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.first_byte(mid) < target {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let start = lower(b);
        let end = if b == u8::MAX { self.n } else { lower(b + 1) };
        (start, end)
    }

    /// Full check: offsets non-decreasing, keys non-empty, lower-case ASCII, strictly increasing.
    fn validate(&self, name: &str) -> Result<(), DataError> {
        let bad = |what: String| DataError::Corrupt(format!("rules {name} table: {what}"));
        let mut prev: Option<&[u8]> = None;
        for i in 0..self.n {
            let key = self
                .key(i)
                .ok_or_else(|| bad(format!("entry {i} out of bounds")))?;
            if key.is_empty() {
                return Err(bad(format!("entry {i} is empty")));
            }
            if key
                .iter()
                .any(|b| !b.is_ascii() || b.is_ascii_uppercase() || b.is_ascii_control())
            {
                return Err(bad(format!("entry {i} is not lower-case ASCII")));
            }
            if let Some(p) = prev {
                if p >= key {
                    return Err(bad(format!("entry {i} is out of order")));
                }
            }
            prev = Some(key);
        }
        Ok(())
    }
}

/// The rules section, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Rules<'a> {
    tables: [StrTable<'a>; TABLES],
    /// The confusable folds (`CONF`) for the whole-script homograph test; `None` when viewed
    /// from a lone `RULE` section.
    confusables: Option<crate::confusables::Confusables<'a>>,
}

/// What the rules see about one URL, in the engine's terms (see [`crate::engine::Subject`]); the
/// rules read the raw input for what canonicalization erases (credentials, IP notation, port).
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleInput<'a> {
    pub input: &'a str,
    pub scheme: &'a str,
    pub host: &'a str,
    pub host_unicode: &'a str,
    pub registrable_domain: Option<&'a str>,
    pub public_suffix: Option<&'a str>,
    pub private_suffix: bool,
}

impl<'a> From<&crate::engine::Subject<'a>> for RuleInput<'a> {
    fn from(s: &crate::engine::Subject<'a>) -> RuleInput<'a> {
        RuleInput {
            input: s.input,
            scheme: s.scheme,
            host: s.host,
            host_unicode: s.host_unicode,
            registrable_domain: s.registrable_domain,
            public_suffix: s.public_suffix,
            private_suffix: s.private_suffix,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Match {
    word: usize,
    start: usize,
    end: usize,
    in_host: bool,
    class: WordClass,
    points: u8,
    mode: WordMode,
    /// A boundary before / after the match in its text.
    before: bool,
    after: bool,
    /// The match sits where its mode allows (directly or next to another accepted keyword).
    ok: bool,
}

impl<'a> Rules<'a> {
    /// Views the `RULE` section of a validated envelope. Checks the section's structure in
    /// O(tables); [`Rules::validate`] checks every entry (for tools and tests: the file's checksum
    /// already guards what the engine loads, and a bad entry only misses, never panics).
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Rules<'a>, DataError> {
        let confusables = crate::confusables::Confusables::from_envelope(env, bytes)?;
        Rules::from_envelope_with(env, bytes, confusables)
    }

    /// Like [`Rules::from_envelope`], with a `CONF` view the caller already checked (the engine
    /// shares the lookalike module's: the section is checked once per load, not twice).
    pub fn from_envelope_with(
        env: &Envelope,
        bytes: &'a [u8],
        confusables: crate::confusables::Confusables<'a>,
    ) -> Result<Rules<'a>, DataError> {
        let range = env
            .section(RULES_TAG)
            .ok_or(DataError::MissingSection("RULE"))?;
        let section = bytes
            .get(range)
            .ok_or_else(|| DataError::Corrupt("rules section out of bounds".into()))?;
        Ok(Rules {
            confusables: Some(confusables),
            ..Rules::from_section(section)?
        })
    }

    /// Views a `RULE` section's bytes (without the `CONF` section, the whole-script homograph
    /// test never fires: use [`Rules::from_envelope`]).
    pub fn from_section(section: &'a [u8]) -> Result<Rules<'a>, DataError> {
        let bad = |what: &str| DataError::Corrupt(format!("rules section: {what}"));
        let version = read_u32(section, 0).ok_or_else(|| bad("truncated"))?;
        if version != RULES_VERSION {
            return Err(bad(&format!(
                "version {version}, this build reads {RULES_VERSION}"
            )));
        }
        let count = read_u32(section, 4).ok_or_else(|| bad("truncated"))? as usize;
        if count != TABLES {
            return Err(bad(&format!("{count} tables, expected {TABLES}")));
        }
        let mut tables = [StrTable {
            n: 0,
            width: 0,
            ends: &[],
            values: &[],
            text: &[],
        }; TABLES];
        for (i, slot) in tables.iter_mut().enumerate() {
            let name = TABLE_NAMES.get(i).copied().unwrap_or("?");
            let off =
                read_u32(section, 8 + 8 * i).ok_or_else(|| bad("truncated directory"))? as usize;
            let len =
                read_u32(section, 12 + 8 * i).ok_or_else(|| bad("truncated directory"))? as usize;
            let body = off
                .checked_add(len)
                .and_then(|end| section.get(off..end))
                .ok_or_else(|| bad(&format!("{name} table out of bounds")))?;
            let width = VALUE_WIDTHS.get(i).copied().unwrap_or(0);
            *slot = StrTable::parse(body, name, width)?;
        }
        Ok(Rules {
            tables,
            confusables: None,
        })
    }

    /// Checks every entry of every table (order, case, value ranges) and that every weight key is
    /// present. O(entries); run once when a data file is loaded.
    pub fn validate(&self) -> Result<(), DataError> {
        for (t, name) in self.tables.iter().zip(TABLE_NAMES) {
            t.validate(name)?;
        }
        for key in WEIGHT_KEYS {
            if self.tables[T_WEIGHTS].find(key.as_bytes()).is_none() {
                return Err(DataError::Corrupt(format!("rules weights lack {key}")));
            }
        }
        let kw = &self.tables[T_KEYWORDS];
        for i in 0..kw.n {
            let v = kw.value(i).unwrap_or(&[]);
            let ok = v.len() == 4
                && WordClass::from_u8(v[0]).is_some()
                && WordMode::from_u8(v[1]).is_some();
            if !ok {
                return Err(DataError::Corrupt(format!(
                    "rules keyword {i} has a bad class or mode"
                )));
            }
        }
        Ok(())
    }

    /// Number of entries in each table: weights, tlds, shorteners, hosting suffixes, keywords.
    pub fn counts(&self) -> [usize; TABLES] {
        let mut out = [0; TABLES];
        for (o, t) in out.iter_mut().zip(self.tables.iter()) {
            *o = t.n;
        }
        out
    }

    /// The points of a weight key (0 if absent, which [`Rules::validate`] rules out).
    pub fn weight(&self, key: &str) -> u8 {
        let t = &self.tables[T_WEIGHTS];
        t.find(key.as_bytes())
            .and_then(|i| t.value(i))
            .and_then(|v| v.first().copied())
            .unwrap_or(0)
    }

    /// Points of an abused TLD (the public suffix, e.g. `my.id`, or the last label).
    pub fn tld_points(&self, suffix: &str) -> u8 {
        let t = &self.tables[T_TLDS];
        t.find(suffix.as_bytes())
            .and_then(|i| t.value(i))
            .and_then(|v| v.first().copied())
            .unwrap_or(0)
    }

    /// True if `domain` is a known link shortener.
    pub fn is_shortener(&self, domain: &str) -> bool {
        self.tables[T_SHORTENERS].find(domain.as_bytes()).is_some()
    }

    /// Points of a free-hosting suffix (PSL private section), if listed.
    pub fn hosting_points(&self, suffix: &str) -> Option<u8> {
        let t = &self.tables[T_HOSTING];
        t.find(suffix.as_bytes())
            .and_then(|i| t.value(i))
            .and_then(|v| v.first().copied())
    }

    /// The scam-pattern reasons for one URL, as the engine sees it. Reasons that are about the
    /// URL itself rather than the site are marked by [`applies_on_official_site`]; gambling reasons
    /// by [`is_gambling`] (param `category=gambling`).
    pub fn evaluate(&self, subject: &crate::engine::Subject) -> Vec<Reason> {
        self.evaluate_input(&RuleInput::from(subject))
    }

    /// The scam-pattern reasons for one URL.
    pub fn evaluate_input(&self, s: &RuleInput) -> Vec<Reason> {
        let mut out = Vec::new();
        let scheme = s.scheme;
        if scheme.eq_ignore_ascii_case("javascript") {
            out.push(Reason::new(
                code::JAVASCRIPT,
                self.weight("scheme.javascript"),
            ));
            return out;
        }
        if scheme.eq_ignore_ascii_case("data") {
            let mime = data_mime(s.input);
            let renders = matches!(
                mime.as_str(),
                "text/html"
                    | "application/xhtml+xml"
                    | "image/svg+xml"
                    | "text/javascript"
                    | "application/javascript"
                    | "text/xml"
                    | "application/xml"
            );
            let w = if renders {
                self.weight("scheme.data")
            } else {
                self.weight("scheme.data_other")
            };
            out.push(Reason::new(code::DATA, w).with("mime", mime));
            return out;
        }
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return out;
        }
        let raw = RawUrl::split(s.input);
        self.check_userinfo(&raw, s, &mut out);
        let ip = self.check_ip(&raw, s, &mut out);
        self.check_port(&raw, scheme, &mut out);
        self.check_download(raw.path, &mut out);
        self.check_kit_path(raw.path, &mut out);
        self.check_email(raw.path, &mut out);
        if !ip {
            self.check_scripts(s, &mut out);
            self.check_tld(s, &mut out);
            self.check_shortener(&raw, s, &mut out);
            self.check_hosting(s, &mut out);
            self.check_ipfs(&raw, s, &mut out);
            self.check_shape(s, &mut out);
        }
        self.check_keywords(&raw, s, ip, &mut out);
        self.combine_hosting(s, &mut out);
        self.combine_tld(s, &mut out);
        // An executable download behind lure words ("Undangan Pernikahan.apk", "Surat Tilang.apk")
        // is the dropper itself.
        if out.iter().any(|r| r.code == code::LURE) {
            let bonus = self.weight("download.with_lure");
            if let Some(d) = out.iter_mut().find(|r| r.code == code::DOWNLOAD) {
                d.score = d.score.saturating_add(bonus);
                d.params.insert("lure".to_string(), "yes".to_string());
            }
        }
        out
    }

    fn check_userinfo(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) {
        let Some(info) = raw.userinfo else { return };
        let user = info.split(':').next().unwrap_or("");
        let decoded_dot = user.contains('.') || user.to_ascii_lowercase().contains("%2e");
        // A domain-looking user name: letters and dots, at least one dot with a label after it.
        let looks_like_domain = decoded_dot
            && user.split(['.']).filter(|l| !l.is_empty()).count() >= 2
            && user.bytes().any(|b| b.is_ascii_alphabetic());
        if looks_like_domain {
            out.push(
                Reason::new(code::USERINFO, self.weight("url.userinfo"))
                    .with("userinfo", truncate(user, 64))
                    .with("host", s.host),
            );
        } else if !info.is_empty() {
            out.push(
                Reason::new(code::USERINFO, self.weight("url.userinfo_plain"))
                    .with("userinfo", truncate(user, 64))
                    .with("host", s.host),
            );
        }
    }

    /// Returns true if the host is an IP address (public or not).
    fn check_ip(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) -> bool {
        let host = s.host.trim_end_matches('.');
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            if let Ok(ip) = inner.parse::<Ipv6Addr>() {
                if !is_local_v6(&ip) {
                    out.push(
                        Reason::new(code::IP_LITERAL, self.weight("host.ip_literal"))
                            .with("ip", inner)
                            .with("notation", "ipv6"),
                    );
                }
                return true;
            }
        }
        if let Ok(ip) = host.parse::<Ipv6Addr>() {
            if !is_local_v6(&ip) {
                out.push(
                    Reason::new(code::IP_LITERAL, self.weight("host.ip_literal"))
                        .with("ip", host)
                        .with("notation", "ipv6"),
                );
            }
            return true;
        }
        let Ok(ip) = host.parse::<Ipv4Addr>() else {
            return false;
        };
        // The engine's host is normalized: compare with the host as typed to see the notation.
        let typed = raw.host.trim_end_matches('.');
        let plain = is_plain_dotted_decimal(typed) || typed.is_empty();
        if plain {
            if !is_local_v4(&ip) {
                out.push(
                    Reason::new(code::IP_LITERAL, self.weight("host.ip_literal"))
                        .with("ip", host)
                        .with("notation", "dotted"),
                );
            }
        } else {
            out.push(
                Reason::new(code::IP_LITERAL, self.weight("host.ip_obfuscated"))
                    .with("ip", host)
                    .with("notation", "obfuscated")
                    .with("typed", truncate(typed, 64)),
            );
        }
        true
    }

    fn check_port(&self, raw: &RawUrl, scheme: &str, out: &mut Vec<Reason>) {
        let Some(port) = raw.port else { return };
        let Ok(p) = port.parse::<u32>() else { return };
        let default = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        if p == default || matches!(p, 80 | 443 | 8080 | 8443) {
            return;
        }
        out.push(
            Reason::new(code::ODD_PORT, self.weight("url.odd_port")).with("port", p.to_string()),
        );
    }

    /// A page (`.php`, `.html`, `.htm`, `.shtml`, `.asp(x)` or a folder ending in `/`) two or more
    /// folders deep inside a folder no visitor is ever sent to: WordPress's `wp-includes`, the
    /// asset folders of `wp-admin` (js, css, images, includes, maint), the `uploads`, `themes`,
    /// `cache`, `languages` and `upgrade` folders of `wp-content`, and `.well-known`. Phishing
    /// kits dropped on hacked sites live there (`/wp-includes/css/dist/parks/acp.php`,
    /// `/.well-known/acme-challenge/5797/Login.html`); WordPress serves no page from them.
    /// Plugin folders are left out: some plugins link visitors to their own scripts (downloads,
    /// ad clicks). Files (`.pdf`, `.jpg`, `.css`, `.txt`, ...) never count.
    fn check_kit_path(&self, path: &str, out: &mut Vec<Reason>) {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if let Some(folder) = kit_folder(path) {
            out.push(
                Reason::new(code::KIT_PATH, self.weight("url.kit_path")).with("folder", folder),
            );
        }
    }

    /// An email address carried in the link (`/cgi-bin/x/am9obkBleGFtcGxlLmNvbQ==`,
    /// `?email=john@example.com`, `#am9obkBleGFtcGxlLmNvbQ==`): a phishing link made for one
    /// victim, so that the fake sign-in page shows their own address. Base64-coded, only made to
    /// be read by a script, it is suspicious alone (`url.email_encoded`); a plain address is a
    /// weaker hint (`url.email`: sign-up and unsubscribe links carry one too). Params: `where`
    /// (path / query / fragment) and `encoding` (base64 / none); the address itself is not echoed.
    fn check_email(&self, path: &str, out: &mut Vec<Reason>) {
        if path.len() < 6 {
            return;
        }
        let decoded = percent_decode_lossy(path);
        let query_at = decoded.find('?').unwrap_or(decoded.len());
        let fragment_at = decoded.find('#').unwrap_or(decoded.len());
        let place = |at: usize| {
            if at >= fragment_at {
                "fragment"
            } else if at >= query_at {
                "query"
            } else {
                "path"
            }
        };
        let mut plain: Option<usize> = None;
        let mut at = 0usize;
        for tok in decoded.split(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '=' | '.' | '@' | '%'))
        }) {
            let start = at;
            at += tok.len() + 1;
            if tok.contains('@') {
                // `name@host.tld` inside a longer token (`?u=1&e=name@host.tld` splits on `&`).
                let t = tok.trim_start_matches(['=', '-']);
                let t = t.rsplit('=').next().unwrap_or(t);
                if plain.is_none() && looks_like_email(t) {
                    plain = Some(start);
                }
                continue;
            }
            // `pop=aXJpc0Bub3JkZ2Vhci5jbg==`: the value after a query name.
            let value = tok.trim_end_matches('=');
            let value = value.rsplit('=').next().unwrap_or(value);
            if let Some(addr) = base64_text(value) {
                if looks_like_email(addr.trim()) {
                    out.push(
                        Reason::new(code::EMAIL, self.weight("url.email_encoded"))
                            .with("where", place(start))
                            .with("encoding", "base64"),
                    );
                    return;
                }
            }
        }
        if let Some(start) = plain {
            out.push(
                Reason::new(code::EMAIL, self.weight("url.email"))
                    .with("where", place(start))
                    .with("encoding", "none"),
            );
        }
    }

    fn check_download(&self, path: &str, out: &mut Vec<Reason>) {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let file = path.rsplit('/').next().unwrap_or("");
        let Some(dot) = file.rfind('.') else { return };
        let ext = file.get(dot + 1..).unwrap_or("");
        if ext.len() > 5 {
            return;
        }
        let mut buf = [0u8; 5];
        for (b, c) in buf.iter_mut().zip(ext.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        let lower = buf.get(..ext.len()).unwrap_or(&[]);
        let key = match lower {
            b"apk" | b"xapk" | b"apks" | b"apkm" => "download.executable",
            b"exe" | b"msi" => "download.executable_windows",
            b"scr" | b"bat" | b"cmd" | b"vbs" | b"vbe" | b"hta" | b"pif" | b"lnk" | b"ps1"
            | b"jse" | b"wsf" => "download.executable_script",
            _ => return,
        };
        out.push(
            Reason::new(code::DOWNLOAD, self.weight(key))
                .with("file", truncate(&percent_decode_lossy(file), 80))
                .with("ext", String::from_utf8_lossy(lower).into_owned()),
        );
    }

    /// IDN labels by Chromium's display policy ([`crate::idn`]): a label Chromium would show as
    /// punycode is a spoof — characters outside the allowed set (`host.restricted_chars`), or
    /// mixed scripts, a whole-script confusable under a TLD not of its script, digit lookalikes,
    /// invisible or out-of-context marks (`host.mixed_script`, `level` says which). Any other IDN
    /// gets the informative `host.punycode`. Accented Latin (`šachy.com`, `tiếngviệt.vn`) is
    /// ordinary: whether it imitates a protected site is the lookalike check's question.
    fn check_scripts(&self, s: &RuleInput, out: &mut Vec<Reason>) {
        if !s.host.split('.').any(|l| l.starts_with("xn--")) {
            return;
        }
        let host = s.host.trim_end_matches('.');
        let tld = host.rsplit('.').next().unwrap_or("");
        let unicode = s.host_unicode.trim_end_matches('.');
        let tld_unicode = unicode.rsplit('.').next().unwrap_or("");
        let mut worst: Option<(crate::idn::Spoof, &str)> = None;
        for label in unicode.split('.') {
            if let Some(k) = crate::idn::spoof(label, tld, tld_unicode, self.confusables.as_ref()) {
                // Restricted characters first: they say the most.
                if worst.map_or(true, |(w, _)| {
                    k == crate::idn::Spoof::Restricted && w != crate::idn::Spoof::Restricted
                }) {
                    worst = Some((k, label));
                }
            }
        }
        let (code, key, level, label) = match worst {
            Some((crate::idn::Spoof::Restricted, l)) => (
                code::RESTRICTED_CHARS,
                "host.restricted_chars",
                "restricted",
                l,
            ),
            Some((k, l)) => (code::MIXED_SCRIPT, "host.mixed_script", k.as_str(), l),
            None => (
                code::PUNYCODE,
                "host.punycode",
                "single",
                unicode
                    .split('.')
                    .find(|l| !l.is_ascii())
                    .unwrap_or(unicode),
            ),
        };
        out.push(
            Reason::new(code, self.weight(key))
                .with("label", truncate(label, 64))
                .with("level", level),
        );
    }

    fn check_tld(&self, s: &RuleInput, out: &mut Vec<Reason>) {
        let host = s.host.trim_end_matches('.');
        let last = host.rsplit('.').next().unwrap_or("");
        let mut best = (self.tld_points(last), last);
        if let Some(suffix) = s.public_suffix {
            // For a private suffix (foo.vercel.app) only the ICANN part counts here.
            if !s.private_suffix {
                let p = self.tld_points(suffix);
                if p > best.0 {
                    best = (p, suffix);
                }
            }
        }
        if best.0 > 0 {
            out.push(Reason::new(code::TLD_ABUSED, best.0).with("tld", best.1));
        }
    }

    /// The shortener's name if the URL is a shortened link (a shortener host with a path).
    fn shortened_link<'h>(&self, raw: &RawUrl, s: &RuleInput<'h>) -> Option<&'h str> {
        let host = s.host.trim_end_matches('.');
        let bare = host.strip_prefix("www.").unwrap_or(host);
        let hit =
            self.is_shortener(bare) || s.registrable_domain.is_some_and(|d| self.is_shortener(d));
        // A shortener's own home page hides nothing.
        let path = raw.path.split('#').next().unwrap_or("");
        (hit && !path.is_empty() && path != "/").then_some(bare)
    }

    fn check_shortener(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) {
        if let Some(name) = self.shortened_link(raw, s) {
            out.push(
                Reason::new(code::SHORTENER, self.weight("url.shortener")).with("shortener", name),
            );
        }
    }

    /// The hosting platform `host` sits on, if it is a user's site there: the listed suffix
    /// (PSL private section or `hosting_extra.tsv`), its points, and the user's own label (the
    /// one right in front of the suffix). `None` for the platform's own site (`pages.dev`,
    /// `www.weebly.com`) and for hosts on no listed platform.
    pub fn hosting_of<'h>(&self, host: &'h str) -> Option<(&'h str, u8, &'h str)> {
        let host = host.trim_end_matches('.');
        let mut at = 0usize;
        while let Some(dot) = host.get(at..).and_then(|rest| rest.find('.')) {
            let split = at + dot;
            let suffix = host.get(split + 1..).unwrap_or("");
            if let Some(points) = self.hosting_points(suffix) {
                let front = host.get(..split).unwrap_or("");
                let owner = front.rsplit('.').next().unwrap_or(front);
                if owner.is_empty() || front == "www" {
                    return None;
                }
                return Some((suffix, points, owner));
            }
            at = split + 1;
        }
        None
    }

    /// True when the URL is a user's page on a shared platform (a site on a hosting or
    /// site-builder suffix, a shortened link, or IPFS content on a gateway), not the platform's own site: the engine should
    /// not treat it as the popular platform (`weeblysite.com`, `bit.ly`) it sits on.
    pub fn is_user_content(&self, subject: &crate::engine::Subject) -> bool {
        self.is_user_content_input(&RuleInput::from(subject))
    }

    /// [`Rules::is_user_content`] for a [`RuleInput`].
    pub fn is_user_content_input(&self, s: &RuleInput) -> bool {
        if self.hosting_of(s.host).is_some() {
            return true;
        }
        let raw = RawUrl::split(s.input);
        self.shortened_link(&raw, s).is_some() || ipfs_content(&raw, s.host).is_some()
    }

    /// A platform's staging address: its row sets more points than any count-derived row
    /// (`hosting_extra.tsv`, 40), so `hosting.free` alone is suspicious.
    fn is_staging(&self, points: u8) -> bool {
        points > self.weight("hosting.free_max")
    }

    fn check_hosting(&self, s: &RuleInput, out: &mut Vec<Reason>) {
        if let Some((suffix, points, _)) = self.hosting_of(s.host) {
            if self.is_staging(points) {
                out.push(
                    Reason::new(code::HOSTING_FREE, points)
                        .with("suffix", suffix)
                        .with("kind", "staging"),
                );
            } else if points > 0 {
                out.push(Reason::new(code::HOSTING_FREE, points).with("suffix", suffix));
            }
        }
    }

    /// A page served from IPFS through an HTTP gateway: `/ipfs/<CID>` in the path (any host: the
    /// gateways are many and anyone can run one) or a CID as the first label of a subdomain
    /// gateway (`bafy….ipfs.dweb.link`). Nobody can take such a page down, so phishing kits use it
    /// heavily; people rarely open one on purpose.
    fn check_ipfs(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) {
        if let Some((cid, gateway)) = ipfs_content(raw, s.host) {
            // A gateway listed as a hosting platform (ipfs.dweb.link) says the same thing once.
            out.retain(|r| r.code != code::HOSTING_FREE);
            out.push(
                Reason::new(code::IPFS, self.weight("hosting.ipfs"))
                    .with("cid", truncate(cid, 64))
                    .with("gateway", truncate(gateway, 64)),
            );
        }
    }

    /// A user's page on a free-hosting platform plus one more hint is what throwaway phishing
    /// pages look like (`telstra-109517.weeblysite.com`, `cou11.vercel.app`): the
    /// `hosting.free` reason gains `hosting.free_combined` points and names the hint (`with`).
    /// Alone, `hosting.free` stays below the suspicious threshold.
    fn combine_hosting(&self, s: &RuleInput, out: &mut [Reason]) {
        let Some((_, points, owner)) = self.hosting_of(s.host) else {
            return;
        };
        // A staging address gets no bonus, and the shape of its name adds at most up to
        // `combined.ceiling`: the platform often chose it (`pub-<hex>.r2.dev`).
        if self.is_staging(points) {
            let mut room = self.weight("combined.ceiling").saturating_sub(points);
            for r in out.iter_mut().filter(|r| {
                matches!(
                    r.code.as_str(),
                    code::MANY_DIGITS
                        | code::MANY_HYPHENS
                        | code::RANDOM_LABEL
                        | code::MANY_SUBDOMAINS
                )
            }) {
                let keep = r.score.min(room);
                room -= keep;
                r.score = keep;
            }
            return;
        }
        // Only the platforms most used for throwaway pages: domain resellers' second levels
        // (com.ru, sa.com) and blog hosts carry fewer points and get the bonus only for a lure
        // word in the host (`aolmaiillogin.blogspot.qa`, `copyrights-violations.surge.sh`).
        let lure_only = points < self.weight("hosting.free_combined_min");
        if lure_only && points < self.weight("hosting.free_lure_min") {
            return;
        }
        if lure_only {
            let lure_in_host = out.iter().any(|r| {
                r.code == code::LURE
                    && r.score > 0
                    && r.params.get("where").is_some_and(|w| w == "host")
            });
            if !lure_in_host {
                return;
            }
        }
        let hint = out
            .iter()
            .find_map(|r| match r.code.as_str() {
                code::MANY_DIGITS
                | code::MANY_HYPHENS
                | code::RANDOM_LABEL
                | code::MANY_SUBDOMAINS
                | code::LURE
                | code::ODD_PORT
                    if r.score > 0 =>
                {
                    Some(r.code.clone())
                }
                _ => None,
            })
            .or_else(|| owner_label_hint(owner).map(str::to_string));
        let hint = if lure_only {
            Some(code::LURE.to_string())
        } else {
            hint
        };
        let Some(hint) = hint else { return };
        let bonus = self.combination_bonus(out, "hosting.free_combined");
        if bonus == 0 {
            return;
        }
        if let Some(r) = out
            .iter_mut()
            .find(|r| r.code == code::HOSTING_FREE && r.score > 0)
        {
            r.score = r.score.saturating_add(bonus);
            r.params.insert("with".to_string(), hint);
        }
    }

    /// The points a combination adds: its weight, but never lifting the URL's total past
    /// `combined.ceiling` (a combination makes a page suspicious, never dangerous by itself: a
    /// `pub-<hex>.r2.dev` bucket, whose random name the platform chose, already has its points).
    fn combination_bonus(&self, out: &[Reason], key: &str) -> u8 {
        let total: u32 = out.iter().map(|r| u32::from(r.score)).sum();
        let room = u32::from(self.weight("combined.ceiling")).saturating_sub(total);
        room.min(u32::from(self.weight(key))) as u8
    }

    /// A throwaway domain under an abused TLD carries per-campaign subdomains
    /// (`videoviral27.utpkh.my.id`, `arz820.gap-private.my.id`, `dan4-tm1.com-red.shop`): an
    /// abused TLD of `tld.abused_combined_min` points or more plus a subdomain label with digits
    /// or a hyphen (or a pile of subdomains) gains `tld.abused_combined` points, `with=subdomain`.
    /// Digits or hyphens in the registrable label itself do not count: plenty of real sites under
    /// these TLDs have them.
    fn combine_tld(&self, s: &RuleInput, out: &mut [Reason]) {
        if out.iter().any(|r| r.code == code::HOSTING_FREE) {
            return;
        }
        let host = s.host.trim_end_matches('.');
        let sub = match s.registrable_domain {
            Some(d) if host.len() > d.len() + 1 && host.ends_with(d) => {
                host.get(..host.len() - d.len() - 1).unwrap_or("")
            }
            _ => "",
        };
        // Under the most abused TLDs (`tld.abused_subdomain_min` points or more) any
        // subdomain is the second hint: their registrations are overwhelmingly throwaway.
        let worst = self.weight("tld.abused_subdomain_min");
        // Names a real site gives its own services do not count (`blog.budi.my.id`).
        const SERVICE: [&str; 18] = [
            "www", "blog", "mail", "webmail", "shop", "store", "app", "api", "dev", "docs", "cdn",
            "static", "admin", "m", "web", "home", "news", "forum",
        ];
        let any_sub = sub
            .split('.')
            .any(|l| !l.is_empty() && !SERVICE.contains(&l))
            && out
                .iter()
                .any(|r| r.code == code::TLD_ABUSED && r.score >= worst && worst > 0);
        let hint = any_sub
            || out.iter().any(|r| r.code == code::MANY_SUBDOMAINS)
            || sub.split('.').any(|l| {
                l != "www"
                    && !l.starts_with("xn--")
                    && l.bytes().any(|b| b.is_ascii_digit() || b == b'-')
            });
        if !hint {
            return;
        }
        let min = self.weight("tld.abused_combined_min");
        let bonus = self.combination_bonus(out, "tld.abused_combined");
        if bonus == 0 {
            return;
        }
        if let Some(r) = out
            .iter_mut()
            .find(|r| r.code == code::TLD_ABUSED && r.score >= min && r.score > 0)
        {
            r.score = r.score.saturating_add(bonus);
            r.params.insert("with".to_string(), "subdomain".to_string());
        }
    }

    fn check_shape(&self, s: &RuleInput, out: &mut Vec<Reason>) {
        let host = s.host.trim_end_matches('.');
        // Labels in front of the registrable domain, `www` not counted.
        let sub = match s.registrable_domain {
            Some(d) if host.len() > d.len() => host.get(..host.len() - d.len()).unwrap_or(""),
            Some(_) => "",
            None => host,
        };
        let sub = sub.trim_end_matches('.');
        let sub = sub
            .strip_prefix("www.")
            .unwrap_or(if sub == "www" { "" } else { sub });
        let n_sub = if sub.is_empty() {
            0
        } else {
            sub.split('.').count()
        };
        if n_sub >= 6 {
            out.push(
                Reason::new(
                    code::MANY_SUBDOMAINS,
                    self.weight("host.many_subdomains_deep"),
                )
                .with("count", n_sub.to_string()),
            );
        } else if n_sub >= 4 {
            out.push(
                Reason::new(code::MANY_SUBDOMAINS, self.weight("host.many_subdomains"))
                    .with("count", n_sub.to_string()),
            );
        }
        let hyphens = host
            .split('.')
            .map(|l| {
                l.strip_prefix("xn--")
                    .unwrap_or(l)
                    .bytes()
                    .filter(|&b| b == b'-')
                    .count()
            })
            .max()
            .unwrap_or(0);
        if hyphens >= 5 {
            out.push(
                Reason::new(code::MANY_HYPHENS, self.weight("host.many_hyphens_lots"))
                    .with("count", hyphens.to_string()),
            );
        } else if hyphens >= 3 {
            out.push(
                Reason::new(code::MANY_HYPHENS, self.weight("host.many_hyphens"))
                    .with("count", hyphens.to_string()),
            );
        }
        // Digits in the label the owner chose: the registrable label, or on a hosting platform
        // the user's label in front of its suffix.
        let label = match self.hosting_of(s.host) {
            Some((_, _, owner)) => owner,
            None => registrable_label(s),
        };
        if !label.starts_with("xn--") {
            if let Some(kind) = random_label(label) {
                out.push(
                    Reason::new(code::RANDOM_LABEL, self.weight("host.random_label"))
                        .with("label", truncate(label, 64))
                        .with("kind", kind),
                );
            }
            let digits = digits_besides_a_year(label);
            if digits >= 4 && digits * 3 >= label.len() {
                out.push(
                    Reason::new(code::MANY_DIGITS, self.weight("host.many_digits"))
                        .with("label", truncate(label, 64)),
                );
            }
        }
    }

    fn check_keywords(&self, raw: &RawUrl, s: &RuleInput, ip: bool, out: &mut Vec<Reason>) {
        let mut matches = [Match {
            word: 0,
            start: 0,
            end: 0,
            in_host: false,
            class: WordClass::Except,
            points: 0,
            mode: WordMode::Any,
            before: false,
            after: false,
            ok: false,
        }; MAX_MATCHES];
        let mut n = 0usize;
        let mut host_has_digits = false;
        if !ip {
            let host = s.host.trim_end_matches('.');
            let scan = match s.public_suffix {
                Some(suf) if host.len() > suf.len() && host.ends_with(suf) => {
                    host.get(..host.len() - suf.len() - 1).unwrap_or("")
                }
                _ => host,
            };
            host_has_digits = scan.bytes().any(|b| b.is_ascii_digit());
            // Punycode labels are encodings, not words.
            let mut offset = 0usize;
            for label in scan.split('.') {
                if !label.starts_with("xn--") {
                    self.scan_words(label.as_bytes(), offset, true, &mut matches, &mut n);
                }
                offset += label.len() + 1;
            }
        }
        let path = raw.path.as_bytes();
        let path = path.get(..path.len().min(MAX_PATH_SCAN)).unwrap_or(&[]);
        self.scan_words(path, 1 << 20, false, &mut matches, &mut n);
        let found = matches.get(..n).unwrap_or(&[]);
        // Drop matches inside an `except` word of the same text, and repeats of a word.
        let mut lure: (u32, Vec<&str>, bool) = (0, Vec::new(), false);
        let mut gamble: (u32, Vec<&str>, bool) = (0, Vec::new(), false);
        let mut host_lures = 0usize;
        for (i, m) in found.iter().enumerate() {
            if m.class == WordClass::Except || !m.ok {
                continue;
            }
            let excepted = found.iter().any(|e| {
                e.class == WordClass::Except
                    && e.in_host == m.in_host
                    && e.start <= m.start
                    && e.end >= m.end
            });
            if excepted {
                continue;
            }
            // A word inside a longer keyword match counts as part of it (bet in betting).
            let inside_longer = found.iter().any(|o| {
                o.class != WordClass::Except
                    && o.ok
                    && o.in_host == m.in_host
                    && o.start <= m.start
                    && o.end >= m.end
                    && o.end - o.start > m.end - m.start
            });
            if inside_longer {
                continue;
            }
            // Count a word once, at its best place (host before path).
            let better = found.iter().enumerate().any(|(j, o)| {
                j != i
                    && o.ok
                    && o.word == m.word
                    && (o.points > m.points || (o.points == m.points && j < i))
            });
            if better {
                continue;
            }
            let Some(word) = self.tables[T_KEYWORDS]
                .key(m.word)
                .and_then(|k| std::str::from_utf8(k).ok())
            else {
                continue;
            };
            let acc = if m.class == WordClass::Gambling {
                &mut gamble
            } else {
                &mut lure
            };
            acc.0 += u32::from(m.points);
            acc.1.push(word);
            acc.2 |= m.in_host;
            if m.in_host && m.class == WordClass::Lure {
                host_lures += 1;
            }
        }
        // Lure words stacked in one host (claim-hadiah, layanan-bantuan-resmi, secure-login-verify)
        // are a phishing tell of their own.
        if host_lures >= 2 {
            lure.0 += u32::from(self.weight("keyword.lure_stacked"));
        }
        if !lure.1.is_empty() && lure.0 > 0 {
            let cap = u32::from(self.weight("keyword.cap"));
            out.push(
                Reason::new(code::LURE, lure.0.min(cap) as u8)
                    .with("keyword", lure.1.first().copied().unwrap_or(""))
                    .with("keywords", lure.1.join(","))
                    .with("where", if lure.2 { "host" } else { "path" }),
            );
        }
        if !gamble.1.is_empty() && gamble.0 > 0 {
            // Gambling sites rotate numbered names (slot88, royal99bet, jendelatoto1): a gambling
            // word in a host that also carries digits counts more (unless host.many_digits
            // already counted them).
            let digits_counted = out.iter().any(|r| r.code == code::MANY_DIGITS);
            if gamble.2 && host_has_digits && !digits_counted {
                gamble.0 += u32::from(self.weight("keyword.gambling_digits"));
            }
            let cap = u32::from(self.weight("keyword.gambling_cap"));
            out.push(
                Reason::new(code::GAMBLING, gamble.0.min(cap) as u8)
                    .with("keyword", gamble.1.first().copied().unwrap_or(""))
                    .with("keywords", gamble.1.join(","))
                    .with("where", if gamble.2 { "host" } else { "path" })
                    .with("category", "gambling"),
            );
        }
    }

    /// Finds keywords in `text` (case-insensitively), appending to `matches`.
    fn scan_words(
        &self,
        text: &[u8],
        base: usize,
        in_host: bool,
        matches: &mut [Match; MAX_MATCHES],
        n: &mut usize,
    ) {
        let kw = &self.tables[T_KEYWORDS];
        let first = *n;
        for (i, &c) in text.iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                continue;
            }
            let (lo, hi) = kw.first_byte_range(c.to_ascii_lowercase());
            for w in lo..hi {
                let (Some(key), Some(val)) = (kw.key(w), kw.value(w)) else {
                    continue;
                };
                let Some(end) = i.checked_add(key.len()) else {
                    continue;
                };
                let Some(slice) = text.get(i..end) else {
                    continue;
                };
                if !slice.eq_ignore_ascii_case(key) {
                    continue;
                }
                let (Some(&class), Some(&mode), Some(&hp), Some(&pp)) =
                    (val.first(), val.get(1), val.get(2), val.get(3))
                else {
                    continue;
                };
                let (Some(class), Some(mode)) =
                    (WordClass::from_u8(class), WordMode::from_u8(mode))
                else {
                    continue;
                };
                let before = i == 0 || text.get(i - 1).map_or(true, |b| !b.is_ascii_alphabetic());
                let after = text.get(end).map_or(true, |b| !b.is_ascii_alphabetic());
                let points = if in_host { hp } else { pp };
                if class != WordClass::Except && points == 0 {
                    continue;
                }
                let Some(slot) = matches.get_mut(*n) else {
                    break;
                };
                *slot = Match {
                    word: w,
                    start: base + i,
                    end: base + end,
                    in_host,
                    class,
                    points,
                    mode,
                    before,
                    after,
                    ok: class == WordClass::Except || mode.accepts(before, after),
                };
                *n += 1;
            }
        }
        // Compounds: a keyword right next to an accepted keyword has a boundary there
        // (agen|bola|terpercaya, bola|tangkas), so words chain without spaces.
        let range = first..(*n).min(MAX_MATCHES);
        for _ in 0..4 {
            let mut changed = false;
            for i in range.clone() {
                let Some(m) = matches.get(i).copied() else {
                    continue;
                };
                if m.ok {
                    continue;
                }
                let touches = |at_end: bool| {
                    matches.get(range.clone()).is_some_and(|all| {
                        all.iter().any(|o| {
                            o.ok && o.class != WordClass::Except && {
                                if at_end {
                                    o.start == m.end
                                } else {
                                    o.end == m.start
                                }
                            }
                        })
                    })
                };
                let before = m.before || touches(false);
                let after = m.after || touches(true);
                if m.mode.accepts(before, after) {
                    if let Some(slot) = matches.get_mut(i) {
                        slot.ok = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }
}

/// The system folder a phishing-kit page sits in (see `Rules::check_kit_path`), if any.
fn kit_folder(path: &str) -> Option<&'static str> {
    let last = path.rsplit('/').next().unwrap_or("");
    let is_page = last.is_empty() || {
        let ext = last.rsplit_once('.').map_or("", |(_, e)| e);
        ["php", "html", "htm", "shtml", "asp", "aspx"]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
    };
    if !is_page {
        return None;
    }
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, seg) in segs.iter().enumerate() {
        // The page's own segment does not count as a folder: two folders below, then the page
        // (or a folder ending in `/`, already counted).
        let below = segs.len() - i - 1;
        let depth_ok = if last.is_empty() {
            below >= 2
        } else {
            below >= 3
        };
        let next = segs.get(i + 1).copied().unwrap_or("");
        let in_list = |list: &[&str]| list.iter().any(|f| next.eq_ignore_ascii_case(f));
        let folder = if seg.eq_ignore_ascii_case("wp-includes") {
            Some("wp-includes")
        } else if seg.eq_ignore_ascii_case("wp-admin")
            && in_list(&["js", "css", "images", "includes", "maint"])
        {
            Some("wp-admin")
        } else if seg.eq_ignore_ascii_case("wp-content")
            && in_list(&["uploads", "themes", "cache", "languages", "upgrade"])
        {
            Some("wp-content")
        } else if seg.eq_ignore_ascii_case(".well-known") {
            Some(".well-known")
        } else {
            None
        };
        if let Some(f) = folder {
            return depth_ok.then_some(f);
        }
    }
    None
}

/// The text a base64 token (standard or URL-safe alphabet, padded or not) decodes to, when it is
/// 12 to 400 characters long and decodes to UTF-8 text.
fn base64_text(tok: &str) -> Option<String> {
    use base64::engine::{
        general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig,
    };
    use base64::Engine as _;
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let body = tok.trim_end_matches('=');
    if !(12..=400).contains(&body.len()) || body.contains(['.', '@', '%', '=']) {
        return None;
    }
    let std: String = body
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let bytes = ENGINE.decode(std.as_bytes()).ok()?;
    String::from_utf8(bytes).ok()
}

/// `local@domain.tld`: a plausible local part (letters, digits, `._%+-`, at most 64) and a host
/// name of two or more labels ending in a TLD of letters.
fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty()
        || local.len() > 64
        || domain.len() > 253
        || !local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The hint a user's own label on a hosting platform gives by itself: digits (`cou11`,
/// `niheugeufrequa-2372`) or a hyphen (`en-web3fix`).
fn owner_label_hint(owner: &str) -> Option<&'static str> {
    if owner.starts_with("xn--") {
        return None;
    }
    if owner.bytes().any(|b| b.is_ascii_digit()) {
        Some("digits")
    } else if owner.contains('-') {
        Some("hyphen")
    } else {
        None
    }
}

/// A content identifier as IPFS gateways show it: CIDv0 (`Qm` and 44 base58 characters) or
/// CIDv1 in base32 (`b` and 50 or more of `a-z2-7`, in practice `bafy…`/`bafk…`).
fn is_cid(s: &str) -> bool {
    let b = s.as_bytes();
    let v0 = b.len() == 46
        && s.starts_with("Qm")
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() && !b"0OIl".contains(c));
    let v1 = b.len() >= 50
        && b.len() <= 100
        && (s.starts_with("baf") || s.starts_with("BAF"))
        && b.iter()
            .all(|c| matches!(c.to_ascii_lowercase(), b'a'..=b'z' | b'2'..=b'7'));
    v0 || v1
}

/// The CID and gateway of an IPFS page: a `<CID>.ipfs.<gateway>` host, or a `/ipfs/<CID>` path.
fn ipfs_content<'a>(raw: &RawUrl<'a>, host: &'a str) -> Option<(&'a str, &'a str)> {
    let host = host.trim_end_matches('.');
    let mut labels = host.splitn(3, '.');
    if let (Some(first), Some(second), Some(rest)) = (labels.next(), labels.next(), labels.next()) {
        if (second == "ipfs" || second == "ipns") && is_cid(first) {
            return Some((first, rest));
        }
    }
    let path = raw.path.split(['?', '#']).next().unwrap_or("");
    let mut segs = path.split('/').filter(|p| !p.is_empty());
    while let Some(seg) = segs.next() {
        if seg.eq_ignore_ascii_case("ipfs") {
            return segs.next().filter(|c| is_cid(c)).map(|c| (c, host));
        }
    }
    None
}

/// Digits in `label`, not counting one run of exactly four that reads as a year (19xx, 20xx):
/// `pemilu2024` has none, `8724319-coinbase` seven.
fn digits_besides_a_year(label: &str) -> usize {
    let mut total = 0;
    let mut year_seen = false;
    for run in label.split(|c: char| !c.is_ascii_digit()) {
        let is_year = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
        if is_year && !year_seen {
            year_seen = true;
            continue;
        }
        total += run.len();
    }
    total
}

/// Why a label looks machine-made rather than chosen by a person, if it does: a long hex
/// run (`89157d5a54f345cd`), or letters with almost no vowels or a long consonant run
/// (`klrnegpnzggmudn`): 7+ consonants in a row, or 10+ letters under a fifth vowels. People's names, words and brands have vowels.
fn random_label(label: &str) -> Option<&'static str> {
    let bytes = label.as_bytes();
    let mut run = 0usize;
    let (mut digits, mut letters) = (0usize, 0usize);
    for &b in bytes {
        if b.is_ascii_hexdigit() {
            run += 1;
            digits += usize::from(b.is_ascii_digit());
            letters += usize::from(b.is_ascii_alphabetic());
            if run >= 12 && digits >= 3 && letters >= 3 {
                return Some("hex");
            }
        } else {
            run = 0;
            digits = 0;
            letters = 0;
        }
    }
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let (mut n_letters, mut n_vowels, mut cons_run, mut max_cons) =
        (0usize, 0usize, 0usize, 0usize);
    for &b in bytes {
        let b = b.to_ascii_lowercase();
        if !b.is_ascii_alphabetic() {
            cons_run = 0;
            continue;
        }
        n_letters += 1;
        if is_vowel(b) || b == b'y' {
            n_vowels += usize::from(is_vowel(b));
            cons_run = 0;
        } else {
            cons_run += 1;
            max_cons = max_cons.max(cons_run);
        }
    }
    if max_cons >= 7 {
        return Some("consonants");
    }
    if n_letters >= 10 && n_vowels * 5 < n_letters {
        return Some("few_vowels");
    }
    None
}

/// The label the owner registered: the registrable domain minus its public suffix.
fn registrable_label<'a>(s: &RuleInput<'a>) -> &'a str {
    let Some(d) = s.registrable_domain else {
        return "";
    };
    match s.public_suffix {
        Some(suf) if d.len() > suf.len() + 1 && d.ends_with(suf) => {
            d.get(..d.len() - suf.len() - 1).unwrap_or(d)
        }
        _ => d.split('.').next().unwrap_or(d),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = s.get(..end).unwrap_or("").to_string();
    out.push('…');
    out
}

fn percent_decode_lossy(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        if c == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The media type of a `data:` URL, lower-case (`text/plain` when none is given).
fn data_mime(input: &str) -> String {
    let rest = input.trim_start();
    let rest = rest.get(5..).unwrap_or("");
    let end = rest.find([',', ';']).unwrap_or(rest.len());
    let mime = rest.get(..end).unwrap_or("").trim().to_ascii_lowercase();
    if mime.is_empty() {
        "text/plain".to_string()
    } else {
        truncate(&mime, 64)
    }
}

fn is_plain_dotted_decimal(h: &str) -> bool {
    let mut parts = 0;
    for p in h.split('.') {
        parts += 1;
        let ok = !p.is_empty()
            && p.len() <= 3
            && p.bytes().all(|b| b.is_ascii_digit())
            && (p.len() == 1 || !p.starts_with('0'))
            && p.parse::<u16>().is_ok_and(|v| v <= 255);
        if !ok {
            return false;
        }
    }
    parts == 4
}

fn is_local_v4(ip: &Ipv4Addr) -> bool {
    ip.is_private() || ip.is_loopback() || ip.is_link_local() || ip.is_unspecified()
}

fn is_local_v6(ip: &Ipv6Addr) -> bool {
    let first = ip.segments().first().copied().unwrap_or(0);
    ip.is_loopback()
        || ip.is_unspecified()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
}

/// The parts of the URL as typed (before canonicalization).
#[derive(Clone, Copy, Debug, Default)]
struct RawUrl<'a> {
    userinfo: Option<&'a str>,
    host: &'a str,
    port: Option<&'a str>,
    /// Path, query and fragment as typed (starts with `/`, `?` or `#`, or empty).
    path: &'a str,
}

impl<'a> RawUrl<'a> {
    fn split(input: &'a str) -> RawUrl<'a> {
        let s = input.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        // After `scheme:` and the slashes (browsers accept back-slashes and any number of them).
        let rest = match s.find(':') {
            Some(i)
                if s.get(..i).is_some_and(|sc| {
                    !sc.is_empty()
                        && sc
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                }) && s.get(i + 1..).is_some_and(|r| r.starts_with(['/', '\\'])) =>
            {
                s.get(i + 1..).unwrap_or("").trim_start_matches(['/', '\\'])
            }
            _ => s,
        };
        let auth_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..auth_end).unwrap_or("");
        let path = rest.get(auth_end..).unwrap_or("");
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(at) => (authority.get(..at), authority.get(at + 1..).unwrap_or("")),
            None => (None, authority),
        };
        let (host, port) = if hostport.starts_with('[') {
            match hostport.find(']') {
                Some(close) => {
                    let host = hostport.get(..=close).unwrap_or("");
                    let port = hostport.get(close + 1..).and_then(|p| p.strip_prefix(':'));
                    (host, port.filter(|p| !p.is_empty()))
                }
                None => (hostport, None),
            }
        } else {
            match hostport.rfind(':') {
                Some(c) => (
                    hostport.get(..c).unwrap_or(""),
                    hostport.get(c + 1..).filter(|p| !p.is_empty()),
                ),
                None => (hostport, None),
            }
        };
        RawUrl {
            userinfo,
            host,
            port,
            path,
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Building the section from the text files (feature `builder`).

/// The rules section compiled from the bundled text files in `crate/core/data/rules/`.
#[cfg(feature = "builder")]
pub fn sections() -> Result<Vec<(Tag, Vec<u8>)>, String> {
    sections_from_texts(&RuleTexts {
        weights: include_str!("../data/rules/weights.tsv"),
        abused_tlds: include_str!("../data/rules/abused_tlds.tsv"),
        url_shorteners: include_str!("../data/rules/url_shorteners.tsv"),
        hosting_suffixes: include_str!("../data/rules/hosting_suffixes.tsv"),
        hosting_extra: include_str!("../data/rules/hosting_extra.tsv"),
        keywords: include_str!("../data/rules/keywords.tsv"),
    })
}

/// The text of the five rule files (see `crate/core/data/rules/README.md`).
#[cfg(feature = "builder")]
#[derive(Clone, Copy, Debug)]
pub struct RuleTexts<'a> {
    pub weights: &'a str,
    pub abused_tlds: &'a str,
    pub url_shorteners: &'a str,
    pub hosting_suffixes: &'a str,
    pub hosting_extra: &'a str,
    pub keywords: &'a str,
}

/// The rules section compiled from the given texts. Errors name the file and line.
#[cfg(feature = "builder")]
pub fn sections_from_texts(t: &RuleTexts) -> Result<Vec<(Tag, Vec<u8>)>, String> {
    let weights = parse_weights(t.weights)?;
    let tlds = parse_tlds(t.abused_tlds)?;
    let shorteners = parse_shorteners(t.url_shorteners)?;
    let mut hosting = parse_hosting(t.hosting_suffixes, &weights)?;
    // A curated row overrides the PSL row's count-derived points (the staging addresses).
    for (key, value) in parse_tlds(t.hosting_extra)? {
        match hosting.iter_mut().find(|(k, _)| *k == key) {
            Some(row) => row.1 = value,
            None => hosting.push((key, value)),
        }
    }
    let keywords = parse_keywords(t.keywords)?;
    let body = build_section(&[weights, tlds, shorteners, hosting, keywords])?;
    Ok(vec![(RULES_TAG, body)])
}

/// Entries of one table: key and value bytes.
#[cfg(feature = "builder")]
type Entries = Vec<(String, Vec<u8>)>;

#[cfg(feature = "builder")]
fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

#[cfg(feature = "builder")]
fn parse_points(v: Option<&&str>, file: &str, line: usize) -> Result<u8, String> {
    v.and_then(|s| s.parse::<u8>().ok())
        .filter(|&p| p <= 100)
        .ok_or_else(|| format!("{file}:{line}: points must be a number from 0 to 100"))
}

#[cfg(feature = "builder")]
fn check_key(key: &str, file: &str, line: usize) -> Result<String, String> {
    let k = key.to_ascii_lowercase();
    if k.is_empty() || !k.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "{file}:{line}: `{key}` is not a lower-case ASCII name"
        ));
    }
    Ok(k)
}

#[cfg(feature = "builder")]
fn parse_weights(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let key = check_key(cols.first().copied().unwrap_or(""), "weights.tsv", line)?;
        if !WEIGHT_KEYS.contains(&key.as_str()) {
            return Err(format!("weights.tsv:{line}: unknown weight `{key}`"));
        }
        let p = parse_points(cols.get(1), "weights.tsv", line)?;
        out.push((key, vec![p]));
    }
    for k in WEIGHT_KEYS {
        if !out.iter().any(|(key, _)| key == k) {
            return Err(format!("weights.tsv: missing weight `{k}`"));
        }
    }
    Ok(out)
}

#[cfg(feature = "builder")]
fn parse_tlds(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let key = check_key(
            cols.first().copied().unwrap_or("").trim_start_matches('.'),
            "abused_tlds.tsv",
            line,
        )?;
        let p = parse_points(cols.get(1), "abused_tlds.tsv", line)?;
        out.push((key, vec![p]));
    }
    Ok(out)
}

#[cfg(feature = "builder")]
fn parse_shorteners(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let d = cols.first().copied().unwrap_or("");
        if line == 1 && d == "domain" {
            continue;
        }
        let key = check_key(d, "url_shorteners.tsv", line)?;
        out.push((key, Vec::new()));
    }
    Ok(out)
}

/// Hosting suffixes with the number of known phishing hosts under each; the points grow with
/// that number up to the `hosting.free_max` weight: 1000+ hosts get the full weight, 100+ three
/// quarters, 10+ half, 1+ a quarter, none nothing (listed but not known as abused).
#[cfg(feature = "builder")]
fn parse_hosting(text: &str, weights: &Entries) -> Result<Entries, String> {
    let max = weights
        .iter()
        .find(|(k, _)| k == "hosting.free_max")
        .and_then(|(_, v)| v.first().copied())
        .unwrap_or(0);
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let suffix = cols.first().copied().unwrap_or("");
        if line == 1 && suffix == "suffix" {
            continue;
        }
        // Wildcard rules (`*.dweb.link`) apply to hosts one label below: key them by the rest.
        let suffix = suffix.trim_start_matches("*.");
        let ascii = idna::domain_to_ascii(suffix)
            .map_err(|_| format!("hosting_suffixes.tsv:{line}: `{suffix}` is not a domain name"))?;
        let key = check_key(&ascii, "hosting_suffixes.tsv", line)?;
        let count: u64 = cols
            .get(2)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("hosting_suffixes.tsv:{line}: third column must be a count"))?;
        let points = match count {
            1000.. => max,
            100..=999 => max * 3 / 4,
            10..=99 => max / 2,
            1..=9 => max / 4,
            0 => 0,
        };
        out.push((key, vec![points]));
    }
    Ok(out)
}

#[cfg(feature = "builder")]
fn parse_keywords(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let word = check_key(cols.first().copied().unwrap_or(""), "keywords.tsv", line)?;
        if !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format!(
                "keywords.tsv:{line}: `{word}` must be letters and digits only"
            ));
        }
        let class = cols
            .get(1)
            .and_then(|c| WordClass::parse(c))
            .ok_or_else(|| {
                format!("keywords.tsv:{line}: class must be lure, gambling or except")
            })?;
        let mode = cols
            .get(2)
            .and_then(|c| WordMode::parse(c))
            .ok_or_else(|| {
                format!("keywords.tsv:{line}: mode must be any, edge, word, start or end")
            })?;
        let host = parse_points(cols.get(3), "keywords.tsv", line)?;
        let path = parse_points(cols.get(4), "keywords.tsv", line)?;
        out.push((word, vec![class as u8, mode as u8, host, path]));
    }
    Ok(out)
}

#[cfg(feature = "builder")]
fn build_table(entries: &Entries, width: u32) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&(String, Vec<u8>)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if a.0 == b.0 {
                return Err(format!("`{}` is listed twice", a.0));
            }
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
    out.extend_from_slice(&width.to_le_bytes());
    let mut end = 0u32;
    for (k, _) in &sorted {
        end += k.len() as u32;
        out.extend_from_slice(&end.to_le_bytes());
    }
    for (_, v) in &sorted {
        if v.len() != width as usize {
            return Err("value width mismatch".into());
        }
        out.extend_from_slice(v);
    }
    for (k, _) in &sorted {
        out.extend_from_slice(k.as_bytes());
    }
    Ok(out)
}

#[cfg(feature = "builder")]
fn build_section(tables: &[Entries; TABLES]) -> Result<Vec<u8>, String> {
    let mut bodies = Vec::new();
    for ((t, w), name) in tables.iter().zip(VALUE_WIDTHS).zip(TABLE_NAMES) {
        bodies.push(build_table(t, w).map_err(|e| format!("rules {name}: {e}"))?);
    }
    let mut out = Vec::new();
    out.extend_from_slice(&RULES_VERSION.to_le_bytes());
    out.extend_from_slice(&(TABLES as u32).to_le_bytes());
    let mut off = 8 + 8 * TABLES;
    for b in &bodies {
        out.extend_from_slice(&(off as u32).to_le_bytes());
        out.extend_from_slice(&(b.len() as u32).to_le_bytes());
        off += b.len();
    }
    for b in &bodies {
        out.extend_from_slice(b);
    }
    Ok(out)
}
