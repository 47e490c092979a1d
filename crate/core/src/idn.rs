//! When an internationalised label is a spoof: the display policy of Chromium's IDN spoof
//! checker (`components/url_formatter/spoof_checks/idn_spoof_checker.cc`, its public source),
//! ported onto UTS #39 and Script_Extensions (no ICU): the `SCRX` section of the data file
//! ([`crate::scripts`], computed by the builder from `unicode-security` and `unicode-script`). Chromium shows such a label as
//! punycode; Waspada warns about it (the rules turn a [`Spoof`] into a reason, see
//! [`crate::rules`]). What Chromium does with its top-domain list — a label whose skeleton is a
//! popular site's — is [`crate::lookalike`]'s job here, against the bundled targets and popular
//! sites.
//!
//! The checks, in Chromium's order, per label (Unicode, lower case), with the label's TLD:
//! 1. **allowed characters**: UTS #39 `Identifier_Status=Allowed`, plus what Chromium's ICU adds
//!    (Bopomofo, the newer Georgian letters, Myanmar Shan digits, the kana voicing marks), minus
//!    Chromium's removals (dashes and quotes that pass for ASCII, U+0338, kra, and the rarely used
//!    blocks: Pinyin Latin Extended-B, Latin Extended Additional up to U+1E9B, Latin Extended-D,
//!    Greek Extended, Cyrillic Extended-B/C). Vietnamese (U+1EA0–U+1EF9) stays allowed;
//! 2. **restriction level** at most *highly restrictive* (one script, or ASCII Latin with one CJK
//!    writing system); **mixed numbers** (digits of two numbering systems); **invisible** marks
//!    (a combining mark repeated, or put on a letter that already carries an accent); ZWJ/ZWNJ;
//! 3. **TLD-specific letters**: þ and ð outside .is/.fo, ə outside .az, the middle dot outside a
//!    Catalan `l·l`;
//! 4. one script and none of the kana or combining-mark exceptions: a **whole-script
//!    confusable** (every letter of the script is one of its Latin lookalikes: Cyrillic `ѕсоре`,
//!    Thai `พบเ๐`, Myanmar, Armenian, Georgian, Greek, Hebrew, Ethiopic, the Indic scripts) is a
//!    spoof unless the TLD is the script's (`.ru`, `.рф`, `.th`, `.ไทย`, `.mm` …); a label of
//!    **digits and digit lookalikes** (`1շ`, `੨੨੨`) is a spoof;
//! 5. otherwise: digit lookalikes; **non-ASCII Latin with another script** (`café카페`); the
//!    **dangerous patterns**: Japanese marks out of context (prolonged sound `ー` after a non-kana,
//!    middle dot `・` next to Latin, iteration marks after a non-katakana, `ノ ソ ン` between
//!    non-Japanese letters), CJK ideographs that look like strokes next to non-CJK (`一`, `丨`,
//!    `十` …), a combining mark after a letter other than Latin, Greek or Cyrillic (`한̇글`), a dot
//!    above on `i j l`, kana voicing marks.
//!
//! Where Waspada deliberately differs is stated in `crate/core/DESIGN.md` ("IDN policy").

use crate::confusables::Confusables;
use crate::scripts::{ScriptSet, Scripts};
use unicode_script::Script;

/// Why a label is a spoof (the reason's `level` param).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spoof {
    /// A character outside the allowed set.
    Restricted,
    /// Scripts mixed beyond the highly restrictive level.
    MixedScript,
    /// Digits of more than one numbering system.
    MixedNumbers,
    /// A combining mark repeated or stacked on an accented letter; ZWJ / ZWNJ.
    Invisible,
    /// þ, ð, ə or the middle dot outside their TLD or context.
    TldSpecific,
    /// Letters of one script that all read as Latin, under a TLD not of that script.
    WholeScript,
    /// Only digits and characters that pass for digits.
    DigitLookalike,
    /// Non-ASCII Latin letters next to another script.
    LatinMixed,
    /// A mark or character out of its context (Chromium's dangerous patterns).
    Pattern,
}

