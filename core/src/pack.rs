//! The validated content pack: the maturity model the engine reads.
//!
//! A pack is built by [`Pack::load`] (or `from_deserializer`), which converts the raw JSON structs of `raw.rs`
//! once and checks every reference, or read back by `Pack::from_compact`, which checks them again; so
//! the types below never need re-checking downstream.

use std::collections::{BTreeMap, BTreeSet};

use litemap::LiteMap;

use serde::Deserialize;

use crate::{
    error::{Diagnostic, LoadError},
    glossary::{GlossaryEntry, used_anywhere},
    id::{Id, Link},
    raw::*,
    text::Text,
};

/// The largest content pack accepted, in bytes. The default pack is well under a quarter of it.
pub const MAX_PACK_BYTES: usize = 1 << 20;

/// The content pack format this crate reads.
pub const FORMAT: u32 = 1;

/// The most steps a pack may have.
pub const MAX_STAGES: usize = 20;

/// The most criteria a pack may have, in all its steps, and the most ids its criteria may replace in
/// all: ten times the default pack's, and a bound on the work of indexing them (see `index.rs`).
pub const MAX_CRITERIA: usize = 1_000;

/// How many criteria, and ids they replace, steps hold in all, from each step's two counts.
pub(crate) fn criteria_counts(stages: impl IntoIterator<Item = (usize, usize)>) -> (usize, usize) {
    stages
        .into_iter()
        .fold((0, 0), |(criteria, replaced), (c, r)| {
            (criteria + c, replaced + r)
        })
}

/// A validated content pack.
#[derive(Debug, Clone)]
pub struct Pack {
    pub(crate) id: Id,
    pub(crate) version: String,
    pub(crate) date: String,
    pub(crate) title: Text,
    pub(crate) description: Option<Text>,
    pub(crate) sources: Vec<Source>,
    pub(crate) personas: Vec<Persona>,
    pub(crate) contacts: Vec<Contact>,
    pub(crate) phases: Vec<Phase>,
    pub(crate) profile: Profile,
    pub(crate) stages: Vec<Stage>,
    pub(crate) resources: Vec<Resource>,
    pub(crate) glossary: Vec<GlossaryEntry>,
    /// Criterion id → (stage index, criterion index), for the engine's and the decoder's lookups.
    pub(crate) criteria_by_id: LiteMap<Id, (usize, usize)>,
    /// Former criterion id → the criteria that replace it, in pack order.
    pub(crate) replaced_by: LiteMap<Id, Vec<(usize, usize)>>,
    /// The texts of the later steps not read yet: none, but for the first part of a split pack
    /// read without its later part (see [`Pack::lacks_later_texts`]).
    pub(crate) missing: crate::compact::MissingTexts,
}

/// Where a piece of content comes from.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Source {
    pub id: Id,
    pub title: Text,
    pub url: Option<Link>,
    pub date: Option<String>,
}

/// A role the visitor picks, such as decision, project steering or technical delivery.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Persona {
    pub id: Id,
    pub name: Text,
    pub description: Option<Text>,
}

/// Whether a contact route is the one to use now, or an older one still worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactStatus {
    Current,
    Legacy,
}

/// A way to reach the programme: an email address or a form.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Contact {
    pub id: Id,
    pub name: Text,
    pub url: Link,
    pub status: ContactStatus,
    pub note: Option<Text>,
    pub sources: Vec<Id>,
}

/// A kind of support the programme gives, such as préqualification.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Phase {
    pub id: Id,
    pub name: Text,
    pub description: Option<Text>,
}

/// The eligibility profile's questions and the cases of the support policy.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Profile {
    pub questions: Vec<ProfileQuestion>,
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProfileQuestion {
    pub id: Id,
    pub label: Text,
    pub options: Vec<ProfileOption>,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProfileOption {
    pub id: Id,
    pub label: Text,
}

/// One case of the support policy: who it covers and which phases they may ask for.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Case {
    pub id: Id,
    pub name: Text,
    /// For each profile question named, the options that make the case apply.
    pub when: Vec<(Id, Vec<Id>)>,
    /// The phases the case may get; a phase not listed is not offered.
    pub phases: Vec<CasePhase>,
    pub note: Option<Text>,
    pub sources: Vec<Id>,
}

impl Case {
    /// Whether the case applies to a profile, given as question id → option id.
    pub fn applies_to(&self, profile: &LiteMap<Id, Id>) -> bool {
        self.when.iter().all(|(question, options)| {
            profile
                .get(question)
                .is_some_and(|chosen| options.contains(chosen))
        })
    }

    /// How the case gets `phase`, if at all.
    pub fn availability(&self, phase: &Id) -> Option<Availability> {
        self.phases
            .iter()
            .find(|p| &p.phase == phase)
            .map(|p| p.availability)
    }
}

/// Whether a phase is firmly offered to a case, or still to be defined with the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Availability {
    Offered,
    ToBeDefined,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CasePhase {
    pub phase: Id,
    pub availability: Availability,
}

