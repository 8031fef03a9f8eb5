//! A small static HTTP/1.1 server for `www/` at `/` and `dist/` at `/dist/`, std only; also the DSFR
//! from `node_modules/` at `/dsfr/`, for the DSFR fixture.
//!
//! It serves one request per connection, which is plenty for a handful of test pages,
//! and it never lets a path escape its two roots.
//! Under `/faults/` it misbehaves on purpose, as a badly configured intranet server would
//! (see [`FAULT_PATHS`]), so that the browser tests can show what the widget does then.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The policy that the `/fixtures/csp*` pages are served with: the strictest one the widget supports.
pub const STRICT_CSP: &str = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// The policy of `/fixtures/csp-no-wasm*`: it forbids compiling WebAssembly, so the widget must explain itself.
pub const NO_WASM_CSP: &str = "script-src 'self'; style-src 'self'";

/// The Content-Security-Policy header for a URL path, if any.
pub fn content_security_policy(path: &str) -> Option<&'static str> {
    if path.starts_with("/fixtures/csp-no-wasm") {
        Some(NO_WASM_CSP)
    } else if path.starts_with("/fixtures/csp") {
        Some(STRICT_CSP)
    } else {
        None
    }
}

/// The paths under which the server misbehaves on purpose, and how.
pub const FAULT_PATHS: &[(&str, &str)] = &[
    (
        "/faults/html-mime.json",
        "a valid content pack served as text/html",
    ),
    (
        "/faults/huge.json",
        "10 MiB of JSON with its Content-Length",
    ),
    (
        "/faults/huge-unannounced.json",
        "10 MiB of JSON with no Content-Length",
    ),
    (
        "/faults/silent.json",
        "the connection is held open and never answered, for 30 s",
    ),
];

/// The size of the `/faults/huge*.json` bodies.
pub const HUGE_BYTES: usize = 10 * 1024 * 1024;

/// How long `/faults/silent.json` holds its connection without answering.
const SILENT_FOR: Duration = Duration::from_secs(30);

/// The folders the server maps to URLs.
#[derive(Debug, Clone)]
pub struct SiteRoots {
    /// Served at `/`.
    pub www: PathBuf,
    /// Served at `/dist/`.
    pub dist: PathBuf,
}

/// A running server; dropping it stops accepting connections.
#[derive(Debug)]
pub struct StaticServer {
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Binds `address` (use port 0 for any free port) and serves `roots` from a background thread.
    pub fn start(address: impl ToSocketAddrs, roots: SiteRoots) -> io::Result<StaticServer> {
        StaticServer::start_with_mounts(address, roots, Vec::new())
    }

