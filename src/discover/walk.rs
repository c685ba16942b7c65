//! The folder walk behind [`discover`]: walkdir, sorted by file name, following symlinks.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use super::{Format, SourceFile};
use crate::error::{Error, Result};
use crate::problem::Problem;

/// What to leave out of a walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// Folders never to walk into, typically the index folder when it lies inside the
    /// corpus. They are compared by canonical path, so a symlink or a `..` that leads
    /// into one is caught too. Paths that do not exist when [`discover`] starts are
    /// ignored.
    pub exclude: Vec<PathBuf>,
}

/// One thing the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovered {
    /// An article file to read.
    File(SourceFile),
    /// A file or folder passed over, for the user's warnings.
    Skipped {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        problem: Problem,
    },
}

/// Walks `roots` in the order given and yields their article files, each folder's
/// entries sorted by file name, so the order is the same on every run.
///
/// A root may be a folder or a single file. Inside folders, files whose extension is not
/// an article format ([`Format::from_extension`]) and hidden entries (name starting with
/// `.`) are passed over silently, and so are the `options.exclude` folders. A root named
/// explicitly is taken even if hidden; a root file that is not an article format is
/// [`Discovered::Skipped`]. Symlinks are followed; a symlink loop, an unreadable folder
/// or a broken symlink to an article file is `Skipped` with the reason, and the walk
/// goes on.
///
/// A file reached by several paths (a symlink to it, a symlinked folder, roots that
/// overlap, a root named twice, a hard link) is one file: it is yielded once, at the
/// first path the walk reaches it by, so one real file gives one article.
///
/// Every root is checked before anything is yielded: a root that does not exist (or
/// cannot be looked at) is an [`Error::Io`] naming it. The walk itself streams: memory
/// grows with the longest single folder listing (sorting needs it whole), about 130
/// bytes an entry, and with the files yielded, 16 bytes each for their identity.
pub fn discover(
    roots: &[PathBuf],
    options: &DiscoverOptions,
) -> Result<impl Iterator<Item = Discovered>> {
    for root in roots {
        fs::metadata(root).map_err(|source| Error::io(root, source))?;
    }
    let excluded = Excluded::new(&options.exclude);
    let roots = roots.to_vec();
    let mut seen = Seen::default();
    Ok(roots.into_iter().flat_map(move |root| walk_root(root, excluded.clone())).filter(
        move |found| match found {
            Discovered::File(file) => seen.first_time(&file.path),
            Discovered::Skipped { .. } => true,
        },
    ))
}

/// The files yielded so far, by what makes a file itself rather than its name.
#[derive(Debug, Default)]
struct Seen(HashSet<FileId>);

/// On Unix a file is its device and inode: every path to it, symlinked or hard-linked,
/// gives the same pair, at the cost of one `stat`, and 16 bytes to remember.
#[cfg(unix)]
type FileId = (u64, u64);
/// Elsewhere a file is its canonical path.
#[cfg(not(unix))]
type FileId = PathBuf;

impl Seen {
    /// Is this the first time the walk reaches the file at `path`? A file that cannot be
    /// looked at now is let through: reading it will say why.
    fn first_time(&mut self, path: &Path) -> bool {
        match file_id(path) {
            Some(id) => self.0.insert(id),
            None => true,
        }
    }
}

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|meta| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    fs::canonicalize(path).ok()
}

/// Folders never to walk into, by canonical path.
#[derive(Debug, Clone)]
struct Excluded(Vec<PathBuf>);

impl Excluded {
    /// A folder that does not exist cannot be walked into, so failing to canonicalize a
    /// path simply drops it.
    fn new(paths: &[PathBuf]) -> Self {
        Excluded(paths.iter().filter_map(|path| fs::canonicalize(path).ok()).collect())
    }

    /// Is `path` one of the folders, or inside one (a root may be)?
    fn contains(&self, path: &Path) -> bool {
        !self.0.is_empty()
            && fs::canonicalize(path)
                .is_ok_and(|real| self.0.iter().any(|folder| real.starts_with(folder)))
    }
}

