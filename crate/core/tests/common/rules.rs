//! Shared by the scam-pattern rule tests (`tests/rules*.rs`): a data file with the bundled PSL,
//! the rules compiled from `data/rules/*.tsv`, the confusables and the scripts, and the reasons the rules give
//! for a URL, with hosts and registrable domains from the real URL and PSL modules.

#![allow(dead_code, clippy::panic, clippy::unwrap_used)]

use std::sync::OnceLock;
use waspada_core::builder::psl::section as psl_section;
use waspada_core::domain::{to_unicode, Psl};
use waspada_core::format::{Envelope, EnvelopeWriter};
use waspada_core::rules::{RuleInput, Rules};
use waspada_core::Reason;

/// Normal sensitivity's thresholds.
pub const SUSPICIOUS: u8 = 40;
pub const DANGEROUS: u8 = 70;

pub struct Data {
    pub bytes: Vec<u8>,
}

pub fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut w = EnvelopeWriter::new("test", 20260101);
        let psl = psl_section(waspada_core::builder::BUNDLED_PSL).expect("psl");
        w.add_section(waspada_core::domain::PSL_TAG, psl);
        for (tag, body) in waspada_core::builder::rules::sections().expect("rules compile") {
            w.add_section(tag, body);
        }
        let (tag, body) = waspada_core::builder::confusables::section().expect("confusables");
        w.add_section(tag, body);
        let (tag, body) = waspada_core::builder::scripts::section();
        w.add_section(tag, body);
        Data { bytes: w.finish() }
    })
}

/// The reasons the rules give for `input`.
pub fn check(input: &str) -> Vec<Reason> {
    check_with_brand(input, None)
}

/// The reasons the rules give for `input` when the lookalike check found `brand` (a brand's
/// official label) spelt out in its host.
pub fn check_with_brand(input: &str, brand: Option<&str>) -> Vec<Reason> {
    with_rule_input(input, brand, |rules, s| rules.evaluate_input(s))
}

/// `f` of the rules and the input the engine gives them for `input`.
pub fn with_rule_input<T>(
    input: &str,
    brand: Option<&str>,
    f: impl FnOnce(&Rules<'_>, &RuleInput<'_>) -> T,
) -> T {
    let bytes = &data().bytes;
    let env = Envelope::parse(bytes).expect("envelope");
    let rules = Rules::from_envelope(&env, bytes).expect("rules section");
    rules.validate().expect("rules valid");
    let psl_range = env
        .section(waspada_core::domain::PSL_TAG)
        .expect("psl section");
    let psl = Psl::new(&bytes[psl_range]).expect("psl view");
    let scheme = waspada_core::url::scheme_of(input).unwrap_or_else(|| "http".into());
    if scheme != "http" && scheme != "https" {
        return f(
            &rules,
            &RuleInput {
                input,
                scheme: &scheme,
                ..RuleInput::default()
            },
        );
    }
    let canon = waspada_core::url::canonicalize(input).expect("canonical");
    let host = canon.host.as_str();
    let unicode = to_unicode(host);
    let input = RuleInput {
        input,
        scheme: canon.scheme,
        host,
        host_unicode: &unicode,
        registrable_domain: psl.registrable_domain(host),
        public_suffix: psl.public_suffix(host),
        private_suffix: psl.is_private_suffix(host),
        brand_label: brand,
    };
    f(&rules, &input)
}

pub fn codes(input: &str) -> Vec<String> {
    check(input)
        .into_iter()
        .map(|r| r.code.into_owned())
        .collect()
}

pub fn has(input: &str, code: &str) -> bool {
    codes(input).iter().any(|c| c == code)
}

pub fn reason(input: &str, code: &str) -> Reason {
    check(input)
        .into_iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("{input}: no {code} in {:?}", codes(input)))
}

pub fn total(input: &str) -> u32 {
    check(input).iter().map(|r| u32::from(r.score)).sum()
}

pub fn quiet(input: &str) {
    let r = check(input);
    assert!(r.is_empty(), "{input}: expected no reason, got {r:?}");
}
