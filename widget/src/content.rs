//! Fetching a host's content pack, with a timeout, a size cap and a reason for every failure.
//!
//! The widget does not validate JSON itself: the checker (`checker/`, a second wasm module that the
//! loader fetches on first use) parses the text with the browser's `JSON.parse`, validates it with
//! `Pack::from_deserializer` and hands back the pack in compact form, so pages that keep the default
//! pack never download a JSON parser or the validation code.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use parcours_core::{Lang, MAX_PACK_BYTES, Pack};

use crate::session::Source;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The loader's `checkPack(text, url)`: a promise of the compact pack, rejected with a message.
    static CHECKER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the function that validates a fetched pack (see [`crate::set_pack_checker`]).
pub(crate) fn set_checker(check: js_sys::Function) {
    CHECKER.with_borrow_mut(|checker| *checker = Some(check));
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
            load.call1(&JsValue::NULL, &JsValue::from_str(part.name()))
                .map_err(|error| reason(&error))
        });
    async move {
        within_timeout(asked?)
            .await?
            .dyn_into::<js_sys::Uint8Array>()
            .map(|bytes| bytes.to_vec())
            .map_err(|_| "loadPart did not give bytes".to_owned())
    }
}

thread_local! {
    /// The loader's `writeDocument(kind, pack, english, code, lang)`: a promise of a download's text.
    static DOCUMENT_WRITER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the function that writes a download (see [`crate::set_document_writer`]).
pub(crate) fn set_document_writer(write: js_sys::Function) {
    DOCUMENT_WRITER.with_borrow_mut(|writer| *writer = Some(write));
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

/// The text of `document` for the answers `code` on the pack read from `source`, in `lang`; or why
/// not, in English.
pub(crate) async fn write_document(
    document: Document,
    source: &Source,
    code: &str,
    lang: Lang,
) -> Result<String, String> {
    let write = DOCUMENT_WRITER
        .with_borrow(Clone::clone)
        .ok_or("the loader did not register writeDocument")?;
    let bytes = |part: Option<&[u8]>| {
        part.map_or(JsValue::UNDEFINED, |part| {
            js_sys::Uint8Array::from(part).into()
        })
    };
    let arguments = [
        JsValue::from_str(document.name()),
        bytes(Some(source.compact())),
        bytes(source.english.as_deref()),
        bytes(source.later.as_deref()),
        JsValue::from_str(code),
        JsValue::from_str(lang.code()),
    ];
    let promise = write
        .apply(&JsValue::NULL, &arguments.into_iter().collect())
        .map_err(|error| reason(&error))?;
    within_timeout(promise)
        .await?
        .as_string()
        .ok_or_else(|| "writeDocument did not give text".to_owned())
}

/// Awaits a promise one of the loader's functions returned, for at most [`TIMEOUT_MS`]: what it
/// resolved to, or why not, in English.
async fn within_timeout(promise: JsValue) -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("no window")?;
    match within_deadline(&window, promise).await {
        // The deadline resolves to `undefined`; the loader's functions never do.
        Ok(value) if value.is_undefined() => {
            Err(format!("no answer within {} seconds", TIMEOUT_MS / 1000))
        }
        Ok(value) => Ok(value),
        Err(error) => Err(reason(&error)),
    }
}

/// What a rejected promise says: an `Error`'s message, or the value itself as text.
fn reason(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Awaits `promise` for at most [`TIMEOUT_MS`]: past that, resolves to `undefined`.
async fn within_deadline(window: &web_sys::Window, promise: JsValue) -> Result<JsValue, JsValue> {
    let mut timer = None;
    let deadline = js_sys::Promise::new(&mut |resolve, _reject| {
        timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, TIMEOUT_MS)
            .ok();
    });
    let outcome = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        &promise, &deadline,
    )))
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    outcome
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

/// Fetches and validates the pack at `url` (relative URLs resolve against the page, like any link).
pub(crate) async fn fetch_pack(url: &str) -> Result<(Pack, Vec<u8>), FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    // A deliberate choice: `same-origin` credentials, so that a pack published behind the intranet's
    // single sign-on loads. The browser then sends the page's own cookies (and HTTP authentication)
    // with this one GET when the pack has the page's origin, and none to another origin. No referrer
    // either way: the request says nothing of the page or the visitor's answers.
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);

    let timed_out = Rc::new(Cell::new(false));
    // gloo's `Timeout` clears its timer and frees its closure when dropped.
    let deadline = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT_MS.unsigned_abs(), move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let result = fetch_text(&window, url, &init).await;
    drop(deadline);
    let text = match result {
        Err(_) if timed_out.get() => return Err(FetchError::Timeout),
        other => other?,
    };
    check_pack(&window, &text, url).await
}

/// Has the checker validate `text`, within its own [`TIMEOUT_MS`], and reads the compact pack it returns.
async fn check_pack(
    window: &web_sys::Window,
    text: &JsValue,
    url: &str,
) -> Result<(Pack, Vec<u8>), FetchError> {
    let check = CHECKER
        .with_borrow(Clone::clone)
        .ok_or(FetchError::Checker)?;
    let checked = check
        .call2(&JsValue::NULL, text, &JsValue::from_str(url))
        .map_err(|_| FetchError::Checker)?;
    // The checker is fetched from the widget's own server, which may be the one that stopped answering.
    let bytes = match within_deadline(window, checked).await {
        Ok(bytes) => bytes
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| FetchError::Checker)?,
        // The checker rejects with its verdict as a string; anything else is a failure to load it.
        Err(error) => {
            return Err(error
                .as_string()
                .map_or(FetchError::Checker, FetchError::Invalid));
        }
    };
    let bytes = bytes.to_vec();
    // The bytes are kept: the documents module reads them again to write a download.
    Pack::from_compact(&bytes)
        .map(|pack| (pack, bytes))
        .map_err(|error| FetchError::Invalid(error.to_string()))
}

/// The body as a JavaScript string, never copied into wasm memory (which never shrinks).
async fn fetch_text(
    window: &web_sys::Window,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<JsValue, FetchError> {
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .and_then(JsValue::dyn_into)
        .map_err(|_| FetchError::Network)?;
    if !response.ok() {
        cancel_body(&response);
        return Err(FetchError::Status(response.status()));
    }
    let headers = response.headers();
    let kind = headers
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let essence = kind
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" && !essence.ends_with("+json") {
        cancel_body(&response);
        return Err(FetchError::ContentType(if essence.is_empty() {
            "?".to_owned()
        } else {
            essence
        }));
    }
    let declared = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<usize>().ok());
    if let Some(size) = declared.filter(|&size| size > MAX_PACK_BYTES) {
        cancel_body(&response);
        return Err(FetchError::TooLarge(size));
    }
    let text = JsFuture::from(response.text().map_err(|_| FetchError::Network)?)
        .await
        .map_err(|_| FetchError::Network)?;
    // A server that announces no length may still send megabytes. UTF-8 takes at least one byte per
    // UTF-16 unit; the checker measures the exact UTF-8 length again, as `Pack::load` does.
    let units = text
        .dyn_ref::<js_sys::JsString>()
        .map_or(0, |text| text.length() as usize);
    if units > MAX_PACK_BYTES {
        return Err(FetchError::TooLarge(units));
    }
    Ok(text)
}

/// Stops the download of a body the widget will not read, so that a refused 10 MB file does not keep
/// its connection busy (browsers allow only a few per server).
fn cancel_body(response: &web_sys::Response) {
    if let Some(body) = response.body() {
        let _ = body.cancel();
    }
}
