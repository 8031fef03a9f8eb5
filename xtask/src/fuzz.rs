//! `cargo xtask fuzz`: a bounded libFuzzer pass over the core's untrusted inputs: packs (JSON and compact) and answer codes.
//!
//! cargo-fuzz is installed on first use into the target folder (`target/tools`), never globally.
//! It asks rustc for nightly flags (`-Z sanitizer`, sanitizer coverage); the stable toolchain accepts
//! them with `RUSTC_BOOTSTRAP=1`, which is scoped to the fuzz build and nothing else.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};

use crate::project_root;

/// The seconds each target runs for in CI.
const DEFAULT_SECONDS: u64 = 60;

/// The fuzz targets of `fuzz/`, the longest input each is given, and the files of the repository
/// that seed its corpus beside the committed `fuzz/seeds/<target>/`.
const TARGETS: &[Target] = &[
    Target {
        name: "pack_load",
        // The default pack (about 180 KB) must fit, or libFuzzer would skip the best seed.
        max_len: 256 * 1024,
        seeds: &[
            "core/content/cloud-pi-native.json",
            "core/tests/fixtures/small.json",
        ],
    },
    Target {
        name: "answer_code",
        // A little over the decoder's 16 KiB limit, so that the refusal is exercised too.
        max_len: 17 * 1024,
        seeds: &[],
    },
    Target {
        name: "pack_compact",
        // The default pack's compact form is about 120 KB.
        max_len: 256 * 1024,
        seeds: &[],
    },
];

#[derive(Debug)]
struct Target {
    name: &'static str,
    max_len: usize,
    seeds: &'static [&'static str],
}

/// What one target did, read from libFuzzer's final statistics.
#[derive(Debug)]
struct Run {
    target: &'static str,
    executions: u64,
    per_second: u64,
    seconds: f64,
}

pub(crate) fn run(args: &[String]) -> Result<()> {
    let seconds = match args {
        [] => DEFAULT_SECONDS,
        [flag, seconds] if flag == "--long" => seconds
            .parse()
            .with_context(|| format!("--long {seconds:?} is not a number of seconds"))?,
        _ => bail!("fuzz takes only --long SECONDS, not {:?}", args.join(" ")),
    };
    let root = project_root();
    let tools = crate::dist::target_dir(&root)?.join("tools");
    ensure_cargo_fuzz(&tools)?;
    let mut runs = Vec::new();
    for target in TARGETS {
        runs.push(fuzz_target(&root, &tools, target, seconds)?);
    }
    println!("\nfuzzing, {seconds} s per target:");
    for run in &runs {
        println!(
            "  {:<12} {:>10} executions ({} per second, {:.0} s with the build), no crash",
            run.target, run.executions, run.per_second, run.seconds
        );
    }
    Ok(())
}

/// Installs cargo-fuzz into `tools` unless it is there already.
fn ensure_cargo_fuzz(tools: &Path) -> Result<()> {
    crate::install_tool(tools, "cargo-fuzz", "cargo-fuzz").map(drop)
}

fn fuzz_target(root: &Path, tools: &Path, target: &Target, seconds: u64) -> Result<Run> {
    let started = Instant::now();
    let fuzz = root.join("fuzz");
    // The working corpus grows with each run and stays out of git; the seeds are committed.
    let corpus = fuzz.join("corpus").join(target.name);
    fs::create_dir_all(&corpus).with_context(|| format!("cannot create {}", corpus.display()))?;
    for seed in target.seeds {
        let source = root.join(seed);
        let name = Path::new(seed)
            .file_name()
            .context("a seed has a file name")?;
        fs::copy(&source, corpus.join(name))
            .with_context(|| format!("cannot copy {}", source.display()))?;
    }
    let seeds = fuzz.join("seeds").join(target.name);
    let log = fuzz.join("artifacts").join(format!("{}.log", target.name));
    fs::create_dir_all(log.parent().context("the log has a folder")?)?;

    let path = std::env::join_paths(std::iter::once(tools.join("bin")).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))?;
    println!(
        "\n$ cargo fuzz run {} -- -max_total_time={seconds}",
        target.name
    );
    let mut child = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(&fuzz)
        .env("PATH", path)
        // cargo-fuzz passes `-Z` flags to rustc; stable rustc takes them only with this.
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", target.name])
        .arg(&corpus)
        .arg(&seeds)
        .args([
            "--",
            &format!("-max_total_time={seconds}"),
            "-rss_limit_mb=2048",
            "-print_final_stats=1",
        ])
        .arg(format!("-max_len={}", target.max_len))
        .arg(format!("-timeout={}", 10))
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo fuzz")?;
    // libFuzzer writes a line per new input; keep them in a log and show only what matters.
    let mut lines = Vec::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines() {
            let line = line.context("cannot read cargo fuzz's output")?;
            let noise = line.starts_with(['#', '\t', '"'])
                || line.starts_with("stat::")
                || line.starts_with("INFO:");
            if !noise {
                eprintln!("{line}");
            }
            lines.push(line);
        }
    }
    let status = child.wait().context("cannot wait for cargo fuzz")?;
    fs::write(&log, lines.join("\n") + "\n")
        .with_context(|| format!("cannot write {}", log.display()))?;
    ensure!(
        status.success(),
        "fuzz target {} failed ({status}); the crashing input is in fuzz/artifacts/{}/, the whole output in {}",
        target.name,
        target.name,
        log.display()
    );
    let stat = |name: &str| -> u64 {
        lines
            .iter()
            .find_map(|line| {
                line.strip_prefix(name)
                    .and_then(|rest| rest.trim().parse().ok())
            })
            .unwrap_or(0)
    };
    Ok(Run {
        target: target.name,
        executions: stat("stat::number_of_executed_units:"),
        per_second: stat("stat::average_exec_per_sec:"),
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_is_a_fuzz_binary_with_seeds() {
        let manifest = fs::read_to_string(project_root().join("fuzz").join("Cargo.toml"))
            .expect("fuzz/Cargo.toml");
        for target in TARGETS {
            assert!(
                manifest.contains(&format!("name = \"{}\"", target.name)),
                "{} is not in fuzz/Cargo.toml",
                target.name
            );
            let seeds = project_root().join("fuzz").join("seeds").join(target.name);
            assert!(
                fs::read_dir(&seeds).is_ok_and(|mut files| files.next().is_some()),
                "{} is empty",
                seeds.display()
            );
            for seed in target.seeds {
                assert!(project_root().join(seed).is_file(), "{seed} is missing");
            }
        }
    }
}
