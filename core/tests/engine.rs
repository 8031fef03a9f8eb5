//! The engine on the small fixture pack: one answer code in, a compact picture of the assessment out.

use std::fmt::Write;

use expect_test::{Expect, expect};
use parcours_core::{
    Answers, Assessment, Lang, Offer, Pack, ResourcePurpose, assess, group_resources, report,
};

fn pack() -> Pack {
    Pack::load(include_str!("fixtures/small.json"))
        .expect("the small fixture loads")
        .0
}

/// Everything the widget shows, as ids, so each case reads in a few lines.
fn summary(assessment: &Assessment<'_>) -> String {
    let mut out = String::new();
    let ids = |criteria: Vec<String>| {
        if criteria.is_empty() {
            "-".to_owned()
        } else {
            criteria.join(", ")
        }
    };
    let _ = writeln!(
        out,
        "stage {}{}",
        assessment.stage.number,
        if assessment.complete {
            " (complete)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "blocking: {}",
        ids(assessment
            .blocking
            .iter()
            .map(|u| format!("{} ({:?})", u.criterion.id, u.status))
            .collect())
    );
    let _ = writeln!(
        out,
        "advice: {}",
        ids(assessment
            .advice
            .iter()
            .map(|u| format!("{} ({:?})", u.criterion.id, u.status))
            .collect())
    );
    let _ = writeln!(
        out,
        "follow-ups: {}",
        ids(assessment
            .follow_ups
            .iter()
            .map(|f| format!(
                "{} → {}",
                f.criterion.id,
                f.ask.map_or("?", |p| p.id.as_str())
            ))
            .collect())
    );
    let _ = writeln!(
        out,
        "ahead: {}",
        ids(assessment.ahead.iter().map(|c| c.id.to_string()).collect())
    );
    let _ = writeln!(
        out,
        "resources: {}",
        ids(assessment
            .persona_resources
            .iter()
            .map(|r| r.id.to_string())
            .collect())
    );
    let _ = writeln!(
        out,
        "programme: {}",
        ids(assessment
            .programme_resources
            .iter()
            .map(|r| r.id.to_string())
            .collect())
    );
    let _ = writeln!(
        out,
        "next: {}",
        assessment
            .next
            .map_or("-".to_owned(), |s| s.number.to_string())
    );
    let offer = match assessment.support.offer {
        Offer::ProfileIncomplete => "profile incomplete".to_owned(),
        Offer::NoMatchingCase => "no matching case".to_owned(),
        Offer::NoneAtThisStage => "none at this stage".to_owned(),
        Offer::NotPlanned => "not planned".to_owned(),
        Offer::NotInCase { phase } => format!("{} not in case", phase.id),
        Offer::Offered { phase } => format!("{} offered", phase.id),
        Offer::ToBeDefined { phase } => format!("{} to be defined", phase.id),
    };
    let case = assessment.support.case.map_or("-", |c| c.id.as_str());
    let _ = writeln!(out, "support: {case}: {offer}");
    let progress: Vec<String> = assessment
        .progress
        .iter()
        .map(|p| {
            format!(
                "{}:{}/{} req {}/{} {}",
                p.stage,
                p.validated,
                p.applicable,
                p.required_validated,
                p.required,
                p.status.as_str()
            )
        })
        .collect();
    let _ = write!(out, "progress: {}", progress.join(" | "));
    out
}

#[track_caller]
fn check(code: &str, expect: Expect) {
    let pack = pack();
    let decoded = Answers::decode(code, &pack).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.notes, [], "the test code should map cleanly");
    let assessment = assess(&pack, &decoded.answers);
    expect.assert_eq(&summary(&assessment));
}

