//! The one scenario runner of the browser test targets (`harness = false`): browser, faults,
//! integrity, keyboard and a11y. It runs on libtest-mimic, so the arguments (filters, `--exact`, `--skip`,
//! `--list`, `--format`…) and the closing line (`test result: ok. N passed; M failed; …`, which
//! `cargo xtask test` adds up) are libtest's own.
//! Every scenario runs once per engine that `$PARCOURS_BROWSER` selects (both when unset, see
//! [`Engine::selected`]), named after it: `chromium::two_widgets_do_not_share_state`,
//! `firefox::two_widgets_do_not_share_state`. Every Chromium scenario runs first, then every Firefox one.
//! One browser and one test site serve the scenarios of an engine, one scenario at a time (`--test-threads`
//! is always 1); each scenario has a timeout, a panic or an error fails it alone, and the browser
//! is restarted after a failure so that the next scenario starts clean. The browser is killed at the end.
//!
//! # A test target
//!
//! ```text
//! use std::path::Path;
//! use std::process::ExitCode;
//! use parcours_e2e::harness::{Outcome, Suite};
//! use parcours_e2e::page::Page;
//! use parcours_e2e::{scenarios, script};
//!
//! fn main() -> ExitCode {
//!     Suite::new(Path::new(env!("CARGO_TARGET_TMPDIR")), scenarios![a_widget_mounts])
//!         .helpers(&[script!("mine/helpers.js")]) // optional: in-page helpers of this target
//!         .run()
//! }
//!
//! async fn a_widget_mounts(page: Page) -> Outcome {
//!     page.open("/fixtures/csp.html").await?;
//!     page.wait_mounted("#widget").await
//! }
//! ```
//!
//! `Suite::site` replaces the default site (`www/` at `/`, `dist/` at `/dist/`), e.g. to mount more
//! folders; `Scenario::new(name, run)` builds scenarios at run time (a11y makes one per widget state).
//! A scenario runs in each engine, so `run` is called once per engine; where the engines differ,
//! the scenario asks [`Page::engine`](crate::page::Page::engine) and says so.
//!
//! # Porting a target written against the previous harness (until 2026-11)
//!
//! - `const SCENARIOS: &[(&str, Scenario<Page>)] = &[("x", |page| Box::pin(x(page))), …]`
//!   becomes `scenarios![x, …]` (a `Vec<Scenario>`; the name is the function's, by `stringify!`).
//! - `harness::main(SCENARIOS, server, scratch, |client, base_url| Page { … })` becomes
//!   `Suite::new(scratch, scenarios).site(server).run()`; drop `.site(…)` for the default site.
//! - The target's own `struct Page`, `PRELUDE`, `open`, `revisit`, `js`, `wait_until`, `wait_for`,
//!   `wait_mounted`, `text`, `style`, `record`… go: use [`crate::page::Page`], whose methods have the
//!   same names and arguments. Helpers of its own become free functions taking `&Page`, and its
//!   in-page JavaScript moves to `tests/js/<target>/*.js`, loaded with [`crate::script!`]
//!   (extra `$helpers` go in a `helpers.js` passed to [`Suite::helpers`]).
//! - Scenarios keep their signature: `async fn x(page: Page) -> Outcome`. A scenario whose listed
//!   name differed from its function's takes the listed name as its function's, since filters match it.
//! - `println!("    …")` under a scenario becomes [`note`]; `Browser::start_with` plus a second
//!   `Page` becomes [`Page::in_own_browser`], given the [`ReaderSettings`](crate::browser::ReaderSettings)
//!   instead of Chromium flags, since the same scenario also runs in Firefox; a wait for "every widget mounted, nothing loading" is
//!   [`Page::wait_settled`], and a wait for layout after a scripted change is [`Page::settle`].
//! - The `[[test]]` entry in `tests/Cargo.toml` stays as it was (`harness = false`,
//!   `required-features = ["browser"]`).

#![allow(
    clippy::print_stdout,
    reason = "a test harness reports on its terminal"
)]

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

use crate::browser::{BoxError, Browser, Engine};
use crate::page::Page;
use crate::server::{SiteRoots, StaticServer};

/// What a scenario returns.
pub type Outcome = Result<(), BoxError>;

