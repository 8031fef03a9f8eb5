//! Benchmarks of what the widget does at start-up and on every answer: loading the default pack,
//! decoding a share code, assessing, and rendering the report.

use criterion::{Criterion, criterion_group, criterion_main};
use parcours_core::{Answer, Answers, DEFAULT_PACK_JSON, Lang, Pack, assess, report};
use std::hint::black_box;

/// A mid-journey visitor: every criterion of the first half answered, a mix of answers.
fn mid_journey(pack: &Pack) -> Answers {
    let mut answers = Answers {
        persona: pack.personas().last().map(|p| p.id.clone()),
        ..Answers::default()
    };
    let criteria: Vec<_> = pack.criteria().map(|(_, c)| c).collect();
    for (i, criterion) in criteria.iter().take(criteria.len() * 2 / 3).enumerate() {
        let answer = match i % 7 {
            5 => Answer::DontKnow,
            6 => Answer::No,
            _ => Answer::Yes,
        };
        answers.criteria.insert(criterion.id.clone(), answer);
    }
    for question in &pack.profile().questions {
        answers
            .profile
            .insert(question.id.clone(), question.options[0].id.clone());
    }
    answers
}

fn benches(c: &mut Criterion) {
    c.bench_function("load default pack", |b| {
        b.iter(|| Pack::load(black_box(DEFAULT_PACK_JSON)))
    });
    let (pack, _) = Pack::load(DEFAULT_PACK_JSON).expect("the default pack loads");
    // What the widget does at start-up instead: read the compact form embedded at build time.
    let compact = pack.to_compact();
    c.bench_function("read compact default pack", |b| {
        b.iter(|| Pack::from_compact(black_box(&compact)).map(|p| p.stages().len()))
    });
    let answers = mid_journey(&pack);
    let code = answers.encode(&pack);
    c.bench_function("assess", |b| {
        b.iter(|| assess(black_box(&pack), black_box(&answers)).stage.number)
    });
    c.bench_function("decode answer code", |b| {
        b.iter(|| Answers::decode(black_box(&code), &pack))
    });
    c.bench_function("encode answer code", |b| {
        b.iter(|| black_box(&answers).encode(&pack))
    });
    c.bench_function("markdown report", |b| {
        b.iter(|| report::markdown(&assess(black_box(&pack), black_box(&answers)), Lang::Fr))
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
