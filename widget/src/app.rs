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
    result_view::{HostState, ResultView},
    session::Session,
    setup::Setup,
    stepper::Stepper,
    team::Team,
};

/// What the host page is told, with the [`HostState`] of the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostNews {
    /// The first result is rendered: `parcours-ready`.
    Ready,
    /// The stage or the persona changed: `parcours-change`.
    Change,
    /// Only the other facts changed (criteria left, language): no event, the reflected state is updated.
    Update,
}

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
    /// Called with this instance's id, what happened and the state the host page is told of:
    /// [`HostNews::Ready`] once, when the first result is rendered (answers restored, pack loaded or
    /// fallen back); [`HostNews::Change`] each time the stage or the persona changes after that;
    /// [`HostNews::Update`] when only the other facts changed. The restoration itself is never a
    /// change, with or without `content`. A plain function, so that this module needs nothing from
    /// the host bridge.
    on_host: fn(u32, HostNews, &HostState),
) -> impl IntoView {
    let interface = Interface {
        instance_id,
        lang,
        heading_level,
    };
    let session = Session::start(content, storage, element_id, persona, lang);

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

    // Tells the host page when the first result is shown and when the stage or the persona changes,
    // comparing with what it last saw (or with the restored answers), so the restoration itself is
    // never announced as a change.
    Effect::new(move |previous: Option<Option<HostState>>| {
        let current = session
            .ready
            .get()
            .then(|| result.with(|result| result.host.clone()));
        if let Some(now) = current.as_ref() {
            let news = match previous.flatten() {
                None => Some(HostNews::Ready),
                Some(before) if (before.stage, &before.persona) != (now.stage, &now.persona) => {
                    Some(HostNews::Change)
                }
                Some(before) if before != *now => Some(HostNews::Update),
                Some(_) => None,
            };
            if let Some(news) = news {
                on_host(instance_id, news, now);
            }
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
            <Glance interface result pack=session.pack answers=session.answers previous_date=session.previous_date previous=session.previous/>
            <Questions interface pack=session.pack answers=session.answers viewed=session.viewed notices=session.notices/>
            <Outcome interface result notices=session.notices/>
            <Glossary interface pack=session.pack/>
            <Actions interface session/>
            <Team interface session/>
        </div>
    }
}
