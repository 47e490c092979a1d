//! The engine: one validated data file, viewed in place, and the pipeline that turns an input
//! into a [`Verdict`].
//!
//! `Engine::new` checks the envelope (magic, version, checksum, section table) and builds the
//! section views once; nothing is parsed from text and nothing is allocated per entry. The views
//! borrow the engine's own bytes (a self-referential cell), so the engine can be moved into a wasm
//! object or a CLI without copying the list.

use crate::blocklist::Blocklist;
use crate::category::Category;
use crate::code;
use crate::domain::{self, Psl, PSL_TAG};
use crate::error::DataError;
use crate::format::{Envelope, Header};
use crate::list_sources::{ListSources, SourceSummary};
use crate::lookalike::Lookalike;
use crate::page::PageFacts;
use crate::rules::{self, Rules};
use crate::score;
pub use crate::settings::{Sensitivity, Settings};
pub use crate::subject::Subject;
use crate::targets::{Known, Targets};
use crate::url::{self, Canonical, Host, UrlError};
use crate::verdict::{Level, Reason, Verdict};

/// Points a lure word in the URL adds to a TLD swap (`lookalike.tld_swap`, 30): together they
/// reach suspicious.
const TLD_SWAP_WITH_LURE: u8 = 10;

/// The section views of one data file.
struct Views<'a> {
    psl: Psl<'a>,
    blocklist: Blocklist<'a>,
    list_sources: ListSources<'a>,
    targets: Targets<'a>,
    lookalike: Lookalike<'a>,
    rules: Rules<'a>,
}

impl<'a> Views<'a> {
    fn new(env: &Envelope, bytes: &'a [u8]) -> Result<Views<'a>, DataError> {
        let psl_bytes = env.section_bytes(bytes, PSL_TAG, "public suffixes (PSL)")?;
        let lookalike = Lookalike::from_envelope(env, bytes)?;
        Ok(Views {
            psl: Psl::new(psl_bytes)?,
            blocklist: Blocklist::from_envelope(env, bytes)?,
            list_sources: ListSources::from_envelope(env, bytes)?,
            targets: Targets::from_envelope(env, bytes)?,
            // One check of the confusables section per load, shared by both modules.
            rules: Rules::from_envelope_with(env, bytes, lookalike.confusables)?,
            lookalike,
        })
    }
}

struct Owner {
    bytes: Vec<u8>,
    envelope: Envelope,
}

self_cell::self_cell!(
    struct Loaded {
        owner: Owner,
        #[not_covariant]
        dependent: Views,
    }
);

/// Checks URLs against one data file and the user's settings.
pub struct Engine {
    loaded: Loaded,
    settings: Settings,
    trusted: Vec<String>,
    protected: Vec<String>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("header", self.header())
            .field("settings", &self.settings)
            .finish()
    }
}

/// Normalizes a user-entered site ("https://www.BCA.co.id/", "bca.co.id") to an ASCII host.
fn normalize_site(site: &str) -> Option<String> {
    let c = url::canonicalize(site).ok()?;
    Some(c.host.strip_prefix("www.").unwrap_or(&c.host).to_string())
}

impl Engine {
    /// Validates `bytes` as a Waspada data file and prepares to check URLs with `settings`.
    pub fn new(bytes: Vec<u8>, settings: Settings) -> Result<Engine, DataError> {
        let envelope = Envelope::parse(&bytes)?;
        let loaded = Loaded::try_new(Owner { bytes, envelope }, |o| {
            Views::new(&o.envelope, &o.bytes)
        })?;
        let mut engine = Engine {
            loaded,
            settings: Settings::default(),
            trusted: Vec::new(),
            protected: Vec::new(),
        };
        engine.set_settings(settings);
        Ok(engine)
    }

