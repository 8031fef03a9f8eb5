//! The visit's I/O, working on signals: which pack, the answers restored from the share link or
//! `localStorage`, saved at each change, cleared on request, and the share link itself.
//!
//! The components only read and write the signals of a [`Session`]; nothing here renders.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use leptos::prelude::*;
use parcours_core::{Answers, Id, Lang, Pack, assess, history, share};

use crate::{config::Storage, content, notices::Notice, persist};

/// The French half of the default pack in compact form (see `Pack::to_compact_split`).
static COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-pack.bin"));

/// The default pack in French, shared by every instance of the page: its texts have no English
/// until [`default_pack_in_english`] has fetched it.
///
/// `build.rs` validated it natively and embedded its compact form; the same build's
/// `Pack::from_compact` reads it back, so failing here would be a build defect, not bad input.
fn default_pack() -> Arc<Pack> {
    static PACK: OnceLock<Arc<Pack>> = OnceLock::new();
    PACK.get_or_init(|| {
        Arc::new(Pack::from_compact(COMPACT).expect("build.rs embeds a readable default pack"))
    })
    .clone()
}

/// The compact bytes a pack was read from, which the documents module reads again to write a download.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The compact pack: the embedded French half of the default one (`None`, never copied), or
    /// what the checker returned for a host's pack.
    host: Option<Arc<[u8]>>,
    /// The English half, when the pack is the default one and its English texts are here.
    pub(crate) english: Option<Arc<[u8]>>,
}

impl Source {
    /// The compact pack, or the French half of a split one.
    pub(crate) fn compact(&self) -> &[u8] {
        self.host.as_deref().unwrap_or(COMPACT)
    }
}

/// The source of [`default_pack`].
fn default_source() -> Source {
    Source {
        host: None,
        english: None,
    }
}

thread_local! {
    /// The default pack with its English texts, once one instance of the page has fetched them.
    static IN_ENGLISH: RefCell<Option<(Arc<Pack>, Source)>> = const { RefCell::new(None) };
}

/// The default pack with its English texts, if the page already has them.
fn default_pack_if_english() -> Option<(Arc<Pack>, Source)> {
    IN_ENGLISH.with_borrow(Clone::clone)
}

/// The default pack with its English texts: fetched once for the page (`parcours_widget_en.bin`,
/// through the loader, which checks its SHA-384), then read with the embedded French half, whose
/// checksum it must carry. Or why not, in English.
async fn default_pack_in_english() -> Result<(Arc<Pack>, Source), String> {
    if let Some(loaded) = default_pack_if_english() {
        return Ok(loaded);
    }
    let english = content::fetch_english().await?;
    let pack = Pack::from_compact_with_english(COMPACT, &english)
        .map(Arc::new)
        .map_err(|error| error.to_string())?;
    let source = Source {
        english: Some(Arc::from(english)),
        ..default_source()
    };
    IN_ENGLISH.with_borrow_mut(|cached| *cached = Some((pack.clone(), source.clone())));
    Ok((pack, source))
}

/// One instance's visit: its state, and where that state is kept.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Session {
    /// The pack the answers refer to: the default one until a host's pack has loaded, or failed to.
    pub(crate) pack: RwSignal<Arc<Pack>>,
    /// The bytes `pack` was read from, for the downloads.
    pub(crate) source: StoredValue<Source>,
    /// What the visitor answered.
    pub(crate) answers: RwSignal<Answers>,
    /// The stage whose questions are shown.
    pub(crate) viewed: RwSignal<u8>,
    /// Whether the answers are restored; nothing is saved or announced before.
    pub(crate) ready: RwSignal<bool>,
    /// What the visitor should know about the widget itself.
    pub(crate) notices: RwSignal<Vec<Notice>>,
    /// Whether answers may be kept in `localStorage`, as the host says now.
    storage: Signal<Storage>,
    /// False once `localStorage` refused a read or a write: the widget stops trying and says so once.
    storage_works: RwSignal<bool>,
    /// The host element's `id`, which keys the storage and the fragment.
    element_id: StoredValue<Option<String>>,
    /// The answers of the last visit before this one, and its date, when storage keeps a history.
    pub(crate) previous: RwSignal<Option<(String, Answers)>>,
    /// The dated snapshots of the visits, this one last once it has saved.
    snapshots: StoredValue<Vec<history::Snapshot>>,
    /// Whether this visit has a snapshot of its own yet, which later saves then replace.
    recorded: StoredValue<bool>,
    /// False once the history could not be written: the widget says so once and stops trying.
    history_works: RwSignal<bool>,
    /// The codes of a team's link (several codes in the fragment), for the team's section.
    pub(crate) team_codes: RwSignal<Vec<String>>,
}

