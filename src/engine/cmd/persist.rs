//! Persistence commands: DUMP and RESTORE, FUNCTION DUMP and RESTORE,
//! SAVE and BGSAVE, and the engine's whole-file save and load (DEBUG
//! RELOAD, save points, the native server's start and SHUTDOWN).
//!
//! There is no fork here: BGSAVE saves before it answers, then answers
//! as Redis does when its child has started, so a client sees the same
//! words and, one step later, the same LASTSAVE and INFO. Files go to the
//! host's [`Disk`] (the native server's `dir`); a host without one gets
//! an in-memory disk at the first save, so SAVE then DEBUG RELOAD NOSAVE
//! works in the playground too.

use crate::engine::table::flag;
use std::collections::BTreeMap;

use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::db::Entry;
use crate::engine::errors;
use crate::engine::evict::Policy;
use crate::engine::persist::Disk;
use crate::engine::rdb::{self, file, Limits, Options};
use crate::engine::table::Command;
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// Files kept in memory, for hosts that lend no disk. Each file also
/// has the length that is durable: what a write (written aside, flushed,
/// renamed) or a sync made so. Appended bytes past it are in the
/// system's hands only, and a power cut forgets them.
#[derive(Default)]
struct MemDisk(BTreeMap<(String, String), (Vec<u8>, usize)>);

impl MemDisk {
    fn flush(&mut self, dir: &str, name: &str) {
        if let Some((bytes, durable)) = self.0.get_mut(&(dir.into(), name.into())) {
            *durable = bytes.len();
        }
    }
}

impl Disk for MemDisk {
    fn write(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.0
            .insert((dir.into(), name.into()), (bytes.to_vec(), bytes.len()));
        Ok(())
    }
    fn read(&mut self, dir: &str, name: &str) -> Result<Option<Vec<u8>>, String> {
        Ok(self.0.get(&(dir.into(), name.into())).map(|f| f.0.clone()))
    }
    fn append(&mut self, dir: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.0
            .entry((dir.into(), name.into()))
            .or_default()
            .0
            .extend_from_slice(bytes);
        Ok(())
    }
    fn sync(&mut self, dir: &str, name: &str) -> Result<(), String> {
        self.flush(dir, name);
        Ok(())
    }
    fn writeback(&mut self, dir: &str, name: &str) -> Result<(), String> {
        self.flush(dir, name);
        Ok(())
    }
    fn remove(&mut self, dir: &str, name: &str) -> Result<(), String> {
        self.0.remove(&(dir.into(), name.into()));
        Ok(())
    }
    fn make_dir(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn view(&self, dir: &str, name: &str) -> Option<(&[u8], usize)> {
        self.0
            .get(&(dir.into(), name.into()))
            .map(|(bytes, durable)| (bytes.as_slice(), *durable))
    }
    fn power_cut(&mut self) -> Result<(), String> {
        for (bytes, durable) in self.0.values_mut() {
            bytes.truncate(*durable);
        }
        Ok(())
    }
}

/// DUMP key
pub fn dump(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let opts = Options::from_config(&eng.config);
    match eng.lookup(sess.db, &argv[1]) {
        None => Reply::Null,
        Some(v) => Reply::Bulk(rdb::dump(v, opts)),
    }
}

/// RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
pub fn restore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (mut replace, mut absttl) = (false, false);
    let (mut idle, mut freq): (Option<i64>, Option<i64>) = (None, None);
    let mut j = 4;
    while let Some(a) = argv.get(j) {
        let more = argv.len() - j - 1;
        if eq_ignore_case(a, "replace") {
            replace = true;
        } else if eq_ignore_case(a, "absttl") {
            absttl = true;
        } else if eq_ignore_case(a, "idletime") && more >= 1 && freq.is_none() {
            let Some(v) = parse_i64(&argv[j + 1]) else {
                return Reply::err(errors::NOT_INTEGER);
            };
            if v < 0 {
                return Reply::err("ERR Invalid IDLETIME value, must be >= 0");
            }
            idle = Some(v);
            j += 1;
        } else if eq_ignore_case(a, "freq") && more >= 1 && idle.is_none() {
            let Some(v) = parse_i64(&argv[j + 1]) else {
                return Reply::err(errors::NOT_INTEGER);
            };
            if !(0..=255).contains(&v) {
                return Reply::err("ERR Invalid FREQ value, must be >= 0 and <= 255");
            }
            freq = Some(v);
            j += 1;
        } else {
            return Reply::err(errors::SYNTAX);
        }
        j += 1;
    }
    let (db, key) = (sess.db, argv[1].as_slice());
    if !replace && eng.exists(db, key) {
        return Reply::err("BUSYKEY Target key name already exists.");
    }
    let Some(mut ttl) = parse_i64(&argv[2]) else {
        return Reply::err(errors::NOT_INTEGER);
    };
    if ttl < 0 {
        return Reply::err("ERR Invalid TTL value, must be >= 0");
    }
    if rdb::verify(&argv[3], eng.persist.skip_checksum).is_none() {
        return Reply::err("ERR DUMP payload version or checksum are wrong");
    }
    let Ok(value) = rdb::restore(&argv[3], &Limits::from_config(&eng.config)) else {
        return Reply::err("ERR Bad data format");
    };
    let deleted = replace && eng.delete(db, key);
    let now = eng.now_ms();
    if ttl != 0 && !absttl {
        ttl = ttl.saturating_add(now);
    }
    if ttl != 0 && ttl <= now {
        // Already past its deadline: only the deletion happened.
        if deleted {
            eng.notify(db, key, "del");
            eng.propagate_as(|| vec![b"DEL".to_vec(), key.to_vec()]);
        }
        return Reply::ok();
    }
    let last_access = idle.map_or(now, |s| now.saturating_sub(s.saturating_mul(1000)));
    let mut entry = Entry::new(value, last_access);
    let freq = freq.and_then(|f| u8::try_from(f).ok());
    Engine::set_frequency(
        &mut entry,
        freq.unwrap_or(crate::engine::evict::LFU_INIT),
        now,
    );
    eng.put_entry(db, key, entry, (ttl != 0).then_some(ttl));
    eng.notify(db, key, "restore");
    // A relative TTL is logged as its deadline, with ABSTTL.
    if ttl != 0 && !absttl && eng.propagating() {
        let mut line = argv.to_vec();
        line[2] = ttl.to_string().into_bytes();
        line.push(b"ABSTTL".to_vec());
        eng.propagate_as(|| line);
    }
    Reply::ok()
}