/// The walk of one root.
fn walk_root(root: PathBuf, excluded: Excluded) -> impl Iterator<Item = Discovered> {
    let filter_excluded = excluded.clone();
    WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |entry| {
            // Canonicalizing costs a few system calls: only folders can be excluded.
            let maybe_excluded = entry.file_type().is_dir();
            !is_passed_over(entry.path(), entry.depth(), maybe_excluded, &filter_excluded)
        })
        .filter_map(move |result| match result {
            Ok(entry) => classify_entry(&entry),
            Err(err) => classify_error(&err, &root, &excluded),
        })
}

/// Entries passed over without a word: hidden ones below the root, and the excluded
/// folders.
fn is_passed_over(path: &Path, depth: usize, maybe_excluded: bool, excluded: &Excluded) -> bool {
    (depth > 0 && is_hidden(path)) || (maybe_excluded && excluded.contains(path))
}

/// A file or folder the walk reached: an article, a root to complain about, or nothing.
fn classify_entry(entry: &DirEntry) -> Option<Discovered> {
    if entry.file_type().is_dir() {
        return None;
    }
    let format = Format::from_path(entry.path());
    let skip = |problem| Some(Discovered::Skipped { path: entry.path().to_path_buf(), problem });
    match (entry.file_type().is_file(), format) {
        (true, Some(format)) => {
            Some(Discovered::File(SourceFile { path: entry.path().to_path_buf(), format }))
        }
        // Inside folders, anything else is not an article and not worth a warning; a
        // root the user named deserves to hear why nothing came of it.
        _ if entry.depth() > 0 => None,
        (false, _) => skip(Problem::NotRegularFile),
        (true, None) => skip(Problem::NotArticleFile),
    }
}

/// An error the walk met, turned into a `Skipped`, or nothing when the entry would have
/// been passed over silently anyway (hidden, excluded, not an article format).
fn classify_error(err: &walkdir::Error, root: &Path, excluded: &Excluded) -> Option<Discovered> {
    let path = err.path().unwrap_or(root);
    // walkdir opens a folder before the entry filter sees it, so its errors bypass
    // the filter: apply the same silence here.
    if is_passed_over(path, err.depth(), true, excluded) {
        return None;
    }
    let problem = if err.loop_ancestor().is_some() {
        Problem::SymlinkLoop
    } else {
        let io_err = err.io_error()?;
        let is_dangling = io_err.kind() == io::ErrorKind::NotFound
            && fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
        if is_dangling {
            if err.depth() > 0 && Format::from_path(path).is_none() {
                return None;
            }
            Problem::BrokenSymlink
        } else {
            Problem::io(io_err)
        }
    };
    Some(Discovered::Skipped { path: path.to_path_buf(), problem })
}

/// Does the last component start with a dot?
fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name.as_encoded_bytes().starts_with(b"."))
}

/// The roots as canonical paths, so an article's identity does not depend on the folder
/// `newsdex` was started from or the way the folder was named. A root that does not
/// exist is an error naming it.
pub fn absolute_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>> {
    roots.iter().map(|root| fs::canonicalize(root).map_err(|e| Error::io(root, e))).collect()
}

/// The files under `roots`, counted by extension (`.xml`, or `no extension`): what a
/// user whose folders held no article files is told they held instead. Unreadable
/// entries are left out; this only explains.
pub fn ignored_extensions(roots: &[PathBuf]) -> std::collections::BTreeMap<String, u64> {
    let mut counts = std::collections::BTreeMap::new();
    for root in roots {
        let files = WalkDir::new(root).into_iter().filter_map(|e| e.ok());
        for entry in files.filter(|e| e.file_type().is_file()) {
            let extension = match entry.path().extension() {
                Some(ext) => format!(".{}", ext.to_string_lossy().to_lowercase()),
                None => "no extension".to_owned(),
            };
            *counts.entry(extension).or_insert(0) += 1;
        }
    }
    counts
}