    pub fn set_settings(&mut self, settings: Settings) {
        let trusted = settings
            .trusted
            .iter()
            .filter_map(|s| normalize_site(s))
            .filter(|s| self.trustable(s))
            .collect();
        self.trusted = trusted;
        self.protected = settings
            .protected
            .iter()
            .filter_map(|s| normalize_site(s))
            .collect();
        self.settings = settings;
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The data file's bytes, as loaded (they never move while the engine lives): the extension
    /// copies them out of a trapped instance to build the next one instead of keeping a second
    /// copy of the list for that case.
    pub fn data(&self) -> &[u8] {
        &self.loaded.borrow_owner().bytes
    }

    /// The data file's header: list version, build date, counts by category.
    pub fn header(&self) -> &Header {
        &self.loaded.borrow_owner().envelope.header
    }

    /// The list's sources (who publishes each, licence, attribution) with their entry counts.
    pub fn list_sources(&self) -> Vec<SourceSummary> {
        self.loaded.with_dependent(|_, v| {
            SourceSummary::all(&v.list_sources, &v.blocklist.entries_by_source())
        })
    }

    /// The registrable domain (eTLD+1) of an ASCII host.
    pub fn registrable_domain<'h>(&self, host: &'h str) -> Option<&'h str> {
        self.loaded
            .with_dependent(|_, v| v.psl.registrable_domain(host))
    }

    /// Whether a trust entry names one site: never a public suffix (`com`, `co.id`), a hosting
    /// platform whose users' sites sit under it (`weebly.com`, `pages.dev`) or a link shortener,
    /// which would trust everyone's pages there.
    fn trustable(&self, site: &str) -> bool {
        if site.parse::<std::net::Ipv4Addr>().is_ok() {
            return true;
        }
        self.loaded.with_dependent(|_, v| {
            v.psl.registrable_domain(site).is_some()
                && v.rules.hosting_points(site).is_none()
                && !v.rules.is_shortener(site)
        })
    }

    fn is_trusted(&self, host: &str, registrable: Option<&str>) -> bool {
        self.trusted.iter().any(|t| {
            host == t
                || registrable == Some(t.as_str())
                || (host.len() > t.len()
                    && host.ends_with(t.as_str())
                    && host.as_bytes().get(host.len() - t.len() - 1) == Some(&b'.'))
        })
    }

    /// Checks one input (a URL or a bare domain). Never panics; unreadable input gives an
    /// `invalid` verdict with the reason `url.invalid`.
    pub fn check(&self, input: &str) -> Verdict {
        match url::canonicalize(input) {
            // Safe Browsing canonicalization escapes what a host may not contain (`a b.com` →
            // `a%20b.com`); a browser would refuse to open such an address.
            Ok(canonical) if canonical.host.contains('%') => Verdict::invalid(
                input,
                Reason::new(code::INVALID, 0).with(
                    "error",
                    format!(
                        "the site name \"{}\" contains characters a web address cannot have",
                        canonical.host
                    ),
                ),
            ),
            Ok(canonical) => self.check_canonical(input, canonical),
            // `blob:https://site/uuid` shows a page of that site: judge the site.
            Err(UrlError::UnsupportedScheme(scheme)) if scheme == "blob" => {
                let inner = input.trim_start().get(5..).unwrap_or("");
                match url::canonicalize(inner) {
                    Ok(canonical) => self.check_canonical(input, canonical),
                    Err(e) => Verdict::invalid(
                        input,
                        Reason::new(code::INVALID, 0).with("error", e.to_string()),
                    ),
                }
            }
            Err(UrlError::UnsupportedScheme(scheme)) => self.check_other_scheme(input, &scheme),
            Err(e) => Verdict::invalid(
                input,
                Reason::new(code::INVALID, 0).with("error", e.to_string()),
            ),
        }
    }

    /// Whether what a page shows can change its verdict ([`Engine::check_page`]): its address
    /// alone is suspicious, or it is a user's page on one of the most abused hosting platforms
    /// (`hosting.free` of `hosting.free_combined_min` points or more: weebly.com, pages.dev,
    /// github.io, ...). The extension probes only such pages.
    pub fn page_check_applies(&self, verdict: &Verdict) -> bool {
        self.page_scope(verdict).is_some()
    }

    /// `Some(true)`: suspicious by its address; `Some(false)`: a safe user's page on an abused
    /// hosting platform.
    fn page_scope(&self, verdict: &Verdict) -> Option<bool> {
        match verdict.verdict {
            Level::Suspicious => Some(true),
            Level::Safe => {
                let min = self
                    .loaded
                    .with_dependent(|_, v| v.rules.points(rules::Weight::HostingFreeCombinedMin));
                verdict
                    .reasons
                    .iter()
                    .any(|r| r.code == "hosting.free" && r.score >= min)
                    .then_some(false)
            }
            _ => None,
        }
    }

    /// Checks a page the browser shows: the address as [`Engine::check`] does, then, if
    /// [`Engine::page_check_applies`], what the page itself asks for and says ([`PageFacts`]):
    /// a credential form (`page.credential_form`, param `kind`: password, card or pin) and, with
    /// one, a protected brand named in its words (`page.brand`, params `brand` and `target`; the
    /// official domain becomes the suggestion if the address gave none). On a suspicious address
    /// either counts; on a hosting platform's user page only the two together (a brand's sign-in
    /// form on `someone.weebly.com`), which makes it dangerous. Other verdicts (trusted, safe
    /// elsewhere, dangerous, blocked, invalid) come back unchanged.
    pub fn check_page(&self, input: &str, facts: &PageFacts) -> Verdict {
        let mut verdict = self.check(input);
        let Some(suspicious) = self.page_scope(&verdict) else {
            return verdict;
        };
        let Some(field) = facts.credential() else {
            return verdict;
        };
        let (form, named) = self.loaded.with_dependent(|_, views| {
            let form = Reason::new(
                code::CREDENTIAL_FORM,
                views.rules.points(rules::Weight::PageCredentialForm),
            )
            .with("kind", field);
            let named = views
                .lookalike
                .brand_in_text(&facts.text, views.rules.points(rules::Weight::PageBrand));
            (form, named)
        });
        if !suspicious && named.reasons.is_empty() {
            return verdict;
        }
        verdict.reasons.push(form);
        verdict.reasons.extend(named.reasons);
        if verdict.suggestion.is_none() {
            verdict.suggestion = named.suggestion;
        }
        let (score, level) = score::combine(&verdict.reasons, self.settings.sensitivity);
        verdict.score = score;
        verdict.verdict = level;
        verdict
    }

    /// `data:`, `javascript:` and other non-web schemes: only the rules apply.
    fn check_other_scheme(&self, input: &str, scheme: &str) -> Verdict {
        let input_seen = rules::RuleInput {
            input,
            scheme,
            ..rules::RuleInput::default()
        };
        let mut reasons = self
            .loaded
            .with_dependent(|_, v| v.rules.evaluate_input(&input_seen));
        if reasons.is_empty() {
            reasons.push(Reason::new(code::NOT_WEB, 0).with("scheme", scheme));
        }
        let (score, level) = score::combine(&reasons, self.settings.sensitivity);
        Verdict {
            input: input.to_string(),
            verdict: level,
            score,
            host: None,
            host_unicode: None,
            registrable_domain: None,
            canonical: None,
            reasons,
            suggestion: None,
        }
    }

    fn check_canonical(&self, input: &str, canonical: Canonical) -> Verdict {
        let host_unicode = domain::to_unicode(&canonical.host);
        let mut verdict = Verdict {
            input: input.to_string(),
            verdict: Level::Safe,
            score: 0,
            host: None,
            host_unicode: None,
            registrable_domain: None,
            canonical: None,
            reasons: Vec::new(),
            suggestion: None,
        };
        self.loaded.with_dependent(|_, views| {
            self.judge(views, input, &canonical, &host_unicode, &mut verdict);
        });
        // The forms the checks borrowed are the verdict's (moved, not copied).
        verdict.host_unicode = Some(host_unicode);
        verdict.canonical = Some(canonical.url);
        verdict.host = Some(canonical.host.into());
        verdict
    }

    /// The trusted sites, the blocklist and the heuristics, in that order, for a canonical URL.
    fn judge(
        &self,
        views: &Views<'_>,
        input: &str,
        canonical: &Canonical,
        host_unicode: &str,
        verdict: &mut Verdict,
    ) {
        let host = canonical.host.as_str();
        let parts = views.psl.parts(host);
        let registrable = parts.registrable_domain;
        verdict.registrable_domain = registrable.map(str::to_string);
        if self.is_trusted(host, registrable) {
            verdict.reasons.push(Reason::new(code::TRUSTED, 0));
            return;
        }
        if self.settings.use_blocklist {
            // The first listed expression whose category is on (each expression formed in
            // one reused buffer, none kept).
            let disabled = &self.settings.disabled_categories;
            let hit = canonical.find_expression(|e| {
                views
                    .blocklist
                    .lookup_one(e)
                    .filter(|h| !disabled.contains(&h.category))
            });
            if let Some(hit) = hit {
                verdict.verdict = Level::Blocked;
                verdict.score = 100;
                verdict.reasons.push(
                    Reason::new(code::BLOCKED, 100)
                        .with("category", hit.category.as_str())
                        .with("source", hit.source)
                        .with("list", views.list_sources.titles_of_set(hit.source))
                        .with("match", hit.expression)
                        .with("kind", hit.kind.as_str()),
                );
                return;
            }
        }
        let subject = Subject {
            input,
            scheme: canonical.scheme,
            canonical,
            host: &canonical.host,
            host_unicode,
            registrable_domain: registrable,
            public_suffix: parts.public_suffix,
            private_suffix: parts.private_suffix,
        };
        self.score_heuristics(views, &subject, verdict);
    }

    /// Lookalike and scam-pattern scoring. Official domains of targets and popular sites are
    /// never flagged for what the site is; only reasons about the URL itself (credentials in it,
    /// an executable download, ...) still count there.
    fn score_heuristics(&self, views: &Views<'_>, subject: &Subject<'_>, verdict: &mut Verdict) {
        let host = subject.host.as_str();
        let registrable = subject.registrable_domain;
        // The user's own protected sites are watched for lookalikes, not spared the rules: the
        // engine asks without them (the lookalike check asks with them).
        let hosting = views.rules.hosting_of(host);
        let known = match views.targets.known(host, registrable, &[]) {
            Some(Known::Official(record)) => {
                Some(Reason::new(code::OFFICIAL, 0).with("site", record.domain))
            }
            // A user's page on a popular platform (someone.weeblysite.com, bit.ly/xyz) is not
            // the platform: it gets the heuristics.
            Some(Known::Popular(_))
                if !views
                    .rules
                    .is_user_content_on(&rules::RuleInput::from(subject), hosting) =>
            {
                Some(Reason::new(code::POPULAR, 0).with("site", registrable.unwrap_or(host)))
            }
            _ => None,
        };
        let mut reasons = Vec::new();
        if known.is_none() {
            // A user's site on a platform the PSL does not list (`someone.mystrikingly.com`):
            // the lookalike check sees the user's label as the site, as it does under a PSL
            // private suffix (`someone.github.io`).
            let hosted = match hosting {
                Some((suffix, _, owner)) if !subject.private_suffix => {
                    let start = host.len().checked_sub(suffix.len() + 1 + owner.len());
                    start.map(|start| Subject {
                        registrable_domain: host.get(start..),
                        public_suffix: Some(suffix),
                        private_suffix: true,
                        ..*subject
                    })
                }
                _ => None,
            };
            let mut finding = views
                .lookalike
                .check_subject(hosted.as_ref().unwrap_or(subject), &self.protected);
            if finding.reasons.is_empty() {
                let on_platform = subject.private_suffix || hosted.is_some();
                finding = views
                    .lookalike
                    .path_brand(&subject.canonical.path, on_platform, host);
            }
            reasons.extend(finding.reasons);
            verdict.suggestion = finding.suggestion;
        }
        let gambling_off = self
            .settings
            .disabled_categories
            .contains(&Category::Gambling);
        // A brand's own label under another suffix (the swap): the rules do not read words
        // inside the name as lures (`walletconnect.org`). A brand inside a longer name
        // (`walletconnectpay.com`, `trustwallet-partner.com`) keeps them: there the words
        // around the brand are the attack's.
        let brand_label = reasons
            .iter()
            .filter(|r| is_swap(r))
            .find_map(|r| r.params.get("target"))
            .and_then(|t| t.split('.').next())
            .map(str::to_string);
        let input = rules::RuleInput {
            brand_label: brand_label.as_deref(),
            ..rules::RuleInput::from(subject)
        };
        let found = if known.is_some() {
            views.rules.evaluate_on_known_site(&input)
        } else {
            views.rules.evaluate_hosted(&input, hosting)
        };
        reasons.extend(
            found
                .into_iter()
                .filter(|r| !(gambling_off && rules::is_gambling(&r.code))),
        );
        // A brand's label under another suffix is context alone (brands run country sites);
        // with a lure word in the URL (`klikbca.net/login`) it is the attack.
        if reasons.iter().any(|r| r.code == rules::code::LURE) {
            if let Some(swap) = reasons.iter_mut().find(|r| is_swap(r)) {
                swap.score = swap.score.saturating_add(TLD_SWAP_WITH_LURE);
                swap.params.insert("with", "lure".to_string());
            }
        }
        country_site_swap(views, subject.host, &mut reasons);
        let (score, level) = score::combine(&reasons, self.settings.sensitivity);
        verdict.score = score;
        verdict.verdict = level;
        if level < Level::Suspicious {
            verdict.suggestion = None;
        }
        verdict.reasons.extend(known);
        verdict.reasons.extend(reasons);
    }
}

