//! The one verdict type, shared by the command line's JSON and the wasm binding.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How bad a URL is, from the user's point of view. Ordered: `Safe < Suspicious < Dangerous < Blocked`.
/// `Invalid` means the input could not be read as a URL at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Safe,
    Suspicious,
    Dangerous,
    Blocked,
    Invalid,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Safe => "safe",
            Level::Suspicious => "suspicious",
            Level::Dangerous => "dangerous",
            Level::Blocked => "blocked",
            Level::Invalid => "invalid",
        }
    }
}

/// One piece of evidence. `code` is stable (it is also the key of the message that explains it
/// in `_locales`, with dots turned into underscores); `params` carry what the message needs
/// (target, keyword, rule, category, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    /// Points this reason added to the score (0 for purely informative reasons).
    pub score: u8,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Reason {
    pub fn new(code: &str, score: u8) -> Reason {
        Reason {
            code: code.to_string(),
            score,
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Into<String>) -> Reason {
        self.params.insert(key.to_string(), value.into());
        self
    }
}

/// The result of checking one input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The input exactly as given.
    pub input: String,
    pub verdict: Level,
    /// 0 (nothing found) to 100.
    pub score: u8,
    /// The host in ASCII (punycode) form, lower-cased.
    pub host: Option<String>,
    /// The host in Unicode form, as a person reads it.
    pub host_unicode: Option<String>,
    /// eTLD+1 under the Public Suffix List, private section included.
    pub registrable_domain: Option<String>,
    /// The Safe Browsing canonical form used for list look-ups.
    pub canonical: Option<String>,
    pub reasons: Vec<Reason>,
    /// The official domain the user probably meant, if this looks like an imitation.
    pub suggestion: Option<String>,
}

impl Verdict {
    /// A verdict for input that is not a URL we can check.
    pub fn invalid(input: &str, reason: Reason) -> Verdict {
        Verdict {
            input: input.to_string(),
            verdict: Level::Invalid,
            score: 0,
            host: None,
            host_unicode: None,
            registrable_domain: None,
            canonical: None,
            reasons: vec![reason],
            suggestion: None,
        }
    }
}
