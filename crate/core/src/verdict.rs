//! The one verdict type, shared by the command line's JSON and the wasm binding.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
    /// One of [`crate::code::ALL`] (borrowed: a check allocates no code).
    pub code: Cow<'static, str>,
    /// Points this reason added to the score (0 for purely informative reasons).
    pub score: u8,
    #[serde(default, skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl Reason {
    pub fn new(code: &'static str, score: u8) -> Reason {
        Reason {
            code: Cow::Borrowed(code),
            score,
            params: Params::default(),
        }
    }

    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Reason {
        self.params.insert(key, value.into());
        self
    }
}

/// A reason's params: a few named values, kept sorted by name, so they serialize as the map
/// they are (`{"kind": "swap", "target": "bca.co.id"}`, the same JSON and JS object a
/// `BTreeMap` gives) but cost one allocation for the list and none for the names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(Cow<'static, str>, String)>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&String> {
        self.position(key)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: String) -> Option<String> {
        let key = key.into();
        match self.position(&key) {
            Ok(i) => self.0.get_mut(i).map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `(name, value)` in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &String)> + '_ {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(key))
    }
}

/// `params["target"]`, as a map reads: for tests and tools that know the param is there. The
/// checks use [`Params::get`] (a missing param must never stop a check).
impl std::ops::Index<&str> for Params {
    type Output = String;

    #[allow(clippy::panic)]
    fn index(&self, key: &str) -> &String {
        match self.get(key) {
            Some(v) => v,
            None => panic!("reason has no param {key:?}"),
        }
    }
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&**k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Params, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Params(
            map.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect(),
        ))
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
