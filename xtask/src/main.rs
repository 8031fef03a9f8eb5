//! Project automation in Rust, reached through `cargo xtask <command>` (see `cargo xtask help`).
//!
//! Nothing here downloads binaries: wasm-bindgen runs as a library, and the two tools that are
//! programs of their own, cargo-fuzz and geckodriver, are built from their crates into `target/tools`
//! (`install_tool`). The other external programs are cargo, rustup, npm and, for the tests,
//! Chromium, chromedriver and Firefox ESR from Debian.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool reports on its terminal"
)]

mod bench;
mod dist;
mod fuzz;
mod package;
mod sizes;
mod testing;
#[cfg(test)]
mod tidy;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  bench              measure in one run: dist/ sizes with the content floor, time to an
                     interactive widget against an empty Leptos mount, answer-to-result
                     latency and wasm memory after a journey in Chromium and in Firefox ESR,
                     and the native core; saves target/bench.md (timings are reported,
                     never asserted)
  dist               build the widget for wasm32 and write dist/ (loader, glue, wasm),
                     then print the size table and the SRI hash of dist/parcours.js
  dist --features F --out DIR
                     the same build with widget features F, written to DIR instead
                     (the fault tests use `--features panic-test --out target/dist-panic`)
  package [--out DIR]
                     run dist, then write the release archive for portal teams into DIR
                     (relative to the workspace root; default target/package/): an
                     npm-installable parcours-cloud-pi-native-<version>.tgz with dist/, an
                     integrity manifest (the sha384- SRI of every file), the licences and a
                     README on serving it (versioned path, immutable caching, CSP, SRI)
  fuzz [--long SECONDS]
                     install cargo-fuzz into target/tools if missing, then fuzz the
                     pack loader and the answer-code decoder, 60 s each by default
  serve [--port N]   run dist, then serve www/ at / and dist/ at /dist/ on 127.0.0.1
                     (default port 8080)
  test [--browser chromium|firefox] [-- ARGS]
                     check for Chromium and chromedriver and for Firefox ESR, install
                     geckodriver into target/tools if missing, run `npm ci` if node_modules/
                     is missing or older than package-lock.json, run dist and the panic-test
                     build, then `cargo test --workspace --no-fail-fast [ARGS]` (every
                     native test including the widget's, the size budget, the browser
                     tests in both engines, or in the one --browser names), and end with
                     the totals of every test binary and the browser time of each engine
  help               show this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let outcome = match command {
        "bench" if rest.is_empty() => bench::run(),
        "dist" if rest.is_empty() => dist::run().map(|_| ()),
        "dist" => parse_dist_options(rest)
            .and_then(|(features, out)| dist::run_with(&features, out.as_deref()).map(|_| ())),
        "fuzz" => fuzz::run(rest),
        "package" => {
            parse_package_out(rest).and_then(|out| package::run(out.as_deref()).map(|_| ()))
        }
        "serve" => parse_port(rest).and_then(serve),
        "test" => testing::run(rest),
        _ => {
            if !matches!(command, "help" | "--help" | "-h") {
                eprintln!("error: unknown command or arguments: {}\n", args.join(" "));
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(8080),
        [flag, port] if flag == "--port" => port
            .parse()
            .with_context(|| format!("--port {port:?} is not a port number")),
        [flag] if flag.starts_with("--port=") => {
            let port = &flag["--port=".len()..];
            port.parse()
                .with_context(|| format!("--port={port:?} is not a port number"))
        }
        _ => bail!("serve takes only --port N, not {:?}", args.join(" ")),
    }
}

/// `--features F` (repeatable, comma lists allowed) and `--out DIR` of `cargo xtask dist`.
fn parse_dist_options(args: &[String]) -> Result<(Vec<String>, Option<PathBuf>)> {
    let (mut features, mut out) = (Vec::new(), None);
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match (word.as_str(), words.next()) {
            ("--features", Some(list)) => {
                features.extend(list.split(',').filter(|f| !f.is_empty()).map(str::to_owned))
            }
            ("--out", Some(dir)) => out = Some(PathBuf::from(dir)),
            _ => bail!(
                "dist takes only --features F and --out DIR, not {:?}",
                args.join(" ")
            ),
        }
    }
    // dist/ is what ships: a build with test features must go somewhere else.
    if !features.is_empty() && out.is_none() {
        bail!(
            "dist --features {} needs --out DIR, so that dist/ never holds a test build",
            features.join(",")
        );
    }
    Ok((features, out))
}

/// `--out DIR` of `cargo xtask package`.
fn parse_package_out(args: &[String]) -> Result<Option<PathBuf>> {
    match args {
        [] => Ok(None),
        [flag, dir] if flag == "--out" => Ok(Some(PathBuf::from(dir))),
        _ => bail!("package takes only --out DIR, not {:?}", args.join(" ")),
    }
}

fn serve(port: u16) -> Result<()> {
    dist::run()?;
    let roots = parcours_e2e::server::SiteRoots {
        www: project_root().join("www"),
        dist: project_root().join("dist"),
    };
    let server = parcours_e2e::server::StaticServer::start(("127.0.0.1", port), roots)
        .with_context(|| {
            format!("cannot listen on 127.0.0.1:{port}; try `cargo xtask serve --port N`")
        })?;
    println!();
    println!(
        "Serving www/ and dist/ (no-store; the strict CSP on /fixtures/csp*). Stop with Ctrl-C."
    );
    println!("  demo page:      {}", server.url("/"));
    println!("  embedding guide: {}", server.url("/embedding.html"));
    println!("  test fixtures:  {}", server.url("/fixtures/"));
    server.wait();
    Ok(())
}

/// The workspace root: xtask lives in its first-level `xtask/` folder.
fn project_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Installs the crate `package` into `tools` (as its own `--root`) unless its binary `bin/<binary>` is
/// there already, and returns the binary's path; `--locked` first, as its authors tested it.
fn install_tool(tools: &Path, package: &str, binary: &str) -> Result<PathBuf> {
    let installed = tools.join("bin").join(binary);
    if installed.is_file() {
        return Ok(installed);
    }
    for locked in [true, false] {
        println!(
            "$ cargo install {package}{} --root {}",
            if locked { " --locked" } else { "" },
            tools.display()
        );
        let mut install = cargo();
        install.args(["install", package, "--root"]).arg(tools);
        if locked {
            install.arg("--locked");
        }
        if install
            .status()
            .context("cannot run cargo install")?
            .success()
            && installed.is_file()
        {
            return Ok(installed);
        }
    }
    bail!("cannot install {package} into {}", tools.display())
}

/// The cargo that runs us (`$CARGO`), so that the same toolchain builds the widget.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}
