//! `cargo xtask bench`: one table, measured in one run on this machine, saved as target/bench.md.
//!
//! Transfer sizes of dist/ with the content floor, the browser measures of `parcours-bench`
//! (widget against an empty Leptos mount built with the same profile) in headless Chromium and
//! headless Firefox ESR, one column each, and the native core's criterion benchmarks. Nothing here
//! is asserted; the size budget is a test of its own.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, Result, ensure};

use crate::{cargo, dist, project_root, sizes};

const BASELINE_PACKAGE: &str = "parcours-bench-baseline";
const BASELINE_LIB: &str = "parcours_bench_baseline";

pub(crate) fn run() -> Result<()> {
    let root = project_root();
    let dist = dist::run()?;
    let target = dist::target_dir(&root)?;
    let baseline_dist = target.join("bench-baseline").join("dist");
    build_baseline(&root, &baseline_dist)?;

    let mut report = String::from("# cargo xtask bench\n\n## Transfer size of dist/\n\n");
    let shipped = sizes::measure(&dist, dist::part_of)?;
    report.push_str(&shipped.markdown());
    report.push_str(&format!(
        "\nBudgets (xtask/src/sizes.rs): every embedding page {} of {} bytes brotli \
         (`BROTLI_BUDGET_BYTES`; goal 100,000), {} more for a page in English, {} more once a \
         visitor goes past the first step; the checker {} of {} (`CHECKER_BUDGET_BYTES`).\n",
        sizes::thousands(shipped.embed_brotli()),
        sizes::thousands(sizes::BROTLI_BUDGET_BYTES),
        sizes::thousands(shipped.english_brotli()),
        sizes::thousands(shipped.later_brotli()),
        sizes::thousands(shipped.checker_brotli()),
        sizes::thousands(sizes::CHECKER_BUDGET_BYTES)
    ));
    let content = minified_default_pack(&root)?;
    report.push_str(&format!(
        "\nThe default content pack alone, brotli q11 (the content floor): {} bytes as minified JSON, \
         {} bytes in compact form, of which the wasm embeds the first part (the French texts of \
         the first step, and what every step shows from it), {} bytes.\n",
        sizes::thousands(sizes::brotli_size(content.as_bytes())?),
        sizes::thousands(sizes::brotli_size(&parcours_core::default_pack().to_compact())?),
        sizes::thousands(sizes::brotli_size(&parcours_core::default_pack().to_compact_split().first)?)
    ));
    report.push_str("\nThe empty Leptos mount, built with the same profile:\n\n");
    report.push_str(&sizes::measure(&baseline_dist, dist::part_of)?.markdown());

    // The same geckodriver as the Firefox tests, installed into target/tools on first use.
    let geckodriver = crate::testing::ensure_geckodriver(&root)?;
    println!("$ cargo run -p parcours-e2e --bin parcours-bench");
    let browser_table = target.join("bench-browser.md");
    let status = cargo()
        .current_dir(&root)
        .env(crate::testing::GECKODRIVER_VARIABLE, &geckodriver)
        .args([
            "run",
            "--quiet",
            "-p",
            "parcours-e2e",
            "--bin",
            "parcours-bench",
            "--",
        ])
        .arg(root.join("www"))
        .arg(&dist)
        .arg(root.join("bench").join("baseline").join("www"))
        .arg(&baseline_dist)
        .arg(&browser_table)
        .status()
        .context("cannot run parcours-bench")?;
    ensure!(status.success(), "parcours-bench failed ({status})");
    report.push_str("\n## In headless Chromium and headless Firefox ESR\n\n");
    report
        .push_str(&fs::read_to_string(&browser_table).context("cannot read the browser measures")?);

    println!("$ cargo bench -p parcours-core --bench engine");
    let output = cargo()
        .current_dir(&root)
        .args([
            "bench",
            "-p",
            "parcours-core",
            "--bench",
            "engine",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run the core benchmarks")?;
    ensure!(
        output.status.success(),
        "the core benchmarks failed ({})",
        output.status
    );
    report.push_str("\n## Native parcours-core (criterion, median of the estimate)\n\n| benchmark | time | target |\n|---|---|---|\n");
    for (name, time) in criterion_estimates(&String::from_utf8_lossy(&output.stdout)) {
        let goal = match name.as_str() {
            "load default pack" | "read compact default pack" => "< 2 ms",
            "assess" => "< 20 µs",
            _ => "",
        };
        report.push_str(&format!("| {name} | {time} | {goal} |\n"));
    }

    let out = target.join("bench.md");
    fs::write(&out, &report).with_context(|| format!("cannot write {}", out.display()))?;
    println!("\n{report}\nsaved to {}", out.display());
    Ok(())
}

/// Builds the empty Leptos mount exactly as dist builds the widget, into `out`.
fn build_baseline(root: &Path, out: &Path) -> Result<()> {
    dist::build_wasm(root, &["-p", BASELINE_PACKAGE])?;
    let wasm = dist::target_dir(root)?
        .join(dist::WASM_TARGET)
        .join(dist::WASM_PROFILE)
        .join(format!("{BASELINE_LIB}.wasm"));
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("cannot clear {}", out.display()))?;
    }
    fs::create_dir_all(out)?;
    dist::bindgen(&wasm, BASELINE_LIB, out)
}

/// The default pack without whitespace: what the widget would carry at the very least.
fn minified_default_pack(root: &Path) -> Result<String> {
    let path = root
        .join("core")
        .join("content")
        .join("cloud-pi-native.json");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).context("the default pack is not JSON")?;
    Ok(value.to_string())
}

/// `(name, "[low mid high]")` pairs from criterion's output, keeping the middle estimate.
fn criterion_estimates(output: &str) -> Vec<(String, String)> {
    let mut estimates = Vec::new();
    let mut pending_name: Option<String> = None;
    for line in output.lines() {
        let (name, rest) = match line.split_once("time:") {
            Some((name, rest)) => (name.trim(), rest),
            None => {
                let trimmed = line.trim();
                if !trimmed.is_empty() && !trimmed.starts_with(['c', 'F', 'P', 'B']) {
                    pending_name = Some(trimmed.to_owned());
                }
                continue;
            }
        };
        let name = if name.is_empty() {
            pending_name.take().unwrap_or_default()
        } else {
            name.to_owned()
        };
        let values: Vec<&str> = rest
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split_whitespace()
            .collect();
        if let [_, _, middle, unit, ..] = values.as_slice() {
            estimates.push((name, format!("{middle} {unit}")));
        }
    }
    estimates
}

#[cfg(test)]
mod tests {
    use super::criterion_estimates;

    #[test]
    fn reads_criterion_lines() {
        let output = "load default pack       time:   [864.58 µs 866.52 µs 868.61 µs]\n\
                      assess                  time:   [6.7766 µs 6.7911 µs 6.8085 µs]\n\
                      a very long benchmark name\n                        time:   [1.0 ms 2.0 ms 3.0 ms]\n";
        assert_eq!(
            criterion_estimates(output),
            [
                ("load default pack".to_owned(), "866.52 µs".to_owned()),
                ("assess".to_owned(), "6.7911 µs".to_owned()),
                ("a very long benchmark name".to_owned(), "2.0 ms".to_owned()),
            ]
        );
    }
}
