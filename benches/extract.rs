//! Extraction throughput, in articles per second on one core.
//!
//! Owns the criterion groups `extract/sample_corpus` and `extract/synth_txt_2k`. In: the
//! repository's `sample_corpus` (46 hand-written articles in four formats) and, when
//! `bench/run.sh` has made it, 2,000 synthetic scraped pages in `bench-data/synth-txt-2k`
//! (another folder through `NEWSDEX_BENCH_SYNTH`). Out: criterion's estimates, with the
//! article count as the throughput, so the reports give articles/s.
//!
//! Every file is read into memory before timing starts: `extract` times extraction alone
//! on articles already read, `read_extract` times decoding and parsing the bytes too. No
//! file is opened and no index is written while the clock runs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use newsdex::discover::{discover, DiscoverOptions, Discovered, SourceFile};
use newsdex::extract::extract;
use newsdex::read::{read_bytes, RawArticle};

/// A corpus held in memory: each file's bytes, and the articles they give.
struct Corpus {
    files: Vec<(SourceFile, Vec<u8>)>,
    articles: Vec<RawArticle>,
}

impl Corpus {
    /// Reads every article file under `root`; files newsdex refuses are left out, as the
    /// indexer leaves them out.
    fn load(root: &Path) -> Result<Corpus, String> {
        let found = discover(&[root.to_owned()], &DiscoverOptions::default())
            .map_err(|e| format!("cannot walk {}: {e}", root.display()))?;
        let mut corpus = Corpus { files: Vec::new(), articles: Vec::new() };
        for item in found {
            let Discovered::File(source) = item else { continue };
            let bytes = std::fs::read(&source.path)
                .map_err(|e| format!("cannot read {}: {e}", source.path.display()))?;
            if let Ok(outcome) = read_bytes(&source, &bytes) {
                corpus.articles.extend(outcome.articles);
                corpus.files.push((source, bytes));
            }
        }
        if corpus.articles.is_empty() {
            return Err(format!("no articles under {}", root.display()));
        }
        Ok(corpus)
    }

    /// Extracts every article already read; the bytes of the bodies, so that the work
    /// has a result the optimiser must keep.
    fn extract_all(&self) -> usize {
        self.articles.iter().map(|raw| extract(raw).body.len()).sum()
    }

    /// Reads and extracts every article from the bytes, as the indexer's workers do.
    fn read_and_extract_all(&self) -> usize {
        self.files
            .iter()
            .filter_map(|(source, bytes)| read_bytes(source, bytes).ok())
            .flat_map(|outcome| outcome.articles)
            .map(|raw| extract(&raw).body.len())
            .sum()
    }
}

/// Benchmarks one corpus under `extract/NAME`.
fn bench_corpus(c: &mut Criterion, name: &str, root: &Path) {
    let corpus = match Corpus::load(root) {
        Ok(corpus) => corpus,
        Err(why) => {
            eprintln!("extract/{name}: skipped: {why}");
            return;
        }
    };
    let mut group = c.benchmark_group(format!("extract/{name}"));
    group.throughput(Throughput::Elements(corpus.articles.len() as u64));
    // One pass over 2,000 articles takes tens of milliseconds: a few flat samples (the
    // same iteration count in each) keep the run short on a shared two-core machine.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("extract", |b| b.iter(|| corpus.extract_all()));
    group.bench_function("read_extract", |b| b.iter(|| corpus.read_and_extract_all()));
    group.finish();
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_corpus(c: &mut Criterion) {
    bench_corpus(c, "sample_corpus", &manifest_dir().join("sample_corpus"));
}

fn synthetic(c: &mut Criterion) {
    let root = std::env::var_os("NEWSDEX_BENCH_SYNTH")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("bench-data").join("synth-txt-2k"));
    if !root.is_dir() {
        eprintln!(
            "extract/synth_txt_2k: skipped: {} not found (bench/run.sh makes it from ../shared)",
            root.display()
        );
        return;
    }
    bench_corpus(c, "synth_txt_2k", &root);
}

criterion_group!(benches, sample_corpus, synthetic);
criterion_main!(benches);