/// FUNCTION DUMP
pub fn function_dump(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let mut out = rdb::Out::new(Options::from_config(&eng.config));
    for lib in eng.scripting.libraries.values() {
        out.byte(file::op::FUNCTION2);
        out.string(&lib.code);
    }
    Reply::Bulk(rdb::with_footer(out.into_bytes()))
}

/// FUNCTION RESTORE serialized-value [FLUSH | APPEND | REPLACE]
pub fn function_restore(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 4 {
        return super::sub_syntax(argv);
    }
    #[derive(PartialEq)]
    enum Policy {
        Append,
        Replace,
        Flush,
    }
    let policy =
        match argv.get(3) {
            None => Policy::Append,
            Some(p) if eq_ignore_case(p, "append") => Policy::Append,
            Some(p) if eq_ignore_case(p, "replace") => Policy::Replace,
            Some(p) if eq_ignore_case(p, "flush") => Policy::Flush,
            Some(_) => return Reply::err(
                "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.",
            ),
        };
    if rdb::verify(&argv[2], eng.persist.skip_checksum).is_none() {
        return Reply::err("ERR DUMP payload version or checksum are wrong");
    }
    // Read until the footer, as Redis does (a string may run into it).
    let mut input = rdb::Input::new(&argv[2]);
    let mut codes = Vec::new();
    while input.rest().len() > 10 {
        match input.byte() {
            Ok(file::op::FUNCTION2) => match input.string() {
                Ok(code) => codes.push(code.into_owned()),
                Err(_) => return Reply::err("ERR Failed loading library payload"),
            },
            Ok(_) => return Reply::err("ERR given type is not a function"),
            Err(_) => return Reply::err("ERR can not read data type"),
        }
    }
    match eng.restore_libraries(&codes, policy == Policy::Flush, policy == Policy::Replace) {
        Ok(()) => {
            eng.dirty += 1;
            Reply::ok()
        }
        Err(e) => Reply::err(e),
    }
}

/// SAVE
pub fn save(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    match eng.save_rdb() {
        Ok(()) => Reply::ok(),
        Err(_) => Reply::err("ERR"),
    }
}

