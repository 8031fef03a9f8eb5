//! `cargo xtask package`: the release archive for portal teams, an npm-installable `.tgz` of dist/
//! with an integrity manifest, the licences and a README for the administrators who serve it.
//!
//! The archive is what `npm pack` would write (every entry under `package/`), built here with the
//! `tar` and `flate2` crates so that it needs no npm, and reproducible: fixed dates, modes and owners,
//! entries in a fixed order, so that the same dist/ always gives the same bytes.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, ensure};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};

use crate::{dist, project_root, sizes};

/// The npm name of the package.
pub(crate) const PACKAGE_NAME: &str = "parcours-cloud-pi-native";

/// The environment variable through which `cargo xtask test` names the archive it has just written,
/// for the browser test that installs it with npm (`tests/tests/package.rs`).
pub(crate) const PACKAGE_VARIABLE: &str = "PARCOURS_PACKAGE";

/// The crate whose version the package carries: the widget is what it ships.
const VERSIONED_CRATE: &str = "parcours-widget";

/// The folder of the package that holds dist/'s files; `exports` points at its loader.
const DIST_FOLDER: &str = "dist";

/// The integrity manifest: every other file of the package with its `sha384-` SRI hash.
const MANIFEST: &str = "integrity.json";

/// The licences, copied from the root of the repository.
const LICENCES: [&str; 2] = ["LICENSE-MIT", "LICENSE-APACHE"];

/// The README for portal administrators, with `{{NAME}}`, `{{VERSION}}` and `{{LOADER_SRI}}` to fill in.
const README_TEMPLATE: &str = include_str!("package-readme.md");

/// The date of every entry, as `npm pack` writes it (1985-10-26 08:15 UTC), so that the archive
/// depends only on the files.
const ENTRY_MTIME: u64 = 499_162_500;

/// Builds dist/ and writes the archive into `out` (relative to the workspace root; default
/// `target/package/`); returns the archive's path.
pub(crate) fn run(out: Option<&Path>) -> Result<PathBuf> {
    let root = project_root();
    let dist = dist::run()?;
    let out = match out {
        Some(out) => root.join(out),
        None => dist::target_dir(&root)?.join("package"),
    };
    let archive = write_archive(&dist, &out)?;
    println!("\npackage written: {}", archive.display());
    println!(
        "install it with `npm install {}`, or unpack it with `tar xzf`; its README says how to serve it",
        archive.display()
    );
    Ok(archive)
}

