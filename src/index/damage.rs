//! A damaged index: finding the files that are, and turning tantivy's failures on them
//! into one clear error.
//!
//! Every segment file ends with a checksum of its bytes, which tantivy writes and never
//! checks on its own. Checking costs a read of the whole index, so it is done where the
//! whole index is read anyway or must be sound: before an export, and when an indexing
//! run opens the index (a run must not call a damaged index "unchanged"). Searches do not
//! pay it; they run guarded instead ([`guard`]): a tantivy error, or a panic, while
//! reading the index is answered by checking the checksums then, and a damaged file found
//! makes the error [`UserError::Damaged`].
//!
//! What a guard cannot stop is an allocation so large that the system refuses it, which
//! aborts the process. tantivy makes one when a stored document claims a string longer
//! than memory; so no stored document reaches tantivy's decoder before its lengths have
//! been checked against its bytes ([`sound_document`], used by
//! [`super::document::StoredDocs`]).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use tantivy::directory::Directory;
use tantivy::Index;

use crate::error::{Error, InternalError, Result, UserError};

/// The files of the index's last commit whose bytes do not match their checksum, or whose
/// checksum cannot even be read, by name, sorted.
pub fn damaged_files(index: &Index) -> Result<Vec<String>> {
    let metas = index.load_metas()?;
    let directory = index.directory();
    let mut damaged = Vec::new();
    for file in metas.list_segment_files() {
        // The list names every file a segment may have (deletes, extensions); tantivy
        // reports a missing file that is needed when it opens the segment.
        if !directory.exists(&file).unwrap_or(false) {
            continue;
        }
        let sound = quietly(|| directory.validate_checksum(&file));
        if !matches!(sound, Ok(Ok(true))) {
            damaged.push(file.to_string_lossy().into_owned());
        }
    }
    damaged.sort();
    Ok(damaged)
}

/// Fails with [`UserError::Damaged`] if any file of the index at `path` is damaged.
pub fn verify(index: &Index, path: &Path) -> Result<()> {
    let files = damaged_files(index)?;
    if files.is_empty() {
        return Ok(());
    }
    Err(UserError::Damaged { path: path.to_owned(), files }.into())
}

/// Runs `read`, a read of the index at `path`, so that a damaged index gives
/// [`UserError::Damaged`] rather than tantivy's error or a panic.
///
/// tantivy trusts the bytes of its files: some damage makes it index out of bounds and
/// panic rather than return an error, and the only way to check every file beforehand is
/// to read the whole index, which no search should have to do. So the panic is caught
/// here, at the boundary between newsdex and the engine, and only here; its message is
/// kept off the terminal, since the error says what happened.
pub fn guard<T>(index: &Index, path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match quietly(read) {
        Ok(Err(Error::Internal(InternalError::Tantivy(err)))) => match damaged_files(index) {
            Ok(files) if !files.is_empty() => {
                Err(UserError::Damaged { path: path.to_owned(), files }.into())
            }
            _ => Err(err.into()),
        },
        Ok(done) => done,
        Err(_) => {
            let files = damaged_files(index).unwrap_or_default();
            Err(UserError::Damaged { path: path.to_owned(), files }.into())
        }
    }
}

/// Whether a stored document's bytes hold together: every length and count inside it fits
/// in the bytes that are there, and every value has a type tantivy writes.
///
/// This is tantivy's document-store encoding walked by hand, because tantivy offers no
/// way to decode a document that checks before it allocates: its decoder reserves what a
/// length claims, and a length that a damaged block makes enormous aborts the process.
/// The walk reads each byte at most once and allocates nothing, so it is linear in the
/// document; nesting deeper than tantivy's JSON values ever go is refused rather than
/// followed, so a crafted document cannot exhaust the stack either.
pub(crate) fn sound_document(bytes: &[u8]) -> bool {
    let mut walk = Walk { bytes };
    let Some(fields) = walk.vint() else { return false };
    (0..fields).all(|_| walk.take(4).is_some() && walk.value(0))
}

/// How deep arrays and objects may nest in a stored document.
const MAX_NESTING: u32 = 64;

/// tantivy's type codes (`tantivy::schema::document::type_codes`, which is private).
mod code {
    pub const TEXT: u8 = 0;
    pub const U64: u8 = 1;
    pub const I64: u8 = 2;
    pub const FACET: u8 = 3;
    pub const BYTES: u8 = 4;
    pub const DATE: u8 = 5;
    pub const F64: u8 = 6;
    pub const BOOL: u8 = 9;
    pub const IP: u8 = 10;
    pub const NULL: u8 = 11;
    pub const ARRAY: u8 = 12;
    pub const OBJECT: u8 = 13;
}

/// The bytes of a stored document not yet walked.
struct Walk<'a> {
    bytes: &'a [u8],
}

