//! The gate criteria of the viewed stage, one fieldset each, with the answers the core offers.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::{html, prelude::*};
use parcours_core::{Answer, Answers, Pack, Term};

use crate::{
    glossary::terms_beside,
    notices::Notice,
    parts::{Heading, Interface, later_placeholder, text, views},
    words::Words,
};

/// The most questions of a step shown at once: a longer step is shown in pages of even size, each
/// about a screen tall under the summary at a glance, so that the result stays within reach of the
/// questions (issue 15: step 1's 22 questions were 3,500 px, in four pages of six now).
const MAX_PER_PAGE: usize = 7;

/// How many questions of a step of `count` go on each page: pages as even as they can be.
fn per_page(count: usize) -> usize {
    count.div_ceil(count.div_ceil(MAX_PER_PAGE).max(1)).max(1)
}

/// The viewed stage's questions, a page at a time, with buttons to the previous and next page and
/// stage. Every question stays in the document (the pages not shown are `hidden`), so that an
/// answer elsewhere or a share link never depends on the page in view.
#[component]
pub(crate) fn Questions(
    /// How this instance speaks: language, heading level, element ids.
    interface: Interface,
    /// The pack whose stages are asked. (only read here).
    pack: RwSignal<Arc<Pack>>,
    /// The answers the radio buttons read and write.
    answers: RwSignal<Answers>,
    /// The stage whose questions are shown.
    viewed: RwSignal<u8>,
    /// The notices, which say whether the later steps' texts, that a later step's questions wait
    /// for, could not be loaded.
    notices: RwSignal<Vec<Notice>>,
) -> impl IntoView {
    let heading_ref = NodeRef::<html::Div>::new();
    let stage_count = move || pack.with(|pack| pack.stages().len());
    let criterion_count = move || {
        pack.with(|pack| {
            pack.stage(viewed.get())
                .map_or(0, |stage| stage.gate.criteria.len())
        })
    };
    // The page in view, with the stage it belongs to: another stage starts at its first page. Two
    // signals of `viewed`'s type rather than one of a pair, which would bring its own copy of
    // Leptos's reactive code; a stage has at most 1,000 criteria (`MAX_CRITERIA`), so at most 143
    // pages.
    let page_stage = RwSignal::new(0u8);
    let page_in_stage = RwSignal::new(0u8);
    let page = move || {
        if page_stage.get() == viewed.get() {
            usize::from(page_in_stage.get())
        } else {
            0
        }
    };
    let page_count = move || criterion_count().div_ceil(per_page(criterion_count()));
    let focus_heading = move || {
        // The step's heading takes the focus, so keyboard and screen-reader users start at the new
        // questions and hear which ones they are.
        if let Some(heading) = heading_ref.get_untracked() {
            let _ = heading.focus();
        }
    };
    let go = move |number: u8| {
        viewed.set(number);
        focus_heading();
    };
    let turn = move |to: usize| {
        page_stage.set(viewed.get_untracked());
        page_in_stage.set(u8::try_from(to).unwrap_or(u8::MAX));
        focus_heading();
    };
    let body = move || {
        let number = viewed.get();
        let lang = interface.lang.get();
        let words = interface.words();
        pack.with(|pack| {
            let Some(stage) = pack.stage(number) else { return view! { <p></p> }.into_any() };
            if number != 1 && pack.lacks_later_texts(lang) {
                return later_placeholder(interface, notices);
            }
            let shown_per_page = per_page(stage.gate.criteria.len());
            let criteria = views(stage.gate.criteria.iter().enumerate().map(|(index, criterion)| {
                let hidden = move || (index / shown_per_page != page()).then_some("");
                let base = interface.element_id(criterion.id.as_str());
                let why_id = format!("{base}-why");
                // This criterion's answer, so that an answer elsewhere leaves these buttons alone.
                let current = {
                    let id = criterion.id.clone();
                    Memo::new(move |_| answers.with(|answers| answers.criterion(id.as_str())))
                };
                let radios = views(Answer::choices(criterion).iter().map(|&answer| {
                    let input_id = format!("{base}-{}", answer.as_str());
                    let id = criterion.id.clone();
                    let checked = move || current.get() == Some(answer);
                    view! {
                        <div class="cpn-option cpn-option--inline">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=base.clone()
                                value=answer.as_str()
                                prop:checked=checked
                                on:change=move |_| answers.update(|answers| {
                                    answers.criteria.insert(id.clone(), answer);
                                })
                            />
                            <label for=input_id>{answer.label(lang)}</label>
                        </div>
                    }
                }));
                let ask = pack.persona(criterion.persona.as_str()).map(|persona| text(&persona.name, lang));
                let terms = terms_beside(
                    &pack.terms_in(&[criterion.question.get(lang), criterion.why.get(lang)]),
                    interface,
                    lang,
                );
                let more = criterion.url.as_ref().map(|url| {
                    view! { <a class="cpn-more" href=url.to_string()>{words.term(Term::LearnMore)}</a> }
                });
                view! {
                    <fieldset class="cpn-fieldset cpn-criterion" part="criterion" aria-describedby=why_id.clone() hidden=hidden>
                        <legend class="cpn-legend">
                            {text(&criterion.question, lang)}
                            {(!criterion.required).then(|| view! { <span class="cpn-tag">" (" {words.optional} ")"</span> })}
                        </legend>
                        <div class="cpn-choices">{radios}</div>
                        // Why the question matters and who answers it, folded: the fieldset's
                        // description still reads it to screen readers, and nothing of it is printed
                        // anyway (the questions are not).
                        <details class="cpn-why-fold">
                            <summary>{words.why_summary}</summary>
                            <p class="cpn-why" id=why_id.clone()>
                                {text(&criterion.why, lang)} " "
                                <span class="cpn-ask">{words.ask} {words.colon} {ask}</span>
                                {more.map(|more| view! { " " {more} })}
                            </p>
                        </details>
                        {terms}
                    </fieldset>
                }
            }));
            view! {
                <div class="cpn-stage-intro">
                    <p><strong>{words.term(Term::Maturity)} {words.colon}</strong> {text(&stage.maturity.name, lang)}</p>
                    // The step's question and what its gate asks, on demand: the questions come first.
                    <details class="cpn-why-fold">
                        <summary>{words.about_step}</summary>
                        <p><strong>{words.term(Term::TeamQuestion)} {words.colon}</strong> {text(&stage.team_question, lang)}</p>
                        {stage.gate.text.as_ref().map(|gate_text| view! { <p class="cpn-hint">{text(gate_text, lang)}</p> })}
                    </details>
                </div>
                {criteria}
            }
            .into_any()
        })
    };
    let title = move || {
        let number = viewed.get();
        let lang = interface.lang.get();
        let words = interface.words();
        pack.with(|pack| {
            let title = pack
                .stage(number)
                .map(|stage| stage.title.get(lang).to_owned())
                .unwrap_or_default();
            let mut title = format!(
                "{} {number} {} {}{}{title}",
                words.term(Term::Step),
                words.term(Term::Of),
                pack.stages().len(),
                words.colon
            );
            // Which questions are in view, when the step has several pages: the heading takes the
            // focus at each page, so this is what a screen reader announces.
            let count = criterion_count();
            if page_count() > 1 {
                let first = page() * per_page(count);
                let last = (first + per_page(count)).min(count);
                title.push_str(&format!(
                    " ({} {} {} {last} {} {count})",
                    words.questions,
                    first + 1,
                    words.to,
                    words.term(Term::Of)
                ));
            }
            title
        })
    };
    view! {
        <section class="cpn-questions">
            <div class="cpn-focus-target" tabindex="-1" node_ref=heading_ref>
                <Heading level=interface.heading(1) class="cpn-section-title">{title}</Heading>
            </div>
            {body}
            <div class="cpn-nav">
                // The pages of the step's questions, when it has several.
                <span class="cpn-pager" hidden=move || (page_count() < 2).then_some("")>
                    {nav_button(
                        interface,
                        "cpn-button cpn-button--secondary cpn-previous-questions",
                        |words| words.previous_questions,
                        Box::new(move || page() == 0),
                        Box::new(move || turn(page().saturating_sub(1))),
                    )}
                    {nav_button(
                        interface,
                        "cpn-button cpn-button--secondary cpn-next-questions",
                        |words| words.next_questions,
                        Box::new(move || page() + 1 >= page_count()),
                        Box::new(move || turn(page() + 1)),
                    )}
                </span>
                {nav_button(
                    interface,
                    "cpn-button cpn-button--secondary",
                    |words| words.previous_step,
                    Box::new(move || viewed.get() <= 1),
                    Box::new(move || go(viewed.get_untracked().saturating_sub(1).max(1))),
                )}
                {nav_button(
                    interface,
                    "cpn-button",
                    |words| words.term(Term::NextStep),
                    Box::new(move || usize::from(viewed.get()) >= stage_count()),
                    Box::new(move || go(viewed.get_untracked().saturating_add(1))),
                )}
            </div>
        </section>
    }
}

/// One button of the questions' navigation: its label in the interface's words, when it is
/// disabled, what it does. Boxed closures, so that the four buttons share one copy of the rendering
/// code.
fn nav_button(
    interface: Interface,
    class: &'static str,
    label: fn(&'static Words) -> &'static str,
    disabled: Box<dyn Fn() -> bool + Send + Sync>,
    press: Box<dyn Fn() + Send + Sync>,
) -> AnyView {
    view! {
        <button type="button" class=class part="button" disabled=disabled on:click=move |_| press()>
            {move || label(interface.words())}
        </button>
    }
    .into_any()
}
