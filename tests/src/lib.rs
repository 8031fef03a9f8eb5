//! End-to-end test support: a static server for the host pages and a headless browser to drive
//! them, Chromium or Firefox ESR.
//!
//! The server is std-only and is also what `cargo xtask serve` runs, so that a person sees
//! exactly what the tests see (same MIME types, same CSP header on the CSP fixtures).
//! Which engines run, and where their programs are, is std-only too (`engine`), for `cargo xtask test`.
//! The browser half needs fantoccini and tokio and sits behind the default `browser` feature:
//! the chromedriver and geckodriver launcher (`browser`), the page a scenario works with (`page`), and the one
//! scenario runner of the browser test targets (`harness`). Their in-page JavaScript lives in
//! `tests/js/` (`scripts`).

use std::path::{Path, PathBuf};

#[cfg(feature = "browser")]
pub mod browser;
pub mod engine;
#[cfg(feature = "browser")]
pub mod harness;
#[cfg(feature = "browser")]
pub mod page;
pub mod scripts;
pub mod server;

/// The workspace root, found from this crate's own manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The host pages and fixtures, served at `/`.
pub fn www_dir() -> PathBuf {
    workspace_root().join("www")
}

/// The build output of `cargo xtask dist`, served at `/dist/`.
pub fn dist_dir() -> PathBuf {
    workspace_root().join("dist")
}

/// The DSFR's stylesheets and fonts from npm (`@gouvfr/dsfr`, a dev-dependency in `package.json`),
/// served at `/dsfr/` for the fixture `www/fixtures/dsfr.html`.
pub fn dsfr_dir() -> PathBuf {
    workspace_root()
        .join("node_modules")
        .join("@gouvfr")
        .join("dsfr")
        .join("dist")
}

/// Fails with instructions when `dist/` has not been built, instead of letting every test time out.
pub fn require_dist() -> Result<(), String> {
    let dist = dist_dir();
    let missing: Vec<&str> = [
        "parcours.js",
        "parcours_widget.js",
        "parcours_widget_bg.wasm",
    ]
    .into_iter()
    .filter(|file| !dist.join(file).is_file())
    .collect();
    if missing.is_empty() {
        warn_if_stale(&dist.join("parcours_widget_bg.wasm"));
        Ok(())
    } else {
        Err(format!(
            "{} lacks {}: build the widget first with `cargo xtask dist`, or run everything with `cargo xtask test`",
            dist.display(),
            missing.join(", ")
        ))
    }
}

/// Says so when the widget's sources are newer than dist/, since the tests would then check old code.
fn warn_if_stale(built: &Path) {
    let Ok(built_at) = built.metadata().and_then(|metadata| metadata.modified()) else {
        return;
    };
    let widget = workspace_root().join("widget");
    let newer = [widget.join("src"), widget.join("js")]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).into_iter().flatten().flatten())
        .filter(|entry| {
            entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .is_ok_and(|modified| modified > built_at)
        })
        .map(|entry| entry.path().display().to_string())
        .collect::<Vec<_>>();
    if !newer.is_empty() {
        #[allow(
            clippy::print_stderr,
            reason = "a warning for the person running the tests"
        )]
        {
            eprintln!(
                "warning: dist/ is older than {}; `cargo xtask test` rebuilds it first",
                newer.join(", ")
            );
        }
    }
}
