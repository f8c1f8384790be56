//! The native server's files: `dir` on the file system, written as Redis
//! writes them (a temporary file in the same directory, flushed to the
//! device, then renamed over the old one and the directory flushed, so
//! that a crash mid-write leaves the previous file whole).

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::engine::persist::Disk;

pub struct FsDisk;

impl Disk for FsDisk {
    fn write(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
        let dir = Path::new(dir);
        let tmp = dir.join(format!("temp-{}.rdb", std::process::id()));
        let result = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            fs::rename(&tmp, dir.join(name))?;
            // The rename itself is durable once the directory is flushed
            // (Redis's fsyncFileDir after renaming a new RDB or AOF file).
            fs::File::open(dir).and_then(|d| d.sync_all())
        })();
        result.map_err(|e| {
            let _ = fs::remove_file(&tmp);
            format!(
                "Failed opening the temp RDB file {} (in server root dir {}) for saving: {e}",
                tmp.display(),
                dir.display()
            )
        })
    }

    fn read(&mut self, dir: &str, name: &str) -> Result<Option<Vec<u8>>, String> {
        match fs::read(Path::new(dir).join(name)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{name}: {e}")),
        }
    }

    fn append(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
        let path = Path::new(dir).join(name);
        let mut f = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let before = f.metadata().map(|m| m.len());
        f.write_all(bytes).map_err(|e| {
            // Part of it may have gone in: cut the file back to whole
            // commands, as Redis does after a short write (the engine keeps
            // what it wrote for the next try).
            if let Ok(len) = before {
                let _ = f.set_len(len);
            }
            format!("Error writing to the AOF file: {e}")
        })
    }

    fn sync(&mut self, dir: &str, name: &str) -> Result<(), String> {
        let path = Path::new(dir).join(name);
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|f| f.sync_data())
            .map_err(|e| format!("Can't persist the AOF file {}: {e}", path.display()))
    }

    fn remove(&mut self, dir: &str, name: &str) -> Result<(), String> {
        fs::remove_file(Path::new(dir).join(name)).map_err(|e| format!("{name}: {e}"))
    }

    fn make_dir(&mut self, dir: &str) -> Result<(), String> {
        fs::create_dir_all(dir).map_err(|e| format!("Can't create the AOF directory {dir}: {e}"))
    }
}