/// A running scenario.
pub type ScenarioFuture = Pin<Box<dyn Future<Output = Outcome>>>;

/// How long one scenario may take before it counts as failed. The slowest, the semantics probe of
/// every page of every step in a Chromium of its own, takes about 45 s on a busy two-core machine,
/// too near the 60 s this was; a hung scenario still fails, two minutes in.
pub const SCENARIO_TIMEOUT: Duration = Duration::from_secs(120);

/// What a scenario runs, once per engine, on the page it is given.
type Run = Arc<dyn Fn(Page) -> ScenarioFuture + Send + Sync>;

/// One named scenario: what filters match (after the engine's prefix), and what runs on the page it is given.
pub struct Scenario {
    name: String,
    run: Run,
}

impl Scenario {
    /// A scenario named `name` that runs `run` in each engine; [`scenarios!`](crate::scenarios)
    /// builds these from function names.
    pub fn new(
        name: impl Into<String>,
        run: impl Fn(Page) -> ScenarioFuture + Send + Sync + 'static,
    ) -> Scenario {
        Scenario {
            name: name.into(),
            run: Arc::new(run),
        }
    }
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_tuple("Scenario").field(&self.name).finish()
    }
}

/// The scenarios of a target from the names of its `async fn(Page) -> Outcome` functions, each named
/// after its function, so that a name is never typed twice.
#[macro_export]
macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        vec![$($crate::harness::Scenario::new(stringify!($name), |page| Box::pin($name(page)))),*]
    };
}

/// What serves the pages: started once, before the first scenario that runs.
type Site = Box<dyn FnOnce() -> Result<StaticServer, BoxError> + Send>;

/// A browser test target: its scenarios, the site they visit and the in-page helpers they use.
pub struct Suite {
    scenarios: Vec<Scenario>,
    scratch: &'static Path,
    helpers: &'static [&'static str],
    site: Site,
}

impl std::fmt::Debug for Suite {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Suite")
            .field("scenarios", &self.scenarios)
            .field("scratch", &self.scratch)
            .finish_non_exhaustive()
    }
}

impl Suite {
    /// The scenarios of a target, on the default site, with browser profiles under `scratch`
    /// (the target's `CARGO_TARGET_TMPDIR`).
    pub fn new(scratch: &'static Path, scenarios: Vec<Scenario>) -> Suite {
        Suite {
            scenarios,
            scratch,
            helpers: &[],
            site: Box::new(|| Ok(StaticServer::start("127.0.0.1:0", default_site())?)),
        }
    }

    /// In-page helpers of this target (from `tests/js/`), run after the shared prelude before every script.
    pub fn helpers(self, helpers: &'static [&'static str]) -> Suite {
        Suite { helpers, ..self }
    }

    /// Serves the pages with `site` instead of the default site.
    pub fn site(
        self,
        site: impl FnOnce() -> Result<StaticServer, BoxError> + Send + 'static,
    ) -> Suite {
        Suite {
            site: Box::new(site),
            ..self
        }
    }

    /// Runs the scenarios the command line selects, in each engine `$PARCOURS_BROWSER` selects, and
    /// prints libtest's report; the exit code says whether every one passed.
    pub fn run(self) -> ExitCode {
        // An unknown engine fails every scenario with the reason, rather than running none.
        let (engines, wrong_engine) = match Engine::selected() {
            Ok(engines) => (engines, None),
            Err(reason) => (vec![Engine::Chromium], Some(reason)),
        };
        let named: Vec<(Engine, String, Run)> = engines
            .iter()
            .flat_map(|&engine| {
                self.scenarios.iter().map(move |scenario| {
                    (
                        engine,
                        format!("{engine}::{}", scenario.name),
                        Arc::clone(&scenario.run),
                    )
                })
            })
            .collect();
        let names: Vec<&str> = named.iter().map(|(_, name, _)| name.as_str()).collect();
        let mut arguments = arguments(std::env::args().collect(), &names);
        // One browser serves every scenario, so they cannot run side by side.
        arguments.test_threads = Some(1);
        // Checked before the first `test … ...` line, so that a warning about a stale dist/ stands on its own.
        let broken = if arguments.list {
            None
        } else {
            wrong_engine.or_else(|| crate::require_dist().err())
        };
        let session = Arc::new(Mutex::new(Session {
            runtime: None,
            site: Some(self.site),
            server: None,
            browser: None,
            broken,
            broken_engines: Vec::new(),
            time: Vec::new(),
            scratch: self.scratch,
        }));
        let trials = named
            .into_iter()
            .map(|(engine, name, run)| {
                let session = Arc::clone(&session);
                let helpers = self.helpers;
                Trial::test(name, move || {
                    let mut session = session
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    let started = Instant::now();
                    let outcome = session.run(engine, &run, helpers);
                    session.count_time(engine, started.elapsed());
                    outcome
                })
            })
            .collect();
        let conclusion = libtest_mimic::run(&arguments, trials);
        // Not `conclusion.exit()`, which would skip the drop that kills the browser.
        let mut session = session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        session.close_browser();
        session.server = None;
        // What `cargo xtask test` adds up into the browser time of each engine.
        for (engine, time, scenarios) in &session.time {
            println!(
                "browser time: {engine} {:.1} s for {scenarios} scenarios",
                time.as_secs_f64()
            );
        }
        conclusion.exit_code()
    }
}