#[test]
fn nothing_answered_starts_at_step_one() {
    check(
        "v1",
        expect![[r#"
            stage 1
            blocking: s1-scope (Unanswered), s1-sponsor (Unanswered)
            advice: s1-risks (Unanswered)
            follow-ups: -
            ahead: -
            resources: r-all
            programme: -
            next: 2
            support: -: profile incomplete
            progress: 1:0/3 req 0/2 current | 2:0/2 req 0/2 upcoming | 3:0/2 req 0/2 upcoming | 4:0/2 req 0/2 upcoming | 5:0/1 req 0/0 upcoming"#]],
    );
}

#[test]
fn the_first_gate_not_passed_is_the_stage() {
    check(
        "v1;p=tech;o=organisation:ministry,objective:cloud-pi;y=s1-scope,s1-sponsor,s2-plan,s2-encryption,s3-hello;n=s3-rootless",
        expect![[r#"
            stage 3
            blocking: s3-rootless (No)
            advice: -
            follow-ups: -
            ahead: -
            resources: r-all, r-tech-3
            programme: r-prog-3
            next: 4
            support: case-1: launch offered
            progress: 1:2/3 req 2/2 passed | 2:2/2 req 2/2 passed | 3:1/2 req 1/2 current | 4:0/2 req 0/2 upcoming | 5:0/1 req 0/0 upcoming"#]],
    );
}

#[test]
fn advice_never_blocks_a_gate() {
    check(
        "v1;y=s1-scope,s1-sponsor;n=s1-risks",
        expect![[r#"
            stage 2
            blocking: s2-plan (Unanswered), s2-encryption (Unanswered)
            advice: -
            follow-ups: -
            ahead: -
            resources: r-all
            programme: -
            next: 3
            support: -: profile incomplete
            progress: 1:2/3 req 2/2 passed | 2:0/2 req 0/2 current | 3:0/2 req 0/2 upcoming | 4:0/2 req 0/2 upcoming | 5:0/1 req 0/0 upcoming"#]],
    );
}

#[test]
fn dont_know_never_passes_and_becomes_a_follow_up() {
    check(
        "v1;y=s1-scope,s2-plan;d=s1-sponsor,s2-encryption",
        expect![[r#"
            stage 1
            blocking: s1-sponsor (DontKnow)
            advice: s1-risks (Unanswered)
            follow-ups: s1-sponsor → decision, s2-encryption → tech
            ahead: s2-plan
            resources: r-all
            programme: -
            next: 2
            support: -: profile incomplete
            progress: 1:1/3 req 1/2 current | 2:1/2 req 1/2 upcoming | 3:0/2 req 0/2 upcoming | 4:0/2 req 0/2 upcoming | 5:0/1 req 0/0 upcoming"#]],
    );
}

#[test]
fn not_applicable_validates_where_allowed_and_leaves_the_count() {
    check(
        "v1;y=s1-scope,s1-sponsor,s2-plan,s3-hello,s3-rootless,s4-probes;x=s2-encryption,s4-cdn",
        expect![[r#"
            stage 5 (complete)
            blocking: -
            advice: s5-restore (Unanswered)
            follow-ups: -
            ahead: -
            resources: r-all
            programme: -
            next: -
            support: -: profile incomplete
            progress: 1:2/3 req 2/2 passed | 2:1/1 req 2/2 passed | 3:2/2 req 2/2 passed | 4:1/1 req 2/2 passed | 5:0/1 req 0/0 current"#]],
    );
}

#[test]
fn validated_criteria_ahead_are_listed() {
    check(
        "v1;p=decision;y=s3-rootless,s4-probes,s5-restore",
        expect![[r#"
            stage 1
            blocking: s1-scope (Unanswered), s1-sponsor (Unanswered)
            advice: s1-risks (Unanswered)
            follow-ups: -
            ahead: s3-rootless, s4-probes, s5-restore
            resources: r-all
            programme: -
            next: 2
            support: -: profile incomplete
            progress: 1:0/3 req 0/2 current | 2:0/2 req 0/2 upcoming | 3:1/2 req 1/2 upcoming | 4:1/2 req 1/2 upcoming | 5:1/1 req 0/0 upcoming"#]],
    );
}

/// One row per case of the policy, at the stage whose phase it tests.
#[test]
fn support_follows_the_eligibility_cases() {
    let pack = pack();
    let at_stage = |profile: &str, passed: &str| {
        let code = format!("v1;o={profile};y={passed}");
        let answers = Answers::decode(&code, &pack).expect("valid code").answers;
        let assessment = assess(&pack, &answers);
        let line = summary(&assessment)
            .lines()
            .find(|l| l.starts_with("support"))
            .unwrap_or_default()
            .to_owned();
        format!("stage {} {line}", assessment.stage.number)
    };
    let step1 = "";
    let step2 = "s1-scope,s1-sponsor";
    let step5 = "s1-scope,s1-sponsor,s2-plan,s2-encryption,s3-hello,s3-rootless,s4-probes,s4-cdn";
    let rows = [
        at_stage("organisation:ministry,objective:cloud-pi", step2),
        at_stage(
            "organisation:ministry,objective:other-infra",
            "s1-scope,s1-sponsor,s2-plan,s2-encryption",
        ),
        at_stage("organisation:external,objective:partnership", step1),
        at_stage("organisation:external,objective:partnership", step2),
        at_stage("organisation:external,objective:own-experiment", step1),
        at_stage("organisation:ministry,objective:partnership", step1),
        at_stage("organisation:ministry", step1),
        at_stage("organisation:ministry,objective:cloud-pi", step5),
    ];
    expect![[r#"
        stage 2 support: case-1: qualification offered
        stage 3 support: case-2: launch to be defined
        stage 1 support: case-3: prequalification offered
        stage 2 support: case-3: qualification not in case
        stage 1 support: case-4: not planned
        stage 1 support: -: no matching case
        stage 1 support: -: profile incomplete
        stage 5 support: case-1: none at this stage"#]]
    .assert_eq(&rows.join("\n"));
}

#[test]
fn unknown_persona_in_answers_is_ignored_by_the_engine() {
    let pack = pack();
    let answers = Answers {
        persona: Some(parcours_core::Id::new("astronaut").expect("valid id")),
        ..Answers::default()
    };
    let assessment = assess(&pack, &answers);
    assert!(assessment.persona.is_none());
    assert_eq!(assessment.persona_resources.len(), 1);
}

#[test]
fn the_report_is_complete_markdown_in_both_languages() {
    let pack = pack();
    let code = "v1;p=tech;o=organisation:ministry,objective:cloud-pi;y=s1-scope,s1-sponsor,s2-plan;x=s2-encryption;n=s3-rootless;d=s3-hello";
    let answers = Answers::decode(code, &pack).expect("valid code").answers;
    let assessment = assess(&pack, &answers);
    expect![[r#"
        # Parcours Cloud Pi Native : votre synthèse

        - Contenu : Petit parcours (version 1.0.0, 2026-11-24)
        - Rôle : Technique

        Vous êtes à l'étape 3 sur 5 : Étape 3 (Niveau 3). 2 critères requis restent à valider pour passer à l'étape suivante. 1 réponse « je ne sais pas » à vérifier. Vous pouvez demander l'accompagnement de cette étape : Lancement (Cas 1).

        ## Étape 3 sur 5 : Étape 3

        - Niveau de maturité : Niveau 3
        - Question de l'équipe : Question 3 ?

        ## Ce qu'il reste à valider pour passer à l'étape suivante

        - [ ] Hello world ? (Je ne sais pas)
          - Pourquoi : Parce que.
        - [ ] Images rootless ? (Non)
          - Pourquoi : Parce que.

        ## À vérifier (réponses « je ne sais pas »)

        - Étape 3 : Hello world ? — à vérifier auprès du rôle « Technique »

        ## Ressources d'autoformation pour votre rôle

        Objectif d'autoformation : Construire.

        ### Se former

        - [Pour tous](https://example.org/all) — Vidéo, français, Accès libre, Ex
        - [Tuto](https://example.org/tuto) — Tutoriel, anglais, Payant, Ex

        ## Ressources et mode d'emploi du programme

        - Lire la doc 3.

        ### Lire et s'informer

        - [Doc du programme](https://example.org/doc) — Documentation, français, Intranet RIE uniquement, Programme

        ## Accompagnement

        Vous pouvez demander l'accompagnement de cette étape : Lancement (Cas 1).

        Accompagnement 3.

        ### Contacts

        - Contact actuel (contact actuel) : [contact@example.org](mailto:contact@example.org)
        - Formulaire (ancien circuit) : [https://example.org/form](https://example.org/form)

        ## Étape suivante : Étape 4 — Étape 4

        - Niveau de maturité : Niveau 4
        - Question de l'équipe : Question 4 ?

        ## Progression

        | Étape | Critères validés / applicables | Critères requis validés | Statut |
        |---|---|---|---|
        | 1 | 2 / 3 | 2 / 2 | franchie |
        | 2 | 1 / 1 | 2 / 2 | franchie |
        | 3 | 0 / 2 | 0 / 2 | en cours |
        | 4 | 0 / 2 | 0 / 2 | à venir |
        | 5 | 0 / 1 | 0 / 0 | à venir |

        ## Code de vos réponses (à coller dans le parcours pour les retrouver)

        ```
        v1;k=small@1.0.0;p=tech;o=objective:cloud-pi,organisation:ministry;y=s1-scope,s1-sponsor,s2-plan;n=s3-rootless;d=s3-hello;x=s2-encryption
        ```
    "#]]
    .assert_eq(&report::markdown(&assessment, Lang::Fr));
    let english = report::markdown(&assessment, Lang::En);
    assert!(english.contains("## Step 3 of 5: Step 3"), "{english}");
    assert!(
        english.contains("You may ask for this step's support: Launch (Case 1)."),
        "{english}"
    );
}

#[test]
fn the_report_escapes_markdown_in_content() {
    let json = include_str!("fixtures/small.json")
        .replace("\"Tuto\"", "\"[click](javascript:alert(1)) *bold* <b>\"");
    let (pack, _) = Pack::load(&json).expect("still valid");
    let answers = Answers::decode(
        "v1;p=tech;y=s1-scope,s1-sponsor,s2-plan,s2-encryption",
        &pack,
    )
    .expect("valid")
    .answers;
    let report = report::markdown(&assess(&pack, &answers), Lang::Fr);
    assert!(
        report.contains(
            r"- [\[click\](javascript:alert(1)) \*bold\* \<b\>](https://example.org/tuto)"
        ),
        "{report}"
    );
}

/// The groups of `resources`, one line each: its purpose and its resources' ids.
fn groups(resources: &[&parcours_core::Resource]) -> String {
    group_resources(resources)
        .iter()
        .map(|group| {
            let ids: Vec<&str> = group.resources.iter().map(|r| r.id.as_str()).collect();
            format!("{}: {}", group.purpose.as_str(), ids.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn resources_are_grouped_by_purpose_in_the_packs_order() {
    // A technical team through step 1: its resources at step 2 fall in all three groups.
    let pack = parcours_core::default_pack();
    let mut answers = Answers {
        persona: Some(parcours_core::Id::new("tech").expect("a valid id")),
        ..Answers::default()
    };
    for criterion in &pack.stages()[0].gate.criteria {
        answers
            .criteria
            .insert(criterion.id.clone(), parcours_core::Answer::Yes);
    }
    let assessment = assess(pack, &answers);
    assert_eq!(assessment.stage.number, 2);
    expect![[r#"
        learn: yt-devsecops-8min, mentor-480, mentor-494, yt-kubernetes-7min, k8s-basics, wescale-k8s-fundamentals
        read: k8s-concepts, wescale-k8s-for-dummies, k8s-setup, k8s-persistent-volumes, wescale-operators, twelve-factor, redhat-adapting-containers-openshift, wescale-gitops"#]].assert_eq(&groups(&assessment.persona_resources));
    expect![[r#"
        learn: tuto-first-cluster
        read: landing-page, docs-offre, docs-platform, checklist, docs-compatibility, docs-skills-matrix, docs-support, formation-step2
        act: cct, cct-exigences, cct-mi"#]].assert_eq(&groups(&assessment.programme_resources));
    assert_eq!(groups(&[]), "", "no resources, no group");
}

#[test]
fn the_groups_keep_every_resource_once_in_order_of_purpose() {
    let pack = parcours_core::default_pack();
    let every: Vec<&parcours_core::Resource> = pack.resources().iter().collect();
    let grouped = group_resources(&every);
    let purposes: Vec<ResourcePurpose> = grouped.iter().map(|group| group.purpose).collect();
    assert!(
        purposes.windows(2).all(|pair| pair[0] < pair[1]),
        "one group per purpose, in the order of ResourcePurpose::ALL: {purposes:?}"
    );
    for group in &grouped {
        assert!(!group.resources.is_empty(), "no empty group");
        assert!(
            group
                .resources
                .iter()
                .all(|r| r.kind.purpose() == group.purpose)
        );
        // Within a group, the pack's order.
        let positions: Vec<usize> = group
            .resources
            .iter()
            .map(|r| {
                every
                    .iter()
                    .position(|e| e.id == r.id)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        assert!(
            positions.windows(2).all(|pair| pair[0] < pair[1]),
            "{positions:?}"
        );
    }
    let count: usize = grouped.iter().map(|group| group.resources.len()).sum();
    assert_eq!(count, every.len(), "every resource in exactly one group");
}
