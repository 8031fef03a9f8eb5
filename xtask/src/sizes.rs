//! What dist/ weighs on the wire: raw, `gzip -9` and brotli quality 11, per file and in total.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use base64::Engine;
use sha2::{Digest, Sha384};

/// The most a page that embeds the widget downloads, brotli q11: the loader, the glue and the wasm,
/// every file of dist/ but the checker's. The one place this number lives.
///
/// The goal is 100 KB, and issue 6 starts the budget at 150 KB; the first complete widget weighed
/// 229.7 KB, so the budget is a ratchet just above the current size and only ever goes down:
/// 240,000 at first, 220,000 once the default pack went compact and serde_json left the wasm (217.9 KB),
/// 215,000 once the stepper and the link lost `<For>` and `<Show>` (211.4 KB), 170,000 once the
/// validation of hosts' packs moved to the checker, fetched only with `content=` (168.8 KB).
/// Raised once, to 185,500, for content 1.2.0 and issue 13 (185.0 KB): the default pack's compact
/// form went from 31.6 to 41.8 KB brotli (120 criteria instead of 67, 128 resources instead of 112),
/// and the code gained 5.3 KB (the core's stage status and vocabulary, reference checks in
/// `Pack::from_compact`, the share-link grammar, answers carried over split criteria, the widget's
/// view model), while the loader with its four hashes lost 0.4 KB. Raised again, to 191,800, for the
/// glossary of issue 14 (191.2 KB): 21 terms with their French and English definitions in the compact
/// pack, the whole-word search of a term in a text, and the disclosures beside the criteria and in
/// their own section (6.3 KB in all, after a case and word table of the core's own replaced the
/// Unicode tables of `char::to_uppercase` and `char::is_alphanumeric`, which cost 7 KB more).
/// Then to 195,900 for issue 15's first part (195.3 KB): the summary at a glance with a meter per
/// step, the folded role descriptions and the long lists folded after their first items (4.1 KB),
/// and to 197,900 for the plan of action's downloads (the core's plan, Markdown and CSV: 2.0 KB),
/// then to 204,400 for the team's result (the share-link reader, the core's merge and its conflicts
/// in words, the section: 6.5 KB, the first thing issue 17 should load on first use), and to
/// 209,600 for the history of visits (the core's snapshots and what changed since, the sentence
/// that says it, the notices: 3.8 KB) and the team's link that carries every member's code (0.9 KB).
/// Raised by 2,300 for issue 16 (the portal features), which measured +2,066 bytes over main at
/// eb9b211 (209,141 → 211,207): the loader +330 (`loading="lazy"` with its IntersectionObserver, the
/// MutationObserver that follows the page's DSFR theme), the glue +154 and the wasm +1,582 (the
/// `parcours-ready` event and the richer `parcours-change` detail, `data-stage` and `data-persona`
/// on the element, `Theme::resolved`, the `loading` attribute and its warning, and the `part`
/// names, about 180 of it); gloo-timers, which replaced the fetch timeout's glue, measured -6.
/// Issue 17 brings it down again, one lever at a time: to 201,400 with the standard library rebuilt
/// with `panic = "immediate-abort"` (`dist::build_wasm`), which took the panic machinery and the
/// hook's message out of the wasm while the loader learned to report a trap (211,309 → 200,818);
/// to 186,700 once the wasm embedded only the French half of the default pack and English pages
/// fetched the other (`parcours_widget_en.bin`, 17.4 KB, counted apart): 200,818 → 186,193; to
/// 185,500 with the stylesheet minified at build time (`widget/src/css.rs`): 186,193 → 184,977; to
/// 183,400 with the wasm-bindgen glue minified by terser (`dist::minify_js`): 184,977 → 182,891;
/// to 181,400 with `-Z location-detail=none` (no file names or lines for panics): → 180,926.
/// Raised by 3,100 for the rest of issue 15, a page at most 5,200 px tall (180,926 → 183,944): the
/// core's grouping of resources by purpose (about 430), the pages of questions with their buttons
/// (365) and the range in the step's heading (230), and each new disclosure 60 to 150.
/// Lowered to 182,000 once the downloads (the core's Markdown report and plan of action) moved to a
/// module of their own, `documents/`, fetched on a visitor's first download (184,117 → 181,484; the
/// module is 43.2 KB, counted apart). Moving them into the checker instead would have saved the same
/// but added 22.5 KB to every page with `content=`.
/// Lowered to 179,000 by binaryen's `wasm-opt -O1 --duplicate-function-elimination` after bindgen
/// (`dist::optimize_wasm`): 181,414 → 178,518. Lowered to 171,000 once the wasm embedded only the
/// first part of the default pack, without the French texts of the later steps, which a page fetches
/// from its visitor's first answer on (`parcours_widget_later.bin`, 14.0 KB, counted apart):
/// 178,518 → 170,502 (the texts compressed better inside the wasm than apart, so the page lost 8.0 KB).
/// Lowered to 169,300 once the exports of wasm-streams, which Leptos's `server_fn` brings and
/// nothing calls, left the widget's wasm with the code only they reached (`dist::strip_unused_exports`):
/// 170,217 → 168,823 (with the later texts' state kept in the notices, -269). Lowered to 167,300
/// once the core's maps (the answers, the pack's indexes, the team's merge) became sorted vectors
/// (`litemap`) instead of `BTreeMap`, built one pair at a time within the pack's new bound of 1,000
/// criteria (`MAX_CRITERIA`): 168,823 → 166,863; a sort to build them measured 2.6 KB more.
/// Lowered to 166,500 with the loader minified by terser too, its first line kept
/// (`dist::minify_js`): 3,688 → 2,847 bytes for it, 166,863 → 166,022 for the page.
/// Lowered to 163,300 once the values that no view of the first step reads left the embedded part
/// whole, not only their texts (`compact::write_apart`): every list of sources, and the links,
/// providers, languages and roles of what only later steps show. The first part went from 15,243 to
/// 11,721 bytes and the page from 166,022 to 162,819. Those values weigh more apart than they did
/// inside the wasm: the later part grew from 14,031 to 18,858 bytes, and the English part, which
/// carries them too so that English pages need nothing else, from 17,391 to 22,539 (an English
/// page's first load +1.9 KB). Lowered to 161,700 with three signal types fewer, each of which
/// brought its own copy of Leptos's reactive code (the share link, the page of questions and the
/// last visit, now in signals of types the widget has anyway: about -480), and the download of a
/// host's pack in the loader's JavaScript (`fetchPack`) instead of the wasm's (wasm -1.2 KB, glue
/// -0.4 KB, loader +0.3 KB): 162,819 → 161,229. Lowered to 160,500 once the loader also offered
/// the downloads as files (`saveDocument`: the Blob, the object URL and the temporary link) and put
/// the widget's timeout on every promise it gives it (`withinTimeout`), so that neither the text of
/// a download nor a deadline of its own goes through the wasm: 161,229 → 160,057.
pub(crate) const BROTLI_BUDGET_BYTES: usize = 160_500;

