//! The recommendation engine: where a team stands, why, and what to do next.

use crate::{
    answers::{Answer, Answers},
    pack::{
        Availability, Case, Contact, Criterion, Pack, Persona, Phase, Resource, ResourceKind,
        Stage, StageSupport,
    },
    text::Text,
};

/// Where a team stands on the path, derived from a pack and a set of answers.
///
/// Built by [`assess`]; every reference points into the pack.
#[derive(Debug, Clone)]
pub struct Assessment<'p> {
    pub pack: &'p Pack,
    pub answers: &'p Answers,
    /// The current stage: the first whose required gate criteria are not all validated, or the last one.
    pub stage: &'p Stage,
    /// Whether every required criterion of every gate is validated.
    pub complete: bool,
    /// The chosen persona, if it is one of the pack's.
    pub persona: Option<&'p Persona>,
    /// Why the team is at this stage: the required criteria of its gate not yet validated, in order.
    pub blocking: Vec<Unmet<'p>>,
    /// Advice-only criteria of the current gate not yet validated.
    pub advice: Vec<Unmet<'p>>,
    /// Every criterion answered "don't know", stage by stage: something to check with someone.
    pub follow_ups: Vec<FollowUp<'p>>,
    /// Criteria already validated at later stages ("ahead of you").
    pub ahead: Vec<&'p Criterion>,
    /// Self-training resources for the persona at the current stage (all personas' when none is chosen).
    pub persona_resources: Vec<&'p Resource>,
    /// The programme's own resources at the current stage.
    pub programme_resources: Vec<&'p Resource>,
    /// The stage after the current one, for a short look ahead.
    pub next: Option<&'p Stage>,
    pub support: Support<'p>,
    /// Progress on each stage's gate, in stage order.
    pub progress: Vec<StageProgress>,
}

/// A criterion that is not validated yet, and why.
#[derive(Debug, Clone, Copy)]
pub struct Unmet<'p> {
    pub criterion: &'p Criterion,
    pub status: UnmetStatus,
}

/// What stands in the way of an unmet criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnmetStatus {
    Unanswered,
    No,
    DontKnow,
}

/// A "don't know" answer, with the persona who usually knows.
#[derive(Debug, Clone, Copy)]
pub struct FollowUp<'p> {
    pub stage: &'p Stage,
    pub criterion: &'p Criterion,
    pub ask: Option<&'p Persona>,
}

impl<'p> FollowUp<'p> {
    /// Whom or what to check with: the criterion's own follow-up text first, else the role that
    /// usually knows, else nothing.
    pub fn hint(&self) -> Option<Hint<'p>> {
        match (&self.criterion.follow_up, self.ask) {
            (Some(text), _) => Some(Hint::Text(text)),
            (None, Some(persona)) => Some(Hint::AskRole(persona)),
            (None, None) => None,
        }
    }
}

/// The hint shown beside a "don't know" answer.
#[derive(Debug, Clone, Copy)]
pub enum Hint<'p> {
    /// The criterion's own follow-up, from the pack.
    Text(&'p Text),
    /// No follow-up text: check with this role ([`crate::check_with_role`] introduces it).
    AskRole(&'p Persona),
}

/// How far a team is through one stage's gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageProgress {
    pub stage: u8,
    /// Criteria answered yes (or N/A where allowed) among the applicable ones.
    pub validated: usize,
    /// Criteria not answered "not applicable" (where allowed).
    pub applicable: usize,
    pub required_validated: usize,
    pub required: usize,
    /// Criteria answered "don't know", required or not: to check, counted apart from the rest.
    pub unknown: usize,
    /// Where the team stands on this stage: the one status every view renders.
    pub status: StageStatus,
}

impl StageProgress {
    /// Whether every required criterion of this stage's gate is validated, reached or not.
    pub fn gate_met(&self) -> bool {
        self.required_validated == self.required
    }
}

/// Where a team stands on one stage of the path, decided once by [`assess`].
///
/// The rule: the current stage is the first whose gate is not met (every required criterion
/// validated), or the last stage when every gate is met. Stages before it are passed. A stage after
/// it is upcoming, or ahead when its gate has required criteria and all of them are already
/// validated: a gate with no required criterion is met vacuously, so it is never "ahead", and no
/// stage after the current one is ever passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageStatus {
    /// Before the current stage: its gate and every earlier one are met.
    Passed,
    /// The team's stage.
    Current,
    /// After the current stage, with every required criterion of its gate already validated.
    Ahead,
    /// After the current stage, not validated yet (or with nothing required to validate).
    Upcoming,
}

