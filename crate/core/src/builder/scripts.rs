//! The `SCRX` section, computed from `unicode-script` and `unicode-security` (build-time
//! dependencies only) for every Unicode scalar value. The layout is described, and read in place,
//! by [`crate::scripts`].

use crate::format::Tag;
use crate::scripts::{ScriptSet, ALL, ALLOWED, HANB, HEADER, JPAN, KORE, RUN, SET, TAG, VERSION};
use unicode_script::{Script, UnicodeScript};
use unicode_security::mixed_script::AugmentedScriptSet;
use unicode_security::GeneralSecurityProfile;

/// The set of one character, from the crates (the reference the section is checked against).
pub fn reference_set(c: char) -> ScriptSet {
    let ext = c.script_extension();
    let aug = AugmentedScriptSet::for_char(c);
    let mut flags = 0;
    let mut bits = [0u64; 3];
    if ext.is_common() || ext.is_inherited() {
        flags |= ALL;
        bits = [u64::MAX; 3];
    } else {
        for s in ext.iter() {
            let k = s as u8;
            if let Some(w) = bits.get_mut(usize::from(k / 64)) {
                *w |= 1 << (k % 64);
            }
        }
    }
    for (on, flag) in [(aug.hanb, HANB), (aug.jpan, JPAN), (aug.kore, KORE)] {
        if on {
            flags |= flag;
        }
    }
    if c.identifier_allowed() {
        flags |= ALLOWED;
    }
    ScriptSet { bits, flags }
}

/// The `SCRX` section: runs of code points with the same [`reference_set`] (surrogates, which
/// are no `char`, continue the run before them). Computed once per process.
pub fn section() -> (Tag, Vec<u8>) {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    (TAG, BYTES.get_or_init(compute).clone())
}

fn compute() -> Vec<u8> {
    let mut ids: std::collections::HashMap<ScriptSet, u32> = std::collections::HashMap::new();
    let mut sets: Vec<ScriptSet> = Vec::new();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let set = reference_set(c);
        let id = *ids.entry(set).or_insert_with(|| {
            sets.push(set);
            sets.len() as u32 - 1
        });
        if runs.last().map_or(true, |&(_, last)| last != id) {
            runs.push((cp, id));
        }
    }
    let mut out = Vec::with_capacity(HEADER + RUN * runs.len() + SET * sets.len());
    for v in [VERSION, runs.len() as u32, sets.len() as u32, 0] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for (first, id) in &runs {
        out.extend_from_slice(&first.to_le_bytes());
        out.extend_from_slice(&id.to_le_bytes());
    }
    for s in &sets {
        for w in s.bits {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&s.flags.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
    }
    out
}

/// The scripts the IDN policy names, for the equivalence tests.
pub const POLICY_SCRIPTS: &[Script] = &[
    Script::Latin,
    Script::Greek,
    Script::Cyrillic,
    Script::Armenian,
    Script::Hebrew,
    Script::Ethiopic,
    Script::Georgian,
    Script::Bengali,
    Script::Devanagari,
    Script::Gujarati,
    Script::Gurmukhi,
    Script::Kannada,
    Script::Malayalam,
    Script::Oriya,
    Script::Tamil,
    Script::Telugu,
    Script::Myanmar,
    Script::Thai,
    Script::Lao,
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Hangul,
    Script::Bopomofo,
];
