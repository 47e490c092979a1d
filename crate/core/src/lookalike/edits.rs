//! The 1-deletion keys of a query, hashed without allocating.
//!
//! The typo and fuzzy-brand searches look up every string one deletion away from a query (and
//! the query itself) in the `LKDL` index. Building each as a `String`, sorting and deduplicating
//! them was a tenth of `check`'s time; here the keys are put in order by position alone and each
//! is hashed from a stack buffer. The order is the sorted order of the strings (the order the
//! searches report their first match in), duplicates dropped.

use crate::targets::hash_bytes;

/// Longest query handled on the stack; longer ones (the searches stop at 63 characters) take
/// the allocating path.
const MAX: usize = 64;

/// The hashes ([`crate::targets::hash`]) of `s` and of every string one deletion from it,
/// distinct, in the strings' sorted order.
pub fn deletion_hashes(s: &[char]) -> DeletionHashes<'_> {
    let n = s.len();
    let mut order = [0u8; MAX + 1];
    let mut len = 0;
    if n <= MAX {
        // One deletion per run of equal characters (any of them gives the same string), and
        // `n` for `s` itself.
        for i in 0..n {
            if i == 0 || s.get(i) != s.get(i - 1) {
                order[len] = i as u8;
                len += 1;
            }
        }
        order[len] = n as u8;
        len += 1;
        // `next_diff(k)`: the first `k' >= k` with s[k'] != s[k'+1]. Deleting at i (a run start)
        // against deleting at j > i: the strings agree up to that k' = next_diff(i) < j, where
        // one has s[k'+1] and the other s[k']. `s` against a deletion at i: the same k' decides,
        // and with none (s ends in a run from i) the deletion is a prefix of `s`.
        let mut diff = [u8::MAX; MAX];
        let mut next = u8::MAX;
        for k in (0..n.saturating_sub(1)).rev() {
            if s.get(k) != s.get(k + 1) {
                next = k as u8;
            }
            diff[k] = next;
        }
        let next_diff = |k: usize| {
            diff.get(k)
                .copied()
                .filter(|&d| d != u8::MAX)
                .map(usize::from)
        };
        let less = |a: usize, b: usize| -> bool {
            match (a == n, b == n) {
                (true, true) => false,
                (false, true) => match next_diff(a) {
                    Some(k) => s.get(k + 1) < s.get(k),
                    None => true,
                },
                (true, false) => match next_diff(b) {
                    Some(k) => s.get(k) < s.get(k + 1),
                    None => false,
                },
                (false, false) => {
                    let (i, j, flip) = if a < b { (a, b, false) } else { (b, a, true) };
                    // Distinct run starts: a difference exists before j.
                    let k = next_diff(i).unwrap_or(j);
                    (s.get(k + 1) < s.get(k)) != flip
                }
            }
        };
        order[..len].sort_unstable_by(|&a, &b| {
            let (a, b) = (usize::from(a), usize::from(b));
            if less(a, b) {
                std::cmp::Ordering::Less
            } else if less(b, a) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
    }
    DeletionHashes {
        enc: Encoded::new(s),
        _query: std::marker::PhantomData,
        order,
        len,
        at: 0,
        fallback: (n > MAX).then(|| {
            super::index::deletions(s, 1)
                .iter()
                .map(|k| crate::targets::hash(k))
                .collect()
        }),
    }
}

/// The iterator of [`deletion_hashes`].
pub struct DeletionHashes<'s> {
    enc: Option<Encoded>,
    _query: std::marker::PhantomData<&'s [char]>,
    order: [u8; MAX + 1],
    len: usize,
    at: usize,
    fallback: Option<Vec<u64>>,
}

impl Iterator for DeletionHashes<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        if let Some(f) = &self.fallback {
            let h = f.get(self.at).copied();
            self.at += 1;
            return h;
        }
        let del = usize::from(*self.order.get(..self.len)?.get(self.at)?);
        self.at += 1;
        Some(self.enc.as_ref()?.hash_without(del))
    }
}

/// A query encoded once as UTF-8, with where each character starts: each deletion is two copies
/// of it, not a character-by-character encoding.
struct Encoded {
    buf: [u8; MAX * 4],
    /// Byte offset of character `i`; `starts[n]` is the length.
    starts: [u16; MAX + 1],
    n: usize,
}