/// What support the team may ask for now.
#[derive(Debug, Clone)]
pub struct Support<'p> {
    /// The case of the policy that the profile falls into, if the profile is complete and matches one.
    pub case: Option<&'p Case>,
    pub offer: Offer<'p>,
    /// The current stage's support text, how to ask, and milestones.
    pub stage_support: &'p StageSupport,
    /// Whom to contact, in the order the pack gives: the current route first.
    pub contacts: Vec<&'p Contact>,
}

/// The support verdict at the current stage.
#[derive(Debug, Clone, Copy)]
pub enum Offer<'p> {
    /// The eligibility profile is not fully answered yet.
    ProfileIncomplete,
    /// The profile matches no case of the policy: ask the programme.
    NoMatchingCase,
    /// The programme offers no support at this stage (yet).
    NoneAtThisStage,
    /// The policy plans no support at all for the team's case.
    NotPlanned,
    /// The case does not include this stage's phase.
    NotInCase { phase: &'p Phase },
    /// The team may ask for this stage's phase.
    Offered { phase: &'p Phase },
    /// The phase is still to be defined with the programme for the team's case.
    ToBeDefined { phase: &'p Phase },
}

/// What a resource helps a team do: the groups in which every view lists resources, so that a long
/// list reads by purpose and each group can fold its tail. Decided by the resource's kind
/// ([`ResourceKind::purpose`]); the groups come in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourcePurpose {
    /// Trainings, tutorials, videos and presentations: to learn.
    Learn,
    /// Documentation, guides and articles: to read up.
    Read,
    /// Reference texts, repositories, tools, forms and contacts: to apply and to act.
    Act,
}

impl ResourcePurpose {
    /// Every purpose, in the order the groups come.
    pub const ALL: [ResourcePurpose; 3] = [
        ResourcePurpose::Learn,
        ResourcePurpose::Read,
        ResourcePurpose::Act,
    ];
}

impl ResourceKind {
    /// The group a resource of this kind is listed in.
    pub fn purpose(self) -> ResourcePurpose {
        match self {
            ResourceKind::Training
            | ResourceKind::Tutorial
            | ResourceKind::Video
            | ResourceKind::Presentation => ResourcePurpose::Learn,
            ResourceKind::Documentation | ResourceKind::Guide | ResourceKind::Article => {
                ResourcePurpose::Read
            }
            ResourceKind::Regulation
            | ResourceKind::Repository
            | ResourceKind::Tool
            | ResourceKind::Form
            | ResourceKind::Contact => ResourcePurpose::Act,
        }
    }
}

/// The resources of one purpose, in the order they came.
#[derive(Debug, Clone)]
pub struct ResourceGroup<'p> {
    pub purpose: ResourcePurpose,
    pub resources: Vec<&'p Resource>,
}

/// `resources` grouped by purpose: the groups in the order of [`ResourcePurpose::ALL`], each
/// keeping the order of `resources` (the pack's), and no empty group. Every view that lists
/// resources (the widget, the Markdown report) lists these groups.
pub fn group_resources<'p>(resources: &[&'p Resource]) -> Vec<ResourceGroup<'p>> {
    ResourcePurpose::ALL
        .iter()
        .map(|&purpose| ResourceGroup {
            purpose,
            resources: resources
                .iter()
                .copied()
                .filter(|resource| resource.kind.purpose() == purpose)
                .collect(),
        })
        .filter(|group| !group.resources.is_empty())
        .collect()
}

