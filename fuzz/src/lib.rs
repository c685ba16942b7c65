//! What the fuzz targets share: reading bytes as an article file of one format, and
//! extracting every article read, through newsdex's public read and extract API.

use newsdex::discover::{Format, SourceFile};
use newsdex::extract::extract;
use newsdex::read::read_bytes;

/// Reads `data` as a file of `format`, then extracts each article it gives. Whatever the
/// bytes, this returns: a problem is a value, never a panic.
pub fn read_and_extract(format: Format, data: &[u8]) {
    let source = SourceFile { path: "fuzz/input".into(), format };
    if let Ok(outcome) = read_bytes(&source, data) {
        for raw in &outcome.articles {
            let article = extract(raw);
            // Touch the fields, so nothing is optimised away.
            std::hint::black_box(&article);
        }
    }
}

use newsdex::index::{FileStamp, NewsIndex, WriterOptions};
use newsdex::read::{Meta, Origin, RawArticle};

/// A few short articles with the fields searches filter and count on: people, officials,
/// places, agencies and dates.
pub const ARTICLES: [&str; 3] = [
    "Oil talks in Vienna\n\nVIENNA, March 3, 2023 (Reuters) - Iran and Saudi Arabia met on oil output. \
     Foreign Minister Kamran Dehghani said talks would go on in Tehran.",
    "Sanctions widened\n\nWASHINGTON, July 21, 2023 (AP) - The United States widened sanctions on \
     Iran and Russia, Treasury Secretary Margaret Ellison said.",
    "北京市で会議\n\n東京, 2024年1月5日 - 中国と日本の外相が北京で会談した。",
];

/// Fills `index` with [`ARTICLES`] and commits.
pub fn fill(index: &NewsIndex) {
    let mut writer = index
        .writer(WriterOptions { threads: 1, memory_bytes: 15_000_000 })
        .expect("the fuzz index takes a writer");
    for (line, text) in ARTICLES.into_iter().enumerate() {
        let raw = RawArticle {
            origin: Origin { path: "fuzz/wires.txt".into(), line: Some(line as u64 + 1) },
            format: Format::Text,
            text: text.to_owned(),
            meta: Meta::default(),
        };
        writer.add(&extract(&raw), FileStamp::default()).expect("an article is added");
    }
    writer.commit().expect("the fuzz index commits");
}
