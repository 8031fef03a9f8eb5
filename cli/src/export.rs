//! `parcours export`: the whole path as one Markdown or HTML document.
//!
//! The pack is walked once into a small document tree (headings, paragraphs, lists of spans), which
//! two renderers turn into text. Content stays plain text either way: Markdown escapes it as the
//! report does, HTML escapes every character that could open markup, and only links that passed the
//! core's `Link` validation become clickable.

use std::fmt::Write;

use parcours_core::{Availability, Lang, Link, Pack, Resource, Stage, Term, Text, colon};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Markdown,
    Html { standalone: bool },
}

/// Renders the whole of `pack` in `lang`.
pub(crate) fn render(pack: &Pack, lang: Lang, format: Format) -> String {
    let blocks = Builder {
        pack,
        lang,
        words: Words::of(lang),
    }
    .document();
    match format {
        Format::Markdown => {
            let mut out = String::new();
            markdown_blocks(&mut out, &blocks, "", &mut None);
            // Blocks end with a blank line; a file ends with exactly one newline.
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('\n');
            out
        }
        Format::Html { standalone } => {
            let fragment = html_fragment(&blocks, lang);
            if standalone {
                html_page(pack, lang, &fragment)
            } else {
                fragment
            }
        }
    }
}

/// A run of text. `lang` is set where a text fell back to French inside an English document.
#[derive(Debug, Clone, Default)]
struct Span {
    text: String,
    lang: Option<Lang>,
    strong: bool,
    /// Only ever the string of a validated [`Link`].
    link: Option<String>,
    /// The language of the linked resource, when it is known.
    hreflang: Option<String>,
}

type Line = Vec<Span>;

#[derive(Debug)]
enum Block {
    /// Level 1 is the document title.
    Heading(u8, Line),
    Paragraph(Line),
    List(Vec<Item>),
    Section(Vec<Block>),
}

#[derive(Debug)]
struct Item {
    line: Line,
    children: Vec<Block>,
}

fn item(line: Line) -> Item {
    Item {
        line,
        children: Vec::new(),
    }
}

fn plain(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        ..Span::default()
    }
}

fn strong(mut span: Span) -> Span {
    span.strong = true;
    span
}

fn linked(mut span: Span, link: &Link) -> Span {
    span.link = Some(link.as_str().to_owned());
    span
}

/// The product's own words for the export.
struct Words {
    open_quote: &'static str,
    close_quote: &'static str,
    version: &'static str,
    dated: &'static str,
    content_id: &'static str,
    personas: &'static str,
    questions: &'static str,
    achievements: &'static str,
    focus: &'static str,
    self_training_heading: &'static str,
    for_roles: &'static str,
    phase: &'static str,
    no_phase: &'static str,
    gate: &'static str,
    last_gate: &'static str,
    no_criteria: &'static str,
    required: &'static str,
    advice: &'static str,
    not_applicable_allowed: &'static str,
    who: &'static str,
    follow_up: &'static str,
    sources: &'static str,
    eligibility: &'static str,
    profile_questions: &'static str,
    cases: &'static str,
    cases_intro: &'static str,
    conditions: &'static str,
    or: &'static str,
    possible_support: &'static str,
    to_be_defined: &'static str,
    not_planned: &'static str,
    phases: &'static str,
    all_contacts: &'static str,
    reference: &'static str,
    glossary: &'static str,
}

const FR: Words = Words {
    open_quote: "« ",
    close_quote: " »",
    version: "Version",
    dated: "du",
    content_id: "identifiant du contenu",
    personas: "Les rôles",
    questions: "Type de questions",
    achievements: "Acquis attendus (avez-vous déjà… ?)",
    focus: "Objectif par rôle",
    self_training_heading: "Autoformation",
    for_roles: "Pour",
    phase: "Phase d'accompagnement",
    no_phase: "Le programme ne propose pas d'accompagnement à cette étape.",
    gate: "Critères pour passer à l'étape suivante",
    last_gate: "Critères de la dernière étape",
    no_criteria: "Aucun critère à cette étape.",
    required: "Requis",
    advice: "Conseil (facultatif)",
    not_applicable_allowed: "La réponse « non applicable » est admise",
    who: "Qui répond",
    follow_up: "Si vous ne savez pas",
    sources: "Sources",
    eligibility: "Éligibilité à l'accompagnement",
    profile_questions: "Questions du profil",
    cases: "Cas de la politique d'accompagnement",
    cases_intro: "Le premier cas qui correspond au profil s'applique. Un profil qui ne correspond à aucun cas est invité à contacter le programme.",
    conditions: "Conditions",
    or: "ou",
    possible_support: "Accompagnement possible",
    to_be_defined: "à définir avec le programme",
    not_planned: "Aucun accompagnement n'est prévu pour ce cas.",
    phases: "Phases d'accompagnement",
    all_contacts: "Contacts du programme",
    reference: "référence complète",
    glossary: "Glossaire",
};

