//! Builds the default data file from `crate/core/data/` (targets, rules) and the sources
//! `scripts/acquire` wrote (`target/sources/`: blocklists, PSL, popular sites, shorteners) into
//! `OUT_DIR/waspada.bin`, which `src/main.rs` embeds with `include_bytes!`.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    // The data files are `include_str!`'d by waspada-core (a build-dependency), so a change to
    // any of them rebuilds it and reruns this script; watching the directory covers new files.
    println!("cargo:rerun-if-changed=../core/data");
    println!("cargo:rerun-if-changed=build.rs");
    println!(
        "cargo:rerun-if-changed={}/lists",
        waspada_core::builder::SOURCES_DIR
    );
    let mut inputs = waspada_core::builder::Inputs::defaults()?;
    let (bytes, _report, _spared) =
        waspada_core::builder::popular_policy::build_with_policy(&mut inputs)?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("waspada.bin");
    std::fs::write(&out, &bytes)?;
    Ok(())
}
