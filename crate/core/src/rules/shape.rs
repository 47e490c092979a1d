//! The shape of the host: piles of subdomains and hyphens, digit-heavy and machine-made labels
//! (`host.many_subdomains`, `host.many_hyphens`, `host.many_digits`, `host.random_label`).

use super::*;

/// Digits in `label`, not counting one run of exactly four that reads as a year (19xx, 20xx):
/// `pemilu2024` has none, `8724319-coinbase` seven.
pub(super) fn digits_besides_a_year(label: &str) -> usize {
    let mut total = 0;
    let mut year_seen = false;
    for run in label.split(|c: char| !c.is_ascii_digit()) {
        let is_year = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
        if is_year && !year_seen {
            year_seen = true;
            continue;
        }
        total += run.len();
    }
    total
}

/// Why a label looks machine-made rather than chosen by a person, if it does: a long hex
/// run (`89157d5a54f345cd`), or letters with almost no vowels or a long consonant run
/// (`klrnegpnzggmudn`): 7+ consonants in a row, or 10+ letters under a fifth vowels. People's names, words and brands have vowels.
pub(super) fn random_label(label: &str) -> Option<&'static str> {
    let bytes = label.as_bytes();
    let mut run = 0usize;
    let (mut digits, mut letters) = (0usize, 0usize);
    for &b in bytes {
        if b.is_ascii_hexdigit() {
            run += 1;
            digits += usize::from(b.is_ascii_digit());
            letters += usize::from(b.is_ascii_alphabetic());
            if run >= 12 && digits >= 3 && letters >= 3 {
                return Some("hex");
            }
        } else {
            run = 0;
            digits = 0;
            letters = 0;
        }
    }
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let (mut n_letters, mut n_vowels, mut cons_run, mut max_cons) =
        (0usize, 0usize, 0usize, 0usize);
    for &b in bytes {
        let b = b.to_ascii_lowercase();
        if !b.is_ascii_alphabetic() {
            cons_run = 0;
            continue;
        }
        n_letters += 1;
        if is_vowel(b) || b == b'y' {
            n_vowels += usize::from(is_vowel(b));
            cons_run = 0;
        } else {
            cons_run += 1;
            max_cons = max_cons.max(cons_run);
        }
    }
    if max_cons >= 7 {
        return Some("consonants");
    }
    if n_letters >= 10 && n_vowels * 5 < n_letters {
        return Some("few_vowels");
    }
    None
}

/// The label the owner registered: the registrable domain minus its public suffix.
pub(super) fn registrable_label<'a>(s: &RuleInput<'a>) -> &'a str {
    let Some(d) = s.registrable_domain else {
        return "";
    };
    match s.public_suffix {
        Some(suf) if d.len() > suf.len() + 1 && d.ends_with(suf) => {
            d.get(..d.len() - suf.len() - 1).unwrap_or(d)
        }
        _ => d.split('.').next().unwrap_or(d),
    }
}

impl<'a> Rules<'a> {
    /// `hosting`: [`Rules::hosting_of`] the host.
    pub(super) fn check_shape(
        &self,
        s: &RuleInput,
        hosting: Option<(&str, u8, &str)>,
        out: &mut Vec<Reason>,
    ) {
        let host = s.host;
        // Labels in front of the registrable domain, `www` not counted.
        let sub = match s.registrable_domain {
            Some(d) if host.len() > d.len() => host.get(..host.len() - d.len()).unwrap_or(""),
            Some(_) => "",
            None => host,
        };
        let sub = sub.trim_end_matches('.');
        let sub = sub
            .strip_prefix("www.")
            .unwrap_or(if sub == "www" { "" } else { sub });
        let n_sub = if sub.is_empty() {
            0
        } else {
            sub.split('.').count()
        };
        if n_sub >= 6 {
            out.push(
                Reason::new(
                    code::MANY_SUBDOMAINS,
                    self.points(Weight::HostManySubdomainsDeep),
                )
                .with("count", n_sub.to_string()),
            );
        } else if n_sub >= 4 {
            out.push(
                Reason::new(
                    code::MANY_SUBDOMAINS,
                    self.points(Weight::HostManySubdomains),
                )
                .with("count", n_sub.to_string()),
            );
        }
        let hyphens = host
            .split('.')
            .map(|l| {
                l.strip_prefix("xn--")
                    .unwrap_or(l)
                    .bytes()
                    .filter(|&b| b == b'-')
                    .count()
            })
            .max()
            .unwrap_or(0);
        if hyphens >= 5 {
            out.push(
                Reason::new(code::MANY_HYPHENS, self.points(Weight::HostManyHyphensLots))
                    .with("count", hyphens.to_string()),
            );
        } else if hyphens >= 3 {
            out.push(
                Reason::new(code::MANY_HYPHENS, self.points(Weight::HostManyHyphens))
                    .with("count", hyphens.to_string()),
            );
        }
        // Digits in the label the owner chose: the registrable label, or on a hosting platform
        // the user's label in front of its suffix.
        let label = match hosting {
            Some((_, _, owner)) => owner,
            None => registrable_label(s),
        };
        if !label.starts_with("xn--") {
            if let Some(kind) = random_label(label) {
                out.push(
                    Reason::new(code::RANDOM_LABEL, self.points(Weight::HostRandomLabel))
                        .with("label", truncate(label, 64))
                        .with("kind", kind),
                );
            }
            let digits = digits_besides_a_year(label);
            if digits >= 4 && digits * 3 >= label.len() {
                out.push(
                    Reason::new(code::MANY_DIGITS, self.points(Weight::HostManyDigits))
                        .with("label", truncate(label, 64)),
                );
            }
        }
    }
}
