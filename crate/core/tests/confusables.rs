//! The `CONF` section against `unicode-security`: the run-time skeletons read the folds from the
//! data file; they must be exactly what the code computed with `unicode-security` before. Corrupt
//! sections are typed errors.

#[path = "common/lookalike.rs"]
mod common;

use common::checker;

/// The skeleton code as it was when it called `unicode-security` at run time (verbatim).
mod reference {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    fn is_invisible(c: char) -> bool {
        matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
    }

    fn fold_extra(c: char) -> Option<char> {
        Some(match c {
            'ɑ' | 'ə' | 'ɐ' | 'ᴀ' | 'α' => 'a',
            'ʙ' | 'ɓ' | 'ƅ' | 'ƀ' | 'в' => 'b',
            'ᴄ' | 'ƈ' | 'ς' => 'c',
            'ɗ' | 'đ' | 'ɖ' | 'ᴅ' | 'ƌ' => 'd',
            'ɇ' | 'ᴇ' | 'ɛ' | 'є' => 'e',
            'ƒ' => 'f',
            'ɢ' | 'ɡ' | 'ǥ' | 'ɠ' => 'g',
            'ħ' | 'ɦ' | 'ⱨ' | 'ʜ' | 'н' => 'h',
            'ı' | 'ɩ' | 'ɨ' | 'ɪ' | 'ι' => 'i',
            'ʝ' | 'ɉ' | 'ᴊ' => 'j',
            'ⱪ' | 'ᴋ' | 'κ' | 'к' | 'ĸ' => 'k',
            'ɫ' | 'ł' | 'ŀ' | 'ʟ' | 'ƚ' => 'l',
            'ᴍ' | 'ɱ' | 'м' => 'm',
            'ꞑ' | 'ɴ' | 'ŋ' | 'ƞ' | 'η' => 'n',
            'ᴏ' | 'ø' | 'ɵ' | 'ơ' | 'ο' | 'σ' => 'o',
            'ρ' | 'ᴘ' | 'ƥ' => 'p',
            'ʠ' => 'q',
            'ʀ' | 'ɼ' | 'ɽ' | 'ɍ' | 'ɾ' | 'г' => 'r',
            'ʂ' | 'ꜱ' => 's',
            'ŧ' | 'ƫ' | 'ᴛ' | 'ƭ' | 'т' => 't',
            'ᴜ' | 'ʉ' | 'ư' | 'υ' => 'u',
            'ⱱ' | 'ᶌ' | 'ⱴ' | 'ᴠ' | 'ν' => 'v',
            'ⱳ' | 'ᴡ' | 'ω' | 'ш' => 'w',
            'ʏ' | 'ƴ' | 'ɏ' | 'ỿ' | 'γ' => 'y',
            'ʐ' | 'ᴢ' | 'ƶ' | 'ⱬ' | 'ȥ' => 'z',
            _ => return None,
        })
    }

    pub fn strict_skeleton(label: &str) -> String {
        let mut folded = String::with_capacity(label.len());
        if label.is_ascii() {
            folded.push_str(&label.to_ascii_lowercase());
        } else {
            let pre: String = label
                .nfd()
                .filter(|&c| !is_combining_mark(c) && !is_invisible(c))
                .map(|c| fold_extra(c).unwrap_or(c))
                .collect();
            for c in unicode_security::skeleton(&pre) {
                if is_combining_mark(c) || is_invisible(c) {
                    continue;
                }
                let c = fold_extra(c).unwrap_or(c);
                for l in c.to_lowercase() {
                    folded.push(l);
                }
            }
        }
        let folded = folded.replace("rn", "m").replace("vv", "w");
        folded
            .chars()
            .map(|c| match c {
                '0' => 'o',
                '1' | '|' | 'ı' => 'l',
                c => c,
            })
            .collect()
    }

    /// The rules' whole-script homograph test as it was.
    pub fn skeleton_is_ascii(label: &str) -> bool {
        unicode_security::skeleton(label).all(|c| c.is_ascii_alphanumeric() || c == '-')
    }

