//! A visitor's answers, and their compact text encoding for share links and storage.
//!
//! The code is versioned, URL-safe (it fits in a URL fragment without escaping) and refers to content
//! by stable id, so answers recorded against an older or newer pack keep every part that still maps:
//!
//! ```text
//! v1;k=cloud-pi-native@1.0.0;p=tech;o=organisation:ministry,objective:cloud-pi;y=s1-scope,s1-sponsor;n=s3-rootless;d=s2-kube;x=s4-cdn
//! ```
//!
//! `k` is the pack the answers were recorded with, `p` the persona, `o` the eligibility profile, and
//! `y`, `n`, `d`, `x` list the criteria answered yes, no, don't know and not applicable.

use std::fmt;

use litemap::LiteMap;

use crate::{
    id::Id,
    pack::{Criterion, Pack, version_key},
    text::Lang,
};

/// The answer code version this crate writes and reads.
pub const CODE_VERSION: u32 = 1;

/// The longest answer code accepted, in bytes; a complete default-pack journey takes about a tenth of it.
pub const MAX_CODE_LEN: usize = 16 * 1024;

/// The most notes a decode reports; the rest are counted in [`Decoded::omitted_notes`].
const MAX_NOTES: usize = 50;

/// The answer to one gate criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Yes,
    No,
    DontKnow,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [
        Answer::Yes,
        Answer::No,
        Answer::DontKnow,
        Answer::NotApplicable,
    ];

    /// The answers offered for `criterion`, in order: "not applicable" only where the pack allows it.
    pub fn choices(criterion: &Criterion) -> &'static [Answer] {
        if criterion.allow_na {
            &Answer::ALL
        } else {
            &[Answer::Yes, Answer::No, Answer::DontKnow]
        }
    }

    /// Whether this answer validates `criterion`: yes, or not applicable where the pack allows it.
    pub fn validates(self, criterion: &Criterion) -> bool {
        match self {
            Answer::Yes => true,
            Answer::NotApplicable => criterion.allow_na,
            Answer::No | Answer::DontKnow => false,
        }
    }

    /// The one-letter key of the answer in a code.
    fn key(self) -> &'static str {
        match self {
            Answer::Yes => "y",
            Answer::No => "n",
            Answer::DontKnow => "d",
            Answer::NotApplicable => "x",
        }
    }
}

/// Everything a visitor answered. Ids that a pack does not know are simply ignored by the engine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub persona: Option<Id>,
    /// Profile question id → option id.
    pub profile: LiteMap<Id, Id>,
    /// Criterion id → answer.
    pub criteria: LiteMap<Id, Answer>,
}

/// The pack an answer code was recorded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackStamp {
    pub id: String,
    pub version: String,
}

/// Answers read from a code, with what could not be kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    pub answers: Answers,
    /// The pack the code says it was recorded with, if it says.
    pub recorded_with: Option<PackStamp>,
    /// What was dropped or changed, in code order.
    pub notes: Vec<CodeNote>,
    /// How many further notes were left out of `notes`.
    pub omitted_notes: usize,
}

/// Something in an answer code that could not be kept as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeNote {
    /// The code was recorded with another pack.
    OtherPack {
        id: String,
    },
    /// The code was recorded with another version of this pack.
    OtherVersion {
        version: String,
    },
    /// An answer to a criterion this pack does not have.
    UnknownCriterion {
        id: String,
    },
    /// "Not applicable" on a criterion where this pack does not allow it.
    NotApplicableRefused {
        id: Id,
    },
    /// A criterion answered twice; the first answer is kept.
    Repeated {
        id: Id,
    },
    UnknownPersona {
        id: String,
    },
    UnknownProfileQuestion {
        id: String,
    },
    UnknownProfileOption {
        question: Id,
        option: String,
    },
    /// An answer to a former criterion, carried over to the criteria that replace it.
    Carried {
        former: String,
        by: Vec<Id>,
    },
    /// A "no" to a former criterion that asked several things, which does not say which of the
    /// criteria that replace it is not done: not carried over, to be answered again.
    NoNotCarried {
        former: String,
        by: Vec<Id>,
    },
    /// An answer recorded before a question was split, which now also stands for the questions
    /// split off it.
    Split {
        kept: Id,
        by: Vec<Id>,
    },
    /// A "no" recorded before a question was split: it does not say which part is not done, so the
    /// questions split off it are left for the visitor to answer.
    SplitNo {
        kept: Id,
        by: Vec<Id>,
    },
    /// A field this version does not know, probably from a newer one.
    UnknownField {
        key: String,
    },
    /// A part that does not follow the syntax.
    Malformed {
        part: String,
    },
}

