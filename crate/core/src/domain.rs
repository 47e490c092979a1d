//! Public Suffix List (ICANN and private sections), registrable domains (eTLD+1) and the
//! ASCII/Unicode forms of host names.
//!
//! The list is compiled at build time (`builder::psl`, feature `builder`) into a section that is
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

pub(crate) const MAGIC: [u8; 4] = *b"PSL2";
pub(crate) const HEADER: usize = 8;

pub(crate) const NORMAL: u8 = 1;
pub(crate) const WILDCARD: u8 = 2;
pub(crate) const EXCEPTION: u8 = 4;
const NORMAL_PRIVATE: u8 = 8;
const WILDCARD_PRIVATE: u8 = 16;
const EXCEPTION_PRIVATE: u8 = 32;
/// Some longer rule ends with this name: a lookup must keep reading labels to the left.
pub(crate) const LONGER: u8 = 64;
const ALL_FLAGS: u8 = 127;

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
pub(crate) fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
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

    /// [`Psl::public_suffix`], [`Psl::registrable_domain`] and [`Psl::is_private_suffix`] of
    /// `host` from one walk of the list.
    pub fn parts<'h>(&self, host: &'h str) -> HostParts<'h> {
        let Some(m) = self.find(host) else {
            return HostParts::default();
        };
        HostParts {
            public_suffix: host.get(m.suffix_start..),
            registrable_domain: registrable_of(host, &m),
            private_suffix: m.private,
        }
    }

    /// The registrable domain (eTLD+1) of `host`: `bca.co.id` for `www.bca.co.id`,
    /// `evil.github.io` for `a.evil.github.io`. `None` for IPs, for a bare public suffix and
    /// for hosts with empty labels.
    pub fn registrable_domain<'h>(&self, host: &'h str) -> Option<&'h str> {
        registrable_of(host, &self.find(host)?)
    }

    /// True when the rule that decides `host`'s public suffix comes from the PRIVATE section
    /// (free hosting and dynamic DNS such as `pages.dev`, `github.io`, `vercel.app`).
    pub fn is_private_suffix(&self, host: &str) -> bool {
        self.find(host).is_some_and(|m| m.private)
    }
}

/// What [`Psl::parts`] reads of a host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HostParts<'h> {
    pub public_suffix: Option<&'h str>,
    pub registrable_domain: Option<&'h str>,
    pub private_suffix: bool,
}

fn registrable_of<'h>(host: &'h str, m: &Match) -> Option<&'h str> {
    if m.suffix_start < 2 {
        return None;
    }
    let before = host.get(..m.suffix_start - 1)?;
    let start = before.rfind('.').map_or(0, |d| d + 1);
    host.get(start..)
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
    // Lower-case ASCII without an `xn--` label reads the same in Unicode (canonical hosts are
    // lower-case ASCII: this is nearly every host).
    if ascii_host
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        && !ascii_host.split('.').any(|l| l.starts_with("xn--"))
    {
        return ascii_host.to_string();
    }
    let (unicode, result) = idna::domain_to_unicode(ascii_host);
    match result {
        Ok(()) => unicode,
        Err(_) => ascii_host.to_string(),
    }
}

pub use crate::url::to_ascii;
