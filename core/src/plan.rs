//! "Mon plan d'action": what a team does next, built from an assessment, as a task list to paste
//! into a GitLab issue or a CSV file a French spreadsheet opens as it is.
//!
//! The order is the order of work: the current step's required criteria not yet validated, then
//! every "don't know" answer to check (at any step, once each), then the current step's advice.
//! Each action names the role that usually answers, why it matters and where to learn more.

use std::fmt::Write;

use crate::{
    engine::{Assessment, UnmetStatus},
    labels::{Term, colon},
    pack::{Criterion, Persona, Stage},
    report::{self, escape_markdown},
    text::Lang,
};

/// Why an action is on the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// A required criterion of the current step, not validated yet.
    Required,
    /// A "don't know" answer, at any step: someone has to check.
    Check,
    /// An advice criterion of the current step, not validated yet.
    Advice,
}

/// One thing to do.
#[derive(Debug, Clone, Copy)]
pub struct Action<'p> {
    pub kind: ActionKind,
    pub stage: &'p Stage,
    pub criterion: &'p Criterion,
    /// The answer recorded so far.
    pub status: UnmetStatus,
    /// The role that usually answers.
    pub role: Option<&'p Persona>,
}

/// The team's plan of action, in the order of work.
pub fn plan<'p>(assessment: &Assessment<'p>) -> Vec<Action<'p>> {
    let pack = assessment.pack;
    let role = |criterion: &Criterion| pack.persona(criterion.persona.as_str());
    let mut actions: Vec<Action<'p>> = assessment
        .blocking
        .iter()
        .map(|unmet| Action {
            kind: ActionKind::Required,
            stage: assessment.stage,
            criterion: unmet.criterion,
            status: unmet.status,
            role: role(unmet.criterion),
        })
        .collect();
    for follow_up in &assessment.follow_ups {
        let listed = actions
            .iter()
            .any(|action| action.criterion.id == follow_up.criterion.id);
        if !listed {
            actions.push(Action {
                kind: ActionKind::Check,
                stage: follow_up.stage,
                criterion: follow_up.criterion,
                status: UnmetStatus::DontKnow,
                role: follow_up.ask,
            });
        }
    }
    actions.extend(assessment.advice.iter().map(|unmet| Action {
        kind: ActionKind::Advice,
        stage: assessment.stage,
        criterion: unmet.criterion,
        status: unmet.status,
        role: role(unmet.criterion),
    }));
    actions
}

impl ActionKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ActionKind::Required, Lang::Fr) => "Requis",
            (ActionKind::Required, Lang::En) => "Required",
            (ActionKind::Check, Lang::Fr) => "À vérifier",
            (ActionKind::Check, Lang::En) => "To check",
            (ActionKind::Advice, Lang::Fr) => "Conseil",
            (ActionKind::Advice, Lang::En) => "Advice",
        }
    }
}

fn words(lang: Lang) -> (&'static str, &'static str, &'static str, &'static str) {
    match lang {
        Lang::Fr => (
            "Mon plan d'action",
            "Qui répond",
            "Rien à faire pour le moment : chaque critère de l'étape est validé.",
            "Réponse actuelle",
        ),
        Lang::En => (
            "My action plan",
            "Who answers",
            "Nothing to do for now: every criterion of this step is validated.",
            "Current answer",
        ),
    }
}

/// The plan as a Markdown task list, ready to paste into a GitLab issue.
pub fn markdown(assessment: &Assessment<'_>, lang: Lang) -> String {
    let (title, who, nothing, current) = words(lang);
    let c = colon(lang);
    let stage = assessment.stage;
    let mut out = format!(
        "## {title}{c}{} {} {} {} — {}\n\n",
        Term::Step.label(lang),
        stage.number,
        Term::Of.label(lang),
        assessment.pack.stages().len(),
        escape_markdown(stage.title.get(lang))
    );
    let actions = plan(assessment);
    if actions.is_empty() {
        let _ = writeln!(out, "{nothing}");
    }
    for action in actions {
        let criterion = action.criterion;
        let _ = writeln!(
            out,
            "- [ ] **{}** · {} {}{c}{}",
            action.kind.label(lang),
            Term::Step.label(lang),
            action.stage.number,
            escape_markdown(criterion.question.get(lang))
        );
        if action.status != UnmetStatus::Unanswered {
            let _ = writeln!(out, "  - {current}{c}{}", action.status.label(lang));
        }
        if let Some(role) = action.role {
            let _ = writeln!(out, "  - {who}{c}{}", escape_markdown(role.name.get(lang)));
        }
        report::criterion_details(&mut out, criterion, lang);
    }
    out
}

/// The plan as CSV for a French spreadsheet: UTF-8 with a byte order mark, `;` between fields, CRLF
/// line ends, one row per action. A field that a spreadsheet would read as a formula (starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
pub fn csv(assessment: &Assessment<'_>, lang: Lang) -> String {
    let header: [&str; 8] = match lang {
        Lang::Fr => [
            "étape", "type", "critère", "question", "réponse", "rôle", "pourquoi", "lien",
        ],
        Lang::En => [
            "step",
            "type",
            "criterion",
            "question",
            "answer",
            "role",
            "why",
            "link",
        ],
    };
    let mut out = String::from("\u{feff}");
    push_row(&mut out, header.iter().map(|field| (*field).to_owned()));
    for action in plan(assessment) {
        let criterion = action.criterion;
        push_row(
            &mut out,
            [
                action.stage.number.to_string(),
                action.kind.label(lang).to_owned(),
                criterion.id.to_string(),
                criterion.question.get(lang).to_owned(),
                action.status.label(lang).to_owned(),
                action
                    .role
                    .map(|role| role.name.get(lang).to_owned())
                    .unwrap_or_default(),
                criterion.why.get(lang).to_owned(),
                criterion
                    .url
                    .as_ref()
                    .map(|url| url.to_string())
                    .unwrap_or_default(),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    let fields: Vec<String> = fields.into_iter().map(|field| csv_field(&field)).collect();
    out.push_str(&fields.join(";"));
    out.push_str("\r\n");
}

/// One field, quoted when it holds a separator, a quote or a line break, and defused when a
/// spreadsheet would take it for a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM"), "'@SUM");
    }
}
