//! Lookalike detection: is this host imitating a protected target or a popular site?
//!
//! Everything heavy is precomputed by the builder into sections (see [`crate::targets`]):
//! - `LKSK`: `xxh3(loose_skeleton(label))` → record, for every target and popular site. One
//!   lookup finds IDN homographs (UTS #39 skeleton, diacritics and invisible characters removed,
//!   small capitals and IPA letters folded) and ASCII lookalikes (`rn`→`m`, `vv`→`w`, `0`→`o`,
//!   `1`→`l`), and exact-label TLD/second-level swaps (`bca.id`, `klikbca.net`).
//! - `LKDL`: a symmetric-deletion index (all deletions of 1 character, 2 for official names of
//!   10+ characters) of typo targets: the official domains of curated brands (rows with brand
//!   keys) and ranked popular sites (`RANKED`). A query generates its 1-deletions and verifies candidates with the
//!   optimal-string-alignment distance (transpositions count 1).
//! - `LKBR`: brand keys (curated, distinctive labels) for combosquats and brand embedding,
//!   looked up by hashing the host's substrings of the lengths present (a bit mask), after a
//!   prefix filter `LKBG` (bit set of every key's first two bytes).
//!
//! The character folds behind every skeleton (UTS #39 confusables, diacritics, invisible
//! characters, the extra Latin folds) are the `CONF` section, see [`crate::confusables`].
//!
//! Cost: about 3–5 µs per host against the full index (85k records), see `benches/RESULTS.md`.
//!
//! Reason codes and points (the points are added by [`crate::score::combine`]: suspicious from
//! 40, dangerous from 70 at normal sensitivity; the rules' reasons add on top, so a signal that is
//! only context is sized below 40):
//!
//! | code | kind | when | points |
//! |---|---|---|---|
//! | `lookalike.homoglyph` | `homoglyph` | Unicode label whose skeleton is a target's label, same suffix / other suffix | 80 / 65 |
//! | | `homoglyph_loose` | Unicode label, loose match (`c`/`e`, `rn`/`m`, ... plus Unicode) | 70 / 60 |
//! | | `homoglyph_typo` | Unicode label one edit from an official brand after folding | ≥ 60 |
//! | | `ascii` | `rn`→`m`, `vv`→`w`, `0`→`o`, `1`→`l`: official same / other suffix; ranked same suffix; popular (letters only, 6+) same suffix; other popular same / other | 65 / 45; 50; 40; 25 / 10 |
//! | | `ascii_loose` | ASCII glyph swaps (`gooqle`) of an official brand, same / other suffix; of a ranked site, same suffix | 55 / 20; 45 |
//! | `lookalike.typo` | `omission`, `insertion`, `repetition`, `hyphenation`, `transposition`, `replacement`, `bitsquatting`, `distance2` | edit distance 1 (2 for ≥ 10 chars) of an official brand label, same suffix (+5 for keyboard/visual pairs and transpositions) | 60 (d2: 50) |
//! | | | ... under another suffix | 30 (a crypto brand's label of 6+ letters, `targets::CRYPTO`: 45; two edits of 7+ letters: 40) |
//! | | | two edits of a crypto brand's official label of 7+ letters under its own suffix | 50 |
//! | | | one added character to a short (3–4) official name under its own country-code suffix (`jneh.co.id`) | 45 |
//! | | | edit distance 1 of a ranked popular site (a distinctive label from the top of the Moz top 500, or a phished brand, see [`crate::targets`]), same suffix only; a hyphen only when it cuts 1–2 letters off the end (`outlo-ok`, not `wal-mart`); not a plural `s` added or dropped (+5 as above) | 45 |
//! | | `split` | the label split by dots (`go.ogle.com`): official / popular | 60 / 50 |
//! | | `suffix_in_label` | the domain with its dots dropped (`paypalcom.com`, `danaid.id`): official / popular | 60 / 25 |
//! | `lookalike.tld_swap` | `swap` | an official label under another suffix (`bca.id`, `adidas.co.id`): context; warns only with an abused TLD or a lure word (brands run country sites) | 30 |
//! | `lookalike.combosquat` | `combosquat`, `sld_swap` | a brand key in the registrable label (`bri-promo.xyz`): 30; +30 with a lure word (`keyword`: a bank's name plus "login" or "promo" warns on its own), +25 with the brand's own suffix as a token (`bca-id.com`); +15 on a hosting platform (`hosting`) | 30–75 |
//! | | `token_typo` | a misspelt official brand as a hyphen token (`auth-start-trezer`): 25, same bonuses | 25–65 |
//! | | `brand_typo` | a brand key of 6+ letters misspelt at the start of a word, doubled letters collapsed, one edit inside the name (`coiibasseexteossion`, `metumasklogin`): 25, same bonuses | 25–65 |
//! | | `combosquat` (short key) | a 4-letter key at the start of a word, only next to a lure word (`danaxpaylater`): 30 + 15 (+15 on a hosting platform) | 45–60 |
//! | `lookalike.typo` | `doubled` | the whole registrable label is a brand key misspelt as above (`steaamcommunlty.com`): official suffix / another | 60 / 30 |
//! | `brand.in_path` | `path` | a brand key as a whole path token: on a hosting platform's user page 15 (25 with a lure word in the path); elsewhere 20 with a lure word, else nothing | 15–25 |
//! | `brand.embedded` | `domain` | an official / popular domain as subdomain labels (`klikbca.com.evil.xyz`) | 70 / 50 |
//! | | `domain_hyphen` | ... split by a hyphen (`usps.com-parcel.vip`) | 75 / 65 |
//! | | `subdomain`, `subdomain_label` | a brand key in a subdomain label: like `combosquat`; 40 instead of 30 when a key of 5+ letters is the whole label (`apple.dec852.com`) | 30–80 |
//! | any | `user` | against Settings.protected: homoglyph 75, TLD swap 60, typo 60, containment 45 | |
//!
//! Popular sites are not edit-distance targets (the top-100k is full of real names one edit
//! apart), except the ranked ones above; they are matched by skeleton, split, suffix-in-label and
//! embedding.
//!
//! Params: `target` (official or popular domain, also the suggestion), `brand` (curated brand
//! name, if any), `kind` (above), `keyword` (lure word), `hosting` (the private suffix),
//! `distance`.
//!
//! Only one lookalike reason is returned: the strongest. `brand.in_path` is asked for (by the
//! engine) only when the host itself gave none. A user's page on a platform the PSL does not list
//! but `hosting_extra.tsv` does (`x.mystrikingly.com`) is checked with the user's label as the
//! site.
//! Official domains and popular sites themselves (and their subdomains) are never flagged.

use crate::confusables::Confusables;
use crate::error::DataError;
use crate::format::Envelope;
use crate::targets::{
    hash, DomainRecord, HashTable, Targets, BRAND, CRYPTO, OFFICIAL, POPULAR, RANKED, SHORT, TYPO,
};
use crate::verdict::Reason;

