//! Checks on the address's authority as typed: credentials before the host (`url.userinfo`), an
//! IP host and its notation (`host.ip_literal`), an explicit unusual port (`url.odd_port`).

use super::*;
use std::net::{Ipv4Addr, Ipv6Addr};

pub(super) fn is_plain_dotted_decimal(h: &str) -> bool {
    let mut parts = 0;
    for p in h.split('.') {
        parts += 1;
        let ok = !p.is_empty()
            && p.len() <= 3
            && p.bytes().all(|b| b.is_ascii_digit())
            && (p.len() == 1 || !p.starts_with('0'))
            && p.parse::<u16>().is_ok_and(|v| v <= 255);
        if !ok {
            return false;
        }
    }
    parts == 4
}

pub(super) fn is_local_v4(ip: &Ipv4Addr) -> bool {
    ip.is_private() || ip.is_loopback() || ip.is_link_local() || ip.is_unspecified()
}

pub(super) fn is_local_v6(ip: &Ipv6Addr) -> bool {
    let first = ip.segments().first().copied().unwrap_or(0);
    ip.is_loopback()
        || ip.is_unspecified()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
}

impl<'a> Rules<'a> {
    pub(super) fn check_userinfo(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) {
        let Some(info) = raw.userinfo else { return };
        let user = info.split(':').next().unwrap_or("");
        let decoded_dot = user.contains('.') || user.to_ascii_lowercase().contains("%2e");
        // A domain-looking user name: letters and dots, at least one dot with a label after it.
        let looks_like_domain = decoded_dot
            && user.split(['.']).filter(|l| !l.is_empty()).count() >= 2
            && user.bytes().any(|b| b.is_ascii_alphabetic());
        if looks_like_domain {
            out.push(
                Reason::new(code::USERINFO, self.points(Weight::UrlUserinfo))
                    .with("userinfo", truncate(user, 64))
                    .with("host", s.host),
            );
        } else if !info.is_empty() {
            out.push(
                Reason::new(code::USERINFO, self.points(Weight::UrlUserinfoPlain))
                    .with("userinfo", truncate(user, 64))
                    .with("host", s.host),
            );
        }
    }

    /// Returns true if the host is an IP address (public or not).
    pub(super) fn check_ip(&self, raw: &RawUrl, s: &RuleInput, out: &mut Vec<Reason>) -> bool {
        let host = s.host;
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            if let Ok(ip) = inner.parse::<Ipv6Addr>() {
                if !is_local_v6(&ip) {
                    out.push(
                        Reason::new(code::IP_LITERAL, self.points(Weight::HostIpLiteral))
                            .with("ip", inner)
                            .with("notation", "ipv6"),
                    );
                }
                return true;
            }
        }
        if let Ok(ip) = host.parse::<Ipv6Addr>() {
            if !is_local_v6(&ip) {
                out.push(
                    Reason::new(code::IP_LITERAL, self.points(Weight::HostIpLiteral))
                        .with("ip", host)
                        .with("notation", "ipv6"),
                );
            }
            return true;
        }
        let Ok(ip) = host.parse::<Ipv4Addr>() else {
            return false;
        };
        // The engine's host is normalized: compare with the host as typed to see the notation.
        let typed = raw.host.trim_end_matches('.');
        let plain = is_plain_dotted_decimal(typed) || typed.is_empty();
        if plain {
            if !is_local_v4(&ip) {
                out.push(
                    Reason::new(code::IP_LITERAL, self.points(Weight::HostIpLiteral))
                        .with("ip", host)
                        .with("notation", "dotted"),
                );
            }
        } else {
            out.push(
                Reason::new(code::IP_LITERAL, self.points(Weight::HostIpObfuscated))
                    .with("ip", host)
                    .with("notation", "obfuscated")
                    .with("typed", truncate(typed, 64)),
            );
        }
        true
    }

    pub(super) fn check_port(&self, raw: &RawUrl, scheme: &str, out: &mut Vec<Reason>) {
        let Some(port) = raw.port else { return };
        let Ok(p) = port.parse::<u32>() else { return };
        let default = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        if p == default || matches!(p, 80 | 443 | 8080 | 8443) {
            return;
        }
        out.push(
            Reason::new(code::ODD_PORT, self.points(Weight::UrlOddPort))
                .with("port", p.to_string()),
        );
    }
}