/// libtest's command line for `names`. libtest takes any number of filters and libtest-mimic one, so
/// several filters become `--exact --skip` of every scenario that none of them selects (the count of
/// filtered-out scenarios stays right).
fn arguments(words: Vec<String>, names: &[&str]) -> Arguments {
    let mut options = Vec::new();
    let mut filters = Vec::new();
    let mut words = words.into_iter();
    options.extend(words.next());
    while let Some(word) = words.next() {
        let takes_a_value = matches!(
            word.as_str(),
            "--skip" | "--test-threads" | "--format" | "--color" | "--logfile" | "-Z"
        );
        if takes_a_value {
            options.push(word);
            options.extend(words.next());
        } else if word.starts_with('-') {
            options.push(word);
        } else {
            filters.push(word);
        }
    }
    if filters.len() < 2 {
        return Arguments::from_iter(options.into_iter().chain(filters));
    }
    let mut arguments = Arguments::from_iter(options);
    let matches = |name: &str, pattern: &String| {
        if arguments.exact {
            name == pattern
        } else {
            name.contains(pattern.as_str())
        }
    };
    let skipped: Vec<String> = names
        .iter()
        .filter(|name| {
            !filters.iter().any(|filter| matches(name, filter))
                || arguments.skip.iter().any(|skip| matches(name, skip))
        })
        .map(|name| (*name).to_owned())
        .collect();
    arguments.skip = skipped;
    arguments.exact = true;
    arguments
}

/// The default site: `www/` at `/` and `dist/` at `/dist/`.
pub fn default_site() -> SiteRoots {
    SiteRoots {
        www: crate::www_dir(),
        dist: crate::dist_dir(),
    }
}

/// What the scenarios share, started on first use so that `--list` or a filter that selects
/// nothing starts no browser.
struct Session {
    runtime: Option<tokio::runtime::Runtime>,
    site: Option<Site>,
    server: Option<StaticServer>,
    /// The browser of the engine whose scenarios are running; the next engine's replaces it.
    browser: Option<Browser>,
    /// Why the session cannot start; every later scenario fails with it instead of trying again.
    broken: Option<String>,
    /// The engines whose browser could not start, and why; their later scenarios fail with it.
    broken_engines: Vec<(Engine, String)>,
    /// The time the scenarios of each engine took, browser starts included, and their count.
    time: Vec<(Engine, Duration, u64)>,
    scratch: &'static Path,
}

impl Session {
    /// Adds one scenario's `time` to its engine's.
    fn count_time(&mut self, engine: Engine, time: Duration) {
        match self.time.iter_mut().find(|(known, _, _)| *known == engine) {
            Some((_, total, count)) => {
                *total += time;
                *count += 1;
            }
            None => self.time.push((engine, time, 1)),
        }
    }

