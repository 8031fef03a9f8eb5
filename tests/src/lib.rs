//! End-to-end test support: a static server for the host pages and a headless Chromium to drive them.
//!
//! The server is std-only and is also what `cargo xtask serve` runs, so that a person sees
//! exactly what the tests see (same MIME types, same CSP header on the CSP fixtures).
//! The browser half needs fantoccini and tokio and sits behind the default `browser` feature.

use std::path::{Path, PathBuf};

#[cfg(feature = "browser")]
pub mod browser;
pub mod server;

/// The workspace root, found from this crate's own manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".."))
}

/// The host pages and fixtures, served at `/`.
pub fn www_dir() -> PathBuf {
    workspace_root().join("www")
}

/// The build output of `cargo xtask dist`, served at `/dist/`.
pub fn dist_dir() -> PathBuf {
    workspace_root().join("dist")
}

/// Fails with instructions when `dist/` has not been built, instead of letting every test time out.
pub fn require_dist() -> Result<(), String> {
    let dist = dist_dir();
    let missing: Vec<&str> = ["parcours.js", "parcours_widget.js", "parcours_widget_bg.wasm"]
        .into_iter()
        .filter(|file| !dist.join(file).is_file())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} lacks {}: build the widget first with `cargo xtask dist`, or run everything with `cargo xtask test`",
            dist.display(),
            missing.join(", ")
        ))
    }
}
