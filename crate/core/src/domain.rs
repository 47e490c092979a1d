//! Public Suffix List (ICANN and private sections), registrable domains (eTLD+1) and the
//! ASCII/Unicode forms of host names.
//!
//! The list is compiled at build time ([`psl_section`], feature `builder`) into a section that is
//! viewed in place at run time, with no text parsing and no allocation at load:
//!
//! ```text
//! offset  size  field
//! 0       4     magic b"PSL2" (PSL1, without the "longer rule" flag, is refused)
//! 4       4     name count n (u32 LE)
//! 8       8*n   FNV-1a 64 hashes of the names read back to front (u64 LE), strictly ascending
//! 8+8n    n     flags of each name: 1 normal rule, 2 wildcard rule (*.name), 4 exception (!name);
//!               8/16/32: the same rule comes from the PRIVATE section; 64: a longer rule ends
//!               with this name (names that are only that are stored too)
//! ```
//!
//! Rule names are stored in their ASCII (punycode) form. Hashing a name back to front lets a
//! lookup hash every suffix of a host in one pass from its end, and the "longer rule" flag lets it
//! stop after the two or three labels that can matter. A lookup is a few binary searches over the
//! hash array; no allocation.

use crate::error::DataError;
use crate::format::{read_u32, read_u64};

/// Tag of the compiled Public Suffix List section.
pub const PSL_TAG: crate::format::Tag = *b"PSL ";

const MAGIC: [u8; 4] = *b"PSL2";
const HEADER: usize = 8;

const NORMAL: u8 = 1;
const WILDCARD: u8 = 2;
const EXCEPTION: u8 = 4;
const NORMAL_PRIVATE: u8 = 8;
const WILDCARD_PRIVATE: u8 = 16;
const EXCEPTION_PRIVATE: u8 = 32;
/// Some longer rule ends with this name: a lookup must keep reading labels to the left.
const LONGER: u8 = 64;
const ALL_FLAGS: u8 = 127;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

#[cfg(feature = "builder")]
/// Hash of `name` read from its last byte to its first, lower-cased.
fn reversed_hash(name: &str) -> u64 {
    name.bytes()
        .rev()
        .fold(FNV_OFFSET, |h, b| fnv_step(h, b.to_ascii_lowercase()))
}

/// Compiles the text of `public_suffix_list.dat` into the `PSL ` section.
#[cfg(feature = "builder")]
pub fn psl_section(psl_text: &str) -> Result<Vec<u8>, String> {
    use std::collections::BTreeMap;
    let mut rules: BTreeMap<u64, (u8, String)> = BTreeMap::new();
    let mut private = false;
    let mut saw_private_marker = false;
    for (n, line) in psl_text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("// ===BEGIN PRIVATE DOMAINS===") {
            private = true;
            saw_private_marker = true;
            continue;
        }
        if line.starts_with("// ===END PRIVATE DOMAINS===") {
            private = false;
            continue;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let rule = line.split_whitespace().next().unwrap_or_default();
        let (name, kind) = if let Some(r) = rule.strip_prefix('!') {
            (r, EXCEPTION)
        } else if let Some(r) = rule.strip_prefix("*.") {
            (r, WILDCARD)
        } else {
            (rule, NORMAL)
        };
        if name.is_empty() || name.contains('*') || name.contains('!') {
            return Err(format!("line {}: unsupported rule \"{rule}\"", n + 1));
        }
        let ascii = idna::domain_to_ascii(name).map_err(|e| {
            format!(
                "line {}: rule \"{rule}\" is not a valid domain: {e:?}",
                n + 1
            )
        })?;
        if ascii.is_empty() || ascii.split('.').any(str::is_empty) {
            return Err(format!(
                "line {}: rule \"{rule}\" has an empty label",
                n + 1
            ));
        }
        let flag = if private { kind << 3 } else { kind };
        let flag = flag | kind;
        let h = reversed_hash(&ascii);
        let entry = rules.entry(h).or_insert_with(|| (0, ascii.clone()));
        if entry.1 != ascii {
            return Err(format!(
                "hash collision between rules \"{}\" and \"{ascii}\"; change the hash",
                entry.1
            ));
        }
        entry.0 |= flag;
        // Mark every shorter name this rule ends with, so lookups know to read further.
        let mut rest = ascii.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            let h = reversed_hash(parent);
            let entry = rules.entry(h).or_insert_with(|| (0, parent.to_string()));
            if entry.1 != parent {
                return Err(format!(
                    "hash collision between rules \"{}\" and \"{parent}\"; change the hash",
                    entry.1
                ));
            }
            entry.0 |= LONGER;
            rest = parent;
        }
    }
    if rules.is_empty() {
        return Err("the Public Suffix List has no rules".into());
    }
    if !saw_private_marker {
        return Err("the Public Suffix List has no \"===BEGIN PRIVATE DOMAINS===\" marker".into());
    }
    let n = u32::try_from(rules.len()).map_err(|_| "too many PSL rules".to_string())?;
    let mut out = Vec::with_capacity(HEADER + rules.len() * 9 + 8);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&n.to_le_bytes());
    for h in rules.keys() {
        out.extend_from_slice(&h.to_le_bytes());
    }
    for (flags, _) in rules.values() {
        out.push(*flags);
    }
    Ok(out)
}

