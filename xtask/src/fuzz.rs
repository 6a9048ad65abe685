//! `cargo xtask fuzz [--minutes N] [--target backup]`: runs a cargo-fuzz
//! target from `fuzz/` for N minutes on the nightly toolchain, installing
//! cargo-fuzz into `target/tools` when it is missing. Never part of
//! `cargo xtask test`: the seed corpus is replayed by `tests/fuzz_corpus.rs`.

use std::process::Command;
use std::time::Duration;

use crate::tools::tools_dir;
use crate::util::{prepend_path, repo_root, run, step, which, Result};

const DEFAULT_TARGET: &str = "backup";

/// libFuzzer options for a run of `minutes`.
fn libfuzzer_args(minutes: u64) -> Vec<String> {
    vec![
        format!("-max_total_time={}", minutes * 60),
        // The largest file worth generating: bigger than any real backup
        // record, small enough to keep thousands of runs a second.
        "-max_len=65536".into(),
        "-timeout=30".into(),
        "-rss_limit_mb=4096".into(),
        "-print_final_stats=1".into(),
    ]
}

pub fn run_fuzz(minutes: u64, target: &str) -> Result<()> {
    let bin = tools_dir().join("bin");
    prepend_path(&bin);
    if which("cargo-fuzz").is_none() {
        step("cargo-fuzz is missing: cargo install cargo-fuzz --locked (a few minutes)");
        run(
            Command::new("cargo")
                .args(["install", "cargo-fuzz", "--locked", "--root"])
                .arg(tools_dir()),
            Some(Duration::from_secs(40 * 60)),
        )?;
    }
    let root = repo_root();
    let corpus = root.join("fuzz").join("corpus").join(target);
    step(format!(
        "fuzzing `{target}` for {minutes} min (corpus {})",
        corpus.display()
    ));
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root.join("fuzz"))
        .args(["+nightly", "fuzz", "run", target])
        // New inputs go to a scratch corpus; the seeds in fuzz/corpus/ stay small.
        .arg(root.join("target").join("fuzz-corpus").join(target))
        .arg(&corpus)
        .arg("--")
        .args(libfuzzer_args(minutes));
    std::fs::create_dir_all(root.join("target").join("fuzz-corpus").join(target))?;
    run(&mut cmd, None)
}

pub fn default_target() -> &'static str {
    DEFAULT_TARGET
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_for_the_requested_minutes_and_prints_stats() {
        let args = libfuzzer_args(12);
        assert!(args.contains(&"-max_total_time=720".to_string()));
        assert!(args.contains(&"-print_final_stats=1".to_string()));
    }
}