impl CodeNote {
    /// A sentence for the visitor.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CodeNote::OtherPack { id } => match lang {
                Lang::Fr => {
                    format!(
                        "Ces réponses viennent d'un autre contenu (« {id} ») ; seules celles qui correspondent sont reprises."
                    )
                }
                Lang::En => {
                    format!(
                        "These answers come from other content (\"{id}\"); only those that match were kept."
                    )
                }
            },
            CodeNote::OtherVersion { version } => match lang {
                Lang::Fr => {
                    format!(
                        "Ces réponses ont été enregistrées avec la version {version} du contenu."
                    )
                }
                Lang::En => {
                    format!("These answers were recorded with version {version} of the content.")
                }
            },
            CodeNote::UnknownCriterion { id } => match lang {
                Lang::Fr => {
                    format!(
                        "La réponse au critère « {id} » n'a pas été reprise : ce critère n'existe plus."
                    )
                }
                Lang::En => {
                    format!(
                        "The answer to criterion \"{id}\" was not kept: that criterion no longer exists."
                    )
                }
            },
            CodeNote::NotApplicableRefused { id } => match lang {
                Lang::Fr => {
                    format!(
                        "La réponse « non applicable » au critère « {id} » n'a pas été reprise : elle n'est pas admise pour ce critère."
                    )
                }
                Lang::En => {
                    format!(
                        "The \"not applicable\" answer to criterion \"{id}\" was not kept: it is not allowed for that criterion."
                    )
                }
            },
            CodeNote::Repeated { id } => match lang {
                Lang::Fr => {
                    format!("Le critère « {id} » avait deux réponses ; la première est conservée.")
                }
                Lang::En => {
                    format!("Criterion \"{id}\" had two answers; the first one is kept.")
                }
            },
            CodeNote::UnknownPersona { id } => match lang {
                Lang::Fr => {
                    format!("Le rôle « {id} » n'existe plus ; choisissez votre rôle à nouveau.")
                }
                Lang::En => {
                    format!("The role \"{id}\" no longer exists; please choose your role again.")
                }
            },
            CodeNote::UnknownProfileQuestion { id } => match lang {
                Lang::Fr => {
                    format!("La réponse à la question de profil « {id} » n'a pas été reprise.")
                }
                Lang::En => {
                    format!("The answer to profile question \"{id}\" was not kept.")
                }
            },
            CodeNote::UnknownProfileOption { question, option } => match lang {
                Lang::Fr => {
                    format!(
                        "La réponse « {option} » à la question de profil « {question} » n'existe plus."
                    )
                }
                Lang::En => {
                    format!(
                        "The answer \"{option}\" to profile question \"{question}\" no longer exists."
                    )
                }
            },
            CodeNote::UnknownField { key } => match lang {
                Lang::Fr => {
                    format!(
                        "Une partie du code (« {key} ») vient d'une version plus récente et a été ignorée."
                    )
                }
                Lang::En => {
                    format!(
                        "Part of the code (\"{key}\") comes from a newer version and was ignored."
                    )
                }
            },
            CodeNote::Malformed { part } => match lang {
                Lang::Fr => {
                    format!("Une partie du code est illisible et a été ignorée : « {part} ».")
                }
                Lang::En => {
                    format!("Part of the code could not be read and was ignored: \"{part}\".")
                }
            },
            CodeNote::Carried { former, by } => {
                let by = quoted_list(by, lang);
                match lang {
                    Lang::Fr => format!(
                        "Votre réponse au critère « {former} », qui a été remplacé, vaut désormais pour {by}."
                    ),
                    Lang::En => format!(
                        "Your answer to criterion \"{former}\", which has been replaced, now stands for {by}."
                    ),
                }
            }
            CodeNote::Split { kept, by } => {
                let by = quoted_list(by, lang);
                match lang {
                    Lang::Fr => format!(
                        "Le critère « {kept} » a été scindé depuis votre réponse : elle vaut aussi pour {by}."
                    ),
                    Lang::En => format!(
                        "Criterion \"{kept}\" has been split since you answered it: your answer now also stands for {by}."
                    ),
                }
            }
            CodeNote::SplitNo { kept, by } => {
                let by = quoted_list(by, lang);
                match lang {
                    Lang::Fr => format!(
                        "Le critère « {kept} » a été scindé depuis votre « non » : répondez aux nouvelles questions {by}."
                    ),
                    Lang::En => format!(
                        "Criterion \"{kept}\" has been split since your \"no\": please answer the new questions {by}."
                    ),
                }
            }
            CodeNote::NoNotCarried { former, by } => {
                let by = quoted_list(by, lang);
                match lang {
                    Lang::Fr => format!(
                        "Votre « non » au critère « {former} » n'a pas été repris : cette question est désormais posée en plusieurs ({by}), répondez-y à nouveau."
                    ),
                    Lang::En => format!(
                        "Your \"no\" to criterion \"{former}\" was not kept: that question is now asked as several ({by}); please answer them again."
                    ),
                }
            }
        }
    }
}

