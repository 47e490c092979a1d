//! Lookalikes of the user's own protected domains (Settings.protected).

use super::hit::Hit;
use crate::code;
use crate::confusables::Confusables;
use crate::targets::{DomainRecord, OFFICIAL};

/// Lookalikes of the user's own protected domains (few; checked directly at run time).
pub(super) fn user_hit(
    conf: &Confusables<'_>,
    sub: &str,
    label: &str,
    suffix: &str,
    user: &[String],
) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    if user.is_empty() {
        return None;
    }
    let ql = conf.strict_skeleton(&if label.starts_with("xn--") {
        idna::domain_to_unicode(label).0
    } else {
        label.to_string()
    });
    for p in user {
        let p = p.trim().trim_end_matches('.').to_ascii_lowercase();
        // The user's entry may be a host (`ib.mybank.co.id`): take its registrable label by the
        // same suffix guess as the held-out split (no PSL view here).
        let plabel = crate::targets::holdout_key(&p);
        let psuffix = p
            .rfind(&format!("{plabel}."))
            .and_then(|i| p.get(i + plabel.len() + 1..))
            .unwrap_or("");
        if plabel.len() < 3 {
            continue;
        }
        let rec = DomainRecord {
            id: u32::MAX,
            domain: &p,
            registrable: &p,
            label: plabel,
            suffix: psuffix,
            flags: OFFICIAL,
            brand: None,
        };
        // Cheap filter first: a label whose length is far from the protected one can only be a
        // combosquat (the skeleton may shorten `rn`→`m`, hence the slack of 3).
        let near = ql.len().abs_diff(plabel.len()) <= 3;
        let contains =
            plabel.len() >= 4 && (label.contains(plabel) || sub.split('.').any(|l| l == plabel));
        if !near && !contains {
            continue;
        }
        let tl = if near {
            conf.strict_skeleton(plabel)
        } else {
            String::new()
        };
        let hit = if near && ql == tl && label != plabel {
            Some(Hit::new(code::HOMOGLYPH, "user", 75, &rec))
        } else if label == plabel && suffix != psuffix {
            Some(Hit::new(code::TLD_SWAP, "user", 60, &rec))
        } else if near && tl.len() >= 5 && strsim::osa_distance(&ql, &tl) == 1 {
            Some(Hit::new(code::TYPO, "user", 60, &rec))
        } else if contains {
            Some(Hit::new(code::COMBOSQUAT, "user", 45, &rec))
        } else {
            None
        };
        if let Some(h) = hit {
            if best.as_ref().map_or(true, |b| h.score > b.score) {
                best = Some(h);
            }
        }
    }
    best
}