    /// Runs one scenario in the shared browser of `engine`, starting what is not running yet.
    fn run(
        &mut self,
        engine: Engine,
        scenario: &Run,
        helpers: &'static [&'static str],
    ) -> Result<(), Failed> {
        NOTED.store(false, Ordering::SeqCst);
        if let Some(reason) = &self.broken {
            return Err(format!("not run: {reason}").into());
        }
        if let Some((_, reason)) = self.broken_engines.iter().find(|(e, _)| *e == engine) {
            return Err(format!("not run: {reason}").into());
        }
        let page = match self.start(engine, helpers) {
            Ok(page) => page,
            Err(error) => {
                let reason = error.to_string();
                // A browser that cannot start (no geckodriver, say) fails its engine's scenarios
                // only; a site that cannot start fails them all.
                if self.server.is_some() {
                    self.broken_engines.push((engine, reason.clone()));
                } else {
                    self.broken = Some(reason.clone());
                }
                return Err(reason.into());
            }
        };
        let Some(runtime) = &self.runtime else {
            return Err("no runtime".into());
        };
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            runtime.block_on(async { tokio::time::timeout(SCENARIO_TIMEOUT, scenario(page)).await })
        }));
        let failure = match outcome {
            Ok(Ok(Ok(()))) => return Ok(()),
            Ok(Ok(Err(error))) => error.to_string(),
            Ok(Err(_elapsed)) => format!("timed out after {} s", SCENARIO_TIMEOUT.as_secs()),
            Err(panic) => panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .map_or_else(
                    || "panicked".to_owned(),
                    |message| format!("panicked: {message}"),
                ),
        };
        // A failed scenario may leave dialogs, timers or a wedged page behind: the next one gets a new browser.
        self.close_browser();
        Err(failure.into())
    }

    /// Starts the runtime, the site and the engine's browser if they are not running, and returns a page on them.
    fn start(
        &mut self,
        engine: Engine,
        helpers: &'static [&'static str],
    ) -> Result<Page, BoxError> {
        if self.runtime.is_none() {
            self.runtime = Some(
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?,
            );
        }
        if self.server.is_none() {
            let site = self.site.take().ok_or("the site did not start")?;
            self.server = Some(site()?);
        }
        let (Some(runtime), Some(server)) = (&self.runtime, &self.server) else {
            return Err("the session did not start".into());
        };
        if self
            .browser
            .as_ref()
            .is_some_and(|browser| browser.engine != engine)
            && let Some(browser) = self.browser.take()
        {
            runtime.block_on(browser.close());
        }
        if self.browser.is_none() {
            self.browser = Some(runtime.block_on(Browser::start(engine, self.scratch))?);
        }
        let client = self
            .browser
            .as_ref()
            .map(|browser| browser.client.clone())
            .ok_or("the browser did not start")?;
        Ok(Page::new(
            client,
            engine,
            server.url(""),
            helpers,
            self.scratch,
        ))
    }

    /// Ends the browser session, if any, and kills its processes.
    fn close_browser(&mut self) {
        if let (Some(browser), Some(runtime)) = (self.browser.take(), &self.runtime) {
            runtime.block_on(browser.close());
        }
    }
}

/// Whether the running scenario has printed a note yet.
static NOTED: AtomicBool = AtomicBool::new(false);

/// Prints what a scenario measured, indented under its `test … ...` line (libtest-mimic does not
/// capture output, so the line's `ok` follows the notes).
pub fn note(text: impl std::fmt::Display) {
    if !NOTED.swap(true, Ordering::SeqCst) {
        println!();
    }
    println!("    {text}");
}

#[cfg(test)]
mod tests {
    use super::arguments;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    const NAMES: [&str; 4] = ["csp_page", "csp_without_wasm", "two_widgets", "lang"];

    #[test]
    fn one_filter_is_libtest_mimics_own() {
        let parsed = arguments(words("target csp --skip wasm --test-threads 4"), &NAMES);
        assert_eq!(parsed.filter.as_deref(), Some("csp"));
        assert_eq!(parsed.skip, ["wasm"]);
        assert!(!parsed.exact);
    }

    #[test]
    fn several_filters_skip_exactly_what_none_selects() {
        let parsed = arguments(words("target csp two --skip wasm --nocapture"), &NAMES);
        assert_eq!(parsed.filter, None);
        assert_eq!(parsed.skip, ["csp_without_wasm", "lang"]);
        assert!(parsed.exact && parsed.nocapture);
        let exact = arguments(words("target --exact lang csp"), &NAMES);
        assert_eq!(exact.skip, ["csp_page", "csp_without_wasm", "two_widgets"]);
    }
}