impl Spoof {
    /// The `level` param of the reason.
    pub fn as_str(self) -> &'static str {
        match self {
            Spoof::Restricted => "restricted",
            Spoof::MixedScript => "mixed_script",
            Spoof::MixedNumbers => "mixed_numbers",
            Spoof::Invisible => "invisible",
            Spoof::TldSpecific => "tld_specific",
            Spoof::WholeScript => "whole_script",
            Spoof::DigitLookalike => "digit_lookalike",
            Spoof::LatinMixed => "latin_mixed",
            Spoof::Pattern => "dangerous_pattern",
        }
    }
}

/// Characters Chromium's ICU allows that the `unicode-security` tables (a newer UTS #39) do not.
fn extra_allowed(c: char) -> bool {
    matches!(c,
        '\u{3105}'..='\u{312F}' | '\u{31A0}'..='\u{31BF}' // Bopomofo, extended
        | '\u{10F7}'..='\u{10FF}' // Georgian letters added in Unicode 6.1+
        | '\u{1090}'..='\u{1099}' // Myanmar Shan digits
        | '\u{3099}' | '\u{309A}' // kana voiced / semi-voiced sound marks
        | '\u{30FB}' | '\u{30FC}' | '\u{30FD}' | '\u{30FE}'
        | '\u{00B7}' // middle dot (the Catalan rule decides)
        | '\u{05F3}' | '\u{05F4}' // Hebrew geresh, gershayim
    )
}

/// Characters Chromium removes from the allowed set.
fn blocked(c: char) -> bool {
    matches!(c,
        '\u{0338}' | '\u{058A}' | '\u{2010}' | '\u{2019}' | '\u{2027}' | '\u{30A0}'
        | '\u{02BB}' | '\u{02BC}' | '\u{02EC}' | '\u{0138}'
        | '\u{01CD}'..='\u{01DC}' // Latin Extended-B: Pinyin
        | '\u{1C80}'..='\u{1C8F}' // Cyrillic Extended-C
        | '\u{1E00}'..='\u{1E9B}' // Latin Extended Additional (not the Vietnamese part)
        | '\u{1F00}'..='\u{1FFF}' // Greek Extended
        | '\u{A640}'..='\u{A69F}' // Cyrillic Extended-B
        | '\u{A720}'..='\u{A7FF}' // Latin Extended-D
    )
}

fn allowed(sx: &Scripts<'_>, c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    }
    !blocked(c) && (sx.of(c).identifier_allowed() || extra_allowed(c))
}

/// `c` belongs to `script` by its Script_Extensions (Common and Inherited characters belong to none).
fn in_script(sx: &Scripts<'_>, c: char, script: Script) -> bool {
    sx.of(c).is_of(script)
}

fn japanese(sx: &Scripts<'_>, c: char) -> bool {
    let e = sx.of(c);
    e.is_of(Script::Katakana) || e.is_of(Script::Hiragana) || e.is_of(Script::Han)
}

/// A Latin letter (a combining mark with Latin among its script extensions is not one).
fn latin_letter(sx: &Scripts<'_>, c: char) -> bool {
    in_script(sx, c, Script::Latin) && !combining(c)
}

/// The zero of the decimal digit system `c` belongs to, if it is a decimal digit.
fn digit_zero(c: char) -> Option<u32> {
    const ZEROS: [u32; 37] = [
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10,
    ];
    let u = c as u32;
    ZEROS.iter().copied().find(|&z| (z..z + 10).contains(&u))
}

/// Combining marks of the scripts the checks look at (nonspacing marks, General Category Mn):
/// enough to see a mark repeated; the allowed set already refuses the rest.
fn combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0487}' | '\u{0591}'..='\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}'
        | '\u{0981}'..='\u{0983}' | '\u{09BC}'..='\u{09D7}' | '\u{0A01}'..='\u{0A03}'
        | '\u{0A3C}'..='\u{0A51}' | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{0EB1}' | '\u{0EB4}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECE}'
        | '\u{102B}'..='\u{103E}' | '\u{1056}'..='\u{1059}' | '\u{105E}'..='\u{1060}'
        | '\u{1062}'..='\u{1064}' | '\u{1067}'..='\u{106D}' | '\u{1071}'..='\u{1074}'
        | '\u{1082}'..='\u{108D}' | '\u{108F}' | '\u{109A}'..='\u{109D}'
        | '\u{17B4}'..='\u{17D3}' | '\u{17DD}' | '\u{3099}' | '\u{309A}'
    )
}

