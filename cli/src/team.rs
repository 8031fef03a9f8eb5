//! `parcours plan` and `parcours merge`: the team's action plan, and several members' share links
//! merged into one team result.

use parcours_core::{Answers, Lang, Pack, assess, plan, team};

use crate::assess::{extract_code, note_messages};
use crate::output::{self, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlanFormat {
    Markdown,
    Csv,
}

/// Decodes one code or share link, telling on standard error what was dropped.
fn decode(pack: &Pack, input: &str, lang: Lang) -> Result<Answers, Failure> {
    let code = extract_code(input)?;
    let decoded =
        Answers::decode(code, pack).map_err(|error| Failure::invalid(error.to_string()))?;
    for note in note_messages(&decoded, lang) {
        output::eprint(&format!("note: {note}\n"));
    }
    Ok(decoded.answers)
}

/// The plan of action of the team whose answers `input` holds.
pub(crate) fn plan(
    pack: &Pack,
    input: &str,
    lang: Lang,
    format: PlanFormat,
) -> Result<(), Failure> {
    let answers = decode(pack, input, lang)?;
    let assessment = assess(pack, &answers);
    output::print(&match format {
        PlanFormat::Markdown => plan::markdown(&assessment, lang),
        PlanFormat::Csv => plan::csv(&assessment, lang),
    })
}

/// The merged code on the first line of standard output, then one line per conflict.
pub(crate) fn merge(pack: &Pack, inputs: &[String], lang: Lang) -> Result<(), Failure> {
    let members = inputs
        .iter()
        .map(|input| decode(pack, input, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = team::merge(&members);
    let mut out = merged.answers.encode(pack);
    out.push('\n');
    for conflict in &merged.conflicts {
        out.push_str(&conflict.message(lang));
        out.push('\n');
    }
    output::print(&out)
}
