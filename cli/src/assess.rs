//! `parcours assess`: an answer code or a share link in, the widget's report (Markdown) or a JSON document out.

use parcours_core::{
    Answers, Assessment, Decoded, Lang, Pack, Resource, Text, Unmet, assess, report, share,
};
use serde_json::{Value, json};

use crate::output::{self, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Markdown,
    Json,
}

/// Decodes `input` against `pack`, reports what was dropped on standard error, and prints the report.
pub(crate) fn from_code(
    pack: &Pack,
    input: &str,
    lang: Lang,
    format: Format,
) -> Result<(), Failure> {
    let code = extract_code(input)?;
    let decoded =
        Answers::decode(code, pack).map_err(|error| Failure::invalid(error.to_string()))?;
    let notes = note_messages(&decoded, lang);
    for note in &notes {
        output::eprint(&format!("note: {note}\n"));
    }
    output::print(&render(pack, &decoded.answers, lang, format, &notes))
}

/// The report of `answers` in `format`; `notes` are the decode notes, kept in the JSON document.
pub(crate) fn render(
    pack: &Pack,
    answers: &Answers,
    lang: Lang,
    format: Format,
    notes: &[String],
) -> String {
    let assessment = assess(pack, answers);
    match format {
        Format::Markdown => report::markdown(&assessment, lang),
        Format::Json => {
            let mut document = assessment_json(&assessment, lang, notes);
            // Key order must not depend on which serde_json features another crate of the build turned on.
            document.sort_all_objects();
            let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
            text.push('\n');
            text
        }
    }
}

/// The decode notes as sentences, with the count of those the decoder left out.
fn note_messages(decoded: &Decoded, lang: Lang) -> Vec<String> {
    let mut messages: Vec<String> = decoded
        .notes
        .iter()
        .map(|note| note.message(lang))
        .collect();
    if decoded.omitted_notes > 0 {
        messages.push(match lang {
            Lang::Fr => format!("{} autres remarques ont été omises.", decoded.omitted_notes),
            Lang::En => format!("{} further notes were left out.", decoded.omitted_notes),
        });
    }
    messages
}

/// The answer code inside `input`: the input itself, or the `cpn` parameter of a share link's fragment.
pub(crate) fn extract_code(input: &str) -> Result<&str, Failure> {
    share::code_in_link(input).map_err(|error| Failure::invalid(error.to_string()))
}
