//! Writing to standard output and standard error, and the failures that end the command with an exit code.

use std::{
    fmt,
    io::{self, Write},
    process::ExitCode,
};

/// Why the command stops early, with the exit code documented in `--help`.
#[derive(Debug)]
pub(crate) struct Failure {
    exit: u8,
    /// Printed on standard error as `error: <message>`; `None` when the problem was already reported.
    message: Option<String>,
}

impl Failure {
    /// Exit code 2: the command line itself is wrong; the message points at the right `--help`.
    pub(crate) fn usage(command: Option<&str>, error: impl fmt::Display) -> Failure {
        let help = match command {
            Some(command) => format!("parcours {command} --help"),
            None => "parcours --help".to_owned(),
        };
        Failure {
            exit: 2,
            message: Some(format!("{error}\n(see \"{help}\")")),
        }
    }

    /// Exit code 1: the content pack or the answer code is invalid.
    pub(crate) fn invalid(message: impl Into<String>) -> Failure {
        Failure {
            exit: 1,
            message: Some(message.into()),
        }
    }

    /// Exit code 1, after the problems were printed one by one.
    pub(crate) fn already_reported() -> Failure {
        Failure {
            exit: 1,
            message: None,
        }
    }

    /// Exit code 3: a file or a stream could not be read or written.
    pub(crate) fn io(message: impl Into<String>) -> Failure {
        Failure {
            exit: 3,
            message: Some(message.into()),
        }
    }

    pub(crate) fn report(self) -> ExitCode {
        if let Some(message) = &self.message {
            eprint(&format!("error: {message}\n"));
        }
        ExitCode::from(self.exit)
    }
}

/// Writes `text` to standard output.
///
/// A closed pipe (`parcours export | head`) is the reader's choice, not an error, so it ends the
/// command quietly, as it would for a C program killed by SIGPIPE.
pub(crate) fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(Failure::io(format!(
            "cannot write to standard output: {error}"
        ))),
    }
}

/// Writes `text` to standard error; if even that fails there is nobody left to tell.
///
/// Diagnostics and notes quote untrusted input (a share link's `%1B` decodes to ESC), so control
/// characters other than newlines and tabs are written escaped, never sent raw to a terminal.
pub(crate) fn eprint(text: &str) {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(defang(text).as_bytes());
    let _ = stderr.flush();
}

pub(crate) fn defang(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_on_standard_error() {
        assert_eq!(
            defang("a\u{1b}[31mb\u{9b}c\n\td"),
            "a\\u{1b}[31mb\\u{9b}c\n\td"
        );
    }
}
