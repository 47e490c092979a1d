//! The `RULE` section compiled from the text files in `crate/core/data/rules/` (weights, TLDs,
//! shorteners, hosting suffixes, keywords), read at run time by [`crate::rules::Rules`], and the
//! lookalike lure words (`LKLU`, the `keywords.tsv` rows with a `lookalike` rank), read by
//! [`crate::lookalike::LureWords`].

use crate::format::Tag;
use crate::rules::{
    Weight, WordClass, WordMode, RULES_TAG, RULES_VERSION, TABLES, TABLE_NAMES, VALUE_WIDTHS,
    WEIGHT_KEYS,
};

/// The rules section compiled from the bundled text files in `crate/core/data/rules/`.
pub fn sections() -> Result<Vec<(Tag, Vec<u8>)>, String> {
    sections_from_texts(&RuleTexts {
        weights: include_str!("../../data/rules/weights.tsv"),
        abused_tlds: include_str!("../../data/rules/abused_tlds.tsv"),
        url_shorteners: include_str!(concat!(env!("WASPADA_SOURCES_DIR"), "/url_shorteners.tsv")),
        hosting_suffixes: include_str!(concat!(
            env!("WASPADA_SOURCES_DIR"),
            "/hosting_suffixes.tsv"
        )),
        hosting_extra: include_str!("../../data/rules/hosting_extra.tsv"),
        keywords: include_str!("../../data/rules/keywords.tsv"),
    })
}

/// The text of the five rule files (see `crate/core/data/rules/README.md`).
#[derive(Clone, Copy, Debug)]
pub struct RuleTexts<'a> {
    pub weights: &'a str,
    pub abused_tlds: &'a str,
    pub url_shorteners: &'a str,
    pub hosting_suffixes: &'a str,
    pub hosting_extra: &'a str,
    pub keywords: &'a str,
}

/// The rules section compiled from the given texts. Errors name the file and line.
pub fn sections_from_texts(t: &RuleTexts) -> Result<Vec<(Tag, Vec<u8>)>, String> {
    let weights = parse_weights(t.weights)?;
    let tlds = parse_tlds(t.abused_tlds)?;
    let shorteners = parse_shorteners(t.url_shorteners)?;
    let mut hosting = parse_hosting(t.hosting_suffixes, &weights)?;
    // A curated row overrides the PSL row's count-derived points (the staging addresses).
    for (key, value) in parse_tlds(t.hosting_extra)? {
        match hosting.iter_mut().find(|(k, _)| *k == key) {
            Some(row) => row.1 = value,
            None => hosting.push((key, value)),
        }
    }
    let (keywords, lures) = parse_keywords(t.keywords)?;
    let body = build_section(&[weights, tlds, shorteners, hosting, keywords])?;
    let lures: Vec<&str> = lures.iter().map(String::as_str).collect();
    Ok(vec![
        (RULES_TAG, body),
        (crate::lookalike::LURES_TAG, encode_lures(&lures)),
    ])
}

/// Entries of one table: key and value bytes.
type Entries = Vec<(String, Vec<u8>)>;

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn parse_points(v: Option<&&str>, file: &str, line: usize) -> Result<u8, String> {
    v.and_then(|s| s.parse::<u8>().ok())
        .filter(|&p| p <= 100)
        .ok_or_else(|| format!("{file}:{line}: points must be a number from 0 to 100"))
}

fn check_key(key: &str, file: &str, line: usize) -> Result<String, String> {
    let k = key.to_ascii_lowercase();
    if k.is_empty() || !k.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "{file}:{line}: `{key}` is not a lower-case ASCII name"
        ));
    }
    Ok(k)
}

fn parse_weights(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let key = check_key(cols.first().copied().unwrap_or(""), "weights.tsv", line)?;
        if !WEIGHT_KEYS.contains(&key.as_str()) {
            return Err(format!("weights.tsv:{line}: unknown weight `{key}`"));
        }
        let p = parse_points(cols.get(1), "weights.tsv", line)?;
        out.push((key, vec![p]));
    }
    for k in WEIGHT_KEYS {
        if !out.iter().any(|(key, _)| key == k) {
            return Err(format!("weights.tsv: missing weight `{k}`"));
        }
    }
    Ok(out)
}

