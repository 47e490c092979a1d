//! The `waspada` command as a user runs it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn waspada() -> Command {
    let mut c = Command::cargo_bin("waspada").unwrap();
    c.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    c
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/data")
}

fn shared_dev() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dev");
    p.is_dir().then_some(p)
}

#[test]
fn bundled_list_hosts_are_blocked() {
    let dir = tempfile::tempdir().unwrap();
    let hosts = dir.path().join("hosts.tsv");
    let sources: Vec<PathBuf> =
        std::fs::read_dir(Path::new(waspada_core::builder::SOURCES_DIR).join("lists"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    waspada()
        .args(["blocklist", "build", "--quiet", "--out"])
        .arg(dir.path().join("list.bin"))
        .arg("--hosts-out")
        .arg(&hosts)
        .args(&sources)
        .assert()
        .success();
    let text = std::fs::read_to_string(&hosts).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 80_000, "{} hosts", lines.len());
    // Every listed host (first column) is blocked by the built-in list, with its category.
    let out = waspada()
        .args(["check", "--json"])
        .write_stdin(text.clone())
        .assert()
        .code(1);
    let verdicts = json_lines(&out.get_output().stdout);
    assert_eq!(verdicts.len(), lines.len());
    for (v, line) in verdicts.iter().zip(&lines) {
        let (host, category) = line.split_once('\t').unwrap();
        assert_eq!(v["input"], host);
        assert_eq!(v["verdict"], "blocked", "{line}: {v}");
        let reason = v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "list.blocked")
            .unwrap();
        assert_eq!(reason["params"]["category"], category, "{line}");
    }
}

#[test]
fn subdomains_and_paths_of_a_listed_host_are_blocked() {
    let out = waspada()
        .args([
            "check",
            "--json",
            "polkadot-dot.info",
            "https://app.polkadot-dot.info/claim?x=1",
        ])
        .assert()
        .code(1);
    for v in json_lines(&out.get_output().stdout) {
        assert_eq!(v["verdict"], "blocked", "{v}");
    }
}

#[test]
fn no_blocklist_turns_the_list_off() {
    let out = waspada()
        .args(["check", "--json", "--no-blocklist", "polkadot-dot.info"])
        .assert();
    let v = &json_lines(&out.get_output().stdout)[0];
    assert_ne!(v["verdict"], "blocked");
    assert!(v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["code"] != "list.blocked"));
}

#[test]
fn batch_of_dev_positives_gives_one_verdict_per_line_in_order() {
    let Some(dev) = shared_dev() else {
        eprintln!("skipped: shared/data/dev not found");
        return;
    };
    let text = std::fs::read_to_string(dev.join("positives_dev.tsv")).unwrap();
    // Every 16th data line: a sample of every kind of row, quick in a debug build.
    let lines: Vec<&str> = text.lines().skip(1).step_by(16).collect();
    let input = lines.join("\n") + "\n";
    let out = waspada()
        .args(["check", "--json"])
        .write_stdin(input)
        .assert();
    let verdicts = json_lines(&out.get_output().stdout);
    assert_eq!(verdicts.len(), lines.len());
    let mut with_site = 0;
    for (v, line) in verdicts.iter().zip(&lines) {
        let first = line.split('\t').next().unwrap();
        assert_eq!(v["input"], first);
        let level = v["verdict"].as_str().unwrap();
        assert!(
            ["safe", "suspicious", "dangerous", "blocked", "invalid"].contains(&level),
            "{v}"
        );
        if level != "invalid" {
            let host = v["host"].as_str().unwrap();
            let unicode = v["host_unicode"].as_str().unwrap();
            assert!(!host.is_empty() && host.is_ascii(), "{v}");
            assert!(!unicode.is_empty(), "{v}");
            if v["registrable_domain"].is_string() {
                with_site += 1;
                assert!(
                    host.ends_with(v["registrable_domain"].as_str().unwrap()),
                    "{v}"
                );
            }
        }
    }
    assert!(
        with_site * 10 > lines.len() * 9,
        "{with_site} of {} have a registrable domain",
        lines.len()
    );
}

