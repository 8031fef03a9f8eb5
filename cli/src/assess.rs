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
pub(crate) fn note_messages(decoded: &Decoded, lang: Lang) -> Vec<String> {
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
/// The assessment as a JSON document, every text in `lang`.
fn assessment_json(assessment: &Assessment<'_>, lang: Lang, notes: &[String]) -> Value {
    let pack = assessment.pack;
    let stage = assessment.stage;
    let t = |text: &Text| text.get(lang).to_owned();
    let opt = |text: Option<&Text>| text.map(|text| text.get(lang).to_owned());
    let support = &assessment.support;
    let phase = support
        .stage_support
        .phase
        .as_ref()
        .and_then(|id| pack.phase(id.as_str()));
    json!({
        "pack": {
            "id": pack.id().as_str(),
            "version": pack.version(),
            "date": pack.date(),
            "title": t(pack.title()),
        },
        "lang": lang.code(),
        "persona": assessment.persona.map(|persona| json!({"id": persona.id.as_str(), "name": t(&persona.name)})),
        "stage": {
            "number": stage.number,
            "of": pack.stages().len(),
            "title": t(&stage.title),
            "maturity": t(&stage.maturity.name),
            "team_question": t(&stage.team_question),
        },
        "complete": assessment.complete,
        "blocking": unmet_json(&assessment.blocking, lang),
        "advice": unmet_json(&assessment.advice, lang),
        "follow_ups": assessment.follow_ups.iter().map(|follow_up| json!({
            "stage": follow_up.stage.number,
            "criterion": follow_up.criterion.id.as_str(),
            "question": t(&follow_up.criterion.question),
            "follow_up": opt(follow_up.criterion.follow_up.as_ref()),
            "ask": follow_up.ask.map(|persona| json!({"id": persona.id.as_str(), "name": t(&persona.name)})),
        })).collect::<Vec<_>>(),
        "ahead": assessment.ahead.iter().map(|criterion| json!({
            "criterion": criterion.id.as_str(),
            "stage": pack.criterion(criterion.id.as_str()).map(|(stage, _)| stage.number),
            "question": t(&criterion.question),
        })).collect::<Vec<_>>(),
        "focus": assessment.persona.and_then(|persona| stage.focus_of(persona.id.as_str())).map(t),
        "persona_resources": assessment.persona_resources.iter().map(|r| resource_json(r, lang)).collect::<Vec<_>>(),
        "programme_guidance": stage.guidance.iter().map(t).collect::<Vec<_>>(),
        "programme_resources": assessment.programme_resources.iter().map(|r| resource_json(r, lang)).collect::<Vec<_>>(),
        "support": {
            "case": support.case.map(|case| json!({
                "id": case.id.as_str(),
                "name": t(&case.name),
                "note": opt(case.note.as_ref()),
            })),
            "offer": support.offer.as_str(),
            "phase": phase.map(|phase| json!({"id": phase.id.as_str(), "name": t(&phase.name)})),
            "summary": report::offer_sentence(assessment, lang),
            "text": t(&support.stage_support.text),
            "how": opt(support.stage_support.how.as_ref()),
            "milestones": support.stage_support.milestones.iter().map(t).collect::<Vec<_>>(),
            "contacts": support.contacts.iter().map(|contact| json!({
                "id": contact.id.as_str(),
                "name": t(&contact.name),
                "url": contact.url.as_str(),
                "status": contact.status.as_str(),
                "note": opt(contact.note.as_ref()),
            })).collect::<Vec<_>>(),
        },
        "next": assessment.next.map(|next| json!({"number": next.number, "title": t(&next.title)})),
        "progress": assessment.progress.iter().map(|progress| json!({
            "stage": progress.stage,
            "validated": progress.validated,
            "applicable": progress.applicable,
            "required_validated": progress.required_validated,
            "required": progress.required,
            "status": progress.status.as_str(),
        })).collect::<Vec<_>>(),
        "code": assessment.code(),
        "notes": notes,
    })
}

fn unmet_json(unmet: &[Unmet<'_>], lang: Lang) -> Vec<Value> {
    unmet
        .iter()
        .map(|item| {
            let criterion = item.criterion;
            json!({
                "criterion": criterion.id.as_str(),
                "question": criterion.question.get(lang),
                "status": item.status.as_str(),
                "why": criterion.why.get(lang),
                "url": criterion.url.as_ref().map(|url| url.as_str()),
            })
        })
        .collect()
}

fn resource_json(resource: &Resource, lang: Lang) -> Value {
    json!({
        "id": resource.id.as_str(),
        "title": resource.title.get(lang),
        "description": resource.description.as_ref().map(|d| d.get(lang)),
        "url": resource.url.as_ref().map(|url| url.as_str()),
        "kind": resource.kind.as_str(),
        "language": resource.language,
        "provider": resource.provider,
        "access": resource.access.as_str(),
        "personas": resource.personas.as_ref().map(|ids| ids.iter().map(|id| id.as_str()).collect::<Vec<_>>()),
    })
}