/// Why an answer code could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError {
    kind: CodeErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum CodeErrorKind {
    Empty,
    TooLong { len: usize },
    NoVersion,
    NewerVersion { version: u32 },
}

impl CodeError {
    /// A sentence for the visitor.
    pub fn message(&self, lang: Lang) -> String {
        match &self.kind {
            CodeErrorKind::Empty => {
                match lang {
Lang::Fr => {
                    "Le code de réponses est vide.".to_owned()
                }
Lang::En => {
                    "The answer code is empty.".to_owned()
                }
}
            }
            CodeErrorKind::TooLong { len } => {
                match lang {
Lang::Fr => {
                    format!(
                        "Le code de réponses est trop long ({len} octets, {MAX_CODE_LEN} au plus)."
                    )
                }
Lang::En => {
                    format!("The answer code is too long ({len} bytes, at most {MAX_CODE_LEN}).")
                }
}
            }
            CodeErrorKind::NoVersion => {
                match lang {
Lang::Fr => {
                    "Ce code de réponses n'est pas reconnu : il doit commencer par une version, comme « v1 ».".to_owned()
                }
Lang::En => {
                    "This answer code is not recognised: it must start with a version such as \"v1\".".to_owned()
                }
}
            }
            CodeErrorKind::NewerVersion { version } => {
                match lang {
Lang::Fr => {
                    format!(
                        "Ce code de réponses (version {version}) vient d'une version plus récente du parcours, qui ne sait lire que la version {CODE_VERSION}."
                    )
                }
Lang::En => {
                    format!(
                        "This answer code (version {version}) comes from a newer version of the path, which reads version {CODE_VERSION} only."
                    )
                }
}
            }
        }
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            CodeErrorKind::Empty => f.write_str("empty answer code"),
            CodeErrorKind::TooLong { len } => {
                write!(
                    f,
                    "answer code is {len} bytes, more than the {MAX_CODE_LEN}-byte limit"
                )
            }
            CodeErrorKind::NoVersion => {
                f.write_str("answer code does not start with a version such as \"v1\"")
            }
            CodeErrorKind::NewerVersion { version } => {
                write!(
                    f,
                    "answer code version {version} is newer than the supported version {CODE_VERSION}"
                )
            }
        }
    }
}

