//! The Unicode properties of the IDN display policy ([`crate::idn`]) as a section of the data
//! file, so the run-time code carries no Unicode script table (the `.wasm` size budget): per
//! code point its Script_Extensions, its UTS #39 augmented script set (Han with Bopomofo,
//! Japanese, Korean) and whether UTS #39 `Identifier_Status` is `Allowed`.
//!
//! The builder (`builder::scripts`, feature `builder`) asks `unicode-script` and
//! `unicode-security` for every Unicode scalar value and writes runs of code points with the same
//! properties. At run time [`Scripts`] views the section in place: one binary search per
//! character. Only the [`Script`] enum of `unicode-script` is used here (its discriminant is the
//! bit of a script in a set), never its tables.
//!
//! # Section `SCRX` (integers little-endian)
//! ```text
//! 0      4    format version (1)
//! 4      4    run count n (at least 1; the first run starts at U+0000)
//! 8      4    set count m
//! 12     4    reserved (0)
//! 16     8n   runs sorted by first code point, strictly increasing: u32 first code point,
//!             u32 set index (< m); a run lasts up to the next run's first code point (the last
//!             one to U+10FFFF)
//! 16+8n  32m  sets: u64 x3 script bits (bit k: the `Script` whose discriminant is k; all ones
//!             for Common and Inherited, which intersect every script), u32 flags, u32 reserved (0)
//! ```

use crate::error::DataError;
use crate::format::{read_u32, read_u64, Envelope, Tag};
use unicode_script::Script;

/// The scripts section.
pub const TAG: Tag = *b"SCRX";
/// The section format this build reads and writes.
pub const VERSION: u32 = 1;
/// Set flag: Script_Extensions is Common (`Zyyy`) or Inherited (`Zinh`): in every script.
pub const ALL: u32 = 1;
/// Set flag: the augmented set has Han with Bopomofo (`Hanb`).
pub const HANB: u32 = 2;
/// Set flag: the augmented set has Japanese (`Jpan`).
pub const JPAN: u32 = 4;
/// Set flag: the augmented set has Korean (`Kore`).
pub const KORE: u32 = 8;
/// Set flag: UTS #39 `Identifier_Status=Allowed`.
pub const ALLOWED: u32 = 16;
/// Every flag a set may carry.
pub const FLAGS: u32 = ALL | HANB | JPAN | KORE | ALLOWED;

pub(crate) const HEADER: usize = 16;
pub(crate) const RUN: usize = 8;
pub(crate) const SET: usize = 32;
const AUGMENTED: u32 = HANB | JPAN | KORE;

/// The scripts of one character, or the intersection of several characters' (UTS #39's
/// resolved augmented script set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ScriptSet {
    /// Bit k of the 192: the script whose discriminant is k.
    pub bits: [u64; 3],
    /// [`ALL`], [`HANB`], [`JPAN`], [`KORE`], [`ALLOWED`].
    pub flags: u32,
}

impl ScriptSet {
    /// The start of an intersection: every script, Han with Bopomofo, Japanese and Korean (UTS
    /// #39's augmented set of Common).
    pub const EVERY: ScriptSet = ScriptSet {
        bits: [u64::MAX; 3],
        flags: ALL | AUGMENTED,
    };

    /// The bit of `script` in [`ScriptSet::bits`] (Unknown has none).
    fn bit(script: Script) -> Option<(usize, u64)> {
        let k = script as u8;
        (k < 192).then(|| (usize::from(k / 64), 1u64 << (k % 64)))
    }

    /// Whether the set has `script`: a Common or Inherited character is in every script (as
    /// `unicode_script::ScriptExtension::contains_script`).
    pub fn contains(self, script: Script) -> bool {
        Self::bit(script).is_some_and(|(w, b)| self.bits.get(w).is_some_and(|x| x & b != 0))
    }

    /// Whether the character belongs to `script` itself: it has `script` among its
    /// Script_Extensions and is neither Common nor Inherited.
    pub fn is_of(self, script: Script) -> bool {
        self.flags & ALL == 0 && self.contains(script)
    }

    /// Common or Inherited.
    pub fn is_all(self) -> bool {
        self.flags & ALL != 0
    }

    /// UTS #39 `Identifier_Status=Allowed` (of a character's set).
    pub fn identifier_allowed(self) -> bool {
        self.flags & ALLOWED != 0
    }

    pub fn hanb(self) -> bool {
        self.flags & HANB != 0
    }

    pub fn jpan(self) -> bool {
        self.flags & JPAN != 0
    }

    pub fn kore(self) -> bool {
        self.flags & KORE != 0
    }

