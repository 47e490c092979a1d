//! Waspada's core: everything that decides whether a URL is a scam, with no I/O, no global
//! state and no wasm dependencies. `crate/wasm` and `crate/cli` are thin layers over it.

pub mod blocklist;
#[cfg(feature = "builder")]
pub mod builder;
pub mod category;
pub mod code;
pub mod confusables;
pub mod domain;
pub mod engine;
pub mod error;
pub mod format;
pub mod idn;
pub mod list_sources;
pub mod lookalike;
pub mod page;
pub mod rules;
pub mod score;
pub mod scripts;
pub mod settings;
pub mod subject;
pub mod targets;
pub mod text;
pub mod url;
pub mod verdict;

pub use category::Category;
pub use engine::Engine;
pub use error::DataError;
pub use page::PageFacts;
pub use settings::{Sensitivity, Settings};
pub use subject::{RuleInput, Subject};
pub use verdict::{Level, Reason, Verdict};