impl Session {
    /// Starts the visit: loads the host's pack if `content` names one, then restores the answers
    /// (share link first, then storage, then the host's `persona`), and saves every later change.
    pub(crate) fn start(
        content: Option<String>,
        storage: Signal<Storage>,
        element_id: Option<String>,
        persona: Signal<Option<Id>>,
        lang: Signal<Lang>,
    ) -> Session {
        let session = Session {
            pack: RwSignal::new(default_pack()),
            source: StoredValue::new(default_source()),
            answers: RwSignal::new(Answers::default()),
            viewed: RwSignal::new(1),
            ready: RwSignal::new(false),
            notices: RwSignal::new(Vec::new()),
            storage,
            storage_works: RwSignal::new(true),
            element_id: StoredValue::new(element_id),
            previous: RwSignal::new(None),
            snapshots: StoredValue::new(Vec::new()),
            recorded: StoredValue::new(false),
            history_works: RwSignal::new(true),
            team_codes: RwSignal::new(Vec::new()),
        };
        match content.filter(|url| !url.trim().is_empty()) {
            None if lang.get_untracked() == Lang::En && default_pack_if_english().is_none() => {
                // Restored once the English texts are here, so an English page never shows its
                // questions in French first (the loader fetched them beside the wasm).
                session
                    .notices
                    .update(|notices| notices.push(Notice::Loading));
                leptos::task::spawn_local(async move {
                    let pack = default_pack_in_english().await;
                    if session.answers.is_disposed() {
                        return;
                    }
                    session.notices.update(|notices| {
                        notices.retain(|notice| !matches!(notice, Notice::Loading));
                    });
                    let (pack, source) = pack.unwrap_or_else(|reason| {
                        session.english_failed(reason);
                        (default_pack(), default_source())
                    });
                    session.restore(pack, source, persona.get_untracked());
                });
            }
            None => {
                let (pack, source) = match lang.get_untracked() {
                    Lang::En => default_pack_if_english(),
                    Lang::Fr => None,
                }
                .unwrap_or_else(|| (default_pack(), default_source()));
                session.restore(pack, source, persona.get_untracked());
            }
            Some(url) => {
                session
                    .notices
                    .update(|notices| notices.push(Notice::Loading));
                leptos::task::spawn_local(async move {
                    let result = content::fetch_pack(&url).await;
                    // Removed while the pack was on its way: nothing of the element is left to update.
                    if session.answers.is_disposed() {
                        return;
                    }
                    session.notices.update(|notices| {
                        notices.retain(|notice| !matches!(notice, Notice::Loading));
                    });
                    let (pack, source) = match result {
                        Ok((pack, compact)) => (
                            Arc::new(pack),
                            Source {
                                host: Some(Arc::from(compact)),
                                english: None,
                            },
                        ),
                        Err(error) => {
                            web_sys::console::warn_1(
                                &format!(
                                    "<cpn-parcours>: content pack {url}: {}",
                                    error.message(Lang::En)
                                )
                                .into(),
                            );
                            session
                                .notices
                                .update(|notices| notices.push(Notice::ContentFailed(error)));
                            (default_pack(), default_source())
                        }
                    };
                    session.restore(pack, source, persona.get_untracked());
                });
            }
        }
        // A switch to English after the start: the default pack gains its English texts, and the
        // answers, which refer to ids, stay as they are. Before the start has restored the answers,
        // the start itself chooses the pack.
        Effect::new(move |_| {
            if lang.get() != Lang::En || !session.ready.get() {
                return;
            }
            let french = default_pack();
            if !session
                .pack
                .with_untracked(|pack| Arc::ptr_eq(pack, &french))
            {
                return;
            }
            leptos::task::spawn_local(async move {
                let pack = default_pack_in_english().await;
                if session.answers.is_disposed() {
                    return;
                }
                match pack {
                    // Unless a host's pack or another switch came first.
                    Ok((pack, source))
                        if session.pack.with_untracked(|now| Arc::ptr_eq(now, &french)) =>
                    {
                        session.source.set_value(source);
                        session.pack.set(pack);
                    }
                    Ok(_) => {}
                    Err(reason) => session.english_failed(reason),
                }
            });
        });
        if storage.get_untracked() == Storage::None {
            session
                .notices
                .update(|notices| notices.push(Notice::StorageOff));
        }
        Effect::new(move |_| session.save());
        // A persona the host sets later still preselects the role, as long as the visitor has not chosen one.
        Effect::new(move |_| {
            let wanted = persona.get();
            if session.ready.get()
                && let Some(wanted) = wanted
            {
                session.preselect(&wanted);
            }
        });
        session
    }