/// Writes the archive of `dist` into the folder `out`, named as npm names it
/// (`parcours-cloud-pi-native-<version>.tgz`), and returns its path.
pub(crate) fn write_archive(dist: &Path, out: &Path) -> Result<PathBuf> {
    let root = project_root();
    let version = widget_version(&root)?;
    let files = package_files(dist, &root, &version)?;
    let archive = tgz(&files)?;
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let path = out.join(format!("{PACKAGE_NAME}-{version}.tgz"));
    fs::write(&path, archive).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Every file of the package, by its path inside the package, in the order of the archive:
/// `package.json` first, as npm writes it, then the rest by name.
fn package_files(dist: &Path, root: &Path, version: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = BTreeMap::new();
    let mut names = Vec::new();
    for entry in fs::read_dir(dist).with_context(|| format!("cannot read {}", dist.display()))? {
        let entry = entry?;
        ensure!(
            entry.file_type()?.is_file(),
            "{} is not a file: dist/ holds only the loader, the glue and the wasm",
            entry.path().display()
        );
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    ensure!(
        names.iter().any(|name| name == "parcours.js"),
        "{} has no parcours.js; run `cargo xtask dist`",
        dist.display()
    );
    for name in names {
        let bytes = fs::read(dist.join(&name))?;
        files.insert(format!("{DIST_FOLDER}/{name}"), bytes);
    }
    for licence in LICENCES {
        let path = root.join(licence);
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        files.insert(licence.to_owned(), bytes);
    }
    let loader_sri = sizes::subresource_integrity(&files[&format!("{DIST_FOLDER}/parcours.js")]);
    let readme = README_TEMPLATE
        .replace("{{NAME}}", PACKAGE_NAME)
        .replace("{{VERSION}}", version)
        .replace("{{LOADER_SRI}}", &loader_sri);
    files.insert("README.md".to_owned(), readme.into_bytes());
    let manifest_entries: Vec<String> = files.keys().cloned().collect();
    let package_json = pretty(&package_json(version, &manifest_entries))?;
    files.insert("package.json".to_owned(), package_json);
    let manifest: BTreeMap<&String, String> = files
        .iter()
        .map(|(path, bytes)| (path, sizes::subresource_integrity(bytes)))
        .collect();
    files.insert(MANIFEST.to_owned(), pretty(&json!(manifest))?);

    let package_json = files.remove("package.json").unwrap_or_default();
    let mut ordered = vec![("package.json".to_owned(), package_json)];
    ordered.extend(files);
    Ok(ordered)
}

/// The package's `package.json`; `files` names exactly what the archive holds.
fn package_json(version: &str, files: &[String]) -> Value {
    let mut listed: Vec<&str> = files
        .iter()
        .filter(|path| !path.starts_with(&format!("{DIST_FOLDER}/")))
        .map(String::as_str)
        .collect();
    let dist_folder = format!("{DIST_FOLDER}/");
    listed.push(&dist_folder);
    listed.push(MANIFEST);
    listed.sort_unstable();
    json!({
        "name": PACKAGE_NAME,
        "version": version,
        "description": "The <cpn-parcours> widget: where a public-sector team stands on the road to Cloud Pi Native, \
                        as a WebAssembly custom element to serve from an intranet portal.",
        "license": "MIT OR Apache-2.0",
        "repository": {
            "type": "git",
            "url": "git+https://github.com/parcours-cloud-pi-native/parcours.git",
        },
        "keywords": ["cloud-pi-native", "dsfr", "web-component", "custom-element", "webassembly"],
        "type": "module",
        "browser": format!("./{DIST_FOLDER}/parcours.js"),
        "exports": {
            ".": format!("./{DIST_FOLDER}/parcours.js"),
            "./dist/*": format!("./{DIST_FOLDER}/*"),
            "./integrity.json": format!("./{MANIFEST}"),
            "./package.json": "./package.json",
        },
        "files": listed,
        // Importing the loader defines the element: a bundler must not drop it as unused.
        "sideEffects": true,
    })
}

fn pretty(value: &Value) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A gzipped tar of `files`, each under `package/`, with fixed dates, modes and owners.
fn tgz(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut archive = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::best()));
    for (path, bytes) in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(u64::try_from(bytes.len())?);
        header.set_mode(0o644);
        header.set_mtime(ENTRY_MTIME);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        archive
            .append_data(&mut header, format!("package/{path}"), bytes.as_slice())
            .with_context(|| format!("cannot add {path} to the archive"))?;
    }
    let mut gzip = archive.into_inner()?;
    gzip.flush()?;
    Ok(gzip.finish()?)
}

