//! The embedded default pack: complete, clean, bilingual, and right about real journeys.

use parcours_core::{
    Access, Answer, Answers, DEFAULT_PACK_JSON, Id, Lang, Offer, Pack, Text, UnmetStatus, assess,
    default_pack,
};

#[test]
fn loads_with_no_error_and_no_warning() {
    let (_, warnings) = Pack::load(DEFAULT_PACK_JSON).unwrap_or_else(|error| panic!("{error}"));
    let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, Vec::<String>::new());
}

/// Every cell of the seed matrix, by stage, has its place in the pack, in French and English.
#[test]
fn every_seed_cell_is_present_in_both_languages() {
    let pack = default_pack();
    assert_eq!(pack.stages().len(), 5);
    let personas = ["decision", "moe", "tech"];
    for id in personas {
        assert!(pack.persona(id).is_some(), "persona {id}");
    }
    let both = |what: &str, text: &Text| {
        assert!(!text.fr().trim().is_empty(), "{what}: french");
        assert!(
            text.en().is_some_and(|en| !en.trim().is_empty()),
            "{what}: english"
        );
    };
    let maturity_names = [
        "Sensibilisation aux enjeux",
        "Acculturation aux concepts",
        "Expérimentation pour la prise en main",
        "Conformité technique pour la construction",
        "Performance pour la production",
    ];
    for (stage, maturity) in pack.stages().iter().zip(maturity_names) {
        let n = stage.number;
        both(&format!("stage {n} title"), &stage.title);
        both(&format!("stage {n} team question"), &stage.team_question);
        assert_eq!(
            stage.maturity.name.fr(),
            maturity,
            "stage {n} maturity level"
        );
        both(
            &format!("stage {n} maturity questions"),
            &stage.maturity.questions,
        );
        assert!(
            !stage.maturity.achievements.is_empty(),
            "stage {n} achievements"
        );
        for persona in personas {
            let focus = stage
                .focus_of(persona)
                .unwrap_or_else(|| panic!("stage {n} focus of {persona}"));
            both(&format!("stage {n} focus of {persona}"), focus);
        }
        both(&format!("stage {n} support"), &stage.support.text);
        assert!(!stage.sources.is_empty(), "stage {n} cites its sources");
        if n < 5 {
            assert!(!stage.guidance.is_empty(), "stage {n} programme guidance");
            assert!(stage.support.phase.is_some(), "stage {n} support phase");
            assert!(
                stage.gate.criteria.iter().any(|c| c.required),
                "stage {n} has required criteria"
            );
        }
    }
}

#[test]
fn every_item_cites_a_source() {
    let pack = default_pack();
    for (stage, criterion) in pack.criteria() {
        assert!(
            !criterion.sources.is_empty(),
            "stage {} criterion {}",
            stage.number,
            criterion.id
        );
    }
    for resource in pack.resources() {
        assert!(!resource.sources.is_empty(), "resource {}", resource.id);
    }
    for contact in pack.contacts() {
        assert!(!contact.sources.is_empty(), "contact {}", contact.id);
    }
    for case in &pack.profile().cases {
        assert!(!case.sources.is_empty(), "case {}", case.id);
    }
}

#[test]
fn every_stage_serves_every_persona() {
    let pack = default_pack();
    for stage in pack.stages() {
        for persona in pack.personas() {
            let count = pack
                .resources()
                .iter()
                .filter(|r| {
                    !r.programme && r.stages.contains(&stage.number) && r.serves(Some(&persona.id))
                })
                .count();
            assert!(
                count > 0,
                "stage {} has no self-training resource for {}",
                stage.number,
                persona.id
            );
        }
    }
}

#[test]
fn step_five_says_plainly_that_the_programme_has_nothing_yet() {
    let pack = default_pack();
    let stage = pack.stage(5).expect("five stages");
    assert!(stage.support.phase.is_none());
    assert!(
        stage.gate.criteria.iter().all(|c| !c.required),
        "step 5 criteria are advice only"
    );
    assert!(
        stage.support.text.fr().contains("venir") || stage.support.text.fr().contains("pas encore"),
        "{}",
        stage.support.text.fr()
    );
}

#[test]
fn intranet_links_are_marked() {
    for resource in default_pack().resources() {
        if let Some(url) = &resource.url {
            if url.as_str().contains(".rie.gouv.fr") {
                assert_eq!(resource.access, Access::Rie, "resource {}", resource.id);
            }
            for dead in [
                "dnum-mi/dso-formation",
                "dnum-mi/gitops-tutorial",
                "getting-started.md",
                "dso-documentation",
                "guilde",
            ] {
                assert!(
                    !url.as_str().contains(dead),
                    "resource {} links a dead page",
                    resource.id
                );
            }
        }
    }
}

/// Answers every required criterion of steps 1 and 2 "yes".
fn through_step_two(pack: &Pack) -> Answers {
    let mut answers = Answers::default();
    for stage in &pack.stages()[..2] {
        for criterion in &stage.gate.criteria {
            answers.criteria.insert(criterion.id.clone(), Answer::Yes);
        }
    }
    answers
}