    /// The rules' accent-dressed Latin test as it was (`folds_to_ascii`).
    pub fn is_latin(label: &str) -> bool {
        label
            .nfd()
            .filter(|c| !matches!(*c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}'))
            .all(|c| {
                c.is_ascii_alphanumeric()
                    || c == '-'
                    || (c.is_alphabetic()
                        && matches!(c, '\u{00C0}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}')
                        && c != '\u{00D7}'
                        && c != '\u{00F7}')
            })
    }
}

#[test]
fn confusables_section_matches_unicode_security_for_every_code_point() {
    let conf = checker().lk.confusables;
    assert!(conf.len() > 5000, "only {} folds in CONF", conf.len());
    let mut checked = 0u32;
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let alone = c.to_string();
        // In a non-ASCII label, ASCII letters are folded too (`m` → `rn` → `m`, `0` → `o`).
        let in_label = format!("é{c}ı");
        for label in [&alone, &in_label] {
            assert_eq!(
                conf.strict_skeleton(label),
                reference::strict_skeleton(label),
                "strict skeleton of {label:?} (U+{:04X})",
                u32::from(c)
            );
            assert_eq!(
                conf.skeleton_is_ascii(label),
                reference::skeleton_is_ascii(label),
                "ASCII skeleton of {label:?} (U+{:04X})",
                u32::from(c)
            );
            assert_eq!(
                conf.is_latin(label),
                reference::is_latin(label),
                "dressed Latin {label:?} (U+{:04X})",
                u32::from(c)
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800);
}

#[test]
fn confusables_section_matches_unicode_security_on_mixed_labels() {
    let conf = checker().lk.confusables;
    // Characters where the two NFDs, the confusables map and the extra folds interact:
    // combining marks of several classes (reordered by NFD), precomposed letters, Cyrillic,
    // Greek, IPA and small capitals, invisibles, Hangul, full-width and mathematical letters.
    let ranges: &[(u32, u32)] = &[
        (0x2D, 0x2D),
        (0x30, 0x39),
        (0x41, 0x5A),
        (0x61, 0x7A),
        (0xC0, 0x24F),
        (0x250, 0x2AF),
        (0x300, 0x36F),
        (0x370, 0x3FF),
        (0x400, 0x4FF),
        (0x591, 0x5C7),
        (0x610, 0x61C),
        (0x64B, 0x65F),
        (0xE31, 0xE4E),
        (0x1100, 0x1112),
        (0x1161, 0x1175),
        (0x1D00, 0x1DFF),
        (0x1E00, 0x1EFF),
        (0x200B, 0x200F),
        (0x20D0, 0x20F0),
        (0x2100, 0x214F),
        (0x2460, 0x24FF),
        (0x3099, 0x309A),
        (0xAC00, 0xAC40),
        (0xFE00, 0xFE0F),
        (0xFE20, 0xFE2F),
        (0xFF01, 0xFF5E),
        (0x1D400, 0x1D7FF),
        (0x1F100, 0x1F1FF),
    ];
    let pool: Vec<char> = ranges
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
        .collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..200_000 {
        let len = 1 + next() % 12;
        let label: String = (0..len)
            .map(|_| {
                let r = next();
                if r % 16 == 0 {
                    // Now and then any scalar value at all.
                    char::from_u32((r >> 8) as u32 % 0x110000).unwrap_or('a')
                } else {
                    pool[(r >> 8) as usize % pool.len()]
                }
            })
            .collect();
        assert_eq!(
            conf.strict_skeleton(&label),
            reference::strict_skeleton(&label),
            "strict skeleton of {label:?}"
        );
        assert_eq!(
            conf.skeleton_is_ascii(&label),
            reference::skeleton_is_ascii(&label),
            "ASCII skeleton of {label:?}"
        );
        assert_eq!(
            conf.is_latin(&label),
            reference::is_latin(&label),
            "dressed Latin {label:?}"
        );
    }
}

#[test]
fn corrupt_confusables_sections_are_refused() {
    use waspada_core::builder::confusables::section;
    use waspada_core::confusables::Confusables;
    let (_, good) = section().expect("CONF builds");
    assert!(Confusables::from_section(&good).is_ok());
    // Truncated anywhere: a typed error, never a panic.
    for n in [0, 3, 15, 16, 17, good.len() / 2, good.len() - 1] {
        assert!(Confusables::from_section(&good[..n]).is_err(), "cut at {n}");
    }
    // Two entries swapped: out of order.
    let mut swapped = good.clone();
    let (a, b) = (16..24, 24..32);
    let first = swapped[a.clone()].to_vec();
    swapped.copy_within(b.clone(), a.start);
    swapped[b].copy_from_slice(&first);
    assert!(Confusables::from_section(&swapped).is_err());
    // A fold pointing past the text.
    let mut wild = good.clone();
    wild[20..24].copy_from_slice(&(0xFFFF_FF05u32).to_le_bytes());
    assert!(Confusables::from_section(&wild).is_err());
    // Another format version.
    let mut version = good;
    version[0] = 2;
    assert!(Confusables::from_section(&version).is_err());
}