/// The version of the widget crate, as cargo reads it (the workspace's).
fn widget_version(root: &Path) -> Result<String> {
    let metadata = dist::cargo_metadata(root)?;
    metadata["packages"]
        .as_array()
        .and_then(|packages| {
            packages
                .iter()
                .find(|package| package["name"] == VERSIONED_CRATE)
        })
        .and_then(|package| package["version"].as_str())
        .map(str::to_owned)
        .with_context(|| format!("cargo metadata has no version for {VERSIONED_CRATE}"))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Every entry of a `.tgz`, by path, with its bytes.
    fn unpack(archive: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut entries = Vec::new();
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
        for entry in tar.entries().expect("a tar") {
            let mut entry = entry.expect("an entry");
            assert_eq!(entry.header().mode().expect("a mode"), 0o644);
            assert_eq!(entry.header().mtime().expect("a date"), ENTRY_MTIME);
            let path = entry.path().expect("a path").to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("readable");
            entries.push((path, bytes));
        }
        entries
    }

    /// A dist/ of six small files, in a fresh folder under the system's temporary folder.
    fn fake_dist(name: &str) -> PathBuf {
        let dist = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dist);
        fs::create_dir_all(&dist).expect("a temporary folder");
        for file in [
            "parcours.js",
            "parcours_widget.js",
            "parcours_widget_bg.wasm",
            "parcours_widget_en.bin",
            "parcours_checker.js",
            "parcours_checker_bg.wasm",
        ] {
            fs::write(dist.join(file), format!("the bytes of {file}")).expect("writable");
        }
        dist
    }

    #[test]
    fn the_archive_holds_dist_the_manifest_the_licences_and_a_readme_that_pins_the_loader() {
        let dist = fake_dist("package");
        let out = dist.with_extension("out");
        let written = write_archive(&dist, &out);
        let archive = written.as_ref().map(fs::read);
        let _ = fs::remove_dir_all(&dist);
        let _ = fs::remove_dir_all(&out);
        let version = widget_version(&project_root()).expect("a version");
        assert_eq!(
            written
                .as_ref()
                .expect("an archive")
                .file_name()
                .and_then(|name| name.to_str()),
            Some(format!("parcours-cloud-pi-native-{version}.tgz").as_str())
        );
        let entries = unpack(&archive.expect("an archive").expect("readable"));
        let paths: Vec<&str> = entries.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "package/package.json",
                "package/LICENSE-APACHE",
                "package/LICENSE-MIT",
                "package/README.md",
                "package/dist/parcours.js",
                "package/dist/parcours_checker.js",
                "package/dist/parcours_checker_bg.wasm",
                "package/dist/parcours_widget.js",
                "package/dist/parcours_widget_bg.wasm",
                "package/dist/parcours_widget_en.bin",
                "package/integrity.json",
            ]
        );
        let file = |path: &str| {
            &entries
                .iter()
                .find(|(entry, _)| entry == &format!("package/{path}"))
                .expect(path)
                .1
        };

        let manifest: BTreeMap<String, String> =
            serde_json::from_slice(file(MANIFEST)).expect("JSON");
        let hashed: Vec<&str> = manifest.keys().map(String::as_str).collect();
        let others: Vec<&str> = paths
            .iter()
            .map(|path| &path["package/".len()..])
            .filter(|path| *path != MANIFEST)
            .collect();
        assert_eq!(
            hashed,
            {
                let mut sorted = others.clone();
                sorted.sort_unstable();
                sorted
            },
            "the manifest hashes every other file"
        );
        for (path, integrity) in &manifest {
            assert_eq!(
                integrity,
                &sizes::subresource_integrity(file(path)),
                "{path}"
            );
        }

        let package: Value = serde_json::from_slice(file("package.json")).expect("JSON");
        assert_eq!(package["name"], PACKAGE_NAME);
        assert_eq!(package["version"], version.as_str());
        assert_eq!(package["license"], "MIT OR Apache-2.0");
        assert_eq!(package["exports"]["."], "./dist/parcours.js");
        assert_eq!(
            package["files"],
            json!([
                "LICENSE-APACHE",
                "LICENSE-MIT",
                "README.md",
                "dist/",
                "integrity.json"
            ])
        );

        let readme = String::from_utf8(file("README.md").clone()).expect("UTF-8");
        let loader_sri = &manifest["dist/parcours.js"];
        assert!(
            readme.contains(&format!(
                "<script type=\"module\" src=\"/parcours/{version}/parcours.js\" integrity=\"{loader_sri}\"></script>"
            )),
            "{readme}"
        );
        assert!(!readme.contains("{{"), "a placeholder is left: {readme}");
        assert!(readme.contains("immutable") && readme.contains("'wasm-unsafe-eval'"));
        assert_eq!(
            file("LICENSE-MIT"),
            &fs::read(project_root().join("LICENSE-MIT")).expect("the licence")
        );
    }

    #[test]
    fn the_same_dist_gives_the_same_archive() {
        let dist = fake_dist("package-twice");
        let version = "1.2.3";
        let first = tgz(&package_files(&dist, &project_root(), version).expect("files"));
        let second = tgz(&package_files(&dist, &project_root(), version).expect("files"));
        let _ = fs::remove_dir_all(&dist);
        assert_eq!(first.expect("an archive"), second.expect("an archive"));
    }

    #[test]
    fn a_dist_without_the_loader_is_refused() {
        let dist = fake_dist("package-no-loader");
        fs::remove_file(dist.join("parcours.js")).expect("removable");
        let error = package_files(&dist, &project_root(), "1.2.3").expect_err("no loader");
        let _ = fs::remove_dir_all(&dist);
        assert!(error.to_string().contains("has no parcours.js"), "{error}");
    }
}