impl Walk<'_> {
    fn take(&mut self, count: usize) -> Option<()> {
        self.bytes = self.bytes.get(count..)?;
        Some(())
    }

    /// tantivy's variable-length integer: seven bits a byte, low first, the last byte
    /// marked by its high bit.
    fn vint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for (i, &byte) in self.bytes.iter().enumerate().take(10) {
            value |= u64::from(byte & 0x7f).checked_shl(7 * i as u32)?;
            if byte & 0x80 != 0 {
                self.bytes = &self.bytes[i + 1..];
                return Some(value);
            }
        }
        None
    }

    /// A length-prefixed run of bytes (a string, a facet, bytes).
    fn run(&mut self) -> Option<()> {
        let length = usize::try_from(self.vint()?).ok()?;
        self.take(length)
    }

    fn value(&mut self, depth: u32) -> bool {
        let Some((&code, rest)) = self.bytes.split_first() else { return false };
        self.bytes = rest;
        let walked = match code {
            code::TEXT | code::FACET | code::BYTES => self.run(),
            code::U64 | code::I64 | code::DATE | code::F64 => self.take(8),
            code::BOOL => self.take(1),
            code::IP => self.take(16),
            code::NULL => Some(()),
            // An object is stored as an array of keys and values, one after the other.
            code::ARRAY | code::OBJECT if depth < MAX_NESTING => {
                let Some(count) = self.vint() else { return false };
                return (0..count).all(|_| self.value(depth + 1));
            }
            // Nesting past the limit, and the codes newsdex never writes (pre-tokenized
            // text, tantivy's retired JSON encoding): not a document of ours.
            _ => None,
        };
        walked.is_some()
    }
}

/// Runs `f`, catching a panic in it, whose message stays off the terminal.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    quiet_guarded_panics();
    GUARDED.with(|guarded| guarded.set(guarded.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|guarded| guarded.set(guarded.get() - 1));
    outcome
}

thread_local! {
    /// How many guarded reads this thread is inside.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Installs, once, a panic hook that is silent for a panic inside a guarded read and
/// leaves every other panic to the hook there was.
fn quiet_guarded_panics() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, STORED, STRING, TEXT};
    use tantivy::{doc, DateTime, Index, TantivyDocument};

    use super::sound_document;

    /// The stored bytes of one document written by tantivy itself.
    fn stored_bytes(document: TantivyDocument, schema: Schema) -> Vec<u8> {
        let index = Index::create_in_ram(schema);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(document).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let store = searcher.segment_reader(0).get_store_reader(1).unwrap();
        store.get_document_bytes(0).unwrap().as_slice().to_vec()
    }

    fn real_document() -> Vec<u8> {
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", TEXT | STORED);
        let id = builder.add_text_field("id", STRING | STORED);
        let date = builder.add_date_field("date", STORED);
        let place = builder.add_facet_field("place", STORED);
        let schema = builder.build();
        let document = doc!(
            title => "Ministers meet in Tehran",
            title => "a second value",
            id => "d50aedf99272b6b4",
            date => DateTime::from_timestamp_secs(1_690_000_000),
            place => tantivy::schema::Facet::from("/Iran/Tehran"),
        );
        stored_bytes(document, schema)
    }

    #[test]
    fn documents_tantivy_wrote_are_sound_and_every_cut_of_them_is_not() {
        let bytes = real_document();
        assert!(sound_document(&bytes));
        for end in 0..bytes.len() {
            assert!(!sound_document(&bytes[..end]), "cut at {end} of {}", bytes.len());
        }
    }

    #[test]
    fn a_length_past_the_end_is_damage_however_large() {
        // One field value, field 0, text, then the length.
        let text = |length: &[u8]| [&[0x81, 0, 0, 0, 0, 0][..], length, b"abc"].concat();
        assert!(sound_document(&text(&[0x83])));
        assert!(!sound_document(&text(&[0x84])));
        // 2^63 and more: ten bytes of length.
        assert!(!sound_document(&text(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81])));
        // A length that does not end.
        assert!(!sound_document(&text(&[0x7f; 12])));
    }

    #[test]
    fn counts_that_cannot_fit_and_nesting_without_end_are_damage() {
        // A document claiming 2^62 field values in a few bytes.
        assert!(!sound_document(&[0, 0, 0, 0, 0, 0, 0, 0, 0x81, 1, 2, 3]));
        // An array claiming 65,536 values holding one.
        assert!(!sound_document(&[0x81, 0, 0, 0, 0, 12, 0, 0, 0x84, 11]));
        // Arrays inside arrays, deeper than any document of ours.
        let mut nested = vec![0x81, 0, 0, 0, 0];
        nested.extend([12, 0x81].repeat(100));
        nested.push(11);
        assert!(!sound_document(&nested));
        // An unknown type code.
        assert!(!sound_document(&[0x81, 0, 0, 0, 0, 200]));
    }
}
