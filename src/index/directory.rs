//! The index folder as tantivy sees it: tantivy's memory-mapped directory, opened either
//! for reading only or for writing.
//!
//! Searching, showing, exporting and counting need read access only: a read-only mount,
//! an index made read-only with `chmod`, or another user's index can be searched. Opened
//! for reading, the directory creates, writes and deletes nothing; tantivy's one lock on
//! the reading side (the meta lock, which keeps a writer's clean-up from deleting segment
//! files while a reader opens them) is taken as a shared `flock` on the existing lock
//! file, opened read-only, which needs no write access and still holds off the writer.
//! Opened for writing, it is tantivy's directory, except that files written whole
//! (`meta.json`, `.managed.json`) get the user's umask like every other index file:
//! tantivy writes them through a temporary file that is private (0600) whatever the umask.
//!
//! Which folder is an index, and what may be deleted from it, is [`super::folder`]'s job.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// The prefix of the temporary file a whole-file write goes through, so that one left by
/// a crash is known as the index's own ([`super::folder::is_index_file`]).
pub const TEMP_PREFIX: &str = ".newsdex-write-";

/// An index folder, opened for reading only or for writing.
#[derive(Clone, Debug)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    writable: bool,
}

impl IndexDirectory {
    /// Opens `root` for reading only: nothing in it is created, written or deleted.
    pub fn read_only(root: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory { inner: MmapDirectory::open(root)?, root: root.into(), writable: false })
    }

    /// Opens `root` for writing.
    pub fn writable(root: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory { inner: MmapDirectory::open(root)?, root: root.into(), writable: true })
    }

    fn refuse(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("the index at {} is open for reading only", self.root.display()),
        )
    }
}

/// A lock that is released when the file is closed.
struct SharedLock {
    _file: Option<File>,
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        if !self.writable {
            let io_error = Arc::new(self.refuse());
            return Err(DeleteError::IoError { io_error, filepath: path.to_owned() });
        }
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        if !self.writable {
            return Err(OpenWriteError::wrap_io_error(self.refuse(), path.to_owned()));
        }
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        if !self.writable {
            return Err(self.refuse());
        }
        // As tantivy does it (a temporary file in the same folder, synced, renamed over
        // the target), but asking for 0666 so that the umask decides, as for any file.
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut temp = builder.tempfile_in(&self.root)?;
        temp.write_all(data)?;
        temp.flush()?;
        temp.as_file_mut().sync_data()?;
        temp.into_temp_path().persist(self.root.join(path))?;
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if self.writable {
            return self.inner.acquire_lock(lock);
        }
        if lock.filepath != META_LOCK.filepath {
            return Err(LockError::IoError(Arc::new(self.refuse())));
        }
        // No lock file means no writer has ever cleaned up here: there is nothing to hold
        // off, and creating the file would need write access.
        let file = match File::open(self.root.join(&lock.filepath)) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(DirectoryLock::from(Box::new(SharedLock { _file: None })));
            }
            Err(err) => return Err(LockError::wrap_io_error(err)),
        };
        file.lock_shared().map_err(LockError::wrap_io_error)?;
        Ok(DirectoryLock::from(Box::new(SharedLock { _file: Some(file) })))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_directory_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::read_only(dir.path()).unwrap();
        assert!(directory.open_write(Path::new("a")).is_err());
        assert!(directory.atomic_write(Path::new("meta.json"), b"{}").is_err());
        let _meta = directory.acquire_lock(&META_LOCK).unwrap();
        assert!(directory.acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn whole_files_are_written_as_readable_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::writable(dir.path()).unwrap();
        directory.atomic_write(Path::new("meta.json"), b"{}").unwrap();
        let reference = dir.path().join("reference");
        File::create(&reference).unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("meta.json")), mode(&reference));
        assert_eq!(std::fs::read(dir.path().join("meta.json")).unwrap(), b"{}");
    }
}
