//! The run-time modules use only what `crate/core/DESIGN.md` says they may: data flows one way
//! (url → domain → checks → score → verdict, the engine a thin front, the builder on top).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

/// Module → the crate modules it may use (the table of DESIGN.md).
const ALLOWED: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("category", &[]),
    ("verdict", &[]),
    ("page", &[]),
    ("code", &[]),
    ("text", &[]),
    ("settings", &["category"]),
    ("format", &["category", "error"]),
    ("url", &["text"]),
    ("domain", &["error", "format", "url"]),
    ("subject", &["url"]),
    ("blocklist", &["category", "error", "format"]),
    ("list_sources", &["error", "format"]),
    ("confusables", &["error", "format"]),
    ("scripts", &["error", "format"]),
    ("targets", &["error", "format"]),
    ("idn", &["confusables", "scripts"]),
    (
        "lookalike",
        &[
            "code",
            "confusables",
            "error",
            "format",
            "subject",
            "targets",
            "text",
            "verdict",
        ],
    ),
    (
        "rules",
        &[
            "code",
            "confusables",
            "error",
            "format",
            "idn",
            "scripts",
            "subject",
            "text",
            "verdict",
        ],
    ),
    ("score", &["settings", "verdict"]),
];

/// The `crate::x` modules named in the code (not comments, not test modules) of `text`.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        for (i, _) in line.match_indices("crate::") {
            let rest = &line[i + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn modules_use_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut seen = 0;
    for (module, allowed) in ALLOWED {
        let file = src.join(format!("{module}.rs"));
        let files: Vec<std::path::PathBuf> = if file.exists() {
            vec![file]
        } else {
            std::fs::read_dir(src.join(module))
                .unwrap_or_else(|e| panic!("{module}: {e}"))
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "rs"))
                .collect()
        };
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for used in uses(&text) {
                seen += 1;
                assert!(
                    used == *module || allowed.contains(&used.as_str()),
                    "{} uses crate::{used}, which DESIGN.md does not allow for `{module}`",
                    f.display()
                );
            }
        }
    }
    assert!(
        seen > 20,
        "too few uses found ({seen}): is the source layout the same?"
    );
    // Every run-time module is in the table (the engine is the front, the builder on top).
    for entry in std::fs::read_dir(&src).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let module = name.trim_end_matches(".rs");
        if ["lib", "engine", "builder"].contains(&module) {
            continue;
        }
        assert!(
            ALLOWED.iter().any(|(m, _)| *m == module),
            "module `{module}` is not in the graph of DESIGN.md (and of this test)"
        );
    }
}

/// Build-time code lives in `builder/` (feature `builder`): no run-time module compiles anything
/// only for the builder, so the run-time code reads the same with and without the feature.
#[test]
fn run_time_modules_carry_no_builder_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "builder") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    assert!(
        files.len() > 20,
        "only {} run-time files found",
        files.len()
    );
    let mut offenders = Vec::new();
    for f in &files {
        let rel = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "lib.rs" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        if text.contains("feature = \"builder\"") {
            offenders.push(rel);
        }
    }
    assert!(
        offenders.is_empty(),
        "builder code in run-time modules (move it to src/builder/): {offenders:?}"
    );
}
