//! The final score: reasons' points → a 0–100 score and a level, by sensitivity.
//!
//! **Contract with the rules (and every reason producer):** a reason's `score` is the points it
//! adds. [`combine`] sums them (saturating at 100) — no hidden weights here, so a rule's weight
//! is exactly its effect. Size weights against the thresholds below:
//!
//! | sensitivity | suspicious from | dangerous from |
//! |---|---|---|
//! | low    | 55 | 85 |
//! | normal | 40 | 70 |
//! | high   | 25 | 55 |
//!
//! Guidance used by the lookalike module (see [`crate::lookalike`]): one strong signal that
//! alone should warn (an IDN homograph of a protected brand, an official domain embedded in a
//! foreign host) is 70–80; one signal that alone should only make the user look twice (a typo of
//! an official name, a TLD swap, a brand plus a lure word) is 40–65; context that is only
//! meaningful together with something else (a brand name inside a host, a free-hosting suffix, a
//! single lure word) is 10–30. Purely informative reasons carry 0.
//!
//! `list.blocked` anywhere gives `(100, Blocked)` (the engine normally returns before heuristics).

use crate::settings::Sensitivity;
use crate::verdict::{Level, Reason};

/// `(suspicious, dangerous)` thresholds for a sensitivity.
pub fn thresholds(sensitivity: Sensitivity) -> (u8, u8) {
    match sensitivity {
        Sensitivity::Low => (55, 85),
        Sensitivity::Normal => (40, 70),
        Sensitivity::High => (25, 55),
    }
}

/// The level a score reaches at a sensitivity (never `Blocked` or `Invalid`).
pub fn level(score: u8, sensitivity: Sensitivity) -> Level {
    let (suspicious, dangerous) = thresholds(sensitivity);
    if score >= dangerous {
        Level::Dangerous
    } else if score >= suspicious {
        Level::Suspicious
    } else {
        Level::Safe
    }
}

/// Sums the reasons' points (capped at 100) and maps the sum to a level.
pub fn combine(reasons: &[Reason], sensitivity: Sensitivity) -> (u8, Level) {
    if reasons.iter().any(|r| r.code == "list.blocked") {
        return (100, Level::Blocked);
    }
    let total: u32 = reasons.iter().map(|r| u32::from(r.score)).sum();
    let score = total.min(100) as u8;
    (score, level(score, sensitivity))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(points: u8) -> Reason {
        Reason::new("test.reason", points)
    }

    #[test]
    fn nothing_is_safe() {
        assert_eq!(combine(&[], Sensitivity::High), (0, Level::Safe));
    }

    #[test]
    fn sum_is_capped_and_levels_follow_sensitivity() {
        assert_eq!(
            combine(&[r(80), r(80)], Sensitivity::Normal),
            (100, Level::Dangerous)
        );
        assert_eq!(combine(&[r(45)], Sensitivity::Low).1, Level::Safe);
        assert_eq!(combine(&[r(45)], Sensitivity::Normal).1, Level::Suspicious);
        assert_eq!(combine(&[r(60)], Sensitivity::High).1, Level::Dangerous);
        assert_eq!(
            combine(&[r(30), r(10)], Sensitivity::Normal).1,
            Level::Suspicious
        );
    }

    #[test]
    fn blocklist_wins() {
        let reasons = [Reason::new("list.blocked", 100)];
        assert_eq!(combine(&reasons, Sensitivity::Low), (100, Level::Blocked));
    }
}
