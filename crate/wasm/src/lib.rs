//! Waspada's core for the browser extension: a thin wasm-bindgen layer over `waspada_core`.
//!
//! ```js
//! import init, { Checker } from './waspada_wasm.js';
//! await init();
//! const checker = new Checker(listBytes /* Uint8Array */, { sensitivity: 'normal', trusted: [] });
//! checker.check('http://klikbca-login.com/'); // the CLI's JSON verdict, as a plain object
//! ```
//!
//! Every error (a refused list file, malformed settings) becomes a JS exception with a readable
//! message; nothing here can trap on bad input.

mod compact;

use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use waspada_core::engine::{Engine, Settings};
use waspada_core::list_sources::SourceSummary;
use waspada_core::{Category, PageFacts, Verdict};

/// Information about the loaded list, for the popup and options page.
#[derive(Serialize)]
struct ListInfo {
    list_version: String,
    /// `YYYY-MM-DD`
    build_date: String,
    format_version: u16,
    /// Entries by category name.
    counts: BTreeMap<&'static str, u32>,
    total: u64,
    /// Each source of the list: id, title, publisher's address, licence, attribution, entries.
    sources: Vec<SourceSummary>,
    /// The version of this binding (the workspace version).
    wasm_version: &'static str,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result for JavaScript: {e}")))
}

fn settings_from_js(value: JsValue) -> Result<Settings, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Settings::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("invalid Waspada settings: {e}")))
}

/// A checker made from the packaged list bytes and the user's settings.
#[wasm_bindgen]
pub struct Checker {
    engine: Engine,
    /// The last `checkCompact` verdict, in the layout of `compact.rs` (reused: no allocation
    /// per check once it has grown).
    out: Vec<u8>,
}

#[wasm_bindgen]
impl Checker {
    /// Loads `bytes` (the packaged `waspada.bin`) with `settings` (an object with the fields of the
    /// engine's `Settings`; `undefined` for defaults). Throws if the list is refused (corrupt,
    /// truncated, newer format) or the settings are malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>, settings: JsValue) -> Result<Checker, JsError> {
        let settings = settings_from_js(settings)?;
        let engine = Engine::new(bytes, settings)
            .map_err(|e| JsError::new(&format!("cannot load the Waspada list: {e}")))?;
        Ok(Checker {
            engine,
            out: Vec::new(),
        })
    }

    /// Replaces the settings (trusted and protected sites, sensitivity, categories).
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings: JsValue) -> Result<(), JsError> {
        let settings = settings_from_js(settings)?;
        self.engine.set_settings(settings);
        Ok(())
    }

    /// Checks one URL or bare domain. Returns the verdict object, the same shape as the CLI's
    /// `--json` output. Input that is not a URL gives an `invalid` verdict, not an exception.
    pub fn check(&self, input: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.check(input))
    }

    /// Checks one URL or bare domain like `check`, and writes the verdict in the compact layout
    /// (`compact.rs`) into a buffer this checker keeps; returns its address in the module's
    /// memory (the first four bytes give its length). Valid until the next call on this checker.
    /// `extension/lib/verdict.js` reads it into the object `check` gives.
    #[wasm_bindgen(js_name = checkCompact)]
    pub fn check_compact(&mut self, input: &str) -> u32 {
        compact::encode(&self.engine.check(input), &mut self.out);
        self.out.as_ptr() as usize as u32
    }

    /// Checks the page a tab shows: the address, then (only if `pageCheckApplies`) what the
    /// extension saw on the page: `facts` has the fields of the core's `PageFacts`
    /// (`password_field`, `code_field`, `card_field`, `text`; all optional). Throws only for
    /// malformed facts.
    #[wasm_bindgen(js_name = checkPage)]
    pub fn check_page(&self, input: &str, facts: JsValue) -> Result<JsValue, JsError> {
        let facts: PageFacts = serde_wasm_bindgen::from_value(facts)
            .map_err(|e| JsError::new(&format!("invalid page facts: {e}")))?;
        to_js(&self.engine.check_page(input, &facts))
    }

    /// Whether what the page shows can change this verdict (`checkPage`): the address is
    /// suspicious, or it is a user's page on one of the most abused hosting platforms. The
    /// extension probes only such pages. Throws only for a malformed verdict object.
    #[wasm_bindgen(js_name = pageCheckApplies)]
    pub fn page_check_applies(&self, verdict: JsValue) -> Result<bool, JsError> {
        let verdict: Verdict = serde_wasm_bindgen::from_value(verdict)
            .map_err(|e| JsError::new(&format!("not a Waspada verdict: {e}")))?;
        Ok(self.engine.page_check_applies(&verdict))
    }

    /// Checks several inputs at once; returns an array of verdicts.
    #[wasm_bindgen(js_name = checkMany)]
    pub fn check_many(&self, inputs: Vec<String>) -> Result<JsValue, JsError> {
        let verdicts: Vec<_> = inputs.iter().map(|i| self.engine.check(i)).collect();
        to_js(&verdicts)
    }

    /// Where the loaded list lies in this instance's memory: `[offset, length]` in bytes. The
    /// extension reads it from `memory.buffer` after a trap to rebuild the checker in a fresh
    /// instance (the copy is checked again, checksum included), instead of keeping the list
    /// twice.
    #[wasm_bindgen(js_name = listRange)]
    pub fn list_range(&self) -> Vec<u32> {
        let data = self.engine.data();
        vec![data.as_ptr() as usize as u32, data.len() as u32]
    }

    /// The list's version, build date, entry counts and sources.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let h = self.engine.header();
        let counts: BTreeMap<&'static str, u32> = Category::ALL
            .iter()
            .map(|c| (c.as_str(), h.count(*c)))
            .collect();
        to_js(&ListInfo {
            list_version: h.list_version.clone(),
            build_date: h.build_date_iso(),
            format_version: h.format_version,
            total: counts.values().map(|&n| u64::from(n)).sum(),
            counts,
            sources: self.engine.list_sources(),
            wasm_version: env!("CARGO_PKG_VERSION"),
        })
    }
}

/// The reason codes in the order `checkCompact` numbers them.
#[wasm_bindgen(js_name = reasonCodes)]
pub fn reason_codes() -> Vec<String> {
    waspada_core::code::ALL
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The reason parameter names in the order `checkCompact` numbers them.
#[wasm_bindgen(js_name = paramKeys)]
pub fn param_keys() -> Vec<String> {
    compact::PARAM_KEYS.iter().map(|c| c.to_string()).collect()
}

/// The levels in the order `checkCompact` numbers them.
#[wasm_bindgen]
pub fn levels() -> Vec<String> {
    compact::LEVELS
        .iter()
        .map(|l| l.as_str().to_string())
        .collect()
}

/// The version of the binding (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
