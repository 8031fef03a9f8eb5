//! A compact binary form of a validated pack, for embedding a pack without shipping a JSON parser.
//!
//! The widget's build script loads the default pack from JSON natively, validates it, and embeds
//! [`Pack::to_compact`]'s bytes; a host's pack is validated by the checker module, which hands back
//! the same form. The widget's WebAssembly then only needs [`Pack::from_compact`], a small
//! monomorphic reader, instead of a JSON parser and the validator.
//!
//! The format is private to one layout revision: bytes written with another revision are refused by
//! the header, never misread. [`LAYOUT`] names the revision; `core/tests/compact.rs` keeps a byte
//! snapshot of a pack's compact form, so a change of layout fails that test until the revision is
//! bumped. Everything is a sequence of fields in declaration order:
//! unsigned LEB128 for lengths, counts and numbers, one byte for booleans, options and enums, and
//! UTF-8 for strings.
//!
//! Reading checks the structure (lengths, UTF-8, tags, ids, links, step numbering), the uniqueness of
//! ids and every cross-reference (personas, contacts, phases, sources, profile questions and options,
//! step numbers), and never panics, whatever the bytes: a [`Pack`] read from bytes holds the same
//! invariants as one that passed [`Pack::load`], so no consumer needs a fallback for a missing entry.

use std::{collections::BTreeMap, fmt};

use crate::{
    glossary::GlossaryEntry,
    id::{Id, Link},
    pack::*,
    text::Text,
};

/// The first bytes of every compact pack: a name, then the layout revision.
const MAGIC: &[u8] = b"cpn-pack/";

/// The revision of the compact layout. Bump it with any change to what `to_compact` writes; the byte
/// snapshot in `core/tests/compact.rs` fails until it is.
pub const LAYOUT: u32 = 5;

/// Why bytes are not a compact pack of this crate's version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactError {
    offset: usize,
    reason: &'static str,
}

impl CompactError {
    /// The byte offset where reading stopped.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for CompactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a compact content pack of layout {LAYOUT}: {} at byte {}",
            self.reason, self.offset
        )
    }
}

impl std::error::Error for CompactError {}

impl Pack {
    /// This pack in the compact binary form that [`Pack::from_compact`] reads back.
    pub fn to_compact(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(MAGIC);
        write_number(LAYOUT as usize, &mut out);
        // Every field but the index, which reading rebuilds.
        let Pack {
            id,
            version,
            date,
            title,
            description,
            sources,
            personas,
            contacts,
            phases,
            profile,
            stages,
            resources,
            glossary,
            criteria_by_id: _,
            replaced_by: _,
        } = self;
        id.write(&mut out);
        version.write(&mut out);
        date.write(&mut out);
        title.write(&mut out);
        description.write(&mut out);
        sources.write(&mut out);
        personas.write(&mut out);
        contacts.write(&mut out);
        phases.write(&mut out);
        profile.write(&mut out);
        stages.write(&mut out);
        resources.write(&mut out);
        glossary.write(&mut out);
        out
    }

    /// Reads a pack written by [`Pack::to_compact`] with this version of the crate, or the first
    /// half of [`Pack::to_compact_split`]: that pack has French texts only until
    /// [`Pack::from_compact_with_english`] reads it with its English half.
    pub fn from_compact(bytes: &[u8]) -> Result<Pack, CompactError> {
        read_pack(&mut Reader::new(bytes))
    }

    /// Reads the two halves written by [`Pack::to_compact_split`] into the whole pack, refusing an
    /// English half written for another pack (or another version of it) rather than misplacing texts.
    pub fn from_compact_with_english(bytes: &[u8], english: &[u8]) -> Result<Pack, CompactError> {
        let mut apart = Reader::new(english);
        if !english.starts_with(ENGLISH_MAGIC) {
            return Err(apart.error("no header of English texts"));
        }
        apart.at = ENGLISH_MAGIC.len();
        if apart.number()? != LAYOUT {
            return Err(apart.error("English texts written with another layout"));
        }
        if apart.take(8)? != checksum(bytes).to_le_bytes() {
            return Err(apart.error("English texts written for another pack"));
        }
        let mut r = Reader::new(bytes);
        r.english = Some(Box::new(apart));
        let pack = read_pack(&mut r)?;
        match r.english {
            Some(apart) if apart.at != english.len() => {
                Err(apart.error("more English texts than the pack has"))
            }
            _ => Ok(pack),
        }
    }

