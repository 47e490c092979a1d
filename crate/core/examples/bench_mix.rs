//! Native side of `scripts/bench`: times `Engine::check` on the same inputs the wasm is timed on,
//! so the benchmark can compare wasm with native (budget: wasm ≤ 2× native).
//!
//! `cargo run --release -p waspada-core --example bench_mix -- LIST.bin INPUTS.txt`
//!
//! Reads the data file and one input per line, runs one warm-up pass and one timed pass (one
//! `Instant` pair per call), and prints one JSON object: load time, median / p99 / max / mean
//! per check in microseconds, and a digest of the verdicts (level and score of every input) so
//! the benchmark can tell that both sides decided the same.

use std::process::ExitCode;
use std::time::Instant;
use waspada_core::{Engine, Settings};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [list, inputs] = args.as_slice() else {
        eprintln!("usage: bench_mix LIST.bin INPUTS.txt");
        return ExitCode::from(2);
    };
    let (bytes, text) = match (std::fs::read(list), std::fs::read_to_string(inputs)) {
        (Ok(b), Ok(t)) => (b, t),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("bench_mix: {e}");
            return ExitCode::from(3);
        }
    };
    let inputs: Vec<&str> = text.lines().collect();
    let t0 = Instant::now();
    let engine = match Engine::new(bytes, Settings::default()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bench_mix: cannot load {list}: {e}");
            return ExitCode::from(3);
        }
    };
    let load_us = t0.elapsed().as_secs_f64() * 1e6;
    let mut digest = 0u64;
    for input in &inputs {
        let v = engine.check(input);
        digest = digest.wrapping_mul(31).wrapping_add(u64::from(v.score));
    }
    let mut samples = Vec::with_capacity(inputs.len());
    let total = Instant::now();
    for input in &inputs {
        let t = Instant::now();
        let v = engine.check(std::hint::black_box(input));
        samples.push(t.elapsed().as_nanos() as f64 / 1000.0);
        std::hint::black_box(v);
    }
    let total_us = total.elapsed().as_secs_f64() * 1e6;
    samples.sort_by(f64::total_cmp);
    let at = |p: f64| {
        samples
            .get(((samples.len() as f64 * p) as usize).min(samples.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    let n = samples.len().max(1) as f64;
    println!(
        "{{\"inputs\":{},\"load_us\":{load_us:.1},\"median_us\":{:.3},\"p99_us\":{:.3},\"max_us\":{:.1},\"mean_us\":{:.3},\"digest\":\"{digest:016x}\"}}",
        samples.len(),
        at(0.5),
        at(0.99),
        samples.last().copied().unwrap_or(0.0),
        total_us / n,
    );
    ExitCode::SUCCESS
}
