//! Diagnostics about a content pack: fatal errors and recoverable warnings, each with its JSON path.

use std::fmt;

/// One problem found in a content pack, located by its JSON path.
///
/// Messages are lowercase and specific, e.g. `stages[3].gate.criteria[2].id: duplicate id "s4-probes"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    path: String,
    message: String,
}

impl Diagnostic {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Where the problem is, as a JSON path such as `stages[0].title.fr`; empty for the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a content pack could not be loaded: one or more errors, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    errors: Vec<Diagnostic>,
}

impl LoadError {
    pub(crate) fn new(errors: Vec<Diagnostic>) -> LoadError {
        debug_assert!(!errors.is_empty());
        LoadError { errors }
    }

    pub(crate) fn single(path: impl Into<String>, message: impl Into<String>) -> LoadError {
        LoadError {
            errors: vec![Diagnostic::new(path, message)],
        }
    }

    /// A pack of `len` bytes, over [`MAX_PACK_BYTES`](crate::MAX_PACK_BYTES): what [`Pack::load`](crate::Pack::load)
    /// says, and what a caller of [`Pack::from_deserializer`](crate::Pack::from_deserializer) says after its own size check.
    pub fn too_large(len: usize) -> LoadError {
        LoadError::single(
            "",
            format!(
                "content pack is {len} bytes, more than the {}-byte limit",
                crate::MAX_PACK_BYTES
            ),
        )
    }

    /// A document that is not a JSON object (serde would also read a struct from an array, field by
    /// field, which only gives confusing errors); the other check every reader of packs makes first.
    pub fn not_an_object() -> LoadError {
        LoadError::single("", "a content pack must be a json object")
    }

    /// Every error found. Syntax errors stop the load at the first one; model errors are all collected.
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }
}

/// One error per line.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
