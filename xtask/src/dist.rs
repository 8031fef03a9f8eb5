//! `cargo xtask dist`: build the widget and the pack checker for wasm32, run wasm-bindgen as a library,
//! and write dist/.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};

use crate::{cargo, project_root, sizes};

pub(crate) const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub(crate) const WASM_PROFILE: &str = "wasm-release";
const WIDGET_PACKAGE: &str = "parcours-widget";
const WIDGET_LIB: &str = "parcours_widget";
const CHECKER_PACKAGE: &str = "parcours-checker";
/// The checker's files start with this name; pages that keep the default pack never fetch them.
pub(crate) const CHECKER_LIB: &str = "parcours_checker";
const DOCUMENTS_PACKAGE: &str = "parcours-documents";
/// The downloads' files start with this name; a page fetches them on a visitor's first download.
pub(crate) const DOCUMENTS_LIB: &str = "parcours_documents";

/// The English texts of the default content pack, which only English pages download (see
/// `Pack::to_compact_split`): the widget's wasm embeds the first part.
pub(crate) const ENGLISH_FILE: &str = "parcours_widget_en.bin";

/// The French texts of the default pack's later steps, which a page downloads once its visitor
/// goes past the first step (see `Pack::to_compact_split`).
pub(crate) const LATER_FILE: &str = "parcours_widget_later.bin";

/// Which pages download a file of dist/.
pub(crate) fn part_of(name: &str) -> sizes::Part {
    if name.starts_with(CHECKER_LIB) {
        sizes::Part::Checker
    } else if name.starts_with(DOCUMENTS_LIB) {
        sizes::Part::Documents
    } else if name == ENGLISH_FILE {
        sizes::Part::English
    } else if name == LATER_FILE {
        sizes::Part::Later
    } else {
        sizes::Part::Page
    }
}
const LOADER: &str = "parcours.js";

/// Builds dist/ from scratch and returns its path.
pub(crate) fn run() -> Result<PathBuf> {
    run_with(&[], None)
}