/// Lure words that make a brand inside a foreign host an attack (matched as tokens of the host,
/// or as substrings when at least 5 letters). General words, not taken from any test set.
pub const LURES: &[&str] = &[
    "pin",
    "saldo",
    "bantuan",
    "kaget",
    "daget",
    "poin",
    "kupon",
    "voucher",
    "cashback",
    "subsidi",
    "pinjaman",
    "paylater",
    "pencairan",
    "cair",
    "transfer",
    "invest",
    "investasi",
    "merchant",
    "pulsa",
    "login",
    "log-in",
    "logon",
    "signin",
    "sign-in",
    "verify",
    "verif",
    "verifikasi",
    "validasi",
    "validate",
    "secure",
    "security",
    "update",
    "account",
    "akun",
    "confirm",
    "konfirmasi",
    "unlock",
    "suspend",
    "suspended",
    "blokir",
    "recover",
    "recovery",
    "promo",
    "hadiah",
    "bonus",
    "gift",
    "reward",
    "claim",
    "klaim",
    "billing",
    "invoice",
    "refund",
    "redelivery",
    "undian",
    "aktivasi",
    "activate",
    "activation",
    "auth",
    "otp",
    "reset",
    "password",
    "webscr",
    "helpdesk",
    "support",
    "cs",
    "resmi",
    "official",
    "ebanking",
    "ibanking",
    "apk",
    "bansos",
    "tarif",
    "gratis",
    "giveaway",
    "airdrop",
    "restore",
    "alert",
    "notice",
    "cek",
    "layanan",
    "delivery",
    "tracking",
    "parcel",
    "paket",
    // Indonesian customer-service and "official store" lures (issue 11): "Shopee Mall" on a
    // cheap domain, "kendala" (a problem with your account), "pengaduan" (complaints),
    // "pembatalan" (cancellation of a tariff change), "opisial" (a common spelling of official).
    // Not "service" or "customer": brands' own hosts carry them (amazonwebservices.com).
    "mall",
    "kendala",
    "pengaduan",
    "pembatalan",
    "opisial",
    "callcenter",
];

/// A lure word of 5+ letters starts at `at` in `text` (`bca|login`).
fn lure_glued_after(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    LURES
        .iter()
        .any(|w| !lure_needs_token(w) && rest.starts_with(w))
}

/// A lure word of 5+ letters ends at `at` in `text` and starts a word there (`official|dana`).
fn lure_glued_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    LURES.iter().any(|w| {
        !lure_needs_token(w)
            && head
                .strip_suffix(w)
                .is_some_and(|h| h.is_empty() || h.ends_with(|c: char| !c.is_ascii_alphabetic()))
    })
}

/// Which lure words count only as whole tokens (short or common inside ordinary words).
fn lure_needs_token(w: &str) -> bool {
    w.len() < 5
}

/// The outcome of a lookalike check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finding {
    pub reasons: Vec<Reason>,
    /// The official (or popular) domain the user probably meant.
    pub suggestion: Option<String>,
}

/// What lookalike detection needs to know about one host (the engine's `Subject` gives these).
#[derive(Clone, Copy, Debug)]
pub struct HostView<'s> {
    /// ASCII (punycode) lower-case host.
    pub host: &'s str,
    /// The registrable domain (eTLD+1 with the PSL private section), ASCII.
    pub registrable: Option<&'s str>,
    /// The public suffix, ASCII.
    pub public_suffix: Option<&'s str>,
    /// The suffix is in the PSL private section (pages.dev, github.io, ...).
    pub private_suffix: bool,
}

// ---------------------------------------------------------------------------------------------
// Skeletons
// ---------------------------------------------------------------------------------------------

// The folds live in the data file's `CONF` section: see [`crate::confusables`]. The builder
// computes the index keys with `unicode-security` directly (the same folds, checked by the tests).

/// A label at least this long may be 2 edits away from an official one.
pub(crate) const LONG: usize = 10;

/// Shortest official label of a crypto brand whose typos count under any suffix and two edits
/// away (`kraken`, `trezor`; not `token`).
pub const CRYPTO_MIN: usize = 6;

/// Shortest crypto label matched two edits away (`binance`, `uniswap`; `kraken` is two edits
/// from `raven`).
const CRYPTO_LONG: usize = 7;

/// The most edits a typo of a target with these flags and this (skeleton) length may have.
pub(crate) fn max_distance(flags: u8, len: usize) -> usize {
    let official = flags & OFFICIAL != 0;
    if official && (len >= LONG || flags & CRYPTO != 0 && len >= CRYPTO_LONG) {
        2
    } else {
        1
    }
}

/// Points of a typo of a crypto brand's official label under another suffix (one / two edits):
/// suspicious alone, unlike other brands' (30).
const CRYPTO_OTHER_SUFFIX: [u8; 2] = [45, 40];

pub(crate) fn deletions(s: &[char], depth: usize) -> Vec<String> {
    let mut out: Vec<String> = vec![s.iter().collect()];
    let mut frontier: Vec<Vec<char>> = vec![s.to_vec()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for w in &frontier {
            for i in 0..w.len() {
                let mut v = w.clone();
                v.remove(i);
                next.push(v);
            }
        }
        next.sort();
        next.dedup();
        out.extend(next.iter().map(|v| v.iter().collect::<String>()));
        frontier = next;
    }
    out.sort();
    out.dedup();
    out
}

/// Size of the brand-key prefix bit set: 38 × 38 bits.
pub const BIGRAM_BYTES: usize = (38usize * 38).div_ceil(8);

fn bigram_class(c: u8) -> usize {
    match c {
        b'a'..=b'z' => usize::from(c - b'a'),
        b'0'..=b'9' => 26 + usize::from(c - b'0'),
        b'-' => 36,
        _ => 37,
    }
}

/// The bit of a key's first two bytes in the prefix bit set.
pub fn bigram_index(c0: u8, c1: u8) -> usize {
    bigram_class(c0) * 38 + bigram_class(c1)
}

fn bigram_set(bits: &[u8], c0: u8, c1: u8) -> bool {
    let i = bigram_index(c0, c1);
    bits.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0)
}

/// Brand keys are 3..=31 bytes (the length mask is a u32).
pub fn brand_key_len(key: &str) -> Option<u32> {
    let n = key.len();
    (3..32).contains(&n).then_some(n as u32)
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/// The lookalike indexes, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Lookalike<'a> {
    pub targets: Targets<'a>,
    skeletons: HashTable<'a>,
    deletes: HashTable<'a>,
    brands: HashTable<'a>,
    /// Bit set of the first two bytes of every brand key ([`bigram_index`]).
    bigrams: &'a [u8],
    /// The character folds behind the skeletons (`CONF`).
    pub confusables: Confusables<'a>,
}