impl Encoded {
    /// `None` past [`MAX`] characters.
    fn new(s: &[char]) -> Option<Encoded> {
        let n = s.len();
        if n > MAX {
            return None;
        }
        let mut e = Encoded {
            buf: [0u8; MAX * 4],
            starts: [0u16; MAX + 1],
            n,
        };
        let mut end = 0usize;
        for (i, c) in s.iter().enumerate() {
            *e.starts.get_mut(i)? = end as u16;
            end += c.encode_utf8(e.buf.get_mut(end..)?).len();
        }
        *e.starts.get_mut(n)? = end as u16;
        Some(e)
    }

    fn start(&self, i: usize) -> usize {
        usize::from(self.starts.get(i).copied().unwrap_or(0))
    }

    /// The hash of the query with the character at `del` left out (`del == n`: the query).
    fn hash_without(&self, del: usize) -> u64 {
        let end = self.start(self.n);
        if del >= self.n {
            return hash_bytes(self.buf.get(..end).unwrap_or(&[]));
        }
        let (a, b) = (self.start(del), self.start(del + 1));
        let mut out = [0u8; MAX * 4];
        let kept = end - (b - a);
        if let (Some(dst), Some(src)) = (out.get_mut(..a), self.buf.get(..a)) {
            dst.copy_from_slice(src);
        }
        if let (Some(dst), Some(src)) = (out.get_mut(a..kept), self.buf.get(b..end)) {
            dst.copy_from_slice(src);
        }
        hash_bytes(out.get(..kept).unwrap_or(&[]))
    }
}

/// Whether `keep` holds for the hash of `s` or of any string one deletion from it: the same
/// keys as [`deletion_hashes`], in no particular order and without sorting them, for a cheap
/// negative filter before the ordered search (always true past the stack length).
pub fn any_deletion_hash(s: &[char], mut keep: impl FnMut(u64) -> bool) -> bool {
    let n = s.len();
    let Some(e) = Encoded::new(s) else {
        return true;
    };
    (0..n)
        .filter(|&i| i == 0 || s.get(i) != s.get(i - 1))
        .chain(std::iter::once(n))
        .any(|del| keep(e.hash_without(del)))
}

#[cfg(test)]
mod tests {
    use super::super::index::deletions;
    use super::*;
    use crate::targets::hash;

    /// The same keys in the same order as building, sorting and deduplicating the strings.
    #[test]
    fn same_keys_in_the_same_order_as_the_strings() {
        let words = [
            "",
            "a",
            "aa",
            "ab",
            "ba",
            "aaa",
            "aab",
            "aba",
            "abb",
            "baa",
            "bab",
            "bba",
            "paypal",
            "google",
            "gooogle",
            "mississippi",
            "bookkeeper",
            "zzzyzzz",
            "abcabcabc",
            "ḃcа-bank",
            "tokopedia",
            "aaaaaaaaab",
            "baaaaaaaaa",
            "abababab",
            "xn--80ak6aa92e",
            "metamask",
        ];
        let mut all: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        // Every string of up to 5 letters over a 3-letter alphabet.
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &frontier {
                for c in ['a', 'b', 'c'] {
                    next.push(format!("{w}{c}"));
                }
            }
            all.extend(next.iter().cloned());
            frontier = next;
        }
        all.push("ab".repeat(40)); // longer than the stack path
        for w in &all {
            let s: Vec<char> = w.chars().collect();
            let want: Vec<u64> = deletions(&s, 1).iter().map(|k| hash(k)).collect();
            let got: Vec<u64> = deletion_hashes(&s).collect();
            assert_eq!(got, want, "{w:?}");
            // The unordered filter sees exactly the same keys.
            let mut unordered = Vec::new();
            let none = !any_deletion_hash(&s, |h| {
                unordered.push(h);
                false
            });
            if s.len() <= MAX {
                assert!(none);
                unordered.sort_unstable();
                let mut sorted = want.clone();
                sorted.sort_unstable();
                assert_eq!(unordered, sorted, "{w:?}");
            }
        }
    }
}
