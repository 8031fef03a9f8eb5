//! The `Parcours` component, root of one instance: it starts the visit, computes the one view model
//! of the answers, tells the host about changes and lays out the parts.

// `#[component]` generates a public props struct for a crate-private component.
#![allow(unreachable_pub)]

use std::sync::Arc;

use leptos::prelude::*;
use parcours_core::{Id, Lang, assess};

use crate::{
    actions::Actions,
    config::{HeadingLevel, Storage, Theme},
    glance::Glance,
    glossary::Glossary,
    notices::Notices,
    outcome::Outcome,
    parts::{Heading, Interface},
    questions::Questions,
    result_view::ResultView,
    session::Session,
    setup::Setup,
    stepper::Stepper,
    team::Team,
};

/// The whole widget as one instance shows it.
#[component]
pub(crate) fn Parcours(
    /// Makes element ids unique when several widgets share a page.
    instance_id: u32,
    /// The language of the interface and of the content.
    #[prop(into)]
    lang: Signal<Lang>,
    /// The level of the top heading, chosen by the host to fit its outline.
    #[prop(into)]
    heading_level: Signal<HeadingLevel>,
    /// The colour scheme.
    #[prop(into)]
    theme: Signal<Theme>,
    /// A persona id chosen by the host page; it preselects the role until the visitor picks one.
    #[prop(into)]
    persona: Signal<Option<Id>>,
    /// The URL of the host's content pack, if any; read once, at mount.
    content: Option<String>,
    /// Whether answers are kept in `localStorage`; read when the answers are restored and at each save.
    #[prop(into)]
    storage: Signal<Storage>,
    /// The host element's `id`, which keys its storage and fragment when several widgets share a page.
    element_id: Option<String>,
    /// Called with this instance's id, the team's stage and the chosen persona each time the stage
    /// or the persona changes after the answers are restored; never for the first render or the
    /// restoration itself, with or without `content`. A plain function, so that this module needs
    /// nothing from the host bridge.
    on_change: fn(u32, u8, Option<&Id>),
) -> impl IntoView {
    let interface = Interface {
        instance_id,
        lang,
        heading_level,
    };
    let session = Session::start(content, storage, element_id, persona);

    // The one assessment per change of the answers, the pack or the language.
    let result = Memo::new_with_compare(
        move |previous: Option<&Arc<ResultView>>| {
            let lang = lang.get();
            let view = session.pack.with(|pack| {
                session
                    .answers
                    .with(|answers| ResultView::new(&assess(pack, answers), lang))
            });
            Arc::new(match previous {
                Some(previous) => view.after(previous),
                None => view,
            })
        },
        // Recomputed only when the answers, the pack or the language changed: always news for the
        // parts that follow every change; the watched sections compare their revisions themselves.
        |_, _| true,
    );

    // Tells the host page when the stage or the persona changes, comparing with what it last saw
    // (or with the restored answers), so the restoration itself is never announced.
    Effect::new(move |previous: Option<Option<(u8, Option<Id>)>>| {
        let current = session
            .ready
            .get()
            .then(|| result.with(|result| (result.stage, result.persona.clone())));
        if let (Some(Some(before)), Some(now)) = (previous.as_ref(), current.as_ref())
            && before != now
        {
            on_change(instance_id, now.0, now.1.as_ref());
        }
        current
    });

    view! {
        <div class="cpn-parcours" lang=move || lang.get().code() data-theme=move || theme.get().name()>
            <Heading level=Signal::derive(move || heading_level.get().get()) class="cpn-title">
                {move || interface.words().title}
            </Heading>
            <p class="cpn-intro">{move || interface.words().intro}</p>
            <Notices interface notices=session.notices/>
            <Setup interface pack=session.pack answers=session.answers/>
            <Stepper interface pack=session.pack result viewed=session.viewed/>
            <Glance interface result pack=session.pack answers=session.answers previous=session.previous/>
            <Questions interface pack=session.pack answers=session.answers viewed=session.viewed/>
            <Outcome interface result/>
            <Glossary interface pack=session.pack/>
            <Actions interface session/>
            <Team interface session/>
        </div>
    }
}
