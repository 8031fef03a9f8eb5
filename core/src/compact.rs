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

use std::fmt;

use crate::{
    glossary::GlossaryEntry,
    id::{Id, Link},
    pack::*,
    text::{Lang, Text},
};

/// The first bytes of every compact pack: a name, then the layout revision.
const MAGIC: &[u8] = b"cpn-pack/";

/// The revision of the compact layout. Bump it with any change to what `to_compact` writes; the byte
/// snapshot in `core/tests/compact.rs` fails until it is.
pub const LAYOUT: u32 = 7;

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
        let mut w = Writer {
            out: Vec::with_capacity(64 * 1024),
            apart: None,
        };
        self.write_compact(&mut w);
        w.out
    }

    /// Writes every field but the indexes, which reading rebuilds.
    fn write_compact(&self, w: &mut Writer) {
        w.out.extend_from_slice(MAGIC);
        write_number(LAYOUT as usize, &mut w.out);
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
            missing: _,
        } = self;
        id.write(w);
        version.write(w);
        date.write(w);
        title.write(w);
        description.write(w);
        // No view of the widget shows a source: the downloads and the CLI cite them.
        write_apart(sources, true, w);
        personas.write(w);
        contacts.write(w);
        phases.write(w);
        profile.write(w);
        stages.write(w);
        resources.write(w);
        glossary.write(w);
    }

    /// Reads a pack written by [`Pack::to_compact`] with this version of the crate, or the first
    /// part of [`Pack::to_compact_split`] alone: a French pack whose later steps' texts are not
    /// here yet (see [`Pack::lacks_later_texts`]).
    pub fn from_compact(bytes: &[u8]) -> Result<Pack, CompactError> {
        Pack::from_compact_parts(bytes, None, None)
    }

    /// Reads the first part of [`Pack::to_compact_split`] with its English part, its later part,
    /// both or neither, refusing a part written for another pack (or another version of it) rather
    /// than misplacing texts. Without its later part, the pack lacks the texts of its later steps.
    pub fn from_compact_parts(
        first: &[u8],
        english: Option<&[u8]>,
        later: Option<&[u8]>,
    ) -> Result<Pack, CompactError> {
        let mut r = Reader::new(first);
        if let Some(english) = english {
            r.english = Some(Box::new(Reader::part(english, first, Part::English)?));
        }
        if let Some(later) = later {
            r.later = Some(Box::new(Reader::part(later, first, Part::Later)?));
        }
        let pack = read_pack(&mut r)?;
        for (part, reader) in [(Part::English, &r.english), (Part::Later, &r.later)] {
            let Some(reader) = reader else { continue };
            for reader in [Some(&**reader), reader.values.as_deref()]
                .into_iter()
                .flatten()
            {
                if reader.at != reader.bytes.len() {
                    return Err(reader.error(part.too_long()));
                }
            }
        }
        Ok(pack)
    }

    /// This pack in three parts, so that a page downloads only the texts it shows: the compact
    /// form with every English text and the French texts of the later steps taken out (`first`),
    /// which [`Pack::from_compact`] reads as a French pack of its first step; the English texts;
    /// and the French texts of the later steps. [`Pack::from_compact_parts`] puts them back.
    ///
    /// The first part keeps the texts that the first step's view shows (see
    /// [`crate::Assessment::within_first_step`]): the pack's own, the roles, the profile, the
    /// contacts and the glossary, the first step whole, each later step's title, maturity level and
    /// team question, and the resources of the first step. The rest of the later steps, the
    /// resources only they list, and the sources go to the later part; the values that no view of
    /// the first step reads go there whole, not only their texts, and to the English part too
    /// (`write_apart`), since an English page never downloads the later part. Each part starts
    /// with a checksum of the first, so that it is never read into another pack.
    pub fn to_compact_split(&self) -> SplitPack {
        let mut w = Writer {
            out: Vec::with_capacity(64 * 1024),
            apart: Some(Apart::default()),
        };
        self.write_compact(&mut w);
        let apart = w.apart.unwrap_or_default();
        let sum = checksum(&w.out);
        // The texts, then the values set apart whole, each kind together, which compresses better.
        let with_header = |part: Part, texts: Vec<u8>| {
            let mut bytes = part.magic().to_vec();
            write_number(LAYOUT as usize, &mut bytes);
            bytes.extend_from_slice(&sum.to_le_bytes());
            write_number(texts.len(), &mut bytes);
            bytes.extend_from_slice(&texts);
            bytes.extend_from_slice(&apart.values);
            bytes
        };
        SplitPack {
            english: with_header(Part::English, apart.english),
            later: with_header(Part::Later, apart.later),
            first: w.out,
        }
    }

    /// Whether some texts of the later steps are not here in `lang`: the pack was read from the
    /// first part of a split without its later part (and, in English, a text lacks its English).
    /// Such a pack shows the first step only, as [`crate::Assessment::within_first_step`] says.
    pub fn lacks_later_texts(&self, lang: Lang) -> bool {
        match lang {
            Lang::Fr => self.missing.french,
            Lang::En => self.missing.english,
        }
    }
}