    /// Restores the answers once the pack is final, and shows the team's current stage.
    fn restore(self, pack: Arc<Pack>, source: Source, persona: Option<Id>) {
        let element_id = self.element_id.get_value();
        let fragment = web_sys::window()
            .and_then(|window| window.location().hash().ok())
            .unwrap_or_default();
        // One code is a member's link, restored as the answers; several are a team's, shown as the
        // team's result beside the visitor's own answers (from storage).
        let codes =
            share::codes_in_fragment(&fragment, &share::fragment_key(element_id.as_deref()));
        let from_link = match codes.as_slice() {
            [code] => Some((*code).to_owned()),
            _ => None,
        };
        if codes.len() > 1 {
            self.team_codes
                .set(codes.iter().map(|code| (*code).to_owned()).collect());
        }
        let from_storage = if self.storage.get_untracked() == Storage::Local {
            let key = persist::storage_key(pack.id().as_str(), element_id.as_deref());
            match persist::local_storage().and_then(|storage| storage.get_item(&key)) {
                Ok(code) => code,
                Err(_) => {
                    self.storage_failed();
                    None
                }
            }
        } else {
            None
        };
        if self.storage.get_untracked() == Storage::Local {
            self.restore_history(&pack);
        }
        let mut answers = Answers::default();
        if let Some(code) = from_link.or(from_storage) {
            match Answers::decode(&code, &pack) {
                Ok(decoded) => {
                    answers = decoded.answers;
                    if !decoded.notes.is_empty() {
                        self.notices
                            .update(|notices| notices.push(Notice::Restored(decoded.notes)));
                    }
                }
                Err(error) => self
                    .notices
                    .update(|notices| notices.push(Notice::Code(error))),
            }
        }
        if answers.persona.is_none() {
            answers.persona = persona.filter(|id| pack.persona(id.as_str()).is_some());
        }
        // Once per visit, not per answer: the questions open at the team's stage.
        let stage = assess(&pack, &answers).stage.number;
        self.source.set_value(source);
        self.pack.set(pack);
        self.answers.set(answers);
        self.viewed.set(stage);
        self.ready.set(true);
    }

    /// Chooses the host's persona if the pack has it and the visitor has chosen none.
    fn preselect(self, wanted: &Id) {
        let known = self
            .pack
            .with_untracked(|pack| pack.persona(wanted.as_str()).is_some());
        if !known {
            web_sys::console::warn_1(
                &format!("<cpn-parcours>: persona=\"{wanted}\" is not a role of this content; no role is preselected").into(),
            );
        } else if self
            .answers
            .with_untracked(|answers| answers.persona.is_none())
        {
            self.answers
                .update(|answers| answers.persona = Some(wanted.clone()));
        }
    }

    /// The current answers' code (tracked, so an effect that calls it reruns at each change).
    fn code(self) -> String {
        self.pack
            .with(|pack| self.answers.with(|answers| answers.encode(pack)))
    }

    /// Saves the answers, once they are restored and if the host allows storage.
    ///
    /// The write is a task of its own, queued behind the effects that update the result, so the
    /// result on screen updates first: `localStorage` is synchronous, and writing it took a fifth
    /// of the time from an answer to the updated result.
    fn save(self) {
        let code = self.code();
        if !self.ready.get()
            || !self.storage_works.get_untracked()
            || self.storage.get() != Storage::Local
        {
            return;
        }
        let key = self.storage_key();
        leptos::task::spawn_local(async move {
            let written =
                persist::local_storage().and_then(|storage| storage.set_item(&key, &code));
            // The element may have been removed since the answer: the answers are written all the
            // same, but its reactive values are disposed, and touching one would trap the wasm.
            if self.answers.is_disposed() {
                return;
            }
            if written.is_err() {
                self.storage_failed();
                return;
            }
            // The answers are saved first: whatever happens to the history never costs them.
            self.save_history(code);
        });
    }

