//! Fetching a host's content pack, with a timeout, a size cap and a reason for every failure, and
//! the default pack's other parts and the downloads, through the loader.
//!
//! The widget does not validate JSON itself: the checker (`checker/`, a second wasm module that the
//! loader fetches on first use) parses the text with the browser's `JSON.parse`, validates it with
//! `Pack::from_deserializer` and hands back the pack in compact form, so pages that keep the default
//! pack never download a JSON parser or the validation code.

use std::cell::RefCell;

use parcours_core::{Lang, MAX_PACK_BYTES, Pack};

use crate::session::Source;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The loader's `fetchPack(url, timeout, maxBytes)`: a promise of the compact pack, rejected
    /// with `[kind, detail]` ([`FetchError::from_rejection`]).
    static FETCHER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the function that fetches and validates a host's pack (see [`crate::set_pack_fetcher`]).
pub(crate) fn set_fetcher(fetch: js_sys::Function) {
    FETCHER.with_borrow_mut(|fetcher| *fetcher = Some(fetch));
}

thread_local! {
    /// The loader's `loadPart(name)`: a promise of a part of the default pack beside the embedded one.
    static PART_LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the function that fetches the default pack's other parts (see [`crate::set_part_loader`]).
pub(crate) fn set_part_loader(load: js_sys::Function) {
    PART_LOADER.with_borrow_mut(|loader| *loader = Some(load));
}

/// A part of the default pack that the wasm does not embed (see `Pack::to_compact_split`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PackPart {
    /// Every English text, for English pages.
    English,
    /// The French texts of the later steps, for a visit past the first step.
    Later,
}

impl PackPart {
    /// Its name for the loader's `loadPart`.
    fn name(self) -> &'static str {
        match self {
            PackPart::English => "english",
            PackPart::Later => "later",
        }
    }
}

/// Asks the loader for `part` at once, and returns its bytes once they are here (checked against
/// their SHA-384 by the loader), within [`TIMEOUT_MS`]; or why not, in English, as the browser or
/// the loader said it. The request starts before the first poll, so that two parts load together.
pub(crate) fn fetch_part(part: PackPart) -> impl Future<Output = Result<Vec<u8>, String>> {
    let asked = PART_LOADER
        .with_borrow(Clone::clone)
        .ok_or_else(|| "the loader did not register loadPart".to_owned())
        .and_then(|load| {
            load.call2(
                &JsValue::NULL,
                &JsValue::from_str(part.name()),
                &JsValue::from(TIMEOUT_MS),
            )
            .map_err(|error| reason(&error))
        });
    async move {
        answer(asked?)
            .await?
            .dyn_into::<js_sys::Uint8Array>()
            .map(|bytes| bytes.to_vec())
            .map_err(|_| "loadPart did not give bytes".to_owned())
    }
}

thread_local! {
    /// The loader's `saveDocument(parent, [kind, pack, english, later, code, lang], fileName, mime,
    /// timeout)`: a promise that the download was offered.
    static DOCUMENT_SAVER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the function that writes and offers a download (see [`crate::set_document_saver`]).
pub(crate) fn set_document_saver(save: js_sys::Function) {
    DOCUMENT_SAVER.with_borrow_mut(|saver| *saver = Some(save));
}

/// One of the downloads, which the documents module (`documents/`) writes with its own copy of the
/// core: the widget never needs the code of the Markdown report or of the plan until a visitor asks
/// for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Document {
    /// The Markdown summary (`report::markdown`).
    Report,
    /// The plan of action as a Markdown task list (`plan::markdown`).
    PlanMarkdown,
    /// The plan of action for a spreadsheet (`plan::csv`).
    PlanCsv,
}

impl Document {
    /// Its name for the documents module's `document` (see `documents/src/lib.rs`).
    fn name(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::PlanMarkdown => "plan",
            Document::PlanCsv => "plan-csv",
        }
    }
}

/// Has the loader write `document` for the answers `code` on the pack read from `source`, in
/// `lang`, and offer it as the file `file_name` of type `mime`, through a temporary link inside
/// `parent`; or says why not, in English. The text never enters the widget's memory.
pub(crate) async fn save_document(
    document: Document,
    source: &Source,
    code: &str,
    lang: Lang,
    parent: &web_sys::Element,
    (file_name, mime): (&str, &str),
) -> Result<(), String> {
    let save = DOCUMENT_SAVER
        .with_borrow(Clone::clone)
        .ok_or("the loader did not register saveDocument")?;
    let bytes = |part: Option<&[u8]>| {
        part.map_or(JsValue::UNDEFINED, |part| {
            js_sys::Uint8Array::from(part).into()
        })
    };
    let written = [
        JsValue::from_str(document.name()),
        bytes(Some(source.compact())),
        bytes(source.english.as_deref()),
        bytes(source.later.as_deref()),
        JsValue::from_str(code),
        JsValue::from_str(lang.code()),
    ];
    let arguments = [
        parent.into(),
        written.into_iter().collect::<js_sys::Array>().into(),
        JsValue::from_str(file_name),
        JsValue::from_str(mime),
        JsValue::from(TIMEOUT_MS),
    ];
    let promise = save
        .apply(&JsValue::NULL, &arguments.into_iter().collect())
        .map_err(|error| reason(&error))?;
    answer(promise).await.map(drop)
}

