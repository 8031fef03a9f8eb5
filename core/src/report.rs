//! The assessment as a Markdown summary, in French or English.
//!
//! The widget offers exactly this text as "download the summary", so a native caller and a browser
//! visitor get the same document for the same answers.

use std::fmt::Write;

use crate::{
    engine::{Assessment, Hint, Offer, Unmet, group_resources},
    labels::{Term, check_with_role, colon},
    pack::{Contact, Criterion, Resource},
    text::{Lang, Text},
};

/// The words of the report, in one language.
struct Words {
    title: &'static str,
    content: &'static str,
    version: &'static str,
    role: &'static str,
    no_role: &'static str,
    complete: &'static str,
    to_validate: &'static str,
    nothing_blocking: &'static str,
    advice: &'static str,
    follow_ups: &'static str,
    all_personas_resources: &'static str,
    focus: &'static str,
    progress: &'static str,
    progress_header: &'static str,
    code: &'static str,
    glossary: &'static str,
}

const FR: Words = Words {
    title: "Parcours Cloud Pi Native : votre synthèse",
    content: "Contenu",
    version: "version",
    role: "Rôle",
    no_role: "non précisé",
    complete: "Tous les critères requis sont validés : vous êtes à la dernière étape du parcours.",
    to_validate: "Ce qu'il reste à valider pour passer à l'étape suivante",
    nothing_blocking: "Aucun critère requis ne reste à valider.",
    advice: "Conseils (facultatifs)",
    follow_ups: "À vérifier (réponses « je ne sais pas »)",
    all_personas_resources: "Ressources d'autoformation (tous rôles)",
    focus: "Objectif d'autoformation",
    progress: "Progression",
    progress_header: "| Étape | Critères validés / applicables | Critères requis validés | Statut |\n|---|---|---|---|",
    code: "Code de vos réponses (à coller dans le parcours pour les retrouver)",
    glossary: "Glossaire",
};

const EN: Words = Words {
    title: "Cloud Pi Native path: your summary",
    content: "Content",
    version: "version",
    role: "Role",
    no_role: "not specified",
    complete: "Every required criterion is validated: you are at the last step of the path.",
    to_validate: "What remains to validate before the next step",
    nothing_blocking: "No required criterion remains to validate.",
    advice: "Advice (optional)",
    follow_ups: "To check (\"I don't know\" answers)",
    all_personas_resources: "Self-training resources (all roles)",
    focus: "Self-training focus",
    progress: "Progress",
    progress_header: "| Step | Criteria validated / applicable | Required criteria validated | Status |\n|---|---|---|---|",
    code: "Your answer code (paste it into the path to get your answers back)",
    glossary: "Glossary",
};

/// Where the team stands, at a glance, in a few sentences: the stage and its maturity level, the
/// required criteria left at this stage, the "don't know" answers to check and the support the team
/// may ask for. The widget's summary (its live region) and the top of the Markdown summary.
pub fn summary(assessment: &Assessment<'_>, lang: Lang) -> String {
    let stage = assessment.stage;
    let c = colon(lang);
    let you_are_at = match lang {
        Lang::Fr => "Vous êtes à l'étape",
        Lang::En => "You are at step",
    };
    let mut out = format!(
        "{you_are_at} {} {} {}{c}{} ({}). ",
        stage.number,
        Term::Of.label(lang),
        assessment.pack.stages().len(),
        stage.title.get(lang),
        stage.maturity.name.get(lang)
    );
    let remaining = assessment.blocking.len();
    out.push_str(&match (lang, assessment.complete, remaining) {
        (Lang::Fr, true, _) => "Tous les critères requis sont validés\u{a0}: vous êtes à la dernière étape du parcours.".to_owned(),
        (Lang::Fr, false, 0) => "Aucun critère requis ne reste à valider à cette étape.".to_owned(),
        (Lang::Fr, false, 1) => "1 critère requis reste à valider pour passer à l'étape suivante.".to_owned(),
        (Lang::Fr, false, n) => format!("{n} critères requis restent à valider pour passer à l'étape suivante."),
        (Lang::En, true, _) => "Every required criterion is validated: you are at the last step of the path.".to_owned(),
        (Lang::En, false, 0) => "No required criterion remains to validate at this step.".to_owned(),
        (Lang::En, false, 1) => "1 required criterion remains to validate before the next step.".to_owned(),
        (Lang::En, false, n) => format!("{n} required criteria remain to validate before the next step."),
    });
    let unknown = assessment.follow_ups.len();
    match (lang, unknown) {
        (_, 0) => {}
        (Lang::Fr, 1) => out.push_str(" 1 réponse «\u{a0}je ne sais pas\u{a0}» à vérifier."),
        (Lang::Fr, n) => out.push_str(&format!(
            " {n} réponses «\u{a0}je ne sais pas\u{a0}» à vérifier."
        )),
        (Lang::En, 1) => out.push_str(" 1 \"I don't know\" answer to check."),
        (Lang::En, n) => out.push_str(&format!(" {n} \"I don't know\" answers to check.")),
    }
    out.push(' ');
    out.push_str(&offer_sentence(assessment, lang));
    out
}

