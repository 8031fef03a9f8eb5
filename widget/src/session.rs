//! The visit's I/O, working on signals: which pack, the answers restored from the share link or
//! `localStorage`, saved at each change, cleared on request, and the share link itself.
//!
//! The components only read and write the signals of a [`Session`]; nothing here renders.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use leptos::prelude::*;
use parcours_core::{Answers, Id, Lang, Pack, assess, history, share};

use crate::{
    config::Storage,
    content::{self, PackPart},
    notices::Notice,
    persist,
};

/// The first part of the default pack in compact form (see `Pack::to_compact_split`): the French
/// texts of its first step, and what every step shows from it.
static COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-pack.bin"));

/// The default pack read from its first part alone, shared by every instance of the page: French,
/// and without the texts of its later steps until [`default_pack_with`] reads its other parts.
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
#[derive(Debug, Clone, Default)]
pub(crate) struct Source {
    /// The compact pack: the embedded first part of the default one (`None`, never copied), or
    /// what the checker returned for a host's pack.
    host: Option<Arc<[u8]>>,
    /// The English part, when the pack is the default one and its English texts are here.
    pub(crate) english: Option<Arc<[u8]>>,
    /// The later part, when the pack is the default one and its later steps' texts are here.
    pub(crate) later: Option<Arc<[u8]>>,
}

impl Source {
    /// The compact pack, or the first part of a split one.
    pub(crate) fn compact(&self) -> &[u8] {
        self.host.as_deref().unwrap_or(COMPACT)
    }

    /// Whether the pack is the default one, whose other parts complete it.
    fn is_default(&self) -> bool {
        self.host.is_none()
    }
}

/// The parts of the default pack the page has fetched, and the packs read with them.
#[derive(Default)]
struct DefaultParts {
    english: Option<Arc<[u8]>>,
    later: Option<Arc<[u8]>>,
    /// Each pack read so far, by the parts it was read with: (English, later).
    read: Vec<((bool, bool), Arc<Pack>)>,
}

thread_local! {
    static DEFAULT_PARTS: RefCell<DefaultParts> = RefCell::default();
}

/// The default pack with its English part if `english` and its later part if `later`, if the page
/// has already read it so.
fn default_pack_read(english: bool, later: bool) -> Option<(Arc<Pack>, Source)> {
    if !english && !later {
        return Some((default_pack(), Source::default()));
    }
    DEFAULT_PARTS.with_borrow(|parts| {
        let (_, pack) = parts
            .read
            .iter()
            .find(|(key, _)| *key == (english, later))?;
        Some((
            pack.clone(),
            Source {
                host: None,
                english: parts.english.clone().filter(|_| english),
                later: parts.later.clone().filter(|_| later),
            },
        ))
    })
}

