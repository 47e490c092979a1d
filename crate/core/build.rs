//! Points the builder at the acquired sources (`scripts/acquire` writes them to
//! `target/sources/`; `WASPADA_SOURCES_DIR` chooses another directory). The builder and the tests
//! read the other publishers' data from there: none of it is in the repository.

use std::path::PathBuf;

/// The files `scripts/acquire` writes that the builder compiles in.
const REQUIRED: [&str; 7] = [
    "public_suffix_list.dat",
    "list_sources.tsv",
    "popular.tsv",
    "popular_moz500.tsv",
    "url_shorteners.tsv",
    "hosting_suffixes.tsv",
    "lists",
];

fn main() {
    println!("cargo:rerun-if-env-changed=WASPADA_SOURCES_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("WASPADA_SOURCES_DIR") {
        Some(d) => PathBuf::from(d),
        None => manifest.join("../../target/sources"),
    };
    let dir = dir.canonicalize().unwrap_or(dir);
    println!("cargo:rustc-env=WASPADA_SOURCES_DIR={}", dir.display());
    if std::env::var_os("CARGO_FEATURE_BUILDER").is_none() {
        return; // the run-time code (wasm) reads nothing but the data file
    }
    for f in REQUIRED {
        let p = dir.join(f);
        println!("cargo:rerun-if-changed={}", p.display());
        if !p.exists() {
            eprintln!(
                "\nwaspada-core: the acquired sources are missing ({} does not exist).\n\
                 The lists, the popular sites, the URL shorteners and the Public Suffix List are other\n\
                 publishers' data and are not in the repository: run `scripts/acquire` first (it reads\n\
                 their URLs, or with no network the mirror ../shared/data/upstream), or set\n\
                 WASPADA_SOURCES_DIR to a directory it wrote. See MAINTAINING.md.\n",
                p.display()
            );
            std::process::exit(1);
        }
    }
}