/// The support verdict as a sentence, shared with the widget.
pub fn offer_sentence(assessment: &Assessment<'_>, lang: Lang) -> String {
    let case = assessment
        .support
        .case
        .map(|c| c.name.get(lang))
        .unwrap_or_default();
    let phase = match assessment.support.offer {
        Offer::NotInCase { phase } | Offer::Offered { phase } | Offer::ToBeDefined { phase } => {
            phase.name.get(lang)
        }
        _ => "",
    };
    match (assessment.support.offer, lang) {
        (Offer::ProfileIncomplete, Lang::Fr) => {
            "Répondez aux questions de profil pour savoir si le programme peut vous accompagner."
                .to_owned()
        }
        (Offer::ProfileIncomplete, Lang::En) => {
            "Answer the profile questions to find out whether the programme can support you."
                .to_owned()
        }
        (Offer::NoMatchingCase, Lang::Fr) => {
            "Votre profil ne correspond à aucun cas de la politique \
             d'accompagnement : contactez le programme pour en parler."
                .to_owned()
        }
        (Offer::NoMatchingCase, Lang::En) => "Your profile matches no case of the support policy: \
             contact the programme to discuss it."
            .to_owned(),
        (Offer::NoneAtThisStage, Lang::Fr) => {
            format!("Le programme ne propose pas encore d'accompagnement à cette étape ({case}).")
        }
        (Offer::NoneAtThisStage, Lang::En) => {
            format!("The programme offers no support at this step yet ({case}).")
        }
        (Offer::NotPlanned, Lang::Fr) => format!(
            "Aucun accompagnement n'est prévu pour votre situation ({case}) : \
             le parcours d'autoformation reste à votre disposition."
        ),
        (Offer::NotPlanned, Lang::En) => format!(
            "No support is planned for your situation ({case}): \
             the self-training path is yours to follow."
        ),
        (Offer::NotInCase { .. }, Lang::Fr) => format!(
            "Votre situation ({case}) ne donne pas droit à l'accompagnement de cette étape ({phase})."
        ),
        (Offer::NotInCase { .. }, Lang::En) => {
            format!("Your situation ({case}) does not include this step's support ({phase}).")
        }
        (Offer::Offered { .. }, Lang::Fr) => {
            format!("Vous pouvez demander l'accompagnement de cette étape : {phase} ({case}).")
        }
        (Offer::Offered { .. }, Lang::En) => {
            format!("You may ask for this step's support: {phase} ({case}).")
        }
        (Offer::ToBeDefined { .. }, Lang::Fr) => format!(
            "L'accompagnement de cette étape ({phase}) reste à définir avec le programme \
             pour votre situation ({case})."
        ),
        (Offer::ToBeDefined { .. }, Lang::En) => format!(
            "This step's support ({phase}) is still to be defined with the programme \
             for your situation ({case})."
        ),
    }
}