/// The default pack with its English part if `english` and its later part if `later`: each part
/// fetched once for the page (through the loader, which checks its SHA-384; both at once when both
/// are missing), then read with the embedded first part, whose checksum it must carry. Or why not,
/// in English.
async fn default_pack_with(english: bool, later: bool) -> Result<(Arc<Pack>, Source), String> {
    let here = |part: PackPart| {
        DEFAULT_PARTS.with_borrow(|parts| match part {
            PackPart::English => parts.english.is_some(),
            PackPart::Later => parts.later.is_some(),
        })
    };
    let fetches = [(english, PackPart::English), (later, PackPart::Later)]
        .map(|(wanted, part)| (wanted && !here(part)).then(|| (part, content::fetch_part(part))));
    for (part, fetch) in fetches.into_iter().flatten() {
        let bytes = Some(Arc::from(fetch.await?));
        DEFAULT_PARTS.with_borrow_mut(|parts| match part {
            PackPart::English => parts.english = bytes,
            PackPart::Later => parts.later = bytes,
        });
    }
    if let Some(read) = default_pack_read(english, later) {
        return Ok(read);
    }
    let (english_part, later_part) = DEFAULT_PARTS.with_borrow(|parts| {
        (
            parts.english.clone().filter(|_| english),
            parts.later.clone().filter(|_| later),
        )
    });
    let pack = Pack::from_compact_parts(COMPACT, english_part.as_deref(), later_part.as_deref())
        .map(Arc::new)
        .map_err(|error| error.to_string())?;
    DEFAULT_PARTS.with_borrow_mut(|parts| parts.read.push(((english, later), pack.clone())));
    default_pack_read(english, later).ok_or_else(|| "the default pack was not kept".to_owned())
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
    /// The date of the last visit before this one, when storage keeps a history; empty without one.
    /// The date and the answers are two signals of types the session has anyway, rather than one
    /// of a pair, which would bring its own copy of Leptos's reactive code.
    pub(crate) previous_date: RwSignal<String>,
    /// The answers of that visit (none without one).
    pub(crate) previous: RwSignal<Answers>,
    /// The dated snapshots of the visits, this one last once it has saved.
    snapshots: StoredValue<Vec<history::Snapshot>>,
    /// Whether this visit has a snapshot of its own yet, which later saves then replace.
    recorded: StoredValue<bool>,
    /// False once the history could not be written: the widget says so once and stops trying.
    history_works: RwSignal<bool>,
    /// The codes of a team's link (several codes in the fragment), for the team's section.
    pub(crate) team_codes: RwSignal<Vec<String>>,
    /// Whether this visit has asked for the later steps' texts of the default pack: once, whether
    /// they arrive or fail (the notices then say why, and a reload tries again).
    later_asked: StoredValue<bool>,
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
            source: StoredValue::new(Source::default()),
            answers: RwSignal::new(Answers::default()),
            viewed: RwSignal::new(1),
            ready: RwSignal::new(false),
            notices: RwSignal::new(Vec::new()),
            storage,
            storage_works: RwSignal::new(true),
            element_id: StoredValue::new(element_id),
            previous_date: RwSignal::new(String::new()),
            previous: RwSignal::new(Answers::default()),
            snapshots: StoredValue::new(Vec::new()),
            recorded: StoredValue::new(false),
            history_works: RwSignal::new(true),
            team_codes: RwSignal::new(Vec::new()),
            later_asked: StoredValue::new(false),
        };
        let english = lang.get_untracked() == Lang::En;
        // The best the page has read already: another instance may have fetched other parts.
        let read = default_pack_read(english, true).or_else(|| default_pack_read(english, false));
        match content.filter(|url| !url.trim().is_empty()) {
            None if read.is_none() => {
                // Restored once the English texts are here, so an English page never shows its
                // questions in French first (the loader fetched them beside the wasm).
                session
                    .notices
                    .update(|notices| notices.push(Notice::Loading));
                leptos::task::spawn_local(async move {
                    let pack = default_pack_with(true, false).await;
                    if session.answers.is_disposed() {
                        return;
                    }
                    session.notices.update(|notices| {
                        notices.retain(|notice| !matches!(notice, Notice::Loading));
                    });
                    let (pack, source) = pack.unwrap_or_else(|reason| {
                        session.english_failed(reason);
                        (default_pack(), Source::default())
                    });
                    session.restore(pack, source, persona.get_untracked(), lang);
                });
            }
            None => {
                let (pack, source) = read.unwrap_or_else(|| (default_pack(), Source::default()));
                session.restore(pack, source, persona.get_untracked(), lang);
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
                                ..Source::default()
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
                            (default_pack(), Source::default())
                        }
                    };
                    session.restore(pack, source, persona.get_untracked(), lang);
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
            let source = session.source.get_value();
            if !source.is_default() || source.english.is_some() {
                return;
            }
            leptos::task::spawn_local(async move {
                if let Err(reason) = session.read_default_with(PackPart::English).await {
                    session.english_failed(reason);
                }
            });
        });
        // The later steps' texts, from the visitor's first answer on, so that they are usually here
        // before the visitor goes past the first step; and at once when the visitor views a later
        // step, or the language changes to one the pack lacks them in. The first run after the
        // restore is not the visitor's doing (the restore fetched them itself if it needed them).
        Effect::new(move |ready_before: Option<bool>| {
            session.answers.track();
            session.pack.track();
            let viewed = session.viewed.get();
            let lang = lang.get();
            let ready = session.ready.get();
            if ready && (ready_before == Some(true) || viewed != 1) {
                session.fetch_later(lang);
            }
            ready
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

    /// Restores the answers once the pack is final, and shows the team's current stage; with the
    /// default pack's later texts first when the restored answers go past the first step.
    fn restore(self, pack: Arc<Pack>, source: Source, persona: Option<Id>, lang: Signal<Lang>) {
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
        let lang = lang.get_untracked();
        let needs_later = source.is_default()
            && pack.lacks_later_texts(lang)
            && !assess(&pack, &answers).within_first_step();
        if !needs_later {
            return self.show(pack, source, answers);
        }
        // Shown once the later texts are here, so that the result never lacks a text.
        self.notices.update(|notices| notices.push(Notice::Loading));
        self.later_asked.set_value(true);
        leptos::task::spawn_local(async move {
            let whole = default_pack_with(source.english.is_some(), true).await;
            if self.answers.is_disposed() {
                return;
            }
            self.notices.update(|notices| {
                notices.retain(|notice| !matches!(notice, Notice::Loading));
            });
            match whole {
                Ok((pack, source)) => self.show(pack, source, answers),
                Err(reason) => {
                    self.later_failed(reason);
                    self.show(pack, source, answers);
                }
            }
        });
    }

    /// Shows the restored `answers` on `pack`, opening the questions at the team's stage (once per
    /// visit, not per answer); from then on every change is saved and announced.
    fn show(self, pack: Arc<Pack>, source: Source, answers: Answers) {
        let stage = assess(&pack, &answers).stage.number;
        self.source.set_value(source);
        self.pack.set(pack);
        self.answers.set(answers);
        self.viewed.set(stage);
        self.ready.set(true);
    }

    /// Starts fetching the later steps' texts of the default pack, unless they are here in `lang`,
    /// on their way, or failed already (the notice then says why; a reload tries again).
    fn fetch_later(self, lang: Lang) {
        let lacking = self
            .pack
            .with_untracked(|pack| pack.lacks_later_texts(lang));
        // An English page waits for its English texts first, which cover the later steps too
        // when every later text has its English (the default pack's do).
        let english_coming = lang == Lang::En
            && self.source.with_value(|source| source.english.is_none())
            && !self.notices.with_untracked(|notices| {
                notices
                    .iter()
                    .any(|notice| matches!(notice, Notice::EnglishFailed(_)))
            });
        if !lacking
            || english_coming
            || self.later_asked.get_value()
            || !self.source.with_value(Source::is_default)
        {
            return;
        }
        self.later_asked.set_value(true);
        leptos::task::spawn_local(async move {
            let _ = self.complete(lang).await;
        });
    }

    /// The visit's pack with every text in `lang`: the later steps' texts of the default pack are
    /// fetched first if it lacks them, and the parts waiting for them (the result past the first
    /// step, a later step's questions) show them as soon as they are here. Or why not, in English,
    /// which the notices also say.
    pub(crate) async fn complete(self, lang: Lang) -> Result<(), String> {
        // A task spawned for an element removed since has nothing left to complete.
        if self.answers.is_disposed()
            || !self
                .pack
                .with_untracked(|pack| pack.lacks_later_texts(lang))
            || !self.source.with_value(Source::is_default)
        {
            return Ok(());
        }
        let read = self.read_default_with(PackPart::Later).await;
        if let Err(reason) = &read
            && !self.answers.is_disposed()
        {
            self.later_failed(reason.clone());
        }
        read
    }

    /// Reads the default pack again with `part`, fetched if the page lacks it, keeping the parts
    /// this visit had already; a no-op once a host's pack is shown.
    async fn read_default_with(self, part: PackPart) -> Result<(), String> {
        if self.answers.is_disposed() {
            return Ok(());
        }
        let wanted = move |source: &Source| {
            (
                part == PackPart::English || source.english.is_some(),
                part == PackPart::Later || source.later.is_some(),
            )
        };
        let (english, later) = self.source.with_value(wanted);
        default_pack_with(english, later).await?;
        // Meanwhile, another change may have brought the other part: both are kept, and the parts
        // are here now, so this reads without a request.
        if self.answers.is_disposed() || !self.source.with_value(Source::is_default) {
            return Ok(());
        }
        let (english, later) = self.source.with_value(wanted);
        let (pack, source) = default_pack_with(english, later).await?;
        if self.answers.is_disposed() {
            return Ok(());
        }
        self.source.set_value(source);
        self.pack.set(pack);
        Ok(())
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
        let (date, answers) = previous.unwrap_or_default();
        self.previous.set(answers);
        self.previous_date.set(date);
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

    /// Says once that the later steps' texts could not be used: the parts that need them say so.
    fn later_failed(self, reason: String) {
        web_sys::console::warn_1(
            &format!("<cpn-parcours>: the later steps' texts of the default content: {reason}")
                .into(),
        );
        self.notices.update(|notices| {
            if !notices.iter().any(|n| matches!(n, Notice::LaterFailed(_))) {
                notices.push(Notice::LaterFailed(reason));
            }
        });
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
        self.previous_date.set(String::new());
        self.previous.set(Answers::default());
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
