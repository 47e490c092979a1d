//! Checks on the host: mixed scripts and IDNs (`host.punycode`, `host.mixed_script`,
//! `host.restricted_chars`), abused TLDs (`tld.abused`), shorteners (`url.shortener`), free
//! hosting (`hosting.free`) and IPFS gateways (`hosting.ipfs`).

use super::*;

/// The hint a user's own label on a hosting platform gives by itself: digits (`cou11`,
/// `niheugeufrequa-2372`) or a hyphen (`en-web3fix`).
pub(super) fn owner_label_hint(owner: &str) -> Option<&'static str> {
    if owner.starts_with("xn--") {
        return None;
    }
    if owner.bytes().any(|b| b.is_ascii_digit()) {
        Some("digits")
    } else if owner.contains('-') {
        Some("hyphen")
    } else {
        None
    }
}

/// A content identifier as IPFS gateways show it: CIDv0 (`Qm` and 44 base58 characters) or
/// CIDv1 in base32 (`b` and 50 or more of `a-z2-7`, in practice `bafy…`/`bafk…`).
pub(super) fn is_cid(s: &str) -> bool {
    let b = s.as_bytes();
    let v0 = b.len() == 46
        && s.starts_with("Qm")
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() && !b"0OIl".contains(c));
    let v1 = b.len() >= 50
        && b.len() <= 100
        && (s.starts_with("baf") || s.starts_with("BAF"))
        && b.iter()
            .all(|c| matches!(c.to_ascii_lowercase(), b'a'..=b'z' | b'2'..=b'7'));
    v0 || v1
}

/// The CID and gateway of an IPFS page: a `<CID>.ipfs.<gateway>` host, or a `/ipfs/<CID>` path.
pub(super) fn ipfs_content<'a>(raw: &RawUrl<'a>, host: &'a str) -> Option<(&'a str, &'a str)> {
    let mut labels = host.splitn(3, '.');
    if let (Some(first), Some(second), Some(rest)) = (labels.next(), labels.next(), labels.next()) {
        if (second == "ipfs" || second == "ipns") && is_cid(first) {
            return Some((first, rest));
        }
    }
    let path = raw.path.split(['?', '#']).next().unwrap_or("");
    let mut segs = path.split('/').filter(|p| !p.is_empty());
    while let Some(seg) = segs.next() {
        if seg.eq_ignore_ascii_case("ipfs") {
            return segs.next().filter(|c| is_cid(c)).map(|c| (c, host));
        }
    }
    None
}

impl<'a> Rules<'a> {
    /// IDN labels by Chromium's display policy ([`crate::idn`]): a label Chromium would show as
    /// punycode is a spoof — characters outside the allowed set (`host.restricted_chars`), or
    /// mixed scripts, a whole-script confusable under a TLD not of its script, digit lookalikes,
    /// invisible or out-of-context marks (`host.mixed_script`, `level` says which). Any other IDN
    /// gets the informative `host.punycode`. Accented Latin (`šachy.com`, `tiếngviệt.vn`) is
    /// ordinary: whether it imitates a protected site is the lookalike check's question.
    pub(super) fn check_scripts(&self, s: &RuleInput, out: &mut Vec<Reason>) {
        if !s.host.split('.').any(|l| l.starts_with("xn--")) {
            return;
        }
        let host = s.host;
        let tld = host.rsplit('.').next().unwrap_or("");
        let unicode = s.host_unicode;
        let tld_unicode = unicode.rsplit('.').next().unwrap_or("");
        let mut worst: Option<(crate::idn::Spoof, &str)> = None;
        for label in unicode.split('.') {
            let spoof = self.scripts.as_ref().and_then(|sx| {
                crate::idn::spoof(label, tld, tld_unicode, self.confusables.as_ref(), sx)
            });
            if let Some(k) = spoof {
                // Restricted characters first: they say the most.
                if worst.map_or(true, |(w, _)| {
                    k == crate::idn::Spoof::Restricted && w != crate::idn::Spoof::Restricted
                }) {
                    worst = Some((k, label));
                }
            }
        }
        let (code, key, level, label) = match worst {
            Some((crate::idn::Spoof::Restricted, l)) => (
                code::RESTRICTED_CHARS,
                Weight::HostRestrictedChars,
                "restricted",
                l,
            ),
            Some((k, l)) => (code::MIXED_SCRIPT, Weight::HostMixedScript, k.as_str(), l),
            None => (
                code::PUNYCODE,
                Weight::HostPunycode,
                "single",
                unicode
                    .split('.')
                    .find(|l| !l.is_ascii())
                    .unwrap_or(unicode),
            ),
        };
        out.push(
            Reason::new(code, self.points(key))
                .with("label", truncate(label, 64))
                .with("level", level),
        );
    }

