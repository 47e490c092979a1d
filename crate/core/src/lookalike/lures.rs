//! The lure words that make a brand inside a foreign host an attack.

/// Lure words that make a brand inside a foreign host an attack (matched as tokens of the host,
/// or as substrings when at least 5 letters). General words, not taken from any test set.
const LURES: &[&str] = &[
    "pin",
    "saldo",
    "bantuan",
    "kaget",
    "daget",
    "poin",
    "kupon",
    "voucher",
    "cashback",
    "subsidi",
    "pinjaman",
    "paylater",
    "pencairan",
    "cair",
    "transfer",
    "invest",
    "investasi",
    "merchant",
    "pulsa",
    "login",
    "log-in",
    "logon",
    "signin",
    "sign-in",
    "verify",
    "verif",
    "verifikasi",
    "validasi",
    "validate",
    "secure",
    "security",
    "update",
    "account",
    "akun",
    "confirm",
    "konfirmasi",
    "unlock",
    "suspend",
    "suspended",
    "blokir",
    "recover",
    "recovery",
    "promo",
    "hadiah",
    "bonus",
    "gift",
    "reward",
    "claim",
    "klaim",
    "billing",
    "invoice",
    "refund",
    "redelivery",
    "undian",
    "aktivasi",
    "activate",
    "activation",
    "auth",
    "otp",
    "reset",
    "password",
    "webscr",
    "helpdesk",
    "support",
    "cs",
    "resmi",
    "official",
    "ebanking",
    "ibanking",
    "apk",
    "bansos",
    "tarif",
    "gratis",
    "giveaway",
    "airdrop",
    "restore",
    "alert",
    "notice",
    "cek",
    "layanan",
    "delivery",
    "tracking",
    "parcel",
    "paket",
    // Indonesian customer-service and "official store" lures (issue 11): "Shopee Mall" on a
    // cheap domain, "kendala" (a problem with your account), "pengaduan" (complaints),
    // "pembatalan" (cancellation of a tariff change), "opisial" (a common spelling of official).
    // Not "service" or "customer": brands' own hosts carry them (amazonwebservices.com).
    "mall",
    "kendala",
    "pengaduan",
    "pembatalan",
    "opisial",
    "callcenter",
];

/// A lure word of 5+ letters starts at `at` in `text` (`bca|login`).
pub(super) fn lure_glued_after(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    LURES
        .iter()
        .any(|w| !lure_needs_token(w) && rest.starts_with(w))
}

/// A lure word of 5+ letters ends at `at` in `text` and starts a word there (`official|dana`).
pub(super) fn lure_glued_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    LURES.iter().any(|w| {
        !lure_needs_token(w)
            && head
                .strip_suffix(w)
                .is_some_and(|h| h.is_empty() || h.ends_with(|c: char| !c.is_ascii_alphabetic()))
    })
}

/// Which lure words count only as whole tokens (short or common inside ordinary words).
fn lure_needs_token(w: &str) -> bool {
    w.len() < 5
}

pub(super) fn lure_in(text: &str, skip: std::ops::Range<usize>) -> Option<&'static str> {
    let before = text.get(..skip.start).unwrap_or("");
    let after = text.get(skip.end..).unwrap_or("");
    for part in [before, after] {
        for tok in part.split(|c: char| !c.is_ascii_alphanumeric() || c.is_ascii_digit()) {
            if tok.is_empty() {
                continue;
            }
            for &w in LURES {
                if tok == w || (!lure_needs_token(w) && tok.contains(w)) {
                    return Some(w);
                }
            }
        }
    }
    None
}