/// The compiled Public Suffix List, viewed in place.
#[derive(Clone, Copy, Debug)]
pub struct Psl<'a> {
    hashes: &'a [u8],
    flags: &'a [u8],
    count: usize,
}

/// Where a host's public suffix starts and whether its rule is from the private section.
struct Match {
    suffix_start: usize,
    private: bool,
}

impl<'a> Psl<'a> {
    /// Checks the section's magic and size; no per-rule work or allocation.
    pub fn new(section: &'a [u8]) -> Result<Psl<'a>, DataError> {
        match section.get(..4) {
            Some(m) if m == MAGIC => {}
            Some([b'P', b'S', b'L', v]) => {
                return Err(DataError::Corrupt(format!(
                    "public suffix section is format {}, this build reads {}; rebuild the list",
                    char::from(*v).escape_default(),
                    char::from(MAGIC[3])
                )))
            }
            _ => {
                return Err(DataError::Corrupt(
                    "public suffix section has a bad magic".into(),
                ))
            }
        }
        let n = read_u32(section, 4)
            .ok_or_else(|| DataError::Corrupt("public suffix section is truncated".into()))?
            as usize;
        if n == 0 {
            return Err(DataError::Corrupt(
                "public suffix section has no rules".into(),
            ));
        }
        let hashes_end = n
            .checked_mul(8)
            .and_then(|x| x.checked_add(HEADER))
            .ok_or_else(|| DataError::Corrupt("public suffix rule count overflows".into()))?;
        let flags_end = hashes_end
            .checked_add(n)
            .ok_or_else(|| DataError::Corrupt("public suffix rule count overflows".into()))?;
        // The envelope pads sections to 8 bytes; anything beyond that is not ours.
        if section.len() < flags_end || section.len() > flags_end + 7 {
            return Err(DataError::Corrupt(format!(
                "public suffix section is {} bytes, {n} rules need {flags_end}",
                section.len()
            )));
        }
        let hashes = section
            .get(HEADER..hashes_end)
            .ok_or_else(|| DataError::Corrupt("public suffix section is truncated".into()))?;
        let flags = section
            .get(hashes_end..flags_end)
            .ok_or_else(|| DataError::Corrupt("public suffix section is truncated".into()))?;
        Ok(Psl {
            hashes,
            flags,
            count: n,
        })
    }

    /// Number of names in the table: the rules, plus the names that only longer rules end with.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn hash_at(&self, i: usize) -> Option<u64> {
        read_u64(self.hashes, i.checked_mul(8)?)
    }

    /// Flags of the rule name whose reversed hash is `h` (0 if none).
    fn flags_of(&self, h: u64) -> u8 {
        let i = crate::format::partition_point(0..self.count, |i| {
            self.hash_at(i).is_some_and(|v| v < h)
        });
        if self.hash_at(i) != Some(h) {
            return 0;
        }
        self.flags.get(i).copied().unwrap_or(0) & ALL_FLAGS
    }

