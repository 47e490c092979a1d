//! The `CONF` section, computed from `unicode-security` and `unicode-normalization` (build-time
//! dependencies only) for every Unicode scalar value, and the reference folds the builder keys the
//! lookalike index with. The layout and what a fold is are described, and read in place, by
//! [`crate::confusables`].

use crate::confusables::{
    ascii_lookalikes_into, default_flags, hangul_jamo, loosen, Confusables, ASCII_SKELETON, ENTRY,
    HEADER, LATIN, TAG, VERSION,
};
use crate::format::Tag;

/// Default-ignorable and other invisible characters the lookalike fold drops.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

/// Letters UTS #39's table leaves alone but that read as a Latin letter in a URL bar.
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

/// The fold of one character, computed with `unicode-security` (see the module docs).
pub fn reference_fold(c: char) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let dropped = |c: char| is_combining_mark(c) || is_invisible(c);
    let pre: String = std::iter::once(c)
        .nfd()
        .filter(|&c| !dropped(c))
        .map(|c| fold_extra(c).unwrap_or(c))
        .collect();
    let mut out = String::new();
    for c in unicode_security::skeleton(&pre) {
        if dropped(c) {
            continue;
        }
        out.extend(fold_extra(c).unwrap_or(c).to_lowercase());
    }
    out
}

/// The flags of one character, computed with `unicode-security` and `unicode-normalization`.
pub fn reference_flags(c: char) -> u8 {
    use unicode_normalization::UnicodeNormalization;
    let mut buf = [0u8; 4];
    let mut flags = 0;
    if unicode_security::skeleton(c.encode_utf8(&mut buf))
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        flags |= ASCII_SKELETON;
    }
    let latin = std::iter::once(c)
        .nfd()
        .filter(|c| !matches!(*c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}'))
        .all(|c| {
            c.is_ascii_alphanumeric()
                || c == '-'
                || (c.is_alphabetic()
                    && matches!(c, '\u{00C0}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}')
                    && c != '\u{00D7}'
                    && c != '\u{00F7}')
        });
    if latin {
        flags |= LATIN;
    }
    flags
}

/// Builds the `CONF` section from every Unicode scalar value. Fails if a character of non-zero
/// canonical combining class would survive the fold (the per-character fold would then not be
/// exact, see the module docs).
fn compute_section() -> Result<Vec<u8>, String> {
    use std::collections::HashMap;
    use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
    let mut entries: Vec<(u32, u8, u32, u8)> = Vec::new();
    let mut text: Vec<u8> = Vec::new();
    let mut shared: HashMap<String, u32> = HashMap::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if canonical_combining_class(c) != 0 && !is_combining_mark(c) && !is_invisible(c) {
            return Err(format!(
                "confusables: U+{:04X} has a combining class but is kept by the fold",
                u32::from(c)
            ));
        }
        let fold = reference_fold(c);
        let flags = reference_flags(c);
        // What the reader computes without an entry: the character itself, or a Hangul
        // syllable's jamo one by one.
        let (implied_fold, implied_flags) = match hangul_jamo(c) {
            Some(jamo) => jamo.into_iter().flatten().fold(
                (String::new(), ASCII_SKELETON | LATIN),
                |(mut f, fl), j| {
                    f.push_str(&reference_fold(j));
                    (f, fl & reference_flags(j))
                },
            ),
            None => (c.to_string(), default_flags(c)),
        };
        if fold == implied_fold && flags == implied_flags {
            continue;
        }
        let len = u8::try_from(fold.len()).map_err(|_| {
            format!(
                "confusables: the fold of U+{:04X} is too long",
                u32::from(c)
            )
        })?;
        let start = match shared.get(&fold) {
            Some(&s) => s,
            None => {
                let s = u32::try_from(text.len())
                    .ok()
                    .filter(|&s| s < 1 << 24)
                    .ok_or("confusables: text over 16 MiB")?;
                text.extend_from_slice(fold.as_bytes());
                shared.insert(fold, s);
                s
            }
        };
        entries.push((u32::from(c), flags, start, len));
    }
    let mut out = Vec::with_capacity(HEADER + entries.len() * ENTRY + text.len());
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    for (cp, flags, start, len) in entries {
        out.extend_from_slice(&(cp | u32::from(flags) << 24).to_le_bytes());
        out.extend_from_slice(&(start << 8 | u32::from(len)).to_le_bytes());
    }
    out.extend_from_slice(&text);
    Ok(out)
}

fn built() -> &'static Result<Vec<u8>, String> {
    use std::sync::OnceLock;
    static BYTES: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    BYTES.get_or_init(compute_section)
}

/// The `CONF` section (computed once per process: it walks every Unicode scalar value).
pub fn section() -> Result<(Tag, Vec<u8>), String> {
    built().clone().map(|b| (TAG, b))
}

/// A view of the section built in this process (build-time callers and tests).
pub fn builtin() -> Result<Confusables<'static>, String> {
    let bytes = built().as_ref().map_err(Clone::clone)?;
    Confusables::from_section(bytes).map_err(|e| e.to_string())
}

/// [`Confusables::strict_skeleton`] computed with `unicode-security` instead of the section: what
/// the builder uses for the lookalike index keys (the tests check both agree).
pub fn reference_strict_skeleton(label: &str) -> String {
    let folded = if label.is_ascii() {
        label.to_ascii_lowercase()
    } else {
        label.chars().map(reference_fold).collect::<String>()
    };
    let mut out = String::with_capacity(folded.len());
    ascii_lookalikes_into(&folded, &mut out);
    out
}

/// [`Confusables::loose_skeleton`] computed with `unicode-security` (see
/// [`reference_strict_skeleton`]).
pub fn reference_loose_skeleton(label: &str) -> String {
    loosen(&reference_strict_skeleton(label))
}

#[cfg(test)]
mod tests {
    #[test]
    fn skeletons_fold_lookalikes() {
        let conf = super::builtin().expect("confusables section");
        let strict_skeleton = |l: &str| conf.strict_skeleton(l);
        let loose_skeleton = |l: &str| conf.loose_skeleton(l);
        assert_eq!(strict_skeleton("аррӏе"), "apple");
        assert_eq!(strict_skeleton("rnandiri"), "mandiri");
        assert_eq!(strict_skeleton("g00gle"), "google");
        assert_eq!(strict_skeleton("gôôgle"), "google");
        assert_eq!(strict_skeleton("goo\u{200B}gle"), "google");
        assert_eq!(
            loose_skeleton("steameommunity"),
            loose_skeleton("steamcommunity")
        );
        assert_ne!(
            strict_skeleton("steameommunity"),
            strict_skeleton("steamcommunity")
        );
    }
}
