//! What changed since the last visit, on the default pack.

use parcours_core::{Answer, Answers, default_pack, history};

#[test]
fn since_the_last_visit_names_what_was_validated_and_the_stage_change() {
    let pack = default_pack();
    let step_one = &pack.stages()[0].gate.criteria;
    let mut before = Answers::default();
    for criterion in &step_one[..3] {
        before.criteria.insert(criterion.id.clone(), Answer::Yes);
    }
    before.criteria.insert(step_one[3].id.clone(), Answer::No);
    // Since then: every criterion of step 1 validated but the first, which went back to "don't know".
    let mut now = Answers::default();
    for criterion in step_one {
        now.criteria.insert(criterion.id.clone(), Answer::Yes);
    }
    now.criteria
        .insert(step_one[0].id.clone(), Answer::DontKnow);
    let change = history::since(pack, &before, &now);
    assert_eq!(change.newly_validated.len(), step_one.len() - 3);
    assert_eq!(change.no_longer_validated.len(), 1);
    assert_eq!(change.no_longer_validated[0].id, step_one[0].id);
    assert_eq!((change.stage_before, change.stage_now), (1, 1));
    assert!(!change.is_empty());
    assert!(history::since(pack, &now, &now).is_empty());
    // Validating the first one too moves the team to step 2.
    now.criteria.insert(step_one[0].id.clone(), Answer::Yes);
    let change = history::since(pack, &before, &now);
    assert_eq!((change.stage_before, change.stage_now), (1, 2));
}