    /// The prevailing rule for `host`, following the PSL algorithm (exception rules prevail,
    /// otherwise the longest match; unknown top-level domains match the implicit `*`).
    fn find(&self, host: &str) -> Option<Match> {
        let bytes = host.as_bytes();
        if bytes.is_empty() || is_ip(host) {
            return None;
        }
        let mut h = FNV_OFFSET;
        let mut found: Option<Match> = None;
        let mut pending_wildcard: Option<bool> = None;
        let mut labels = 0usize;
        // Start of the suffix processed before the current one (one label shorter).
        let mut previous_start = bytes.len();
        let mut i = bytes.len();
        loop {
            // Hash back to the next dot (or the start): bytes[start..] is the next suffix.
            let mut start = i;
            while start > 0 {
                let b = bytes.get(start - 1).copied().unwrap_or(b'.');
                if b == b'.' {
                    break;
                }
                h = fnv_step(h, b.to_ascii_lowercase());
                start -= 1;
            }
            if start == i {
                // Empty label: leading, trailing or doubled dot.
                return None;
            }
            labels += 1;
            if labels == 1 {
                found = Some(Match {
                    suffix_start: start,
                    private: false,
                });
            }
            if let Some(private) = pending_wildcard.take() {
                found = Some(Match {
                    suffix_start: start,
                    private,
                });
            }
            let f = self.flags_of(h);
            if f & EXCEPTION != 0 {
                found = Some(Match {
                    suffix_start: previous_start,
                    private: f & EXCEPTION_PRIVATE != 0,
                });
                // An exception prevails; the rest of the host cannot change it, but its labels
                // must still be well-formed.
                if bytes.get(..start).is_some_and(has_empty_label) {
                    return None;
                }
                return found;
            }
            if f & NORMAL != 0 {
                found = Some(Match {
                    suffix_start: start,
                    private: f & NORMAL_PRIVATE != 0,
                });
            }
            if f & WILDCARD != 0 {
                pending_wildcard = Some(f & WILDCARD_PRIVATE != 0);
            }
            if start == 0 {
                return found;
            }
            if f & LONGER == 0 && pending_wildcard.is_none() {
                // No rule is longer than this suffix: the labels to the left only need to be
                // well-formed.
                if bytes.get(..start).is_some_and(has_empty_label) {
                    return None;
                }
                return found;
            }
            previous_start = start;
            // Step over the dot, hashing it as part of the longer suffix.
            h = fnv_step(h, b'.');
            i = start - 1;
        }
    }

    /// The public suffix of `host` (ASCII, lower-case expected), e.g. `co.id` for
    /// `www.bca.co.id`, `github.io` for `evil.github.io`, `xyz` for an unknown-to-the-list host
    /// under `xyz`. `None` for IPs and for hosts with empty labels.
    pub fn public_suffix<'h>(&self, host: &'h str) -> Option<&'h str> {
        let m = self.find(host)?;
        host.get(m.suffix_start..)
    }

    /// The registrable domain (eTLD+1) of `host`: `bca.co.id` for `www.bca.co.id`,
    /// `evil.github.io` for `a.evil.github.io`. `None` for IPs, for a bare public suffix and
    /// for hosts with empty labels.
    pub fn registrable_domain<'h>(&self, host: &'h str) -> Option<&'h str> {
        let m = self.find(host)?;
        if m.suffix_start < 2 {
            return None;
        }
        let before = host.get(..m.suffix_start - 1)?;
        let start = before.rfind('.').map_or(0, |d| d + 1);
        host.get(start..)
    }

    /// True when the rule that decides `host`'s public suffix comes from the PRIVATE section
    /// (free hosting and dynamic DNS such as `pages.dev`, `github.io`, `vercel.app`).
    pub fn is_private_suffix(&self, host: &str) -> bool {
        self.find(host).is_some_and(|m| m.private)
    }
}

fn has_empty_label(prefix_with_dot: &[u8]) -> bool {
    // `prefix_with_dot` is everything before a suffix, ending in the dot that separates them.
    let Some(body) = prefix_with_dot.strip_suffix(b".") else {
        return !prefix_with_dot.is_empty();
    };
    body.is_empty() || body.split(|&b| b == b'.').any(<[u8]>::is_empty)
}

fn is_ip(host: &str) -> bool {
    host.starts_with('[')
        || (host.bytes().last().is_some_and(|b| b.is_ascii_digit())
            && crate::url::parse_ipv4(host).is_some())
}

/// The Unicode form of an ASCII (punycode) host, for display. A host whose punycode does not
/// decode is returned unchanged.
pub fn to_unicode(ascii_host: &str) -> String {
    let (unicode, result) = idna::domain_to_unicode(ascii_host);
    match result {
        Ok(()) => unicode,
        Err(_) => ascii_host.to_string(),
    }
}

pub use crate::url::to_ascii;