/// Builds the widget with extra cargo `features` into `out` (default `dist/`) and returns its path.
///
/// The fault tests build a second copy with `--features panic-test --out target/dist-panic`,
/// which must never be what ships: only the default build writes `dist/`.
pub(crate) fn run_with(features: &[String], out: Option<&Path>) -> Result<PathBuf> {
    let started = Instant::now();
    let root = project_root();
    let dist = out.map_or_else(|| root.join("dist"), |out| root.join(out));
    check_bindgen_versions(&root.join("Cargo.lock"))?;
    crate::testing::install_node_modules(&root)?;

    // Two packages in one build, so features name their package.
    let features = features
        .iter()
        .map(|feature| {
            if feature.contains('/') {
                feature.clone()
            } else {
                format!("{WIDGET_PACKAGE}/{feature}")
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    let mut packages = vec![
        "-p",
        WIDGET_PACKAGE,
        "-p",
        CHECKER_PACKAGE,
        "-p",
        DOCUMENTS_PACKAGE,
    ];
    if !features.is_empty() {
        packages.extend(["--features", &features]);
    }
    build_wasm(&root, &packages)?;

    let built = target_dir(&root)?.join(WASM_TARGET).join(WASM_PROFILE);
    let wasm = |lib: &str| {
        let wasm = built.join(format!("{lib}.wasm"));
        ensure!(wasm.is_file(), "cargo did not produce {}", wasm.display());
        Ok(wasm)
    };

    // A fresh folder, so that no stale snippet or renamed file is ever shipped.
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("cannot clear {}", dist.display()))?;
    }
    fs::create_dir_all(&dist).with_context(|| format!("cannot create {}", dist.display()))?;
    bindgen(&wasm(WIDGET_LIB)?, WIDGET_LIB, &dist)?;
    bindgen(&wasm(CHECKER_LIB)?, CHECKER_LIB, &dist)?;
    bindgen(&wasm(DOCUMENTS_LIB)?, DOCUMENTS_LIB, &dist)?;
    // The same split as the widget's build script, from the same pack: the wasm embeds the first
    // part, and the checksum inside each of the other two ties it to that one.
    let split = parcours_core::default_pack().to_compact_split();
    for (file, bytes) in [(ENGLISH_FILE, split.english), (LATER_FILE, split.later)] {
        fs::write(dist.join(file), bytes).with_context(|| format!("cannot write {file}"))?;
    }
    write_loader(&root.join("widget").join("js").join(LOADER), &dist)?;

    if out.is_some() {
        // A test build: its sizes are not the shipped ones, so the size table is left alone.
        println!(
            "{} written in {:.1} s",
            dist.display(),
            started.elapsed().as_secs_f64()
        );
        return Ok(dist);
    }
    let report = sizes::measure(&dist, part_of)?;
    let table = report.markdown();
    let sizes_file = target_dir(&root)?.join("sizes.md");
    fs::write(&sizes_file, &table)
        .with_context(|| format!("cannot write {}", sizes_file.display()))?;
    println!("\n{table}");
    println!("sizes saved to {}", sizes_file.display());
    println!(
        "SRI of dist/{LOADER} (it carries the SHA-384 of {}): {}",
        loaded_files().join(", "),
        sizes::subresource_integrity(&fs::read(dist.join(LOADER))?)
    );
    println!("dist/ written in {:.1} s", started.elapsed().as_secs_f64());
    Ok(dist)
}

/// The files the loader runs, each of which it fetches with the SHA-384 that [`write_loader`] writes into it.
fn loaded_files() -> [String; 8] {
    [
        format!("{WIDGET_LIB}.js"),
        format!("{WIDGET_LIB}_bg.wasm"),
        ENGLISH_FILE.to_owned(),
        LATER_FILE.to_owned(),
        format!("{CHECKER_LIB}.js"),
        format!("{CHECKER_LIB}_bg.wasm"),
        format!("{DOCUMENTS_LIB}.js"),
        format!("{DOCUMENTS_LIB}_bg.wasm"),
    ]
}

/// Copies the loader `source` into `dist`, minified, with the SHA-384 of every file it runs written
/// over its placeholder, so that the loader's own SRI covers the whole widget.
///
/// Every embedding page downloads the loader: its comments were a third of it after brotli (1,140 of
/// 3,299 bytes), and terser took another 841 bytes of 3,688 off what was left (names, layout). It
/// keeps its first line, which says what the file is; the readable source is
/// `widget/js/parcours.js`, which the package's README names, and its hashes stay string literals
/// that `grep sha384- parcours.js` shows beside their files.
fn write_loader(source: &Path, dist: &Path) -> Result<()> {
    let loader =
        fs::read_to_string(source).with_context(|| format!("cannot read {}", source.display()))?;
    let mut hashes = Vec::new();
    for file in loaded_files() {
        let bytes = fs::read(dist.join(&file))
            .with_context(|| format!("cannot read {}", dist.join(&file).display()))?;
        hashes.push((file, sizes::subresource_integrity(&bytes)));
    }
    let shipped = dist.join(LOADER);
    fs::write(&shipped, &loader).with_context(|| format!("cannot write {}", shipped.display()))?;
    minify_js(&shipped)?;
    let minified = fs::read_to_string(&shipped)
        .with_context(|| format!("cannot read {}", shipped.display()))?;
    let loader = with_integrity(&with_first_line_of(&loader, minified), &hashes)
        .with_context(|| format!("cannot write the hashes into {}", source.display()))?;
    fs::write(&shipped, loader).with_context(|| format!("cannot write {}", shipped.display()))
}

/// `minified` starting with the first line of `source`, which says what the file is: terser keeps a
/// `//!` comment, and any other first line is put back.
fn with_first_line_of(source: &str, minified: String) -> String {
    let first_line = source.lines().next().unwrap_or_default();
    if minified.starts_with(first_line) {
        minified
    } else {
        format!("{first_line}\n{minified}")
    }
}

/// The loader's stand-in for the hash of `file`: `sha384-` and the name without `_` and `.`.
///
/// It reads as a well-formed hash that no file matches, so a loader that missed [`with_integrity`]
/// refuses every file; a malformed value would make the browser skip the check instead.
fn integrity_placeholder(file: &str) -> String {
    format!("\"sha384-{}\"", file.replace(['_', '.'], ""))
}

/// `loader` with each `(file, integrity)` written over the file's placeholder, which must occur exactly once.
fn with_integrity(loader: &str, hashes: &[(String, String)]) -> Result<String> {
    let mut written = loader.to_owned();
    for (file, integrity) in hashes {
        let placeholder = integrity_placeholder(file);
        let found = written.matches(&placeholder).count();
        ensure!(
            found == 1,
            "the placeholder {placeholder} for {file} occurs {found} times instead of once"
        );
        written = written.replace(&placeholder, &format!("\"{integrity}\""));
    }
    Ok(written)
}

/// Runs wasm-bindgen as a library on `wasm`, writing `<name>.js` and `<name>_bg.wasm` into `out`,
/// then [`optimize_wasm`] on the module and terser on the glue.
pub(crate) fn bindgen(wasm: &Path, name: &str, out: &Path) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name(name)
        .web(true)?
        .typescript(false)
        // The library's default is `true`, unlike the CLI's; without the default path the
        // glue's `init()` cannot find the .wasm on its own.
        .omit_default_module_path(false)
        // The name section is about 40 % of the raw file and only helps debuggers.
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out)
        .with_context(|| format!("wasm-bindgen failed on {}", wasm.display()))?;
    let module = out.join(format!("{name}_bg.wasm"));
    strip_unused_exports(&module)?;
    optimize_wasm(&module)?;
    minify_js(&out.join(format!("{name}.js")))
}