fn parse_tlds(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let key = check_key(
            cols.first().copied().unwrap_or("").trim_start_matches('.'),
            "abused_tlds.tsv",
            line,
        )?;
        let p = parse_points(cols.get(1), "abused_tlds.tsv", line)?;
        out.push((key, vec![p]));
    }
    Ok(out)
}

fn parse_shorteners(text: &str) -> Result<Entries, String> {
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let d = cols.first().copied().unwrap_or("");
        if line == 1 && d == "domain" {
            continue;
        }
        let key = check_key(d, "url_shorteners.tsv", line)?;
        out.push((key, Vec::new()));
    }
    Ok(out)
}

/// Hosting suffixes with the number of known phishing hosts under each; the points grow with
/// that number up to the `hosting.free_max` weight: 1000+ hosts get the full weight, 100+ three
/// quarters, 10+ half, 1+ a quarter, none nothing (listed but not known as abused).
fn parse_hosting(text: &str, weights: &Entries) -> Result<Entries, String> {
    let max = weights
        .iter()
        .find(|(k, _)| k == Weight::HostingFreeMax.key())
        .and_then(|(_, v)| v.first().copied())
        .unwrap_or(0);
    let mut out = Entries::new();
    for (line, cols) in data_lines(text) {
        let suffix = cols.first().copied().unwrap_or("");
        if line == 1 && suffix == "suffix" {
            continue;
        }
        // Wildcard rules (`*.dweb.link`) apply to hosts one label below: key them by the rest.
        let suffix = suffix.trim_start_matches("*.");
        let ascii = idna::domain_to_ascii(suffix)
            .map_err(|_| format!("hosting_suffixes.tsv:{line}: `{suffix}` is not a domain name"))?;
        let key = check_key(&ascii, "hosting_suffixes.tsv", line)?;
        let count: u64 = cols
            .get(2)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("hosting_suffixes.tsv:{line}: third column must be a count"))?;
        let points = match count {
            1000.. => max,
            100..=999 => max * 3 / 4,
            10..=99 => max / 2,
            1..=9 => max / 4,
            0 => 0,
        };
        out.push((key, vec![points]));
    }
    Ok(out)
}

/// The class column of `keywords.tsv`.
fn word_class(s: &str) -> Option<WordClass> {
    match s {
        "lure" => Some(WordClass::Lure),
        "gambling" => Some(WordClass::Gambling),
        "except" => Some(WordClass::Except),
        _ => None,
    }
}

/// The mode column of `keywords.tsv`.
fn word_mode(s: &str) -> Option<WordMode> {
    match s {
        "any" => Some(WordMode::Any),
        "edge" => Some(WordMode::Edge),
        "word" => Some(WordMode::Word),
        "start" => Some(WordMode::Start),
        "end" => Some(WordMode::End),
        _ => None,
    }
}