/// What a promise of the loader resolved to, or why it was rejected, in English.
async fn answer(promise: JsValue) -> Result<JsValue, String> {
    JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(|error| reason(&error))
}

/// What a rejected promise says: an `Error`'s message, or the value itself as text.
fn reason(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// How long the widget waits for a content pack before it gives up and shows the default.
pub(crate) const TIMEOUT_MS: i32 = 8_000;

/// Why a content pack could not be used; the widget shows it and falls back to the default pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FetchError {
    Network,
    Timeout,
    Status(u16),
    ContentType(String),
    TooLarge(usize),
    Invalid(String),
    /// The checker module could not be loaded or did not answer in time.
    Checker,
}

impl FetchError {
    /// The reason, as the notice shows it after "could not be loaded".
    pub(crate) fn message(&self, lang: Lang) -> String {
        let seconds = TIMEOUT_MS / 1000;
        match (self, lang) {
            (FetchError::Network, Lang::Fr) => {
                "le serveur n'a pas pu être joint (réseau, CORS ou politique de sécurité).".to_owned()
            }
            (FetchError::Network, Lang::En) => {
                "the server could not be reached (network, CORS or security policy).".to_owned()
            }
            (FetchError::Timeout, Lang::Fr) => {
                format!("le serveur n'a pas répondu en {seconds} secondes.")
            }
            (FetchError::Timeout, Lang::En) => {
                format!("the server did not answer within {seconds} seconds.")
            }
            (FetchError::Status(status), Lang::Fr) => {
                format!("le serveur a répondu avec le code HTTP {status}.")
            }
            (FetchError::Status(status), Lang::En) => {
                format!("the server answered with HTTP status {status}.")
            }
            (FetchError::ContentType(kind), Lang::Fr) => {
                format!("le fichier est servi en « {kind} » et non en JSON (application/json).")
            }
            (FetchError::ContentType(kind), Lang::En) => {
                format!("the file is served as \"{kind}\", not as JSON (application/json).")
            }
            (FetchError::TooLarge(size), Lang::Fr) => {
                format!("le fichier fait {size} octets, plus que la limite de {MAX_PACK_BYTES} octets.")
            }
            (FetchError::TooLarge(size), Lang::En) => {
                format!("the file is {size} bytes, more than the {MAX_PACK_BYTES}-byte limit.")
            }
            (FetchError::Invalid(error), Lang::Fr) => {
                format!("le contenu n'est pas valide : {error}")
            }
            (FetchError::Invalid(error), Lang::En) => format!("the content is not valid: {error}"),
            (FetchError::Checker, Lang::Fr) => {
                "le vérificateur de contenu (parcours_checker.js) n'a pas pu être chargé depuis le dossier du widget.".to_owned()
            }
            (FetchError::Checker, Lang::En) => {
                "the content checker (parcours_checker.js) could not be loaded from the widget's folder.".to_owned()
            }
        }
    }
}

/// Fetches and validates the pack at `url` (relative URLs resolve against the page, like any link)
/// through the loader's `fetchPack`, which downloads it and hands it to the checker within
/// [`TIMEOUT_MS`] each, and reads the compact pack it returns. The download is the loader's: the
/// same in Rust took 2.2 KB of wasm and glue.
pub(crate) async fn fetch_pack(url: &str) -> Result<(Pack, Vec<u8>), FetchError> {
    let fetch = FETCHER
        .with_borrow(Clone::clone)
        .ok_or(FetchError::Checker)?;
    let fetched = fetch
        .call3(
            &JsValue::NULL,
            &JsValue::from_str(url),
            &JsValue::from(TIMEOUT_MS),
            &JsValue::from(MAX_PACK_BYTES as f64),
        )
        .map_err(|_| FetchError::Checker)?;
    let bytes = JsFuture::from(js_sys::Promise::from(fetched))
        .await
        .map_err(|reason| FetchError::from_rejection(&reason))?
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| FetchError::Checker)?
        .to_vec();
    // The bytes are kept: the documents module reads them again to write a download.
    Pack::from_compact(&bytes)
        .map(|pack| (pack, bytes))
        .map_err(|error| FetchError::Invalid(error.to_string()))
}

impl FetchError {
    /// The error `fetchPack` rejected with, `[kind, detail]`; anything else is the checker's failure.
    fn from_rejection(reason: &JsValue) -> FetchError {
        let detail = js_sys::Reflect::get_u32(reason, 1).unwrap_or(JsValue::UNDEFINED);
        let number = detail.as_f64().unwrap_or_default();
        let kind = js_sys::Reflect::get_u32(reason, 0)
            .ok()
            .and_then(|kind| kind.as_string());
        match kind.as_deref() {
            Some("network") => FetchError::Network,
            Some("timeout") => FetchError::Timeout,
            Some("status") => FetchError::Status(number as u16),
            Some("type") => FetchError::ContentType(detail.as_string().unwrap_or_default()),
            Some("size") => FetchError::TooLarge(number as usize),
            Some("invalid") => FetchError::Invalid(detail.as_string().unwrap_or_default()),
            _ => FetchError::Checker,
        }
    }
}
