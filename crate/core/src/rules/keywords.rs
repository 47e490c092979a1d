//! Lure and gambling words (`keyword.lure`, `keyword.gambling`): one walk over the host and the
//! path, trying at each position only the words that start with that byte.

use super::*;
use crate::format::partition_point;
use crate::text::{doubled, DOUBLED_MIN};

/// Keyword classes (first value byte of a keyword entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    Lure = 0,
    Gambling = 1,
    /// An ordinary word that contains a keyword (`judicial` ⊃ `judi`): matches inside it are ignored.
    Except = 2,
}

impl WordClass {
    pub(crate) fn from_u8(v: u8) -> Option<WordClass> {
        match v {
            0 => Some(WordClass::Lure),
            1 => Some(WordClass::Gambling),
            2 => Some(WordClass::Except),
            _ => None,
        }
    }
}

/// Where in a label or path token a keyword must sit (second value byte of a keyword entry).
/// A boundary is the start or end of the text or any byte that is not an ASCII letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordMode {
    Any = 0,
    /// A boundary before or after.
    Edge = 1,
    /// Boundaries before and after.
    Word = 2,
    /// A boundary before.
    Start = 3,
    /// A boundary after.
    End = 4,
}

impl WordMode {
    pub(crate) fn from_u8(v: u8) -> Option<WordMode> {
        match v {
            0 => Some(WordMode::Any),
            1 => Some(WordMode::Edge),
            2 => Some(WordMode::Word),
            3 => Some(WordMode::Start),
            4 => Some(WordMode::End),
            _ => None,
        }
    }
    pub(super) fn accepts(self, before: bool, after: bool) -> bool {
        match self {
            WordMode::Any => true,
            WordMode::Edge => before || after,
            WordMode::Word => before && after,
            WordMode::Start => before,
            WordMode::End => after,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Match {
    pub(super) word: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) in_host: bool,
    pub(super) class: WordClass,
    pub(super) points: u8,
    pub(super) mode: WordMode,
    /// A boundary before / after the match in its text.
    pub(super) before: bool,
    pub(super) after: bool,
    /// The match sits where its mode allows (directly or next to another accepted keyword).
    pub(super) ok: bool,
}

/// The keywords of `bucket` (all starting with one letter, in table order) that can match text
/// whose next letter is `b1`, or (a doubled first letter) whose letter after is `b2`: the
/// one-letter word first, then the words with second letter `b1` and `b2`, in table order.
fn keyword_ranges(
    kw: &StrTable<'_>,
    bucket: std::ops::Range<usize>,
    b1: Option<u8>,
    b2: Option<u8>,
) -> [std::ops::Range<usize>; 3] {
    let (lo, hi) = (bucket.start, bucket.end);
    let single = lo..(lo + usize::from(lo < hi && kw.key(lo).is_some_and(|k| k.len() == 1)));
    let with_second = |b: Option<u8>| match b {
        Some(b) => {
            let second = |w: usize| kw.key(w).and_then(|k| k.get(1).copied());
            let start = partition_point(lo..hi, |w| second(w).map_or(true, |x| x < b));
            let end = partition_point(start..hi, |w| second(w).map_or(true, |x| x <= b));
            start..end
        }
        None => 0..0,
    };
    let (r1, r2) = (with_second(b1), with_second(b2.filter(|&b| Some(b) != b1)));
    if r2.start < r1.start {
        [single, r2, r1]
    } else {
        [single, r1, r2]
    }
}

/// What the counted matches of one class add up to.
#[derive(Debug, Default)]
struct Tally<'a> {
    points: u32,
    /// The words, in the order found (the first names the reason).
    words: Vec<&'a str>,
    /// One of them is in the host.
    in_host: bool,
}

impl Tally<'_> {
    /// The reason of `code` for these words, its points capped at `cap`.
    fn reason(&self, code: &'static str, cap: u8) -> Reason {
        Reason::new(code, self.points.min(u32::from(cap)) as u8)
            .with("keyword", self.words.first().copied().unwrap_or(""))
            .with("keywords", self.words.join(","))
            .with("where", if self.in_host { "host" } else { "path" })
    }
}

const NO_MATCH: Match = Match {
    word: 0,
    start: 0,
    end: 0,
    in_host: false,
    class: WordClass::Except,
    points: 0,
    mode: WordMode::Any,
    before: false,
    after: false,
    ok: false,
};