const EN: Words = Words {
    open_quote: "\"",
    close_quote: "\"",
    version: "Version",
    dated: "of",
    content_id: "content id",
    personas: "Roles",
    questions: "Type of questions",
    achievements: "Expected achievements (have you already…?)",
    focus: "Focus by role",
    self_training_heading: "Self-training",
    for_roles: "For",
    phase: "Support phase",
    no_phase: "The programme offers no support at this step.",
    gate: "Criteria to move on to the next step",
    last_gate: "Criteria of the last step",
    no_criteria: "No criteria at this step.",
    required: "Required",
    advice: "Advice (optional)",
    not_applicable_allowed: "\"Not applicable\" is an accepted answer",
    who: "Who answers",
    follow_up: "If you don't know",
    sources: "Sources",
    eligibility: "Eligibility for support",
    profile_questions: "Profile questions",
    cases: "Cases of the support policy",
    cases_intro: "The first case that matches the profile applies. A profile that matches no case is invited to contact the programme.",
    conditions: "Conditions",
    or: "or",
    possible_support: "Possible support",
    to_be_defined: "to be defined with the programme",
    not_planned: "No support is planned for this case.",
    phases: "Support phases",
    all_contacts: "The programme's contacts",
    reference: "complete reference",
    glossary: "Glossary",
};

impl Words {
    fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// Walks the pack into blocks, in the order a reader needs them.
struct Builder<'p> {
    pack: &'p Pack,
    lang: Lang,
    words: &'static Words,
}