/// BGSAVE [SCHEDULE]
pub fn bgsave(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if let Some(a) = argv.get(1) {
        if argv.len() > 2 || !eq_ignore_case(a, "schedule") {
            return Reply::err(errors::SYNTAX);
        }
    }
    // The save is done before the answer; one that fails shows in INFO
    // and LASTSAVE, as a failed child's would.
    let _ = eng.bgsave_rdb();
    Reply::simple("Background saving started")
}

impl Engine {
    /// Files go to the host's disk, or to memory when none was lent.
    pub(crate) fn ensure_disk(&mut self) {
        self.persist
            .disk
            .get_or_insert_with(|| Box::new(MemDisk::default()));
    }

    /// The engine's data as an RDB file.
    pub fn rdb_bytes(&self) -> Vec<u8> {
        let now = self.now_ms();
        // Under an LRU policy each key's idle time is kept, under an LFU
        // one its counter, as Redis's `rdbSaveKeyValuePair` keeps them.
        let policy = self.evict.policy;
        let lru = matches!(policy, Policy::AllKeysLru | Policy::VolatileLru);
        let decay = self.evict.lfu_settings().1;
        let dbs = self
            .dbs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let keys: Vec<file::Key<'_>> = d
                    .iter()
                    .map(|(key, e)| file::Key {
                        key,
                        value: &e.value,
                        expire_ms: d.expire_at(key),
                        idle_secs: lru.then(|| e.idle_seconds(now).unsigned_abs()),
                        freq: policy.lfu().then(|| e.lfu_count(now, decay)),
                    })
                    .collect();
                (i, d.volatile_len(), keys)
            })
            .collect();
        let contents = file::Contents {
            ctime_secs: now.div_euclid(1000),
            used_mem: self.used_memory(),
            libraries: self
                .scripting
                .libraries
                .values()
                .map(|l| l.code.as_slice())
                .collect(),
            dbs,
            checksum: self.config.get_bool("rdbchecksum"),
        };
        file::write(&contents, Options::from_config(&self.config))
    }

    fn dir_and_file(&self) -> (String, String) {
        (
            self.config.get_str("dir").unwrap_or_default(),
            self.config.get_str("dbfilename").unwrap_or_default(),
        )
    }

    /// SAVE: write the RDB file to the disk; on success the dataset
    /// counts as saved (LASTSAVE, `rdb_changes_since_last_save`) and the
    /// last save's status is ok. A failure leaves that status as it was,
    /// as Redis's foreground save does.
    pub fn save_rdb(&mut self) -> Result<(), String> {
        let bytes = self.rdb_bytes();
        let (dir, name) = self.dir_and_file();
        let now_secs = self.now_ms().div_euclid(1000);
        self.ensure_disk();
        let Some(disk) = self.persist.disk.as_mut() else {
            return Err("no disk".into());
        };
        let result = disk.write(&dir, &name, &bytes);
        if result.is_ok() {
            self.persist.dirty_at_save = self.changes();
            self.persist.last_save_secs = Some(now_secs);
            self.persist.saves += 1;
            self.persist.last_failed = false;
        }
        result
    }

    /// The page's "Load dump.rdb": `bytes` become the data and the RDB
    /// file, as when redis-server starts on that file. All or nothing: a
    /// file that cannot load changes neither the data nor the file kept.
    /// With the AOF on, a new base is written, so that a restart finds the
    /// same data. The number of keys loaded.
    pub fn open_rdb(&mut self, bytes: &[u8]) -> Result<usize, String> {
        self.load_rdb(bytes, true, false)?;
        let keys = self.dbs.iter().map(|d| d.len()).sum();
        // As a start on the file: nothing to save, LASTSAVE now.
        self.persist.dirty_at_save = self.changes();
        self.persist.last_save_secs = Some(self.now_ms().div_euclid(1000));
        let (dir, name) = self.dir_and_file();
        self.ensure_disk();
        if let Some(disk) = self.persist.disk.as_mut() {
            disk.write(&dir, &name, bytes)
                .map_err(|e| format!("the data loaded, but {name} was not kept: {e}"))?;
        }
        if self.persist.aof.is_some() {
            self.aof_rewrite()?;
        }
        self.events.push(crate::engine::Event::Loaded {
            from: "the dump.rdb you opened",
            keys,
        });
        Ok(keys)
    }

    /// BGSAVE and save points: a save whose failure is remembered
    /// (`rdb_last_bgsave_status:err`, and with save points set and
    /// `stop-writes-on-bgsave-error`, MISCONF for writes), as a failed
    /// child's is.
    pub fn bgsave_rdb(&mut self) -> Result<(), String> {
        self.persist.last_try_secs = self.now_ms().div_euclid(1000);
        let result = self.save_rdb();
        if result.is_err() {
            self.persist.last_failed = true;
        }
        result
    }

    /// Redis refuses writes (and PING) while the last background save
    /// failed, save points are set and `stop-writes-on-bgsave-error` is
    /// on: the disk is in trouble and the client should know.
    pub(crate) fn refuse_write(
        &self,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) -> Option<Reply> {
        let on = self.persist.last_failed
            && self.config.get_bool("stop-writes-on-bgsave-error")
            && self.has_save_points();
        let queued_write = cmd.name == "exec"
            && sess.multi.as_ref().is_some_and(|m| {
                m.queue.iter().any(|argv| {
                    argv.first()
                        .and_then(|n| crate::engine::table::lookup(n))
                        .and_then(|c| self.resolve(c, argv).ok())
                        .is_some_and(|c| c.is(flag::WRITE))
                })
            });
        // The AOF could not be written: Redis's MISCONF for the AOF.
        if let Some(e) = &self.persist.aof_error {
            if self.config.get_bool("appendonly") && (cmd.is(flag::WRITE) || cmd.name == "ping") {
                return Some(Reply::err(format!(
                    "MISCONF Errors writing to the AOF file: {e}"
                )));
            }
        }
        // A script that declares flags without no-writes counts as a
        // write (Redis reads its flags as the command's).
        let writing_script = crate::engine::cmd::scripting::declared_flags(self, cmd.name, argv)
            .is_some_and(|f| !f.no_writes);
        let write = cmd.is(flag::WRITE) || queued_write || writing_script;
        if on && (write || cmd.name == "ping") {
            return Some(Reply::err("MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error."));
        }
        // No replica ever connects here: with min-replicas-to-write set,
        // every write is short of good replicas. (The callers asked
        // `replicas_wanted` first, which read the settings again.)
        (write && self.evict.replicas_wanted)
            .then(|| Reply::err("NOREPLICAS Not enough good replicas to write."))
    }

    /// The clock's persistence work (`serverCron`): a save point whose
    /// seconds have passed since the last save, with at least its number
    /// of changes, saves; after a failed save, the next try waits 5 s.
    pub fn persist_cron(&mut self) {
        self.aof_auto_rewrite();
        let changes = self.unsaved_changes();
        if changes == 0 {
            return;
        }
        self.memory_settings();
        let now = self.now_ms().div_euclid(1000);
        let since = now - self.last_save_secs();
        let may_retry = !self.persist.last_failed || now - self.persist.last_try_secs > 5;
        let due = (self.persist.save_points.iter()).any(|&(secs, n)| changes >= n && since > secs);
        if due && may_retry {
            let _ = self.bgsave_rdb();
        }
    }

    /// Load the RDB file from the disk (the native server's start, DEBUG
    /// RELOAD): `Ok(false)` when there is none.
    pub fn load_rdb_file(&mut self, flush: bool, merge: bool) -> Result<bool, String> {
        let (dir, name) = self.dir_and_file();
        let bytes = match self.persist.disk.as_mut() {
            Some(d) => d.read(&dir, &name)?,
            None => None,
        };
        match bytes {
            None => Ok(false),
            Some(b) => self.load_rdb(&b, flush, merge).map(|()| true),
        }
    }

    /// Load an RDB file's bytes: all of it or nothing. `flush` empties
    /// the dataset (and the libraries) first; without it, a key or a
    /// library that exists fails the load unless `merge` lets the file's
    /// win. Keys past their deadline are left out, as a primary's load
    /// leaves them out.
    pub fn load_rdb(&mut self, bytes: &[u8], flush: bool, merge: bool) -> Result<(), String> {
        self.load_rdb_prefix(bytes, flush, merge).map(|_| ())
    }

    /// `load_rdb` of the RDB that starts `bytes`, whatever follows it (an
    /// AOF's preamble): the length it took.
    pub(crate) fn load_rdb_prefix(
        &mut self,
        bytes: &[u8],
        flush: bool,
        merge: bool,
    ) -> Result<usize, String> {
        let limits = Limits::from_config(&self.config);
        let check = self.config.get_bool("rdbchecksum") && !self.persist.skip_checksum;
        let loaded = file::read(bytes, &limits, self.dbs.len(), check).map_err(|e| e.0)?;
        let used = loaded.len;
        if !flush && !merge {
            let key_taken = loaded
                .keys
                .iter()
                .any(|k| self.dbs.get(k.db).is_some_and(|d| d.contains(&k.key)));
            if key_taken {
                return Err("a key in the file exists already".into());
            }
        }
        // Libraries first: the only step that can still fail, and it
        // puts them back when it does, before any key is touched.
        self.restore_libraries(&loaded.libraries, flush, merge)?;
        // Emptying for a load is no change to save (Redis's emptyData in
        // DEBUG RELOAD counts none), though hosts see the data move.
        let unsaved = self.unsaved_changes();
        if flush {
            self.flush_all();
        }
        let now = self.now_ms();
        let (mut kept, mut expired) = (0u64, 0u64);
        for k in loaded.keys {
            // An AOF's base keeps them: its later lines may change them.
            if k.expire_ms.is_some_and(|t| t < now) && !self.persist.loading {
                expired += 1;
                continue;
            }
            let last_access = k.idle_secs.map_or(now, |s| {
                now.saturating_sub(i64::try_from(s).unwrap_or(i64::MAX).saturating_mul(1000))
            });
            let mut entry = Entry::new(k.value, last_access);
            let freq = k.freq.unwrap_or(crate::engine::evict::LFU_INIT);
            Engine::set_frequency(&mut entry, freq, now);
            if let Some(d) = self.db_mut(k.db) {
                d.take(&k.key);
                d.insert(&k.key, entry, k.expire_ms);
                kept += 1;
            }
        }
        self.persist.loaded_keys = kept;
        self.persist.expired_on_load = expired;
        self.persist.dirty_at_save = self.changes().saturating_sub(unsaved);
        // Hosts re-read what they show: encodings may have changed.
        self.settings_changes += 1;
        Ok(used)
    }

    /// Load libraries from their sources, all or none: with `flush` in
    /// place of the present ones; else beside them, where a name that
    /// exists fails unless `replace` (FUNCTION RESTORE's policies).
    pub(crate) fn restore_libraries(
        &mut self,
        codes: &[Vec<u8>],
        flush: bool,
        replace: bool,
    ) -> Result<(), String> {
        if codes.is_empty() && !flush {
            return Ok(());
        }
        let before = self.scripting.libraries.clone();
        let mut seen: Vec<String> = self.scripting.functions.keys().cloned().collect();
        self.flush_functions();
        let mut result = Ok(());
        for code in codes {
            if let Err(e) = self.load_library(code, false) {
                result = Err(reply_text(&e));
                break;
            }
        }
        seen.extend(self.scripting.functions.keys().cloned());
        let new = std::mem::take(&mut self.scripting.libraries);
        let mut merged = if flush {
            Default::default()
        } else {
            before.clone()
        };
        if result.is_ok() && !flush {
            result = join(&mut merged, &new, replace);
        }
        if result.is_ok() {
            merged.extend(new);
            self.scripting.libraries = merged;
        } else {
            self.scripting.libraries = before;
        }
        self.reload_functions(&seen);
        result
    }
}

/// `libraryJoin`: what joining `new` into `into` would break, checked
/// before anything changes; replaced libraries leave `into`.
fn join(
    into: &mut indexmap::IndexMap<String, crate::engine::scripting::Library>,
    new: &indexmap::IndexMap<String, crate::engine::scripting::Library>,
    replace: bool,
) -> Result<(), String> {
    let mut kept = into.clone();
    for name in new.keys() {
        if kept.contains_key(name) {
            if !replace {
                return Err(format!("ERR Library {name} already exists"));
            }
            kept.shift_remove(name);
        }
    }
    for lib in new.values() {
        for f in &lib.functions {
            let taken = kept.values().any(|l| {
                l.functions
                    .iter()
                    .any(|g| g.name.eq_ignore_ascii_case(&f.name))
            });
            if taken {
                return Err(format!("ERR Function {} already exists", f.name));
            }
        }
    }
    *into = kept;
    Ok(())
}

fn reply_text(r: &Reply) -> String {
    match r {
        Reply::Error(e) => e.clone(),
        other => format!("{other:?}"),
    }
}
