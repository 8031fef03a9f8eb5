//! `cargo xtask test`: set up what the tests need, build dist/, run every test, and count them all.
//!
//! A fresh clone needs nothing run by hand first: axe-core comes from `npm ci`, the wasm target from
//! rustup (through dist), geckodriver from its crate (`cargo install geckodriver --locked` into
//! `target/tools`), and only Debian's Chromium, chromedriver and Firefox ESR must already be
//! installed, which is said in one line before anything is built.
//! The browser tests run in both engines, or in the one `--browser` names (`$PARCOURS_BROWSER`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::SystemTime;

use anyhow::{Context, Result, bail, ensure};
use parcours_e2e::engine::Engine;

use crate::{cargo, dist, install_tool, package, project_root, sizes};

/// The cargo command that runs the tests, before the caller's own arguments.
///
/// `--workspace`, because the widget is not a default member and its native unit tests
/// (`widget/src/config.rs`, `persist.rs`) would otherwise never run (`tidy` checks this).
/// `--no-fail-fast`, because a failing core test must not hide the browser results.
pub(crate) const CARGO_TEST_ARGUMENTS: &[&str] = &["test", "--workspace", "--no-fail-fast"];

/// What the browser tests need and cannot install themselves, in one line.
const BROWSER_HINT: &str = "install them with `apt-get install chromium chromium-driver firefox-esr` \
    (or name them in $CHROME, $CHROMEDRIVER and $FIREFOX)";

/// The variable through which the browser tests and the bench find the geckodriver installed here.
pub(crate) const GECKODRIVER_VARIABLE: &str = "GECKODRIVER";

pub(crate) fn run(args: &[String]) -> Result<()> {
    let (engines, extra) = parse_arguments(args)?;
    let root = project_root();
    // Before the long build: a missing browser is a one-line fix, so say it first.
    let chrome = find_browsers(&engines)?;
    let geckodriver = if engines.contains(&Engine::Firefox) {
        Some(ensure_geckodriver(&root)?)
    } else {
        None
    };
    install_node_modules(&root)?;
    let dist = dist::run()?;
    // The fault tests also need the test build whose `debug_panic()` makes the wasm panic on demand.
    let panic_dist = dist::target_dir(&root)?.join("dist-panic");
    dist::run_with(&["panic-test".to_owned()], Some(&panic_dist))?;
    // The release archive of this dist/, which a browser test installs with npm.
    let archive = package::write_archive(&dist, &dist::target_dir(&root)?.join("package"))?;

    let engine_names: Vec<&str> = engines.iter().map(|engine| engine.name()).collect();
    println!("browser tests in: {}", engine_names.join(", "));
    println!(
        "\n$ cargo {} {}",
        CARGO_TEST_ARGUMENTS.join(" "),
        extra.join(" ")
    );
    // One pipe for cargo's stderr and the tests' stdout, so that cargo's "Running …" and
    // "test failed" lines stay in order with each binary's summary.
    let (reader, writer) = std::io::pipe().context("cannot create a pipe for cargo test")?;
    let mut child = {
        let mut command = cargo();
        command
            .current_dir(&root)
            .args(CARGO_TEST_ARGUMENTS)
            .args(extra)
            .env(sizes::FRESH_DIST_VARIABLE, &dist)
            .env(Engine::VARIABLE, engine_names.join(","))
            .env(package::PACKAGE_VARIABLE, &archive)
            .stdout(writer.try_clone().context("cannot share the pipe")?)
            .stderr(writer);
        if let Some(chrome) = chrome {
            command.env("CHROME", chrome);
        }
        if let Some(geckodriver) = &geckodriver {
            command.env(GECKODRIVER_VARIABLE, geckodriver);
        }
        // The command holds the pipe's writing end until it is dropped, here: then the end of
        // cargo's output is the end of the pipe.
        command.spawn().context("cannot run cargo test")?
    };
    // Every test binary prints its own "test result" line; CI reads the last line of the run, so the
    // totals of all of them come last, instead of the count of whichever binary happened to run last.
    let mut totals = TestTotals::default();
    for line in BufReader::new(reader).lines() {
        let line = line.context("cannot read cargo test's output")?;
        println!("{line}");
        totals.read_line(&line);
    }
    let status = child.wait().context("cannot wait for cargo test")?;
    totals.finish(status);
    if !totals.broken.is_empty() {
        println!("\ntest targets that failed without a failing test:");
        for broken in &totals.broken {
            println!("  {broken}");
        }
    }
    if !totals.browser_time.is_empty() {
        let times: Vec<String> = totals
            .browser_time
            .iter()
            .map(|(engine, seconds, scenarios)| {
                format!("{engine} {seconds:.0} s ({scenarios} scenarios)")
            })
            .collect();
        println!("\nbrowser tests, time per engine: {}", times.join(", "));
    }
    println!(
        "\nall test binaries: {} passed, {} failed",
        totals.passed, totals.failed
    );
    ensure!(
        totals.failed == 0,
        "cargo test --workspace failed ({status})"
    );
    Ok(())
}

