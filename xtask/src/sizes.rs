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
pub(crate) const BROTLI_BUDGET_BYTES: usize = 170_000;

/// The most the checker may add, brotli q11, for pages that set `content=`: its glue and its wasm.
///
/// 71.8 KB when it was split off: serde's code for every raw structure, serde-wasm-bindgen, the JSON
/// paths of serde_path_to_error, every check of `Pack::load`, and float formatting for serde's
/// "invalid type: floating point" messages.
pub(crate) const CHECKER_BUDGET_BYTES: usize = 73_000;

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
}

impl Row {
    fn is_checker(&self) -> bool {
        self.file.starts_with(crate::dist::CHECKER_LIB)
    }
}

/// Measures every file under `dist`, sorted by name.
pub(crate) fn measure(dist: &Path) -> Result<SizeReport> {
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
            file: name,
            raw: bytes.len(),
            gzip: gzip_size(&bytes)?,
            brotli: brotli_size(&bytes)?,
        });
    }
    Ok(SizeReport { rows })
}

impl SizeReport {
    /// The brotli size of every file together.
    pub(crate) fn total_brotli(&self) -> usize {
        self.rows.iter().map(|row| row.brotli).sum()
    }

    /// The brotli size of what every embedding page downloads: all but the checker.
    pub(crate) fn embed_brotli(&self) -> usize {
        self.total_brotli() - self.checker_brotli()
    }

    /// The brotli size of the checker, which only pages with `content=` download.
    pub(crate) fn checker_brotli(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| row.is_checker())
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
        if self.rows.iter().any(Row::is_checker) {
            table.push_str(&format!(
                "| **every embedding page** (all but the checker) | {} |\n",
                sum(&mut self.rows.iter().filter(|row| !row.is_checker()))
            ));
            table.push_str(&format!(
                "| **the checker** (pages with `content=` only) | {} |\n",
                sum(&mut self.rows.iter().filter(|row| row.is_checker()))
            ));
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

/// The brotli quality 11 size of `bytes`, for figures outside dist/.
pub(crate) fn brotli_bytes(bytes: &[u8]) -> Result<usize> {
    brotli_size(bytes)
}

fn brotli_size(bytes: &[u8]) -> Result<usize> {
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

    #[test]
    fn compressors_shrink_repetitive_text() {
        let text = "parcours ".repeat(1000);
        assert!(gzip_size(text.as_bytes()).expect("gzip") < 200);
        assert!(brotli_size(text.as_bytes()).expect("brotli") < 100);
    }

    /// Sizes are deterministic, so this is the one performance check that may fail CI.
    #[test]
    fn dist_fits_the_size_budget() {
        let dist = crate::project_root().join("dist");
        assert!(
            dist.join("parcours.js").is_file(),
            "dist/ is missing: run `cargo xtask dist` (or `cargo xtask test`) first"
        );
        let report = measure(&dist).expect("dist/ is readable");
        let embed = report.embed_brotli();
        assert!(
            embed <= BROTLI_BUDGET_BYTES,
            "an embedding page downloads {embed} bytes brotli, over the {BROTLI_BUDGET_BYTES}-byte budget:\n{}",
            report.markdown()
        );
        let checker = report.checker_brotli();
        assert!(
            checker > 0,
            "dist/ has no {}* files: the checker is missing",
            crate::dist::CHECKER_LIB
        );
        assert!(
            checker <= CHECKER_BUDGET_BYTES,
            "the checker weighs {checker} bytes brotli, over the {CHECKER_BUDGET_BYTES}-byte budget:\n{}",
            report.markdown()
        );
    }
}