impl std::error::Error for CodeError {}

impl Answers {
    /// The answer given to a criterion, if any.
    pub fn criterion(&self, id: &str) -> Option<Answer> {
        self.criteria.get(id).copied()
    }

    /// Whether nothing at all was answered.
    pub fn is_empty(&self) -> bool {
        self.persona.is_none() && self.profile.is_empty() && self.criteria.is_empty()
    }

    /// The compact code of these answers, stamped with `pack`'s id and version.
    pub fn encode(&self, pack: &Pack) -> String {
        let mut code = format!("v{CODE_VERSION};k={}@{}", pack.id(), pack.version());
        if let Some(persona) = &self.persona {
            code.push_str(";p=");
            code.push_str(persona.as_str());
        }
        if !self.profile.is_empty() {
            code.push_str(";o=");
            let pairs: Vec<String> = self
                .profile
                .iter()
                .map(|(q, o)| format!("{q}:{o}"))
                .collect();
            code.push_str(&pairs.join(","));
        }
        for answer in Answer::ALL {
            let ids: Vec<&str> = self
                .criteria
                .iter()
                .filter(|&(_, &a)| a == answer)
                .map(|(id, _)| id.as_str())
                .collect();
            if !ids.is_empty() {
                code.push(';');
                code.push_str(answer.key());
                code.push('=');
                code.push_str(&ids.join(","));
            }
        }
        code
    }

    /// Reads an answer code against `pack`, keeping every answer that maps onto it.
    ///
    /// Percent-encoded codes (as some mail clients rewrite links) are accepted. Only an empty, overlong
    /// or unversioned code, or one from a newer code version, is refused; anything else that cannot be
    /// kept is dropped and reported in [`Decoded::notes`].
    pub fn decode(code: &str, pack: &Pack) -> Result<Decoded, CodeError> {
        if code.len() > MAX_CODE_LEN {
            return Err(CodeError {
                kind: CodeErrorKind::TooLong { len: code.len() },
            });
        }
        let code = percent_decode(code.trim());
        let code = code.trim().trim_start_matches('#');
        if code.is_empty() {
            return Err(CodeError {
                kind: CodeErrorKind::Empty,
            });
        }
        let mut parts = code.split(';');
        let version = parts.next().unwrap_or_default();
        let version: u32 = version
            .strip_prefix('v')
            .filter(|digits| {
                !digits.is_empty()
                    && digits.len() <= 9
                    && digits.bytes().all(|b| b.is_ascii_digit())
            })
            .and_then(|digits| digits.parse().ok())
            .ok_or(CodeError {
                kind: CodeErrorKind::NoVersion,
            })?;
        if version > CODE_VERSION {
            return Err(CodeError {
                kind: CodeErrorKind::NewerVersion { version },
            });
        }
        if version == 0 {
            return Err(CodeError {
                kind: CodeErrorKind::NoVersion,
            });
        }

        let mut decoder = Decoder {
            pack,
            decoded: Decoded::default(),
            carried: Vec::new(),
        };
        for part in parts.filter(|part| !part.is_empty()) {
            match part.split_once('=') {
                Some(("k", stamp)) => decoder.stamp(stamp),
                Some(("p", persona)) => decoder.persona(persona),
                Some(("o", pairs)) => decoder.profile(pairs),
                Some(("y", ids)) => decoder.criteria(ids, Answer::Yes),
                Some(("n", ids)) => decoder.criteria(ids, Answer::No),
                Some(("d", ids)) => decoder.criteria(ids, Answer::DontKnow),
                Some(("x", ids)) => decoder.criteria(ids, Answer::NotApplicable),
                Some((key, _)) => decoder.note(CodeNote::UnknownField { key: excerpt(key) }),
                None => decoder.note(CodeNote::Malformed {
                    part: excerpt(part),
                }),
            }
        }
        decoder.split_criteria();
        // A carried answer never overrides a direct one, wherever either stands in the code.
        for (id, answer) in std::mem::take(&mut decoder.carried) {
            decoder.decoded.answers.criteria.entry(id).or_insert(answer);
        }
        Ok(decoder.decoded)
    }
}

