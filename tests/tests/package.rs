//! Package end-to-end tests: the release archive of `cargo xtask package`, installed with npm, renders the widget.
//!
//! `cargo xtask test` writes the archive from the dist/ it has just built and names it in
//! `$PARCOURS_PACKAGE`. At start this target runs `npm install --offline <archive>` in an empty
//! folder under `CARGO_TARGET_TMPDIR` (a local archive needs no network), checks the installed files
//! against the package's integrity manifest, and serves that folder under the strict CSP of
//! `/fixtures/csp*`, with two pages: one that loads the loader from `node_modules/`, and one that
//! loads it from a versioned path, `/parcours/<version>/`, pinned by the SRI hash of the manifest,
//! as the package's README tells portal administrators to do.
//! Without `$PARCOURS_PACKAGE` (a plain `cargo test`), the scenarios check nothing and say so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use base64::Engine;
use parcours_e2e::browser::BoxError;
use parcours_e2e::harness::{Outcome, Suite, default_site, note};
use parcours_e2e::page::Page;
use parcours_e2e::scenarios;
use parcours_e2e::server::StaticServer;
use serde_json::{Value, json};
use sha2::{Digest, Sha384};

fn main() -> ExitCode {
    let scenarios = scenarios![
        the_installed_package_renders_the_widget_from_node_modules,
        the_package_under_a_versioned_path_starts_with_its_loader_pinned,
    ];
    Suite::new(Path::new(env!("CARGO_TARGET_TMPDIR")), scenarios)
        .site(|| {
            let mut mounts = Vec::new();
            if let Some(archive) = archive() {
                let installed = install(&archive)?;
                let dist = installed
                    .join("node_modules")
                    .join(PACKAGE_NAME)
                    .join("dist");
                mounts.push((format!("parcours/{}", version(&installed)?), dist));
                mounts.push((SITE_PATH.to_owned(), installed));
            }
            Ok(StaticServer::start_with_mounts(
                "127.0.0.1:0",
                default_site(),
                mounts,
            )?)
        })
        .run()
}

/// The variable that names the archive, set by `cargo xtask test` (`xtask/src/package.rs`).
const PACKAGE_VARIABLE: &str = "PARCOURS_PACKAGE";

/// The package's npm name.
const PACKAGE_NAME: &str = "parcours-cloud-pi-native";

/// Where the folder of the installation is served; under `/fixtures/csp` for the strict CSP.
const SITE_PATH: &str = "fixtures/csp-package";

/// The page that loads the loader from `node_modules/`, as a site that serves its npm folder would.
const FROM_NODE_MODULES: &str = "from-node-modules.html";

/// The page that loads it from `/parcours/<version>/`, pinned by its SRI hash.
const FROM_VERSIONED_PATH: &str = "from-versioned-path.html";

/// The archive to install, if `cargo xtask test` wrote one.
fn archive() -> Option<PathBuf> {
    std::env::var_os(PACKAGE_VARIABLE).map(PathBuf::from)
}

/// Whether there is an archive to test; when there is none, says so under the scenario's name.
fn archive_or_note() -> bool {
    let found = archive().is_some();
    if !found {
        note(format!(
            "nothing checked: ${PACKAGE_VARIABLE} is unset; `cargo xtask test` writes the archive and sets it"
        ));
    }
    found
}