/// The most the checker may add, brotli q11, for pages that set `content=`: its glue and its wasm.
///
/// 71.8 KB when it was split off: serde's code for every raw structure, serde-wasm-bindgen, the JSON
/// paths of serde_path_to_error, every check of `Pack::load`, and float formatting for serde's
/// "invalid type: floating point" messages. Raised to 73,500 for the criterion fields `replaces` and
/// `since` and their checks (73.0 KB), then to 77,200 for the glossary's raw structure, its checks and
/// the walk over every text that finds a term no text uses (76.5 KB). Lowered to 70,400 by the
/// standard library built with `panic = "immediate-abort"` (76,626 → 69,843), then to 69,000 by
/// its glue minified with terser (69,779 → 68,521), then to 67,500 by binaryen's `wasm-opt`
/// (68,499 → 66,976).
pub(crate) const CHECKER_BUDGET_BYTES: usize = 67_500;

/// The sizes of every file in dist/.
#[derive(Debug)]
pub(crate) struct SizeReport {
    rows: Vec<Row>,
}

#[derive(Debug)]
struct Row {
    file: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
    /// Which pages download the file.
    part: Part,
}

/// Which pages download a file of dist/.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Every page with the element: the loader, the widget's glue and wasm.
    Page,
    /// Pages showing the default content in English, on top of [`Part::Page`].
    English,
    /// Pages whose visitor goes past the first step of the default content, on top of [`Part::Page`].
    Later,
    /// Pages with `content=`, on top of [`Part::Page`].
    Checker,
    /// Pages where a visitor downloads the summary or the plan, on top of [`Part::Page`].
    Documents,
}

/// Measures every file under `dist`, sorted by name; `part_of` tells which pages download each.
pub(crate) fn measure(dist: &Path, part_of: impl Fn(&str) -> Part) -> Result<SizeReport> {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    files.sort();
    let mut rows = Vec::new();
    for file in files {
        let bytes = fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let name = file
            .strip_prefix(dist)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        rows.push(Row {
            part: part_of(&name),
            file: name,
            raw: bytes.len(),
            gzip: gzip_size(&bytes)?,
            brotli: brotli_size(&bytes)?,
        });
    }
    Ok(SizeReport { rows })
}

