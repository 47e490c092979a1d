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
//! | `lookalike.tld_swap` | `swap` | an official label under another suffix (`bca.id`, `adidas.co.id`): context; warns only with an abused TLD or a lure word (brands run country sites). Under a two-letter country-code TLD the TLD's abuse points and a registry second level (`com.ru`) do not count, except for wallets and exchanges (`engine::country_site_swap`); words inside the brand's label are not lures there (`walletconnect.org`) | 30 |
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
//! Nor is such an address with a domain name appended outside a hosting platform (`apple.com.com`,
//! `apple.com.domains`: a resolver's search list; the registrable domain is named like a TLD).

mod brand;
mod edits;
mod embedded;
mod hit;
pub(crate) mod index;
mod lures;
mod page;
mod skeleton;
mod typo;
mod user;

use crate::code;
use crate::confusables::Confusables;
use crate::error::DataError;
use crate::format::Envelope;
use crate::targets::{hash, DomainRecord, HashTable, Targets};
use crate::verdict::Reason;
use hit::Hit;
use index::BIGRAM_BYTES;
use user::user_hit;

pub use lures::{LureWords, LURES_TAG};
pub use page::PAGE_TEXT_MAX;

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
    /// A canonical host (`url::Host::as_str`: ASCII, lower-case, no empty label), read as it is.
    pub host: &'s str,
    /// The registrable domain (eTLD+1 with the PSL private section), ASCII.
    pub registrable: Option<&'s str>,
    /// The public suffix, ASCII.
    pub public_suffix: Option<&'s str>,
    /// The suffix is in the PSL private section (pages.dev, github.io, ...).
    pub private_suffix: bool,
}

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
    /// The lure words that make a brand next to them an attack (`LKLU`).
    lures: LureWords<'a>,
    /// Which brand names the fuzzy brand search can report (built from `brands` at load).
    fuzzy_ends: brand::FuzzyEnds,
    /// The brand keys' lengths by their first two bytes (built from `brands` at load).
    key_lens: brand::KeyLens,
}

/// At most this many candidates are verified per key (keeps hostile input cheap).
const MAX_CANDIDATES: usize = 64;

fn is_ip_literal(host: &str) -> bool {
    host.contains(':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

impl<'a> Lookalike<'a> {
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Lookalike<'a>, DataError> {
        let mut view = Lookalike::view(env, bytes)?;
        let keys = || {
            view.brands
                .ids()
                .filter_map(|id| view.targets.record(id))
                .map(|r| r.label)
        };
        let (fuzzy_ends, key_lens) = (brand::FuzzyEnds::new(keys()), brand::KeyLens::new(keys()));
        view.fuzzy_ends = fuzzy_ends;
        view.key_lens = key_lens;
        Ok(view)
    }

    fn view(env: &Envelope, bytes: &'a [u8]) -> Result<Lookalike<'a>, DataError> {
        Ok(Lookalike {
            targets: Targets::from_envelope(env, bytes)?,
            skeletons: HashTable::new(
                env.section_bytes(
                    bytes,
                    crate::targets::TAG_SKELETON,
                    "lookalike skeletons (LKSK)",
                )?,
                "LKSK",
            )?,
            deletes: HashTable::new(
                env.section_bytes(
                    bytes,
                    crate::targets::TAG_DELETES,
                    "lookalike deletions (LKDL)",
                )?,
                "LKDL",
            )?,
            brands: HashTable::new(
                env.section_bytes(bytes, crate::targets::TAG_BRANDS, "brand keys (LKBR)")?,
                "LKBR",
            )?,
            bigrams: {
                let b = env.section_bytes(
                    bytes,
                    crate::targets::TAG_BIGRAMS,
                    "brand key prefixes (LKBG)",
                )?;
                if b.len() < BIGRAM_BYTES {
                    return Err(DataError::Corrupt("LKBG: section too short".into()));
                }
                b
            },
            confusables: Confusables::from_envelope(env, bytes)?,
            lures: LureWords::from_envelope(env, bytes)?,
            fuzzy_ends: brand::FuzzyEnds::new(std::iter::empty()),
            key_lens: brand::KeyLens::new(std::iter::empty()),
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
                host: s.host.as_str(),
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
        let host = v.host;
        let (Some(reg), Some(suffix)) = (v.registrable, v.public_suffix) else {
            return Finding::default();
        };
        if host.is_empty() || is_ip_literal(host) || !host.is_ascii() {
            return Finding::default();
        }
        if self
            .targets
            .known(host, Some(reg), user_protected)
            .is_some()
        {
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
        if !v.private_suffix && self.suffix_appended(sub, label) {
            return Finding::default();
        }
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
        if v.private_suffix && h.hosting.is_none() && h.code != code::HOMOGLYPH {
            h.hosting = Some(suffix.to_string());
        }
        h.into_finding()
    }

    /// The host is a known site's whole address with a domain name appended: `apple.com.com`,
    /// `apple.com.domains` (`sub` `apple`, registrable label `com`), what a resolver's search
    /// list or `.com` typed twice makes of `apple.com`. The registrable domain is then named
    /// like the site's own suffix (`com.com`), one name per TLD and held by domain investors, not
    /// the throwaway registration phishing needs: 7 such hosts among the unseen top-100k, none
    /// among the 161k phishing and scam rows of the dev set. A user's page on a hosting platform
    /// is not one (`paypal.co.vu`).
    fn suffix_appended(&self, sub: &str, label: &str) -> bool {
        let bare = sub.strip_prefix("www.").unwrap_or(sub);
        if bare.is_empty() || bare.starts_with("www.") {
            return false;
        }
        let site = format!("{bare}.{label}");
        let known = self.targets.lookup(&site).any(|r| {
            r.domain == site && r.flags & (crate::targets::OFFICIAL | crate::targets::POPULAR) != 0
        });
        known
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
}
