//! The embedded default pack: complete, clean, bilingual, and right about real journeys.

use parcours_core::{
    Access, Answer, Answers, CodeNote, DEFAULT_PACK_JSON, Decoded, Id, Lang, Offer, Pack, Text,
    UnmetStatus, assess, default_pack,
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
    answers.profile.insert(
        Id::new("purpose").expect("id"),
        Id::new("service").expect("id"),
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
        Id::new("cloud-pi").expect("id"),
    );
    answers.profile.insert(
        Id::new("purpose").expect("id"),
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
    answers.profile.insert(
        Id::new("purpose").expect("id"),
        Id::new("service").expect("id"),
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
    // Stable ids: every answer is kept, the halves split off in 1.2.0 take theirs, and the visitor
    // is told the content changed.
    assert_carried_as_migration_says(&answers, &decoded, "1.0.0");
    assert_eq!(
        decoded.notes[0].message(Lang::Fr),
        "Ces réponses ont été enregistrées avec la version 1.0.0 du contenu."
    );
    // What changed shows in the result: 1.0.0 had no case for this profile. Since 1.2.0 the profile
    // also asks for the purpose, which the old code cannot carry: the visitor is asked for it, then
    // an external organisation deploying an application of its own is told no support is planned.
    assert!(matches!(
        assess(&old, &answers).support.offer,
        Offer::NoMatchingCase
    ));
    let now = assess(current, &decoded.answers);
    assert!(
        matches!(now.support.offer, Offer::ProfileIncomplete),
        "{:?}",
        now.support.offer
    );
    let mut completed = decoded.answers.clone();
    completed.profile.insert(id("purpose"), id("service"));
    let now = assess(current, &completed);
    assert!(
        matches!(now.support.offer, Offer::NotPlanned),
        "{:?}",
        now.support.offer
    );
    assert_eq!(now.support.case.map(|c| c.id.as_str()), Some("case-6"));
}

/// Version 1.1.0 of the default pack, as published, kept like 1.0.0.
const VERSION_1_1_0: &str = include_str!("fixtures/cloud-pi-native-1.1.0.json");

/// Where 1.2.0 split a 1.1.0 criterion: (new criterion, the 1.1.0 criterion whose "yes" implied it).
/// The old id keeps the main half of the question, so its answer stays where it was. `replaces` may
/// only name an id the pack no longer has, so the new halves carry none and start unanswered.
/// `core/content/MIGRATION-1.2.md` lists the same pairs.
const SPLITS_1_2_0: &[(&str, &str)] = &[
    ("s1-organisation", "s1-perimeter"),
    ("s1-components", "s1-need"),
    ("s1-infra-owner", "s1-target-infra"),
    ("s1-team-makeup", "s1-team"),
    ("s1-offer-read", "s1-awareness"),
    ("s1-risks-inaction", "s1-risks"),
    ("s2-devops-skills", "s2-team"),
    ("s2-software-factory", "s2-source-factory"),
    ("s2-is-coupling", "s2-tech-scope"),
    ("s2-volumes", "s2-sizing"),
    ("s2-users", "s2-exposure"),
    ("s2-domains", "s2-exposure"),
    ("s2-gaps", "s2-prerequisites"),
    ("s2-audit-history", "s2-homologation-status"),
    ("s3-open-questions", "s3-team-ready"),
    ("s3-training-needs", "s3-team-ready"),
    ("s3-same-image", "s3-app-config"),
    ("s3-dockerfile", "s3-containerised"),
    ("s3-monitoring-plan", "s3-monitoring-tool"),
    ("s3-migration-effort", "s3-current-hosting"),
    ("s4-data-sensitivity", "s4-hosting-request"),
    ("s4-restartable", "s4-stateless"),
    ("s4-configmap-no-secrets", "s4-secrets-vault"),
    ("s4-image-tags", "s4-images"),
    ("s4-resource-limits", "s4-probes-limits"),
    ("s4-no-hostpath", "s4-kyverno-manifests"),
    ("s4-no-nodeport", "s4-kyverno-manifests"),
    ("s4-pvc-size", "s4-kyverno-manifests"),
    ("s4-ports", "s4-logs-ports"),
    ("s4-vulnerability-fixes", "s4-vulnerabilities"),
    ("s4-backup-s3", "s4-backups"),
    ("s4-alerts", "s4-observability"),
    ("s4-gdpr-tag", "s4-gdpr"),
    ("s4-gdpr-anonymisation", "s4-gdpr"),
    ("s4-security-audits", "s4-homologation"),
    ("s5-practices-review", "s5-practices-tracked"),
    ("s5-dashboards-as-code", "s4-observability"),
];

const MIGRATION_1_2: &str = include_str!("../content/MIGRATION-1.2.md");

#[test]
fn the_split_table_matches_both_packs_and_the_migration_note() {
    let (old, _) = Pack::load(VERSION_1_1_0).unwrap_or_else(|error| panic!("{error}"));
    let current = default_pack();
    assert_eq!(old.version(), "1.1.0");
    assert_eq!(current.version(), "1.2.0");
    for (new, replaced) in SPLITS_1_2_0 {
        assert!(
            old.criterion(replaced).is_some(),
            "{replaced} is a 1.1.0 criterion"
        );
        assert!(
            current.criterion(replaced).is_some(),
            "{replaced} keeps its id in 1.2.0"
        );
        assert!(old.criterion(new).is_none(), "{new} is new in 1.2.0");
        assert!(
            current.criterion(new).is_some(),
            "{new} is a 1.2.0 criterion"
        );
        let row = format!("| `{new}` | `{replaced}` |");
        assert!(MIGRATION_1_2.contains(&row), "MIGRATION-1.2.md lists {row}");
    }
    // Each new half names the kept criterion whose answers it takes, since 1.2.0; nothing else does.
    for (_, criterion) in current.criteria() {
        let split = SPLITS_1_2_0
            .iter()
            .find(|(new, _)| *new == criterion.id.as_str());
        match split {
            Some((_, replaced)) => {
                let replaces: Vec<&str> = criterion.replaces.iter().map(Id::as_str).collect();
                assert_eq!(replaces, [*replaced], "{}", criterion.id);
                assert_eq!(
                    criterion.since.as_deref(),
                    Some("1.2.0"),
                    "{}",
                    criterion.id
                );
            }
            None => assert!(
                criterion.replaces.is_empty(),
                "{} replaces nothing",
                criterion.id
            ),
        }
    }
    // No 1.1.0 criterion was retired: every old id, and its "not applicable", still means the same.
    for (_, criterion) in old.criteria() {
        let (_, now) = current
            .criterion(criterion.id.as_str())
            .unwrap_or_else(|| panic!("{} still exists", criterion.id));
        assert!(
            now.allow_na || !criterion.allow_na,
            "{} still allows not applicable",
            criterion.id
        );
    }
}

/// The decoded answers are the recorded ones, plus, for each half split off in 1.2.0, the answer to
/// the criterion it was split off: "yes", "don't know" and (where allowed) "not applicable" carry, a
/// "no" does not and asks the visitor to answer again. The notes say so, after the version's.
#[track_caller]
fn assert_carried_as_migration_says(recorded: &Answers, decoded: &Decoded, version: &str) {
    let current = default_pack();
    let mut expected = recorded.clone();
    let mut split_no = std::collections::BTreeSet::new();
    for (new, kept) in SPLITS_1_2_0 {
        let (_, half) = current.criterion(new).expect("a 1.2.0 criterion");
        match recorded.criterion(kept) {
            Some(Answer::No) => {
                split_no.insert(*kept);
            }
            Some(Answer::NotApplicable) if !half.allow_na => {}
            Some(answer) => {
                expected.criteria.insert(half.id.clone(), answer);
            }
            None => {}
        }
    }
    assert_eq!(decoded.answers, expected);
    assert_eq!(
        decoded.notes.first(),
        Some(&CodeNote::OtherVersion {
            version: version.to_owned()
        })
    );
    let asked_again: std::collections::BTreeSet<&str> = decoded
        .notes
        .iter()
        .filter_map(|note| match note {
            CodeNote::SplitNo { kept, .. } => Some(kept.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(asked_again, split_no);
    assert!(
        decoded.notes[1..]
            .iter()
            .all(|note| matches!(note, CodeNote::Split { .. } | CodeNote::SplitNo { .. })),
        "{:?}",
        decoded.notes
    );
}

#[test]
fn answers_recorded_with_version_1_1_0_load_into_the_current_pack() {
    let (old, _) = Pack::load(VERSION_1_1_0).unwrap_or_else(|error| panic!("{error}"));
    let current = default_pack();

    // A complete journey on 1.1.0: a ministry team deploying on Cloud Pi, every criterion answered,
    // with every kind of answer.
    let id = |text: &str| Id::new(text).expect("id");
    let mut answers = Answers {
        persona: Some(id("moe")),
        ..Answers::default()
    };
    answers.profile.insert(id("organisation"), id("ministry"));
    answers.profile.insert(id("objective"), id("cloud-pi"));
    for (i, (_, criterion)) in old.criteria().enumerate() {
        let answer = match i % 7 {
            _ if criterion.allow_na && i % 2 == 0 => Answer::NotApplicable,
            3 => Answer::No,
            5 => Answer::DontKnow,
            _ => Answer::Yes,
        };
        answers.criteria.insert(criterion.id.clone(), answer);
    }
    assert_eq!(answers.criteria.len(), old.criteria().count());
    let code = answers.encode(&old);
    assert!(code.starts_with("v1;k=cloud-pi-native@1.1.0;"), "{code}");

    let decoded = Answers::decode(&code, current).unwrap_or_else(|error| panic!("{error}"));
    // Every 1.1.0 criterion kept its id, so every answer is kept where it was, and the halves split
    // off in 1.2.0 take it as MIGRATION-1.2.md says.
    assert_carried_as_migration_says(&answers, &decoded, "1.1.0");
    // The profile gained a question (the purpose), so the support offer waits for it; once it is
    // given, the ministry team on Cloud Pi is case 1, as in 1.1.0.
    assert!(matches!(
        assess(current, &decoded.answers).support.offer,
        Offer::ProfileIncomplete
    ));
    let mut completed = decoded.answers.clone();
    completed.profile.insert(id("purpose"), id("service"));
    let now = assess(current, &completed);
    assert_eq!(now.support.case.map(|c| c.id.as_str()), Some("case-1"));
    assert_eq!(
        assess(&old, &answers).support.case.map(|c| c.id.as_str()),
        Some("case-1")
    );

    // The two 1.1.0 objectives that were purposes now belong to the new question: they are dropped
    // with a note, and the visitor answers both questions again.
    let mut partner = answers.clone();
    partner.profile.insert(id("organisation"), id("external"));
    partner.profile.insert(id("objective"), id("partnership"));
    let decoded =
        Answers::decode(&partner.encode(&old), current).unwrap_or_else(|error| panic!("{error}"));
    assert!(!decoded.answers.profile.contains_key("objective"));
    assert!(decoded.notes.contains(&CodeNote::UnknownProfileOption {
        question: id("objective"),
        option: "partnership".to_owned()
    }));
}

#[test]
fn every_criterion_asks_one_question() {
    for (_, criterion) in default_pack().criteria() {
        let fr = criterion.question.fr();
        let en = criterion.question.en().expect("english");
        assert_eq!(fr.matches('?').count(), 1, "{}: {fr}", criterion.id);
        assert_eq!(en.matches('?').count(), 1, "{}: {en}", criterion.id);
        assert!(fr.trim_end().ends_with('?'), "{}: {fr}", criterion.id);
        assert!(en.trim_end().ends_with('?'), "{}: {en}", criterion.id);
        assert!(
            !fr.starts_with("Savez-vous"),
            "{}: \"yes\" must mean done, not \"I know\"",
            criterion.id
        );
    }
}

#[test]
fn steps_four_and_five_say_the_programme_published_no_gate() {
    let pack = default_pack();
    for n in [4, 5] {
        let gate = &pack.stage(n).expect("stage").gate;
        let text = gate.text.as_ref().expect("gate text").fr();
        assert!(text.contains("n'a pas"), "step {n}: {text}");
    }
}

#[test]
fn both_contact_addresses_are_current_and_dated() {
    let pack = default_pack();
    for id in ["dtnum-brm", "cloudpinative-relations"] {
        let contact = pack.contact(id).expect("contact");
        assert_eq!(
            contact.status,
            parcours_core::ContactStatus::Current,
            "{id}"
        );
        let note = contact.note.as_ref().expect("note").fr();
        assert!(note.contains("2024"), "{id}: {note}");
    }
    let json = DEFAULT_PACK_JSON;
    assert!(
        !json.contains("équipe Adoption"),
        "one name for the support team"
    );
    assert!(!json.contains("juin 2024, la documentation demande"));
}

#[test]
fn public_bodies_and_undecided_ministry_teams_are_sent_to_the_programme() {
    let pack = default_pack();
    let id = |text: &str| Id::new(text).expect("id");
    let profile = |organisation: &str, objective: &str| {
        let mut answers = Answers::default();
        answers.profile.insert(id("organisation"), id(organisation));
        answers.profile.insert(id("objective"), id(objective));
        answers.profile.insert(id("purpose"), id("service"));
        match assess(pack, &answers).support.offer {
            Offer::ToBeDefined { .. } => "to be defined",
            Offer::NoMatchingCase => "no matching case",
            Offer::Offered { .. } => "offered",
            _ => "other",
        }
    };
    assert_eq!(profile("public-body", "cloud-pi"), "to be defined");
    assert_eq!(profile("ministry", "undecided"), "no matching case");
    assert_eq!(profile("ministry", "cloud-pi"), "offered");
}

#[test]
fn the_glossary_defines_the_jargon_the_review_named() {
    let pack = default_pack();
    let named = [
        "BACI",
        "RIE",
        "DTNum",
        "DNUM",
        "CCT",
        "PAX",
        "enveloppe projet",
        "MI-like",
        "prod like",
        "move2cloud",
        "tenant",
        "UO",
        "Service Team",
        "chaîne primaire",
        "chaîne secondaire",
        "GELF",
        "hostPath",
        "NodePort",
        "SOPS",
        "Kyverno",
        "GitOps",
    ];
    for term in named {
        assert!(
            pack.glossary()
                .iter()
                .any(|entry| entry.spellings().any(|s| s == term)),
            "no glossary entry spells {term:?}"
        );
    }
    for entry in pack.glossary() {
        assert!(entry.definition.en().is_some(), "{}", entry.id);
        assert!(!entry.sources.is_empty(), "{} cites no source", entry.id);
    }
    // Where a criterion uses a term, in either language, the term is found beside it.
    let uses = |criterion: &str, lang: Lang| -> Vec<String> {
        let (_, criterion) = pack.criterion(criterion).expect("criterion");
        let texts = [criterion.question.get(lang), criterion.why.get(lang)];
        pack.terms_in(&texts)
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    };
    assert!(uses("s2-baci", Lang::Fr).contains(&"baci".to_owned()));
    assert!(uses("s2-baci", Lang::En).contains(&"baci".to_owned()));
    assert!(uses("s4-logs-ports", Lang::En).contains(&"gelf".to_owned()));
}
