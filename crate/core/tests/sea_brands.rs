//! The protected brands of Malaysia, Singapore, Thailand, Vietnam and the Philippines
//! (`data/targets_sea.tsv`, issue 13): lookalikes of them, shaped like the fakes reported in
//! those countries, are flagged with the brand named and the real site suggested, and the real
//! sites stay safe. The bundled blocklist is off, so only the brand data catches these.

use std::sync::OnceLock;
use waspada_core::builder::{build, Inputs};
use waspada_core::{Engine, Level, Settings, Verdict};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let inputs = Inputs::without_sources().expect("bundled inputs");
        let bytes = build(&inputs).expect("build").0;
        Engine::new(bytes, Settings::default()).expect("engine")
    })
}

/// The real sites of a brand: safe, and recognised as official (not just as unknown).
fn assert_official(urls: &[&str]) {
    for url in urls {
        let v = engine().check(url);
        assert_eq!(v.verdict, Level::Safe, "{url}: {v:?}");
        assert!(
            v.reasons.iter().any(|r| r.code == "site.official"),
            "{url} is not known as official: {v:?}"
        );
    }
}

/// A lookalike of one of `targets`: suspicious or worse, a lookalike/brand reason that names one
/// of the targets, and (when `suggest` is given) "Did you mean …?" the real site.
fn assert_caught(url: &str, targets: &[&str], suggest: Option<&str>) -> Verdict {
    let v = engine().check(url);
    assert!(
        v.verdict >= Level::Suspicious && v.verdict != Level::Invalid,
        "{url} not flagged: {v:?}"
    );
    let named = v.reasons.iter().any(|r| {
        (r.code.starts_with("lookalike.") || r.code.starts_with("brand."))
            && r.params
                .get("target")
                .is_some_and(|t| targets.iter().any(|x| t == x))
    });
    assert!(
        named,
        "{url}: no lookalike reason naming {targets:?}: {v:?}"
    );
    if let Some(s) = suggest {
        assert_eq!(v.suggestion.as_deref(), Some(s), "{url}: {v:?}");
    }
    v
}

#[test]
fn malaysia() {
    assert_official(&[
        "https://www.pbebank.com/",
        "https://www.cimbclicks.com.my/",
        "https://www.touchngo.com.my/ewallet/security-centre",
        "https://www.maxis.com.my/en/bewareofscams.html",
        "https://secure.kwsp.gov.my/",
        "https://shopee.com.my/",
        "https://www.pos.com.my/",
        "https://www.hasil.gov.my/",
        "https://www.hlb.com.my/en/personal-banking.html",
        "https://www.hlisb.com.my/",
    ]);
    // Fake PBe SMS ("PBe Your account is in a high-risk state PLS log in") lead to pages like these.
    assert_caught(
        "https://pbebank-secure-login.com/",
        &["pbebank.com"],
        Some("pbebank.com"),
    );
    assert_caught("http://pbebnak.com/", &["pbebank.com"], Some("pbebank.com"));
    assert_caught(
        "https://cimbclicks-verify.com/login",
        &["cimbclicks.com.my"],
        None,
    );
    assert_caught(
        "https://tngdigital-claim.com/bantuan",
        &["tngdigital.com.my"],
        None,
    );
    assert_caught(
        "https://touchngo-ewallet-claim.top/",
        &["touchngo.com.my"],
        None,
    );
    assert_caught(
        "https://rhbgroup-verify.com/",
        &["rhbgroup.com"],
        Some("rhbgroup.com"),
    );
    assert_caught(
        "https://kwsp-secure-login.com/pengeluaran",
        &["kwsp.gov.my"],
        Some("kwsp.gov.my"),
    );
    assert_caught(
        "https://celcomdgi.com/",
        &["celcomdigi.com"],
        Some("celcomdigi.com"),
    );
}

#[test]
fn singapore() {
    assert_official(&[
        "https://www.singpass.gov.sg/main",
        "https://www.dbs.com.sg/personal/default.page",
        "https://www.posb.com.sg/",
        "https://www.iras.gov.sg/",
        "https://www.cimbclicks.com.sg/",
        "https://shopee.sg/",
    ]);
    // The spoofed Singpass log-in pages of the "account expired" SMS.
    assert_caught(
        "https://singpass-verify.com/login",
        &["singpass.gov.sg"],
        Some("singpass.gov.sg"),
    );
    assert_caught(
        "https://mysingpass-update.com/",
        &["singpass.gov.sg"],
        Some("singpass.gov.sg"),
    );
    // Fakes DBS named itself: dbs-login6.com.
    assert_caught("https://dbs-login6.com/", &["dbs.com.sg", "dbs.com"], None);
    assert_caught(
        "https://posb-ibanking.com/",
        &["posb.com.sg"],
        Some("posb.com.sg"),
    );
    assert_caught(
        "https://iras-refund.com/",
        &["iras.gov.sg"],
        Some("iras.gov.sg"),
    );
    // Fake Carousell/CarouPay "receive your payment" pages.
    assert_caught(
        "https://carousell-verify-payment.com/receive",
        &["carousell.sg", "carousell.com"],
        None,
    );
    assert_caught(
        "https://singpost-redelivery.com/",
        &["singpost.com"],
        Some("singpost.com"),
    );
}