    /// This pack in two halves: the compact form with every English text taken out, which
    /// [`Pack::from_compact`] reads as a French pack, and those English texts, which
    /// [`Pack::from_compact_with_english`] puts back. A French page then never downloads English.
    ///
    /// The English half starts with a checksum of the first, so that it is never read into another pack.
    pub fn to_compact_split(&self) -> (Vec<u8>, Vec<u8>) {
        let whole = self.to_compact();
        // Reading back what was just written finds where each English text lies.
        let mut r = Reader::new(&whole);
        r.english_spans = Some(Vec::new());
        let spans = match read_pack(&mut r) {
            Ok(_) => r.english_spans.unwrap_or_default(),
            // Unreachable, since `to_compact` writes what `from_compact` reads (tests in
            // `core/tests/compact.rs`); splitting nothing is still a correct answer.
            Err(_) => Vec::new(),
        };
        let mut french = Vec::with_capacity(whole.len());
        let mut english = Vec::new();
        let mut copied = 0;
        for (tag, end) in spans {
            french.extend_from_slice(&whole[copied..tag]);
            french.push(ENGLISH_APART);
            english.extend_from_slice(&whole[tag + 1..end]);
            copied = end;
        }
        french.extend_from_slice(&whole[copied..]);
        let mut header = ENGLISH_MAGIC.to_vec();
        write_number(LAYOUT as usize, &mut header);
        header.extend_from_slice(&checksum(&french).to_le_bytes());
        header.extend_from_slice(&english);
        (french, header)
    }
}

/// Reads a whole pack from `r`, with its English texts if `r` carries them apart.
fn read_pack(r: &mut Reader<'_>) -> Result<Pack, CompactError> {
    let bytes = r.bytes;
    if !bytes.starts_with(MAGIC) {
        return Err(r.error("no header"));
    }
    r.at = MAGIC.len();
    if r.number()? != LAYOUT {
        return Err(r.error("written with another layout"));
    }
    let id = Id::read(r)?;
    let version = String::read(r)?;
    let date = String::read(r)?;
    let title = Text::read(r)?;
    let description = Option::read(r)?;
    let sources = Vec::read(r)?;
    let personas = Vec::read(r)?;
    let contacts = Vec::read(r)?;
    let phases = Vec::read(r)?;
    let profile = Profile::read(r)?;
    let stages: Vec<Stage> = Vec::read(r)?;
    let resources = Vec::read(r)?;
    let glossary = Vec::read(r)?;
    if r.at != bytes.len() {
        return Err(r.error("trailing bytes"));
    }
    if stages.is_empty() || stages.len() > MAX_STAGES {
        return Err(r.error("step count out of range"));
    }
    if stages
        .iter()
        .enumerate()
        .any(|(i, stage)| usize::from(stage.number) != i + 1)
    {
        return Err(r.error("steps not numbered from 1"));
    }
    let mut criteria_by_id = BTreeMap::new();
    for (i, stage) in stages.iter().enumerate() {
        for (j, criterion) in stage.gate.criteria.iter().enumerate() {
            if criteria_by_id
                .insert(criterion.id.clone(), (i, j))
                .is_some()
            {
                return Err(r.error("duplicate criterion id"));
            }
        }
    }
    let replaced_by = replacement_index(&stages);
    let pack = Pack {
        id,
        version,
        date,
        title,
        description,
        sources,
        personas,
        contacts,
        phases,
        profile,
        stages,
        resources,
        glossary,
        criteria_by_id,
        replaced_by,
    };
    check_references(&pack).map_err(|reason| r.error(reason))?;
    Ok(pack)
}

/// The first bytes of the English half of a split pack: a name, then the layout revision.
const ENGLISH_MAGIC: &[u8] = b"cpn-pack-en/";

/// How a [`Text`] says that its English is in the English half: the third tag of its `en` option,
/// after absent (0) and inline (1).
const ENGLISH_APART: u8 = 2;

