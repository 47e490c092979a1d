//! What the checks see about one URL (as adblock-rust keeps its `Request` alone): the engine
//! fills a [`Subject`] from the canonical URL and the host forms; the rules read the narrower
//! [`RuleInput`]. A leaf module: every check takes its input from here, none from the engine.

/// The address as typed (credentials, IP notation, port: what canonicalization erases), split
/// by the one splitter of [`crate::url`].
pub use crate::url::RawUrl;
use crate::url::{Canonical, Host};

/// What the heuristics see about one web URL (the other schemes get the rules alone).
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    /// The input as given.
    pub input: &'a str,
    /// Lower-case scheme (`http` or `https`).
    pub scheme: &'a str,
    /// The canonical URL.
    pub canonical: &'a Canonical,
    /// The canonical host (its shape is guaranteed: see [`Host`]).
    pub host: &'a Host,
    /// The host as a person reads it.
    pub host_unicode: &'a str,
    pub registrable_domain: Option<&'a str>,
    pub public_suffix: Option<&'a str>,
    /// The host sits under a PSL private-section suffix (pages.dev, github.io, ...).
    pub private_suffix: bool,
}

/// What the rules see about one URL, in the engine's terms (see [`Subject`]); the
/// rules read the raw input for what canonicalization erases (credentials, IP notation, port).
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleInput<'a> {
    pub input: &'a str,
    pub scheme: &'a str,
    /// A canonical host ([`Host::as_str`]; `""` for schemes without one): the rules read it as
    /// it is, without trimming dots or lower-casing.
    pub host: &'a str,
    pub host_unicode: &'a str,
    pub registrable_domain: Option<&'a str>,
    pub public_suffix: Option<&'a str>,
    pub private_suffix: bool,
    /// The official label of the brand the lookalike check found written out in the host
    /// (`walletconnect` in `walletconnect.org`, `bola` in `bola.com`): keywords inside it are
    /// the brand's name, not lure or gambling words. `None` when no brand was found.
    pub brand_label: Option<&'a str>,
}

impl<'a> RuleInput<'a> {
    /// The input with its escaped unreserved characters read as themselves, as the browser and
    /// the server read them (`/%6Cogin.%61pk` is `/login.apk`): what [`RawUrl::split`] is given,
    /// or escaping would hide every word and file name from the rules.
    pub fn unescaped_input(&self) -> std::borrow::Cow<'a, str> {
        crate::url::decode_unreserved(self.input)
    }
}

impl<'a> From<&Subject<'a>> for RuleInput<'a> {
    fn from(s: &Subject<'a>) -> RuleInput<'a> {
        RuleInput {
            input: s.input,
            scheme: s.scheme,
            host: s.host.as_str(),
            host_unicode: s.host_unicode,
            registrable_domain: s.registrable_domain,
            public_suffix: s.public_suffix,
            private_suffix: s.private_suffix,
            brand_label: None,
        }
    }
}
