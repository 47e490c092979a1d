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
//! `hosting.free_combined` (on the smaller blog and hosting platforms, of `hosting.free_lure_min`
//! points or more, only a lure word in the host or a machine-made user name); an abused TLD (`tld.abused_combined_min` points or more) plus a
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
//! | `keyword.lure` | `keyword`, `keywords`, `where` (host / path) | scam lure words (in the host also with one letter doubled, 5+ letters: `logiin`, `veriffy`) |
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

mod address;
mod combine;
mod host;
mod keywords;
mod path;
mod shape;
mod table;
mod weights;

use host::*;
pub use keywords::{WordClass, WordMode};
use table::StrTable;
use weights::Weights;
pub use weights::{Weight, WEIGHT_COUNT, WEIGHT_KEYS};

use crate::error::DataError;
use crate::format::{read_u32, Envelope, Tag};
pub use crate::subject::RuleInput;
use crate::subject::{RawUrl, Subject};
use crate::verdict::Reason;

/// The rules section.
pub const RULES_TAG: Tag = *b"RULE";
/// The section format this build reads and writes.
pub const RULES_VERSION: u32 = 1;

pub(crate) const TABLES: usize = 5;
pub(crate) const T_WEIGHTS: usize = 0;
pub(crate) const T_TLDS: usize = 1;
pub(crate) const T_SHORTENERS: usize = 2;
pub(crate) const T_HOSTING: usize = 3;
pub(crate) const T_KEYWORDS: usize = 4;
pub(crate) const TABLE_NAMES: [&str; TABLES] =
    ["weights", "tlds", "shorteners", "hosting", "keywords"];
pub(crate) const VALUE_WIDTHS: [u32; TABLES] = [1, 1, 0, 1, 4];

/// How much of the path and query keyword matching reads.
const MAX_PATH_SCAN: usize = 1024;
/// The most keyword matches kept per URL (the rest are ignored; the caps are reached long before).
const MAX_MATCHES: usize = 64;

/// The reason codes (of every check: see [`crate::code`]).
pub use crate::code;

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

