//! The `SCRX` section answers what `unicode-script` and `unicode-security` answer, for every
//! Unicode scalar value and for the intersections the IDN policy takes; a damaged section is
//! refused with a typed error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use unicode_script::{Script, UnicodeScript};
use unicode_security::mixed_script::AugmentedScriptSet;
use unicode_security::GeneralSecurityProfile;
use waspada_core::builder::scripts::{reference_set, section, POLICY_SCRIPTS};
use waspada_core::scripts::{ScriptSet, Scripts};
use waspada_core::DataError;

fn view(bytes: &[u8]) -> Scripts<'_> {
    Scripts::from_section(bytes).expect("SCRX view")
}

#[test]
fn every_scalar_value_matches_the_crates() {
    let (_, bytes) = section();
    let sx = view(&bytes);
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let got = sx.of(c);
        assert_eq!(got, reference_set(c), "{c:?} U+{:04X}", u32::from(c));
        let ext = c.script_extension();
        let aug = AugmentedScriptSet::for_char(c);
        assert_eq!(got.identifier_allowed(), c.identifier_allowed(), "{c:?}");
        assert_eq!(got.is_all(), ext.is_common() || ext.is_inherited(), "{c:?}");
        assert_eq!(
            (got.hanb(), got.jpan(), got.kore()),
            (aug.hanb, aug.jpan, aug.kore)
        );
        for &s in POLICY_SCRIPTS {
            assert_eq!(got.contains(s), ext.contains_script(s), "{c:?} {s:?}");
            assert_eq!(
                got.is_of(s),
                !ext.is_common() && !ext.is_inherited() && ext.contains_script(s),
                "{c:?} {s:?}"
            );
        }
    }
}

#[test]
fn intersections_match_the_augmented_script_sets() {
    let (_, bytes) = section();
    let sx = view(&bytes);
    // Characters of the scripts the policy meets, plus Common, Inherited and unassigned ones.
    let pool: Vec<char> = "aé1-·ー・ノ一丨十カかひ한ㄅ漢ѕсоаεαԱաאบพเ๐ລမ่\u{0301}\u{0307}\u{3099}\u{200d}ß\u{0378}\u{0e3f}\u{0964}\u{0967}\u{09ea}"
        .chars()
        .collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = (next() % 5 + 1) as usize;
        let label: String = (0..len)
            .map(|_| pool[(next() % pool.len() as u64) as usize])
            .collect();
        let mut set = ScriptSet::EVERY;
        let mut reference = AugmentedScriptSet::default();
        for c in label.chars() {
            set.intersect_with(sx.of(c));
            reference.intersect_with(AugmentedScriptSet::for_char(c));
            assert_eq!(
                sx.of(c).contains(Script::Latin),
                AugmentedScriptSet::for_char(c)
                    .base
                    .contains_script(Script::Latin)
            );
        }
        assert_eq!(set.is_empty(), reference.is_empty(), "{label:?}");
        assert_eq!(
            (set.hanb(), set.jpan(), set.kore()),
            (reference.hanb, reference.jpan, reference.kore),
            "{label:?}"
        );
    }
}

#[test]
fn damaged_sections_are_refused() {
    let (_, good) = section();
    assert!(Scripts::from_section(&good).is_ok());
    for n in [0, 3, 15, 16, 17, 23, good.len() / 2, good.len() - 1] {
        assert!(
            matches!(
                Scripts::from_section(&good[..n]),
                Err(DataError::Corrupt(_))
            ),
            "cut at {n}"
        );
    }
    let n = u32::from_le_bytes(good[4..8].try_into().unwrap()) as usize;
    let m = u32::from_le_bytes(good[8..12].try_into().unwrap());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("another version", {
            let mut b = good.clone();
            b[0] = 2;
            b
        }),
        ("runs out of order", {
            let mut b = good.clone();
            let second = b[24..28].to_vec();
            b[32..36].copy_from_slice(&second);
            b
        }),
        ("first run not at U+0000", {
            let mut b = good.clone();
            b[16..20].copy_from_slice(&1u32.to_le_bytes());
            b
        }),
        ("a run naming a set past the table", {
            let mut b = good.clone();
            b[20..24].copy_from_slice(&m.to_le_bytes());
            b
        }),
        ("unknown set flags", {
            let mut b = good.clone();
            let at = 16 + 8 * n + 24;
            b[at + 3] = 0x80;
            b
        }),
    ];
    for (what, bytes) in cases {
        assert!(
            matches!(Scripts::from_section(&bytes), Err(DataError::Corrupt(_))),
            "{what}"
        );
    }
}