/// Characters that are, or look like, digits (Chromium's list, with U+10D9 of crbug 1156531).
const DIGIT_LOOKALIKES: &str = "θ२২੨૨೩೭շзҙӡउওਤ੩૩౩ဒვპੜ੫丩ㄐճ৪੪୫૭୨౨კ";

fn digit_lookalike_label(label: &str) -> bool {
    let mut lookalike = false;
    for c in label.chars() {
        if c.is_ascii_digit() {
            continue;
        }
        if DIGIT_LOOKALIKES.contains(c) {
            lookalike = true;
            continue;
        }
        return false;
    }
    lookalike
}

/// One script's whole-script-confusable data: its Latin lookalike letters and the TLDs where a
/// label of them is ordinary.
struct WholeScript {
    script: Script,
    lookalikes: &'static str,
    tlds: &'static [&'static str],
}

/// Chromium's table. Thai: the larger set of Chromium's Linux builds (whose fonts make more Thai
/// letters read as Latin; the other builds use `บพเแ๐`): Waspada cannot know the user's font.
const WHOLE_SCRIPTS: &[WholeScript] = &[
    WholeScript {
        script: Script::Armenian,
        lookalikes: "ագզէլհյոսւօՙ",
        tlds: &["am"],
    },
    WholeScript {
        script: Script::Cyrillic,
        lookalikes: "аысԁеԍһіюјӏорԗԛѕԝхуъьҽпгѵѡ",
        tlds: &["bg", "by", "kz", "pyc", "ru", "su", "ua", "uz"],
    },
    WholeScript {
        script: Script::Ethiopic,
        lookalikes: "ሀሠሰስበነተከዐዕዘጠፐꬅ",
        tlds: &["er", "et"],
    },
    WholeScript {
        script: Script::Georgian,
        lookalikes: "იოყძხჽჿ",
        tlds: &["ge"],
    },
    WholeScript {
        script: Script::Greek,
        lookalikes: "αικνρυωηοτ",
        tlds: &["gr"],
    },
    WholeScript {
        script: Script::Hebrew,
        lookalikes: "דוחיןסװײ׳ﬦ",
        tlds: &["il"],
    },
    WholeScript {
        script: Script::Bengali,
        lookalikes: "০৭",
        tlds: &[],
    },
    WholeScript {
        script: Script::Devanagari,
        lookalikes: "ऽ०ॱ",
        tlds: &[],
    },
    WholeScript {
        script: Script::Gujarati,
        lookalikes: "ડટ૦૧",
        tlds: &[],
    },
    WholeScript {
        script: Script::Gurmukhi,
        lookalikes: "੦੧",
        tlds: &[],
    },
    WholeScript {
        script: Script::Kannada,
        lookalikes: "ಽ೦೧",
        tlds: &[],
    },
    WholeScript {
        script: Script::Malayalam,
        lookalikes: "ടഠധനറ൦",
        tlds: &[],
    },
    WholeScript {
        script: Script::Oriya,
        lookalikes: "ଠ୦୮",
        tlds: &[],
    },
    WholeScript {
        script: Script::Tamil,
        lookalikes: "டப௦",
        tlds: &[],
    },
    WholeScript {
        script: Script::Telugu,
        lookalikes: "౦౧",
        tlds: &[],
    },
    WholeScript {
        script: Script::Myanmar,
        lookalikes: "ခဂငထပဝ၀၂ၔၜ\u{1090}\u{1091}\u{1095}\u{1096}\u{1097}",
        tlds: &["mm"],
    },
    WholeScript {
        script: Script::Thai,
        lookalikes: "ทนบพรหเแ๐ดลปฟม",
        tlds: &["th"],
    },
    WholeScript {
        script: Script::Lao,
        // Not in Chromium's table (its unit test catches these through its top-domain list):
        // the Lao letters that read as w, s, u, o under Latin eyes.
        lookalikes: "ພຟຣຮບ໐",
        tlds: &["la"],
    },
];