/// A pack in the three parts of [`Pack::to_compact_split`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPack {
    /// Everything but the English texts and the later steps' French texts: what the widget embeds.
    pub first: Vec<u8>,
    /// Every English text, which only English pages download, and the values no view of the first
    /// step reads, which the later part carries too.
    pub english: Vec<u8>,
    /// The French texts of the later steps, the sources, and the values no view of the first step
    /// reads, which a page downloads once the visitor goes past the first step.
    pub later: Vec<u8>,
}

/// Which texts of a pack are not here, by language ([`Pack::lacks_later_texts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MissingTexts {
    /// Some later step's French text.
    pub(crate) french: bool,
    /// Some later step's text has neither its English nor its French here.
    pub(crate) english: bool,
}

/// A part of a split pack beside the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    English,
    Later,
}

impl Part {
    /// The first bytes of the part: a name, then the layout revision.
    fn magic(self) -> &'static [u8] {
        match self {
            Part::English => b"cpn-pack-en/",
            Part::Later => b"cpn-pack-later/",
        }
    }

    fn no_header(self) -> &'static str {
        match self {
            Part::English => "no header of English texts",
            Part::Later => "no header of later texts",
        }
    }

    fn other_layout(self) -> &'static str {
        match self {
            Part::English => "English texts written with another layout",
            Part::Later => "later texts written with another layout",
        }
    }

    fn other_pack(self) -> &'static str {
        match self {
            Part::English => "English texts written for another pack",
            Part::Later => "later texts written for another pack",
        }
    }

    fn too_long(self) -> &'static str {
        match self {
            Part::English => "more English texts than the pack has",
            Part::Later => "more later texts than the pack has",
        }
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
    let sources = read_apart(r)?;
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
    let (criterion_count, replaced_count) = criteria_counts(stages.iter().map(|stage| {
        let criteria = &stage.gate.criteria;
        (
            criteria.len(),
            criteria.iter().map(|c| c.replaces.len()).sum(),
        )
    }));
    if criterion_count > MAX_CRITERIA || replaced_count > MAX_CRITERIA {
        return Err(r.error("too many criteria"));
    }
    let criteria = stages.iter().enumerate().flat_map(|(i, stage)| {
        (0..stage.gate.criteria.len()).map(move |j| (stage.gate.criteria[j].id.clone(), (i, j)))
    });
    let Some(criteria_by_id) = crate::index::unique(criteria) else {
        return Err(r.error("duplicate criterion id"));
    };
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
        missing: r.missing,
    };
    check_references(&pack).map_err(|reason| r.error(reason))?;
    Ok(pack)
}

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
    /// The English part of a split pack, when it is read with it.
    english: Option<Box<Reader<'b>>>,
    /// The later part of a split pack, when it is read with it.
    later: Option<Box<Reader<'b>>>,
    /// In the reader of a part: the values set apart whole ([`write_apart`]), after its texts.
    values: Option<Box<Reader<'b>>>,
    /// The texts that were apart in a part not given.
    missing: MissingTexts,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8]) -> Reader<'b> {
        Reader {
            bytes,
            at: 0,
            english: None,
            later: None,
            values: None,
            missing: MissingTexts::default(),
        }
    }

    /// A reader of `part`'s texts, past its header, which must name this layout and `first`'s checksum.
    fn part(bytes: &'b [u8], first: &[u8], part: Part) -> Result<Reader<'b>, CompactError> {
        let mut r = Reader::new(bytes);
        if !bytes.starts_with(part.magic()) {
            return Err(r.error(part.no_header()));
        }
        r.at = part.magic().len();
        if r.number()? != LAYOUT {
            return Err(r.error(part.other_layout()));
        }
        if r.take(8)? != checksum(first).to_le_bytes() {
            return Err(r.error(part.other_pack()));
        }
        // The texts, then the values: two readers of the part, so that errors give offsets in it.
        let texts_end = r.count()? + r.at;
        let mut values = Reader::new(bytes);
        values.at = texts_end;
        r.bytes = &bytes[..texts_end];
        r.values = Some(Box::new(values));
        Ok(r)
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

/// Where [`Encode`] writes: the compact form, and the texts set apart when splitting.
struct Writer {
    out: Vec<u8>,
    /// Set by [`Pack::to_compact_split`].
    apart: Option<Apart>,
}

/// The texts a split sets apart, in the order they are written, which is the order they are read.
#[derive(Default)]
struct Apart {
    english: Vec<u8>,
    later: Vec<u8>,
    /// The values set apart whole ([`write_apart`]), which both parts carry after their texts.
    values: Vec<u8>,
    /// Whether the texts being written belong to the later part.
    in_later: bool,
}

impl Writer {
    /// Runs `write` with its French texts going to the later part when `later` holds and the
    /// pack is being split.
    fn later(&mut self, later: bool, write: impl FnOnce(&mut Writer)) {
        let before = self.apart.as_ref().is_some_and(|apart| apart.in_later);
        if let Some(apart) = self.apart.as_mut() {
            apart.in_later = before || later;
        }
        write(self);
        if let Some(apart) = self.apart.as_mut() {
            apart.in_later = before;
        }
    }
}

/// A value that no view of the first step reads: the sources, and the links, providers,
/// languages and roles of what only later steps show. When the pack is split and `apart` holds (or
/// the value is in a later region, [`Writer::later`]), it goes whole to the later part and, for
/// English pages, which never download that part, to the English part as well; the first part
/// keeps one byte that says where it is. Unsplit, it is that byte and the value inline.
fn write_apart<T: Encode + ?Sized>(value: &T, apart: bool, w: &mut Writer) {
    let Some(parts) = w.apart.as_mut().filter(|parts| apart || parts.in_later) else {
        w.out.push(0);
        value.write(w);
        return;
    };
    w.out.push(1);
    // Written whole, its texts inline in both languages, as an unsplit pack would hold it.
    let mut whole = Writer {
        out: Vec::new(),
        apart: None,
    };
    value.write(&mut whole);
    parts.values.extend_from_slice(&whole.out);
}

/// Reads a value of [`write_apart`]: inline, from the later part, or from the English part (both
/// are read when both are given, so that each stays in step); when neither is, an empty value
/// that no view of the first step reads, and the pack lacks its later texts in both languages.
fn read_apart<T: Decode + Default>(r: &mut Reader<'_>) -> Result<T, CompactError> {
    if r.tag(2)? == 0 {
        return T::read(r);
    }
    let from = |part: Option<&mut Reader<'_>>| {
        part.and_then(|part| part.values.as_deref_mut())
            .map(T::read)
            .transpose()
    };
    let english = from(r.english.as_deref_mut())?;
    let later = from(r.later.as_deref_mut())?;
    match later.or(english) {
        Some(value) => Ok(value),
        None => {
            r.missing.french = true;
            r.missing.english = true;
            Ok(T::default())
        }
    }
}

/// A value with a compact form.
trait Encode {
    fn write(&self, w: &mut Writer);
}

/// A value that can be read back from its compact form.
trait Decode: Sized {
    fn read(r: &mut Reader<'_>) -> Result<Self, CompactError>;
}

/// A string: its length, then its UTF-8 bytes.
fn write_str(text: &str, out: &mut Vec<u8>) {
    write_number(text.len(), out);
    out.extend_from_slice(text.as_bytes());
}

impl Encode for str {
    fn write(&self, w: &mut Writer) {
        write_str(self, &mut w.out);
    }
}

impl Encode for String {
    fn write(&self, w: &mut Writer) {
        self.as_str().write(w);
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
    fn write(&self, w: &mut Writer) {
        w.out.push(u8::from(*self));
    }
}

impl Decode for bool {
    fn read(r: &mut Reader<'_>) -> Result<bool, CompactError> {
        Ok(r.tag(2)? == 1)
    }
}

impl Encode for u8 {
    fn write(&self, w: &mut Writer) {
        write_number(usize::from(*self), &mut w.out);
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
    fn write(&self, w: &mut Writer) {
        match self {
            None => w.out.push(0),
            Some(value) => {
                w.out.push(1);
                value.write(w);
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
    fn write(&self, w: &mut Writer) {
        write_number(self.len(), &mut w.out);
        for item in self {
            item.write(w);
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn write(&self, w: &mut Writer) {
        self.as_slice().write(w);
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
    fn write(&self, w: &mut Writer) {
        self.0.write(w);
        self.1.write(w);
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn read(r: &mut Reader<'_>) -> Result<(A, B), CompactError> {
        Ok((A::read(r)?, B::read(r)?))
    }
}

impl Encode for Id {
    fn write(&self, w: &mut Writer) {
        self.as_str().write(w);
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
    fn write(&self, w: &mut Writer) {
        self.as_str().write(w);
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

/// A text's tag: bit 0 says its French is in the later part; the bits above, its English: absent
/// (0), inline (1) or in the English part (2).
const TEXT_TAGS: u8 = 6;
const FRENCH_LATER: u8 = 1;
const ENGLISH_INLINE: u8 = 1 << 1;
const ENGLISH_APART: u8 = 2 << 1;

impl Encode for Text {
    fn write(&self, w: &mut Writer) {
        let (french_later, english_apart) = match &w.apart {
            Some(apart) => (apart.in_later, true),
            None => (false, false),
        };
        let english = match (&self.en, english_apart) {
            (None, _) => 0,
            (Some(_), false) => ENGLISH_INLINE,
            (Some(_), true) => ENGLISH_APART,
        };
        w.out
            .push(english | (u8::from(french_later) * FRENCH_LATER));
        match w.apart.as_mut() {
            Some(apart) if french_later => write_str(&self.fr, &mut apart.later),
            _ => write_str(&self.fr, &mut w.out),
        }
        if let Some(en) = &self.en {
            match w.apart.as_mut() {
                Some(apart) => write_str(en, &mut apart.english),
                None => write_str(en, &mut w.out),
            }
        }
    }
}

impl Decode for Text {
    fn read(r: &mut Reader<'_>) -> Result<Text, CompactError> {
        let tag = r.tag(TEXT_TAGS)?;
        let fr = if tag & FRENCH_LATER == 0 {
            Some(String::read(r)?)
        } else {
            match r.later.as_deref_mut() {
                Some(later) => Some(String::read(later)?),
                // The first part read without the later one: this text is not here yet.
                None => None,
            }
        };
        let en = match tag & !FRENCH_LATER {
            0 => None,
            ENGLISH_INLINE => Some(String::read(r)?),
            _ => match r.english.as_deref_mut() {
                Some(english) => Some(String::read(english)?),
                // Read without the English part: the text falls back to French until it arrives.
                None => None,
            },
        };
        let fr = fr.unwrap_or_else(|| {
            r.missing.french = true;
            r.missing.english |= en.is_none();
            String::new()
        });
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
            fn write(&self, w: &mut Writer) {
                let index = $name::ALL.iter().position(|v| v == self).unwrap_or(0);
                w.out.push(index as u8);
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

/// A struct, written field by field in declaration order; destructuring makes a new field a compile
/// error here. The fields after `later` go apart when the struct is in a later region, those after
/// `apart` always ([`write_apart`]), after the others.
macro_rules! compact_struct {
    ($name:ident { $($field:ident),+ $(,)? } $(later { $($later:ident),+ })? $(apart { $($apart:ident),+ })?) => {
        impl Encode for $name {
            fn write(&self, w: &mut Writer) {
                let $name { $($field,)+ $($($later,)+)? $($($apart,)+)? } = self;
                $($field.write(w);)+
                $($(write_apart($later, false, w);)+)?
                $($(write_apart($apart, true, w);)+)?
            }
        }

        impl Decode for $name {
            fn read(r: &mut Reader<'_>) -> Result<$name, CompactError> {
                Ok($name {
                    $($field: Decode::read(r)?,)+
                    $($($later: read_apart(r)?,)+)?
                    $($($apart: read_apart(r)?,)+)?
                })
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
    note
} apart { sources });
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
    note
} apart { sources });
compact_struct!(CasePhase {
    phase,
    availability
});

/// A step, its maturity level inline. When the pack is split, a later step keeps its header in the
/// first part (its title, team question and level's name, which the stepper and the look at the next
/// step show from the first step), and the rest of its texts go to the later part.
impl Encode for Stage {
    fn write(&self, w: &mut Writer) {
        let Stage {
            number,
            title,
            team_question,
            maturity:
                Maturity {
                    name,
                    questions,
                    achievements,
                },
            guidance,
            persona_focus,
            support,
            gate,
            sources,
        } = self;
        number.write(w);
        title.write(w);
        team_question.write(w);
        name.write(w);
        w.later(*number > 1, |w| {
            questions.write(w);
            achievements.write(w);
            guidance.write(w);
            persona_focus.write(w);
            support.write(w);
            gate.write(w);
        });
        write_apart(sources, true, w);
    }
}

impl Decode for Stage {
    fn read(r: &mut Reader<'_>) -> Result<Stage, CompactError> {
        Ok(Stage {
            number: Decode::read(r)?,
            title: Decode::read(r)?,
            team_question: Decode::read(r)?,
            maturity: Maturity {
                name: Decode::read(r)?,
                questions: Decode::read(r)?,
                achievements: Decode::read(r)?,
            },
            guidance: Decode::read(r)?,
            persona_focus: Decode::read(r)?,
            support: Decode::read(r)?,
            gate: Decode::read(r)?,
            sources: read_apart(r)?,
        })
    }
}

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
    replaces,
    since
} later { url } apart { sources });
compact_struct!(GlossaryEntry {
    id,
    term,
    forms,
    definition,
    url
} apart { sources });

/// A resource; when the pack is split, one that the first step does not list goes to the later part.
impl Encode for Resource {
    fn write(&self, w: &mut Writer) {
        let Resource {
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
            sources,
        } = self;
        w.later(!stages.contains(&1), |w| {
            id.write(w);
            title.write(w);
            description.write(w);
            write_apart(url, false, w);
            kind.write(w);
            write_apart(language, false, w);
            write_apart(provider, false, w);
            access.write(w);
            programme.write(w);
            stages.write(w);
            write_apart(personas, false, w);
        });
        write_apart(sources, true, w);
    }
}

impl Decode for Resource {
    fn read(r: &mut Reader<'_>) -> Result<Resource, CompactError> {
        Ok(Resource {
            id: Decode::read(r)?,
            title: Decode::read(r)?,
            description: Decode::read(r)?,
            url: read_apart(r)?,
            kind: Decode::read(r)?,
            language: read_apart(r)?,
            provider: read_apart(r)?,
            access: Decode::read(r)?,
            programme: Decode::read(r)?,
            stages: Decode::read(r)?,
            personas: read_apart(r)?,
            sources: read_apart(r)?,
        })
    }
}

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