    pub(super) fn check_tld(&self, s: &RuleInput, out: &mut Vec<Reason>) {
        let host = s.host;
        let last = host.rsplit('.').next().unwrap_or("");
        let mut best = (self.tld_points(last), last);
        if let Some(suffix) = s.public_suffix {
            // For a private suffix (foo.vercel.app) only the ICANN part counts here.
            if !s.private_suffix {
                let p = self.tld_points(suffix);
                if p > best.0 {
                    best = (p, suffix);
                }
            }
        }
        if best.0 > 0 {
            out.push(Reason::new(code::TLD_ABUSED, best.0).with("tld", best.1));
        }
    }

    /// The shortener's name if the URL is a shortened link (a shortener host with a path).
    pub(super) fn shortened_link<'h>(&self, raw: &RawUrl, s: &RuleInput<'h>) -> Option<&'h str> {
        let host = s.host;
        let bare = host.strip_prefix("www.").unwrap_or(host);
        // A shortener's own home page hides nothing (asked first: most addresses have no path).
        let path = raw.path.split('#').next().unwrap_or("");
        if path.is_empty() || path == "/" {
            return None;
        }
        let hit =
            self.is_shortener(bare) || s.registrable_domain.is_some_and(|d| self.is_shortener(d));
        hit.then_some(bare)
    }

    pub(super) fn check_shortener(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) {
        if let Some(name) = self.shortened_link(raw, s) {
            out.push(
                Reason::new(code::SHORTENER, self.points(Weight::UrlShortener))
                    .with("shortener", name),
            );
        }
    }

    /// The hosting platform `host` sits on, if it is a user's site there: the listed suffix
    /// (PSL private section or `hosting_extra.tsv`), its points, and the user's own label (the
    /// one right in front of the suffix). `None` for the platform's own site (`pages.dev`,
    /// `www.weebly.com`) and for hosts on no listed platform.
    pub fn hosting_of<'h>(&self, host: &'h str) -> Option<(&'h str, u8, &'h str)> {
        let mut at = 0usize;
        while let Some(dot) = host.get(at..).and_then(|rest| rest.find('.')) {
            let split = at + dot;
            let suffix = host.get(split + 1..).unwrap_or("");
            if let Some(points) = self.hosting_points(suffix) {
                let front = host.get(..split).unwrap_or("");
                let owner = front.rsplit('.').next().unwrap_or(front);
                if owner.is_empty() || front == "www" {
                    return None;
                }
                return Some((suffix, points, owner));
            }
            at = split + 1;
        }
        None
    }

    /// True when the URL is a user's page on a shared platform (a site on a hosting or
    /// site-builder suffix, a shortened link, or IPFS content on a gateway), not the platform's own site: the engine should
    /// not treat it as the popular platform (`weeblysite.com`, `bit.ly`) it sits on.
    pub fn is_user_content(&self, subject: &Subject) -> bool {
        self.is_user_content_input(&RuleInput::from(subject))
    }

    /// [`Rules::is_user_content`] for a [`RuleInput`].
    pub fn is_user_content_input(&self, s: &RuleInput) -> bool {
        self.is_user_content_on(s, self.hosting_of(s.host))
    }

    /// [`Rules::is_user_content`] with [`Rules::hosting_of`] the host already read.
    pub fn is_user_content_on(&self, s: &RuleInput, hosting: Option<(&str, u8, &str)>) -> bool {
        if hosting.is_some() {
            return true;
        }
        let raw = RawUrl::split(s.input);
        self.shortened_link(&raw, s).is_some() || ipfs_content(&raw, s.host).is_some()
    }

    /// A platform's staging address: its row sets more points than any count-derived row
    /// (`hosting_extra.tsv`, 40), so `hosting.free` alone is suspicious.
    pub(super) fn is_staging(&self, points: u8) -> bool {
        points > self.points(Weight::HostingFreeMax)
    }

    pub(super) fn check_hosting(&self, hosting: Option<(&str, u8, &str)>, out: &mut Vec<Reason>) {
        if let Some((suffix, points, _)) = hosting {
            if self.is_staging(points) {
                out.push(
                    Reason::new(code::HOSTING_FREE, points)
                        .with("suffix", suffix)
                        .with("kind", "staging"),
                );
            } else if points > 0 {
                out.push(Reason::new(code::HOSTING_FREE, points).with("suffix", suffix));
            }
        }
    }

    /// A page served from IPFS through an HTTP gateway: `/ipfs/<CID>` in the path (any host: the
    /// gateways are many and anyone can run one) or a CID as the first label of a subdomain
    /// gateway (`bafy….ipfs.dweb.link`). Nobody can take such a page down, so phishing kits use it
    /// heavily; people rarely open one on purpose.
    pub(super) fn check_ipfs(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) {
        if let Some((cid, gateway)) = ipfs_content(raw, s.host) {
            // A gateway listed as a hosting platform (ipfs.dweb.link) says the same thing once.
            out.retain(|r| r.code != code::HOSTING_FREE);
            out.push(
                Reason::new(code::IPFS, self.points(Weight::HostingIpfs))
                    .with("cid", truncate(cid, 64))
                    .with("gateway", truncate(gateway, 64)),
            );
        }
    }
}