/// One step of the path.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Stage {
    /// 1-based; a pack's stages are numbered 1..=N in order.
    pub number: u8,
    /// The project stage ("stade d'avancement du projet").
    pub title: Text,
    /// The team's macro-question.
    pub team_question: Text,
    pub maturity: Maturity,
    /// The programme's resources and how to use them at this stage.
    pub guidance: Vec<Text>,
    /// What each persona's self-training focuses on, in the pack's persona order.
    pub persona_focus: Vec<(Id, Text)>,
    pub support: StageSupport,
    pub gate: Gate,
    pub sources: Vec<Id>,
}

impl Stage {
    /// The self-training focus of `persona` at this stage.
    pub fn focus_of(&self, persona: &str) -> Option<&Text> {
        self.persona_focus
            .iter()
            .find(|(id, _)| id.as_str() == persona)
            .map(|(_, text)| text)
    }
}

/// A maturity level.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Maturity {
    pub name: Text,
    /// The type of questions the team asks at this level.
    pub questions: Text,
    /// What a team has already done at this level ("avez-vous déjà… ?").
    pub achievements: Vec<Text>,
}

/// The support the programme offers at a stage to an eligible team.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StageSupport {
    /// The phase this support belongs to; `None` when the programme offers nothing at this stage.
    pub phase: Option<Id>,
    pub text: Text,
    pub how: Option<Text>,
    /// Contact ids, current route first.
    pub contacts: Vec<Id>,
    pub milestones: Vec<Text>,
}

/// The criteria to validate before moving on to the next stage.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Gate {
    pub text: Option<Text>,
    pub criteria: Vec<Criterion>,
}

/// A closed question; "yes" validates it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Criterion {
    pub id: Id,
    pub question: Text,
    pub why: Text,
    /// Whether the gate waits for it; `false` makes it advice only.
    pub required: bool,
    /// Whether "not applicable" is offered; where it is, it validates the criterion.
    pub allow_na: bool,
    /// The persona who usually knows the answer.
    pub persona: Id,
    pub follow_up: Option<Text>,
    pub url: Option<Link>,
    pub sources: Vec<Id>,
    /// Ids of criteria whose answers, recorded before this criterion existed, carry over to it (see
    /// [`crate::Answers::decode`]): retired ids, or, with `since`, criteria that a split kept.
    pub replaces: Vec<Id>,
    /// The version of the pack that introduced this criterion, `MAJOR.MINOR.PATCH`.
    pub since: Option<String>,
}

/// What a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    Documentation,
    Tutorial,
    Training,
    Video,
    Article,
    Guide,
    Form,
    Contact,
    Repository,
    Regulation,
    Presentation,
    Tool,
}

/// Who can open a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    Public,
    /// Only from the ministry's intranet (RIE).
    Rie,
    Paid,
}

/// Something to read, watch, follow or fill in.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Resource {
    pub id: Id,
    pub title: Text,
    pub description: Option<Text>,
    pub url: Option<Link>,
    pub kind: ResourceKind,
    /// The language of the resource itself, e.g. `fr` or `en`.
    pub language: String,
    pub provider: String,
    pub access: Access,
    /// The programme's own material, as opposed to self-training.
    pub programme: bool,
    pub stages: Vec<u8>,
    /// `None` serves every persona.
    pub personas: Option<Vec<Id>>,
    pub sources: Vec<Id>,
}

impl Resource {
    /// Whether the resource serves `persona`; with no persona chosen, every resource does.
    pub fn serves(&self, persona: Option<&Id>) -> bool {
        match (&self.personas, persona) {
            (Some(personas), Some(persona)) => personas.contains(persona),
            _ => true,
        }
    }
}