/// The keyword table of the `RULE` section (every row that scores in the host or the path, and
/// the `except` rows) and the lookalike lure words in rank order (the rows with a `lookalike`
/// rank), from `keywords.tsv`.
fn parse_keywords(text: &str) -> Result<(Entries, Vec<String>), String> {
    let mut out = Entries::new();
    let mut ranked: Vec<(u32, String)> = Vec::new();
    for (line, cols) in data_lines(text) {
        let word = check_key(cols.first().copied().unwrap_or(""), "keywords.tsv", line)?;
        let class = cols.get(1).and_then(|c| word_class(c)).ok_or_else(|| {
            format!("keywords.tsv:{line}: class must be lure, gambling or except")
        })?;
        let mode = cols.get(2).and_then(|c| word_mode(c)).ok_or_else(|| {
            format!("keywords.tsv:{line}: mode must be any, edge, word, start or end")
        })?;
        let host = parse_points(cols.get(3), "keywords.tsv", line)?;
        let path = parse_points(cols.get(4), "keywords.tsv", line)?;
        let rank = match cols.get(5).copied() {
            Some("-") => None,
            Some(r) => Some(r.parse::<u32>().ok().filter(|&r| r > 0).ok_or_else(|| {
                format!("keywords.tsv:{line}: lookalike must be `-` or a rank from 1")
            })?),
            None => {
                return Err(format!(
                    "keywords.tsv:{line}: lookalike column missing (`-` or a rank)"
                ))
            }
        };
        let scored = class == WordClass::Except || host > 0 || path > 0;
        if rank.is_some() && class != WordClass::Lure {
            return Err(format!(
                "keywords.tsv:{line}: only a lure word has a lookalike rank"
            ));
        }
        if !scored && rank.is_none() {
            return Err(format!(
                "keywords.tsv:{line}: `{word}` scores nowhere and has no lookalike rank"
            ));
        }
        // Hyphenated spellings (`log-in`) only for the lookalike checks, which read the host as
        // written; the keyword scan matches letters and digits.
        let allowed = |b: u8| b.is_ascii_alphanumeric() || (!scored && b == b'-');
        if !word.bytes().all(allowed) || word.starts_with('-') || word.ends_with('-') {
            return Err(format!(
                "keywords.tsv:{line}: `{word}` must be letters and digits only (a hyphen inside \
                 only for a lookalike-only word)"
            ));
        }
        if let Some(r) = rank {
            if ranked.iter().any(|(o, _)| *o == r) {
                return Err(format!(
                    "keywords.tsv:{line}: lookalike rank {r} is given twice"
                ));
            }
            ranked.push((r, word.clone()));
        }
        if scored {
            out.push((word, vec![class as u8, mode as u8, host, path]));
        }
    }
    ranked.sort();
    Ok((out, ranked.into_iter().map(|(_, w)| w).collect()))
}

fn build_table(entries: &Entries, width: u32) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&(String, Vec<u8>)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if a.0 == b.0 {
                return Err(format!("`{}` is listed twice", a.0));
            }
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
    out.extend_from_slice(&width.to_le_bytes());
    let mut end = 0u32;
    for (k, _) in &sorted {
        end += k.len() as u32;
        out.extend_from_slice(&end.to_le_bytes());
    }
    for (_, v) in &sorted {
        if v.len() != width as usize {
            return Err("value width mismatch".into());
        }
        out.extend_from_slice(v);
    }
    for (k, _) in &sorted {
        out.extend_from_slice(k.as_bytes());
    }
    Ok(out)
}

fn build_section(tables: &[Entries; TABLES]) -> Result<Vec<u8>, String> {
    let mut bodies = Vec::new();
    for ((t, w), name) in tables.iter().zip(VALUE_WIDTHS).zip(TABLE_NAMES) {
        bodies.push(build_table(t, w).map_err(|e| format!("rules {name}: {e}"))?);
    }
    let mut out = Vec::new();
    out.extend_from_slice(&RULES_VERSION.to_le_bytes());
    out.extend_from_slice(&(TABLES as u32).to_le_bytes());
    let mut off = 8 + 8 * TABLES;
    for b in &bodies {
        out.extend_from_slice(&(off as u32).to_le_bytes());
        out.extend_from_slice(&(b.len() as u32).to_le_bytes());
        off += b.len();
    }
    for b in &bodies {
        out.extend_from_slice(b);
    }
    Ok(out)
}

