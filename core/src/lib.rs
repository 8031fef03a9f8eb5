//! The Cloud Pi Native maturity model, its content packs and the recommendation engine.
//!
//! This crate is pure: it does no I/O and knows nothing of browsers, so the same logic serves the
//! WebAssembly widget, a command-line tool or a portal's back end.
//!
//! ```
//! use parcours_core::{assess, default_pack, Answers, Lang};
//!
//! let pack = default_pack();
//! let answers = Answers::default();
//! let assessment = assess(pack, &answers);
//! assert_eq!(assessment.stage.number, 1);
//! let summary = parcours_core::report::markdown(&assessment, Lang::En);
//! assert!(summary.contains("Step 1 of 5"));
//! ```

mod answers;
mod compact;
mod engine;
mod error;
mod glossary;
pub mod history;
mod id;
mod index;
mod labels;
mod pack;
pub mod plan;
mod raw;
pub mod report;
pub mod share;
pub mod team;
mod text;

use std::sync::OnceLock;

pub use crate::{
    answers::{
        Answer, Answers, CODE_VERSION, CodeError, CodeNote, Decoded, MAX_CODE_LEN, PackStamp,
    },
    compact::{CompactError, LAYOUT as COMPACT_LAYOUT, SplitPack},
    engine::{
        Assessment, FollowUp, Hint, Offer, ResourceGroup, ResourcePurpose, StageProgress,
        StageStatus, Support, Unmet, UnmetStatus, assess, group_resources,
    },
    error::{Diagnostic, LoadError},
    glossary::GlossaryEntry,
    id::{ALLOWED_SCHEMES, Id, InvalidId, InvalidLink, Link, MAX_ID_LEN},
    labels::{Term, check_with_role, colon, language_name},
    pack::{
        Access, Availability, Case, CasePhase, Contact, ContactStatus, Criterion, FORMAT, Gate,
        MAX_CRITERIA, MAX_PACK_BYTES, MAX_STAGES, Maturity, Pack, Persona, Phase, Profile,
        ProfileOption, ProfileQuestion, Resource, ResourceKind, Source, Stage, StageSupport,
    },
    text::{Lang, Text},
};

/// The default content pack, as JSON: the whole Cloud Pi Native path.
pub const DEFAULT_PACK_JSON: &str = include_str!("../content/cloud-pi-native.json");

/// The default content pack, loaded once.
///
/// The embedded JSON is checked by this crate's tests to load with no error and no warning, so
/// failing here would be a build defect rather than bad input.
pub fn default_pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| match Pack::load(DEFAULT_PACK_JSON) {
        Ok((pack, _warnings)) => pack,
        Err(error) => panic!("the embedded default content pack is invalid:\n{error}"),
    })
}
