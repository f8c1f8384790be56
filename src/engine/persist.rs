//! What the engine keeps about persistence between commands: where its
//! files go (a [`Disk`] the host lends), when it last saved, and the
//! counters INFO's Persistence section shows. The work itself (the RDB
//! format, SAVE, DUMP, loading) is in `rdb/` and `cmd/persist.rs`, part
//! of the rest of the engine.

/// Where a host keeps the files Redis keeps in its `dir`: the native
/// server's is its file system; without one, the engine keeps them in
/// memory (the playground, tests), where a later load finds them.
pub trait Disk: Send {
    /// Replace file `name` of directory `dir` with `bytes` whole: written
    /// aside and then renamed over the old one, as Redis does, so that a
    /// crash mid-write leaves the old file. `Err` says why not.
    fn write(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<(), String>;
    /// The bytes of `name` in `dir`, `Ok(None)` when there is no such file.
    fn read(&mut self, dir: &str, name: &str) -> Result<Option<Vec<u8>>, String>;
    /// Add `bytes` at the end of `name` (the AOF's incremental file).
    fn append(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<(), String>;
    /// Make what was appended to `name` durable (fsync).
    fn sync(&mut self, dir: &str, name: &str) -> Result<(), String>;
    fn remove(&mut self, dir: &str, name: &str) -> Result<(), String>;
    /// Make directory `dir` if it is not there (the AOF's directory).
    fn make_dir(&mut self, dir: &str) -> Result<(), String>;
    /// The system writes back what it holds of `name` (Linux does within
    /// 30 s, which is all `appendfsync no` has): a real disk's system
    /// does so on its own; the page's disk is told when.
    fn writeback(&mut self, _dir: &str, _name: &str) -> Result<(), String> {
        Ok(())
    }
    /// The page's disk only: file `name`'s bytes and how many of them
    /// are durable, without a copy (the AOF view). A real disk: `None`.
    fn view(&self, _dir: &str, _name: &str) -> Option<(&[u8], usize)> {
        None
    }
    /// A power cut: forget every byte appended and not yet made durable
    /// (`sync`, `writeback`), as a machine that loses power does. Only the
    /// page's disk can; a real one refuses.
    fn power_cut(&mut self) -> Result<(), String> {
        Err("a real disk cannot be made to forget what its system has not flushed".into())
    }
}

/// The AOF being written: its manifest's sequence numbers, the
/// incremental file appended to, and when it was last flushed to the
/// device (`appendfsync everysec`).
#[derive(Debug, Clone)]
pub struct Aof {
    pub base_seq: u64,
    pub incr_seq: u64,
    pub incr: String,
    pub synced_at: i64,
    pub unsynced: bool,
    /// Writes appended since the last flush to the device: what a power
    /// cut would lose (the time bar shows it).
    pub unsynced_writes: u64,
    /// Bytes of its files now, and just after the last rewrite (Redis's
    /// `aof_current_size` and `aof_rewrite_base_size`): the automatic
    /// rewrite compares them.
    pub size: u64,
    pub base_size: u64,
}

#[derive(Default)]
pub struct Persist {
    /// `None` until a host lends one or the first save makes one in memory.
    pub disk: Option<Box<dyn Disk>>,
    /// The engine's count of changes (`Engine::changes`: `dirty`, which
    /// only grows and hosts read as the data's version, less the expired
    /// and evicted keys it counted, which Redis does not count) when the
    /// last save was made; INFO's `rdb_changes_since_last_save` is the
    /// difference.
    pub dirty_at_save: u64,
    /// LASTSAVE, in seconds (the start time until something is saved).
    pub last_save_secs: Option<i64>,
    /// `save`'s points as (seconds, changes), read again after each CONFIG
    /// change (`memory_settings`) rather than parsed on every tick.
    pub save_points: Vec<(i64, u64)>,
    /// INFO's `rdb_saves`.
    pub saves: u64,
    /// The last save failed (`rdb_last_bgsave_status:err`), and when a
    /// save was last tried (a failed save point waits 5 s to retry).
    pub last_failed: bool,
    pub last_try_secs: i64,
    /// DEBUG SET-SKIP-CHECKSUM-VALIDATION: payloads and files are read
    /// whatever their checksum says (Redis's corrupt-payload tests use it).
    pub skip_checksum: bool,
    /// The last load: keys loaded and keys left out as already expired.
    pub loaded_keys: u64,
    pub expired_on_load: u64,
    /// The AOF, while `appendonly` is on and its files are open.
    pub aof: Option<Aof>,
    /// The last AOF write or open that failed.
    pub aof_error: Option<String>,
    /// INFO's `aof_rewrites`.
    pub aof_rewrites: u64,
    /// Files are being loaded: what runs is not logged again.
    pub loading: bool,
    /// The AOF's files were just loaded at start: opening it carries on
    /// with them.
    pub aof_resume: bool,
    /// A restart could not load the AOF: its files are left as they are
    /// (never opened again, so no new base replaces them) until
    /// `appendonly` is turned off.
    pub aof_load_failed: bool,
    /// BGREWRITEAOF ran inside EXEC: the rewrite comes after it.
    pub aof_rewrite_scheduled: bool,
}

impl std::fmt::Debug for Persist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Persist")
            .field("disk", &self.disk.is_some())
            .field("last_save_secs", &self.last_save_secs)
            .field("saves", &self.saves)
            .finish()
    }
}