    /// Reads the history of visits and keeps the last one as the visit to compare with.
    fn restore_history(self, pack: &Pack) {
        let key = persist::history_key(&self.storage_key_for(pack));
        let stored = match persist::local_storage().and_then(|storage| storage.get_item(&key)) {
            Ok(stored) => stored.unwrap_or_default(),
            Err(_) => return self.storage_failed(),
        };
        let (snapshots, damaged) = history::decode(&stored);
        if damaged {
            self.notices
                .update(|notices| notices.push(Notice::HistoryDamaged));
        }
        let previous = snapshots.last().and_then(|last| {
            Answers::decode(&last.code, pack)
                .ok()
                .map(|decoded| (last.date.clone(), decoded.answers))
        });
        self.previous.set(previous);
        self.snapshots.set_value(snapshots);
    }

    /// Records this visit's snapshot, dated today, and writes the history; says once if it cannot.
    fn save_history(self, code: String) {
        // A blank state (a first look, or just cleared) is no visit worth remembering.
        let blank = self
            .answers
            .with_untracked(|answers| *answers == Answers::default());
        if blank || !self.history_works.get_untracked() {
            return;
        }
        let date = String::from(js_sys::Date::new_0().to_iso_string())
            .chars()
            .take(10)
            .collect();
        let same_visit = self.recorded.get_value();
        self.snapshots.update_value(|snapshots| {
            history::record(snapshots, history::Snapshot { date, code }, same_visit);
        });
        self.recorded.set_value(true);
        let text = self
            .snapshots
            .with_value(|snapshots| history::encode(snapshots));
        let key = persist::history_key(&self.storage_key());
        if persist::local_storage()
            .and_then(|storage| storage.set_item(&key, &text))
            .is_err()
        {
            self.history_works.set(false);
            self.notices
                .update(|notices| notices.push(Notice::HistoryUnsaved));
        }
    }

    /// Says once that the English texts could not be used: the content stays in French.
    fn english_failed(self, reason: String) {
        web_sys::console::warn_1(
            &format!("<cpn-parcours>: the English texts of the default content: {reason}").into(),
        );
        self.notices.update(|notices| {
            if !notices
                .iter()
                .any(|n| matches!(n, Notice::EnglishFailed(_)))
            {
                notices.push(Notice::EnglishFailed(reason));
            }
        });
    }

    /// Forgets the answers, here and in `localStorage`.
    pub(crate) fn clear(self) {
        self.answers.set(Answers::default());
        self.viewed.set(1);
        if self.storage_works.get_untracked()
            && self.storage.get_untracked() == Storage::Local
            && let Ok(storage) = persist::local_storage()
        {
            let _ = storage.remove_item(&self.storage_key());
            let _ = storage.remove_item(&persist::history_key(&self.storage_key()));
        }
        self.previous.set(None);
        self.snapshots.set_value(Vec::new());
        self.recorded.set_value(false);
    }

    /// The page's address with this widget's answer code in the fragment, keeping the rest of it.
    pub(crate) fn share_link(self) -> Option<String> {
        let code = self
            .pack
            .with_untracked(|pack| self.answers.with_untracked(|answers| answers.encode(pack)));
        self.link_to(&code)
    }

    /// The page's address with `code` as this widget's answer code in the fragment.
    pub(crate) fn link_to(self, code: &str) -> Option<String> {
        self.link_to_all(&[code])
    }

    /// The page's address with `codes` as this widget's codes: a team's link when there are several.
    pub(crate) fn link_to_all(self, codes: &[&str]) -> Option<String> {
        let location = web_sys::window()?.location();
        let page = location.href().unwrap_or_default();
        let page = page.split('#').next().unwrap_or_default();
        let key = share::fragment_key(self.element_id.get_value().as_deref());
        let fragment = share::fragment_with_all(&location.hash().unwrap_or_default(), &key, codes);
        Some(format!("{page}{fragment}"))
    }

    fn storage_key(self) -> String {
        self.pack.with_untracked(|pack| self.storage_key_for(pack))
    }

    fn storage_key_for(self, pack: &Pack) -> String {
        let element_id = self.element_id.get_value();
        persist::storage_key(pack.id().as_str(), element_id.as_deref())
    }

    /// Says once that storage does not work; a no-op if the instance is gone meanwhile.
    fn storage_failed(self) {
        // Once: the answers and their history may both find storage refused.
        if self.storage_works.try_get_untracked() == Some(true)
            && self.storage_works.try_set(false).is_none()
        {
            self.notices
                .try_update(|notices| notices.push(Notice::StorageUnavailable));
        }
    }
}