/// A brand's label under a country-code TLD is how brands run their country sites (`google.cf`,
/// `google.com.ru`, `adidas.co.id`): the TLD's abuse rate and a reseller's second level
/// (`com.ru`) say nothing about whether this one is the
/// brand's, so they do not add to the swap, which stays context (30). A lure word still counts
/// (`roblox.com.py/login`), and so does a real hosting platform (`facebook.cloudns.be`). Wallets
/// and exchanges run no country sites: their swaps keep every signal (`uniswap.pw`).
fn country_site_swap(views: &Views<'_>, host: &Host, reasons: &mut Vec<Reason>) {
    let tld = host.rsplit('.').next().unwrap_or("");
    if tld.len() != 2 || !tld.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    let Some(target) = reasons
        .iter()
        .find(|r| is_swap(r))
        .and_then(|r| r.params.get("target"))
        .cloned()
    else {
        return;
    };
    if views
        .targets
        .lookup(&target)
        .any(|rec| rec.flags & crate::targets::CRYPTO != 0)
    {
        return;
    }
    // A country's own second level sold by a registry (`com.ru`, `net.ru`), not a hosting
    // platform's subdomains (`cloudns.be`, `work.gd`).
    let second_level = |r: &Reason| {
        r.params
            .get("suffix")
            .and_then(|s| s.split('.').next())
            .is_some_and(|l| matches!(l, "com" | "net" | "org" | "co" | "biz" | "info"))
    };
    reasons.retain(|r| {
        !(r.code == rules::code::TLD_ABUSED
            || r.code == rules::code::HOSTING_FREE && second_level(r))
    });
}

/// A brand's exact official label under another suffix (`lookalike.tld_swap`, kind `swap`).
fn is_swap(r: &Reason) -> bool {
    r.code == "lookalike.tld_swap" && r.params.get("kind").is_some_and(|k| k == "swap")
}