/// The engines `--browser` names (both without it, or as `$PARCOURS_BROWSER` says), and the
/// arguments for `cargo test`, after an optional `--`.
fn parse_arguments(args: &[String]) -> Result<(Vec<Engine>, &[String])> {
    let (engines, rest) = match args {
        [flag, name, rest @ ..] if flag == "--browser" => (
            Engine::parse_selection(Some(name)).map_err(anyhow::Error::msg)?,
            rest,
        ),
        [flag] if flag == "--browser" => {
            bail!("--browser takes an engine: chromium or firefox")
        }
        _ => (Engine::selected().map_err(anyhow::Error::msg)?, args),
    };
    let extra = match rest.split_first() {
        Some((separator, extra)) if separator == "--" => extra,
        _ => rest,
    };
    Ok((engines, extra))
}

/// Checks for the browsers and drivers of `engines` where the browser tests look for them
/// (`tests/src/engine.rs`: `$CHROME`, default `/usr/bin/chromium`; `$CHROMEDRIVER`, default
/// `chromedriver` on the `PATH`; `$FIREFOX`, default `/usr/bin/firefox-esr`), and returns a
/// Chromium found elsewhere on the `PATH`, to pass on as `$CHROME`. geckodriver is not checked
/// here: [`ensure_geckodriver`] installs it.
fn find_browsers(engines: &[Engine]) -> Result<Option<PathBuf>> {
    let mut missing: Vec<&str> = Vec::new();
    let mut pass_on = None;
    if engines.contains(&Engine::Chromium) {
        let chrome = match std::env::var_os("CHROME") {
            Some(chrome) => Some(PathBuf::from(chrome)).filter(|path| path.is_file()),
            None if Engine::Chromium.binary().is_file() => Some(Engine::Chromium.binary()),
            None => {
                pass_on = ["chromium", "chromium-browser"]
                    .into_iter()
                    .find_map(on_path);
                pass_on.clone()
            }
        };
        let driver = match std::env::var_os("CHROMEDRIVER") {
            Some(driver) => {
                Some(PathBuf::from(driver)).filter(|path| path.is_file() || on_path_os(path))
            }
            None => on_path("chromedriver"),
        };
        if chrome.is_none() {
            missing.push("Chromium");
        }
        if driver.is_none() {
            missing.push("chromedriver");
        }
    }
    if engines.contains(&Engine::Firefox) && !Engine::Firefox.binary().is_file() {
        missing.push("Firefox ESR");
    }
    if !missing.is_empty() {
        bail!(
            "the browser tests need {}, not found: {BROWSER_HINT}",
            missing.join(" and ")
        );
    }
    Ok(pass_on)
}

/// The geckodriver the Firefox tests use: `$GECKODRIVER` when set, else the one in `target/tools`,
/// built there from its crate on first use (a couple of minutes, once).
pub(crate) fn ensure_geckodriver(root: &Path) -> Result<PathBuf> {
    if let Some(driver) = std::env::var_os(GECKODRIVER_VARIABLE) {
        let driver = PathBuf::from(driver);
        ensure!(
            driver.is_file() || on_path_os(&driver),
            "${GECKODRIVER_VARIABLE} names {}, which is not a program",
            driver.display()
        );
        return Ok(driver);
    }
    let tools = dist::target_dir(root)?.join("tools");
    install_tool(&tools, "geckodriver", "geckodriver")
}

/// The file called `name` in a folder of the `PATH`, if any.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(name))
        .find(|candidate| candidate.is_file())
}

/// Whether a bare program name (as `$CHROMEDRIVER` may be) is on the `PATH`.
fn on_path_os(program: &Path) -> bool {
    program.components().count() == 1
        && program.to_str().is_some_and(|name| on_path(name).is_some())
}

