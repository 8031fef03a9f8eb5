//! The browser half of `cargo xtask bench`: time to an interactive widget against an empty Leptos
//! mount, answer-to-result latency, and wasm memory after a full journey, in headless Chromium and
//! headless Firefox ESR (each engine `$PARCOURS_BROWSER` selects, both by default), one column each.
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

use parcours_e2e::browser::{BoxError, Browser, Engine};
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
    let engines = Engine::selected()?;
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
    let urls = Urls {
        widget: format!("http://{}/fixtures/bench.html", widget_site.address()),
        baseline: format!("http://{}/index.html", baseline_site.address()),
    };
    let scratch = out
        .parent()
        .unwrap_or(Path::new("."))
        .join("bench-profiles");

    // One column per engine; every engine measures the same rows in the same order.
    let mut labels: Vec<String> = Vec::new();
    let mut columns: Vec<Vec<String>> = Vec::new();
    for &engine in &engines {
        eprintln!("measuring in {engine}");
        let rows = measure(engine, &scratch, &urls, loads).await?;
        if labels.is_empty() {
            labels = rows.iter().map(|(label, _)| label.clone()).collect();
        }
        columns.push(rows.into_iter().map(|(_, value)| value).collect());
    }
    drop((widget_site, baseline_site));

    let mut table = format!(
        "| browser measure | {} |\n|---|{}\n",
        engines
            .iter()
            .map(|engine| version_heading(*engine))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(engines.len())
    );
    for (index, label) in labels.iter().enumerate() {
        let values: Vec<&str> = columns
            .iter()
            .map(|column| column.get(index).map_or("", String::as_str))
            .collect();
        table.push_str(&format!("| {label} | {} |\n", values.join(" | ")));
    }
    if engines.contains(&Engine::Firefox) {
        table.push_str(
            "\nFirefox rounds `performance.now()` to the millisecond (`privacy.reduceTimerPrecision`), \
             so its timings are whole milliseconds.\n",
        );
    }
    std::fs::write(out, &table)?;
    Ok(table)
}

/// The two pages the bench loads.
#[derive(Debug)]
struct Urls {
    widget: String,
    baseline: String,
}

/// The column heading of an engine: the version its binary says (`Chromium 156.0.8078.114`,
/// `Mozilla Firefox 153.8.0esr`), or its name.
fn version_heading(engine: Engine) -> String {
    std::process::Command::new(engine.binary())
        .arg("--version")
        .output()
        .ok()
        .map(|output| {
            let version = String::from_utf8_lossy(&output.stdout);
            // Debian's Chromium adds " built on Debian GNU/Linux 12 (bookworm)".
            let version = version.split(" built on ").next().unwrap_or_default();
            version.trim().to_owned()
        })
        .filter(|version| !version.is_empty())
        .unwrap_or_else(|| engine.name().to_owned())
}

/// Every browser measure in `engine`, as (what, value) rows.
async fn measure(
    engine: Engine,
    scratch: &Path,
    urls: &Urls,
    loads: usize,
) -> Result<Vec<(String, String)>, BoxError> {
    let mut rows = Vec::new();
    let widget_warm = warm_loads(engine, scratch, &urls.widget, WIDGET_READY, loads).await?;
    let baseline_warm = warm_loads(engine, scratch, &urls.baseline, BASELINE_READY, loads).await?;
    let widget_fresh = fresh_loads(engine, scratch, &urls.widget, WIDGET_READY, loads).await?;
    let baseline_fresh =
        fresh_loads(engine, scratch, &urls.baseline, BASELINE_READY, loads).await?;
    for (what, widget, baseline) in [
        ("warm browser", &widget_warm, &baseline_warm),
        ("fresh profile", &widget_fresh, &baseline_fresh),
    ] {
        rows.push((
            format!("navigation → interactive widget, {what}"),
            spread(widget),
        ));
        rows.push((
            format!("navigation → empty Leptos mount, {what}"),
            spread(baseline),
        ));
        rows.push((
            format!("ratio widget / empty mount, {what} (target ≤ 1.3)"),
            format!("{:.2}", median(widget) / median(baseline)),
        ));
    }

    let browser = Browser::start(engine, scratch).await?;
    browser.client.goto(&urls.widget).await?;
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
        rows.push((
            format!(
                "answer → updated result, {what}, {} changes (target median < 4 ms)",
                samples.len()
            ),
            format!("median {:.2} ms, p95 {p95:.2} ms", median(&samples)),
        ));
    }
    browser.client.goto(&urls.widget).await?;
    browser
        .client
        .execute_async(TIME_TO_READY, vec![json!(WIDGET_READY)])
        .await?;
    let memory = browser.client.execute_async(JOURNEY_MEMORY, vec![]).await?;
    let bytes = memory["bytes"]
        .as_f64()
        .ok_or_else(|| format!("no memory reading in {engine}: {memory}"))?;
    rows.push((
        "wasm linear memory after a full journey (target ≤ 4 MB)".to_owned(),
        format!("{:.2} MB", bytes / 1_048_576.0),
    ));
    browser.close().await;
    Ok(rows)
}

async fn warm_loads(
    engine: Engine,
    scratch: &Path,
    url: &str,
    ready: &str,
    loads: usize,
) -> Result<Vec<f64>, BoxError> {
    let browser = Browser::start(engine, scratch).await?;
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
    engine: Engine,
    scratch: &Path,
    url: &str,
    ready: &str,
    loads: usize,
) -> Result<Vec<f64>, BoxError> {
    let mut times = Vec::with_capacity(loads);
    for _ in 0..loads {
        let browser = Browser::start(engine, scratch).await?;
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