/// Points of an official label under another suffix (`bca.id`, `adidas.co.id`): context only.
/// Brands run country sites under many suffixes (105 of the 155 top-100k sites of 2026 Waspada
/// flagged were such), and Chromium does not flag TLD swaps at all: a swap warns only with a
/// second signal — an abused TLD (10+ points) or a lure word in the URL.
const TLD_SWAP: u8 = 30;

/// Points of one edit of a ranked popular site under its own suffix (`outlok.com`).
const RANKED_TYPO: u8 = 45;

/// Points of one added character to a short official name under its own country-code suffix.
const SHORT_TYPO: u8 = 45;

/// The most page text [`Lookalike::brand_in_text`] reads (bytes) ...
pub const PAGE_TEXT_MAX: usize = 4096;
/// ... and words.
const PAGE_WORDS_MAX: usize = 600;
/// A brand right after one of these words is a third-party login button ("Sign in with
/// Google", "Masuk dengan Facebook", "Login via Apple"), not the page pretending to be it.
const SIGN_IN_WITH: &[&str] = &["with", "dengan", "via", "using", "menggunakan", "pakai"];

/// Shortest brand key (after collapsing doubled letters) matched with a typo inside a word.
const FUZZY_MIN: usize = 6;
/// Words of a host tried by the fuzzy brand match.
const FUZZY_WORDS: usize = 6;
/// Longest word prefix tried by the fuzzy brand match (brand keys are shorter).
const FUZZY_MAX: usize = 24;
/// At most this many candidates are verified per key (keeps hostile input cheap).
const MAX_CANDIDATES: usize = 64;

#[derive(Clone, Debug)]
struct Hit {
    score: u8,
    code: &'static str,
    kind: &'static str,
    target: String,
    brand: Option<String>,
    keyword: Option<String>,
    hosting: Option<String>,
    distance: Option<usize>,
}

impl Hit {
    /// The reason (with its params) and the suggestion this hit gives.
    fn into_finding(self) -> Finding {
        let mut r = Reason::new(self.code, self.score)
            .with("target", self.target.clone())
            .with("kind", self.kind);
        if let Some(b) = self.brand {
            r = r.with("brand", b);
        }
        if let Some(k) = self.keyword {
            r = r.with("keyword", k);
        }
        if let Some(s) = self.hosting {
            r = r.with("hosting", s);
        }
        if let Some(d) = self.distance {
            r = r.with("distance", d.to_string());
        }
        Finding {
            reasons: vec![r],
            suggestion: Some(self.target),
        }
    }

    /// The context a misspelt brand inside a longer name needs to count (`token_typo`,
    /// `brand_typo`): +25 with a lure word outside `brand` in `text`, +15 on a hosting platform.
    fn add_context(&mut self, text: &str, brand: std::ops::Range<usize>, v: &HostView<'_>) {
        if let Some(w) = lure_in(text, brand) {
            self.score += 25;
            self.keyword = Some(w.to_string());
        }
        if v.private_suffix {
            self.score += 15;
            self.hosting = v.public_suffix.map(str::to_string);
        }
    }

    fn new(code: &'static str, kind: &'static str, score: u8, rec: &DomainRecord<'_>) -> Hit {
        Hit {
            score,
            code,
            kind,
            target: rec.domain.to_string(),
            brand: rec.brand.map(str::to_string),
            keyword: None,
            hosting: None,
            distance: None,
        }
    }
}

fn keyboard_or_visual(a: char, b: char) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    const VISUAL: [(char, char); 10] = [
        ('c', 'e'),
        ('b', 'd'),
        ('g', 'q'),
        ('m', 'n'),
        ('n', 'r'),
        ('i', 'l'),
        ('o', '0'),
        ('l', '1'),
        ('u', 'v'),
        ('v', 'y'),
    ];
    if VISUAL
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    {
        return true;
    }
    let pos = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|i| (r as i32, i as i32)))
    };
    match (pos(a), pos(b)) {
        (Some((ra, ia)), Some((rb, ib))) => (ra - rb).abs() <= 1 && (ia - ib).abs() <= 1,
        _ => false,
    }
}

/// A hyphen that cuts one or two letters off the end of a name (`outlo-ok`, `outloo-k`), not
/// a word boundary (`wal-mart`) nor a prefix (`e-`, `i-`, `my-` names are common).
fn odd_hyphen(q: &str) -> bool {
    q.split_once('-')
        .is_some_and(|(a, b)| a.len() >= 3 && (1..=2).contains(&b.len()))
}