/// The exports of wasm-streams, which Leptos brings into the widget (its `server_fn` dependency,
/// whose `browser` feature Leptos always enables) and nothing calls: the classes that turn a Rust
/// stream into a JavaScript one. Exports are roots, so their code stays unless they go (1.4 KB
/// brotli of the widget). The glue keeps its classes, whose methods call these exports only when
/// used, and nothing uses them.
const UNUSED_EXPORT_PREFIXES: &[&str] = &["intounderlying", "__wbg_intounderlying"];

/// Removes the exports of [`UNUSED_EXPORT_PREFIXES`] from `wasm` in place, so that
/// [`optimize_wasm`] removes the code only they reached.
fn strip_unused_exports(wasm: &Path) -> Result<()> {
    let mut module = walrus::Module::from_file(wasm)
        .with_context(|| format!("cannot read {} as a wasm module", wasm.display()))?;
    let unused: Vec<walrus::ExportId> = module
        .exports
        .iter()
        .filter(|export| {
            UNUSED_EXPORT_PREFIXES
                .iter()
                .any(|prefix| export.name.starts_with(prefix))
        })
        .map(|export| export.id())
        .collect();
    if unused.is_empty() {
        return Ok(());
    }
    for export in unused {
        module.exports.delete(export);
    }
    module
        .emit_wasm_file(wasm)
        .with_context(|| format!("cannot write {}", wasm.display()))
}

/// The passes of binaryen's `wasm-opt` that [`optimize_wasm`] runs: `-O1`, then the removal of
/// functions whose bodies came out identical (monomorphised copies that differ only by type).
///
/// Brotli is what travels, and binaryen's stronger levels grow it: measured with binaryen 132 on
/// the widget (172,429 bytes brotli as bindgen writes it), `-O1` 169,873, `-O1` with
/// `--duplicate-function-elimination` 169,509, but `-O2` 181,459 and `-Oz` 180,993 (they inline and
/// reorder, and the smaller raw file compresses worse); the checker 65,952 → 64,360.
const WASM_OPT_PASSES: &[&str] = &["-O1", "--duplicate-function-elimination"];

/// The WebAssembly features rustc's wasm32 target enables, and no other, so that binaryen never
/// writes an instruction that the browsers the widget supports (Firefox ESR among them) lack.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Runs binaryen's `wasm-opt` (from `node_modules/`, which `npm ci` fills) on `wasm` in place,
/// with [`WASM_OPT_PASSES`].
fn optimize_wasm(wasm: &Path) -> Result<()> {
    let wasm_opt = project_root().join("node_modules/binaryen/bin/wasm-opt");
    ensure!(
        wasm_opt.is_file(),
        "{} is missing: run `npm ci` (binaryen optimises the wasm)",
        wasm_opt.display()
    );
    let status = Command::new("node")
        .arg(&wasm_opt)
        .args(WASM_FEATURES)
        .args(WASM_OPT_PASSES)
        .arg(wasm)
        .arg("-o")
        .arg(wasm)
        .status()
        .context("cannot run node: install npm (`apt-get install npm`), which binaryen needs")?;
    ensure!(
        status.success(),
        "wasm-opt failed on {} ({status})",
        wasm.display()
    );
    Ok(())
}