impl Pack {
    /// Parses and validates a content pack.
    ///
    /// Returns the pack with the recoverable problems found (missing English, unused entries, plain
    /// `http:` links…), or every error that prevents loading it.
    pub fn load(json: &str) -> Result<(Pack, Vec<Diagnostic>), LoadError> {
        if json.len() > MAX_PACK_BYTES {
            return Err(LoadError::too_large(json.len()));
        }
        if !json.trim_start().starts_with('{') {
            return Err(LoadError::not_an_object());
        }
        // The same path-tracking reader as `from_deserializer`, so both give the same JSON paths.
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let raw: RawPack = match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(raw) => raw,
            Err(error) => {
                let path = error.path().to_string();
                let error = error.into_inner();
                if error.is_syntax() || error.is_eof() {
                    return Err(syntax_error(&error));
                }
                return Err(located_error(path, &error.to_string()));
            }
        };
        deserializer.end().map_err(|error| syntax_error(&error))?;
        Checker::default().pack(raw)
    }

    /// Validates a content pack from a document another parser has already read, with the same
    /// checks, messages and JSON paths as [`Pack::load`].
    ///
    /// The caller checks the size and that the document is an object, as `load` does, and reports
    /// them with [`LoadError::too_large`] and [`LoadError::not_an_object`].
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<(Pack, Vec<Diagnostic>), LoadError> {
        Pack::from_deserializer_described(deserializer, |error| error.to_string())
    }

    /// [`Pack::from_deserializer`], with the parser's errors put in words by `describe`.
    ///
    /// The checker module reads packs with the browser's `JSON.parse` and `serde_wasm_bindgen`, whose
    /// errors are JavaScript errors: it describes them by their message, without the class name
    /// that their text starts with, so that messages match `load`'s.
    pub fn from_deserializer_described<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
        describe: impl FnOnce(D::Error) -> String,
    ) -> Result<(Pack, Vec<Diagnostic>), LoadError> {
        let raw: RawPack = serde_path_to_error::deserialize(deserializer).map_err(|error| {
            let path = error.path().to_string();
            located_error(path, &describe(error.into_inner()))
        })?;
        Checker::default().pack(raw)
    }

    pub fn id(&self) -> &Id {
        &self.id
    }

    /// The pack's own version, `MAJOR.MINOR.PATCH`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The date of this version, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.date
    }

    pub fn title(&self) -> &Text {
        &self.title
    }

    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_str() == id)
    }

    pub fn personas(&self) -> &[Persona] {
        &self.personas
    }

    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id.as_str() == id)
    }

    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id.as_str() == id)
    }

    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id.as_str() == id)
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The stages, in order; never empty.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The stage numbered `number` (1-based).
    pub fn stage(&self, number: u8) -> Option<&Stage> {
        self.stages.get(usize::from(number).checked_sub(1)?)
    }

    /// A criterion and the stage whose gate holds it.
    /// The criteria that replace `former`, a criterion id of an earlier version of the pack.
    pub fn replacements(&self, former: &str) -> impl Iterator<Item = &Criterion> {
        self.replaced_by
            .get(former)
            .into_iter()
            .flatten()
            .map(|&(stage, index)| &self.stages[stage].gate.criteria[index])
    }

    pub fn criterion(&self, id: &str) -> Option<(&Stage, &Criterion)> {
        let &(stage, index) = self.criteria_by_id.get(id)?;
        let stage = &self.stages[stage];
        Some((stage, &stage.gate.criteria[index]))
    }

    /// Every criterion, stage by stage.
    pub fn criteria(&self) -> impl Iterator<Item = (&Stage, &Criterion)> {
        self.stages
            .iter()
            .flat_map(|stage| stage.gate.criteria.iter().map(move |c| (stage, c)))
    }

    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }
}

/// A JSON syntax error, located by line and column since the document has no path there.
fn syntax_error(error: &serde_json::Error) -> LoadError {
    LoadError::single(
        "",
        format!(
            "invalid json at line {} column {}: {}",
            error.line(),
            error.column(),
            serde_message(&error.to_string())
        ),
    )
}

/// A shape error (unknown or missing field, wrong type…) at the JSON path where the reader was.
fn located_error(mut path: String, message: &str) -> LoadError {
    let message = serde_message(message);
    // The tracker names the root "."; an unknown key belongs to the object that holds it.
    if path == "." {
        path.clear();
    }
    if message.starts_with("unknown field") {
        path.truncate(path.rfind(['.', '[']).unwrap_or(0));
    }
    LoadError::single(path, message)
}

/// A serde error message without serde_json's position, with names in double quotes and values bare.
fn serde_message(full: &str) -> String {
    let message = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full,
    };
    let names = [
        "unknown field",
        "unknown variant",
        "missing field",
        "duplicate field",
    ];
    if names.iter().any(|prefix| message.starts_with(prefix)) {
        message.replace('`', "\"")
    } else {
        message.replace('`', "")
    }
}

/// Collects every error and warning while converting the raw pack.
#[derive(Default)]
struct Checker {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// The ids defined so far for one kind of item, to detect duplicates and resolve references.
#[derive(Default)]
struct Ids<'a> {
    seen: BTreeSet<&'a str>,
    used: BTreeSet<String>,
}