#[test]
fn a_team_whose_images_are_not_rootless_is_at_step_three() {
    let pack = default_pack();
    let mut answers = through_step_two(pack);
    answers.persona = Some(Id::new("tech").expect("id"));
    answers.profile.insert(
        Id::new("organisation").expect("id"),
        Id::new("ministry").expect("id"),
    );
    answers.profile.insert(
        Id::new("objective").expect("id"),
        Id::new("cloud-pi").expect("id"),
    );
    answers
        .criteria
        .insert(Id::new("s3-rootless").expect("id"), Answer::No);

    let assessment = assess(pack, &answers);
    assert_eq!(assessment.stage.number, 3);
    let rootless = assessment
        .blocking
        .iter()
        .find(|u| u.criterion.id.as_str() == "s3-rootless");
    assert_eq!(rootless.map(|u| u.status), Some(UnmetStatus::No));
    match assessment.support.offer {
        Offer::Offered { phase } => assert_eq!(phase.id.as_str(), "launch"),
        other => panic!("expected the launch support, got {other:?}"),
    }
    assert!(!assessment.persona_resources.is_empty());
    assert!(!assessment.programme_resources.is_empty());
    assert!(!assessment.support.contacts.is_empty());
    let report = parcours_core::report::markdown(&assessment, Lang::Fr);
    assert!(report.contains("## Étape 3 sur 5"), "{report}");
}

#[test]
fn an_external_team_experimenting_for_itself_gets_no_support() {
    let pack = default_pack();
    let mut answers = Answers::default();
    answers.profile.insert(
        Id::new("organisation").expect("id"),
        Id::new("external").expect("id"),
    );
    answers.profile.insert(
        Id::new("objective").expect("id"),
        Id::new("own-experiment").expect("id"),
    );
    let assessment = assess(pack, &answers);
    assert!(
        matches!(assessment.support.offer, Offer::NotPlanned),
        "{:?}",
        assessment.support.offer
    );
}

#[test]
fn a_ministry_team_on_other_infrastructure_has_launch_support_to_be_defined() {
    let pack = default_pack();
    let mut answers = through_step_two(pack);
    answers.profile.insert(
        Id::new("organisation").expect("id"),
        Id::new("ministry").expect("id"),
    );
    answers.profile.insert(
        Id::new("objective").expect("id"),
        Id::new("other-infra").expect("id"),
    );
    let assessment = assess(pack, &answers);
    assert_eq!(assessment.stage.number, 3);
    assert!(
        matches!(assessment.support.offer, Offer::ToBeDefined { .. }),
        "{:?}",
        assessment.support.offer
    );
}

#[test]
fn the_current_contact_comes_first() {
    let pack = default_pack();
    for stage in &pack.stages()[..4] {
        let first = stage
            .support
            .contacts
            .first()
            .and_then(|id| pack.contact(id.as_str()));
        assert_eq!(
            first.map(|c| c.status),
            Some(parcours_core::ContactStatus::Current),
            "stage {} lists its current contact first",
            stage.number
        );
    }
}

/// Version 1.0.0 of the default pack, as published, to prove that saved answers survive a new version.
const VERSION_1_0_0: &str = include_str!("fixtures/cloud-pi-native-1.0.0.json");

#[test]
fn answers_recorded_with_version_1_0_0_load_into_the_current_pack() {
    let (old, _) = Pack::load(VERSION_1_0_0).unwrap_or_else(|error| panic!("{error}"));
    let current = default_pack();
    assert_eq!(old.version(), "1.0.0");
    assert_ne!(
        old.version(),
        current.version(),
        "the fixture is an older version"
    );

    // A complete journey on 1.0.0, by an external organisation that wants to deploy on Cloud Pi.
    let id = |text: &str| Id::new(text).expect("id");
    let mut answers = Answers {
        persona: Some(id("tech")),
        ..Answers::default()
    };
    answers.profile.insert(id("organisation"), id("external"));
    answers.profile.insert(id("objective"), id("cloud-pi"));
    for (_, criterion) in old.criteria() {
        let answer = if criterion.allow_na {
            Answer::NotApplicable
        } else {
            Answer::Yes
        };
        answers.criteria.insert(criterion.id.clone(), answer);
    }
    let code = answers.encode(&old);
    assert!(code.starts_with("v1;k=cloud-pi-native@1.0.0;"), "{code}");

    let decoded = Answers::decode(&code, current).unwrap_or_else(|error| panic!("{error}"));
    // Stable ids: every answer is kept, and the visitor is told the content changed.
    assert_eq!(decoded.answers, answers);
    assert_eq!(
        decoded.notes,
        [parcours_core::CodeNote::OtherVersion {
            version: "1.0.0".to_owned()
        }]
    );
    assert_eq!(
        decoded.notes[0].message(Lang::Fr),
        "Ces réponses ont été enregistrées avec la version 1.0.0 du contenu."
    );
    // What changed shows in the result: 1.0.0 had no case for this profile, the current version answers it.
    assert!(matches!(
        assess(&old, &answers).support.offer,
        Offer::NoMatchingCase
    ));
    let now = assess(current, &decoded.answers);
    assert!(
        matches!(now.support.offer, Offer::NotPlanned),
        "{:?}",
        now.support.offer
    );
    assert_eq!(now.support.case.map(|c| c.id.as_str()), Some("case-6"));
}