/// Minifies a JavaScript module in place with terser (from `node_modules/`, which `npm ci` fills):
/// the wasm-bindgen glue, whose comments, long names and layout were a third of what a page
/// downloads of it (7.4 KB brotli before, 5.3 KB after), and the loader ([`write_loader`]). As ES
/// modules, their exports keep their names.
fn minify_js(module: &Path) -> Result<()> {
    let root = project_root();
    let terser = root.join("node_modules/terser/bin/terser");
    ensure!(
        terser.is_file(),
        "{} is missing: run `npm ci` (terser minifies the glue and the loader)",
        terser.display()
    );
    let status = Command::new("node")
        .arg(&terser)
        .arg(module)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(module)
        .status()
        .context("cannot run node: install npm (`apt-get install npm`), which terser needs")?;
    ensure!(
        status.success(),
        "terser failed on {} ({status})",
        module.display()
    );
    Ok(())
}

/// Adds the wasm target through rustup when it is missing; without rustup, cargo will say what is wrong.
fn ensure_wasm_target() -> Result<()> {
    let Ok(installed) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        eprintln!(
            "note: rustup not found; assuming the {WASM_TARGET} standard library is installed"
        );
        return Ok(());
    };
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    println!("$ rustup target add {WASM_TARGET}");
    let status = Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .status()?;
    ensure!(
        status.success(),
        "rustup target add {WASM_TARGET} failed ({status})"
    );
    Ok(())
}

/// The standard library is rebuilt for the shipped wasm (`-Z build-std`, which needs the `rust-src`
/// component) with `-C panic=immediate-abort`: a panic is then a bare `unreachable` trap, and neither
/// the panic machinery nor the message formatting of the precompiled standard library is shipped
/// (measured: about 10 KB less brotli), and with `-Z location-detail=none`, which drops the file
/// names and line numbers that panics would have reported (2.2 KB less; with no panic message,
/// nothing read them). The loader, not a panic hook, then tells the reader that
/// the widget stopped (see `widget/js/parcours.js`). Both are unstable options, which stable cargo and
/// rustc accept with `RUSTC_BOOTSTRAP=1`, scoped to this build as it is to the fuzz build.
const BUILD_STD_ARGS: &[&str] = &[
    "-Z",
    "build-std=std,panic_abort",
    "--config",
    r#"target.wasm32-unknown-unknown.rustflags=["-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none"]"#,
];

/// Builds `args` (packages with `-p`, or `--features`) for wasm32 with the shipped profile and the
/// size-first standard library; the bench's empty Leptos mount is built the same way.
pub(crate) fn build_wasm(root: &Path, args: &[&str]) -> Result<()> {
    ensure_wasm_target()?;
    ensure_rust_src()?;
    let mut command = cargo();
    command.current_dir(root).env("RUSTC_BOOTSTRAP", "1").args([
        "build",
        "--target",
        WASM_TARGET,
        "--profile",
        WASM_PROFILE,
    ]);
    command.args(args).args(BUILD_STD_ARGS);
    println!(
        "$ RUSTC_BOOTSTRAP=1 cargo build --target {WASM_TARGET} --profile {WASM_PROFILE} {} {}",
        args.join(" "),
        BUILD_STD_ARGS.join(" ")
    );
    let status = command.status().context("cannot run cargo build")?;
    ensure!(
        status.success(),
        "building for {WASM_TARGET} failed ({status})"
    );
    Ok(())
}

/// `-Z build-std` compiles the standard library from the `rust-src` component; adds it if missing.
fn ensure_rust_src() -> Result<()> {
    let sysroot = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .context("cannot run rustc --print sysroot")?;
    let library = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim())
        .join("lib/rustlib/src/rust/library");
    if library.is_dir() {
        return Ok(());
    }
    println!("$ rustup component add rust-src");
    let status = Command::new("rustup")
        .args(["component", "add", "rust-src"])
        .status()
        .context("cannot run rustup: install the rust-src component of the toolchain")?;
    ensure!(
        status.success(),
        "rustup component add rust-src failed ({status})"
    );
    Ok(())
}