impl Builder<'_> {
    /// A pack text in the document's language, marked as French where it had no translation.
    fn text(&self, text: &Text) -> Span {
        let (body, actual) = text.localized(self.lang);
        Span {
            text: body.to_owned(),
            lang: (actual != self.lang).then_some(actual),
            ..Span::default()
        }
    }

    /// `Label : value`, with the colon of the document's language.
    fn labelled(&self, label: &str, mut value: Line) -> Line {
        let mut line = vec![plain(format!("{label}{}", colon(self.lang)))];
        line.append(&mut value);
        line
    }

    fn document(&self) -> Vec<Block> {
        let pack = self.pack;
        let words = self.words;
        let mut blocks = vec![Block::Heading(1, vec![self.text(pack.title())])];
        if let Some(description) = pack.description() {
            blocks.push(Block::Paragraph(vec![self.text(description)]));
        }
        blocks.push(Block::Paragraph(vec![plain(format!(
            "{} {} {} {} ({} {}{}{})",
            words.version,
            pack.version(),
            words.dated,
            pack.date(),
            words.content_id,
            words.open_quote,
            pack.id(),
            words.close_quote,
        ))]));

        let personas = pack
            .personas()
            .iter()
            .map(|persona| {
                let mut line = vec![strong(self.text(&persona.name))];
                if let Some(description) = &persona.description {
                    line.push(plain(" — "));
                    line.push(self.text(description));
                }
                item(line)
            })
            .collect();
        blocks.push(Block::Section(vec![
            Block::Heading(2, vec![plain(words.personas)]),
            Block::List(personas),
        ]));

        for stage in pack.stages() {
            blocks.push(Block::Section(self.stage(stage)));
        }
        blocks.push(Block::Section(self.eligibility()));
        if let Some(glossary) = self.glossary() {
            blocks.push(Block::Section(glossary));
        }
        blocks.push(Block::Section(self.contacts()));
        if !pack.sources().is_empty() {
            blocks.push(Block::Section(self.sources()));
        }
        blocks
    }

    fn stage(&self, stage: &Stage) -> Vec<Block> {
        let words = self.words;
        let pack = self.pack;
        let mut blocks = vec![Block::Heading(
            2,
            vec![
                plain(format!(
                    "{} {} {} {}{}",
                    Term::Step.label(self.lang),
                    stage.number,
                    Term::Of.label(self.lang),
                    pack.stages().len(),
                    colon(self.lang)
                )),
                self.text(&stage.title),
            ],
        )];
        let mut summary = vec![
            item(self.labelled(
                Term::TeamQuestion.label(self.lang),
                vec![self.text(&stage.team_question)],
            )),
            item(self.labelled(
                Term::Maturity.label(self.lang),
                vec![self.text(&stage.maturity.name)],
            )),
            item(self.labelled(words.questions, vec![self.text(&stage.maturity.questions)])),
        ];
        if let Some(line) = self.source_line(&stage.sources) {
            summary.push(item(line));
        }
        blocks.push(Block::List(summary));
        if !stage.maturity.achievements.is_empty() {
            blocks.push(Block::Heading(3, vec![plain(words.achievements)]));
            blocks.push(self.text_list(&stage.maturity.achievements));
        }

        blocks.push(Block::Heading(
            3,
            vec![plain(words.gate_title(stage, pack))],
        ));
        if let Some(text) = &stage.gate.text {
            blocks.push(Block::Paragraph(vec![self.text(text)]));
        }
        if stage.gate.criteria.is_empty() {
            blocks.push(Block::Paragraph(vec![plain(words.no_criteria)]));
        } else {
            blocks.push(Block::List(
                stage
                    .gate
                    .criteria
                    .iter()
                    .map(|c| self.criterion(c))
                    .collect(),
            ));
        }

        blocks.push(Block::Heading(
            3,
            vec![plain(Term::ProgrammeResources.label(self.lang))],
        ));
        if !stage.guidance.is_empty() {
            blocks.push(self.text_list(&stage.guidance));
        }
        blocks.push(self.resources(stage, true));

        blocks.push(Block::Heading(3, vec![plain(words.self_training_heading)]));
        if !stage.persona_focus.is_empty() {
            blocks.push(Block::Heading(4, vec![plain(words.focus)]));
            let focus = stage
                .persona_focus
                .iter()
                .filter_map(|(id, focus)| {
                    let persona = pack.persona(id.as_str())?;
                    Some(item(self.labelled(
                        persona.name.get(self.lang),
                        vec![self.text(focus)],
                    )))
                })
                .collect();
            blocks.push(Block::List(focus));
        }
        blocks.push(Block::Heading(
            4,
            vec![plain(Term::SelfTraining.label(self.lang))],
        ));
        blocks.push(self.resources(stage, false));

        blocks.push(Block::Heading(
            3,
            vec![plain(Term::Support.label(self.lang))],
        ));
        let support = &stage.support;
        match support
            .phase
            .as_ref()
            .and_then(|id| pack.phase(id.as_str()))
        {
            Some(phase) => blocks.push(Block::Paragraph(
                self.labelled(words.phase, vec![self.text(&phase.name)]),
            )),
            None => blocks.push(Block::Paragraph(vec![plain(words.no_phase)])),
        }
        blocks.push(Block::Paragraph(vec![self.text(&support.text)]));
        if let Some(how) = &support.how {
            blocks.push(Block::Paragraph(vec![self.text(how)]));
        }
        if !support.milestones.is_empty() {
            blocks.push(Block::Heading(
                4,
                vec![plain(Term::Milestones.label(self.lang))],
            ));
            blocks.push(self.text_list(&support.milestones));
        }
        if !support.contacts.is_empty() {
            blocks.push(Block::Heading(
                4,
                vec![plain(Term::Contacts.label(self.lang))],
            ));
            let contacts = support
                .contacts
                .iter()
                .filter_map(|id| pack.contact(id.as_str()))
                .map(|contact| self.contact(contact))
                .collect();
            blocks.push(Block::List(contacts));
        }
        blocks
    }

    fn criterion(&self, criterion: &parcours_core::Criterion) -> Item {
        let words = self.words;
        let mut details = vec![item(vec![plain(if criterion.required {
            words.required
        } else {
            words.advice
        })])];
        if criterion.allow_na {
            details.push(item(vec![plain(words.not_applicable_allowed)]));
        }
        if let Some(persona) = self.pack.persona(criterion.persona.as_str()) {
            details.push(item(
                self.labelled(words.who, vec![self.text(&persona.name)]),
            ));
        }
        details.push(item(self.labelled(
            Term::Why.label(self.lang),
            vec![self.text(&criterion.why)],
        )));
        if let Some(follow_up) = &criterion.follow_up {
            details.push(item(
                self.labelled(words.follow_up, vec![self.text(follow_up)]),
            ));
        }
        if let Some(url) = &criterion.url {
            details.push(item(self.labelled(
                Term::LearnMore.label(self.lang),
                vec![linked(plain(url.as_str()), url)],
            )));
        }
        if let Some(line) = self.source_line(&criterion.sources) {
            details.push(item(line));
        }
        Item {
            line: vec![strong(self.text(&criterion.question))],
            children: vec![Block::List(details)],
        }
    }

    /// The programme's resources (`programme`) or the self-training ones at `stage`.
    fn resources(&self, stage: &Stage, programme: bool) -> Block {
        let items: Vec<Item> = self
            .pack
            .resources()
            .iter()
            .filter(|r| r.programme == programme && r.stages.contains(&stage.number))
            .map(|r| self.resource(r))
            .collect();
        if items.is_empty() {
            Block::Paragraph(vec![plain(Term::NoResources.label(self.lang))])
        } else {
            Block::List(items)
        }
    }

    fn resource(&self, resource: &Resource) -> Item {
        let lang = self.lang;
        let mut title = self.text(&resource.title);
        if let Some(url) = &resource.url {
            title = linked(title, url);
            title.hreflang = Some(resource.language.clone());
        }
        let mut facts = resource.facts(lang);
        if let Some(personas) = &resource.personas {
            let names: Vec<&str> = personas
                .iter()
                .filter_map(|id| self.pack.persona(id.as_str()))
                .map(|p| p.name.get(lang))
                .collect();
            let _ = write!(
                facts,
                " — {}{}{}",
                self.words.for_roles,
                colon(self.lang),
                names.join(", ")
            );
        }
        let mut children = Vec::new();
        if let Some(description) = &resource.description {
            children.push(Block::Paragraph(vec![self.text(description)]));
        }
        if let Some(line) = self.source_line(&resource.sources) {
            children.push(Block::Paragraph(line));
        }
        Item {
            line: vec![title, plain(format!(" — {facts}"))],
            children,
        }
    }

    fn contact(&self, contact: &parcours_core::Contact) -> Item {
        let mut line = vec![
            self.text(&contact.name),
            plain(format!(
                " ({}){}",
                contact.status.label(self.lang),
                colon(self.lang)
            )),
            linked(plain(contact.url.display_text()), &contact.url),
        ];
        if let Some(note) = &contact.note {
            line.push(plain(" — "));
            line.push(self.text(note));
        }
        item(line)
    }

    fn eligibility(&self) -> Vec<Block> {
        let words = self.words;
        let profile = self.pack.profile();
        let mut blocks = vec![Block::Heading(2, vec![plain(words.eligibility)])];

        blocks.push(Block::Heading(3, vec![plain(words.profile_questions)]));
        let questions = profile
            .questions
            .iter()
            .map(|question| Item {
                line: vec![self.text(&question.label)],
                children: vec![Block::List(
                    question
                        .options
                        .iter()
                        .map(|option| item(vec![self.text(&option.label)]))
                        .collect(),
                )],
            })
            .collect();
        blocks.push(Block::List(questions));

        blocks.push(Block::Heading(3, vec![plain(words.cases)]));
        blocks.push(Block::Paragraph(vec![plain(words.cases_intro)]));
        let cases = profile
            .cases
            .iter()
            .map(|case| {
                let mut details = Vec::new();
                if !case.when.is_empty() {
                    // In the profile's order, as the visitor answers them, rather than by id.
                    let conditions = profile
                        .questions
                        .iter()
                        .filter_map(|question| {
                            let (_, option_ids) =
                                case.when.iter().find(|(id, _)| id == &question.id)?;
                            let mut line = vec![self.text(&question.label), plain(" — ")];
                            for (i, option_id) in option_ids.iter().enumerate() {
                                if i > 0 {
                                    line.push(plain(format!(" {} ", words.or)));
                                }
                                if let Some(option) =
                                    question.options.iter().find(|o| &o.id == option_id)
                                {
                                    line.push(self.text(&option.label));
                                }
                            }
                            Some(item(line))
                        })
                        .collect();
                    details.push(Item {
                        line: vec![plain(words.conditions)],
                        children: vec![Block::List(conditions)],
                    });
                }
                if case.phases.is_empty() {
                    details.push(item(vec![plain(words.not_planned)]));
                } else {
                    let mut line = vec![plain(format!(
                        "{}{}",
                        words.possible_support,
                        colon(self.lang)
                    ))];
                    for (i, case_phase) in case.phases.iter().enumerate() {
                        if i > 0 {
                            line.push(plain(", "));
                        }
                        if let Some(phase) = self.pack.phase(case_phase.phase.as_str()) {
                            line.push(self.text(&phase.name));
                        }
                        if case_phase.availability == Availability::ToBeDefined {
                            line.push(plain(format!(" ({})", words.to_be_defined)));
                        }
                    }
                    details.push(item(line));
                }
                if let Some(note) = &case.note {
                    details.push(item(vec![self.text(note)]));
                }
                if let Some(line) = self.source_line(&case.sources) {
                    details.push(item(line));
                }
                Item {
                    line: vec![strong(self.text(&case.name))],
                    children: vec![Block::List(details)],
                }
            })
            .collect();
        blocks.push(Block::List(cases));

        if !self.pack.phases().is_empty() {
            blocks.push(Block::Heading(3, vec![plain(words.phases)]));
            let phases = self
                .pack
                .phases()
                .iter()
                .map(|phase| {
                    let mut line = vec![strong(self.text(&phase.name))];
                    if let Some(description) = &phase.description {
                        line.push(plain(" — "));
                        line.push(self.text(description));
                    }
                    item(line)
                })
                .collect();
            blocks.push(Block::List(phases));
        }
        blocks
    }

    fn contacts(&self) -> Vec<Block> {
        let contacts: Vec<Item> = self
            .pack
            .contacts()
            .iter()
            .map(|contact| {
                let mut item = self.contact(contact);
                if let Some(line) = self.source_line(&contact.sources) {
                    item.children.push(Block::Paragraph(line));
                }
                item
            })
            .collect();
        let list = if contacts.is_empty() {
            Block::Paragraph(vec![plain("—")])
        } else {
            Block::List(contacts)
        };
        vec![
            Block::Heading(2, vec![plain(self.words.all_contacts)]),
            list,
        ]
    }

    /// The terms that the path's texts use, each with its definition and reference.
    fn glossary(&self) -> Option<Vec<Block>> {
        let entries: Vec<Item> = self
            .pack
            .terms_used()
            .into_iter()
            .map(|entry| {
                let mut line = vec![
                    strong(self.text(&entry.term)),
                    plain(" — "),
                    self.text(&entry.definition),
                ];
                if let Some(url) = &entry.url {
                    line.push(plain(" ("));
                    line.push(linked(plain(self.words.reference), url));
                    line.push(plain(")"));
                }
                item(line)
            })
            .collect();
        (!entries.is_empty()).then(|| {
            vec![
                Block::Heading(2, vec![plain(self.words.glossary)]),
                Block::List(entries),
            ]
        })
    }

    fn sources(&self) -> Vec<Block> {
        let sources = self
            .pack
            .sources()
            .iter()
            .map(|source| {
                let mut title = self.text(&source.title);
                if let Some(url) = &source.url {
                    title = linked(title, url);
                }
                let mut line = vec![title];
                if let Some(date) = &source.date {
                    line.push(plain(format!(" — {date}")));
                }
                item(line)
            })
            .collect();
        vec![
            Block::Heading(2, vec![plain(self.words.sources)]),
            Block::List(sources),
        ]
    }

    fn text_list(&self, texts: &[Text]) -> Block {
        Block::List(
            texts
                .iter()
                .map(|text| item(vec![self.text(text)]))
                .collect(),
        )
    }

    /// "Sources : A, B", naming each cited source by its title.
    fn source_line(&self, ids: &[parcours_core::Id]) -> Option<Line> {
        if ids.is_empty() {
            return None;
        }
        let mut value = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                value.push(plain(", "));
            }
            match self.pack.source(id.as_str()) {
                Some(source) => value.push(self.text(&source.title)),
                None => value.push(plain(id.as_str())),
            }
        }
        Some(self.labelled(self.words.sources, value))
    }
}