impl super::Engine {
    /// Lend the engine the host's files (the native server's `dir`).
    pub fn set_disk(&mut self, disk: Box<dyn Disk>) {
        self.persist.disk = Some(disk);
    }

    /// Save points are set (`save` is not empty): SHUTDOWN and FLUSHALL
    /// save, the clock saves, a failed save stops writes.
    pub(crate) fn has_save_points(&self) -> bool {
        !self
            .config
            .get_str("save")
            .unwrap_or_default()
            .trim()
            .is_empty()
    }

    /// Writes need replicas this server never has (`min-replicas-to-write`
    /// with `min-replicas-max-lag`, Redis's `checkGoodReplicasStatus`):
    /// they are refused with NOREPLICAS. Read on every command, so kept
    /// with the settings read again after each CONFIG change.
    pub(crate) fn replicas_wanted(&mut self) -> bool {
        self.memory_settings();
        self.evict.replicas_wanted
    }

    /// Changes since the last save.
    pub(crate) fn unsaved_changes(&self) -> u64 {
        self.changes().saturating_sub(self.persist.dirty_at_save)
    }

    /// Changes as Redis's `server.dirty` counts them: the data's version
    /// less the keys that expired or were evicted (Redis's deletions of
    /// those move no counter, so they never make a save point due).
    pub(crate) fn changes(&self) -> u64 {
        self.dirty.saturating_sub(self.prop.not_writes)
    }

    /// LASTSAVE and INFO's `rdb_last_save_time`.
    pub(crate) fn last_save_secs(&self) -> i64 {
        self.persist
            .last_save_secs
            .unwrap_or_else(|| self.start_secs())
    }
}

/// A disk for tests that keeps nothing, as a real one it cannot make
/// forget (no `power_cut`); `full`: every write and append fails, as on a
/// full device.
#[cfg(test)]
pub(crate) struct StubDisk {
    pub full: bool,
}

#[cfg(test)]
impl Disk for StubDisk {
    fn write(&mut self, _: &str, _: &str, _: &[u8]) -> Result<(), String> {
        self.stored()
    }
    fn read(&mut self, _: &str, _: &str) -> Result<Option<Vec<u8>>, String> {
        Ok(None)
    }
    fn append(&mut self, _: &str, _: &str, _: &[u8]) -> Result<(), String> {
        self.stored()
    }
    fn sync(&mut self, _: &str, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn remove(&mut self, _: &str, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn make_dir(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
impl StubDisk {
    fn stored(&self) -> Result<(), String> {
        if self.full {
            Err("No space left on device".into())
        } else {
            Ok(())
        }
    }
}