// The tests build symlinks and non-UTF-8 names with Unix APIs.
#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{symlink, PermissionsExt};

    use super::*;

    /// Writes `files` (paths relative to a new temporary folder) with a little text each.
    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for file in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, "text").expect("write");
        }
        dir
    }

    /// The walk of `roots`, as `relative/path` for files and `relative/path: reason` for
    /// skipped entries, so expectations read like a listing.
    fn walk(base: &Path, roots: &[PathBuf], options: &DiscoverOptions) -> Vec<String> {
        let relative =
            |path: &Path| path.strip_prefix(base).unwrap_or(path).to_string_lossy().into_owned();
        discover(roots, options)
            .expect("roots exist")
            .map(|item| match item {
                Discovered::File(file) => relative(&file.path),
                Discovered::Skipped { path, problem } => format!("{}: {problem}", relative(&path)),
            })
            .collect()
    }

    fn walk_all(dir: &tempfile::TempDir) -> Vec<String> {
        walk(dir.path(), &[dir.path().to_path_buf()], &DiscoverOptions::default())
    }

    #[test]
    fn article_files_come_sorted_by_name_at_every_level() {
        let dir = tree(&["b/2.json", "b/1.html", "a.txt", "c/z/x.jsonl", "c/y.ndjson", "A.HTM"]);
        assert_eq!(
            walk_all(&dir),
            ["A.HTM", "a.txt", "b/1.html", "b/2.json", "c/y.ndjson", "c/z/x.jsonl"]
        );
    }

    #[test]
    fn formats_follow_the_extension() {
        let dir = tree(&["a.txt", "b.JSON", "c.ndjson", "d.htm"]);
        let formats: Vec<Format> =
            discover(&[dir.path().to_path_buf()], &DiscoverOptions::default())
                .expect("root exists")
                .filter_map(|item| match item {
                    Discovered::File(file) => Some(file.format),
                    Discovered::Skipped { .. } => None,
                })
                .collect();
        assert_eq!(formats, [Format::Text, Format::Json, Format::JsonLines, Format::Html]);
    }

    #[test]
    fn other_extensions_and_hidden_entries_are_passed_over_silently() {
        let dir = tree(&[
            "keep.txt",
            "keep.txt.expected",
            "notes.md",
            "noext",
            ".hidden.txt",
            ".git/objects/x.json",
            "sub/.cache/y.html",
        ]);
        assert_eq!(walk_all(&dir), ["keep.txt"]);
    }

    #[test]
    fn a_hidden_root_named_by_the_user_is_walked() {
        let dir = tree(&[".archive/a.txt"]);
        let root = dir.path().join(".archive");
        assert_eq!(walk(dir.path(), &[root], &DiscoverOptions::default()), [".archive/a.txt"]);
    }

    #[test]
    fn roots_are_walked_in_the_order_given_and_may_be_files() {
        let dir = tree(&["x/b.txt", "y/a.txt", "z.json"]);
        let roots = ["z.json", "y", "x"].map(|r| dir.path().join(r));
        assert_eq!(
            walk(dir.path(), &roots, &DiscoverOptions::default()),
            ["z.json", "y/a.txt", "x/b.txt"]
        );
    }

    #[test]
    fn a_root_file_of_another_kind_is_skipped_with_the_reason() {
        let dir = tree(&["notes.md"]);
        let found = walk(dir.path(), &[dir.path().join("notes.md")], &DiscoverOptions::default());
        assert_eq!(
            found,
            ["notes.md: not an article file (.txt, .json, .jsonl, .ndjson, .html, .htm, .xhtml, .shtml)"]
        );
    }

    #[test]
    fn a_missing_root_is_an_io_error_naming_it() {
        let dir = tree(&["a.txt"]);
        let missing = dir.path().join("nope");
        let result =
            discover(&[dir.path().to_path_buf(), missing.clone()], &DiscoverOptions::default());
        match result {
            Err(Error::Io { path, cause }) => {
                assert_eq!(path, missing);
                assert_eq!(cause.kind(), io::ErrorKind::NotFound);
            }
            Err(other) => panic!("expected an I/O error, got {other}"),
            Ok(_) => panic!("expected an error for a missing root"),
        }
    }

    #[test]
    fn the_index_folder_is_never_walked_into() {
        let dir = tree(&["a.txt", "index/meta.json", "index/x.txt", "z.txt"]);
        let options = DiscoverOptions { exclude: vec![dir.path().join("index")] };
        assert_eq!(walk(dir.path(), &[dir.path().to_path_buf()], &options), ["a.txt", "z.txt"]);
    }

    #[test]
    fn the_index_folder_is_recognised_through_symlinks_and_dot_dots() {
        let dir = tree(&["corpus/a.txt", "index/x.json"]);
        symlink(dir.path().join("index"), dir.path().join("corpus/linked")).expect("symlink");
        let options = DiscoverOptions { exclude: vec![dir.path().join("corpus/../index")] };
        let found = walk(dir.path(), &[dir.path().join("corpus")], &options);
        assert_eq!(found, ["corpus/a.txt"]);
        // And a root inside the index yields nothing.
        assert!(walk(dir.path(), &[dir.path().join("index")], &options).is_empty());
    }

    #[test]
    fn symlinked_folders_are_followed() {
        let dir = tree(&["corpus/a.txt", "elsewhere/b.txt"]);
        symlink(dir.path().join("elsewhere"), dir.path().join("corpus/linked")).expect("symlink");
        let found = walk(dir.path(), &[dir.path().join("corpus")], &DiscoverOptions::default());
        assert_eq!(found, ["corpus/a.txt", "corpus/linked/b.txt"]);
    }

    #[test]
    fn a_symlink_loop_is_skipped_and_the_walk_goes_on() {
        let dir = tree(&["a/1.txt", "b/2.txt"]);
        symlink(dir.path().join("a"), dir.path().join("a/loop")).expect("symlink");
        assert_eq!(walk_all(&dir), ["a/1.txt", "a/loop: symlink loop", "b/2.txt"]);
    }

    #[test]
    fn a_broken_symlink_is_skipped_only_when_it_names_an_article() {
        let dir = tree(&["a.txt"]);
        symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).expect("symlink");
        symlink(dir.path().join("gone.png"), dir.path().join("c.png")).expect("symlink");
        assert_eq!(walk_all(&dir), ["a.txt", "b.txt: broken symlink"]);
    }

    #[test]
    fn an_unreadable_folder_is_skipped_with_the_os_reason() {
        let dir = tree(&["a/1.txt", "locked/2.txt", "z.txt"]);
        let locked = dir.path().join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read_dir(&locked).is_ok() {
            // Root (and CAP_DAC_OVERRIDE) reads everything: nothing to test here.
            eprintln!("skipped: this user can read a mode 000 folder");
            return;
        }
        let found = walk_all(&dir);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
        assert_eq!(found, ["a/1.txt", "locked: permission denied", "z.txt"]);
    }

    #[test]
    fn non_utf8_file_names_keep_their_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        fs::write(dir.path().join(name), "text").expect("write");
        let found: Vec<Discovered> =
            discover(&[dir.path().to_path_buf()], &DiscoverOptions::default())
                .expect("root")
                .collect();
        assert_eq!(
            found,
            [Discovered::File(SourceFile { path: dir.path().join(name), format: Format::Text })]
        );
    }

    #[test]
    fn a_file_reached_by_several_paths_is_yielded_once_at_the_first() {
        let dir = tree(&["corpus/a.txt", "corpus/sub/b.txt"]);
        let corpus = dir.path().join("corpus");
        symlink(corpus.join("a.txt"), corpus.join("z-link.txt")).expect("symlink");
        symlink(corpus.join("sub"), corpus.join("linked-sub")).expect("symlink");
        fs::hard_link(corpus.join("a.txt"), corpus.join("y-hard.txt")).expect("hard link");
        let roots =
            [corpus.clone(), corpus.join("sub/b.txt"), corpus.join("a.txt"), corpus.clone()];
        assert_eq!(
            walk(dir.path(), &roots, &DiscoverOptions::default()),
            ["corpus/a.txt", "corpus/linked-sub/b.txt"]
        );
    }

    #[test]
    fn deeply_nested_folders_are_walked() {
        let depth = 300;
        let dir = tempfile::tempdir().expect("temp dir");
        let mut deep = dir.path().to_path_buf();
        for _ in 0..depth {
            deep.push("d");
        }
        fs::create_dir_all(&deep).expect("mkdir");
        fs::write(deep.join("bottom.txt"), "text").expect("write");
        let found = walk_all(&dir);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].matches('/').count(), depth);
        assert!(found[0].ends_with("d/bottom.txt"));
    }
}