/// The rules section, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Rules<'a> {
    tables: [StrTable<'a>; TABLES],
    /// Where the keywords starting with each byte begin (`[b]`) and end (`[b + 1]`) in the sorted
    /// keyword table: worked out once per load, so the word scan finds a position's candidates
    /// without two binary searches per character.
    kw_first: [u32; 257],
    /// Which second bytes follow each first byte among the keywords (`[first][second / 64]`,
    /// ASCII): the word scan skips a position whose two letters start no keyword.
    kw_second: [[u64; 2]; 128],
    /// Every weight's points, resolved from the weights table at load.
    weights: Weights,
    /// Filters over the shortener and hosting tables' keys (built at load).
    shortener_bits: table::KeyBits,
    hosting_bits: table::KeyBits,
    /// The confusable folds (`CONF`) for the whole-script homograph test; `None` when viewed
    /// from a lone `RULE` section.
    confusables: Option<crate::confusables::Confusables<'a>>,
    /// Each character's scripts (`SCRX`) for the IDN display policy; `None` when viewed from a
    /// lone `RULE` section (the policy's checks are then skipped).
    scripts: Option<crate::scripts::Scripts<'a>>,
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
        let section = env.section_bytes(bytes, RULES_TAG, "RULE")?;
        Ok(Rules {
            confusables: Some(confusables),
            scripts: Some(crate::scripts::Scripts::from_envelope(env, bytes)?),
            ..Rules::from_section(section)?
        })
    }

    /// Views a `RULE` section's bytes (without the `CONF` and `SCRX` sections the IDN display
    /// policy and its whole-script homograph test never fire: use [`Rules::from_envelope`]).
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
        let kw = &tables[T_KEYWORDS];
        let mut kw_first = [0u32; 257];
        let mut i = 0usize;
        for (b, slot) in kw_first.iter_mut().enumerate() {
            while i < kw.n && usize::from(kw.first_byte(i)) < b {
                i += 1;
            }
            *slot = i as u32;
        }
        let mut kw_second = [[0u64; 2]; 128];
        for key in (0..kw.n).filter_map(|i| kw.key(i)) {
            if let (Some(&a), Some(&b)) = (key.first(), key.get(1)) {
                if let Some(w) = kw_second
                    .get_mut(usize::from(a))
                    .and_then(|r| r.get_mut(usize::from(b) / 64))
                {
                    *w |= 1 << (b % 64);
                }
            }
        }
        let weights = Weights::resolve(&tables[T_WEIGHTS])?;
        Ok(Rules {
            kw_second,
            shortener_bits: table::KeyBits::of(&tables[T_SHORTENERS]),
            hosting_bits: table::KeyBits::of(&tables[T_HOSTING]),
            tables,
            kw_first,
            weights,
            confusables: None,
            scripts: None,
        })
    }

    /// Checks every entry of every table (order, case, value ranges; that every weight is present
    /// is checked at load). O(entries); for tools and tests (the engine does not call it: the file's checksum
    /// guards what it loads).
    pub fn validate(&self) -> Result<(), DataError> {
        for (t, name) in self.tables.iter().zip(TABLE_NAMES) {
            t.validate(name)?;
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

    /// The points of a weight (every weight is present: resolved at load).
    pub fn points(&self, w: Weight) -> u8 {
        self.weights.get(w)
    }

    /// The points of the weight named `key` in `weights.tsv`, for tools and tests (0 for a name
    /// that is no weight's key); the checks use [`Rules::points`].
    pub fn weight(&self, key: &str) -> u8 {
        Weight::from_key(key).map_or(0, |w| self.points(w))
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
        self.shortener_bits.may_contain(domain.as_bytes())
            && self.tables[T_SHORTENERS].find(domain.as_bytes()).is_some()
    }

    /// Points of a free-hosting suffix (PSL private section), if listed.
    pub fn hosting_points(&self, suffix: &str) -> Option<u8> {
        if !self.hosting_bits.may_contain(suffix.as_bytes()) {
            return None;
        }
        let t = &self.tables[T_HOSTING];
        t.find(suffix.as_bytes())
            .and_then(|i| t.value(i))
            .and_then(|v| v.first().copied())
    }

    /// The scam-pattern reasons for one URL. Reasons that are about the URL itself rather than the
    /// site are marked by [`applies_on_official_site`]; gambling reasons by [`is_gambling`] (param
    /// `category=gambling`).
    /// [`Rules::evaluate_input`] on an official or popular site, where the engine keeps only
    /// the reasons [`applies_on_official_site`]: the same reasons, in the same order, from
    /// the checks that can give them (the address's userinfo, IP and download), without the
    /// rest. A download gets the lure bonus from the words of the whole URL, so a URL with one
    /// takes the full evaluation.
    pub fn evaluate_on_known_site(&self, s: &RuleInput) -> Vec<Reason> {
        let web = s.scheme.eq_ignore_ascii_case("http") || s.scheme.eq_ignore_ascii_case("https");
        let mut out = Vec::new();
        if web {
            let input = s.unescaped_input();
            let raw = RawUrl::split(&input);
            self.check_userinfo(&raw, s, &mut out);
            self.check_ip(&raw, s, &mut out);
            self.check_download(raw.path, &mut out);
        }
        if !web || out.iter().any(|r| r.code == code::DOWNLOAD) {
            out = self.evaluate_input(s);
        }
        out.retain(|r| applies_on_official_site(&r.code));
        out
    }

    pub fn evaluate_input(&self, s: &RuleInput) -> Vec<Reason> {
        self.evaluate_hosted(s, self.hosting_of(s.host))
    }

    /// [`Rules::evaluate_input`] with [`Rules::hosting_of`] the host already read.
    pub fn evaluate_hosted(&self, s: &RuleInput, hosting: Option<(&str, u8, &str)>) -> Vec<Reason> {
        let mut out = Vec::new();
        let scheme = s.scheme;
        if scheme.eq_ignore_ascii_case("javascript") {
            out.push(Reason::new(
                code::JAVASCRIPT,
                self.points(Weight::SchemeJavascript),
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
                self.points(Weight::SchemeData)
            } else {
                self.points(Weight::SchemeDataOther)
            };
            out.push(Reason::new(code::DATA, w).with("mime", mime));
            return out;
        }
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return out;
        }
        // `/%6Cogin.%61pk` is `/login.apk` to the browser: escaped unreserved characters are read
        // as themselves, or escaping would hide every word and file name from the rules.
        let input = s.unescaped_input();
        let raw = RawUrl::split(&input);
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
            self.check_hosting(hosting, &mut out);
            self.check_ipfs(&raw, s, &mut out);
            self.check_shape(s, hosting, &mut out);
        }
        self.check_keywords(&raw, s, ip, &mut out);
        self.combine_hosting(hosting, &mut out);
        self.combine_tld(s, &mut out);
        // An executable download behind lure words ("Undangan Pernikahan.apk", "Surat Tilang.apk")
        // is the dropper itself.
        if out.iter().any(|r| r.code == code::LURE) {
            let bonus = self.points(Weight::DownloadWithLure);
            if let Some(d) = out.iter_mut().find(|r| r.code == code::DOWNLOAD) {
                d.score = d.score.saturating_add(bonus);
                d.params.insert("lure", "yes".to_string());
            }
        }
        out
    }
}

use crate::text::clip as truncate;

/// `s` with every `%XX` escape decoded.
fn percent_decode_lossy(s: &str) -> String {
    crate::text::percent_decode(s, |_| true).into_owned()
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
