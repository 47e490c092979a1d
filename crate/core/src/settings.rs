//! The user's choices: how readily heuristics warn, trusted and protected sites, categories
//! not to block. A leaf module: the engine reads it, the score uses [`Sensitivity`].

use crate::category::Category;
use serde::{Deserialize, Serialize};

/// How readily heuristics raise an alarm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    Low,
    #[default]
    Normal,
    High,
}

/// The user's choices. Every field has a default, so `{}` is a valid JSON settings object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub sensitivity: Sensitivity,
    /// Sites the user trusts (hosts or registrable domains): always safe.
    pub trusted: Vec<String>,
    /// The user's own official domains to protect (e.g. their bank's), fed to the lookalike check.
    pub protected: Vec<String>,
    /// Blocklist categories not to block (e.g. gambling).
    pub disabled_categories: Vec<Category>,
    /// Whether to consult the bundled blocklist at all (the evaluation turns it off).
    pub use_blocklist: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            sensitivity: Sensitivity::Normal,
            trusted: Vec::new(),
            protected: Vec::new(),
            disabled_categories: Vec::new(),
            use_blocklist: true,
        }
    }
}
