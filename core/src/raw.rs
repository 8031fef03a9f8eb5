//! The content pack exactly as it is written in JSON.
//!
//! These structs only mirror the syntax; `pack.rs` turns them into validated domain types once,
//! and nothing else in the crate sees them.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::pack::{Access, Availability, ContactStatus, ResourceKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPack {
    pub(crate) format: u32,
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) date: String,
    pub(crate) title: RawText,
    #[serde(default)]
    pub(crate) description: Option<RawText>,
    #[serde(default)]
    pub(crate) sources: Vec<RawSource>,
    pub(crate) personas: Vec<RawPersona>,
    #[serde(default)]
    pub(crate) contacts: Vec<RawContact>,
    #[serde(default)]
    pub(crate) phases: Vec<RawPhase>,
    pub(crate) profile: RawProfile,
    pub(crate) stages: Vec<RawStage>,
    #[serde(default)]
    pub(crate) resources: Vec<RawResource>,
    #[serde(default)]
    pub(crate) glossary: Vec<RawGlossaryEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawText {
    #[serde(default)]
    pub(crate) fr: Option<String>,
    #[serde(default)]
    pub(crate) en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) id: String,
    pub(crate) title: RawText,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPersona {
    pub(crate) id: String,
    pub(crate) name: RawText,
    #[serde(default)]
    pub(crate) description: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContact {
    pub(crate) id: String,
    pub(crate) name: RawText,
    pub(crate) url: String,
    pub(crate) status: ContactStatus,
    #[serde(default)]
    pub(crate) note: Option<RawText>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPhase {
    pub(crate) id: String,
    pub(crate) name: RawText,
    #[serde(default)]
    pub(crate) description: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfile {
    pub(crate) questions: Vec<RawProfileQuestion>,
    pub(crate) cases: Vec<RawCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfileQuestion {
    pub(crate) id: String,
    pub(crate) label: RawText,
    pub(crate) options: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOption {
    pub(crate) id: String,
    pub(crate) label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCase {
    pub(crate) id: String,
    pub(crate) name: RawText,
    pub(crate) when: BTreeMap<String, Vec<String>>,
    pub(crate) phases: Vec<RawCasePhase>,
    #[serde(default)]
    pub(crate) note: Option<RawText>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCasePhase {
    pub(crate) phase: String,
    pub(crate) availability: Availability,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStage {
    pub(crate) number: u32,
    pub(crate) title: RawText,
    pub(crate) team_question: RawText,
    pub(crate) maturity: RawMaturity,
    #[serde(default)]
    pub(crate) guidance: Vec<RawText>,
    #[serde(default)]
    pub(crate) persona_focus: BTreeMap<String, RawText>,
    pub(crate) support: RawSupport,
    pub(crate) gate: RawGate,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMaturity {
    pub(crate) name: RawText,
    pub(crate) questions: RawText,
    #[serde(default)]
    pub(crate) achievements: Vec<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSupport {
    #[serde(default)]
    pub(crate) phase: Option<String>,
    pub(crate) text: RawText,
    #[serde(default)]
    pub(crate) how: Option<RawText>,
    #[serde(default)]
    pub(crate) contacts: Vec<String>,
    #[serde(default)]
    pub(crate) milestones: Vec<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGate {
    #[serde(default)]
    pub(crate) text: Option<RawText>,
    pub(crate) criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCriterion {
    pub(crate) id: String,
    pub(crate) question: RawText,
    pub(crate) why: RawText,
    pub(crate) required: bool,
    #[serde(default)]
    pub(crate) allow_na: bool,
    pub(crate) persona: String,
    #[serde(default)]
    pub(crate) follow_up: Option<RawText>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
    #[serde(default)]
    pub(crate) replaces: Vec<String>,
    #[serde(default)]
    pub(crate) since: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawResource {
    pub(crate) id: String,
    pub(crate) title: RawText,
    #[serde(default)]
    pub(crate) description: Option<RawText>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    pub(crate) kind: ResourceKind,
    pub(crate) language: String,
    pub(crate) provider: String,
    pub(crate) access: Access,
    #[serde(default)]
    pub(crate) programme: bool,
    pub(crate) stages: Vec<u32>,
    #[serde(default)]
    pub(crate) personas: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGlossaryEntry {
    pub(crate) id: String,
    pub(crate) term: RawText,
    #[serde(default)]
    pub(crate) forms: Vec<String>,
    pub(crate) definition: RawText,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}