/// Runs `npm ci` when `node_modules` is missing, older than `package-lock.json` or without one of
/// the packages of `package.json`: the accessibility tests inject axe-core from it, the DSFR fixture
/// links the DSFR's stylesheet, and `cargo xtask dist` optimises every wasm module with binaryen's wasm-opt and minifies the wasm-bindgen glue with terser.
///
/// `--ignore-scripts`: the tests need files, not install scripts, and the DSFR's `preinstall` refuses
/// to run outside a project it created (`.npmrc` says the same for a hand-run `npm ci`).
pub(crate) fn install_node_modules(root: &Path) -> Result<()> {
    let lock = root.join("package-lock.json");
    let node_modules = root.join("node_modules");
    // npm records what it installed in this hidden lock file; older npm versions do not write it.
    let hidden_lock = node_modules.join(".package-lock.json");
    let installed = if hidden_lock.is_file() {
        hidden_lock
    } else {
        node_modules.clone()
    };
    if !needs_install(&lock, &installed)? && !package_missing(root, &node_modules)? {
        return Ok(());
    }
    println!("$ npm ci --ignore-scripts --no-audit --no-fund");
    let status: std::io::Result<ExitStatus> = std::process::Command::new("npm")
        .current_dir(root)
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .status();
    match status {
        Ok(status) if !status.success() => {
            // npm may leave a fresh, empty node_modules/ behind, which the next run would take as installed.
            let _ = std::fs::remove_dir_all(&node_modules);
            bail!("npm ci failed ({status})");
        }
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => bail!(
            "npm is missing: install it with `apt-get install npm` (the accessibility tests need axe-core from npm)"
        ),
        Err(error) => return Err(error).context("cannot run npm ci"),
    }
    Ok(())
}

/// Whether a package that `package.json` names is absent from `node_modules`, as after a `git pull`
/// that added one while leaving the lock file older than the last install.
fn package_missing(root: &Path, node_modules: &Path) -> Result<bool> {
    let manifest = root.join("package.json");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let manifest: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not JSON", manifest.display()))?;
    let names = manifest["devDependencies"]
        .as_object()
        .into_iter()
        .flat_map(|dependencies| dependencies.keys());
    Ok(names
        .map(|name| node_modules.join(name).join("package.json"))
        .any(|package| !package.is_file()))
}

/// Whether `installed` is missing or older than `lock`.
fn needs_install(lock: &Path, installed: &Path) -> Result<bool> {
    let modified = |path: &Path| -> std::io::Result<SystemTime> { path.metadata()?.modified() };
    let locked_at = modified(lock).with_context(|| format!("cannot read {}", lock.display()))?;
    Ok(modified(installed).map_or(true, |installed_at| installed_at < locked_at))
}

/// The counts of every test binary in one `cargo test` run, and the targets that failed
/// without a failing test to count: those that did not build, crashed or could not start.
#[derive(Debug, Default)]
struct TestTotals {
    passed: u64,
    failed: u64,
    /// One line per target that failed without a libtest summary saying so.
    broken: Vec<String>,
    /// The failures that the current binary's summaries counted, `None` before its first summary.
    current_failed: Option<u64>,
    /// Seconds and scenarios of the browser tests per engine, from each target's `browser time:` lines.
    browser_time: Vec<(String, f64, u64)>,
}

