//! Shared by the lookalike tests (`tests/lookalike.rs`, `tests/lookalike_measure.rs`,
//! `tests/confusables.rs`): the bundled data file (no blocklist) and a checker over it.

#![allow(dead_code)]

use std::sync::OnceLock;
use waspada_core::builder::{build, Inputs};
use waspada_core::domain::{Psl, PSL_TAG};
use waspada_core::format::Envelope;
use waspada_core::lookalike::{Finding, HostView, Lookalike};

pub fn data() -> &'static (Vec<u8>, Envelope) {
    static DATA: OnceLock<(Vec<u8>, Envelope)> = OnceLock::new();
    DATA.get_or_init(|| {
        let inputs = Inputs::without_sources().expect("bundled inputs");
        let (bytes, _) = build(&inputs).expect("build");
        let env = Envelope::parse(&bytes).expect("envelope");
        (bytes, env)
    })
}

pub struct Checker<'a> {
    pub lk: Lookalike<'a>,
    pub psl: Psl<'a>,
}

pub fn checker() -> Checker<'static> {
    let (bytes, env) = data();
    let psl = Psl::new(&bytes[env.section(PSL_TAG).expect("psl")]).expect("psl view");
    Checker {
        lk: Lookalike::from_envelope(env, bytes).expect("lookalike sections"),
        psl,
    }
}

impl Checker<'_> {
    pub fn check_with(&self, input: &str, user: &[String]) -> Finding {
        let Ok(c) = waspada_core::url::canonicalize(input) else {
            return Finding::default();
        };
        let host = c.host.as_str();
        self.lk.check(
            &HostView {
                host,
                registrable: self.psl.registrable_domain(host),
                public_suffix: self.psl.public_suffix(host),
                private_suffix: self.psl.is_private_suffix(host),
            },
            user,
        )
    }
    pub fn check(&self, input: &str) -> Finding {
        self.check_with(input, &[])
    }
    pub fn points(&self, input: &str) -> u8 {
        self.check(input).reasons.iter().map(|r| r.score).sum()
    }
}

pub fn assert_flagged(c: &Checker, input: &str, code: &str, suggestion: &str) {
    let f = c.check(input);
    assert!(!f.reasons.is_empty(), "{input}: not flagged");
    let r = f.reasons.first().expect("a reason");
    assert_eq!(r.code, code, "{input}: {f:?}");
    assert!(r.score >= 40, "{input}: only {} points: {f:?}", r.score);
    assert_eq!(f.suggestion.as_deref(), Some(suggestion), "{input}: {f:?}");
}

/// A file of the shared data (`../shared/data/` beside the repository), if present.
pub fn read_shared(path: &str) -> Option<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");
    std::fs::read_to_string(format!("{root}{path}")).ok()
}

pub fn read_dev(name: &str) -> Option<String> {
    read_shared(&format!("dev/{name}"))
}
