//! The content-pack checker: a second WebAssembly module that `<cpn-parcours>` downloads only when
//! a host page points it at its own pack with `content=`.
//!
//! Validating a pack takes the serde code of every raw structure and every check of `Pack::load`:
//! about a fifth of the widget. Most pages use the default pack, which the widget embeds already
//! validated, so that code lives here and only the pages that need it fetch it.
//!
//! The widget hands over the text it fetched. The checker parses it with the browser's `JSON.parse`
//! (a JSON parser of its own would weigh more), validates it with [`Pack::from_deserializer`] (the
//! checks, messages and JSON paths of `Pack::load`) and answers with the pack in the compact form of
//! `Pack::to_compact`, which the widget reads with `Pack::from_compact` (its header names the layout
//! revision, so a checker from another release is refused, not misread), or with the message of the
//! first error and how many follow. Warnings (missing English, plain `http:` links, text that looks
//! like markup…) go to the browser console, where the pack's author looks, as `parcours check` prints them.

use parcours_core::{Diagnostic, LoadError, MAX_PACK_BYTES, Pack};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn warn(message: &str);
}

/// Validates `json`, fetched from `source`, as a content pack, with the limits and verdicts of
/// `Pack::load`; logs its warnings to the console.
///
/// # Errors
///
/// The first error, with its JSON path, and the count of the others, as the reader will see it.
#[wasm_bindgen]
pub fn check(json: &str, source: &str) -> Result<Vec<u8>, String> {
    if json.len() > MAX_PACK_BYTES {
        return Err(summary(&LoadError::too_large(json.len())));
    }
    let document = js_sys::JSON::parse(json).map_err(|error| {
        let reason = error
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .unwrap_or_default();
        format!("invalid json: {reason}")
    })?;
    if !document.is_object() || js_sys::Array::is_array(&document) {
        return Err(summary(&LoadError::not_an_object()));
    }
    let (bytes, warnings) = verdict(
        serde_wasm_bindgen::Deserializer::from(document),
        javascript_message,
    )?;
    for warning in warnings {
        warn(&format!("<cpn-parcours>: content pack {source}: {warning}"));
    }
    Ok(bytes)
}

/// Validates a parsed document: the compact pack and the warnings, or the reader's one-line summary
/// of the errors. `describe` puts the parser's errors in words.
fn verdict<'de, D: serde::Deserializer<'de>>(
    document: D,
    describe: impl FnOnce(D::Error) -> String,
) -> Result<(Vec<u8>, Vec<Diagnostic>), String> {
    Pack::from_deserializer_described(document, describe)
        .map(|(pack, warnings)| (pack.to_compact(), warnings))
        .map_err(|error| summary(&error))
}

/// A serde-wasm-bindgen error is a JavaScript `Error`: its message, without the class name that its
/// text starts with ("Error: unknown field…"), so the reader sees `Pack::load`'s wording.
fn javascript_message(error: serde_wasm_bindgen::Error) -> String {
    let value = JsValue::from(error);
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => value.as_string().unwrap_or_default(),
    }
}

/// "stages[3].gate.criteria[1].id: duplicate id \"s4-probes\" (+2)": one line fits a notice.
fn summary(error: &LoadError) -> String {
    let first = error
        .errors()
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    match error.errors().len().saturating_sub(1) {
        0 => first,
        more => format!("{first} (+{more})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_core::DEFAULT_PACK_JSON;

    fn verdict_of(json: &str) -> Result<Vec<u8>, String> {
        verdict(&mut serde_json::Deserializer::from_str(json), |error| {
            error.to_string()
        })
        .map(|(bytes, _)| bytes)
    }

    #[test]
    fn a_valid_pack_comes_back_compact_and_whole() {
        let bytes = verdict_of(DEFAULT_PACK_JSON).expect("the default pack is valid");
        let pack = Pack::from_compact(&bytes).expect("the checker's output reads back");
        let default = parcours_core::default_pack();
        assert_eq!(bytes, default.to_compact());
        assert_eq!(pack.criteria().count(), default.criteria().count());
    }

    #[test]
    fn warnings_come_back_beside_the_pack() {
        let json = DEFAULT_PACK_JSON.replacen("\"https://", "\"http://", 1);
        let (_, warnings) = verdict(&mut serde_json::Deserializer::from_str(&json), |error| {
            error.to_string()
        })
        .expect("still valid");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].to_string().contains("http:"), "{}", warnings[0]);
    }

    #[test]
    fn the_first_error_comes_with_its_path_and_a_count_of_the_others() {
        let json = DEFAULT_PACK_JSON.replacen("\"format\"", "\"formats\"", 1);
        let message = verdict_of(&json).expect_err("unknown field");
        assert!(
            message.starts_with("unknown field \"formats\""),
            "{message}"
        );

        let json = DEFAULT_PACK_JSON
            .replacen("\"s1-perimeter\"", "\"s1 perimeter\"", 1)
            .replacen("\"s2-", "\"s2 ", 1);
        let message = verdict_of(&json).expect_err("two bad ids");
        let (first, count) = message.rsplit_once(" (+").expect("a count");
        assert!(
            first.starts_with("stages[0].gate.criteria[0].id: "),
            "{message}"
        );
        assert!(count.ends_with(')'), "{message}");
    }
}
