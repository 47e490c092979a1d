//! `waspada`: check links against the bundled list and heuristics, build and inspect list files.
//!
//! Exit codes (all subcommands):
//! - `0` success; for `check`: every input was checked and none is dangerous or blocked;
//! - `1` for `check`: at least one input is dangerous or blocked; for `blocklist build`: the
//!   build failed (e.g. `--strict` and invalid lines);
//! - `2` usage error (unknown option, bad value);
//! - `3` a file could not be read or written, or a list file is refused (corrupt, truncated,
//!   newer format);
//! - `4` for `check`: no input is dangerous or blocked, but at least one is `invalid`.

mod check;
mod eval;
mod list;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The data file built from `crate/core/data/` at compile time (see `build.rs`).
pub static EMBEDDED_LIST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/waspada.bin"));

/// Exit codes, documented at the top of this file and in `--help`.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FLAGGED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const IO: u8 = 3;
    pub const INVALID: u8 = 4;
}

#[derive(Parser, Debug)]
#[command(
    name = "waspada",
    version,
    about = "Waspada: check links for scams, phishing and lookalike domains, offline.",
    after_help = "Exit codes: 0 ok / nothing flagged, 1 something dangerous or blocked (check) or build \
failed, 2 usage error, 3 file or list-file error, 4 some input invalid (check)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check URLs or domains (arguments, or one per line from standard input).
    ///
    /// Each standard-input line gives exactly one verdict, in order: its first tab-separated
    /// column is checked (`--column N` for another), so a TSV can be piped in as is; a header line
    /// is checked like any other unless `--skip-header`; a blank or unparseable line gives an
    /// `invalid` verdict and the batch goes on. A bare domain means http://.
    Check(check::CheckArgs),
    /// Build or inspect blocklist data files.
    #[command(subcommand)]
    Blocklist(list::BlocklistCommand),
    /// Measure detection on the development sets with the bundled list off (Markdown table).
    Eval(eval::EvalArgs),
    /// List every reason code a verdict can carry (one per line, or a JSON array with --json).
    Reasons {
        /// Print a JSON array of the codes.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Blocklist(cmd) => list::run(cmd),
        Command::Eval(args) => eval::run(&args),
        Command::Reasons { json } => {
            let codes = waspada_core::code::ALL;
            if json {
                println!("{}", serde_json::json!(codes.as_slice()));
            } else {
                for c in codes {
                    println!("{c}");
                }
            }
            exit::OK
        }
    };
    ExitCode::from(code)
}
