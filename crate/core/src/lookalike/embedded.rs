//! Official and popular domains written inside another host (`klikbca.com.evil.xyz`).

use super::hit::Hit;
use super::Lookalike;
use crate::code;
use crate::targets::{OFFICIAL, POPULAR};

impl<'a> Lookalike<'a> {
    /// An official or popular domain written as subdomain labels: `klikbca.com.secure-login.xyz`.
    pub(super) fn embedded_hit(&self, host: &str, reg: &str, label: &str) -> Option<Hit> {
        let sub = host.strip_suffix(reg)?.strip_suffix('.')?;
        let labels: Vec<&str> = sub.split('.').collect();
        let mut best: Option<Hit> = None;
        // `usps.com-parcel.vip`, `business.meta.com-policy.co`: the official domain's suffix is
        // the first hyphen token of the registrable label.
        if let Some((tok, _)) = label.split_once('-') {
            if (2..=4).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_lowercase()) {
                for i in labels.len().saturating_sub(3)..labels.len() {
                    let cand = format!("{}.{tok}", labels.get(i..)?.join("."));
                    for rec in self.targets.lookup(&cand).collect::<Vec<_>>() {
                        if rec.registrable != cand && rec.domain != cand {
                            continue;
                        }
                        let score = if rec.flags & OFFICIAL != 0 {
                            75
                        } else if rec.label.len() >= 3 {
                            65
                        } else {
                            continue;
                        };
                        let h = Hit::new(code::EMBEDDED, "domain_hyphen", score, &rec);
                        if best.as_ref().map_or(true, |b| h.score > b.score) {
                            best = Some(h);
                        }
                    }
                }
            }
        }
        for i in 0..labels.len() {
            // Official and popular domains have at most 4 labels: bounded work on hostile hosts.
            for j in (i + 2)..=labels.len().min(i + 4) {
                let cand = labels.get(i..j)?.join(".");
                for rec in self.targets.lookup(&cand).collect::<Vec<_>>() {
                    if rec.registrable != cand && rec.domain != cand {
                        continue;
                    }
                    let score = if rec.flags & OFFICIAL != 0 {
                        70
                    } else if rec.flags & POPULAR != 0 && rec.label.len() >= 4 {
                        50
                    } else {
                        continue;
                    };
                    let h = Hit::new(code::EMBEDDED, "domain", score, &rec);
                    if best.as_ref().map_or(true, |b| h.score > b.score) {
                        best = Some(h);
                    }
                }
            }
        }
        best
    }
}