impl<'a> Rules<'a> {
    /// `keyword.lure` and `keyword.gambling`: the words of the host (unless it is an IP) and of
    /// the path, each counted once at its best place.
    pub(super) fn check_keywords(
        &self,
        raw: &RawUrl,
        s: &RuleInput,
        ip: bool,
        out: &mut Vec<Reason>,
    ) {
        let mut matches = [NO_MATCH; MAX_MATCHES];
        let mut n = 0usize;
        let host_has_digits = !ip && self.scan_host(s, &mut matches, &mut n);
        let path = raw.path.as_bytes();
        let path = path.get(..path.len().min(MAX_PATH_SCAN)).unwrap_or(&[]);
        self.scan_words(path, 1 << 20, false, &mut matches, &mut n);
        if !ip {
            unmark_brand_name(s, matches.get_mut(..n).unwrap_or(&mut []));
        }
        let (mut lure, mut gamble, host_lures) = self.tally(matches.get(..n).unwrap_or(&[]));
        // Lure words stacked in one host (claim-hadiah, layanan-bantuan-resmi, secure-login-verify)
        // are a phishing tell of their own.
        if host_lures >= 2 {
            lure.points += u32::from(self.points(Weight::KeywordLureStacked));
        }
        if !lure.words.is_empty() && lure.points > 0 {
            out.push(lure.reason(code::LURE, self.points(Weight::KeywordCap)));
        }
        if !gamble.words.is_empty() && gamble.points > 0 {
            // Gambling sites rotate numbered names (slot88, royal99bet, jendelatoto1): a gambling
            // word in a host that also carries digits counts more (unless host.many_digits
            // already counted them).
            let digits_counted = out.iter().any(|r| r.code == code::MANY_DIGITS);
            if gamble.in_host && host_has_digits && !digits_counted {
                gamble.points += u32::from(self.points(Weight::KeywordGamblingDigits));
            }
            out.push(
                gamble
                    .reason(code::GAMBLING, self.points(Weight::KeywordGamblingCap))
                    .with("category", "gambling"),
            );
        }
    }

    /// Finds the keywords of the host's labels below its public suffix (punycode labels are
    /// encodings, not words). True when those labels carry digits.
    fn scan_host(&self, s: &RuleInput, matches: &mut [Match; MAX_MATCHES], n: &mut usize) -> bool {
        let host = s.host;
        let scan = match s.public_suffix {
            Some(suf) if host.len() > suf.len() && host.ends_with(suf) => {
                host.get(..host.len() - suf.len() - 1).unwrap_or("")
            }
            _ => host,
        };
        let mut offset = 0usize;
        for label in scan.split('.') {
            if !label.starts_with("xn--") {
                self.scan_words(label.as_bytes(), offset, true, matches, n);
            }
            offset += label.len() + 1;
        }
        scan.bytes().any(|b| b.is_ascii_digit())
    }

    /// Adds up the matches that count, by class, and how many different lure words the host
    /// holds: not an `except` word or a match inside one of the same text, not a word inside a
    /// longer keyword match (bet in betting), each word once at its best place (host before path).
    fn tally(&self, found: &[Match]) -> (Tally<'a>, Tally<'a>, usize) {
        let mut lure = Tally::default();
        let mut gamble = Tally::default();
        let mut host_lures = 0usize;
        for (i, m) in found.iter().enumerate() {
            if m.class == WordClass::Except || !m.ok {
                continue;
            }
            let within = |o: &Match| o.in_host == m.in_host && o.start <= m.start && o.end >= m.end;
            let excepted = found
                .iter()
                .any(|e| e.class == WordClass::Except && within(e));
            let inside_longer = found.iter().any(|o| {
                o.class != WordClass::Except
                    && o.ok
                    && within(o)
                    && o.end - o.start > m.end - m.start
            });
            let better = found.iter().enumerate().any(|(j, o)| {
                j != i
                    && o.ok
                    && o.word == m.word
                    && (o.points > m.points || (o.points == m.points && j < i))
            });
            if excepted || inside_longer || better {
                continue;
            }
            let Some(word) = self.tables[T_KEYWORDS]
                .key(m.word)
                .and_then(|k| std::str::from_utf8(k).ok())
            else {
                continue;
            };
            let acc = if m.class == WordClass::Gambling {
                &mut gamble
            } else {
                &mut lure
            };
            acc.points += u32::from(m.points);
            acc.words.push(word);
            acc.in_host |= m.in_host;
            if m.in_host && m.class == WordClass::Lure {
                host_lures += 1;
            }
        }
        (lure, gamble, host_lures)
    }

