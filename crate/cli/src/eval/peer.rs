//! The peer, MetaMask's eth-phishing-detect (node), run on the same hosts.

use super::rows::Row;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use waspada_core::Verdict;

/// The peer's answer per host: (flagged, type).
pub(super) type PeerAnswers = HashMap<String, (bool, String)>;

/// The host the peer is given for a row: ours when we parsed it, else the input's first token.
pub(super) fn peer_host(row: &Row, v: &Verdict) -> String {
    if let Some(h) = &v.host {
        return h.trim_start_matches('[').trim_end_matches(']').to_string();
    }
    let s = row.input.trim();
    let s = s.split("://").nth(1).unwrap_or(s);
    s.split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Runs the peer on the unique hosts; returns host → (flagged, type).
pub(super) fn run_peer(script: &Path, hosts: Vec<String>) -> Result<PeerAnswers, String> {
    if !script.exists() {
        return Err(format!(
            "peer script {} not found (run from the repository root)",
            script.display()
        ));
    }
    let dir = script.parent().unwrap_or(Path::new("."));
    if !dir.join("node_modules/eth-phishing-detect").exists() {
        return Err(format!(
            "the peer is not installed: run `npm ci --prefix {}`",
            dir.display()
        ));
    }
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for the peer")?;
    let mut stdout = child.stdout.take().ok_or("no stdout from the peer")?;
    let input: String = hosts
        .iter()
        .map(|h| format!("{}\n", h.replace(['\n', '\r'], "")))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = String::new();
    stdout
        .read_to_string(&mut out)
        .map_err(|e| format!("reading the peer's output: {e}"))?;
    let _ = writer.join();
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the peer exited with {status}"));
    }
    let lines: Vec<&str> = out.lines().collect();
    if lines.len() != hosts.len() {
        return Err(format!(
            "the peer answered {} lines for {} hosts",
            lines.len(),
            hosts.len()
        ));
    }
    Ok(hosts
        .into_iter()
        .zip(lines)
        .map(|(h, l)| {
            let mut parts = l.split('\t');
            let flag = parts.next() == Some("1");
            let kind = parts.next().unwrap_or("").to_string();
            (h, (flag, kind))
        })
        .collect())
}

/// The installed peer's version (`?` when unknown).
pub(super) fn peer_version(script: &Path) -> String {
    let p = script
        .parent()
        .unwrap_or(Path::new("."))
        .join("node_modules/eth-phishing-detect/package.json");
    std::fs::read_to_string(p)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| {
            v.get("version")
                .and_then(|s| s.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "?".into())
}