/// Whole-script confusable: every letter of `ws.script` in the label is a Latin lookalike (a
/// Cyrillic letter also when its UTS #39 skeleton is ASCII), and there is one.
fn whole_script_confusable(
    sx: &Scripts<'_>,
    ws: &WholeScript,
    label: &str,
    conf: Option<&Confusables<'_>>,
) -> bool {
    let mut any = false;
    for c in label.chars().filter(|&c| in_script(sx, c, ws.script)) {
        any = true;
        let lookalike = ws.lookalikes.contains(c)
            || (ws.script == Script::Cyrillic
                && conf.is_some_and(|k| k.skeleton_is_ascii(c.encode_utf8(&mut [0; 4]))));
        if !lookalike {
            return false;
        }
    }
    any
}

fn allowed_for_tld(sx: &Scripts<'_>, ws: &WholeScript, tld: &str, tld_unicode: &str) -> bool {
    tld_unicode.chars().any(|c| in_script(sx, c, ws.script)) || ws.tlds.contains(&tld)
}

/// The restriction level check with the allowed set above: `None` when fine, else why.
/// Returns whether the label is a single script (common/inherited characters aside).
fn single_script(sx: &Scripts<'_>, label: &str) -> Result<bool, Spoof> {
    let mut set = ScriptSet::EVERY;
    let mut no_latin = ScriptSet::EVERY;
    for c in label.chars() {
        let s = sx.of(c);
        set.intersect_with(s);
        if !s.contains(Script::Latin) {
            no_latin.intersect_with(s);
        }
    }
    if !set.is_empty() {
        Ok(true)
    } else if no_latin.kore() || no_latin.hanb() || no_latin.jpan() {
        Ok(false)
    } else {
        Err(Spoof::MixedScript)
    }
}

fn invisible(sx: &Scripts<'_>, label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    chars.windows(2).any(|w| match w {
        [a, b] => {
            (combining(*b) && a == b)
                // a mark on a letter that already has one (á + U+0301): no precomposed form
                // exists, so NFC left it apart.
                || (matches!(b, '\u{0300}'..='\u{036F}')
                    && latin_letter(sx, *a)
                    && !a.is_ascii()
                    && *a != '\u{0131}')
        }
        _ => false,
    }) || label.contains(['\u{200C}', '\u{200D}'])
}

fn mixed_numbers(label: &str) -> bool {
    let mut zero: Option<u32> = None;
    for z in label.chars().filter_map(digit_zero) {
        match zero {
            Some(prev) if prev != z => return true,
            _ => zero = Some(z),
        }
    }
    false
}

fn tld_specific(label: &str, tld: &str) -> bool {
    let long = label.chars().count() > 1;
    if long && tld != "is" && tld != "fo" && label.contains(['þ', 'ð']) {
        return true;
    }
    if long && tld != "az" && label.contains('ə') {
        return true;
    }
    let chars: Vec<char> = label.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '·'
            && (tld != "cat"
                || i == 0
                || i + 1 == chars.len()
                || chars.get(i - 1) != Some(&'l')
                || chars.get(i + 1) != Some(&'l'))
    })
}

/// Kana letters whose use alone sends a label to the pattern checks.
fn kana_exception(c: char) -> bool {
    matches!(c, '\u{3078}'..='\u{307A}' | '\u{30D8}'..='\u{30DA}' | '\u{30FB}'..='\u{30FE}')
}

const CJK_STROKES: &str = "\u{4e00}\u{3127}\u{4e28}\u{4e5b}\u{4e03}\u{4e05}\u{5341}\u{3007}\u{3112}\u{311a}\u{311f}\u{3128}\u{3129}\u{3108}\u{31ba}\u{31b3}\u{5de5}\u{31b2}\u{8ba0}\u{4e01}";