/// Renders the assessment as Markdown in `lang`.
pub fn markdown(assessment: &Assessment<'_>, lang: Lang) -> String {
    let words = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    let pack = assessment.pack;
    let stage = assessment.stage;
    let t = |text: &Text| escape_markdown(text.get(lang));
    let c = colon(lang);
    let mut out = String::new();

    let _ = writeln!(out, "# {}\n", words.title);
    let _ = writeln!(
        out,
        "- {}{c}{} ({} {}, {})",
        words.content,
        t(pack.title()),
        words.version,
        pack.version(),
        pack.date()
    );
    let role = assessment
        .persona
        .map_or_else(|| words.no_role.to_owned(), |p| t(&p.name));
    let _ = writeln!(out, "- {}{c}{role}\n", words.role);
    let _ = writeln!(out, "{}\n", escape_markdown(&summary(assessment, lang)));

    let _ = writeln!(
        out,
        "## {} {} {} {}{c}{}\n",
        Term::Step.label(lang),
        stage.number,
        Term::Of.label(lang),
        pack.stages().len(),
        t(&stage.title)
    );
    let _ = writeln!(
        out,
        "- {}{c}{}",
        Term::Maturity.label(lang),
        t(&stage.maturity.name)
    );
    let _ = writeln!(
        out,
        "- {}{c}{}\n",
        Term::TeamQuestion.label(lang),
        t(&stage.team_question)
    );
    if assessment.complete {
        let _ = writeln!(out, "{}\n", words.complete);
    }

    let _ = writeln!(out, "## {}\n", words.to_validate);
    if assessment.blocking.is_empty() {
        let _ = writeln!(out, "{}\n", words.nothing_blocking);
    } else {
        unmet_list(&mut out, &assessment.blocking, lang);
    }
    if !assessment.advice.is_empty() {
        let _ = writeln!(out, "### {}\n", words.advice);
        unmet_list(&mut out, &assessment.advice, lang);
    }

    if !assessment.follow_ups.is_empty() {
        let _ = writeln!(out, "## {}\n", words.follow_ups);
        for follow_up in &assessment.follow_ups {
            let criterion = follow_up.criterion;
            let _ = write!(
                out,
                "- {} {}{c}{}",
                Term::Step.label(lang),
                follow_up.stage.number,
                t(&criterion.question)
            );
            match follow_up.hint() {
                Some(Hint::Text(hint)) => {
                    let _ = writeln!(out, " — {}", t(hint));
                }
                Some(Hint::AskRole(persona)) => {
                    let _ = writeln!(out, " — {} « {} »", check_with_role(lang), t(&persona.name));
                }
                None => out.push('\n'),
            }
        }
        out.push('\n');
    }

    if !assessment.ahead.is_empty() {
        let _ = writeln!(out, "## {}\n", Term::AlreadyValidated.label(lang));
        for criterion in &assessment.ahead {
            let _ = writeln!(out, "- {}", t(&criterion.question));
        }
        out.push('\n');
    }

    let resources_title = if assessment.persona.is_some() {
        Term::SelfTrainingForRole.label(lang)
    } else {
        words.all_personas_resources
    };
    let _ = writeln!(out, "## {resources_title}\n");
    if let Some(focus) = assessment
        .persona
        .and_then(|p| stage.focus_of(p.id.as_str()))
    {
        let _ = writeln!(out, "{}{c}{}\n", words.focus, t(focus));
    }
    resource_list(&mut out, &assessment.persona_resources, lang);

    let _ = writeln!(out, "## {}\n", Term::ProgrammeResources.label(lang));
    for guidance in &stage.guidance {
        let _ = writeln!(out, "- {}", t(guidance));
    }
    if !stage.guidance.is_empty() {
        out.push('\n');
    }
    resource_list(&mut out, &assessment.programme_resources, lang);

    let support = &assessment.support;
    let _ = writeln!(out, "## {}\n", Term::Support.label(lang));
    let _ = writeln!(
        out,
        "{}\n",
        escape_markdown(&offer_sentence(assessment, lang))
    );
    let _ = writeln!(out, "{}\n", t(&support.stage_support.text));
    if let Some(how) = &support.stage_support.how {
        let _ = writeln!(out, "{}\n", t(how));
    }
    if let Some(note) = support.case.and_then(|c| c.note.as_ref()) {
        let _ = writeln!(out, "{}\n", t(note));
    }
    if !support.stage_support.milestones.is_empty() {
        let _ = writeln!(out, "### {}\n", Term::Milestones.label(lang));
        for milestone in &support.stage_support.milestones {
            let _ = writeln!(out, "- {}", t(milestone));
        }
        out.push('\n');
    }
    if !support.contacts.is_empty() {
        let _ = writeln!(out, "### {}\n", Term::Contacts.label(lang));
        for contact in &support.contacts {
            contact_line(&mut out, contact, lang);
        }
        out.push('\n');
    }

    if let Some(next) = assessment.next {
        let _ = writeln!(
            out,
            "## {}{c}{} {} — {}\n",
            Term::NextStep.label(lang),
            Term::Step.label(lang),
            next.number,
            t(&next.title)
        );
        let _ = writeln!(
            out,
            "- {}{c}{}",
            Term::Maturity.label(lang),
            t(&next.maturity.name)
        );
        let _ = writeln!(
            out,
            "- {}{c}{}\n",
            Term::TeamQuestion.label(lang),
            t(&next.team_question)
        );
    }

    // The terms the summary uses, found in what it says so far: every text above, in `lang`.
    let terms = pack.terms_in(&[&out]);
    if !terms.is_empty() {
        let _ = writeln!(out, "## {}\n", words.glossary);
        for entry in terms {
            let _ = write!(out, "- **{}**{c}{}", t(&entry.term), t(&entry.definition));
            match &entry.url {
                Some(url) => {
                    let _ = writeln!(
                        out,
                        " ([{}]({}))",
                        Term::LearnMore.label(lang),
                        markdown_url(url.as_str())
                    );
                }
                None => out.push('\n'),
            }
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", words.progress);
    let _ = writeln!(out, "{}", words.progress_header);
    for progress in &assessment.progress {
        let _ = writeln!(
            out,
            "| {} | {} / {} | {} / {} | {} |",
            progress.stage,
            progress.validated,
            progress.applicable,
            progress.required_validated,
            progress.required,
            progress.status.label(lang)
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n```\n{}\n```",
        words.code,
        assessment.code()
    );
    out
}

fn unmet_list(out: &mut String, unmet: &[Unmet<'_>], lang: Lang) {
    for item in unmet {
        let criterion = item.criterion;
        let _ = writeln!(
            out,
            "- [ ] {} ({})",
            escape_markdown(criterion.question.get(lang)),
            item.status.label(lang)
        );
        criterion_details(out, criterion, lang);
    }
    out.push('\n');
}

/// A criterion's sub-items under its list item: why it matters, and where to learn more.
pub(crate) fn criterion_details(out: &mut String, criterion: &Criterion, lang: Lang) {
    let c = colon(lang);
    let _ = writeln!(
        out,
        "  - {}{c}{}",
        Term::Why.label(lang),
        escape_markdown(criterion.why.get(lang))
    );
    if let Some(url) = &criterion.url {
        let _ = writeln!(
            out,
            "  - {}{c}<{}>",
            Term::LearnMore.label(lang),
            markdown_url(url.as_str())
        );
    }
}

/// The resources grouped by purpose ([`group_resources`]), each group under its own heading.
fn resource_list(out: &mut String, resources: &[&Resource], lang: Lang) {
    if resources.is_empty() {
        let _ = writeln!(out, "{}\n", Term::NoResources.label(lang));
        return;
    }
    for group in group_resources(resources) {
        let _ = writeln!(out, "### {}\n", group.purpose.label(lang));
        resource_items(out, &group.resources, lang);
    }
}

fn resource_items(out: &mut String, resources: &[&Resource], lang: Lang) {
    for resource in resources {
        let title = escape_markdown(resource.title.get(lang));
        match &resource.url {
            Some(url) => {
                let _ = write!(out, "- [{title}]({})", markdown_url(url.as_str()));
            }
            None => {
                let _ = write!(out, "- {title}");
            }
        }
        let _ = writeln!(out, " — {}", escape_markdown(&resource.facts(lang)));
        if let Some(description) = &resource.description {
            let _ = writeln!(out, "  {}", escape_markdown(description.get(lang)));
        }
    }
    out.push('\n');
}

fn contact_line(out: &mut String, contact: &Contact, lang: Lang) {
    let c = colon(lang);
    let _ = write!(
        out,
        "- {} ({}){c}[{}]({})",
        escape_markdown(contact.name.get(lang)),
        contact.status.label(lang),
        escape_markdown(contact.url.display_text()),
        markdown_url(contact.url.as_str())
    );
    match &contact.note {
        Some(note) => {
            let _ = writeln!(out, " — {}", escape_markdown(note.get(lang)));
        }
        None => out.push('\n'),
    }
}

/// Escapes the characters that Markdown would read as markup, so content stays plain text wherever
/// it lands: inline (`*`, `_`, `` ` ``, `~`, `^`, `$`, links, images, raw HTML and entities with `&`),
/// in a table (`|`), and at the start of a line, where `-`, `+`, `#`, `>` or `1.` would open a list, a
/// heading or a quote. Line breaks become spaces and every run of blanks one space, so a text never
/// leaves its list item or table cell, never opens an indented code block and never ends in a hard
/// line break.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // A list marker at the very start, even after blanks: "- x", "+ x", "1. x" or "1) x".
    let indent = text
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .count();
    let digits = text
        .bytes()
        .skip(indent)
        .take_while(u8::is_ascii_digit)
        .count();
    let marker = match text.as_bytes().get(indent + digits) {
        Some(b'-' | b'+') if digits == 0 => Some(indent),
        Some(b'.' | b')') if digits > 0 => Some(indent + digits),
        _ => None,
    };
    let mut after_blank = false;
    for (index, c) in text.char_indices() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !after_blank {
                out.push(' ');
            }
            after_blank = true;
            continue;
        }
        after_blank = false;
        if Some(index) == marker
            || matches!(
                c,
                '\\' | '`'
                    | '*'
                    | '_'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '#'
                    | '|'
                    | '!'
                    | '{'
                    | '}'
                    | '&'
                    | '~'
                    | '$'
                    | '^'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Percent-encodes the characters that would end a Markdown link destination early.
pub fn markdown_url(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}