    /// Like [`StaticServer::start`], with more folders served under their own first path segment,
    /// such as `("dist-panic", target/dist-panic)` for a test build of the widget.
    pub fn start_with_mounts(
        address: impl ToSocketAddrs,
        roots: SiteRoots,
        mounts: Vec<(String, PathBuf)>,
    ) -> io::Result<StaticServer> {
        let mut mounts = mounts;
        // The DSFR stylesheet of the fixture `www/fixtures/dsfr.html`, straight from npm's folder
        // (`npm ci` installs it; the repository holds none of its files).
        mounts.push(("dsfr".to_owned(), crate::dsfr_dir()));
        let listener = TcpListener::bind(address)?;
        let address = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let accept_thread = {
            let stopping = Arc::clone(&stopping);
            let roots = Arc::new((roots, mounts));
            thread::Builder::new()
                .name("static-server".to_owned())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stopping.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let roots = Arc::clone(&roots);
                        // A slow or broken client only ever costs its own thread.
                        let _ = thread::Builder::new()
                            .name("static-request".to_owned())
                            .spawn(move || {
                                let _ = handle_connection(stream, &roots.0, &roots.1);
                            });
                    }
                })?
        };
        Ok(StaticServer {
            address,
            stopping,
            accept_thread: Some(accept_thread),
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The absolute URL of `path`, which starts with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// Blocks the calling thread for as long as the server runs, which is forever for `cargo xtask serve`.
    pub fn wait(mut self) {
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // `accept` only notices the flag when a connection arrives, so make one.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
    }
}

/// What the server answers to one request.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

fn handle_connection(
    stream: TcpStream,
    roots: &SiteRoots,
    mounts: &[(String, PathBuf)],
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are not needed, but they must be read before answering.
    let mut header = String::new();
    let mut header_bytes = 0;
    loop {
        header.clear();
        let read = reader.read_line(&mut header)?;
        header_bytes += read;
        if read == 0 || header == "\r\n" || header == "\n" || header_bytes > 64 * 1024 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return respond(
            &stream,
            "400 Bad Request",
            "text/plain; charset=utf-8",
            &[],
            b"bad request\n",
            false,
        );
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            &[],
            b"GET or HEAD only\n",
            false,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut extra_headers: Vec<(&str, String)> = Vec::new();
    if let Some(policy) = content_security_policy(path) {
        extra_headers.push(("Content-Security-Policy", policy.to_owned()));
    }
    if path.starts_with("/faults/") {
        return serve_fault(&stream, path, roots, head_only);
    }
    let mounted = mounts.iter().find_map(|(prefix, folder)| {
        let rest = path.strip_prefix('/')?.strip_prefix(prefix.as_str())?;
        rest.starts_with('/').then(|| {
            route(
                rest,
                &SiteRoots {
                    www: folder.clone(),
                    dist: folder.clone(),
                },
            )
        })
    });
    match mounted.unwrap_or_else(|| route(path, roots)) {
        Route::File(file) => match std::fs::read(&file) {
            Ok(body) => respond(
                &stream,
                "200 OK",
                content_type(&file),
                &extra_headers,
                &body,
                head_only,
            ),
            Err(_) => not_found(&stream, head_only),
        },
        Route::Redirect(location) => {
            extra_headers.push(("Location", location));
            respond(
                &stream,
                "301 Moved Permanently",
                "text/plain; charset=utf-8",
                &extra_headers,
                b"",
                head_only,
            )
        }
        Route::NotFound => not_found(&stream, head_only),
    }
}

/// The plain 404 answer, for a path no route serves and for a file that cannot be read.
fn not_found(stream: &TcpStream, head_only: bool) -> io::Result<()> {
    respond(
        stream,
        "404 Not Found",
        "text/plain; charset=utf-8",
        &[],
        b"not found\n",
        head_only,
    )
}

/// Answers a `/faults/` path the wrong way on purpose.
fn serve_fault(
    stream: &TcpStream,
    path: &str,
    roots: &SiteRoots,
    head_only: bool,
) -> io::Result<()> {
    match path {
        "/faults/html-mime.json" => {
            let pack = std::fs::read(roots.www.join("fixtures").join("packs").join("small.json"))?;
            respond(
                stream,
                "200 OK",
                "text/html; charset=utf-8",
                &[],
                &pack,
                head_only,
            )
        }
        "/faults/huge.json" => respond(
            stream,
            "200 OK",
            "application/json",
            &[],
            &huge_json(),
            head_only,
        ),
        "/faults/huge-unannounced.json" => {
            // No Content-Length: the body ends when the connection closes, so only reading it tells its size.
            let mut stream = stream;
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            )?;
            if !head_only {
                stream.write_all(&huge_json())?;
            }
            stream.flush()
        }
        "/faults/silent.json" => {
            thread::sleep(SILENT_FOR);
            Ok(())
        }
        _ => respond(
            stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            &[],
            b"no such fault\n",
            head_only,
        ),
    }
}

/// A JSON object of [`HUGE_BYTES`] bytes.
fn huge_json() -> Vec<u8> {
    let mut body = b"{\"format\": 1, \"padding\": \"".to_vec();
    body.resize(HUGE_BYTES - 2, b'a');
    body.extend_from_slice(b"\"}");
    body
}

fn respond(
    mut stream: &TcpStream,
    status: &str,
    content_type: &str,
    extra_headers: &[(&str, String)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Maps a URL path to a file under one of the roots, refusing anything that could climb out.
fn route(path: &str, roots: &SiteRoots) -> Route {
    let Some(decoded) = percent_decode(path) else {
        return Route::NotFound;
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Route::NotFound,
            _ if segment.contains(['\\', '\0']) => return Route::NotFound,
            _ => segments.push(segment),
        }
    }
    let (root, rest): (&Path, &[&str]) = match segments.split_first() {
        Some((&"dist", rest)) => (&roots.dist, rest),
        _ => (&roots.www, &segments),
    };
    let mut file = root.to_path_buf();
    file.extend(rest);
    if file.is_dir() {
        // Relative links in a folder's index only work when the URL ends with a slash.
        if !path.ends_with('/') {
            return Route::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Route::File(file)
    } else {
        Route::NotFound
    }
}

/// Decodes `%XX` escapes, `XX` exactly two hex digits; a broken escape (`%4`, `%+5`) refuses the path.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            // Two ASCII hex digits: `from_str_radix` cannot fail here, nor accept a sign.
            decoded.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// Browsers refuse module scripts and streaming wasm compilation without the right type.
fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots() -> SiteRoots {
        SiteRoots {
            www: crate::www_dir(),
            dist: crate::dist_dir(),
        }
    }

    #[test]
    fn paths_never_escape_the_roots() {
        for path in [
            "/../Cargo.toml",
            "/dist/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/fixtures/..%2f..%2fCargo.toml",
            "/a%00b",
            "/%zz",
            "/%+5",
        ] {
            assert_eq!(route(path, &roots()), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn percent_escapes_are_two_hex_digits() {
        assert_eq!(percent_decode("/a%20b%2F").as_deref(), Some("/a b/"));
        assert_eq!(percent_decode("/s1-%+5"), None);
        assert_eq!(percent_decode("/%4"), None);
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(
            route("/", &roots()),
            Route::File(crate::www_dir().join("index.html"))
        );
        assert_eq!(
            route("/fixtures", &roots()),
            Route::Redirect("/fixtures/".to_owned())
        );
    }

    #[test]
    fn mime_types() {
        for (file, expected) in [
            ("a.wasm", "application/wasm"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.json", "application/json"),
        ] {
            assert_eq!(content_type(Path::new(file)), expected);
        }
    }

    #[test]
    fn serves_files_with_headers_and_the_csp_on_csp_fixtures() {
        use std::io::Read;
        let server = StaticServer::start("127.0.0.1:0", roots()).expect("bind 127.0.0.1:0");
        let fetch = |path: &str| {
            let mut stream = TcpStream::connect(server.address()).expect("connect");
            write!(stream, "GET {path} HTTP/1.1\r\nHost: test\r\n\r\n").expect("send");
            let mut response = String::new();
            stream.read_to_string(&mut response).expect("read");
            response
        };
        let index = fetch("/index.html?x=1");
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(index.contains("Cache-Control: no-store\r\n"));
        assert!(!index.contains("Content-Security-Policy"));
        let csp = fetch("/fixtures/csp.html");
        assert!(
            csp.contains(&format!("Content-Security-Policy: {STRICT_CSP}\r\n")),
            "{csp}"
        );
        let no_wasm = fetch("/fixtures/csp-no-wasm.html");
        assert!(
            no_wasm.contains(&format!("Content-Security-Policy: {NO_WASM_CSP}\r\n")),
            "{no_wasm}"
        );
        assert!(fetch("/nope.html").starts_with("HTTP/1.1 404"));
        let html_mime = fetch("/faults/html-mime.json");
        assert!(
            html_mime.contains("Content-Type: text/html; charset=utf-8\r\n")
                && html_mime.contains("\"format\""),
            "{html_mime}"
        );
        let huge = fetch("/faults/huge.json");
        assert!(
            huge.contains(&format!("Content-Length: {HUGE_BYTES}\r\n")) && huge.ends_with("a\"}")
        );
        let unannounced = fetch("/faults/huge-unannounced.json");
        assert!(
            !unannounced.contains("Content-Length") && unannounced.len() > HUGE_BYTES,
            "{}",
            unannounced.len()
        );
    }

    #[test]
    fn mounts_serve_other_folders_under_their_prefix() {
        use std::io::Read;
        let server = StaticServer::start_with_mounts(
            "127.0.0.1:0",
            roots(),
            vec![("extra".to_owned(), crate::www_dir().join("fixtures"))],
        )
        .expect("bind 127.0.0.1:0");
        let mut stream = TcpStream::connect(server.address()).expect("connect");
        write!(
            stream,
            "GET /extra/record.js HTTP/1.1\r\nHost: test\r\n\r\n"
        )
        .expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        assert!(
            response.starts_with("HTTP/1.1 200 OK\r\n") && response.contains("cpnRecord"),
            "{response}"
        );
    }
}
