//! A candidate lookalike reason and how it becomes a [`Finding`].

use super::lures::LureWords;
use super::{Finding, HostView};
use crate::targets::DomainRecord;
use crate::verdict::Reason;

#[derive(Clone, Debug)]
pub(super) struct Hit {
    pub(super) score: u8,
    pub(super) code: &'static str,
    pub(super) kind: &'static str,
    pub(super) target: String,
    pub(super) brand: Option<String>,
    pub(super) keyword: Option<String>,
    pub(super) hosting: Option<String>,
    pub(super) distance: Option<usize>,
}

impl Hit {
    /// The reason (with its params) and the suggestion this hit gives.
    pub(super) fn into_finding(self) -> Finding {
        let mut r = Reason::new(self.code, self.score)
            .with("target", self.target.clone())
            .with("kind", self.kind);
        if let Some(b) = self.brand {
            r = r.with("brand", b);
        }
        if let Some(k) = self.keyword {
            r = r.with("keyword", k);
        }
        if let Some(s) = self.hosting {
            r = r.with("hosting", s);
        }
        if let Some(d) = self.distance {
            r = r.with("distance", d.to_string());
        }
        Finding {
            reasons: vec![r],
            suggestion: Some(self.target),
        }
    }

    /// The context a misspelt brand inside a longer name needs to count (`token_typo`,
    /// `brand_typo`): +25 with a lure word outside `brand` in `text`, +15 on a hosting platform.
    pub(super) fn add_context(
        &mut self,
        lures: &LureWords<'_>,
        text: &str,
        brand: std::ops::Range<usize>,
        v: &HostView<'_>,
    ) {
        if let Some(w) = lures.lure_in(text, brand) {
            self.score += 25;
            self.keyword = Some(w.to_string());
        }
        if v.private_suffix {
            self.score += 15;
            self.hosting = v.public_suffix.map(str::to_string);
        }
    }

    pub(super) fn new(
        code: &'static str,
        kind: &'static str,
        score: u8,
        rec: &DomainRecord<'_>,
    ) -> Hit {
        Hit {
            score,
            code,
            kind,
            target: rec.domain.to_string(),
            brand: rec.brand.map(str::to_string),
            keyword: None,
            hosting: None,
            distance: None,
        }
    }
}
