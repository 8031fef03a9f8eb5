//! The history of visits: a dated snapshot of the answers per visit, kept by the widget between
//! visits (bounded), and what changed since the last one.
//!
//! The stored form is text, one snapshot per line: the date (`YYYY-MM-DD`), a space, and the
//! answer code. Reading it never fails: a damaged line is skipped and reported, so that a history
//! broken by hand or by another program costs nothing but itself.

use crate::{
    answers::{Answers, MAX_CODE_LEN},
    engine::assess,
    pack::{Criterion, Pack},
};

/// The most snapshots kept; the oldest are dropped first.
pub const MAX_SNAPSHOTS: usize = 20;

/// The answers as they stood at the end of one visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The day of the visit, `YYYY-MM-DD`.
    pub date: String,
    /// The answer code, as a share link carries it.
    pub code: String,
}

/// The stored form of `snapshots`, oldest first.
pub fn encode(snapshots: &[Snapshot]) -> String {
    snapshots
        .iter()
        .map(|snapshot| format!("{} {}", snapshot.date, snapshot.code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The snapshots of a stored history, oldest first and at most [`MAX_SNAPSHOTS`] of them, and
/// whether any line had to be skipped because it was damaged.
pub fn decode(text: &str) -> (Vec<Snapshot>, bool) {
    let mut snapshots = Vec::new();
    let mut damaged = false;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        match line.split_once(' ') {
            Some((date, code)) if is_date(date) && is_code(code) => snapshots.push(Snapshot {
                date: date.to_owned(),
                code: code.to_owned(),
            }),
            _ => damaged = true,
        }
    }
    let excess = snapshots.len().saturating_sub(MAX_SNAPSHOTS);
    snapshots.drain(..excess);
    (snapshots, damaged)
}

/// Records this visit's snapshot: it replaces the last one when it belongs to the same visit,
/// else it is added; the oldest are dropped beyond [`MAX_SNAPSHOTS`].
pub fn record(snapshots: &mut Vec<Snapshot>, snapshot: Snapshot, same_visit: bool) {
    if same_visit && !snapshots.is_empty() {
        snapshots.pop();
    }
    snapshots.push(snapshot);
    let excess = snapshots.len().saturating_sub(MAX_SNAPSHOTS);
    snapshots.drain(..excess);
}

/// What changed between an earlier state of the answers and the current one.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Change<'p> {
    /// Criteria validated now that were not then, in pack order.
    pub newly_validated: Vec<&'p Criterion>,
    /// Criteria validated then that are not any more, in pack order.
    pub no_longer_validated: Vec<&'p Criterion>,
    /// The team's stage then and now.
    pub stage_before: u8,
    pub stage_now: u8,
}

impl Change<'_> {
    /// Whether nothing a visitor would notice changed: no criterion and no stage.
    pub fn is_empty(&self) -> bool {
        self.newly_validated.is_empty()
            && self.no_longer_validated.is_empty()
            && self.stage_before == self.stage_now
    }
}

/// What changed from `before` to `now`, both read against `pack`.
pub fn since<'p>(pack: &'p Pack, before: &Answers, now: &Answers) -> Change<'p> {
    let validated = |answers: &Answers, criterion: &Criterion| {
        answers
            .criterion(criterion.id.as_str())
            .is_some_and(|answer| answer.validates(criterion))
    };
    let mut change = Change {
        newly_validated: Vec::new(),
        no_longer_validated: Vec::new(),
        stage_before: assess(pack, before).stage.number,
        stage_now: assess(pack, now).stage.number,
    };
    for (_, criterion) in pack.criteria() {
        match (validated(before, criterion), validated(now, criterion)) {
            (false, true) => change.newly_validated.push(criterion),
            (true, false) => change.no_longer_validated.push(criterion),
            _ => {}
        }
    }
    change
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_CODE_LEN
        && !text
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(date: &str, code: &str) -> Snapshot {
        Snapshot {
            date: date.to_owned(),
            code: code.to_owned(),
        }
    }

    #[test]
    fn the_stored_form_round_trips_and_skips_damaged_lines() {
        let snapshots = vec![
            snapshot("2026-11-02", "v1;p=tech"),
            snapshot("2026-11-29", "v1;y=a.b"),
        ];
        assert_eq!(decode(&encode(&snapshots)), (snapshots.clone(), false));
        let (read, damaged) =
            decode("garbage\n2026-11-02 v1;p=tech\n\n2026-13 v1\n2026-11-29 v1;y=a.b\n2026-11-30 ");
        assert_eq!((read, damaged), (snapshots, true));
        assert_eq!(decode(""), (Vec::new(), false));
    }

    #[test]
    fn a_visit_replaces_its_own_snapshot_and_the_oldest_go_first() {
        let mut snapshots = Vec::new();
        record(&mut snapshots, snapshot("2026-11-02", "v1;a"), false);
        record(&mut snapshots, snapshot("2026-11-02", "v1;b"), true);
        assert_eq!(snapshots, [snapshot("2026-11-02", "v1;b")]);
        for day in 10..40 {
            record(
                &mut snapshots,
                snapshot("2026-11-20", &format!("v1;{day}")),
                false,
            );
        }
        assert_eq!(snapshots.len(), MAX_SNAPSHOTS);
        assert_eq!(snapshots[0].code, "v1;20");
        assert_eq!(snapshots[MAX_SNAPSHOTS - 1].code, "v1;39");
        // A stored history longer than the bound keeps its most recent snapshots.
        let long: Vec<Snapshot> = (0..30)
            .map(|i| snapshot("2026-01-01", &format!("v1;{i}")))
            .collect();
        let (read, _) = decode(&encode(&long));
        assert_eq!(read.first().map(|s| s.code.as_str()), Some("v1;10"));
    }
}