fn dangerous_pattern(sx: &Scripts<'_>, label: &str) -> bool {
    let c: Vec<char> = label.chars().collect();
    let n = c.len();
    let japanese = |x: char| japanese(sx, x);
    let in_script = |x: char, script: Script| in_script(sx, x, script);
    let cjk = |x: char| japanese(x) || in_script(x, Script::Bopomofo);
    for i in 0..n {
        let cur = c[i];
        let prev = i.checked_sub(1).and_then(|p| c.get(p)).copied();
        let next = c.get(i + 1).copied();
        // ノ ン ソ ゾ and CJK slashes between non-Japanese characters.
        if "\u{30ce}\u{30f3}\u{30bd}\u{30be}\u{4e36}\u{4e40}\u{4e41}\u{4e3f}".contains(cur)
            && prev.is_some_and(|p| !japanese(p))
            && next.map_or(true, |x| !japanese(x))
        {
            return true;
        }
        // Iteration marks only after katakana.
        if matches!(cur, '\u{30fd}' | '\u{30fe}')
            && prev.map_or(true, |p| !in_script(p, Script::Katakana))
        {
            return true;
        }
        // The prolonged sound mark only after kana.
        if cur == '\u{30fc}'
            && prev.map_or(true, |p| {
                !(in_script(p, Script::Katakana) || in_script(p, Script::Hiragana))
            })
        {
            return true;
        }
        // The katakana middle dot next to Latin.
        if cur == '\u{30fb}'
            && (prev.is_some_and(|p| p.is_ascii_lowercase())
                || next.is_some_and(|x| x.is_ascii_lowercase()))
        {
            return true;
        }
        // CJK ideographs that look like strokes next to non-CJK.
        if CJK_STROKES.contains(cur)
            && (prev.is_some_and(|p| !cjk(p)) || next.is_some_and(|x| !cjk(x)))
        {
            return true;
        }
        if matches!(cur, '\u{0300}'..='\u{0339}') {
            // A combining mark after a letter other than Latin, Greek or Cyrillic.
            if prev.is_some_and(|p| {
                !(in_script(p, Script::Latin)
                    || in_script(p, Script::Greek)
                    || in_script(p, Script::Cyrillic))
            }) {
                return true;
            }
            // ... after a dotless i; a dot above on i, j, l.
            if prev == Some('\u{0131}')
                || (cur == '\u{0307}' && matches!(prev, Some('i' | 'j' | 'l')))
            {
                return true;
            }
        }
        if matches!(cur, '\u{3099}' | '\u{309a}') {
            return true;
        }
    }
    // Hiragana he/be/pe in a katakana label and katakana he/be/pe in a hiragana one.
    let all = |s: Script, skip: std::ops::RangeInclusive<char>| {
        n >= 3
            && c.iter().any(|x| skip.contains(x))
            && c.iter().all(|&x| skip.contains(&x) || in_script(x, s))
    };
    all(Script::Katakana, '\u{3078}'..='\u{307a}') || all(Script::Hiragana, '\u{30d8}'..='\u{30da}')
}

