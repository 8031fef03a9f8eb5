//! The whole team: teammates' share links pasted in, merged with the visitor's own answers by the
//! core's rules (`parcours_core::team`), and one team result with its conflicts and its own link.
//!
//! Nothing leaves the browser: the links are read here, and the team result is computed here.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use leptos::prelude::*;
use parcours_core::{Answers, Lang, Pack, assess, report, share, team};

use crate::{
    parts::{Heading, Interface, views},
    session::Session,
    words::Words,
};

/// What the team view shows once the visitor asked for it.
#[derive(Debug, Clone)]
struct TeamView {
    /// How many members were merged, the visitor included.
    members: usize,
    /// Lines of the pasted text that gave no answers, with the reason.
    refused: Vec<(usize, String)>,
    /// The team's summary, as the core words it.
    summary: String,
    /// Each conflict: the question, then who said what.
    conflicts: Vec<(String, String)>,
    /// The merged answers' code.
    code: String,
    /// Every member's own code, the visitor's first: what a team's link carries.
    codes: Vec<String>,
}

impl TeamView {
    /// The visitor's own answers (member 1) and every readable link of `pasted` (members 2 and
    /// after, in the order of the lines), merged.
    fn new(pack: &Pack, own: &Answers, pasted: &str, lang: Lang) -> TeamView {
        let mut members = vec![own.clone()];
        let mut codes = vec![own.encode(pack)];
        let mut refused = Vec::new();
        for (index, line) in pasted.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match share::code_in_link(line)
                .map_err(|error| error.to_string())
                .and_then(|code| Answers::decode(code, pack).map_err(|error| error.to_string()))
            {
                Ok(decoded) => {
                    codes.push(decoded.answers.encode(pack));
                    members.push(decoded.answers);
                }
                Err(reason) => refused.push((index + 1, reason)),
            }
        }
        let merged = team::merge(&members);
        let assessment = assess(pack, &merged.answers);
        TeamView {
            members: members.len(),
            refused,
            summary: report::summary(&assessment, lang),
            conflicts: merged
                .conflicts
                .iter()
                .map(|conflict| {
                    (
                        conflict.subject_text(pack, lang),
                        conflict.said_text(pack, lang),
                    )
                })
                .collect(),
            code: merged.answers.encode(pack),
            codes,
        }
    }
}

/// The team section: a text area for the links, a button, and the team result.
#[component]
pub(crate) fn Team(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The visit whose answers are member 1 and whose page the team link points to.
    session: Session,
) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<TeamView>);
    let show = move |lang: Lang| {
        let text = pasted.get_untracked();
        let view = session.pack.with_untracked(|pack| {
            session
                .answers
                .with_untracked(|own| TeamView::new(pack, own, &text, lang))
        });
        shown.set(Some(view));
    };
    let merge = move || {
        let lang = interface.lang.get_untracked();
        if !session
            .pack
            .with_untracked(|pack| pack.lacks_later_texts(lang))
        {
            return show(lang);
        }
        // The team's answers may go past the first step, and its conflicts name their questions:
        // the pack first gets the texts of its later steps (the notices say if it cannot).
        leptos::task::spawn_local(async move {
            if session.complete(lang).await.is_ok() && !shown.is_disposed() {
                show(lang);
            }
        });
    };
    // A team's link (several codes in the fragment) opens with its codes pasted and its result shown.
    Effect::new(move |_| {
        let codes = session.team_codes.get();
        if session.ready.get() && !codes.is_empty() {
            pasted.set(codes.join("\n"));
            merge();
        }
    });
    let input_id = interface.element_id("team-links");
    let hint_id = format!("{input_id}-hint");
    let link_id = interface.element_id("team-link");
    let result = move || {
        let words = interface.words();
        shown.with(|team| {
            team.as_ref()
                .map(|team| team_result(team, words, session, &link_id))
        })
    };
    view! {
        <section class="cpn-team">
            <Heading level=interface.heading(1) class="cpn-section-title">
                {move || interface.words().team_title}
            </Heading>
            // The form on demand, open when a team's link filled it; the result stays outside.
            <details class="cpn-fold cpn-team-form" prop:open=move || session.team_codes.with(|codes| !codes.is_empty())>
                <summary>{move || interface.words().team_open}</summary>
                <p class="cpn-hint" id=hint_id.clone()>{move || interface.words().team_hint}</p>
                <label class="cpn-label" for=input_id.clone()>{move || interface.words().team_label}</label>
                <textarea
                    class="cpn-textarea"
                    id=input_id
                    rows="3"
                    aria-describedby=hint_id
                    prop:value=move || pasted.get()
                    on:input=move |event| pasted.set(event_target_value(&event))
                ></textarea>
                <div class="cpn-buttons">
                    <button type="button" class="cpn-button" part="button" on:click=move |_| merge()>
                        {move || interface.words().team_button}
                    </button>
                </div>
            </details>
            // Announced once computed; the visitor's own answers and the pasted text stay as they were.
            <div class="cpn-team-result" role="status" aria-live="polite">{result}</div>
        </section>
    }
}

/// The team result: how many members, the lines refused, the summary, the conflicts, the link.
fn team_result(team: &TeamView, words: &'static Words, session: Session, link_id: &str) -> AnyView {
    let refused = views(team.refused.iter().map(|(line, reason)| {
        view! {
            <li>{format!("{} {line}{}{}", words.team_line, words.colon, words.team_unreadable)} " (" <span lang="en">{reason.clone()}</span> ")"</li>
        }
    }));
    let conflicts = (!team.conflicts.is_empty()).then(|| {
        let items = views(team.conflicts.iter().map(|(subject, said)| {
            view! { <li>{subject.clone()} <span class="cpn-hint">" — " {said.clone()}</span></li> }
        }));
        view! {
            <p class="cpn-hint">{format!("{} ({})", words.team_conflicts, team.conflicts.len())}</p>
            <ul class="cpn-list cpn-conflicts">{items}</ul>
        }
    });
    let link = session.link_to(&team.code);
    let codes: Vec<&str> = team.codes.iter().map(String::as_str).collect();
    let all = (codes.len() > 1)
        .then(|| session.link_to_all(&codes))
        .flatten();
    let all_id = format!("{link_id}-all");
    view! {
        <p class="cpn-team-members">{format!("{} {}", team.members, words.team_members)}</p>
        {(!team.refused.is_empty()).then(|| view! { <ul class="cpn-list cpn-refused">{refused}</ul> })}
        <p class="cpn-summary cpn-team-summary">{team.summary.clone()}</p>
        {conflicts}
        {link.map(|link| view! {
            <label class="cpn-label" for=link_id.to_owned()>{words.team_link}</label>
            <input class="cpn-link" type="text" readonly id=link_id.to_owned() prop:value=link/>
        })}
        {all.map(|all| view! {
            <label class="cpn-label" for=all_id.clone()>{words.team_all_link}</label>
            <input class="cpn-link cpn-team-all" type="text" readonly id=all_id.clone() prop:value=all/>
        })}
    }
    .into_any()
}