impl SizeReport {
    /// The brotli size of what every embedding page downloads, a French page with the default content.
    pub(crate) fn embed_brotli(&self) -> usize {
        self.part_brotli(Part::Page)
    }

    /// The brotli size of the checker, which only pages with `content=` download.
    pub(crate) fn checker_brotli(&self) -> usize {
        self.part_brotli(Part::Checker)
    }

    /// The brotli size of the default content's English texts, which only English pages download.
    pub(crate) fn english_brotli(&self) -> usize {
        self.part_brotli(Part::English)
    }

    /// The brotli size of the French texts of the default content's later steps.
    pub(crate) fn later_brotli(&self) -> usize {
        self.part_brotli(Part::Later)
    }

    fn part_brotli(&self, part: Part) -> usize {
        self.rows
            .iter()
            .filter(|row| row.part == part)
            .map(|row| row.brotli)
            .sum()
    }

    /// A Markdown table, printed by `cargo xtask dist` and saved beside the build.
    pub(crate) fn markdown(&self) -> String {
        let mut table =
            String::from("| dist/ file | raw | gzip -9 | brotli q11 |\n|---|---:|---:|---:|\n");
        for row in &self.rows {
            table.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                row.file,
                thousands(row.raw),
                thousands(row.gzip),
                thousands(row.brotli)
            ));
        }
        let sum = |rows: &mut dyn Iterator<Item = &Row>| {
            let (raw, gzip, brotli) = rows.fold((0, 0, 0), |(raw, gzip, brotli), row| {
                (raw + row.raw, gzip + row.gzip, brotli + row.brotli)
            });
            format!(
                "**{}** | **{}** | **{}**",
                thousands(raw),
                thousands(gzip),
                thousands(brotli)
            )
        };
        let parts = [
            (
                Part::Page,
                "every embedding page** (in French, with the default content)",
            ),
            (
                Part::English,
                "the default content in English** (English pages only)",
            ),
            (
                Part::Later,
                "the later steps' texts** (once a visitor goes past the first step)",
            ),
            (Part::Checker, "the checker** (pages with `content=` only)"),
            (
                Part::Documents,
                "the downloads** (on a visitor's first download only)",
            ),
        ];
        if self.rows.iter().any(|row| row.part != Part::Page) {
            for (part, label) in parts {
                if self.rows.iter().any(|row| row.part == part) {
                    table.push_str(&format!(
                        "| **{label} | {} |\n",
                        sum(&mut self.rows.iter().filter(|row| row.part == part))
                    ));
                }
            }
        }
        table.push_str(&format!("| **total** | {} |\n", sum(&mut self.rows.iter())));
        table
    }
}

