//! Lookalike check time against the full bundled target index (curated targets + ~85k popular
//! sites), per host kind: a clean unrelated host, an ASCII typosquat, a combosquat on a hosting
//! platform, an IDN homograph, an embedded official domain. Also the index sizes.
//! Results: `benches/RESULTS.md` (section "Lookalike").
//!
//! `cargo bench -p waspada-core --bench lookalike -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use waspada_core::builder::{build, Inputs};
use waspada_core::domain::{Psl, PSL_TAG};
use waspada_core::format::Envelope;
use waspada_core::lookalike::{HostView, Lookalike};

const CASES: &[(&str, &str)] = &[
    ("clean", "www.example-bakery.com"),
    ("typo", "tokopedla.com"),
    ("long_typo", "bankmandirii-co.co.id"),
    ("combosquat_hosting", "paypal-login-verify.netlify.app"),
    ("idn_homograph", "xn--80ak6aa92e.com"),
    ("embedded", "klikbca.com.secure-login.xyz"),
    (
        "many_labels",
        "a.b.c.d.e.f.g.h.login.secure.update.example.com",
    ),
];

fn lookalike(c: &mut Criterion) {
    let inputs = Inputs::without_sources().unwrap();
    let (bytes, _) = build(&inputs).unwrap();
    let env = Envelope::parse(&bytes).unwrap();
    for (tag, len) in env.tags() {
        let t = String::from_utf8_lossy(&tag).to_string();
        if t.starts_with("TG") || t.starts_with("LK") {
            eprintln!("section {t}: {len} bytes");
        }
    }
    let lk = Lookalike::from_envelope(&env, &bytes).unwrap();
    eprintln!("targets + popular records: {}", lk.targets.len());
    let psl = Psl::new(&bytes[env.section(PSL_TAG).unwrap()]).unwrap();
    let mut g = c.benchmark_group("lookalike");
    for (name, host) in CASES {
        let view = HostView {
            host,
            registrable: psl.registrable_domain(host),
            public_suffix: psl.public_suffix(host),
            private_suffix: psl.is_private_suffix(host),
        };
        g.bench_function(*name, |b| b.iter(|| lk.check(black_box(&view), &[])));
    }
    let user: Vec<String> = (0..20).map(|i| format!("my-own-site-{i}.co.id")).collect();
    let host = "tokopedla.com";
    let view = HostView {
        host,
        registrable: psl.registrable_domain(host),
        public_suffix: psl.public_suffix(host),
        private_suffix: false,
    };
    g.bench_function("typo_with_20_user_protected", |b| {
        b.iter(|| lk.check(black_box(&view), &user))
    });
    g.finish();
    c.bench_function("lookalike_load_views", |b| {
        b.iter(|| Lookalike::from_envelope(black_box(&env), black_box(&bytes)).unwrap())
    });
}

criterion_group!(benches, lookalike);
criterion_main!(benches);