struct Decoder<'p> {
    pack: &'p Pack,
    decoded: Decoded,
    /// Answers to former criteria, for the criteria that replace them, applied at the end.
    carried: Vec<(Id, Answer)>,
}

impl Decoder<'_> {
    fn note(&mut self, note: CodeNote) {
        if self.decoded.notes.len() < MAX_NOTES {
            if !self.decoded.notes.contains(&note) {
                self.decoded.notes.push(note);
            }
        } else {
            self.decoded.omitted_notes += 1;
        }
    }

    fn stamp(&mut self, stamp: &str) {
        let Some((id, version)) = stamp.split_once('@') else {
            self.note(CodeNote::Malformed {
                part: excerpt(stamp),
            });
            return;
        };
        if id != self.pack.id().as_str() {
            self.note(CodeNote::OtherPack { id: excerpt(id) });
        } else if version != self.pack.version() {
            self.note(CodeNote::OtherVersion {
                version: excerpt(version),
            });
        }
        self.decoded.recorded_with = Some(PackStamp {
            id: excerpt(id),
            version: excerpt(version),
        });
    }

    fn persona(&mut self, persona: &str) {
        match self.pack.persona(persona) {
            Some(known) => self.decoded.answers.persona = Some(known.id.clone()),
            None => self.note(CodeNote::UnknownPersona {
                id: excerpt(persona),
            }),
        }
    }

    fn profile(&mut self, pairs: &str) {
        for pair in pairs.split(',').filter(|pair| !pair.is_empty()) {
            let Some((question_id, option_id)) = pair.split_once(':') else {
                self.note(CodeNote::Malformed {
                    part: excerpt(pair),
                });
                continue;
            };
            let question = self
                .pack
                .profile()
                .questions
                .iter()
                .find(|q| q.id.as_str() == question_id);
            let Some(question) = question else {
                self.note(CodeNote::UnknownProfileQuestion {
                    id: excerpt(question_id),
                });
                continue;
            };
            match question.options.iter().find(|o| o.id.as_str() == option_id) {
                Some(option) => {
                    self.decoded
                        .answers
                        .profile
                        .entry(question.id.clone())
                        .or_insert_with(|| option.id.clone());
                }
                None => self.note(CodeNote::UnknownProfileOption {
                    question: question.id.clone(),
                    option: excerpt(option_id),
                }),
            }
        }
    }

    /// An answer to an id the pack does not have: carried over to the criteria that replace it,
    /// if any ("no" excepted), otherwise dropped with a note.
    fn former_criterion(&mut self, id: &str, answer: Answer) {
        let pack = self.pack;
        let by: Vec<&Criterion> = pack.replacements(id).collect();
        if by.is_empty() {
            self.note(CodeNote::UnknownCriterion { id: excerpt(id) });
            return;
        }
        let ids = by.iter().map(|criterion| criterion.id.clone()).collect();
        if answer == Answer::No {
            self.note(CodeNote::NoNotCarried {
                former: excerpt(id),
                by: ids,
            });
            return;
        }
        for criterion in &by {
            if answer == Answer::NotApplicable && !criterion.allow_na {
                self.note(CodeNote::NotApplicableRefused {
                    id: criterion.id.clone(),
                });
            } else {
                self.carried.push((criterion.id.clone(), answer));
            }
        }
        self.note(CodeNote::Carried {
            former: excerpt(id),
            by: ids,
        });
    }

    /// A code recorded before a question was split: the criteria split off a kept one (those with
    /// `since` after the recorded version) take its answer as a retired id's replacements do.
    fn split_criteria(&mut self) {
        let pack = self.pack;
        let Some(recorded) = self
            .decoded
            .recorded_with
            .as_ref()
            .filter(|stamp| stamp.id == pack.id().as_str())
            .and_then(|stamp| version_key(&stamp.version))
        else {
            return;
        };
        // Kept criterion → the criteria split off it since the recorded version, in pack order.
        let splits = crate::index::grouped(pack.criteria().flat_map(|(_, criterion)| {
            let newer = criterion
                .since
                .as_deref()
                .and_then(version_key)
                .is_some_and(|since| recorded < since);
            criterion
                .replaces
                .iter()
                .filter(move |kept| newer && pack.criterion(kept.as_str()).is_some())
                .map(move |kept| (kept, criterion))
        }));
        for (kept, halves) in splits {
            let Some(&answer) = self.decoded.answers.criteria.get(kept) else {
                continue;
            };
            let ids: Vec<Id> = halves
                .iter()
                .map(|criterion| criterion.id.clone())
                .collect();
            if answer == Answer::No {
                self.note(CodeNote::SplitNo {
                    kept: kept.clone(),
                    by: ids,
                });
                continue;
            }
            for half in &halves {
                if answer != Answer::NotApplicable || half.allow_na {
                    self.carried.push((half.id.clone(), answer));
                }
            }
            self.note(CodeNote::Split {
                kept: kept.clone(),
                by: ids,
            });
        }
    }

    fn criteria(&mut self, ids: &str, answer: Answer) {
        for id in ids.split(',').filter(|id| !id.is_empty()) {
            let Some((_, criterion)) = self.pack.criterion(id) else {
                self.former_criterion(id, answer);
                continue;
            };
            if answer == Answer::NotApplicable && !criterion.allow_na {
                self.note(CodeNote::NotApplicableRefused {
                    id: criterion.id.clone(),
                });
                continue;
            }
            if self
                .decoded
                .answers
                .criteria
                .contains_key(criterion.id.as_str())
            {
                self.note(CodeNote::Repeated {
                    id: criterion.id.clone(),
                });
                continue;
            }
            self.decoded
                .answers
                .criteria
                .insert(criterion.id.clone(), answer);
        }
    }
}