impl Checker {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(Diagnostic::new(path, message));
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::new(path, message));
    }

    fn pack(mut self, raw: RawPack) -> Result<(Pack, Vec<Diagnostic>), LoadError> {
        if raw.format != FORMAT {
            self.error(
                "format",
                format!(
                    "unsupported content pack format {} (this version reads format {FORMAT})",
                    raw.format
                ),
            );
            return Err(LoadError::new(self.errors));
        }
        let id = self.id(&raw.id, "id");
        let version = self.version(&raw.version);
        let date = self.date(&raw.date, "date");
        let title = self.text(&raw.title, "title");
        let description = self.opt_text(raw.description.as_ref(), "description");

        let mut source_ids = Ids::default();
        let sources: Vec<Source> = raw
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let path = format!("sources[{i}]");
                Source {
                    id: self.define(&mut source_ids, &s.id, &path),
                    title: self.text(&s.title, &format!("{path}.title")),
                    url: self.opt_link(s.url.as_deref(), &format!("{path}.url")),
                    date: s
                        .date
                        .as_ref()
                        .map(|d| self.date(d, &format!("{path}.date"))),
                }
            })
            .collect();

        if raw.personas.is_empty() {
            self.error("personas", "a pack needs at least one persona");
        }
        let mut persona_ids = Ids::default();
        let personas: Vec<Persona> = raw
            .personas
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("personas[{i}]");
                Persona {
                    id: self.define(&mut persona_ids, &p.id, &path),
                    name: self.text(&p.name, &format!("{path}.name")),
                    description: self
                        .opt_text(p.description.as_ref(), &format!("{path}.description")),
                }
            })
            .collect();

        let mut contact_ids = Ids::default();
        let contacts: Vec<Contact> = raw
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let path = format!("contacts[{i}]");
                Contact {
                    id: self.define(&mut contact_ids, &c.id, &path),
                    name: self.text(&c.name, &format!("{path}.name")),
                    url: self.link(&c.url, &format!("{path}.url")),
                    status: c.status,
                    note: self.opt_text(c.note.as_ref(), &format!("{path}.note")),
                    sources: self.refs(
                        &mut source_ids,
                        "source",
                        &c.sources,
                        &format!("{path}.sources"),
                    ),
                }
            })
            .collect();

        let mut phase_ids = Ids::default();
        let phases: Vec<Phase> = raw
            .phases
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("phases[{i}]");
                Phase {
                    id: self.define(&mut phase_ids, &p.id, &path),
                    name: self.text(&p.name, &format!("{path}.name")),
                    description: self
                        .opt_text(p.description.as_ref(), &format!("{path}.description")),
                }
            })
            .collect();

        let profile = self.profile(&raw.profile, &mut phase_ids, &mut source_ids);

        if raw.stages.is_empty() {
            self.error("stages", "a pack needs at least one stage");
        }
        if raw.stages.len() > MAX_STAGES {
            self.error(
                "stages",
                format!(
                    "a pack has at most {MAX_STAGES} stages, found {}",
                    raw.stages.len()
                ),
            );
        }
        let (criterion_count, replaced_count) = criteria_counts(raw.stages.iter().map(|s| {
            (
                s.gate.criteria.len(),
                s.gate.criteria.iter().map(|c| c.replaces.len()).sum(),
            )
        }));
        if criterion_count > MAX_CRITERIA {
            self.error(
                "stages",
                format!("a pack has at most {MAX_CRITERIA} criteria, found {criterion_count}"),
            );
        }
        if replaced_count > MAX_CRITERIA {
            self.error(
                "stages",
                format!(
                    "a pack's criteria replace at most {MAX_CRITERIA} ids in all, found {replaced_count}"
                ),
            );
        }
        let stage_count = raw.stages.len();
        let mut criterion_ids = Ids::default();
        let mut criteria_by_id = LiteMap::new();
        let mut stages = Vec::with_capacity(stage_count);
        for (i, s) in raw.stages.iter().enumerate() {
            let path = format!("stages[{i}]");
            let expected = i + 1;
            if usize::try_from(s.number).ok() != Some(expected) {
                self.error(
                    format!("{path}.number"),
                    format!("expected stage {expected}, found {}", s.number),
                );
            }
            let persona_focus = self.persona_focus(s, &path, &personas, &mut persona_ids);
            let support = self.support(
                &s.support,
                &format!("{path}.support"),
                &mut phase_ids,
                &mut contact_ids,
            );
            let gate_path = format!("{path}.gate");
            let mut criteria = Vec::with_capacity(s.gate.criteria.len());
            for (j, c) in s.gate.criteria.iter().enumerate() {
                let path = format!("{gate_path}.criteria[{j}]");
                let criterion = Criterion {
                    id: self.define(&mut criterion_ids, &c.id, &path),
                    question: self.text(&c.question, &format!("{path}.question")),
                    why: self.text(&c.why, &format!("{path}.why")),
                    required: c.required,
                    allow_na: c.allow_na,
                    persona: self.reference(
                        &mut persona_ids,
                        "persona",
                        &c.persona,
                        &format!("{path}.persona"),
                    ),
                    follow_up: self.opt_text(c.follow_up.as_ref(), &format!("{path}.follow_up")),
                    url: self.opt_link(c.url.as_deref(), &format!("{path}.url")),
                    sources: self.refs(
                        &mut source_ids,
                        "source",
                        &c.sources,
                        &format!("{path}.sources"),
                    ),
                    replaces: c
                        .replaces
                        .iter()
                        .enumerate()
                        .map(|(k, raw)| self.id(raw, &format!("{path}.replaces[{k}]")))
                        .collect(),
                    since: c
                        .since
                        .as_deref()
                        .map(|raw| self.version_at(raw, &format!("{path}.since"))),
                };
                // Past the bound the pack is refused: its index is not worth building.
                if criterion_count <= MAX_CRITERIA {
                    criteria_by_id.insert(criterion.id.clone(), (i, j));
                }
                criteria.push(criterion);
            }
            if i + 1 < stage_count && !criteria.iter().any(|c| c.required) {
                self.warn(
                    gate_path.clone(),
                    "no required criterion, so every team passes this gate",
                );
            }
            stages.push(Stage {
                number: u8::try_from(expected).unwrap_or(u8::MAX),
                title: self.text(&s.title, &format!("{path}.title")),
                team_question: self.text(&s.team_question, &format!("{path}.team_question")),
                maturity: Maturity {
                    name: self.text(&s.maturity.name, &format!("{path}.maturity.name")),
                    questions: self
                        .text(&s.maturity.questions, &format!("{path}.maturity.questions")),
                    achievements: self.texts(
                        &s.maturity.achievements,
                        &format!("{path}.maturity.achievements"),
                    ),
                },
                guidance: self.texts(&s.guidance, &format!("{path}.guidance")),
                persona_focus,
                support,
                gate: Gate {
                    text: self.opt_text(s.gate.text.as_ref(), &format!("{gate_path}.text")),
                    criteria,
                },
                sources: self.refs(
                    &mut source_ids,
                    "source",
                    &s.sources,
                    &format!("{path}.sources"),
                ),
            });
        }

        // Past the bound the pack is refused: its index is not worth building.
        let replaced_by = if replaced_count <= MAX_CRITERIA {
            replacement_index(&stages)
        } else {
            LiteMap::new()
        };
        for (i, s) in raw.stages.iter().enumerate() {
            for (j, c) in s.gate.criteria.iter().enumerate() {
                let mut listed = BTreeSet::new();
                for (k, former) in c.replaces.iter().enumerate() {
                    let path = format!("stages[{i}].gate.criteria[{j}].replaces[{k}]");
                    if former == &c.id {
                        self.error(path, "a criterion cannot replace itself");
                    } else if criteria_by_id.contains_key(former.as_str()) && c.since.is_none() {
                        self.error(
                            path,
                            format!("\"{former}\" is still a criterion of this pack: name the version that split it off in `since`, or replace only former ids"),
                        );
                    } else if !listed.insert(former.as_str()) {
                        self.error(path, format!("\"{former}\" is listed twice"));
                    }
                }
            }
        }

        let mut resource_ids = Ids::default();
        let resources: Vec<Resource> = raw
            .resources
            .iter()
            .enumerate()
            .map(|(i, r)| {
                self.resource(
                    r,
                    i,
                    stage_count,
                    &mut resource_ids,
                    &mut persona_ids,
                    &mut source_ids,
                )
            })
            .collect();

        let glossary = self.glossary(&raw.glossary, &mut source_ids);

        self.coverage(&stages, &personas, &resources);
        self.unused(
            "sources",
            &sources.iter().map(|s| &s.id).collect::<Vec<_>>(),
            &source_ids,
            "source",
        );
        self.unused(
            "contacts",
            &contacts.iter().map(|c| &c.id).collect::<Vec<_>>(),
            &contact_ids,
            "contact",
        );
        self.unused(
            "phases",
            &phases.iter().map(|p| &p.id).collect::<Vec<_>>(),
            &phase_ids,
            "phase",
        );

        if !self.errors.is_empty() {
            return Err(LoadError::new(self.errors));
        }
        let pack = Pack {
            id,
            version,
            date,
            title,
            description,
            sources,
            personas,
            contacts,
            phases,
            profile,
            stages,
            resources,
            glossary,
            criteria_by_id,
            replaced_by,
            missing: Default::default(),
        };
        let texts = pack.content_texts();
        for (i, entry) in pack.glossary.iter().enumerate() {
            if !used_anywhere(entry, &texts) {
                self.warn(
                    format!("glossary[{i}]"),
                    format!(
                        "term \"{}\" is used by no text of the pack; use it or remove it",
                        entry.term.fr()
                    ),
                );
            }
        }
        Ok((pack, self.warnings))
    }

    fn glossary(
        &mut self,
        raw: &[RawGlossaryEntry],
        source_ids: &mut Ids<'_>,
    ) -> Vec<GlossaryEntry> {
        let mut entry_ids = Ids::default();
        // Spelling → the entry that claimed it first, so that a text's term names one definition.
        let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
        raw.iter()
            .enumerate()
            .map(|(i, e)| {
                let path = format!("glossary[{i}]");
                let forms: Vec<String> = e
                    .forms
                    .iter()
                    .enumerate()
                    .map(|(k, form)| {
                        let form_path = format!("{path}.forms[{k}]");
                        if form.trim().is_empty() {
                            self.error(form_path, "empty form");
                        } else if form.trim() != form || form.chars().any(char::is_control) {
                            self.error(
                                form_path,
                                "a form has no surrounding blanks and no control characters",
                            );
                        }
                        form.clone()
                    })
                    .collect();
                let entry = GlossaryEntry {
                    id: self.define(&mut entry_ids, &e.id, &path),
                    term: self.text(&e.term, &format!("{path}.term")),
                    forms,
                    definition: self.text(&e.definition, &format!("{path}.definition")),
                    url: self.opt_link(e.url.as_deref(), &format!("{path}.url")),
                    sources: self.refs(
                        source_ids,
                        "source",
                        &e.sources,
                        &format!("{path}.sources"),
                    ),
                };
                let spellings: BTreeSet<&str> = entry.spellings().collect();
                for spelling in spellings {
                    if let Some(&first) = claimed.get(spelling) {
                        self.error(
                            format!("{path}.term"),
                            format!("\"{spelling}\" is already a spelling of glossary[{first}]"),
                        );
                    } else {
                        claimed.insert(spelling.to_owned(), i);
                    }
                }
                entry
            })
            .collect()
    }

    fn profile(
        &mut self,
        raw: &RawProfile,
        phase_ids: &mut Ids<'_>,
        source_ids: &mut Ids<'_>,
    ) -> Profile {
        let mut question_ids = Ids::default();
        let questions: Vec<ProfileQuestion> = raw
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let path = format!("profile.questions[{i}]");
                if q.options.is_empty() {
                    self.error(
                        format!("{path}.options"),
                        "a question needs at least one option",
                    );
                }
                let mut option_ids = Ids::default();
                let options = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(j, o)| {
                        let path = format!("{path}.options[{j}]");
                        ProfileOption {
                            id: self.define(&mut option_ids, &o.id, &path),
                            label: self.text(&o.label, &format!("{path}.label")),
                        }
                    })
                    .collect();
                ProfileQuestion {
                    id: self.define(&mut question_ids, &q.id, &path),
                    label: self.text(&q.label, &format!("{path}.label")),
                    options,
                }
            })
            .collect();

        // Looked up once per case condition and option: sets, so that a pack of many cases, questions or
        // options costs linear work, not their product.
        let options_of: BTreeMap<&str, (&ProfileQuestion, BTreeSet<&str>)> = questions
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    (q, q.options.iter().map(|o| o.id.as_str()).collect()),
                )
            })
            .collect();
        let mut case_ids = Ids::default();
        let cases = raw
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let path = format!("profile.cases[{i}]");
                let when = c
                    .when
                    .iter()
                    .map(|(question_id, option_ids)| {
                        let when_path = format!("{path}.when.{question_id}");
                        let Some((question, known_options)) = options_of.get(question_id.as_str()) else {
                            self.error(when_path, format!("unknown profile question \"{question_id}\""));
                            return (Id(question_id.clone()), Vec::new());
                        };
                        if option_ids.is_empty() {
                            self.error(when_path.clone(), "list at least one option");
                        }
                        let options = option_ids
                            .iter()
                            .enumerate()
                            .map(|(k, option_id)| {
                                if !known_options.contains(option_id.as_str()) {
                                    self.error(
                                        format!("{when_path}[{k}]"),
                                        format!("unknown option \"{option_id}\" of question \"{question_id}\""),
                                    );
                                }
                                Id(option_id.clone())
                            })
                            .collect();
                        (question.id.clone(), options)
                    })
                    .collect();
                let phases = c
                    .phases
                    .iter()
                    .enumerate()
                    .map(|(k, p)| CasePhase {
                        phase: self.reference(phase_ids, "phase", &p.phase, &format!("{path}.phases[{k}].phase")),
                        availability: p.availability,
                    })
                    .collect();
                Case {
                    id: self.define(&mut case_ids, &c.id, &path),
                    name: self.text(&c.name, &format!("{path}.name")),
                    when,
                    phases,
                    note: self.opt_text(c.note.as_ref(), &format!("{path}.note")),
                    sources: self.refs(source_ids, "source", &c.sources, &format!("{path}.sources")),
                }
            })
            .collect();
        Profile { questions, cases }
    }

    fn persona_focus(
        &mut self,
        stage: &RawStage,
        path: &str,
        personas: &[Persona],
        persona_ids: &mut Ids<'_>,
    ) -> Vec<(Id, Text)> {
        for key in stage.persona_focus.keys() {
            if !persona_ids.seen.contains(key.as_str()) {
                self.error(
                    format!("{path}.persona_focus.{key}"),
                    format!("unknown persona \"{key}\""),
                );
            }
        }
        let mut focus = Vec::new();
        for persona in personas {
            match stage.persona_focus.get(persona.id.as_str()) {
                Some(text) => {
                    let text = self.text(text, &format!("{path}.persona_focus.{}", persona.id));
                    focus.push((persona.id.clone(), text));
                }
                None => self.warn(
                    format!("{path}.persona_focus"),
                    format!("no focus for persona \"{}\"", persona.id),
                ),
            }
        }
        focus
    }

    fn support(
        &mut self,
        raw: &RawSupport,
        path: &str,
        phase_ids: &mut Ids<'_>,
        contact_ids: &mut Ids<'_>,
    ) -> StageSupport {
        StageSupport {
            phase: raw
                .phase
                .as_ref()
                .map(|p| self.reference(phase_ids, "phase", p, &format!("{path}.phase"))),
            text: self.text(&raw.text, &format!("{path}.text")),
            how: self.opt_text(raw.how.as_ref(), &format!("{path}.how")),
            contacts: self.refs(
                contact_ids,
                "contact",
                &raw.contacts,
                &format!("{path}.contacts"),
            ),
            milestones: self.texts(&raw.milestones, &format!("{path}.milestones")),
        }
    }

    fn resource<'a>(
        &mut self,
        r: &'a RawResource,
        i: usize,
        stage_count: usize,
        resource_ids: &mut Ids<'a>,
        persona_ids: &mut Ids<'_>,
        source_ids: &mut Ids<'_>,
    ) -> Resource {
        let path = format!("resources[{i}]");
        if r.stages.is_empty() {
            self.error(format!("{path}.stages"), "list at least one stage");
        }
        let mut stages = Vec::with_capacity(r.stages.len());
        for (k, &number) in r.stages.iter().enumerate() {
            match u8::try_from(number) {
                Ok(n) if n >= 1 && usize::from(n) <= stage_count => {
                    if stages.contains(&n) {
                        self.error(
                            format!("{path}.stages[{k}]"),
                            format!("stage {number} is listed twice"),
                        );
                    }
                    stages.push(n);
                }
                _ => self.error(
                    format!("{path}.stages[{k}]"),
                    format!("unknown stage {number}"),
                ),
            }
        }
        let personas = r.personas.as_ref().map(|ids| {
            if ids.is_empty() {
                self.error(
                    format!("{path}.personas"),
                    "list at least one persona, or leave the field out to serve every persona",
                );
            }
            self.refs(persona_ids, "persona", ids, &format!("{path}.personas"))
        });
        let language = r.language.clone();
        let valid_language =
            (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
        if !valid_language {
            self.error(
                format!("{path}.language"),
                format!(
                    "invalid language code \"{language}\"; use a code such as \"fr\" or \"en\""
                ),
            );
        }
        if r.provider.trim().is_empty() {
            self.error(format!("{path}.provider"), "empty text");
        }
        Resource {
            id: self.define(resource_ids, &r.id, &path),
            title: self.text(&r.title, &format!("{path}.title")),
            description: self.opt_text(r.description.as_ref(), &format!("{path}.description")),
            url: self.opt_link(r.url.as_deref(), &format!("{path}.url")),
            kind: r.kind,
            language,
            provider: r.provider.trim().to_owned(),
            access: r.access,
            programme: r.programme,
            stages,
            personas,
            sources: self.refs(source_ids, "source", &r.sources, &format!("{path}.sources")),
        }
    }

    /// Warns about a stage where a persona would find nothing to read.
    ///
    /// The personas served at a stage are gathered once per stage, so the work grows with the pack's
    /// size rather than with its personas times its resources.
    fn coverage(&mut self, stages: &[Stage], personas: &[Persona], resources: &[Resource]) {
        for (i, stage) in stages.iter().enumerate() {
            let mut everyone = false;
            let mut served: BTreeSet<&str> = BTreeSet::new();
            for resource in resources
                .iter()
                .filter(|r| r.stages.contains(&stage.number))
            {
                match &resource.personas {
                    None => {
                        everyone = true;
                        break;
                    }
                    Some(ids) => served.extend(ids.iter().map(Id::as_str)),
                }
            }
            if everyone {
                continue;
            }
            for persona in personas {
                if !served.contains(persona.id.as_str()) {
                    self.warn(
                        format!("stages[{i}]"),
                        format!("no resource for persona \"{}\"", persona.id),
                    );
                }
            }
        }
    }

    fn unused(&mut self, list: &str, ids: &[&Id], seen: &Ids<'_>, kind: &str) {
        for (i, id) in ids.iter().enumerate() {
            if !seen.used.contains(id.as_str()) {
                self.warn(
                    format!("{list}[{i}]"),
                    format!("{kind} \"{id}\" is never referenced"),
                );
            }
        }
    }

    fn id(&mut self, raw: &str, path: &str) -> Id {
        Id::new(raw).unwrap_or_else(|error| {
            self.error(path, error.to_string());
            Id(raw.to_owned())
        })
    }

    /// Checks and records a new id of one kind.
    fn define<'a>(&mut self, ids: &mut Ids<'a>, raw: &'a str, path: &str) -> Id {
        let path = format!("{path}.id");
        let id = self.id(raw, &path);
        if !ids.seen.insert(raw) {
            self.error(path, format!("duplicate id \"{raw}\""));
        }
        id
    }

    /// Resolves a reference to an id of one kind.
    fn reference(&mut self, ids: &mut Ids<'_>, kind: &str, raw: &str, path: &str) -> Id {
        if ids.seen.contains(raw) {
            ids.used.insert(raw.to_owned());
        } else {
            self.error(path, format!("unknown {kind} \"{raw}\""));
        }
        Id(raw.to_owned())
    }

    fn refs(&mut self, ids: &mut Ids<'_>, kind: &str, raw: &[String], path: &str) -> Vec<Id> {
        let mut refs: Vec<Id> = Vec::with_capacity(raw.len());
        // A set beside the list: a list of many distinct ids must not cost their square.
        let mut listed: BTreeSet<&str> = BTreeSet::new();
        for (i, r) in raw.iter().enumerate() {
            let id = self.reference(ids, kind, r, &format!("{path}[{i}]"));
            if !listed.insert(r.as_str()) {
                self.error(
                    format!("{path}[{i}]"),
                    format!("{kind} \"{r}\" is listed twice"),
                );
            }
            refs.push(id);
        }
        refs
    }

    fn text(&mut self, raw: &RawText, path: &str) -> Text {
        let fr = match &raw.fr {
            None => {
                self.error(path, "missing french text");
                String::new()
            }
            Some(fr) => self.text_body(fr, &format!("{path}.fr")),
        };
        let en = match &raw.en {
            None => {
                self.warn(
                    format!("{path}.en"),
                    "missing english translation; the french text is shown instead",
                );
                None
            }
            Some(en) => Some(self.text_body(en, &format!("{path}.en"))),
        };
        Text { fr, en }
    }

    fn text_body(&mut self, body: &str, path: &str) -> String {
        if body.trim().is_empty() {
            self.error(path, "empty text");
        } else if let Some(tag) = looks_like_markup(body) {
            self.warn(
                path,
                format!("text looks like html markup ({tag:?}); it is shown as plain text"),
            );
        }
        body.trim().to_owned()
    }

    fn opt_text(&mut self, raw: Option<&RawText>, path: &str) -> Option<Text> {
        raw.map(|raw| self.text(raw, path))
    }

    fn texts(&mut self, raw: &[RawText], path: &str) -> Vec<Text> {
        raw.iter()
            .enumerate()
            .map(|(i, t)| self.text(t, &format!("{path}[{i}]")))
            .collect()
    }

    fn link(&mut self, raw: &str, path: &str) -> Link {
        match Link::new(raw) {
            Ok(link) => {
                if link.is_insecure() {
                    self.warn(path, format!("insecure link \"{raw}\"; prefer https"));
                }
                link
            }
            Err(error) => {
                self.error(path, error.to_string());
                Link(String::new())
            }
        }
    }

    fn opt_link(&mut self, raw: Option<&str>, path: &str) -> Option<Link> {
        raw.map(|raw| self.link(raw, path))
    }

    fn version(&mut self, raw: &str) -> String {
        self.version_at(raw, "version")
    }

    fn version_at(&mut self, raw: &str, path: &str) -> String {
        if version_key(raw).is_none() {
            self.error(
                path,
                format!("invalid version \"{raw}\"; use MAJOR.MINOR.PATCH, e.g. \"1.0.0\""),
            );
        }
        raw.to_owned()
    }

    fn date(&mut self, raw: &str, path: &str) -> String {
        let bytes = raw.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(range)
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|d| d.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
        };
        let valid = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && digits(0..4).is_some()
            && digits(5..7).is_some_and(|m| (1..=12).contains(&m))
            && digits(8..10).is_some_and(|d| (1..=31).contains(&d));
        if !valid {
            self.error(path, format!("invalid date \"{raw}\"; use YYYY-MM-DD"));
        }
        raw.to_owned()
    }
}