/// The `integrity` attribute value for a `<script>` tag.
pub(crate) fn subresource_integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn gzip_size(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// The brotli quality 11 size of `bytes`: what a server with static brotli sends.
pub(crate) fn brotli_size(bytes: &[u8]) -> Result<usize> {
    let mut compressed = Vec::new();
    {
        // Quality 11 and a 4 MiB window (lgwin 22) are what `brotli -q 11` uses.
        let mut writer = brotli::CompressorWriter::new(&mut compressed, 64 * 1024, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(compressed.len())
}

/// `1234567` → `1,234,567`, for tables that people read.
pub(crate) fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The environment variable through which `cargo xtask test` names the dist/ it has just built,
/// so that the size budget is checked on that build and on nothing older.
pub(crate) const FRESH_DIST_VARIABLE: &str = "PARCOURS_FRESH_DIST";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(242_778), "242,778");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn sri_of_the_empty_file() {
        // The well-known SHA-384 of zero bytes.
        assert_eq!(
            subresource_integrity(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }

    /// The loader, which every build of dist/ writes.
    const LOADER: &str = "parcours.js";

    /// What dist/ is built from, relative to the workspace root: a file here newer than dist/ makes it stale.
    const DIST_INPUTS: &[&str] = &[
        "Cargo.toml",
        "Cargo.lock",
        "core/Cargo.toml",
        "core/src",
        "core/content",
        "checker/Cargo.toml",
        "checker/src",
        "widget",
    ];

    /// The paths of [`DIST_INPUTS`] under `root`.
    fn dist_inputs(root: &Path) -> Vec<PathBuf> {
        DIST_INPUTS.iter().map(|input| root.join(input)).collect()
    }

    /// Refuses a `dist` that is missing or older than any file under `inputs`, saying which and what to run.
    fn refuse_stale_dist(dist: &Path, inputs: &[PathBuf]) -> Result<(), String> {
        let rebuild = "run `cargo xtask test`, which builds dist/ first";
        let loader = dist.join(LOADER);
        let Ok(built_at) = loader.metadata().and_then(|metadata| metadata.modified()) else {
            return Err(format!("{} has no {LOADER}: {rebuild}", dist.display()));
        };
        let mut files = Vec::new();
        for input in inputs {
            if input.is_dir() {
                collect_files(input, &mut files).map_err(|error| format!("{error:#}"))?;
            } else if input.is_file() {
                files.push(input.clone());
            }
        }
        let newer: Vec<String> = files
            .iter()
            .filter(|file| {
                file.metadata()
                    .and_then(|metadata| metadata.modified())
                    .is_ok_and(|modified| modified > built_at)
            })
            .map(|file| file.display().to_string())
            .collect();
        if newer.is_empty() {
            Ok(())
        } else {
            let more = match newer.len() {
                0..=3 => String::new(),
                count => format!(" and {} more", count - 3),
            };
            Err(format!(
                "{} is older than {}{more}: its sizes would be those of code that changed since; {rebuild}",
                dist.display(),
                newer[..newer.len().min(3)].join(", ")
            ))
        }
    }

    /// Sizes are deterministic, so this is the one performance check that may fail CI.
    ///
    /// It measures only the dist/ that `cargo xtask test` has just built (the runner names it in
    /// [`FRESH_DIST_VARIABLE`]): a plain `cargo test` on a fresh clone has no dist/, and an older
    /// dist/ would measure code that is no longer there.
    #[test]
    fn dist_fits_the_size_budget() {
        let Some(dist) = std::env::var_os(FRESH_DIST_VARIABLE).map(PathBuf::from) else {
            // Written to the process's stderr, past libtest's capture, so that a passing run still says it.
            let _ = writeln!(
                std::io::stderr(),
                "note: dist_fits_the_size_budget did not measure anything: ${FRESH_DIST_VARIABLE} is unset; \
                 `cargo xtask test` builds dist/, then runs this test on it"
            );
            return;
        };
        if let Err(refusal) = refuse_stale_dist(&dist, &dist_inputs(&crate::project_root())) {
            panic!("{refusal}");
        }
        let report = measure(&dist, crate::dist::part_of).expect("dist/ is readable");
        let embed = report.embed_brotli();
        assert!(
            embed <= BROTLI_BUDGET_BYTES,
            "an embedding page downloads {embed} bytes brotli, over the {BROTLI_BUDGET_BYTES}-byte budget:\n{}",
            report.markdown()
        );
        let checker = report.checker_brotli();
        assert!(checker > 0, "dist/ has no checker files");
        assert!(
            checker <= CHECKER_BUDGET_BYTES,
            "the checker weighs {checker} bytes brotli, over the {CHECKER_BUDGET_BYTES}-byte budget:\n{}",
            report.markdown()
        );
    }

    #[test]
    fn a_missing_or_stale_dist_is_refused() {
        let scratch = std::env::temp_dir().join(format!("xtask-stale-dist-{}", std::process::id()));
        let (dist, source) = (scratch.join("dist"), scratch.join("src"));
        fs::create_dir_all(&source).expect("scratch folder");
        let refusal =
            refuse_stale_dist(&dist, std::slice::from_ref(&source)).expect_err("no dist/");
        assert!(refusal.contains("has no parcours.js"), "{refusal}");

        fs::create_dir_all(&dist).expect("scratch dist");
        fs::write(dist.join(LOADER), "built").expect("scratch loader");
        fs::write(source.join("lib.rs"), "edited").expect("scratch source");
        // Modification times have a coarse grain on some file systems: state the order outright.
        let built_at = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(dist.join(LOADER))
            .and_then(|file| file.set_modified(built_at))
            .expect("backdate the loader");
        let refusal = refuse_stale_dist(&dist, std::slice::from_ref(&source)).expect_err("stale");
        assert!(
            refusal.contains("is older than") && refusal.contains("lib.rs"),
            "{refusal}"
        );

        fs::File::options()
            .write(true)
            .open(source.join("lib.rs"))
            .and_then(|file| file.set_modified(built_at - std::time::Duration::from_secs(60)))
            .expect("backdate the source");
        assert_eq!(
            refuse_stale_dist(&dist, std::slice::from_ref(&source)),
            Ok(())
        );
        fs::remove_dir_all(&scratch).expect("remove the scratch folder");
    }
}