/// Criterion ids in the quotation marks of `lang`, joined by commas.
fn quoted_list(ids: &[Id], lang: Lang) -> String {
    let quoted: Vec<String> = ids
        .iter()
        .map(|id| match lang {
            Lang::Fr => format!("« {id} »"),
            Lang::En => format!("\"{id}\""),
        })
        .collect();
    quoted.join(", ")
}

/// A bounded copy of untrusted text for a note, so a hostile code cannot make notes huge.
fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 64;
    let mut chars = text.chars();
    let mut short: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    short
}

/// Decodes `%XX` escapes, where `XX` is exactly two hex digits; anything else, including a broken
/// escape such as `%+5` or `%4`, is kept as it is.
pub(crate) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = match bytes.get(i..i + 3) {
            Some(&[b'%', high, low]) => hex_digit(high).zip(hex_digit(low)),
            _ => None,
        }
        .map(|(high, low)| high << 4 | low);
        match escape {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of one ASCII hex digit; a sign or any other byte is not one.
fn hex_digit(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        // `u8::from_str_radix` would accept a sign: "%+5" must stay as it is, not become byte 0x05.
        assert_eq!(percent_decode("s1-%+5"), "s1-%+5");
        assert_eq!(percent_decode("%-1%+F"), "%-1%+F");
        assert_eq!(percent_decode("%3b%3B"), ";;");
        assert_eq!(percent_decode("v1%3Bp%3Dtech"), "v1;p=tech");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn excerpts_are_bounded() {
        assert_eq!(excerpt("abc"), "abc");
        assert_eq!(excerpt(&"é".repeat(70)).chars().count(), 65);
    }
}