impl Words {
    fn gate_title(&self, stage: &Stage, pack: &Pack) -> &'static str {
        if usize::from(stage.number) == pack.stages().len() {
            self.last_gate
        } else {
            self.gate
        }
    }
}

// Markdown.

/// Writes `blocks`, each line prefixed by `indent` (the indentation of the list item that holds them).
///
/// `previous_bullet` is the bullet of the list just written at this level, if the previous block was
/// a list: two adjacent lists with the same bullet would read as one in CommonMark, so they alternate.
fn markdown_blocks(
    out: &mut String,
    blocks: &[Block],
    indent: &str,
    previous_bullet: &mut Option<char>,
) {
    let nested = !indent.is_empty();
    for block in blocks {
        let bullet = match (block, *previous_bullet) {
            (Block::List(_), Some('-')) => Some('*'),
            (Block::List(_), _) => Some('-'),
            (Block::Section(_), previous) => previous,
            _ => None,
        };
        match block {
            Block::Heading(level, line) => {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from(*level)),
                    markdown_line(line)
                );
            }
            Block::Paragraph(line) => {
                let _ = writeln!(out, "{indent}{}", markdown_line(line));
                if !nested {
                    out.push('\n');
                }
            }
            Block::List(items) => {
                let bullet = bullet.unwrap_or('-');
                for item in items {
                    let _ = writeln!(out, "{indent}{bullet} {}", markdown_line(&item.line));
                    markdown_blocks(out, &item.children, &format!("{indent}  "), &mut None);
                }
                if !nested {
                    out.push('\n');
                }
            }
            Block::Section(blocks) => {
                markdown_blocks(out, blocks, indent, previous_bullet);
                continue;
            }
        }
        *previous_bullet = bullet;
    }
}

