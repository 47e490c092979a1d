//! Confusable characters (UTS #39) as a section of the data file, so the run-time code carries no
//! Unicode confusables table (the `.wasm` size budget).
//!
//! The builder (`builder::confusables`, feature `builder`) asks `unicode-security` and
//! `unicode-normalization` — build-time dependencies only — for every Unicode scalar value, and
//! keeps the ones whose fold is not the character itself. At run time [`Confusables`] views the
//! section in place and folds a label one character at a time with a binary search.
//!
//! # What a fold is
//! The lookalike module's strict skeleton of a non-ASCII label was, before this section existed:
//! NFD; drop combining marks (General Category M) and invisible characters; the extra Latin folds
//! (`fold_extra`); UTS #39 `skeleton` (NFD, drop default-ignorables, map confusables, NFD); drop
//! marks and invisible characters again; the extra folds again; lower-case. Every step works on
//! single characters, and the only step that looks at neighbours — canonical reordering inside the
//! two NFDs — moves only characters of non-zero combining class, which are all dropped (the builder
//! checks this for every scalar value and refuses to build otherwise). So the strict skeleton of a
//! label is exactly the concatenation of its characters' folds, which is what the section stores.
//! Afterwards [`Confusables::strict_skeleton`] applies the ASCII lookalikes on the whole string
//! (`rn`→`m`, `vv`→`w`, `0`→`o`, `1`/`|`/`ı`→`l`).
//!
//! Each entry also carries flags, per-character properties of tests that only ask whether every
//! character of a label passes (a label's NFD and skeleton are, as multisets, the unions of its
//! characters' — reordering aside — so such a test is exactly "every character has the flag"):
//! - [`ASCII_SKELETON`]: the character's UTS #39 skeleton (without the extra folds) is ASCII
//!   letters, digits and hyphens only ([`Confusables::skeleton_is_ascii`]; the rules' whole-script
//!   homograph test);
//! - [`LATIN`]: the character is a plain or accent-dressed Latin letter, digit or hyphen
//!   ([`Confusables::is_latin`]; the rules' dressed-Latin test, computed with NFD by the builder).
//!
//! # Section `CONF` (integers little-endian)
//! ```text
//! 0      4    format version (1)
//! 4      4    entry count n
//! 8      4    text length t
//! 12     4    reserved (0)
//! 16     8n   entries sorted by code point, strictly increasing:
//!             u32 code point (bits 0–23) | flags << 24,  u32 text offset << 8 | byte length
//! 16+8n  t    the folds, UTF-8 (identical folds share their bytes)
//! ```
//! A character without an entry folds to itself, and has both flags when it is an ASCII letter,
//! digit or hyphen, none otherwise — except a precomposed Hangul syllable, which folds as its
//! conjoining jamo (decomposed by arithmetic) and has the flags all of them have. The builder
//! leaves out exactly the entries the reader would imply.

use crate::error::DataError;
use crate::format::{read_u32, Envelope, Tag};

/// The confusables section.
pub const TAG: Tag = *b"CONF";
/// The section format this build reads and writes.
pub const VERSION: u32 = 1;
/// Entry flag: the character's UTS #39 skeleton is ASCII letters, digits and hyphens only.
pub const ASCII_SKELETON: u8 = 1;
/// Entry flag: the character is a Latin letter, digit or hyphen, possibly dressed — its canonical
/// decomposition without the combining marks U+0300–U+036F and U+1DC0–U+1DFF is ASCII letters,
/// digits, hyphens and letters of the Latin-1, Latin Extended-A/B, IPA and Latin Extended
/// Additional blocks (the rules' accent-dressed Latin test, [`Confusables::is_latin`]).
pub const LATIN: u8 = 2;

pub(crate) const HEADER: usize = 16;
pub(crate) const ENTRY: usize = 8;

/// The confusables section, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Confusables<'a> {
    entries: &'a [u8],
    n: usize,
    /// The folds' text, checked as UTF-8 once at load: a fold is a slice of it on char
    /// boundaries.
    text: &'a str,
}

pub(crate) fn default_flags(c: char) -> u8 {
    if c.is_ascii_alphanumeric() || c == '-' {
        ASCII_SKELETON | LATIN
    } else {
        0
    }
}