/// One name is the other with an `s` at the end (`answer`/`answers`): real sites differ so.
fn plural_pair(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

/// Names the single edit between `q` and `t` (distance 1).
fn edit_kind(q: &[char], t: &[char]) -> (&'static str, bool) {
    let p = q.iter().zip(t.iter()).take_while(|(a, b)| a == b).count();
    match q.len().cmp(&t.len()) {
        std::cmp::Ordering::Less => {
            let rep = p > 0 && t.get(p) == t.get(p - 1);
            ("omission", rep)
        }
        std::cmp::Ordering::Greater => {
            let c = q.get(p).copied();
            if c == Some('-') {
                ("hyphenation", false)
            } else if p > 0 && q.get(p - 1).copied() == c {
                ("repetition", false)
            } else {
                ("insertion", false)
            }
        }
        std::cmp::Ordering::Equal => {
            if q.get(p + 1) == t.get(p)
                && q.get(p) == t.get(p + 1)
                && q.get(p + 2..) == t.get(p + 2..)
            {
                ("transposition", true)
            } else {
                let (a, b) = (
                    q.get(p).copied().unwrap_or(' '),
                    t.get(p).copied().unwrap_or(' '),
                );
                let bit = (a as u32 ^ b as u32).count_ones() == 1;
                if keyboard_or_visual(a, b) {
                    ("replacement", true)
                } else if bit {
                    ("bitsquatting", false)
                } else {
                    ("replacement", false)
                }
            }
        }
    }
}

fn is_ip_literal(host: &str) -> bool {
    host.contains(':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

fn lure_in(text: &str, skip: std::ops::Range<usize>) -> Option<&'static str> {
    let before = text.get(..skip.start).unwrap_or("");
    let after = text.get(skip.end..).unwrap_or("");
    for part in [before, after] {
        for tok in part.split(|c: char| !c.is_ascii_alphanumeric() || c.is_ascii_digit()) {
            if tok.is_empty() {
                continue;
            }
            for &w in LURES {
                if tok == w || (!lure_needs_token(w) && tok.contains(w)) {
                    return Some(w);
                }
            }
        }
    }
    None
}

impl<'a> Lookalike<'a> {
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Lookalike<'a>, DataError> {
        let get = |tag, name: &'static str| {
            env.section(tag)
                .and_then(|r| bytes.get(r))
                .ok_or(DataError::MissingSection(name))
        };
        Ok(Lookalike {
            targets: Targets::from_envelope(env, bytes)?,
            skeletons: HashTable::new(
                get(crate::targets::TAG_SKELETON, "lookalike skeletons (LKSK)")?,
                "LKSK",
            )?,
            deletes: HashTable::new(
                get(crate::targets::TAG_DELETES, "lookalike deletions (LKDL)")?,
                "LKDL",
            )?,
            brands: HashTable::new(
                get(crate::targets::TAG_BRANDS, "brand keys (LKBR)")?,
                "LKBR",
            )?,
            bigrams: {
                let b = get(crate::targets::TAG_BIGRAMS, "brand key prefixes (LKBG)")?;
                if b.len() < BIGRAM_BYTES {
                    return Err(DataError::Corrupt("LKBG: section too short".into()));
                }
                b
            },
            confusables: Confusables::from_envelope(env, bytes)?,
        })
    }

    /// [`Lookalike::check`] for the engine's [`crate::subject::Subject`].
    pub fn check_subject(
        &self,
        s: &crate::subject::Subject<'_>,
        user_protected: &[String],
    ) -> Finding {
        self.check(
            &HostView {
                host: s.host,
                registrable: s.registrable_domain,
                public_suffix: s.public_suffix,
                private_suffix: s.private_suffix,
            },
            user_protected,
        )
    }

    /// Checks one host against every protected target and popular site, plus the user's own
    /// protected domains (`user_protected`: registrable domains or hosts, checked directly — few).
    pub fn check(&self, v: &HostView<'_>, user_protected: &[String]) -> Finding {
        let host = v.host.trim_end_matches('.');
        let (Some(reg), Some(suffix)) = (v.registrable, v.public_suffix) else {
            return Finding::default();
        };
        if host.is_empty() || is_ip_literal(host) || !host.is_ascii() {
            return Finding::default();
        }
        if self.targets.is_official(host, Some(reg)) || self.targets.is_popular(host, Some(reg)) {
            return Finding::default();
        }
        if user_protected.iter().any(|p| same_site(host, reg, p)) {
            return Finding::default();
        }
        let Some(label) = reg
            .strip_suffix(suffix)
            .and_then(|l| l.strip_suffix('.'))
            .filter(|l| !l.is_empty() && !l.contains('.'))
        else {
            return Finding::default();
        };
        let sub = host
            .strip_suffix(reg)
            .map(|s| s.trim_end_matches('.'))
            .unwrap_or("");
        let mut best: Option<Hit> = None;
        let offer = |best: &mut Option<Hit>, h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().map_or(true, |b| h.score > b.score) {
                    *best = Some(h);
                }
            }
        };
        offer(&mut best, self.skeleton_hit(label, suffix));
        offer(&mut best, self.typo_hit(label, suffix));
        offer(&mut best, self.split_hit(sub, label, suffix));
        offer(&mut best, self.suffix_in_label_hit(label));
        offer(&mut best, self.embedded_hit(host, reg, label));
        offer(&mut best, self.token_typo_hit(label, v));
        offer(&mut best, self.brand_hit(sub, label, suffix, v));
        // The costliest search, only when nothing above already warns.
        if best.as_ref().map_or(true, |b| b.score < 40) {
            offer(&mut best, self.fuzzy_brand_hit(sub, label, suffix, v));
        }
        offer(
            &mut best,
            user_hit(&self.confusables, sub, label, suffix, user_protected),
        );
        let Some(mut h) = best else {
            return Finding::default();
        };
        if v.private_suffix && h.hosting.is_none() && h.code != "lookalike.homoglyph" {
            h.hosting = Some(suffix.to_string());
        }
        h.into_finding()
    }

    /// A curated brand named in the path of a page that is not the brand's
    /// (`someone.github.io/dana/`, `/wellsfargo/login.php`): a kit page dressed as the brand.
    /// On a user's page of a hosting platform (`hosted`) the name alone is context (15), with a
    /// lure word in the path or the host 25; on any other site only the pair counts (20). Whole path tokens
    /// only (letters, split at anything else), the query and fragment not read. Reason
    /// `brand.in_path` with `brand`, `target` and `keyword`; the finding suggests the official
    /// domain.
    pub fn path_brand(&self, path: &str, hosted: bool, host: &str) -> Finding {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if path.len() < 4 || path.len() > 2048 {
            return Finding::default();
        }
        let lower = path.to_ascii_lowercase();
        let mut tokens: Vec<(usize, &str)> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in lower.bytes().chain(std::iter::once(b'/')).enumerate() {
            match (c.is_ascii_lowercase(), start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    tokens.extend(lower.get(a..i).map(|t| (a, t)));
                    start = None;
                }
                _ => {}
            }
        }
        for &(at, tok) in &tokens {
            if !(3..=24).contains(&tok.len()) || brand_key_len(tok).is_none() {
                continue;
            }
            let Some(rec) = self
                .candidates(&self.brands, tok)
                .into_iter()
                .find(|r| r.label == tok)
            else {
                continue;
            };
            // A lure word in the path, or in the host (`layanan-app.com/Dana/`).
            let lure = lure_in(&lower, at..at + tok.len()).or_else(|| lure_in(host, 0..0));
            let score = match (hosted, lure.is_some()) {
                (true, true) => 25,
                (true, false) => 15,
                (false, true) => 20,
                (false, false) => continue,
            };
            let mut h = Hit::new("brand.in_path", "path", score, &rec);
            h.keyword = lure.map(str::to_string);
            return h.into_finding();
        }
        Finding::default()
    }

    /// The first curated brand a page's own words name (`Masuk ke BCA`, `Bank Mandiri`,
    /// `Steam Community`): a brand key equal to one word, or to two neighbouring words written
    /// together. ASCII letters and digits only, case folded; at most the first
    /// [`PAGE_TEXT_MAX`] bytes and [`PAGE_WORDS_MAX`] words are read. Reason `page.brand` with
    /// `score` points, `brand` and `target`; the finding suggests the official domain.
    pub fn brand_in_text(&self, text: &str, score: u8) -> Finding {
        let mut end = text.len().min(PAGE_TEXT_MAX);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let lower = text.get(..end).unwrap_or("").to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(PAGE_WORDS_MAX)
            .collect();
        let find = |key: &str| {
            if brand_key_len(key).is_none() || key.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            self.candidates(&self.brands, key)
                .into_iter()
                .find(|r| r.label == key)
        };
        for (i, w) in words.iter().enumerate() {
            // "Sign in with Google", "Masuk dengan Facebook": another site's login button.
            let prev = i.checked_sub(1).and_then(|p| words.get(p)).copied();
            if prev.is_some_and(|p| SIGN_IN_WITH.contains(&p)) {
                continue;
            }
            let pair = words.get(i + 1).map(|n| format!("{w}{n}"));
            let rec = pair.as_deref().and_then(find).or_else(|| find(w));
            if let Some(rec) = rec {
                return Hit::new("page.brand", "page", score, &rec).into_finding();
            }
        }
        Finding::default()
    }

    fn candidates(&self, table: &HashTable<'a>, key: &str) -> Vec<DomainRecord<'a>> {
        self.candidates_of(table, hash(key)).collect()
    }

    /// The records under key hash `h` (none, without allocating, for nearly every absent key).
    fn candidates_of<'t>(
        &'t self,
        table: &'t HashTable<'a>,
        h: u64,
    ) -> impl Iterator<Item = DomainRecord<'a>> + 't {
        table
            .find(h)
            .take(MAX_CANDIDATES)
            .filter_map(|id| self.targets.record(id))
    }

    /// Homographs (Unicode or ASCII lookalikes) and exact-label swaps.
    fn skeleton_hit(&self, label: &str, suffix: &str) -> Option<Hit> {
        let unicode = if label.starts_with("xn--") {
            let (u, res) = idna::domain_to_unicode(label);
            if res.is_err() {
                return None;
            }
            Some(u)
        } else {
            None
        };
        let shown = unicode.as_deref().unwrap_or(label);
        let strict = self.confusables.strict_skeleton(shown);
        let loose = self.confusables.loose_skeleton(shown);
        let ascii_lookalike = unicode.is_none() && strict != label;
        let mut best: Option<Hit> = None;
        for rec in self.candidates(&self.skeletons, &loose) {
            let same_suffix = rec.suffix == suffix;
            let official = rec.flags & OFFICIAL != 0;
            let hit = if unicode.is_none() && rec.label == label {
                // Same label, other suffix: a TLD / second-level swap (official targets only:
                // many popular brands legitimately own many ccTLDs).
                (official && !same_suffix && rec.label.len() >= 3)
                    .then(|| Hit::new("lookalike.tld_swap", "swap", TLD_SWAP, &rec))
            } else if unicode.is_some() {
                let exact = self.confusables.strict_skeleton(rec.label) == strict;
                let score = match (exact, same_suffix) {
                    (true, true) => 80,
                    (false, true) => 70,
                    (true, false) => 65,
                    (false, false) => 60,
                };
                Some(Hit::new(
                    "lookalike.homoglyph",
                    if exact {
                        "homoglyph"
                    } else {
                        "homoglyph_loose"
                    },
                    score,
                    &rec,
                ))
            } else if ascii_lookalike
                && self.confusables.strict_skeleton(rec.label) == strict
                && rec.label.len() >= 4
            {
                let ranked = rec.flags & RANKED != 0;
                let score = match (official, same_suffix) {
                    (true, true) => 65,
                    (true, false) => 45,
                    (false, true) if ranked => RANKED_TYPO + 5,
                    // A popular name of letters only, written with digits or `rn`/`vv`.
                    (false, true)
                        if rec.label.len() >= 6
                            && rec.label.bytes().all(|b| b.is_ascii_lowercase()) =>
                    {
                        40
                    }
                    (false, true) => 25,
                    (false, false) => 10,
                };
                Some(Hit::new("lookalike.homoglyph", "ascii", score, &rec))
            } else if (official && rec.flags & BRAND != 0 || rec.flags & RANKED != 0)
                && rec.label.len() >= 5
                && rec.label != label
            {
                // Letters swapped for lookalike ASCII letters (`gooqle`, `c`/`e`): official
                // brands and ranked sites only (those under their own suffix only).
                let score = match (official, same_suffix) {
                    (true, true) => 55,
                    (true, false) => 20,
                    (false, true) => RANKED_TYPO,
                    (false, false) => continue,
                };
                Some(Hit::new("lookalike.homoglyph", "ascii_loose", score, &rec))
            } else {
                None
            };
            if let Some(h) = hit {
                if best.as_ref().map_or(true, |b| h.score > b.score) {
                    best = Some(h);
                }
            }
        }
        // A Unicode label one edit away from a target after folding is still a homograph attack.
        if best.is_none() && unicode.is_some() && strict.chars().count() >= 4 {
            if let Some(mut h) = self.typo_on(&strict, suffix, true) {
                h.code = "lookalike.homoglyph";
                h.kind = "homoglyph_typo";
                h.score = h.score.max(60);
                best = Some(h);
            }
        }
        best
    }

    /// Typosquats of typo targets (edit distance on the registrable label).
    fn typo_hit(&self, label: &str, suffix: &str) -> Option<Hit> {
        if label.starts_with("xn--") {
            return None;
        }
        self.typo_on(label, suffix, false)
    }

    fn typo_on(&self, q: &str, suffix: &str, unicode: bool) -> Option<Hit> {
        let qs: Vec<char> = self.confusables.strict_skeleton(q).chars().collect();
        if qs.len() < 3 || qs.len() > 63 {
            return None;
        }
        // The query's 1-deletions against the targets' 1- (2- for long official names)
        // deletions: every single edit, and two edits of a long name when one is an omission.
        let qstr: String = qs.iter().collect();
        let mut best: Option<Hit> = None;
        let mut seen: Vec<u32> = Vec::new();
        for key in crate::edits::deletion_hashes(&qs) {
            for rec in self.candidates_of(&self.deletes, key) {
                if rec.flags & (TYPO | SHORT) == 0 || seen.contains(&rec.id) {
                    continue;
                }
                seen.push(rec.id);
                let ts: Vec<char> = self
                    .confusables
                    .strict_skeleton(rec.label)
                    .chars()
                    .collect();
                let official = rec.flags & OFFICIAL != 0;
                let same_suffix = rec.suffix == suffix;
                let max = max_distance(rec.flags, ts.len());
                let tstr: String = ts.iter().collect();
                let d = strsim::osa_distance(&qstr, &tstr);
                if d == 0 || d > max {
                    continue;
                }
                // Short names: one edit of a 4-letter name is another word, except one added
                // character under the brand's own country-code suffix (`jneh.co.id`).
                let short = ts.len() < 5;
                if short
                    && (rec.flags & SHORT == 0
                        || !same_suffix
                        || unicode
                        || qs.len() != ts.len() + 1
                        || qs.first() == Some(&'-')
                        || qs.last() == Some(&'-'))
                {
                    continue;
                }
                let (kind, weighted) = if d == 1 {
                    edit_kind(&qs, &ts)
                } else {
                    ("distance2", false)
                };
                // A typo of an official name under its own suffix is the attack; a typo under
                // another suffix, or of a popular site, is context only (below suspicious alone).
                // A ranked popular site (not curated) weighs less: one edit of it warns under
                // its own suffix only, and a hyphen added (`wal-mart`) is a common real variant.
                let ranked = rec.flags & RANKED != 0 && !official;
                if ranked
                    && (!same_suffix
                        || kind == "hyphenation" && !odd_hyphen(&qstr)
                        || plural_pair(&qstr, &tstr))
                {
                    continue;
                }
                let crypto = rec.flags & CRYPTO != 0;
                let mut score: u8 = match (official, same_suffix, d) {
                    (true, true, _) if short => SHORT_TYPO,
                    (true, true, 1) => 60,
                    (true, true, _) => 50,
                    (true, false, 1) if crypto => CRYPTO_OTHER_SUFFIX[0],
                    (true, false, _) if crypto => CRYPTO_OTHER_SUFFIX[1],
                    (true, false, _) => 30,
                    (false, true, _) if ranked => RANKED_TYPO,
                    (false, true, _) => 20,
                    (false, false, _) => 10,
                };
                if weighted && (official || ranked) && same_suffix {
                    score += 5;
                }
                if unicode {
                    score = score.max(60);
                }
                let mut h = Hit::new("lookalike.typo", kind, score, &rec);
                h.distance = Some(d);
                if best.as_ref().map_or(true, |b| h.score > b.score) {
                    best = Some(h);
                }
            }
        }
        best
    }

    /// A target's label split by dots into subdomains: `go.ogle.com`, `dan.amon.co.id`.
    fn split_hit(&self, sub: &str, label: &str, suffix: &str) -> Option<Hit> {
        if sub.is_empty() {
            return None;
        }
        // Join the last few subdomain labels with the registrable label.
        let labels: Vec<&str> = sub.split('.').collect();
        let mut joined = label.to_string();
        for l in labels.iter().rev().take(3) {
            joined.insert_str(0, l);
            if joined.len() < 5 {
                continue;
            }
            for rec in self.candidates(&self.skeletons, &self.confusables.loose_skeleton(&joined)) {
                if rec.label == joined && rec.suffix == suffix {
                    let score = if rec.flags & OFFICIAL != 0 { 60 } else { 50 };
                    return Some(Hit::new("lookalike.typo", "split", score, &rec));
                }
            }
        }
        None
    }

    /// A target's domain with its dots dropped or hyphenated into one label: `paypalcom.com`,
    /// `danaid.id`, `metamask-io.com`.
    fn suffix_in_label_hit(&self, label: &str) -> Option<Hit> {
        let n = label.len();
        for k in (n.saturating_sub(7).max(3)..n.saturating_sub(1)).rev() {
            let (Some(head), Some(tail)) = (label.get(..k), label.get(k..)) else {
                continue;
            };
            let tail = tail.trim_start_matches('-');
            if tail.is_empty() || tail.len() > 8 {
                continue;
            }
            for rec in self.candidates(&self.skeletons, &self.confusables.loose_skeleton(head)) {
                if rec.label != head || rec.suffix.is_empty() {
                    continue;
                }
                let joined: String = rec.suffix.split('.').collect();
                let hyph = rec.suffix.replace('.', "-");
                if tail != joined && tail != hyph {
                    continue;
                }
                // Popular sites: context only (domain hacks like `rebrand.ly` make `rebrandly.com`
                // a real, different site).
                let score = if rec.flags & OFFICIAL != 0 {
                    60
                } else if head.len() >= 5 {
                    25
                } else {
                    continue;
                };
                return Some(Hit::new("lookalike.typo", "suffix_in_label", score, &rec));
            }
        }
        None
    }

    /// An official or popular domain written as subdomain labels: `klikbca.com.secure-login.xyz`.
    fn embedded_hit(&self, host: &str, reg: &str, label: &str) -> Option<Hit> {
        let sub = host.strip_suffix(reg)?.strip_suffix('.')?;
        let labels: Vec<&str> = sub.split('.').collect();
        let mut best: Option<Hit> = None;
        // `usps.com-parcel.vip`, `business.meta.com-policy.co`: the official domain's suffix is
        // the first hyphen token of the registrable label.
        if let Some((tok, _)) = label.split_once('-') {
            if (2..=4).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_lowercase()) {
                for i in labels.len().saturating_sub(3)..labels.len() {
                    let cand = format!("{}.{tok}", labels.get(i..)?.join("."));
                    for rec in self.targets.lookup(&cand).collect::<Vec<_>>() {
                        if rec.registrable != cand && rec.domain != cand {
                            continue;
                        }
                        let score = if rec.flags & OFFICIAL != 0 {
                            75
                        } else if rec.label.len() >= 3 {
                            65
                        } else {
                            continue;
                        };
                        let h = Hit::new("brand.embedded", "domain_hyphen", score, &rec);
                        if best.as_ref().map_or(true, |b| h.score > b.score) {
                            best = Some(h);
                        }
                    }
                }
            }
        }
        for i in 0..labels.len() {
            // Official and popular domains have at most 4 labels: bounded work on hostile hosts.
            for j in (i + 2)..=labels.len().min(i + 4) {
                let cand = labels.get(i..j)?.join(".");
                for rec in self.targets.lookup(&cand).collect::<Vec<_>>() {
                    if rec.registrable != cand && rec.domain != cand {
                        continue;
                    }
                    let score = if rec.flags & OFFICIAL != 0 {
                        70
                    } else if rec.flags & POPULAR != 0 && rec.label.len() >= 4 {
                        50
                    } else {
                        continue;
                    };
                    let h = Hit::new("brand.embedded", "domain", score, &rec);
                    if best.as_ref().map_or(true, |b| h.score > b.score) {
                        best = Some(h);
                    }
                }
            }
        }
        best
    }

    /// A misspelt official brand as one hyphen token of the label: `auth-start-trezer.github.io`,
    /// `metamusk-login-1.gitbook.io`. Context alone; with a lure word or on a hosting platform
    /// it adds up.
    fn token_typo_hit(&self, label: &str, v: &HostView<'_>) -> Option<Hit> {
        if !label.contains('-') || label.starts_with("xn--") {
            return None;
        }
        let mut offset = 0;
        for tok in label.split('-') {
            let range = offset..offset + tok.len();
            offset += tok.len() + 1;
            if tok.len() < 6 || !tok.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let Some(t) = self.typo_on(tok, "", false) else {
                continue;
            };
            if t.distance != Some(1) {
                continue;
            }
            let mut h = Hit {
                code: "lookalike.combosquat",
                kind: "token_typo",
                score: 25,
                ..t
            };
            h.add_context(label, range, v);
            return Some(h);
        }
        None
    }

    /// A misspelt brand at the start of a word of the host, followed by anything:
    /// `coiibasseexteossion.webflow.io`, `metaamaassilogg.gitbook.io`, `telgramsignalss.sg-host.com`,
    /// `steaamcommunlty.com`. Letters doubled or tripled count once on both sides, then one edit
    /// inside the name (its first and last letters kept: `cloud` is not `icloud`) of a curated
    /// brand key of 6+ letters. Context like `token_typo` (25, +25 with a lure word, +15 on a
    /// hosting platform): a misspelt brand alone does not warn. When the whole registrable label
    /// is the misspelt name it is a typosquat (`lookalike.typo`, kind `doubled`: 60 under the
    /// official suffix, 30 under another).
    fn fuzzy_brand_hit(
        &self,
        sub: &str,
        label: &str,
        suffix: &str,
        v: &HostView<'_>,
    ) -> Option<Hit> {
        let text = if sub.is_empty() {
            label.to_string()
        } else {
            format!("{sub}.{label}")
        };
        if text.contains("xn--") {
            return None;
        }
        let b = text.as_bytes();
        let mut words = 0usize;
        for start in 0..b.len() {
            let at_word = start == 0
                || b.get(start - 1)
                    .is_some_and(|c| matches!(c, b'.' | b'-') || c.is_ascii_digit());
            if !at_word || !b.get(start).is_some_and(|c| c.is_ascii_lowercase()) {
                continue;
            }
            // The word and what follows it in the same label, letters only, runs collapsed.
            let mut folded: Vec<char> = Vec::new();
            let mut ends: Vec<usize> = Vec::new();
            for (i, &c) in b.iter().enumerate().skip(start) {
                if c == b'.' || folded.len() >= FUZZY_MAX {
                    break;
                }
                if !c.is_ascii_lowercase() {
                    continue;
                }
                if folded.last() != Some(&(c as char)) {
                    folded.push(c as char);
                }
                if let Some(e) = ends.get_mut(folded.len() - 1) {
                    *e = i + 1;
                } else {
                    ends.push(i + 1);
                }
            }
            let (Some(&c0), Some(&c1)) = (folded.first(), folded.get(1)) else {
                continue;
            };
            if !bigram_set(self.bigrams, c0 as u8, c1 as u8) {
                continue;
            }
            // Bounded work on hostile hosts (`metamaskx-metamaskx-...`): the first few words
            // that could start a brand key.
            words += 1;
            if words > FUZZY_WORDS {
                break;
            }
            for w in (FUZZY_MIN - 1)..=folded.len() {
                let Some(win) = folded.get(..w) else { break };
                let wstr: String = win.iter().collect();
                for key in crate::edits::deletion_hashes(win) {
                    for rec in self.candidates_of(&self.deletes, key) {
                        if rec.flags & OFFICIAL == 0 || rec.flags & TYPO == 0 {
                            continue;
                        }
                        let Some(key_rec) = self
                            .candidates(&self.brands, rec.label)
                            .into_iter()
                            .find(|k| k.label == rec.label)
                        else {
                            continue;
                        };
                        let t: Vec<char> = collapse_runs(rec.label).chars().collect();
                        if t.len() < FUZZY_MIN || t.first() != win.first() || t.last() != win.last()
                        {
                            continue;
                        }
                        let tstr: String = t.iter().collect();
                        let d = strsim::osa_distance(&wstr, &tstr);
                        let end = ends.get(w - 1).copied().unwrap_or(b.len());
                        let piece = text.get(start..end).unwrap_or("");
                        // Exact (and the doubled-letter forms of short keys) is `brand_hit`'s.
                        if d > 1 || piece == rec.label {
                            continue;
                        }
                        // The whole registrable label is the misspelt name: a typosquat
                        // (`steaamcommunlty.com`), scored like one edit of the official label.
                        if start + label.len() == text.len()
                            && end == text.len()
                            && piece.bytes().all(|c| c.is_ascii_lowercase())
                        {
                            let score = if rec.suffix == suffix { 60 } else { 30 };
                            let mut h = Hit::new("lookalike.typo", "doubled", score, &rec);
                            h.distance = Some(d.max(1));
                            return Some(h);
                        }
                        let mut h = Hit::new("lookalike.combosquat", "brand_typo", 25, &key_rec);
                        h.distance = Some(d.max(1));
                        h.add_context(&text, start..end, v);
                        return Some(h);
                    }
                }
            }
        }
        None
    }

    /// Brand keys inside the host: combosquats (`bri-promo.xyz`, `paypalsecure.com`) and brands
    /// in subdomains (`bca.verify-now.xyz`).
    fn brand_hit(&self, sub: &str, label: &str, suffix: &str, v: &HostView<'_>) -> Option<Hit> {
        let text = if sub.is_empty() {
            label.to_string()
        } else {
            format!("{sub}.{label}")
        };
        let b = text.as_bytes();
        let mask = self.brands.aux;
        let mut found: Option<(DomainRecord<'a>, std::ops::Range<usize>)> = None;
        let mut edge: Option<(DomainRecord<'a>, std::ops::Range<usize>)> = None;
        for start in 0..b.len() {
            if !b.get(start).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let (Some(&c0), Some(&c1)) = (b.get(start), b.get(start + 1)) else {
                continue;
            };
            if !bigram_set(self.bigrams, c0, c1) {
                continue;
            }
            let at_boundary =
                start == 0 || b.get(start - 1).is_some_and(|c| !c.is_ascii_alphabetic());
            for len in 3..32usize {
                if mask & (1 << len) == 0 || start + len > b.len() {
                    continue;
                }
                let Some(piece) = text.get(start..start + len) else {
                    continue;
                };
                if !piece
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-')
                {
                    continue;
                }
                let end_boundary = b
                    .get(start + len)
                    .map_or(true, |c| !c.is_ascii_alphabetic());
                // A short key inside a word counts only at its start and only next to a lure
                // word (`danaxpaylater`, `layanan-danaid`), for less: see `edge` below.
                let inside_word = len < 5 && !(at_boundary && end_boundary);
                // ... or, glued to a lure word, at the end of a word (`officialdana`,
                // `loginbca`); a 3-letter key only glued to one (`dhlservice`, `bcalogin`).
                let glued = inside_word
                    && if at_boundary {
                        len >= 4 || lure_glued_after(&text, start + len)
                    } else {
                        end_boundary && lure_glued_before(&text, start)
                    };
                if inside_word && !glued {
                    continue;
                }
                for rec in self.candidates(&self.brands, piece) {
                    if rec.label != piece {
                        continue;
                    }
                    if inside_word {
                        if edge.is_none() {
                            edge = Some((rec, start..start + len));
                        }
                        continue;
                    }
                    // The whole registrable label equal to the key is a swap, handled elsewhere.
                    if piece == label && sub.is_empty() {
                        continue;
                    }
                    if found.as_ref().map_or(true, |(f, _)| f.label.len() < len) {
                        found = Some((rec, start..start + len));
                    }
                }
            }
        }
        // Short brand keys with a letter repeated (`danaa`, `daana`, `briii`): whole tokens only.
        if found.is_none() {
            let mut offset = 0;
            for tok in text.split(|c: char| !c.is_ascii_alphabetic()) {
                let range = offset..offset + tok.len();
                offset += tok.len() + 1;
                if tok.len() < 4 || tok.len() > 12 {
                    continue;
                }
                let collapsed = collapse_runs(tok);
                if collapsed.len() == tok.len() || brand_key_len(&collapsed).is_none() {
                    continue;
                }
                if let Some(rec) = self
                    .candidates(&self.brands, &collapsed)
                    .into_iter()
                    .find(|r| r.label == collapsed)
                {
                    found = Some((rec, range));
                    break;
                }
            }
        }
        let mut weak = false;
        if found.is_none() {
            found = edge.filter(|(_, r)| lure_in(&text, r.clone()).is_some());
            weak = found.is_some();
        }
        let (rec, range) = found?;
        let in_label = range.start >= text.len() - label.len();
        // The brand as a whole subdomain label (`apple.dec852.com`, `paypal.secure-id.net`): the
        // address reads as the brand's own site to anyone who reads it from the left.
        // Short keys are also names and words (`dana`, `tri`, `momo`): not raised.
        let whole_label = !in_label
            && range.len() >= 5
            && (range.start == 0 || b.get(range.start - 1) == Some(&b'.'))
            && b.get(range.end) == Some(&b'.');
        let mut h = Hit::new(
            if in_label {
                "lookalike.combosquat"
            } else {
                "brand.embedded"
            },
            if in_label {
                "combosquat"
            } else if whole_label {
                "subdomain_label"
            } else {
                "subdomain"
            },
            if whole_label { 40 } else { 30 },
            &rec,
        );
        let suffix_tokens: Vec<&str> = rec.suffix.split('.').collect();
        let rest_tokens = text
            .get(range.end..)
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_alphabetic())
            .chain(
                text.get(..range.start)
                    .unwrap_or("")
                    .split(|c: char| !c.is_ascii_alphabetic()),
            )
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>();
        if let Some(w) = lure_in(&text, range.clone()) {
            h.score += if weak { 15 } else { 30 };
            h.keyword = Some(w.to_string());
        } else if rest_tokens.iter().any(|t| suffix_tokens.contains(t)) {
            h.score += 25;
            h.kind = "sld_swap";
        }
        if v.private_suffix {
            h.score += 15;
            h.hosting = Some(suffix.to_string());
        }
        Some(h)
    }
}

