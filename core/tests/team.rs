//! The team merge's rules and the action plan, on the small fixture pack.

use expect_test::expect;
use parcours_core::{Answers, Lang, Pack, assess, plan, team};

const SMALL: &str = include_str!("fixtures/small.json");

fn pack() -> Pack {
    Pack::load(SMALL).expect("the small fixture loads").0
}

fn answers(code: &str) -> Answers {
    Answers::decode(code, &pack())
        .unwrap_or_else(|e| panic!("{e}"))
        .answers
}

#[test]
fn three_members_merge_by_the_written_rules() {
    let pack = pack();
    let merged = team::merge(&[
        answers(
            "v1;p=decision;o=organisation:ministry,objective:cloud-pi;y=s1-scope,s1-sponsor;d=s2-plan",
        ),
        answers(
            "v1;p=moe;o=organisation:ministry,objective:other-infra;n=s1-sponsor;y=s2-plan;d=s1-risks",
        ),
        answers("v1;p=tech;o=organisation:ministry;y=s1-scope;x=s2-encryption;d=s1-risks"),
    ]);
    let conflicts: Vec<String> = merged
        .conflicts
        .iter()
        .map(|conflict| conflict.message(Lang::Fr))
        .collect();
    expect![[r#"
        v1;k=small@1.0.0;o=organisation:ministry;y=s1-scope,s2-plan;d=s1-risks;x=s2-encryption
        conflit : s1-sponsor — membre 1 : Oui, membre 2 : Non
        conflit : objective — membre 1 : cloud-pi, membre 2 : other-infra"#]]
    .assert_eq(&format!(
        "{}\n{}",
        merged.answers.encode(&pack),
        conflicts.join("\n")
    ));
    assert_eq!(
        merged.conflicts[0].message(Lang::En),
        "conflict: s1-sponsor — member 1: Yes, member 2: No"
    );
}

#[test]
fn not_applicable_against_an_answer_is_a_conflict() {
    let merged = team::merge(&[answers("v1;x=s2-encryption"), answers("v1;n=s2-encryption")]);
    assert_eq!(merged.conflicts.len(), 1);
    assert!(merged.answers.criteria.is_empty());
}

#[test]
fn the_plan_lists_required_then_checks_then_advice() {
    let pack = pack();
    let team = answers("v1;p=tech;y=s1-scope;d=s1-sponsor,s3-hello;n=s1-risks");
    let assessment = assess(&pack, &team);
    expect![[r#"
        ## Mon plan d'action : Étape 1 sur 5 — Étape 1

        - [ ] **Requis** · Étape 1 : Sponsor ?
          - Réponse actuelle : Je ne sais pas
          - Qui répond : Décision
          - Pourquoi : Parce que.
        - [ ] **À vérifier** · Étape 3 : Hello world ?
          - Réponse actuelle : Je ne sais pas
          - Qui répond : Technique
          - Pourquoi : Parce que.
        - [ ] **Conseil** · Étape 1 : Risques ?
          - Réponse actuelle : Non
          - Qui répond : Pilotage
          - Pourquoi : Parce que.
    "#]]
    .assert_eq(&plan::markdown(&assessment, Lang::Fr));
    let csv = plan::csv(&assessment, Lang::En);
    assert!(csv.starts_with('\u{feff}'), "a byte order mark first");
    expect![[r#"
        step;type;criterion;question;answer;role;why;link
        1;Required;s1-sponsor;Sponsor ? (en);I don't know;Decision;Because.;
        3;To check;s3-hello;Hello world ? (en);I don't know;Technical;Because.;
        1;Advice;s1-risks;Risques ? (en);No;Steering;Because.;
    "#]]
    .assert_eq(&csv.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
}

#[test]
fn a_team_with_nothing_left_gets_a_plan_that_says_so() {
    let pack = pack();
    let everything: Vec<String> = pack.criteria().map(|(_, c)| c.id.to_string()).collect();
    let team = answers(&format!("v1;y={}", everything.join(",")));
    let plan = plan::markdown(&assess(&pack, &team), Lang::En);
    assert!(plan.contains("Nothing to do for now"), "{plan}");
}