    /// Finds keywords in `text` (case-insensitively), appending to `matches`.
    pub(super) fn scan_words(
        &self,
        text: &[u8],
        base: usize,
        in_host: bool,
        matches: &mut [Match; MAX_MATCHES],
        n: &mut usize,
    ) {
        let kw = &self.tables[T_KEYWORDS];
        let first = *n;
        for (i, &c) in text.iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                continue;
            }
            let b = usize::from(c.to_ascii_lowercase());
            let lo = self.kw_first.get(b).map_or(0, |&x| x as usize);
            let hi = self.kw_first.get(b + 1).map_or(lo, |&x| x as usize);
            let second = |at: usize| text.get(i + at).map(u8::to_ascii_lowercase);
            // Only the words that can match here, in table order: the one-letter word, the
            // words whose second letter is the text's, and in the host (a doubled first letter,
            // `llogin`) those whose second letter is the text's third.
            let doubled_first = in_host && second(1) == Some(c.to_ascii_lowercase());
            let follows = |b: Option<u8>| {
                b.filter(|&b| {
                    self.kw_second
                        .get(usize::from(c.to_ascii_lowercase()))
                        .and_then(|r| r.get(usize::from(b) / 64))
                        .is_some_and(|w| w & (1 << (b % 64)) != 0)
                })
            };
            let ranges = keyword_ranges(
                kw,
                lo..hi,
                follows(second(1)),
                follows(second(2).filter(|_| doubled_first)),
            );
            for w in ranges.into_iter().flatten() {
                let (Some(key), Some(val)) = (kw.key(w), kw.value(w)) else {
                    continue;
                };
                let (Some(&class), Some(&mode), Some(&hp), Some(&pp)) =
                    (val.first(), val.get(1), val.get(2), val.get(3))
                else {
                    continue;
                };
                let (Some(class), Some(mode)) =
                    (WordClass::from_u8(class), WordMode::from_u8(mode))
                else {
                    continue;
                };
                let exact = i
                    .checked_add(key.len())
                    .filter(|&e| text.get(i..e).is_some_and(|t| t.eq_ignore_ascii_case(key)));
                // A lure word in the host with one letter doubled (`logiin`, `veriffy`): the
                // misspelling phishing hosts use to pass word filters.
                let end = exact.or_else(|| {
                    let e = i.checked_add(key.len() + 1)?;
                    (in_host
                        && class == WordClass::Lure
                        && key.len() >= DOUBLED_MIN
                        && doubled(text.get(i..e)?, key))
                    .then_some(e)
                });
                let Some(end) = end else {
                    continue;
                };
                let before = i == 0 || text.get(i - 1).map_or(true, |b| !b.is_ascii_alphabetic());
                let after = text.get(end).map_or(true, |b| !b.is_ascii_alphabetic());
                let points = if in_host { hp } else { pp };
                if class != WordClass::Except && points == 0 {
                    continue;
                }
                let Some(slot) = matches.get_mut(*n) else {
                    break;
                };
                *slot = Match {
                    word: w,
                    start: base + i,
                    end: base + end,
                    in_host,
                    class,
                    points,
                    mode,
                    before,
                    after,
                    ok: class == WordClass::Except || mode.accepts(before, after),
                };
                *n += 1;
            }
        }
        // Compounds: a keyword right next to an accepted keyword has a boundary there
        // (agen|bola|terpercaya, bola|tangkas), so words chain without spaces.
        let range = first..(*n).min(MAX_MATCHES);
        for _ in 0..4 {
            let mut changed = false;
            for i in range.clone() {
                let Some(m) = matches.get(i).copied() else {
                    continue;
                };
                if m.ok {
                    continue;
                }
                let touches = |at_end: bool| {
                    matches.get(range.clone()).is_some_and(|all| {
                        all.iter().any(|o| {
                            o.ok && o.class != WordClass::Except && {
                                if at_end {
                                    o.start == m.end
                                } else {
                                    o.end == m.start
                                }
                            }
                        })
                    })
                };
                let before = m.before || touches(false);
                let after = m.after || touches(true);
                if m.mode.accepts(before, after) {
                    if let Some(slot) = matches.get_mut(i) {
                        slot.ok = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }
}

/// Words inside the brand's own name, where the host spells it out, are the name
/// (`walletconnect.org`: not the lure word `walletconnect`; `bola.com`: not `bola`): such host
/// matches stop counting.
fn unmark_brand_name(s: &RuleInput, matches: &mut [Match]) {
    let Some(brand) = s.brand_label.filter(|b| b.len() >= 4) else {
        return;
    };
    let host = s.host;
    let spans: Vec<(usize, usize)> = host
        .match_indices(brand)
        .map(|(at, b)| (at, at + b.len()))
        .collect();
    for m in matches.iter_mut() {
        if m.in_host && spans.iter().any(|&(a, b)| a <= m.start && m.end <= b) {
            m.ok = false;
        }
    }
}
