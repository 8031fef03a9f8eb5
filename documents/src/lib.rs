//! The widget's downloads: a third WebAssembly module, which the loader fetches the first time a
//! visitor asks for a file.
//!
//! The Markdown summary and the plan of action (as a task list or a CSV) are written by the core's
//! `report` and `plan`: code that no page needs to show its result, and that was 4.5 KB of what every
//! page downloaded. The widget hands over the bytes it read its pack from and the answer code, and
//! gets back the text, word for word what the core writes natively (`parcours export`, `parcours plan`).

use parcours_core::{Answers, Assessment, Lang, Pack, assess, plan, report};
use wasm_bindgen::prelude::*;

/// How the core writes one document from an assessment, in a language.
type Render = fn(&Assessment<'_>, Lang) -> String;

/// Writes one of the widget's downloads: `kind` is `report` (the Markdown summary), `plan` (the
/// plan of action as a Markdown task list) or `plan-csv` (the plan for a spreadsheet), for the
/// answers `code` on the pack read from `compact` (the first part of a split pack, with its English
/// part `english` and its later part `later` when they are given), in `lang` (`fr` or `en`).
///
/// # Errors
///
/// Why the document could not be written: an unknown kind, unreadable bytes or an unreadable code.
/// The widget wrote both the bytes and the code, so any of them is a defect, said plainly.
#[wasm_bindgen]
pub fn document(
    kind: &str,
    compact: &[u8],
    english: Option<Vec<u8>>,
    later: Option<Vec<u8>>,
    code: &str,
    lang: &str,
) -> Result<String, String> {
    write(
        kind,
        compact,
        english.as_deref(),
        later.as_deref(),
        code,
        lang,
    )
}

/// [`document`], natively testable.
fn write(
    kind: &str,
    compact: &[u8],
    english: Option<&[u8]>,
    later: Option<&[u8]>,
    code: &str,
    lang: &str,
) -> Result<String, String> {
    let render: Render = match kind {
        "report" => report::markdown,
        "plan" => plan::markdown,
        "plan-csv" => plan::csv,
        other => return Err(format!("unknown document \"{other}\"")),
    };
    let pack =
        Pack::from_compact_parts(compact, english, later).map_err(|error| error.to_string())?;
    let answers = Answers::decode(code, &pack)
        .map_err(|error| error.message(Lang::En))?
        .answers;
    let lang = if lang == Lang::En.code() {
        Lang::En
    } else {
        Lang::Fr
    };
    if pack.lacks_later_texts(lang) {
        return Err("the texts of the later steps are missing".to_owned());
    }
    Ok(render(&assess(&pack, &answers), lang))
}

#[cfg(test)]
mod tests {
    use parcours_core::{Answer, default_pack};

    use super::*;

    /// A technical team that answered "yes" to the first twelve criteria and "don't know" to one.
    fn answers() -> Answers {
        let pack = default_pack();
        let mut answers = Answers {
            persona: pack.persona("tech").map(|p| p.id.clone()),
            ..Answers::default()
        };
        for (i, (_, criterion)) in pack.criteria().take(13).enumerate() {
            let answer = if i == 12 {
                Answer::DontKnow
            } else {
                Answer::Yes
            };
            answers.criteria.insert(criterion.id.clone(), answer);
        }
        answers
    }

    #[test]
    fn every_document_is_the_cores_word_for_word_from_either_form_of_the_pack() {
        let pack = default_pack();
        let answers = answers();
        let code = answers.encode(pack);
        let split = pack.to_compact_split();
        let whole = pack.to_compact();
        let assessment = assess(pack, &answers);
        let cases: [(&str, Render); 3] = [
            ("report", report::markdown),
            ("plan", plan::markdown),
            ("plan-csv", plan::csv),
        ];
        for (kind, render) in cases {
            for lang in [Lang::Fr, Lang::En] {
                let expected = render(&assessment, lang);
                assert_eq!(
                    write(kind, &whole, None, None, &code, lang.code()),
                    Ok(expected.clone())
                );
                assert_eq!(
                    write(
                        kind,
                        &split.first,
                        Some(&split.english),
                        Some(&split.later),
                        &code,
                        lang.code()
                    ),
                    Ok(expected)
                );
            }
        }
    }

    #[test]
    fn a_defect_is_said_plainly() {
        let pack = default_pack();
        let code = answers().encode(pack);
        let whole = pack.to_compact();
        assert_eq!(
            write("letter", &whole, None, None, &code, "fr"),
            Err("unknown document \"letter\"".to_owned())
        );
        let error = write("report", &whole[..100], None, None, &code, "fr").expect_err("truncated");
        assert!(error.contains("not a compact content pack"), "{error}");
        let split = default_pack().to_compact_split();
        let error =
            write("report", &whole, Some(&split.english), None, &code, "fr").expect_err("mismatch");
        assert!(error.contains("compact content pack"), "{error}");
        // A document covers every step: without the later texts, it would have blanks.
        assert_eq!(
            write("report", &split.first, None, None, &code, "fr"),
            Err("the texts of the later steps are missing".to_owned())
        );
    }
}
