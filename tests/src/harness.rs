//! The scenario runner shared by the browser test targets (`harness = false`): one Chromium for every
//! scenario, each isolated by a timeout and `catch_unwind`, a fresh browser after a failure,
//! libtest-like filters (`--list`, `--exact`, `--skip`) and a libtest-like summary line.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a test harness reports on its terminal"
)]

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::pin::Pin;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use fantoccini::Client;

use crate::browser::{BoxError, Browser};
use crate::server::StaticServer;

/// What a scenario returns.
pub type Outcome = Result<(), BoxError>;

/// A scenario, given the page helper `P` of its test target.
pub type Scenario<P> = fn(P) -> Pin<Box<dyn Future<Output = Outcome>>>;

/// How long one scenario may take before it counts as failed.
pub const SCENARIO_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs the scenarios selected on the command line against `server`, in one Chromium whose profiles
/// live under `scratch`; `page` builds each scenario's helper from the WebDriver client and the site URL.
pub fn main<P>(
    scenarios: &[(&str, Scenario<P>)],
    server: impl FnOnce() -> Result<StaticServer, BoxError>,
    scratch: &Path,
    page: impl Fn(Client, String) -> P,
) -> ExitCode {
    let arguments = Arguments::parse();
    if arguments.list {
        for (name, _) in scenarios {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }
    let selected: Vec<&(&str, Scenario<P>)> = scenarios
        .iter()
        .filter(|(name, _)| arguments.selects(name))
        .collect();
    println!("\nrunning {} tests", selected.len());
    if selected.is_empty() {
        println!(
            "\ntest result: ok. 0 passed; 0 failed; {} filtered out\n",
            scenarios.len()
        );
        return ExitCode::SUCCESS;
    }
    match run(&selected, scenarios.len(), server, scratch, page) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the scenarios and returns how many failed.
fn run<P>(
    selected: &[&(&str, Scenario<P>)],
    total: usize,
    server: impl FnOnce() -> Result<StaticServer, BoxError>,
    scratch: &Path,
    page: impl Fn(Client, String) -> P,
) -> Result<usize, BoxError> {
    crate::require_dist()?;
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let server = server()?;
    let mut browser = runtime.block_on(Browser::start(scratch))?;
    let mut failures = Vec::new();
    for (name, scenario) in selected {
        let page = page(browser.client.clone(), server.url(""));
        let scenario_started = Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            runtime.block_on(async { tokio::time::timeout(SCENARIO_TIMEOUT, scenario(page)).await })
        }));
        let failure = match outcome {
            Ok(Ok(Ok(()))) => None,
            Ok(Ok(Err(error))) => Some(error.to_string()),
            Ok(Err(_elapsed)) => Some(format!("timed out after {} s", SCENARIO_TIMEOUT.as_secs())),
            // The panic message has already been printed by the panic hook.
            Err(_panic) => Some("panicked".to_owned()),
        };
        let seconds = scenario_started.elapsed().as_secs_f64();
        match failure {
            None => println!("test {name} ... ok ({seconds:.2} s)"),
            Some(reason) => {
                println!("test {name} ... FAILED ({seconds:.2} s): {reason}");
                failures.push((*name).to_owned());
                // A failed scenario may leave dialogs, timers or a wedged page behind.
                runtime.block_on(browser.close());
                browser = runtime.block_on(Browser::start(scratch))?;
            }
        }
    }
    runtime.block_on(browser.close());
    drop(server);
    if !failures.is_empty() {
        println!("\nfailures:");
        for name in &failures {
            println!("    {name}");
        }
    }
    println!(
        "\ntest result: {}. {} passed; {} failed; {} filtered out; finished in {:.2}s\n",
        if failures.is_empty() { "ok" } else { "FAILED" },
        selected.len() - failures.len(),
        failures.len(),
        total - selected.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(failures.len())
}

/// The part of libtest's command line that makes sense here.
#[derive(Debug, Default)]
struct Arguments {
    list: bool,
    exact: bool,
    filters: Vec<String>,
    skips: Vec<String>,
}

impl Arguments {
    fn parse() -> Arguments {
        let mut arguments = Arguments::default();
        let mut words = std::env::args().skip(1);
        while let Some(word) = words.next() {
            match word.as_str() {
                "--list" => arguments.list = true,
                "--exact" => arguments.exact = true,
                "--skip" => arguments.skips.extend(words.next()),
                // Options that take a value which must not be mistaken for a filter.
                "--test-threads" | "--format" | "--color" | "--logfile" | "-Z" => {
                    words.next();
                }
                flag if flag.starts_with('-') => {}
                filter => arguments.filters.push(filter.to_owned()),
            }
        }
        arguments
    }

    fn selects(&self, name: &str) -> bool {
        let matches = |pattern: &String| {
            if self.exact {
                name == pattern
            } else {
                name.contains(pattern.as_str())
            }
        };
        (self.filters.is_empty() || self.filters.iter().any(matches))
            && !self.skips.iter().any(matches)
    }
}