/// A `LKLU` section of `words`, in the order given (rank order).
fn encode_lures(words: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(words.len() as u32).to_le_bytes());
    let mut end = 0u32;
    for w in words {
        end += w.len() as u32;
        out.extend_from_slice(&end.to_le_bytes());
    }
    for w in words {
        out.extend_from_slice(w.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(text: &str) -> Result<(Entries, Vec<String>), String> {
        parse_keywords(text)
    }

    #[test]
    fn lure_words_are_written_once_with_their_roles() {
        let (table, lures) = keywords(
            "login\tlure\tedge\t10\t6\t2\tEN\n\
             bonus\tlure\tany\t0\t0\t1\tLK\n\
             tilang\tlure\tany\t15\t10\t-\tID\n\
             sign-in\tlure\tany\t0\t0\t3\tLK\n",
        )
        .expect("valid");
        // Scored words go to the keyword table, lookalike-only words do not.
        let words: Vec<&str> = table.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(words, ["login", "tilang"]);
        // The lookalike words in rank order.
        assert_eq!(lures, ["bonus", "login", "sign-in"]);
        for (bad, why) in [
            ("login\tlure\tedge\t10\t6\n", "lookalike column missing"),
            ("login\tlure\tedge\t10\t6\tfirst\tEN\n", "a rank from 1"),
            ("slot\tgambling\tedge\t30\t12\t4\tGB\n", "only a lure word"),
            ("bonus\tlure\tany\t0\t0\t-\tLK\n", "scores nowhere"),
            ("log-in\tlure\tany\t10\t0\t5\tEN\n", "letters and digits"),
            (
                "a\tlure\tany\t0\t0\t1\tLK\nb\tlure\tany\t0\t0\t1\tLK\n",
                "rank 1 is given twice",
            ),
        ] {
            let err = keywords(bad).expect_err(bad);
            assert!(
                err.contains(why) && err.starts_with("keywords.tsv:"),
                "{err}"
            );
        }
    }

    #[test]
    fn words_keep_their_rank_and_a_bad_section_is_a_typed_error() {
        let bytes = encode_lures(&["recover", "recovery", "log-in", "cs"]);
        let words = crate::lookalike::LureWords::new(&bytes).expect("view");
        assert_eq!(
            words.iter().collect::<Vec<_>>(),
            ["recover", "recovery", "log-in", "cs"]
        );
        for n in 0..bytes.len() {
            assert!(
                crate::lookalike::LureWords::new(&bytes[..n]).is_err(),
                "truncated at {n}"
            );
        }
        let mut upper = bytes.clone();
        if let Some(b) = upper.last_mut() {
            *b = b'S';
        }
        assert!(matches!(
            crate::lookalike::LureWords::new(&upper),
            Err(crate::error::DataError::Corrupt(_))
        ));
    }

    /// The `keyword.lure` reason the bundled rules give `host` (public suffix `suffix`), if any.
    fn lure(host: &str, suffix: &str) -> Option<crate::verdict::Reason> {
        let sections = sections().expect("rules compile");
        let section = sections
            .iter()
            .find(|(tag, _)| *tag == RULES_TAG)
            .map(|(_, body)| body.as_slice())
            .expect("RULE section");
        let rules = crate::rules::Rules::from_section(section).expect("rules view");
        let input = format!("https://{host}/");
        let s = crate::rules::RuleInput {
            input: &input,
            scheme: "https",
            host,
            host_unicode: host,
            registrable_domain: Some(host),
            public_suffix: Some(suffix),
            private_suffix: false,
            brand_label: None,
        };
        rules
            .evaluate_input(&s)
            .into_iter()
            .find(|r| r.code == crate::code::LURE)
    }

    #[test]
    fn a_lure_word_with_one_letter_doubled_is_the_word() {
        // blp-phishing and OpenPhish hosts: `signiin`, `logiin`, `veriifications`.
        let r = lure("signiin-apple.com", "com").expect("signiin is signin");
        assert_eq!(r.params["keyword"], "signin");
        assert_eq!(
            lure("logiinhomebt.com", "com").map(|r| r.params["keyword"].clone()),
            Some("login".to_string())
        );
        // A real site of the top-100k: `loggin` inside `blogging` sits where `login` (mode edge)
        // may not.
        assert_eq!(lure("tinyblogging.com", "com"), None);
        // Words shorter than DOUBLED_MIN are not read doubled (`ressi` in `impression`).
        assert!(lure("impressionmedia.cz", "cz").is_none());
    }
}
