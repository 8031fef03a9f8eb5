//! Reading content packs and answer codes from files or standard input, and `parcours check`.

use std::{
    borrow::Cow,
    fs::File,
    io::{self, Read},
};

use parcours_core::{MAX_PACK_BYTES, Pack, default_pack};

use crate::output::{self, Failure};

/// Reads at most `MAX_PACK_BYTES` and one more byte from `path` ("-" is standard input), so a
/// huge or endless input is refused without being held in memory.
fn read_pack_text(path: &str) -> Result<String, Failure> {
    let limit = u64::try_from(MAX_PACK_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    let read = if path == "-" {
        io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|error| Failure::io(format!("cannot read {}: {error}", display_name(path))))?;
    if bytes.len() > MAX_PACK_BYTES {
        return Err(Failure::invalid(format!(
            "{}: content pack is more than the {MAX_PACK_BYTES}-byte limit",
            display_name(path)
        )));
    }
    String::from_utf8(bytes).map_err(|error| {
        Failure::invalid(format!(
            "{}: content pack is not valid UTF-8 (at byte {})",
            display_name(path),
            error.utf8_error().valid_up_to()
        ))
    })
}

fn display_name(path: &str) -> Cow<'_, str> {
    if path == "-" {
        Cow::Borrowed("standard input")
    } else {
        Cow::Owned(format!("\"{path}\""))
    }
}

/// The pack at `path`, or the embedded default pack. Warnings are left to `parcours check`.
pub(crate) fn pack(path: Option<&str>) -> Result<Cow<'static, Pack>, Failure> {
    let Some(path) = path else {
        return Ok(Cow::Borrowed(default_pack()));
    };
    let json = read_pack_text(path)?;
    match Pack::load(&json) {
        Ok((pack, _warnings)) => Ok(Cow::Owned(pack)),
        Err(error) => {
            for diagnostic in error.errors() {
                output::eprint(&format!("error: {diagnostic}\n"));
            }
            let hint = if path == "-" {
                String::new()
            } else {
                format!(" (run \"parcours check {path}\")")
            };
            Err(Failure::invalid(format!(
                "the content pack {} is invalid{hint}",
                display_name(path)
            )))
        }
    }
}

/// `parcours check`: every diagnostic on standard error, a summary on standard output.
pub(crate) fn check(path: &str) -> Result<(), Failure> {
    let json = read_pack_text(path)?;
    match Pack::load(&json) {
        Ok((pack, warnings)) => {
            for warning in &warnings {
                output::eprint(&format!("warning: {warning}\n"));
            }
            let criteria = pack.criteria().count();
            output::print(&format!(
                "ok: {} {} — {}, {}, {}, {}\n",
                pack.id(),
                pack.version(),
                plural(pack.stages().len(), "stage", "stages"),
                plural(criteria, "criterion", "criteria"),
                plural(pack.resources().len(), "resource", "resources"),
                plural(warnings.len(), "warning", "warnings"),
            ))
        }
        Err(error) => {
            for diagnostic in error.errors() {
                output::eprint(&format!("error: {diagnostic}\n"));
            }
            output::print(&format!(
                "invalid: {}\n",
                plural(error.errors().len(), "error", "errors")
            ))?;
            Err(Failure::already_reported())
        }
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// All of standard input as text, for an answer code given as "-".
pub(crate) fn stdin_text() -> Result<String, Failure> {
    // An answer code is far shorter; the cap only keeps a mistaken pipe from filling memory.
    const LIMIT: u64 = 1 << 20;
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure::io(format!("cannot read standard input: {error}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
