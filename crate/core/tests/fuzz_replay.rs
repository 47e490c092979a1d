//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) and every crash the fuzzers
//! found (`fuzz/regressions/<target>/`) through the same harness the fuzzers run
//! (`tests/common/fuzz.rs`), on stable, in every `cargo test`. A crash file fails here until
//! its fix is in. See `fuzz/README.md` for running the fuzzers themselves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/fuzz.rs"]
mod harness;

use std::path::PathBuf;

/// Every file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`, sorted.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= 2,
        "only {} committed inputs for {target}: the corpus is missing",
        files.len()
    );
    for (path, bytes) in &files {
        let r = std::panic::catch_unwind(|| run(bytes));
        assert!(r.is_ok(), "{target}: {} fails", path.display());
    }
}

#[test]
fn check_url_corpus_and_crashes_replay() {
    replay("check_url", harness::check_input);
}

#[test]
fn load_data_corpus_and_crashes_replay() {
    replay("load_data", harness::load_input);
}

#[test]
fn build_list_corpus_and_crashes_replay() {
    replay("build_list", harness::build_input);
}