/// The start of an HTML tag or entity inside a text, if there is one.
fn looks_like_markup(text: &str) -> Option<&str> {
    let tag = text.match_indices('<').find_map(|(at, _)| {
        let next = text[at + 1..].chars().next()?;
        (next.is_ascii_alphabetic() || next == '/' || next == '!').then(|| {
            let end = text[at..]
                .find(|c: char| c.is_whitespace() || c == '>')
                .map_or(text.len(), |e| at + e);
            &text[at..end]
        })
    });
    tag.or_else(|| {
        ["&lt;", "&gt;", "&amp;", "&quot;", "&#"]
            .into_iter()
            .find(|entity| text.contains(entity))
    })
}

/// Former criterion id → the (stage index, criterion index) of each criterion that replaces it.
pub(crate) fn replacement_index(stages: &[Stage]) -> LiteMap<Id, Vec<(usize, usize)>> {
    crate::index::grouped(stages.iter().enumerate().flat_map(|(i, stage)| {
        stage
            .gate
            .criteria
            .iter()
            .enumerate()
            .flat_map(move |(j, criterion)| {
                criterion
                    .replaces
                    .iter()
                    .map(move |former| (former.clone(), (i, j)))
            })
    }))
}

/// A `MAJOR.MINOR.PATCH` version as numbers that order as versions do, or `None` if it is not one.
pub(crate) fn version_key(version: &str) -> Option<(u32, u32, u32)> {
    let mut parts = version.split('.').map(|part| {
        let digits =
            !part.is_empty() && part.len() <= 9 && part.bytes().all(|b| b.is_ascii_digit());
        if digits {
            part.parse::<u32>().ok()
        } else {
            None
        }
    });
    let key = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(key)
}
