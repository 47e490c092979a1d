//! The two combinations that raise a weak reason when a second hint backs it
//! (`hosting.free_combined`, `tld.abused_combined`), kept under `combined.ceiling`.

use super::*;

impl<'a> Rules<'a> {
    /// A user's page on a free-hosting platform plus one more hint is what throwaway phishing
    /// pages look like (`telstra-109517.weeblysite.com`, `cou11.vercel.app`): the
    /// `hosting.free` reason gains `hosting.free_combined` points and names the hint (`with`).
    /// Alone, `hosting.free` stays below the suspicious threshold.
    pub(super) fn combine_hosting(&self, hosting: Option<(&str, u8, &str)>, out: &mut [Reason]) {
        let Some((_, points, owner)) = hosting else {
            return;
        };
        // A staging address gets no bonus, and the shape of its name adds at most up to
        // `combined.ceiling`: the platform often chose it (`pub-<hex>.r2.dev`).
        if self.is_staging(points) {
            let mut room = self.points(Weight::CombinedCeiling).saturating_sub(points);
            for r in out.iter_mut().filter(|r| {
                matches!(
                    &*r.code,
                    code::MANY_DIGITS
                        | code::MANY_HYPHENS
                        | code::RANDOM_LABEL
                        | code::MANY_SUBDOMAINS
                )
            }) {
                let keep = r.score.min(room);
                room -= keep;
                r.score = keep;
            }
            return;
        }
        // Only the platforms most used for throwaway pages: domain resellers' second levels
        // (com.ru, sa.com) and blog hosts carry fewer points and get the bonus only for a lure
        // word in the host (`aolmaiillogin.blogspot.qa`, `copyrights-violations.surge.sh`).
        let lure_only = points < self.points(Weight::HostingFreeCombinedMin);
        if lure_only && points < self.points(Weight::HostingFreeLureMin) {
            return;
        }
        // There a machine-made name counts as well (`sdgsfgss.blogspot.com`,
        // `jkdhdlgkhsdlk-kjkewhtuietkfjd.azurewebsites.net`): unlike digits or hyphens (bloggers
        // write `cara-membuat-kue-enak`), real users' blog and project names do not look random.
        let mut lure_only_hint: Option<String> = None;
        if lure_only {
            let lure_in_host = out.iter().any(|r| {
                r.code == code::LURE
                    && r.score > 0
                    && r.params.get("where").is_some_and(|w| w == "host")
            });
            lure_only_hint = if lure_in_host {
                Some(code::LURE.to_string())
            } else {
                out.iter()
                    .find(|r| r.score > 0 && r.code == code::RANDOM_LABEL)
                    .map(|r| r.code.to_string())
            };
            if lure_only_hint.is_none() {
                return;
            }
        }
        let hint = out
            .iter()
            .find_map(|r| match &*r.code {
                code::MANY_DIGITS
                | code::MANY_HYPHENS
                | code::RANDOM_LABEL
                | code::MANY_SUBDOMAINS
                | code::LURE
                | code::ODD_PORT
                    if r.score > 0 =>
                {
                    Some(r.code.to_string())
                }
                _ => None,
            })
            .or_else(|| owner_label_hint(owner).map(str::to_string));
        let hint = if lure_only { lure_only_hint } else { hint };
        let Some(hint) = hint else { return };
        let bonus = self.combination_bonus(out, Weight::HostingFreeCombined);
        if bonus == 0 {
            return;
        }
        if let Some(r) = out
            .iter_mut()
            .find(|r| r.code == code::HOSTING_FREE && r.score > 0)
        {
            r.score = r.score.saturating_add(bonus);
            r.params.insert("with", hint);
        }
    }

    /// The points a combination adds: its weight, but never lifting the URL's total past
    /// `combined.ceiling` (a combination makes a page suspicious, never dangerous by itself: a
    /// `pub-<hex>.r2.dev` bucket, whose random name the platform chose, already has its points).
    pub(super) fn combination_bonus(&self, out: &[Reason], key: Weight) -> u8 {
        let total: u32 = out.iter().map(|r| u32::from(r.score)).sum();
        let room = u32::from(self.points(Weight::CombinedCeiling)).saturating_sub(total);
        room.min(u32::from(self.points(key))) as u8
    }

    /// A throwaway domain under an abused TLD carries per-campaign subdomains
    /// (`videoviral27.utpkh.my.id`, `arz820.gap-private.my.id`, `dan4-tm1.com-red.shop`): an
    /// abused TLD of `tld.abused_combined_min` points or more plus a subdomain label with digits
    /// or a hyphen (or a pile of subdomains) gains `tld.abused_combined` points, `with=subdomain`.
    /// Digits or hyphens in the registrable label itself do not count: plenty of real sites under
    /// these TLDs have them.
    pub(super) fn combine_tld(&self, s: &RuleInput, out: &mut [Reason]) {
        if out.iter().any(|r| r.code == code::HOSTING_FREE) {
            return;
        }
        let host = s.host;
        let sub = match s.registrable_domain {
            Some(d) if host.len() > d.len() + 1 && host.ends_with(d) => {
                host.get(..host.len() - d.len() - 1).unwrap_or("")
            }
            _ => "",
        };
        // Under the most abused TLDs (`tld.abused_subdomain_min` points or more) any
        // subdomain is the second hint: their registrations are overwhelmingly throwaway.
        let worst = self.points(Weight::TldAbusedSubdomainMin);
        // Names a real site gives its own services do not count (`blog.budi.my.id`).
        const SERVICE: [&str; 18] = [
            "www", "blog", "mail", "webmail", "shop", "store", "app", "api", "dev", "docs", "cdn",
            "static", "admin", "m", "web", "home", "news", "forum",
        ];
        let any_sub = sub
            .split('.')
            .any(|l| !l.is_empty() && !SERVICE.contains(&l))
            && out
                .iter()
                .any(|r| r.code == code::TLD_ABUSED && r.score >= worst && worst > 0);
        let hint = any_sub
            || out.iter().any(|r| r.code == code::MANY_SUBDOMAINS)
            || sub.split('.').any(|l| {
                l != "www"
                    && !l.starts_with("xn--")
                    && l.bytes().any(|b| b.is_ascii_digit() || b == b'-')
            });
        if !hint {
            return;
        }
        let min = self.points(Weight::TldAbusedCombinedMin);
        let bonus = self.combination_bonus(out, Weight::TldAbusedCombined);
        if bonus == 0 {
            return;
        }
        if let Some(r) = out
            .iter_mut()
            .find(|r| r.code == code::TLD_ABUSED && r.score >= min && r.score > 0)
        {
            r.score = r.score.saturating_add(bonus);
            r.params.insert("with", "subdomain".to_string());
        }
    }
}