/// `s` with every run of one character written once (`daana` → `dana`).
fn collapse_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// True when `host` is the user's protected site `p` (same registrable domain, or `p` is a host
/// and `host` is it or below it).
fn same_site(host: &str, reg: &str, p: &str) -> bool {
    let p = p.trim().trim_end_matches('.').to_ascii_lowercase();
    if p.is_empty() {
        return false;
    }
    // The registrable domain guessed for a protected host (`ib.mybank.co.id` → `mybank.co.id`).
    let key = crate::targets::holdout_key(&p);
    let guessed = p
        .rfind(&format!("{key}."))
        .and_then(|i| p.get(i..))
        .unwrap_or(&p);
    reg == p || reg == guessed || host == p || host.ends_with(&format!(".{p}"))
}

/// Lookalikes of the user's own protected domains (few; checked directly at run time).
fn user_hit(
    conf: &Confusables<'_>,
    sub: &str,
    label: &str,
    suffix: &str,
    user: &[String],
) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    if user.is_empty() {
        return None;
    }
    let ql = conf.strict_skeleton(&if label.starts_with("xn--") {
        idna::domain_to_unicode(label).0
    } else {
        label.to_string()
    });
    for p in user {
        let p = p.trim().trim_end_matches('.').to_ascii_lowercase();
        // The user's entry may be a host (`ib.mybank.co.id`): take its registrable label by the
        // same suffix guess as the held-out split (no PSL view here).
        let plabel = crate::targets::holdout_key(&p);
        let psuffix = p
            .rfind(&format!("{plabel}."))
            .and_then(|i| p.get(i + plabel.len() + 1..))
            .unwrap_or("");
        if plabel.len() < 3 {
            continue;
        }
        let rec = DomainRecord {
            id: u32::MAX,
            domain: &p,
            registrable: &p,
            label: plabel,
            suffix: psuffix,
            flags: OFFICIAL,
            brand: None,
        };
        // Cheap filter first: a label whose length is far from the protected one can only be a
        // combosquat (the skeleton may shorten `rn`→`m`, hence the slack of 3).
        let near = ql.len().abs_diff(plabel.len()) <= 3;
        let contains =
            plabel.len() >= 4 && (label.contains(plabel) || sub.split('.').any(|l| l == plabel));
        if !near && !contains {
            continue;
        }
        let tl = if near {
            conf.strict_skeleton(plabel)
        } else {
            String::new()
        };
        let hit = if near && ql == tl && label != plabel {
            Some(Hit::new("lookalike.homoglyph", "user", 75, &rec))
        } else if label == plabel && suffix != psuffix {
            Some(Hit::new("lookalike.tld_swap", "user", 60, &rec))
        } else if near && tl.len() >= 5 && strsim::osa_distance(&ql, &tl) == 1 {
            Some(Hit::new("lookalike.typo", "user", 60, &rec))
        } else if contains {
            Some(Hit::new("lookalike.combosquat", "user", 45, &rec))
        } else {
            None
        };
        if let Some(h) = hit {
            if best.as_ref().map_or(true, |b| h.score > b.score) {
                best = Some(h);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "builder")]
    #[test]
    fn skeletons_fold_lookalikes() {
        let conf = crate::confusables::builtin().expect("confusables section");
        let strict_skeleton = |l: &str| conf.strict_skeleton(l);
        let loose_skeleton = |l: &str| conf.loose_skeleton(l);
        assert_eq!(strict_skeleton("аррӏе"), "apple");
        assert_eq!(strict_skeleton("rnandiri"), "mandiri");
        assert_eq!(strict_skeleton("g00gle"), "google");
        assert_eq!(strict_skeleton("gôôgle"), "google");
        assert_eq!(strict_skeleton("goo\u{200B}gle"), "google");
        assert_eq!(
            loose_skeleton("steameommunity"),
            loose_skeleton("steamcommunity")
        );
        assert_ne!(
            strict_skeleton("steameommunity"),
            strict_skeleton("steamcommunity")
        );
    }

    #[test]
    fn edit_kinds() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_kind(&c("gogle"), &c("google")).0, "omission");
        assert_eq!(edit_kind(&c("googgle"), &c("google")).0, "repetition");
        assert_eq!(edit_kind(&c("goolge"), &c("google")).0, "transposition");
        assert_eq!(
            edit_kind(&c("bank-mandiri"), &c("bankmandiri")).0,
            "hyphenation"
        );
    }
}