fn markdown_line(line: &[Span]) -> String {
    let mut out = String::new();
    for span in line {
        let mut text = markdown_escape(&span.text);
        if span.strong {
            text = format!("**{text}**");
        }
        match &span.link {
            Some(url) => {
                let _ = write!(out, "[{text}]({})", markdown_url(url));
            }
            None => out.push_str(&text),
        }
    }
    out
}

// Content stays plain text in Markdown exactly as in the core's report.
use parcours_core::report::{escape_markdown as markdown_escape, markdown_url};

// HTML.

fn html_fragment(blocks: &[Block], lang: Lang) -> String {
    let mut out = format!(
        "<article class=\"parcours-export\" lang=\"{}\">\n",
        lang.code()
    );
    html_blocks(&mut out, blocks);
    out.push_str("</article>\n");
    out
}

fn html_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Heading(level, line) => {
                // The fragment sits under the host page's own title, so its headings start at h2.
                let level = level.saturating_add(1).min(6);
                let _ = writeln!(out, "<h{level}>{}</h{level}>", html_line(line));
            }
            Block::Paragraph(line) => {
                let _ = writeln!(out, "<p>{}</p>", html_line(line));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str("<li>");
                    out.push_str(&html_line(&item.line));
                    if !item.children.is_empty() {
                        out.push('\n');
                        html_blocks(out, &item.children);
                    }
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            Block::Section(blocks) => {
                out.push_str("<section>\n");
                html_blocks(out, blocks);
                out.push_str("</section>\n");
            }
        }
    }
}