impl<'a> Confusables<'a> {
    /// Views the `CONF` section of a validated envelope (see [`Confusables::from_section`]).
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<Confusables<'a>, DataError> {
        let section = env.section_bytes(bytes, TAG, "confusables (CONF)")?;
        Confusables::from_section(section)
    }

    /// Views a `CONF` section's bytes and checks it once: the text is UTF-8 (one pass over it),
    /// every entry in order, its fold inside the text on char boundaries (O(1) each). No
    /// allocation.
    pub fn from_section(section: &'a [u8]) -> Result<Confusables<'a>, DataError> {
        let bad = |what: String| DataError::Corrupt(format!("confusables section: {what}"));
        let version = read_u32(section, 0).ok_or_else(|| bad("truncated header".into()))?;
        if version != VERSION {
            return Err(bad(format!(
                "version {version}, this build reads {VERSION}"
            )));
        }
        let n = read_u32(section, 4).ok_or_else(|| bad("truncated header".into()))? as usize;
        let t = read_u32(section, 8).ok_or_else(|| bad("truncated header".into()))? as usize;
        if read_u32(section, 12) != Some(0) {
            return Err(bad("reserved header bytes are not zero".into()));
        }
        let entries_end = n
            .checked_mul(ENTRY)
            .and_then(|l| l.checked_add(HEADER))
            .ok_or_else(|| bad(format!("{n} entries overflow")))?;
        let entries = section
            .get(HEADER..entries_end)
            .ok_or_else(|| bad(format!("{n} entries overrun the section")))?;
        let text = entries_end
            .checked_add(t)
            .and_then(|end| section.get(entries_end..end))
            .ok_or_else(|| bad(format!("{t} bytes of text overrun the section")))?;
        let text = std::str::from_utf8(text).map_err(|_| bad("text is not UTF-8".into()))?;
        let view = Confusables { entries, n, text };
        let mut prev: Option<u32> = None;
        for i in 0..n {
            let (cp, _) = view
                .key_at(i)
                .ok_or_else(|| bad(format!("entry {i} unreadable")))?;
            if char::from_u32(cp).is_none() {
                return Err(bad(format!(
                    "entry {i}: {cp:#x} is not a Unicode scalar value"
                )));
            }
            if prev.is_some_and(|p| p >= cp) {
                return Err(bad(format!("entry {i}: code points out of order")));
            }
            prev = Some(cp);
            if view.fold_at(i).is_none() {
                return Err(bad(format!(
                    "entry {i}: fold out of bounds or not on character boundaries"
                )));
            }
        }
        Ok(view)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Code point and flags of entry `i`.
    fn key_at(&self, i: usize) -> Option<(u32, u8)> {
        let v = read_u32(self.entries, i.checked_mul(ENTRY)?)?;
        Some((v & 0x00FF_FFFF, (v >> 24) as u8))
    }

    fn fold_at(&self, i: usize) -> Option<&'a str> {
        let v = read_u32(self.entries, i.checked_mul(ENTRY)?.checked_add(4)?)?;
        let (start, len) = ((v >> 8) as usize, (v & 0xFF) as usize);
        self.text.get(start..start.checked_add(len)?)
    }

    fn find(&self, c: char) -> Option<usize> {
        let cp = u32::from(c);
        let i = crate::format::partition_point(0..self.n, |i| {
            self.key_at(i).is_some_and(|(k, _)| k < cp)
        });
        (self.key_at(i)?.0 == cp).then_some(i)
    }

    /// The stored fold of one character, `None` when it has no entry.
    fn stored(&self, c: char) -> Option<(&'a str, u8)> {
        let i = self.find(c)?;
        Some((self.fold_at(i)?, self.key_at(i)?.1))
    }

    /// Appends the fold of one character (see the module docs) to `out`.
    pub fn push_fold(&self, c: char, out: &mut String) {
        if let Some((f, _)) = self.stored(c) {
            out.push_str(f);
        } else if let Some(jamo) = hangul_jamo(c) {
            for j in jamo.into_iter().flatten() {
                match self.stored(j) {
                    Some((f, _)) => out.push_str(f),
                    None => out.push(j),
                }
            }
        } else {
            out.push(c);
        }
    }

    /// The flags of one character ([`ASCII_SKELETON`], [`LATIN`]).
    pub fn flags(&self, c: char) -> u8 {
        if let Some((_, f)) = self.stored(c) {
            f
        } else if let Some(jamo) = hangul_jamo(c) {
            jamo.into_iter()
                .flatten()
                .fold(ASCII_SKELETON | LATIN, |acc, j| {
                    acc & self.stored(j).map_or_else(|| default_flags(j), |(_, f)| f)
                })
        } else {
            default_flags(c)
        }
    }

    /// True when the UTS #39 skeleton of `label` is ASCII letters, digits and hyphens only.
    pub fn skeleton_is_ascii(&self, label: &str) -> bool {
        label.chars().all(|c| self.flags(c) & ASCII_SKELETON != 0)
    }

    /// True when every character of `label` is a plain or accent-dressed Latin letter, digit or
    /// hyphen ([`LATIN`]): `gôôgle`, `ṡteamcommunity`, `ŧokopedia`.
    pub fn is_latin(&self, label: &str) -> bool {
        label.chars().all(|c| self.flags(c) & LATIN != 0)
    }

    /// The strict skeleton of one label: UTS #39 skeleton with diacritics and invisible characters
    /// removed, small capitals and IPA letters folded, lower-cased, then the common Latin
    /// lookalikes `rn`→`m`, `vv`→`w`, `0`→`o`, `1`→`l`, `|`→`l`. An ASCII label is only
    /// lower-cased before the lookalikes.
    pub fn strict_skeleton(&self, label: &str) -> String {
        let mut buf = SkeletonBuf::default();
        self.strict_into(label, &mut buf);
        buf.strict
    }

    /// [`Confusables::strict_skeleton`] into `buf.strict` (its fold in `buf.fold`).
    fn strict_into(&self, label: &str, buf: &mut SkeletonBuf) {
        if label
            .bytes()
            .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
        {
            ascii_lookalikes_into(label, &mut buf.strict);
            return;
        }
        buf.fold.clear();
        if label.is_ascii() {
            buf.fold
                .extend(label.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            for c in label.chars() {
                self.push_fold(c, &mut buf.fold);
            }
        }
        ascii_lookalikes_into(&buf.fold, &mut buf.strict);
    }

    /// The loose skeleton: the strict one with letters that dnstwist-style homoglyph attacks swap
    /// folded together (`c`/`e`, `b`/`d`/`cl`, `g`/`q`, `m`/`n`/`r`/`rn`, `i`/`l`, `u`/`v`).
    /// Only used as an index key; matches are verified.
    pub fn loose_skeleton(&self, label: &str) -> String {
        let mut buf = SkeletonBuf::default();
        self.loose_skeleton_in(label, &mut buf);
        buf.loose
    }

    /// [`Confusables::loose_skeleton`] in `buf`, whose strings are reused: for searches that
    /// form the skeletons of many pieces of one host.
    pub fn loose_skeleton_in<'b>(&self, label: &str, buf: &'b mut SkeletonBuf) -> &'b str {
        self.strict_into(label, buf);
        loosen_into(&buf.strict, &mut buf.loose);
        &buf.loose
    }
}