/// The wasm schema version is the crate version: a mismatch makes bindgen fail obscurely, so say it plainly.
fn check_bindgen_versions(lock_file: &Path) -> Result<()> {
    let lock = fs::read_to_string(lock_file)
        .with_context(|| format!("cannot read {}", lock_file.display()))?;
    let runtime = locked_versions(&lock, "wasm-bindgen");
    let cli = locked_versions(&lock, "wasm-bindgen-cli-support");
    match (runtime.as_slice(), cli.as_slice()) {
        ([runtime], [cli]) if runtime == cli => Ok(()),
        _ => bail!(
            "Cargo.lock has wasm-bindgen {runtime:?} and wasm-bindgen-cli-support {cli:?}; \
             pin both to the same version in the root Cargo.toml"
        ),
    }
}

/// Every version of `package` in a Cargo.lock.
fn locked_versions<'lock>(lock: &'lock str, package: &str) -> Vec<&'lock str> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    let mut versions = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim() == name_line
            && let Some(version) = lines
                .next()
                .and_then(|line| line.trim().strip_prefix("version = \""))
        {
            versions.push(version.trim_end_matches('"'));
        }
    }
    versions
}

/// `cargo metadata` for the workspace alone (`--no-deps`): its packages, targets and target folder.
pub(crate) fn cargo_metadata(root: &Path) -> Result<serde_json::Value> {
    let output = cargo()
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .context("cannot run cargo metadata")?;
    ensure!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).context("cargo metadata printed invalid JSON")
}

/// Cargo's target folder, which `CARGO_TARGET_DIR` or `build.target-dir` may move; cargo knows both.
pub(crate) fn target_dir(root: &Path) -> Result<PathBuf> {
    let metadata = cargo_metadata(root)?;
    let dir = metadata["target_directory"]
        .as_str()
        .context("cargo metadata has no target_directory")?;
    Ok(PathBuf::from(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_locked_versions() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n[[package]]\nname = \"wasm-bindgen-cli-support\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_versions(lock, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(
            locked_versions(lock, "wasm-bindgen-cli-support"),
            ["0.2.130"]
        );
        assert!(locked_versions(lock, "wasm").is_empty());
    }

    #[test]
    fn every_loaded_file_has_one_placeholder_in_the_real_loader() {
        let loader = fs::read_to_string(project_root().join("widget").join("js").join(LOADER))
            .expect("the loader is readable");
        let hashes: Vec<(String, String)> = loaded_files()
            .into_iter()
            .map(|file| {
                let integrity = sizes::subresource_integrity(file.as_bytes());
                (file, integrity)
            })
            .collect();
        let written = with_integrity(&loader, &hashes).expect("one placeholder per file");
        for (file, integrity) in &hashes {
            assert!(written.contains(&format!("\"{integrity}\"")), "{file}");
        }
        assert!(
            !written.contains("\"sha384-parcours"),
            "a placeholder is left"
        );
    }

    #[test]
    fn the_minified_loader_keeps_the_first_line_of_its_source() {
        let source = "//! The loader.\n// Why.\nconst a = 1;\n";
        assert_eq!(
            with_first_line_of(source, "//! The loader.\nconst a=1;".to_owned()),
            "//! The loader.\nconst a=1;"
        );
        assert_eq!(
            with_first_line_of(source, "const a=1;".to_owned()),
            "//! The loader.\nconst a=1;"
        );
    }

    #[test]
    fn a_missing_or_repeated_placeholder_is_an_error() {
        let hashes = [("parcours_widget.js".to_owned(), "sha384-AAAA".to_owned())];
        assert_eq!(
            with_integrity("const GLUE = \"sha384-parcourswidgetjs\";", &hashes).expect("once"),
            "const GLUE = \"sha384-AAAA\";"
        );
        for loader in [
            "",
            "\"sha384-parcourswidgetjs\" \"sha384-parcourswidgetjs\"",
        ] {
            let error = with_integrity(loader, &hashes).expect_err(loader);
            assert!(error.to_string().contains("parcours_widget.js"), "{error}");
        }
    }

    #[test]
    fn the_real_lock_file_pins_matching_bindgen_versions() {
        check_bindgen_versions(&project_root().join("Cargo.lock")).expect("matching versions");
    }
}