#[test]
fn verdicts_stream_out_before_standard_input_ends() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("waspada"))
        .args(["check", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let timeout = std::time::Duration::from_secs(30);
    for host in ["polkadot-dot.info", "bca.co.id"] {
        writeln!(stdin, "{host}").unwrap();
        stdin.flush().unwrap();
        // The verdict arrives while standard input is still open.
        let line = rx
            .recv_timeout(timeout)
            .expect("no verdict before end of input");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["input"], host);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
    reader.join().unwrap();
}

#[test]
fn unicode_hosts_are_shown_in_both_forms() {
    let out = waspada()
        .args([
            "check",
            "--json",
            "http://xn--80ak6aa92e.com/",
            "http://аррӏе.com/",
        ])
        .assert();
    for v in json_lines(&out.get_output().stdout) {
        assert_eq!(v["host"], "xn--80ak6aa92e.com", "{v}");
        assert_eq!(v["host_unicode"], "аррӏе.com", "{v}");
        assert_eq!(v["registrable_domain"], "xn--80ak6aa92e.com", "{v}");
    }
}

#[test]
fn invalid_lines_get_an_invalid_verdict_and_the_batch_goes_on() {
    let input: &[u8] = b"polkadot-dot.info\n\nhttp://[::1\nhttp://\xff\xfe/\nbca.co.id\r\n";
    let out = waspada()
        .args(["check", "--json"])
        .write_stdin(input)
        .assert()
        .code(1);
    let v = json_lines(&out.get_output().stdout);
    assert_eq!(v.len(), 5);
    assert_eq!(v[0]["verdict"], "blocked");
    assert_eq!(v[1]["verdict"], "invalid");
    assert_eq!(v[2]["verdict"], "invalid");
    assert_eq!(v[4]["input"], "bca.co.id");
    assert_eq!(v[4]["verdict"], "safe");
}

#[test]
fn exit_codes_say_what_was_found() {
    waspada().args(["check", "bca.co.id"]).assert().code(0);
    waspada()
        .args(["check", "bca.co.id", "polkadot-dot.info"])
        .assert()
        .code(1);
    waspada()
        .args(["check", "bca.co.id", "http://[::1"])
        .assert()
        .code(4);
    waspada()
        .args(["check", "--sensitivity", "extreme", "x.com"])
        .assert()
        .code(2);
    waspada().args(["frobnicate"]).assert().code(2);
}

#[test]
fn readable_output_has_no_colour_when_not_a_terminal() {
    waspada()
        .args(["check", "polkadot-dot.info", "bca.co.id"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("BLOCKED"))
        .stdout(predicate::str::contains("list.blocked"))
        .stdout(predicate::str::contains(
            "checked 2: 1 safe, 0 suspicious, 0 dangerous, 1 blocked, 0 invalid",
        ))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn readable_output_is_coloured_when_forced() {
    let mut c = Command::cargo_bin("waspada").unwrap();
    c.env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "polkadot-dot.info"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b["));
    // --json is never coloured.
    let mut c = Command::cargo_bin("waspada").unwrap();
    let out = c
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--json", "polkadot-dot.info"])
        .assert()
        .code(1);
    assert_eq!(json_lines(&out.get_output().stdout).len(), 1);
}

#[test]
fn columns_and_headers_of_tsv_input() {
    let input = "rank\tdomain\n1\tpolkadot-dot.info\n2\tbca.co.id\n";
    let out = waspada()
        .args(["check", "--json", "--skip-header", "--column", "2"])
        .write_stdin(input)
        .assert()
        .code(1);
    let v = json_lines(&out.get_output().stdout);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["input"], "polkadot-dot.info");
    assert_eq!(v[0]["verdict"], "blocked");
    assert_eq!(v[1]["input"], "bca.co.id");
}

#[test]
fn build_reports_bad_lines_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("mylist.txt");
    std::fs::write(
        &src,
        "evil-example-one.com\nthis is not a domain\n||bad*wild^\nevil-example-one.com\n",
    )
    .unwrap();
    let out = dir.path().join("out.bin");
    let hosts = dir.path().join("hosts.tsv");
    let shown = src.display().to_string();
    waspada()
        .args(["blocklist", "build", "--category", "scam", "--out"])
        .arg(&out)
        .arg("--hosts-out")
        .arg(&hosts)
        .arg(&src)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("{shown}:2: invalid")))
        .stderr(predicate::str::contains(format!("{shown}:3: unsupported")))
        .stderr(predicate::str::contains(format!("{shown}:4: duplicate")))
        .stdout(predicate::str::contains("1 entries"));
    assert_eq!(
        std::fs::read_to_string(&hosts).unwrap(),
        "evil-example-one.com\tscam\n"
    );

    // The built file is a complete data file: `check --blocklist` uses it.
    let res = waspada()
        .args(["check", "--json", "--blocklist"])
        .arg(&out)
        .args(["https://www.evil-example-one.com/", "polkadot-dot.info"])
        .assert()
        .code(1);
    let v = json_lines(&res.get_output().stdout);
    assert_eq!(v[0]["verdict"], "blocked");
    let reason = v[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "list.blocked")
        .unwrap();
    assert_eq!(reason["params"]["source"], "mylist");
    assert_eq!(reason["params"]["category"], "scam");
    assert_ne!(
        v[1]["verdict"], "blocked",
        "the bundled sources are not in this file"
    );

    // Strict mode refuses the same sources.
    waspada()
        .args(["blocklist", "build", "--strict", "--out"])
        .arg(dir.path().join("strict.bin"))
        .arg(&src)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{shown}:2:")));
    assert!(!dir.path().join("strict.bin").exists());

    // A missing source is an I/O error naming the file.
    waspada()
        .args(["blocklist", "build", "--out"])
        .arg(dir.path().join("x.bin"))
        .arg(dir.path().join("nope.txt"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("nope.txt"));
}

#[test]
fn info_describes_a_list_and_refuses_a_broken_one() {
    waspada()
        .args(["blocklist", "info"])
        .assert()
        .success()
        .stdout(predicate::str::contains("format version: 4"))
        .stdout(predicate::str::contains("bytes/entry:    11.5"))
        .stdout(predicate::str::contains("BHST"));
    let out = waspada()
        .args(["blocklist", "info", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let version = std::fs::read_to_string(data_dir().join("VERSION")).unwrap();
    assert_eq!(v["list_version"], version.trim());
    assert!(v["entries"].as_u64().unwrap() > 80_000);
    assert!(v["counts"]["crypto"].as_u64().unwrap() > 50_000);

    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("list.bin");
    std::fs::write(&html, "<html><body>Not Found</body></html>").unwrap();
    waspada()
        .args(["blocklist", "info"])
        .arg(&html)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not a Waspada list file"));
    waspada()
        .args(["check", "--blocklist"])
        .arg(&html)
        .arg("x.com")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not a Waspada list file"));
}

#[test]
fn help_everywhere() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["blocklist", "--help"],
        vec!["blocklist", "build", "--help"],
        vec!["blocklist", "info", "--help"],
    ] {
        waspada()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn page_facts_from_a_file_check_a_url_as_the_extension_does() {
    let dir = std::env::temp_dir().join(format!("waspada-page-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let facts = dir.join("facts.json");
    std::fs::write(
        &facts,
        r#"{"password_field": true, "text": "Internet Banking KlikBCA"}"#,
    )
    .unwrap();
    let url = "https://akun-7731.weebly.com/";
    let plain = waspada().args(["check", "--json", url]).assert().code(0);
    assert_eq!(
        json_lines(&plain.get_output().stdout)[0]["verdict"],
        "suspicious"
    );
    let out = waspada()
        .args(["check", "--json", "--page"])
        .arg(&facts)
        .arg(url)
        .assert()
        .code(1);
    let v = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(v["verdict"], "dangerous");
    assert_eq!(v["suggestion"], "klikbca.com");
    assert!(v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "page.brand"));
    // Malformed facts and a missing file are refused; --page needs URL arguments.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"password_field": "yes"}"#).unwrap();
    waspada()
        .args(["check", "--page"])
        .arg(&bad)
        .arg(url)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not page facts"));
    waspada()
        .args(["check", "--page"])
        .arg(dir.join("missing.json"))
        .arg(url)
        .assert()
        .code(3);
    waspada()
        .args(["check", "--page"])
        .arg(&facts)
        .write_stdin("x.com\n")
        .assert()
        .code(2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_reason_code_given_is_listed_by_reasons() {
    let out = waspada().args(["reasons", "--json"]).assert().success();
    let listed: Vec<String> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(listed.len() >= 30, "{listed:?}");
    // One input per family of checks (the shared dev sets, when present, add thousands more).
    let mut input = String::from(
        "http://user@xn--pypal-4ve.com:8081/wp-content/plugins/x/login.exe?e=a%40b.com\n\
         paypa1.com\npaypal.co\nbca-promo-login.xyz\nklikbca.com.secure.xyz\n\
         192.168.0.1\nbit.ly/x\ndata:text/html,x\njavascript:alert(1)\nftp://x.org\n\
         slotgacor88-judi.top\nx.github.io/dana/login\nipfs.io/ipfs/bafy\ngoogle.com\nnot a url\n",
    );
    if let Some(dev) = shared_dev() {
        for file in ["positives_dev.tsv", "positives_indonesia_dev.tsv"] {
            let text = std::fs::read_to_string(dev.join(file)).unwrap();
            for line in text.lines().skip(1).step_by(8) {
                input.push_str(line.split('\t').next().unwrap_or(""));
                input.push('\n');
            }
        }
    }
    let out = waspada()
        .args(["check", "--json"])
        .write_stdin(input)
        .assert();
    let mut given = std::collections::BTreeSet::new();
    for v in json_lines(&out.get_output().stdout) {
        for r in v["reasons"].as_array().unwrap() {
            given.insert(r["code"].as_str().unwrap().to_string());
        }
    }
    let unlisted: Vec<&String> = given.iter().filter(|c| !listed.contains(c)).collect();
    assert!(
        unlisted.is_empty(),
        "codes given but not listed: {unlisted:?}"
    );
    assert!(given.len() >= 15, "too few codes exercised: {given:?}");
}