/// FNV-1a, 64 bits: enough to tell two halves apart, and a few lines rather than a dependency.
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Checks that ids are unique where they name an entry and that every reference names one, as
/// `Pack::load` guarantees for JSON. Linear in the pack's size, with one sorted set per kind of entry.
fn check_references(pack: &Pack) -> Result<(), &'static str> {
    fn unique<'p>(
        ids: impl Iterator<Item = &'p Id>,
        reason: &'static str,
    ) -> Result<std::collections::BTreeSet<&'p str>, &'static str> {
        let mut set = std::collections::BTreeSet::new();
        for id in ids {
            if !set.insert(id.as_str()) {
                return Err(reason);
            }
        }
        Ok(set)
    }
    fn all_in<'i>(
        ids: impl IntoIterator<Item = &'i Id>,
        set: &std::collections::BTreeSet<&str>,
        reason: &'static str,
    ) -> Result<(), &'static str> {
        match ids.into_iter().all(|id| set.contains(id.as_str())) {
            true => Ok(()),
            false => Err(reason),
        }
    }
    let sources = unique(pack.sources.iter().map(|s| &s.id), "duplicate source id")?;
    let personas = unique(pack.personas.iter().map(|p| &p.id), "duplicate persona id")?;
    let contacts = unique(pack.contacts.iter().map(|c| &c.id), "duplicate contact id")?;
    let phases = unique(pack.phases.iter().map(|p| &p.id), "duplicate phase id")?;
    unique(
        pack.resources.iter().map(|r| &r.id),
        "duplicate resource id",
    )?;
    unique(
        pack.profile.questions.iter().map(|q| &q.id),
        "duplicate profile question id",
    )?;
    unique(
        pack.profile.cases.iter().map(|c| &c.id),
        "duplicate case id",
    )?;
    for question in &pack.profile.questions {
        unique(
            question.options.iter().map(|o| &o.id),
            "duplicate profile option id",
        )?;
    }

    for contact in &pack.contacts {
        all_in(&contact.sources, &sources, "unknown source of a contact")?;
    }
    for case in &pack.profile.cases {
        for (question_id, options) in &case.when {
            let question = pack
                .profile
                .questions
                .iter()
                .find(|q| q.id == *question_id)
                .ok_or("unknown profile question in a case")?;
            let known = options
                .iter()
                .all(|option| question.options.iter().any(|o| o.id == *option));
            if !known {
                return Err("unknown profile option in a case");
            }
        }
        all_in(
            case.phases.iter().map(|p| &p.phase),
            &phases,
            "unknown phase in a case",
        )?;
        all_in(&case.sources, &sources, "unknown source of a case")?;
    }
    for stage in &pack.stages {
        all_in(&stage.sources, &sources, "unknown source of a step")?;
        all_in(
            stage.persona_focus.iter().map(|(id, _)| id),
            &personas,
            "unknown persona in a focus",
        )?;
        all_in(&stage.support.phase, &phases, "unknown phase of a step")?;
        all_in(
            &stage.support.contacts,
            &contacts,
            "unknown contact of a step",
        )?;
        for criterion in &stage.gate.criteria {
            all_in(
                [&criterion.persona],
                &personas,
                "unknown persona of a criterion",
            )?;
            all_in(
                &criterion.sources,
                &sources,
                "unknown source of a criterion",
            )?;
        }
    }
    for stage in &pack.stages {
        for criterion in &stage.gate.criteria {
            if criterion
                .since
                .as_deref()
                .is_some_and(|v| version_key(v).is_none())
            {
                return Err("invalid version of a criterion");
            }
            if criterion.replaces.contains(&criterion.id) {
                return Err("a criterion replaces itself");
            }
            let kept = criterion
                .replaces
                .iter()
                .any(|id| pack.criteria_by_id.contains_key(id));
            if kept && criterion.since.is_none() {
                return Err("a replaced criterion is still in the pack");
            }
        }
    }
    let stage_count = pack.stages.len();
    for resource in &pack.resources {
        if resource
            .stages
            .iter()
            .any(|&n| n == 0 || usize::from(n) > stage_count)
        {
            return Err("unknown step of a resource");
        }
        all_in(
            resource.personas.iter().flatten(),
            &personas,
            "unknown persona of a resource",
        )?;
        all_in(&resource.sources, &sources, "unknown source of a resource")?;
    }
    unique(pack.glossary.iter().map(|e| &e.id), "duplicate glossary id")?;
    for entry in &pack.glossary {
        all_in(
            &entry.sources,
            &sources,
            "unknown source of a glossary entry",
        )?;
    }
    Ok(())
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    /// The English half of a split pack, when it is read with it.
    english: Option<Box<Reader<'b>>>,
    /// Where each inline English text lies (its tag, then the end of its string), when
    /// [`Pack::to_compact_split`] reads a pack back to split it.
    english_spans: Option<Vec<(usize, usize)>>,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8]) -> Reader<'b> {
        Reader {
            bytes,
            at: 0,
            english: None,
            english_spans: None,
        }
    }

    fn error(&self, reason: &'static str) -> CompactError {
        CompactError {
            offset: self.at,
            reason,
        }
    }

    fn byte(&mut self) -> Result<u8, CompactError> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| self.error("unexpected end"))?;
        self.at += 1;
        Ok(byte)
    }

    fn take(&mut self, len: usize) -> Result<&[u8], CompactError> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error("unexpected end"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    /// An unsigned LEB128 number that fits in a `u32`.
    fn number(&mut self) -> Result<u32, CompactError> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            let bits = u32::from(byte & 0x7f);
            if shift == 28 && bits > 0x0f {
                return Err(self.error("number too large"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.error("number too large"))
    }

    /// A count of items that each take at least one byte, so a forged count cannot reserve more memory
    /// than the input is long.
    fn count(&mut self) -> Result<usize, CompactError> {
        let count = self.number()? as usize;
        if count > self.bytes.len() - self.at {
            return Err(self.error("count longer than the input"));
        }
        Ok(count)
    }

    fn tag(&mut self, variants: u8) -> Result<u8, CompactError> {
        let tag = self.byte()?;
        if tag >= variants {
            return Err(CompactError {
                offset: self.at - 1,
                reason: "unknown tag",
            });
        }
        Ok(tag)
    }
}

fn write_number(mut value: usize, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A value with a compact form.
trait Encode {
    fn write(&self, out: &mut Vec<u8>);
}

/// A value that can be read back from its compact form.
trait Decode: Sized {
    fn read(r: &mut Reader<'_>) -> Result<Self, CompactError>;
}

impl Encode for str {
    fn write(&self, out: &mut Vec<u8>) {
        write_number(self.len(), out);
        out.extend_from_slice(self.as_bytes());
    }
}

impl Encode for String {
    fn write(&self, out: &mut Vec<u8>) {
        self.as_str().write(out);
    }
}

impl Decode for String {
    fn read(r: &mut Reader<'_>) -> Result<String, CompactError> {
        let len = r.count()?;
        let start = r.at;
        let bytes = r.take(len)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => Err(CompactError {
                offset: start,
                reason: "invalid UTF-8",
            }),
        }
    }
}

impl Encode for bool {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
}

impl Decode for bool {
    fn read(r: &mut Reader<'_>) -> Result<bool, CompactError> {
        Ok(r.tag(2)? == 1)
    }
}

impl Encode for u8 {
    fn write(&self, out: &mut Vec<u8>) {
        write_number(usize::from(*self), out);
    }
}

impl Decode for u8 {
    fn read(r: &mut Reader<'_>) -> Result<u8, CompactError> {
        let at = r.at;
        u8::try_from(r.number()?).map_err(|_| CompactError {
            offset: at,
            reason: "number too large",
        })
    }
}

impl<T: Encode> Encode for Option<T> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.write(out);
            }
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn read(r: &mut Reader<'_>) -> Result<Option<T>, CompactError> {
        match r.tag(2)? {
            0 => Ok(None),
            _ => T::read(r).map(Some),
        }
    }
}