/// Assesses `answers` against `pack`. Pure and deterministic; answers to ids the pack does not know are ignored.
pub fn assess<'p>(pack: &'p Pack, answers: &'p Answers) -> Assessment<'p> {
    let mut progress: Vec<StageProgress> = pack
        .stages()
        .iter()
        .map(|stage| stage_progress(stage, answers))
        .collect();
    let current = progress.iter().position(|p| !p.gate_met());
    let complete = current.is_none();
    let stage_index = current.unwrap_or(pack.stages().len() - 1);
    let stage = &pack.stages()[stage_index];
    for (index, stage_progress) in progress.iter_mut().enumerate() {
        stage_progress.status = match index.cmp(&stage_index) {
            std::cmp::Ordering::Less => StageStatus::Passed,
            std::cmp::Ordering::Equal => StageStatus::Current,
            std::cmp::Ordering::Greater
                if stage_progress.required > 0 && stage_progress.gate_met() =>
            {
                StageStatus::Ahead
            }
            std::cmp::Ordering::Greater => StageStatus::Upcoming,
        };
    }

    let unmet = |required: bool| -> Vec<Unmet<'p>> {
        stage
            .gate
            .criteria
            .iter()
            .filter(|c| c.required == required)
            .filter_map(|criterion| {
                let status = match answers.criterion(criterion.id.as_str()) {
                    Some(answer) if answer.validates(criterion) => return None,
                    Some(Answer::No) => UnmetStatus::No,
                    Some(Answer::DontKnow) => UnmetStatus::DontKnow,
                    Some(Answer::Yes | Answer::NotApplicable) | None => UnmetStatus::Unanswered,
                };
                Some(Unmet { criterion, status })
            })
            .collect()
    };
    let blocking = unmet(true);
    let advice = unmet(false);

    let follow_ups = pack
        .criteria()
        .filter(|(_, c)| answers.criterion(c.id.as_str()) == Some(Answer::DontKnow))
        .map(|(stage, criterion)| FollowUp {
            stage,
            criterion,
            ask: pack.persona(criterion.persona.as_str()),
        })
        .collect();

    let ahead = pack.stages()[stage_index + 1..]
        .iter()
        .flat_map(|s| &s.gate.criteria)
        .filter(|c| {
            answers
                .criterion(c.id.as_str())
                .is_some_and(|a| a.validates(c))
        })
        .collect();

    let persona = answers
        .persona
        .as_ref()
        .and_then(|id| pack.persona(id.as_str()));
    let persona_id = persona.map(|p| &p.id);
    let at_stage = |programme: bool| -> Vec<&'p Resource> {
        pack.resources()
            .iter()
            .filter(|r| {
                r.programme == programme && r.stages.contains(&stage.number) && r.serves(persona_id)
            })
            .collect()
    };

    Assessment {
        pack,
        answers,
        stage,
        complete,
        persona,
        blocking,
        advice,
        follow_ups,
        ahead,
        persona_resources: at_stage(false),
        programme_resources: at_stage(true),
        next: pack.stages().get(stage_index + 1),
        support: support(pack, answers, stage),
        progress,
    }
}

fn stage_progress(stage: &Stage, answers: &Answers) -> StageProgress {
    let mut progress = StageProgress {
        stage: stage.number,
        validated: 0,
        applicable: 0,
        required_validated: 0,
        required: 0,
        unknown: 0,
        status: StageStatus::Upcoming,
    };
    for criterion in &stage.gate.criteria {
        let answer = answers.criterion(criterion.id.as_str());
        let validated = answer.is_some_and(|a| a.validates(criterion));
        let not_applicable = criterion.allow_na && answer == Some(Answer::NotApplicable);
        progress.unknown += usize::from(answer == Some(Answer::DontKnow));
        if !not_applicable {
            progress.applicable += 1;
            progress.validated += usize::from(validated);
        }
        if criterion.required {
            progress.required += 1;
            progress.required_validated += usize::from(validated);
        }
    }
    progress
}

fn support<'p>(pack: &'p Pack, answers: &Answers, stage: &'p Stage) -> Support<'p> {
    let stage_support = &stage.support;
    let questions = &pack.profile().questions;
    let profile_complete = questions
        .iter()
        .all(|q| answers.profile.contains_key(q.id.as_str()));
    let case = if profile_complete {
        pack.profile()
            .cases
            .iter()
            .find(|case| case.applies_to(&answers.profile))
    } else {
        None
    };
    let phase = stage_support
        .phase
        .as_ref()
        .and_then(|id| pack.phase(id.as_str()));
    let offer = match (profile_complete, case, phase) {
        (false, _, _) => Offer::ProfileIncomplete,
        (true, None, _) => Offer::NoMatchingCase,
        (true, Some(case), _) if case.phases.is_empty() => Offer::NotPlanned,
        (true, Some(_), None) => Offer::NoneAtThisStage,
        (true, Some(case), Some(phase)) => match case.availability(&phase.id) {
            Some(Availability::Offered) => Offer::Offered { phase },
            Some(Availability::ToBeDefined) => Offer::ToBeDefined { phase },
            None => Offer::NotInCase { phase },
        },
    };
    let contacts = stage_support
        .contacts
        .iter()
        .filter_map(|id| pack.contact(id.as_str()))
        .collect();
    Support {
        case,
        offer,
        stage_support,
        contacts,
    }
}

impl Assessment<'_> {
    /// The answer code of the assessed answers, for a share link.
    pub fn code(&self) -> String {
        self.answers.encode(self.pack)
    }

    /// Whether every text this assessment refers to is one of the first step's, or a later step's
    /// header (its title, team question and level's name): the team is at the first step, and
    /// nothing it answered beyond it is "don't know" or validated ahead. A pack read without its
    /// later texts ([`Pack::lacks_later_texts`]) shows such an assessment whole, and no other.
    pub fn within_first_step(&self) -> bool {
        let first = |stage: &Stage| stage.number == 1;
        first(self.stage)
            && self
                .follow_ups
                .iter()
                .all(|follow_up| first(follow_up.stage))
            && self.ahead.is_empty()
    }
}