    /// The scripts (and augmented writing systems) both sets have.
    pub fn intersect_with(&mut self, other: ScriptSet) {
        for (a, b) in self.bits.iter_mut().zip(other.bits) {
            *a &= b;
        }
        self.flags &= other.flags;
    }

    /// No script and no augmented writing system: the characters are of mixed scripts.
    pub fn is_empty(self) -> bool {
        self.bits == [0; 3] && self.flags & AUGMENTED == 0
    }
}

/// The scripts section, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Scripts<'a> {
    runs: &'a [u8],
    n: usize,
    sets: &'a [u8],
}

impl<'a> Scripts<'a> {
    /// Views the `SCRX` section of a validated envelope (see [`Scripts::from_section`]).
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Scripts<'a>, DataError> {
        Scripts::from_section(env.section_bytes(bytes, TAG, "scripts (SCRX)")?)
    }

    /// Views a `SCRX` section's bytes and checks it once: runs in order from U+0000, each naming
    /// a set, every set's flags and reserved word. O(runs + sets): a few thousand; no allocation.
    pub fn from_section(section: &'a [u8]) -> Result<Scripts<'a>, DataError> {
        let bad = |what: String| DataError::Corrupt(format!("scripts section: {what}"));
        let version = read_u32(section, 0).ok_or_else(|| bad("truncated header".into()))?;
        if version != VERSION {
            return Err(bad(format!(
                "version {version}, this build reads {VERSION}"
            )));
        }
        let n = read_u32(section, 4).ok_or_else(|| bad("truncated header".into()))? as usize;
        let m = read_u32(section, 8).ok_or_else(|| bad("truncated header".into()))? as usize;
        if read_u32(section, 12) != Some(0) {
            return Err(bad("reserved header bytes are not zero".into()));
        }
        let runs_end = n
            .checked_mul(RUN)
            .and_then(|l| l.checked_add(HEADER))
            .ok_or_else(|| bad(format!("{n} runs overflow")))?;
        let runs = section
            .get(HEADER..runs_end)
            .ok_or_else(|| bad(format!("{n} runs overrun the section")))?;
        let sets = m
            .checked_mul(SET)
            .and_then(|l| l.checked_add(runs_end))
            .and_then(|end| section.get(runs_end..end))
            .ok_or_else(|| bad(format!("{m} sets overrun the section")))?;
        let view = Scripts { runs, n, sets };
        if n == 0 || view.run(0).map(|(first, _)| first) != Some(0) {
            return Err(bad("the runs do not start at U+0000".into()));
        }
        let mut prev: Option<u32> = None;
        for i in 0..n {
            let (first, set) = view
                .run(i)
                .ok_or_else(|| bad(format!("run {i} unreadable")))?;
            if first > 0x10FFFF || prev.is_some_and(|p| p >= first) {
                return Err(bad(format!("run {i}: code points out of order")));
            }
            if set as usize >= m {
                return Err(bad(format!("run {i} names set {set} of {m}")));
            }
            prev = Some(first);
        }
        for j in 0..m {
            let at = j * SET;
            let flags = read_u32(sets, at + 24).ok_or_else(|| bad(format!("set {j}")))?;
            if flags & !FLAGS != 0 || read_u32(sets, at + 28) != Some(0) {
                return Err(bad(format!("set {j} has unknown flags")));
            }
        }
        Ok(view)
    }

    /// Number of runs.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// First code point and set index of run `i`.
    fn run(&self, i: usize) -> Option<(u32, u32)> {
        let at = i.checked_mul(RUN)?;
        Some((read_u32(self.runs, at)?, read_u32(self.runs, at + 4)?))
    }

    fn set(&self, j: usize) -> Option<ScriptSet> {
        let at = j.checked_mul(SET)?;
        Some(ScriptSet {
            bits: [
                read_u64(self.sets, at)?,
                read_u64(self.sets, at + 8)?,
                read_u64(self.sets, at + 16)?,
            ],
            flags: read_u32(self.sets, at + 24)?,
        })
    }

    /// The scripts of `c` (an empty set, as for an unassigned code point, should the section be
    /// damaged).
    pub fn of(&self, c: char) -> ScriptSet {
        let cp = u32::from(c);
        // The first run starting after `cp`; the one before it holds `cp` (run 0 starts at 0).
        let after = crate::format::partition_point(0..self.n, |i| {
            self.run(i).is_some_and(|(f, _)| f <= cp)
        });
        after
            .checked_sub(1)
            .and_then(|i| self.run(i))
            .and_then(|(_, set)| self.set(set as usize))
            .unwrap_or_default()
    }
}
