//! The browser half of `cargo xtask bench`: time to an interactive widget against an empty Leptos
//! mount, answer-to-result latency, and wasm memory after a full journey, in headless Chromium.
//!
//! Timings are reported, never asserted: the machine is shared and noisy, so compare the ratios of
//! one run. Usage: `parcours-bench WWW DIST BASELINE_WWW BASELINE_DIST OUT.md [LOADS]`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark reports on its terminal"
)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use parcours_e2e::browser::{BoxError, Browser};
use parcours_e2e::script;
use parcours_e2e::server::{SiteRoots, StaticServer};
use serde_json::{Value, json};

/// Resolves with `performance.now()` at the first frame after `ready` holds, measured from navigation start.
const TIME_TO_READY: &str = script!("bench/time-to-ready.js");

const WIDGET_READY: &str =
    "!!document.querySelector('cpn-parcours')?.shadowRoot?.querySelector('.cpn-summary')";
const BASELINE_READY: &str = "!!document.querySelector('p.baseline')";

/// Toggles the required step-1 criteria between yes and no (each change moves the count of unmet
/// criteria, so the summary always changes), timing each change twice: until the DOM shows the new
/// summary (the widget's own work), and until the next painted frame (what a person sees).
const ANSWER_LATENCY: &str = script!("bench/answer-latency.js");

/// Answers every criterion of every stage "yes", then reads the wasm linear memory.
const JOURNEY_MEMORY: &str = script!("bench/journey-memory.js");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [www, dist, baseline_www, baseline_dist, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: parcours-bench WWW DIST BASELINE_WWW BASELINE_DIST OUT.md [LOADS]");
        return ExitCode::from(2);
    };
    let loads = rest.first().and_then(|n| n.parse().ok()).unwrap_or(15);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let paths = [www, dist, baseline_www, baseline_dist].map(PathBuf::from);
    match runtime.block_on(run(&paths, Path::new(out), loads)) {
        Ok(table) => {
            println!("{table}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(
    [www, dist, baseline_www, baseline_dist]: &[PathBuf; 4],
    out: &Path,
    loads: usize,
) -> Result<String, BoxError> {
    let widget_site = StaticServer::start(
        "127.0.0.1:0",
        SiteRoots {
            www: www.clone(),
            dist: dist.clone(),
        },
    )?;
    let baseline_site = StaticServer::start(
        "127.0.0.1:0",
        SiteRoots {
            www: baseline_www.clone(),
            dist: baseline_dist.clone(),
        },
    )?;
    let widget_url = format!("http://{}/fixtures/bench.html", widget_site.address());
    let baseline_url = format!("http://{}/index.html", baseline_site.address());
    let scratch = out
        .parent()
        .unwrap_or(Path::new("."))
        .join("bench-profiles");

    let mut rows = Vec::new();
    let widget_warm = warm_loads(&scratch, &widget_url, WIDGET_READY, loads).await?;
    let baseline_warm = warm_loads(&scratch, &baseline_url, BASELINE_READY, loads).await?;
    let widget_fresh = fresh_loads(&scratch, &widget_url, WIDGET_READY, loads).await?;
    let baseline_fresh = fresh_loads(&scratch, &baseline_url, BASELINE_READY, loads).await?;
    for (what, widget, baseline) in [
        ("warm browser", &widget_warm, &baseline_warm),
        ("fresh profile", &widget_fresh, &baseline_fresh),
    ] {
        rows.push(format!(
            "| navigation → interactive widget, {what} | {} |",
            spread(widget)
        ));
        rows.push(format!(
            "| navigation → empty Leptos mount, {what} | {} |",
            spread(baseline)
        ));
        rows.push(format!(
            "| ratio widget / empty mount, {what} (target ≤ 1.3) | {:.2} |",
            median(widget) / median(baseline)
        ));
    }

    let browser = Browser::start(&scratch).await?;
    browser.client.goto(&widget_url).await?;
    browser
        .client
        .execute_async(TIME_TO_READY, vec![json!(WIDGET_READY)])
        .await?;
    let latency = browser
        .client
        .execute_async(ANSWER_LATENCY, vec![json!(100)])
        .await?;
    for (key, what) in [
        ("dom", "until the DOM shows the new result"),
        ("painted", "until the next painted frame"),
    ] {
        let mut samples = numbers(&latency[key])?;
        samples.sort_by(f64::total_cmp);
        let p95 = samples
            .get(samples.len() * 95 / 100)
            .copied()
            .unwrap_or(f64::NAN);
        rows.push(format!(
            "| answer → updated result, {what}, {} changes (target median < 4 ms) | median {:.2} ms, p95 {p95:.2} ms |",
            samples.len(),
            median(&samples)
        ));
    }
    browser.client.goto(&widget_url).await?;
    browser
        .client
        .execute_async(TIME_TO_READY, vec![json!(WIDGET_READY)])
        .await?;
    let memory = browser.client.execute_async(JOURNEY_MEMORY, vec![]).await?;
    let bytes = memory["bytes"]
        .as_f64()
        .ok_or_else(|| format!("no memory reading: {memory}"))?;
    rows.push(format!(
        "| wasm linear memory after a full journey (target ≤ 4 MB) | {:.2} MB |",
        bytes / 1_048_576.0
    ));
    browser.close().await;
    drop((widget_site, baseline_site));

    let table = format!(
        "| browser measure | value |\n|---|---|\n{}\n",
        rows.join("\n")
    );
    std::fs::write(out, &table)?;
    Ok(table)
}

async fn warm_loads(
    scratch: &Path,
    url: &str,
    ready: &str,
    loads: usize,
) -> Result<Vec<f64>, BoxError> {
    let browser = Browser::start(scratch).await?;
    let mut times = Vec::with_capacity(loads);
    // The first load fills the caches a returning visitor would have.
    for load in 0..=loads {
        browser.client.goto(url).await?;
        let time = browser
            .client
            .execute_async(TIME_TO_READY, vec![json!(ready)])
            .await?;
        if load > 0 {
            times.push(time.as_f64().ok_or_else(|| format!("no time: {time}"))?);
        }
    }
    browser.close().await;
    Ok(times)
}

async fn fresh_loads(
    scratch: &Path,
    url: &str,
    ready: &str,
    loads: usize,
) -> Result<Vec<f64>, BoxError> {
    let mut times = Vec::with_capacity(loads);
    for _ in 0..loads {
        let browser = Browser::start(scratch).await?;
        browser.client.goto(url).await?;
        let time = browser
            .client
            .execute_async(TIME_TO_READY, vec![json!(ready)])
            .await?;
        browser.close().await;
        times.push(time.as_f64().ok_or_else(|| format!("no time: {time}"))?);
    }
    Ok(times)
}

fn numbers(value: &Value) -> Result<Vec<f64>, BoxError> {
    value
        .as_array()
        .ok_or_else(|| format!("expected samples, got {value}"))?
        .iter()
        .map(|sample| {
            sample
                .as_f64()
                .ok_or_else(|| format!("not a number: {sample}").into())
        })
        .collect()
}

fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Median with the range, in milliseconds.
fn spread(samples: &[f64]) -> String {
    let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
    let max = samples.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "median {:.1} ms (min {min:.1}, max {max:.1}, n = {})",
        median(samples),
        samples.len()
    )
}