impl TestTotals {
    /// Reads one line of the run, in the order cargo and the tests wrote them.
    fn read_line(&mut self, line: &str) {
        let line = without_colours(line);
        let line = line.trim();
        // Cargo's `Running tests/engine.rs (target/debug/deps/engine-0eff…)` or `Doc-tests parcours_core`.
        if (line.starts_with("Running ") && line.ends_with(')')) || line.starts_with("Doc-tests ") {
            self.current_failed = None;
        } else if let Some((passed, failed)) = test_result_counts(line) {
            self.passed += passed;
            self.failed += failed;
            *self.current_failed.get_or_insert(0) += failed;
        } else if let Some(target) = [
            "error: test failed, to rerun pass `",
            "error: doctest failed, to rerun pass `",
        ]
        .into_iter()
        .find_map(|prefix| line.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
        {
            match self.current_failed {
                Some(failed) if failed > 0 => {}
                Some(_) => self.broken_target(format!(
                    "`{target}` exited with an error after its tests passed"
                )),
                None => self.broken_target(format!(
                    "`{target}` stopped before running its tests (see its error above)"
                )),
            }
        } else if let Some((engine, seconds, scenarios)) = browser_time(line) {
            match self
                .browser_time
                .iter_mut()
                .find(|(known, _, _)| *known == engine)
            {
                Some((_, total, count)) => {
                    *total += seconds;
                    *count += scenarios;
                }
                None => self.browser_time.push((engine, seconds, scenarios)),
            }
        } else if let Some(rest) = line.strip_prefix("error: could not compile ") {
            let what = rest.split(" due to ").next().unwrap_or(rest);
            self.broken_target(format!("{what} did not build"));
        }
    }

    /// Counts cargo's own failure when no line explained it, so that a failed run never reads "0 failed".
    fn finish(&mut self, status: ExitStatus) {
        if !status.success() && self.failed == 0 {
            self.broken_target(format!(
                "cargo test failed ({status}) without naming a test target; see its output above"
            ));
        }
    }

    fn broken_target(&mut self, why: String) {
        self.failed += 1;
        self.broken.push(why);
    }
}

/// `line` without the ANSI colour sequences that `CARGO_TERM_COLOR=always` or `--color always` add.
fn without_colours(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut characters = line.chars();
    while let Some(character) = characters.next() {
        if character == '\u{1b}' {
            // `ESC [ parameters letter`: skip through the final letter.
            for code in characters.by_ref() {
                if code.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(character);
        }
    }
    plain
}

/// The engine, seconds and scenario count of a browser target's line
/// `browser time: firefox 41.2 s for 21 scenarios` (`parcours_e2e::harness`).
fn browser_time(line: &str) -> Option<(String, f64, u64)> {
    let rest = line.strip_prefix("browser time: ")?;
    let (engine, rest) = rest.split_once(' ')?;
    let (seconds, rest) = rest.split_once(" s for ")?;
    let scenarios = rest.strip_suffix(" scenarios")?;
    Some((
        engine.to_owned(),
        seconds.parse().ok()?,
        scenarios.parse().ok()?,
    ))
}

/// The passed and failed counts of a libtest summary line such as
/// `test result: ok. 12 passed; 0 failed; 0 ignored; …`.
fn test_result_counts(line: &str) -> Option<(u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let count = |word: &str| -> Option<u64> {
        rest.split(';').find_map(|part| {
            part.trim()
                .rsplit_once(' ')
                .filter(|(_, w)| *w == word)
                .and_then(|(n, _)| n.rsplit(' ').next().and_then(|n| n.parse().ok()))
        })
    };
    Some((count("passed")?, count("failed")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_summaries() {
        assert_eq!(
            test_result_counts(
                "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.5s"
            ),
            Some((12, 0))
        );
        assert_eq!(
            test_result_counts(
                "test result: FAILED. 17 passed; 3 failed; 0 filtered out; finished in 25.67s"
            ),
            Some((17, 3))
        );
        assert_eq!(test_result_counts("running 3 tests"), None);
    }

    /// The totals, the broken targets and the exit status of a run, as `cargo xtask test` reports them.
    #[track_caller]
    fn check(output: &str, success: bool, expected: &str) {
        let mut totals = TestTotals::default();
        for line in output.lines() {
            totals.read_line(line);
        }
        totals.finish(exit_status(success));
        let mut actual = format!("{} passed, {} failed", totals.passed, totals.failed);
        for broken in &totals.broken {
            actual.push_str(&format!("\n{broken}"));
        }
        assert_eq!(actual, expected.trim());
    }

    fn exit_status(success: bool) -> ExitStatus {
        let program = if success { "true" } else { "false" };
        std::process::Command::new(program)
            .status()
            .expect("true and false are programs")
    }

    #[test]
    fn counts_a_clean_run() {
        check(
            "     Running unittests src/lib.rs (target/debug/deps/a-1)\n\
             test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\
             \u{1b}[1m\u{1b}[92m   Doc-tests\u{1b}[0m a\n\
             test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n",
            true,
            "3 passed, 0 failed",
        );
    }

    /// What cargo 1.95 printed for a workspace with a failing test and a test binary that exits with 3.
    #[test]
    fn a_binary_that_dies_before_its_summary_is_a_failure() {
        check(
            "     Running unittests src/lib.rs (target/debug/deps/a-538b)\n\
             test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\
             \x20    Running tests/crash.rs (target/debug/deps/crash-538b)\n\
             error: test failed, to rerun pass `-p a --test crash`\n\
             Caused by:\n\
             \x20 process didn't exit successfully: `target/debug/deps/crash-538b` (exit status: 3)\n\
             \x20    Running unittests src/lib.rs (target/debug/deps/b-d297)\n\
             test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.10s\n\
             error: test failed, to rerun pass `-p b --lib`\n\
             error: 2 targets failed:\n\
             \x20   `-p a --test crash`\n\
             \x20   `-p b --lib`\n",
            false,
            "2 passed, 2 failed\n`-p a --test crash` stopped before running its tests (see its error above)",
        );
    }

    #[test]
    fn a_target_that_does_not_build_is_a_failure() {
        check(
            "error[E0308]: mismatched types\n\
             error: could not compile `a` (test \"bad\") due to 1 previous error\n\
             warning: build failed, waiting for other jobs to finish...\n",
            false,
            "0 passed, 1 failed\n`a` (test \"bad\") did not build",
        );
    }

    #[test]
    fn a_binary_that_fails_after_passing_is_a_failure() {
        check(
            "     Running tests/a11y.rs (target/debug/deps/a11y-1)\n\
             test result: ok. 9 passed; 0 failed; 0 filtered out; finished in 3.00s\n\
             error: test failed, to rerun pass `-p parcours-e2e --test a11y`\n",
            false,
            "9 passed, 1 failed\n`-p parcours-e2e --test a11y` exited with an error after its tests passed",
        );
    }

    #[test]
    fn adds_up_the_browser_time_of_each_engine() {
        let mut totals = TestTotals::default();
        for line in [
            "browser time: chromium 20.5 s for 21 scenarios",
            "browser time: firefox 30.0 s for 21 scenarios",
            "test result: ok. 42 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 51.00s",
            "browser time: chromium 4.5 s for 5 scenarios",
            "browser time: nothing",
        ] {
            totals.read_line(line);
        }
        assert_eq!(
            totals.browser_time,
            [
                ("chromium".to_owned(), 25.0, 26),
                ("firefox".to_owned(), 30.0, 21)
            ]
        );
        assert_eq!(totals.passed, 42);
    }

    #[test]
    fn the_browser_flag_selects_one_engine() {
        let words = |line: &str| -> Vec<String> { line.split(' ').map(str::to_owned).collect() };
        let args = words("--browser firefox -- --test browser");
        let (engines, extra) = parse_arguments(&args).expect("parses");
        assert_eq!(engines, [Engine::Firefox]);
        assert_eq!(extra, ["--test", "browser"]);
        let args = words("--browser chromium");
        assert_eq!(
            parse_arguments(&args).expect("parses").0,
            [Engine::Chromium]
        );
        assert!(parse_arguments(&words("--browser opera")).is_err());
        assert!(parse_arguments(&words("--browser")).is_err());
    }

    #[test]
    fn a_failed_run_never_reads_zero_failed() {
        check(
            "error: failed to load manifest for workspace member `/tmp/b`\n",
            false,
            "0 passed, 1 failed\ncargo test failed (exit status: 1) without naming a test target; see its output above",
        );
    }

    #[test]
    fn node_modules_older_than_the_lock_file_are_reinstalled() {
        let scratch =
            std::env::temp_dir().join(format!("xtask-node-modules-{}", std::process::id()));
        std::fs::create_dir_all(&scratch).expect("scratch folder");
        let (lock, installed) = (scratch.join("package-lock.json"), scratch.join("installed"));
        std::fs::write(&lock, "{}").expect("lock file");
        assert!(needs_install(&lock, &installed).expect("missing"));
        std::fs::write(&installed, "").expect("installed");
        let earlier = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&installed)
            .and_then(|file| file.set_modified(earlier))
            .expect("backdate");
        assert!(needs_install(&lock, &installed).expect("older"));
        std::fs::File::options()
            .write(true)
            .open(&lock)
            .and_then(|file| file.set_modified(earlier - std::time::Duration::from_secs(60)))
            .expect("backdate");
        assert!(!needs_install(&lock, &installed).expect("newer"));
        std::fs::remove_dir_all(&scratch).expect("remove the scratch folder");
    }
}
