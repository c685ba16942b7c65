//! `newsdex check`: reads the whole index, every byte a search or an export could ever
//! touch, and says whether it is sound.
//!
//! A search reads only what it needs, so damage in a part no search has touched yet
//! stays hidden until the day a search does; an archivist wants to know before that (after
//! a copy, a restore, a disk warning). The check is every file's checksum, then every
//! live document's stored bytes walked as a search would read them, every facet column's
//! ordinals against its dictionary, and the file stamps an incremental run reads; any of
//! them failing is the same damage error a search would give, naming the files when it
//! can. It changes nothing and takes no lock, so it runs beside searches and an indexing
//! run.
//!
//! What it does not own: repairing (a damaged index is rebuilt with `index --full`).

use std::time::{Duration, Instant};

use tantivy::TantivyError;

use super::{NewsIndex, StoredDocs};
use crate::error::Result;

/// What a check read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Live articles, every one of which was read.
    pub articles: u64,
    /// Segments of the last commit.
    pub segments: usize,
    /// Facet values read from the dictionaries of every facet field.
    pub facet_values: u64,
    /// Source files the index remembers.
    pub files: usize,
    /// The schema version the index was written with.
    pub schema_version: u32,
    /// How long it took.
    pub took: Duration,
}

impl NewsIndex {
    /// Reads the whole index; damage anywhere is [`crate::error::UserError::Damaged`].
    pub fn check(&self) -> Result<CheckReport> {
        let started = Instant::now();
        self.verify()?;
        let files = self.file_stamps()?.len();
        self.guarded(|| {
            let reader = self.reader()?;
            let searcher = reader.searcher();
            let docs = StoredDocs::new(&searcher);
            let schema = self.schema;
            let facet_fields: Vec<&str> = schema
                .schema
                .fields()
                .filter(|(_, entry)| {
                    matches!(entry.field_type(), tantivy::schema::FieldType::Facet(_))
                })
                .map(|(_, entry)| entry.name())
                .collect();
            let mut articles = 0;
            let mut facet_values = 0;
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                for doc in segment.doc_ids_alive() {
                    docs.doc(tantivy::DocAddress::new(ord as u32, doc))?;
                    articles += 1;
                }
                for field in &facet_fields {
                    let facets = segment.facet_reader(field)?;
                    let values = facets.num_facets() as u64;
                    let mut terms = facets.facet_dict().stream().map_err(TantivyError::from)?;
                    let mut read = 0;
                    while terms.advance() {
                        read += 1;
                    }
                    let beyond = segment
                        .doc_ids_alive()
                        .any(|doc| facets.facet_ords(doc).any(|ord| ord >= values));
                    if read != values || beyond {
                        return Err(TantivyError::DataCorruption(
                            tantivy::error::DataCorruption::comment_only(format!(
                                "the {field} facet column does not match its dictionary"
                            )),
                        )
                        .into());
                    }
                    facet_values += values;
                }
            }
            Ok(CheckReport {
                articles,
                segments: searcher.segment_readers().len(),
                facet_values,
                files,
                schema_version: schema.version,
                took: started.elapsed(),
            })
        })
    }
}