fn html_line(line: &[Span]) -> String {
    let mut out = String::new();
    for span in line {
        let mut html = html_escape(&span.text);
        if let Some(lang) = span.lang {
            html = format!("<span lang=\"{}\">{html}</span>", lang.code());
        }
        if span.strong {
            html = format!("<strong>{html}</strong>");
        }
        if let Some(url) = &span.link {
            let hreflang = match &span.hreflang {
                Some(code) => format!(" hreflang=\"{}\"", html_escape(code)),
                None => String::new(),
            };
            html = format!("<a href=\"{}\"{hreflang}>{html}</a>", html_escape(url));
        }
        out.push_str(&html);
    }
    out
}

/// Escapes text for element content and double- or single-quoted attribute values.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn html_page(pack: &Pack, lang: Lang, fragment: &str) -> String {
    let title = html_escape(pack.title().get(lang));
    let reference = Words::of(lang).reference;
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — {reference}</title>\n</head>\n<body>\n<main>\n{fragment}</main>\n</body>\n</html>\n",
        lang.code()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_markup_and_attribute_quotes() {
        assert_eq!(
            html_escape(r#"<a href="x" onclick='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_escaping_matches_the_report() {
        assert_eq!(
            markdown_escape("*gras* [lien](x) <b>"),
            "\\*gras\\* \\[lien\\](x) \\<b\\>"
        );
        assert_eq!(markdown_url("https://x/(a)"), "https://x/%28a%29");
    }
}