#[test]
fn thailand() {
    assert_official(&[
        "https://www.kasikornbank.com/th/personal",
        "https://www.bangkokbank.com/",
        "https://www.krungsri.com/th",
        "https://www.truemoney.com/",
        "https://www.thailandpost.co.th/",
        "https://shopee.co.th/",
    ]);
    assert_caught(
        "https://kasikornbank-secure.com/login",
        &["kasikornbank.com"],
        Some("kasikornbank.com"),
    );
    assert_caught(
        "https://kasikornbnak.com/",
        &["kasikornbank.com"],
        Some("kasikornbank.com"),
    );
    assert_caught(
        "https://krungsri-update.net/",
        &["krungsri.com"],
        Some("krungsri.com"),
    );
    assert_caught(
        "https://truemoney-angpao.com/",
        &["truemoney.com"],
        Some("truemoney.com"),
    );
    // Fake "Thailandpost: Your Package is still awaiting processing" fee pages.
    assert_caught(
        "https://thailandpost-delivery.com/pay",
        &["thailandpost.co.th"],
        Some("thailandpost.co.th"),
    );
    assert_caught(
        "https://kerryexpress-tracking.com/",
        &["kerryexpress.com"],
        Some("kerryexpress.com"),
    );
    assert_caught(
        "https://flashexpress-claim.com/",
        &["flashexpress.co.th"],
        Some("flashexpress.co.th"),
    );
}

#[test]
fn vietnam() {
    assert_official(&[
        "https://bidv.com.vn/",
        "https://www.vietinbank.vn/",
        "https://viettel.vn/s/chtt",
        "https://my.vnpt.com.vn/tttb",
        "https://ebank.msb.com.vn/",
        "https://zalopay.vn/",
        "https://tiki.vn/",
    ]);
    // The points-expiring SMS of fake Viettel and bank pages: "doi qua", "diem thuong".
    assert_caught(
        "https://viettel-doiqua.com/",
        &["viettel.vn"],
        Some("viettel.vn"),
    );
    assert_caught(
        "https://viettel-diemthuong.net/",
        &["viettel.vn"],
        Some("viettel.vn"),
    );
    assert_caught(
        "https://bidv-xacminh.com/",
        &["bidv.com.vn"],
        Some("bidv.com.vn"),
    );
    assert_caught(
        "https://vietinbank-trungthuong.com/",
        &["vietinbank.vn"],
        Some("vietinbank.vn"),
    );
    assert_caught(
        "https://mbbank-xacthuc.com/dang-nhap",
        &["mbbank.com.vn"],
        Some("mbbank.com.vn"),
    );
    assert_caught(
        "https://zalopay-nhanqua.com/",
        &["zalopay.vn"],
        Some("zalopay.vn"),
    );
    assert_caught(
        "https://agrlbank.com.vn/",
        &["agribank.com.vn"],
        Some("agribank.com.vn"),
    );
    assert_caught(
        "https://sacombank.com.vn.xacthuc-tk.top/",
        &["sacombank.com.vn"],
        None,
    );
}

#[test]
fn philippines() {
    assert_official(&[
        "https://www.bdo.com.ph/personal",
        "https://online.bpi.com.ph/",
        "https://www.metrobank.com.ph/",
        "https://www.sss.gov.ph/",
        "https://www.phlpost.gov.ph/",
        "https://shopee.ph/",
        "https://www.lbcexpress.com/",
        "https://www.lbpiaccess.com/",
    ]);
    assert_caught("https://bdo-online-verify.com/", &["bdo.com.ph"], None);
    assert_caught(
        "https://metrobank-ph-login.com/",
        &["metrobank.com.ph"],
        Some("metrobank.com.ph"),
    );
    // Fake PHLPost P17.05 redelivery-fee pages.
    assert_caught(
        "https://phlpost-redelivery.com/",
        &["phlpost.gov.ph"],
        Some("phlpost.gov.ph"),
    );
    assert_caught(
        "https://lbcexpress-tracking.com/",
        &["lbcexpress.com"],
        Some("lbcexpress.com"),
    );
    assert_caught(
        "https://philhealth-claim.com/",
        &["philhealth.gov.ph"],
        Some("philhealth.gov.ph"),
    );
    assert_caught(
        "https://landbank-update.net/",
        &["landbank.com"],
        Some("landbank.com"),
    );
}

/// Ordinary sites that merely contain a short key or a common word of the new rows stay quiet.
#[test]
fn ordinary_sites_with_short_or_common_keys_stay_safe() {
    for url in [
        "https://www.posterous.com/",
        "https://pos-system-reviews.com/",
        "https://hasilpemilu.kpu.go.id/",
        "https://www.evnt.com/",
    ] {
        let v = engine().check(url);
        assert!(
            v.verdict < Level::Suspicious || v.verdict == Level::Invalid,
            "{url}: {v:?}"
        );
    }
}