/// Is this label (Unicode, lower case) a spoof under `tld` (ASCII, e.g. `com`, `xn--p1ai`;
/// `tld_unicode` its Unicode form)? `conf` widens the Cyrillic lookalikes to every letter whose
/// UTS #39 skeleton is ASCII; `sx` gives each character's scripts. ASCII labels are never spoofs
/// here.
pub fn spoof(
    label: &str,
    tld: &str,
    tld_unicode: &str,
    conf: Option<&Confusables<'_>>,
    sx: &Scripts<'_>,
) -> Option<Spoof> {
    if label.is_ascii() {
        return None;
    }
    if !label.chars().all(|c| allowed(sx, c)) {
        return Some(Spoof::Restricted);
    }
    let single = match single_script(sx, label) {
        Ok(s) => s,
        Err(e) => return Some(e),
    };
    if mixed_numbers(label) {
        return Some(Spoof::MixedNumbers);
    }
    if invisible(sx, label) {
        return Some(Spoof::Invisible);
    }
    if tld_specific(label, tld) {
        return Some(Spoof::TldSpecific);
    }
    let exceptions = label
        .chars()
        .any(|c| kana_exception(c) || matches!(c, '\u{0300}'..='\u{0339}'));
    if single && !exceptions {
        for ws in WHOLE_SCRIPTS {
            if whole_script_confusable(sx, ws, label, conf)
                && !allowed_for_tld(sx, ws, tld, tld_unicode)
            {
                return Some(Spoof::WholeScript);
            }
        }
        return digit_lookalike_label(label).then_some(Spoof::DigitLookalike);
    }
    if digit_lookalike_label(label) {
        return Some(Spoof::DigitLookalike);
    }
    if label.chars().any(|c| latin_letter(sx, c) && !c.is_ascii()) && !single {
        return Some(Spoof::LatinMixed);
    }
    dangerous_pattern(sx, label).then_some(Spoof::Pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `SCRX` section the builder writes, built once.
    fn section() -> &'static [u8] {
        static SECTION: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        SECTION.get_or_init(|| crate::builder::scripts::section().1)
    }

    fn with_scripts<T>(f: impl FnOnce(&Scripts<'_>) -> T) -> T {
        f(&Scripts::from_section(section()).expect("SCRX view"))
    }

    fn s(label: &str, tld: &str) -> Option<Spoof> {
        with_scripts(|sx| spoof(label, tld, tld, None, sx))
    }

    #[test]
    fn sea_scripts_both_ways() {
        // Names in use: Thai, Lao, Myanmar, Khmer, Vietnamese.
        for (l, t) in [
            ("ภาษาไทย", "com"),
            ("ລາວ", "com"),
            ("မြန်မာ", "com"),
            ("កម្ពុជា", "com"),
            ("tiếngviệt", "vn"),
            ("sàigòn", "com"),
        ] {
            assert_eq!(s(l, t), None, "{l}.{t}");
        }
        // Chromium's Thai whole-script confusable, allowed under .th only.
        assert_eq!(s("พบเ๐", "com"), Some(Spoof::WholeScript));
        assert_eq!(s("พบเ๐", "th"), None);
        // A Thai tone mark repeated; Thai mixed with Latin.
        assert_eq!(s("รี่่", "th"), Some(Spoof::Invisible));
        assert_eq!(s("abภาษาไทย", "th"), Some(Spoof::MixedScript));
    }

    #[test]
    fn chromium_cases() {
        assert_eq!(s("1շ", "com"), Some(Spoof::DigitLookalike));
        assert_eq!(s("ѕсоре", "com"), Some(Spoof::WholeScript));
        assert_eq!(s("ѕсоре", "ru"), None);
        assert_eq!(
            with_scripts(|sx| spoof("ѕсоре", "xn--p1ai", "рф", None, sx)),
            None
        );
        assert_eq!(s("日本ー野球", "jp"), Some(Spoof::Pattern));
        assert_eq!(s("カー野球", "jp"), None);
        assert_eq!(s("abc・def", "jp"), Some(Spoof::Pattern));
        assert_eq!(s("日本・野球", "jp"), None);
        assert_eq!(s("한\u{0307}글", "com"), Some(Spoof::Pattern));
        assert_eq!(s("ip一address", "com"), Some(Spoof::Pattern));
        assert_eq!(s("一生gamer", "com"), None);
        assert_eq!(s("café카페", "kr"), Some(Spoof::LatinMixed));
        assert_eq!(s("šachy", "com"), None);
        assert_eq!(s("ést", "net"), None);
        assert_eq!(s("aþcdef", "com"), Some(Spoof::TldSpecific));
        assert_eq!(s("aþcdef", "is"), None);
        assert_eq!(s("l·l", "cat"), None);
        assert_eq!(s("a·l", "cat"), Some(Spoof::TldSpecific));
        assert_eq!(s("asc1deva\u{0967}", "in"), Some(Spoof::MixedScript));
        assert_eq!(s("7\u{09ea}9", "in"), Some(Spoof::MixedNumbers));
        assert_eq!(s("a\u{2019}b", "com"), Some(Spoof::Restricted));
        assert_eq!(s("注音ㄅㄆㄇㄈ", "tw"), None);
        assert_eq!(s("pi\u{0307}xel", "com"), Some(Spoof::Pattern));
    }
}