/// The working strings of [`Confusables::loose_skeleton_in`].
#[derive(Debug, Default)]
pub struct SkeletonBuf {
    fold: String,
    strict: String,
    loose: String,
}

/// The conjoining jamo of a precomposed Hangul syllable (its canonical decomposition, by the
/// arithmetic of Unicode §3.12), `None` for any other character.
pub(crate) fn hangul_jamo(c: char) -> Option<[Option<char>; 3]> {
    const S_BASE: u32 = 0xAC00;
    const S_COUNT: u32 = 11172;
    const N_COUNT: u32 = 588;
    const T_COUNT: u32 = 28;
    let s = u32::from(c).checked_sub(S_BASE).filter(|&s| s < S_COUNT)?;
    let l = char::from_u32(0x1100 + s / N_COUNT);
    let v = char::from_u32(0x1161 + (s % N_COUNT) / T_COUNT);
    let t = (s % T_COUNT != 0)
        .then(|| char::from_u32(0x11A7 + s % T_COUNT))
        .flatten();
    Some([l, v, t])
}

/// `rn`→`m`, `vv`→`w`, `0`→`o`, `1`/`|`/`ı`→`l` on an already folded label, into `out`
/// (cleared first).
pub(crate) fn ascii_lookalikes_into(folded: &str, out: &mut String) {
    // One pass: `rn` and `vv` cannot overlap each other, and the single letters they become
    // (`m`, `w`) start no pair, so this is `replace("rn", "m")`, then `replace("vv", "w")`, then
    // the per-character map.
    out.clear();
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        let pair = match (c, chars.peek()) {
            ('r', Some('n')) => Some('m'),
            ('v', Some('v')) => Some('w'),
            _ => None,
        };
        if let Some(p) = pair {
            chars.next();
            out.push(p);
            continue;
        }
        out.push(match c {
            '0' => 'o',
            '1' | '|' | 'ı' => 'l',
            c => c,
        });
    }
}

/// The loose form of a strict skeleton (see [`Confusables::loose_skeleton`]).
pub(crate) fn loosen(strict: &str) -> String {
    let mut out = String::with_capacity(strict.len() + 4);
    loosen_into(strict, &mut out);
    out
}

/// [`loosen`] into `out` (cleared first).
fn loosen_into(strict: &str, out: &mut String) {
    out.clear();
    for c in strict.chars() {
        match c {
            // `d` and `b` are also written `cl` / `lb`: expand to one canonical form.
            'd' | 'b' => out.push_str("cl"),
            'e' => out.push('c'),
            'q' => out.push('g'),
            'n' | 'r' | 'm' => {
                // `m`, `n`, `r`, `rn`, `nn`, `rr` all fold to one `m`.
                if !out.ends_with('m') {
                    out.push('m');
                }
            }
            // `k` is also written `lc`, `lk`, `ik`; runs of `l` (after `i`→`l`) collapse.
            'k' => {
                if !out.ends_with('l') {
                    out.push('l');
                }
                out.push('c');
            }
            'i' | 'l' => {
                if !out.ends_with('l') {
                    out.push('l');
                }
            }
            'v' => out.push('u'),
            '3' => out.push('8'),
            '6' => out.push('9'),
            c => out.push(c),
        }
    }
}