impl<T: Encode> Encode for [T] {
    fn write(&self, out: &mut Vec<u8>) {
        write_number(self.len(), out);
        for item in self {
            item.write(out);
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn write(&self, out: &mut Vec<u8>) {
        self.as_slice().write(out);
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn read(r: &mut Reader<'_>) -> Result<Vec<T>, CompactError> {
        let count = r.count()?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(T::read(r)?);
        }
        Ok(items)
    }
}

impl<A: Encode, B: Encode> Encode for (A, B) {
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
        self.1.write(out);
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn read(r: &mut Reader<'_>) -> Result<(A, B), CompactError> {
        Ok((A::read(r)?, B::read(r)?))
    }
}

impl Encode for Id {
    fn write(&self, out: &mut Vec<u8>) {
        self.as_str().write(out);
    }
}

impl Decode for Id {
    fn read(r: &mut Reader<'_>) -> Result<Id, CompactError> {
        let at = r.at;
        Id::new(&String::read(r)?).map_err(|_| CompactError {
            offset: at,
            reason: "invalid id",
        })
    }
}

impl Encode for Link {
    fn write(&self, out: &mut Vec<u8>) {
        self.as_str().write(out);
    }
}

impl Decode for Link {
    fn read(r: &mut Reader<'_>) -> Result<Link, CompactError> {
        let at = r.at;
        Link::new(&String::read(r)?).map_err(|_| CompactError {
            offset: at,
            reason: "invalid link",
        })
    }
}

impl Encode for Text {
    fn write(&self, out: &mut Vec<u8>) {
        self.fr.write(out);
        self.en.write(out);
    }
}

impl Decode for Text {
    fn read(r: &mut Reader<'_>) -> Result<Text, CompactError> {
        let fr = String::read(r)?;
        let tag_at = r.at;
        let en = match r.tag(ENGLISH_APART + 1)? {
            0 => None,
            ENGLISH_APART => match r.english.as_deref_mut() {
                Some(apart) => Some(String::read(apart)?),
                // The French half read alone: texts fall back to French until the English arrives.
                None => None,
            },
            _ => {
                let en = String::read(r)?;
                if let Some(spans) = r.english_spans.as_mut() {
                    spans.push((tag_at, r.at));
                }
                Some(en)
            }
        };
        Ok(Text { fr, en })
    }
}

/// A field-less enum, written as the index of its variant in the list.
macro_rules! compact_enum {
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        impl $name {
            const ALL: &[$name] = &[$($name::$variant),+];
        }

        impl Encode for $name {
            fn write(&self, out: &mut Vec<u8>) {
                let index = $name::ALL.iter().position(|v| v == self).unwrap_or(0);
                out.push(index as u8);
            }
        }

        impl Decode for $name {
            fn read(r: &mut Reader<'_>) -> Result<$name, CompactError> {
                let tag = r.tag($name::ALL.len() as u8)?;
                $name::ALL.get(usize::from(tag)).copied().ok_or_else(|| r.error("unknown tag"))
            }
        }
    };
}

compact_enum!(ContactStatus { Current, Legacy });
compact_enum!(Availability {
    Offered,
    ToBeDefined
});
compact_enum!(Access { Public, Rie, Paid });
compact_enum!(ResourceKind {
    Documentation,
    Tutorial,
    Training,
    Video,
    Article,
    Guide,
    Form,
    Contact,
    Repository,
    Regulation,
    Presentation,
    Tool,
});

/// A struct, written field by field in declaration order; destructuring makes a new field a compile error here.
macro_rules! compact_struct {
    ($name:ident { $($field:ident),+ $(,)? }) => {
        impl Encode for $name {
            fn write(&self, out: &mut Vec<u8>) {
                let $name { $($field),+ } = self;
                $($field.write(out);)+
            }
        }

        impl Decode for $name {
            fn read(r: &mut Reader<'_>) -> Result<$name, CompactError> {
                Ok($name { $($field: Decode::read(r)?),+ })
            }
        }
    };
}

compact_struct!(Source {
    id,
    title,
    url,
    date
});
compact_struct!(Persona {
    id,
    name,
    description
});
compact_struct!(Contact {
    id,
    name,
    url,
    status,
    note,
    sources
});
compact_struct!(Phase {
    id,
    name,
    description
});
compact_struct!(Profile { questions, cases });
compact_struct!(ProfileQuestion { id, label, options });
compact_struct!(ProfileOption { id, label });
compact_struct!(Case {
    id,
    name,
    when,
    phases,
    note,
    sources
});
compact_struct!(CasePhase {
    phase,
    availability
});
compact_struct!(Stage {
    number,
    title,
    team_question,
    maturity,
    guidance,
    persona_focus,
    support,
    gate,
    sources
});
compact_struct!(Maturity {
    name,
    questions,
    achievements
});
compact_struct!(StageSupport {
    phase,
    text,
    how,
    contacts,
    milestones
});
compact_struct!(Gate { text, criteria });
compact_struct!(Criterion {
    id,
    question,
    why,
    required,
    allow_na,
    persona,
    follow_up,
    url,
    sources,
    replaces,
    since
});
compact_struct!(GlossaryEntry {
    id,
    term,
    forms,
    definition,
    url,
    sources
});
compact_struct!(Resource {
    id,
    title,
    description,
    url,
    kind,
    language,
    provider,
    access,
    programme,
    stages,
    personas,
    sources
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_overflow_is_refused() {
        for value in [0usize, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as usize] {
            let mut out = Vec::new();
            write_number(value, &mut out);
            let mut r = Reader::new(&out);
            assert_eq!(r.number(), Ok(value as u32));
            assert_eq!(r.at, out.len());
        }
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x7f]);
        assert_eq!(r.number().map_err(|e| e.reason), Err("number too large"));
        let mut r = Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
        assert!(r.number().is_err());
    }

    #[test]
    fn forged_counts_reserve_nothing() {
        // A count of 2^31 strings in a five-byte input.
        let mut r = Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x08]);
        assert_eq!(
            Vec::<String>::read(&mut r).map_err(|e| e.reason),
            Err("count longer than the input")
        );
    }
}