/// Installs `archive` with npm into an empty folder, checks the files against the manifest,
/// writes the two pages beside `node_modules/` and returns the folder.
fn install(archive: &Path) -> Result<PathBuf, BoxError> {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("package-install");
    if folder.exists() {
        std::fs::remove_dir_all(&folder)?;
    }
    std::fs::create_dir_all(&folder)?;
    // A project of its own: without a package.json here, npm would walk up to the nearest one (this
    // repository's, when target/ is inside it) and install there, editing the repository's files.
    std::fs::write(
        folder.join("package.json"),
        r#"{"name": "portal-fixture", "private": true}"#,
    )
    .map_err(|error| format!("cannot write {}/package.json: {error}", folder.display()))?;
    let output = Command::new("npm")
        .current_dir(&folder)
        .args([
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--prefix",
        ])
        .arg(&folder)
        .arg(archive)
        .output()
        .map_err(|error| format!("cannot run npm: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm install {} failed: {}",
            archive.display(),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let package = folder.join("node_modules").join(PACKAGE_NAME);
    if !package.is_dir() {
        return Err(format!("npm install succeeded but {} is missing", package.display()).into());
    }
    let manifest = manifest(&package)?;
    for (path, integrity) in &manifest {
        let bytes = std::fs::read(package.join(path))?;
        let actual = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))
        );
        if &actual != integrity {
            return Err(format!("{path} has {actual}, the manifest says {integrity}").into());
        }
    }
    let version = version(&folder)?;
    std::fs::write(
        folder.join(FROM_NODE_MODULES),
        page(&format!(
            r#"<script type="module" src="node_modules/{PACKAGE_NAME}/dist/parcours.js"></script>"#
        )),
    )?;
    std::fs::write(
        folder.join(FROM_VERSIONED_PATH),
        page(&format!(
            r#"<script type="module" src="/parcours/{version}/parcours.js" integrity="{}"></script>"#,
            manifest
                .get("dist/parcours.js")
                .ok_or("the manifest has no dist/parcours.js")?
        )),
    )?;
    Ok(folder)
}

/// The integrity manifest of the installed package.
fn manifest(package: &Path) -> Result<BTreeMap<String, String>, BoxError> {
    Ok(serde_json::from_slice(&std::fs::read(
        package.join("integrity.json"),
    )?)?)
}

/// The version of the package installed under `folder`.
fn version(folder: &Path) -> Result<String, BoxError> {
    let package: Value = serde_json::from_slice(&std::fs::read(
        folder
            .join("node_modules")
            .join(PACKAGE_NAME)
            .join("package.json"),
    )?)?;
    Ok(package["version"]
        .as_str()
        .ok_or("package.json has no version")?
        .to_owned())
}

/// A host page with one widget, loading the loader with `loader_tag`.
fn page(loader_tag: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Fixture: the npm package</title>
  <script src="/fixtures/record.js"></script>
  {loader_tag}
</head>
<body>
  <h1>Le paquet npm</h1>
  <cpn-parcours id="widget" storage="none"></cpn-parcours>
</body>
</html>
"#
    )
}

/// Where the page fetched the widget's files from, and what it recorded.
const FETCHED: &str = r#"return {
  fetched: performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes("/parcours")).sort(),
  errors: window.cpnRecord.errors,
  violations: window.cpnRecord.violations,
};"#;

async fn the_installed_package_renders_the_widget_from_node_modules(page: Page) -> Outcome {
    if !archive_or_note() {
        return Ok(());
    }
    page.open(&format!("/{SITE_PATH}/{FROM_NODE_MODULES}"))
        .await?;
    page.wait_mounted("#widget").await?;
    let base = format!("/{SITE_PATH}/node_modules/{PACKAGE_NAME}/dist");
    assert_eq!(
        page.js(FETCHED, vec![]).await?,
        json!({
            "fetched": [
                format!("{base}/parcours.js"),
                format!("{base}/parcours_widget.js"),
                format!("{base}/parcours_widget_bg.wasm"),
            ],
            "errors": [],
            "violations": [],
        })
    );
    Ok(())
}

async fn the_package_under_a_versioned_path_starts_with_its_loader_pinned(page: Page) -> Outcome {
    if !archive_or_note() {
        return Ok(());
    }
    page.open(&format!("/{SITE_PATH}/{FROM_VERSIONED_PATH}"))
        .await?;
    page.wait_mounted("#widget").await?;
    let pinned = page
        .string(
            r#"return document.querySelector("script[type=module]").integrity;"#,
            vec![],
        )
        .await?;
    assert!(pinned.starts_with("sha384-"), "{pinned}");
    let facts = page.js(FETCHED, vec![]).await?;
    let fetched = facts["fetched"].as_array().ok_or("no list")?;
    assert_eq!(fetched.len(), 3, "{facts}");
    for path in fetched {
        let path = path.as_str().ok_or("not a path")?;
        assert!(
            path.starts_with("/parcours/")
                && path
                    .split('/')
                    .nth(2)
                    .is_some_and(|version| version.contains('.')),
            "{path} is not under /parcours/<version>/"
        );
    }
    assert_eq!(facts["errors"], json!([]));
    assert_eq!(facts["violations"], json!([]));
    Ok(())
}
