//! The append-only file, as Redis 7.0 keeps it: a directory
//! (`appenddirname`) holding a base file (the data when it was last
//! rewritten, in the RDB format: `aof-use-rdb-preamble yes`), incremental
//! files (the writes since, as commands: `propagate.rs`), and a manifest
//! naming them in order. Turning `appendonly` on writes a base from the
//! data there is; BGREWRITEAOF writes a new base and starts a new
//! incremental file; a start with `appendonly yes` loads the files the
//! manifest names (`load_aof`), a cut last command being dropped as
//! `aof-load-truncated` allows. Writes are appended as each execution
//! unit ends, and flushed to the device as `appendfsync` says: after each
//! (`always`), once a second on the clock (`everysec`), or never (`no`).

use crate::engine::persist::Aof;
use crate::engine::{ClientAddr, Engine, Session};
use crate::reply::Reply;
use crate::resp::RequestParser;

/// One file of the manifest: name, sequence, type (`b` base, `i`
/// incremental).
#[derive(Debug, Clone, PartialEq)]
struct Part {
    name: String,
    seq: u64,
    base: bool,
}

fn manifest_text(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| {
            // A name with spaces, quotes or control characters is
            // written quoted, as Redis's `sdscatrepr` writes it.
            format!(
                "file {} seq {} type {}\n",
                crate::cli::help::quote_arg(p.name.as_bytes()),
                p.seq,
                if p.base { "b" } else { "i" }
            )
        })
        .collect()
}

/// Redis's longest manifest line (`MANIFEST_MAX_LINE`).
const MANIFEST_MAX_LINE: usize = 1024;

/// Read a manifest: `file NAME seq N type b|h|i` lines, as strictly as
/// Redis's `aofLoadManifestFromFile` (history files are left out: they
/// are not loaded). An error names the line and the rule, in Redis's
/// words.
fn read_manifest(text: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut base_seen = false;
    let mut max_incr = 0i64;
    if text.is_empty() {
        return Err("Found an empty AOF manifest".into());
    }
    let mut rest = text;
    let mut n = 0;
    while !rest.is_empty() {
        n += 1;
        let (raw, ended) = match rest.find('\n') {
            Some(i) => (&rest[..i], true),
            None => (rest, false),
        };
        rest = rest
            .get(raw.len() + usize::from(ended)..)
            .unwrap_or_default();
        if raw.starts_with('#') {
            continue;
        }
        let bad = |why: &str| {
            format!(
                "{why} (reading the manifest file, at line {n}: '{}')",
                raw.trim()
            )
        };
        if !ended || raw.len() >= MANIFEST_MAX_LINE {
            return Err(bad("The AOF manifest file contains too long line"));
        }
        let line = raw.trim_matches(|c| matches!(c, ' ' | '\t' | '\r'));
        let words = match crate::resp::request::split_args(line.as_bytes()) {
            Some(w) if !line.is_empty() && w.len() >= 6 && w.len() % 2 == 0 => w,
            _ => return Err(bad("Invalid AOF manifest file format")),
        };
        let (mut name, mut seq, mut kind) = (None, 0i64, None);
        for pair in words.chunks(2) {
            let (k, v) = (String::from_utf8_lossy(&pair[0]), &pair[1]);
            if k.eq_ignore_ascii_case("file") {
                let v = String::from_utf8_lossy(v).into_owned();
                // A file of the AOF's directory, never a path out of it.
                if v.contains('/') || v.contains('\\') || v == ".." || v == "." {
                    return Err(bad("File can't be a path, just a filename"));
                }
                name = Some(v);
            } else if k.eq_ignore_ascii_case("seq") {
                seq = super::atoi(v);
            } else if k.eq_ignore_ascii_case("type") {
                kind = v.first().copied();
            }
        }
        let (Some(name), Some(kind)) = (name, kind) else {
            return Err(bad("Invalid AOF manifest file format"));
        };
        if seq == 0 {
            return Err(bad("Invalid AOF manifest file format"));
        }
        let seq_u = u64::try_from(seq).unwrap_or(0);
        match kind {
            b'b' if base_seen => return Err(bad("Found duplicate base file information")),
            b'b' => {
                base_seen = true;
                parts.insert(
                    0,
                    Part {
                        name,
                        seq: seq_u,
                        base: true,
                    },
                );
            }
            b'i' if seq <= max_incr => return Err(bad("Found a non-monotonic sequence number")),
            b'i' => {
                max_incr = seq;
                parts.push(Part {
                    name,
                    seq: seq_u,
                    base: false,
                });
            }
            b'h' => {}
            _ => return Err(bad("Unknown AOF file type")),
        }
    }
    Ok(parts)
}

/// The AOF as its files hold it, for the page's AOF view: the manifest,
/// the base's size, and the last commands of the incremental file, each
/// with whether it is on the device yet.
#[derive(Debug, Clone, PartialEq)]
pub struct AofView {
    pub dir: String,
    pub manifest: String,
    pub base: Option<(String, usize)>,
    pub incr: String,
    /// Commands of the incremental file before `lines` (not shown).
    pub earlier: usize,
    pub lines: Vec<(Vec<Vec<u8>>, bool)>,
    /// Bytes at the end that hold no whole command.
    pub partial: usize,
}

impl Engine {
    /// The AOF's files as they are now, with at most `last` commands:
    /// `None` while the AOF is off or its files are not in the page's
    /// memory.
    pub fn aof_view(&self, last: usize) -> Option<AofView> {
        let aof = self.persist.aof.as_ref()?;
        let disk = self.persist.disk.as_ref()?;
        let dir = self.aof_dir();
        let manifest_name = format!("{}.manifest", self.aof_name());
        let (manifest, _) = disk.view(&dir, &manifest_name)?;
        let manifest = String::from_utf8_lossy(manifest).into_owned();
        let base = read_manifest(&manifest)
            .ok()?
            .into_iter()
            .find(|p| p.base)
            .and_then(|p| disk.view(&dir, &p.name).map(|(b, _)| (p.name, b.len())));
        let (bytes, durable) = disk.view(&dir, &aof.incr)?;
        let mut parser = RequestParser::new();
        parser.feed(bytes);
        let mut lines = std::collections::VecDeque::new();
        let mut earlier = 0;
        while let Some(Ok(argv)) = parser.next_command() {
            let end = bytes.len() - parser.buffered();
            lines.push_back((argv, end <= durable));
            if lines.len() > last {
                lines.pop_front();
                earlier += 1;
            }
        }
        Some(AofView {
            dir,
            manifest,
            base,
            incr: aof.incr.clone(),
            earlier,
            lines: lines.into(),
            partial: parser.buffered(),
        })
    }

    pub(crate) fn aof_dir(&self) -> String {
        let dir = self.config.get_str("dir").unwrap_or_default();
        let sub = self
            .config
            .get_str("appenddirname")
            .unwrap_or_else(|| "appendonlydir".into());
        format!("{}/{sub}", dir.trim_end_matches('/'))
    }

    fn aof_name(&self) -> String {
        self.config
            .get_str("appendfilename")
            .unwrap_or_else(|| "appendonly.aof".into())
    }

    fn aof_read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let dir = self.aof_dir();
        self.ensure_disk();
        match self.persist.disk.as_mut() {
            Some(d) => d.read(&dir, name),
            None => Ok(None),
        }
    }

    /// The hook the core calls when an execution unit ends, when
    /// `appendonly` changes, and on the clock: open or close the AOF as
    /// the setting says, then write what was logged and flush it to the
    /// device as `appendfsync` says.
    pub fn aof_sync(&mut self) {
        if self.persist.loading {
            return;
        }
        let want = self.config.get_bool("appendonly");
        if self.persist.aof_load_failed {
            // Nothing is written over files that did not load.
            if want {
                self.persist.aof_rewrite_scheduled = false;
                return;
            }
            self.persist.aof_load_failed = false;
            self.persist.aof_error = None;
        }
        if std::mem::take(&mut self.persist.aof_rewrite_scheduled) {
            if let Err(e) = self.aof_rewrite() {
                self.persist.aof_error = Some(e);
            }
        }
        if want && self.persist.aof.is_none() {
            if let Err(e) = self.aof_open() {
                self.persist.aof_error = Some(e);
                self.prop.on = false;
                return;
            }
        } else if !want {
            self.persist.aof = None;
            self.prop.out.clear();
            self.prop.pending_writes = 0;
            return;
        }
        let out = std::mem::take(&mut self.prop.out);
        let now = self.now_ms();
        let policy = self.config.get_str("appendfsync").unwrap_or_default();
        let dir = self.aof_dir();
        let Some(aof) = self.persist.aof.as_mut() else {
            return;
        };
        let Some(disk) = self.persist.disk.as_mut() else {
            return;
        };
        if !out.is_empty() {
            if let Err(e) = disk.append(&dir, &aof.incr, &out) {
                // Under `always` a write must be on the disk before it is
                // acknowledged, and it cannot be taken back: Redis exits.
                // The host stops before any reply goes out.
                if policy == "always" && self.can_shutdown {
                    crate::engine::cmd::debug::log_line(&format!(
                        "{e}. Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting..."
                    ));
                    self.shutdown_requested = true;
                }
                // Kept for the next try, writes refused meanwhile (MISCONF).
                self.persist.aof_error = Some(e);
                let later = std::mem::replace(&mut self.prop.out, out);
                self.prop.out.extend_from_slice(&later);
                return;
            }
            self.persist.aof_error = None;
            aof.unsynced = true;
            aof.unsynced_writes += std::mem::take(&mut self.prop.pending_writes);
            aof.size += out.len() as u64;
        }
        let (due, by_system) = match policy.as_str() {
            "always" => (true, false),
            "everysec" => (now - aof.synced_at >= 1000, false),
            // Redis never flushes; the system writes back within 30 s.
            _ => (now - aof.synced_at >= 30_000, true),
        };
        if aof.unsynced && due {
            let flushed = if by_system {
                disk.writeback(&dir, &aof.incr)
            } else {
                disk.sync(&dir, &aof.incr)
            };
            match flushed {
                Ok(()) => {
                    aof.unsynced = false;
                    aof.unsynced_writes = 0;
                    aof.synced_at = now;
                }
                Err(e) => self.persist.aof_error = Some(e),
            }
        }
    }

    /// The automatic rewrite (Redis's serverCron): once the files are over
    /// `auto-aof-rewrite-min-size` and have grown by
    /// `auto-aof-rewrite-percentage` percent since the last rewrite, write
    /// a new base. 0 percent turns it off.
    pub(crate) fn aof_auto_rewrite(&mut self) {
        let Some(aof) = &self.persist.aof else {
            return;
        };
        let percent = self.config.get_i64("auto-aof-rewrite-percentage");
        let min = u64::try_from(self.config.get_i64("auto-aof-rewrite-min-size")).unwrap_or(0);
        if percent <= 0 || aof.size <= min {
            return;
        }
        let base = aof.base_size.max(1);
        let growth = (aof.size.saturating_mul(100) / base) as i64 - 100;
        if growth >= percent {
            if let Err(e) = self.aof_rewrite() {
                self.persist.aof_error = Some(e);
            }
        }
    }

    /// Flush what the AOF holds to the device now (a clean stop).
    pub(crate) fn aof_flush_now(&mut self) -> Result<(), String> {
        let (dir, now) = (self.aof_dir(), self.now_ms());
        if let (Some(aof), Some(disk)) = (self.persist.aof.as_mut(), self.persist.disk.as_mut()) {
            if aof.unsynced {
                disk.sync(&dir, &aof.incr)?;
                aof.unsynced = false;
                aof.unsynced_writes = 0;
                aof.synced_at = now;
            }
        }
        Ok(())
    }

    /// Start logging: carry on with the files a start loaded, or write
    /// a base from the data there is (Redis's rewrite when AOF is turned
    /// on while running: what was written meanwhile is not in the old
    /// files) with an empty incremental file after it.
    fn aof_open(&mut self) -> Result<(), String> {
        let manifest = format!("{}.manifest", self.aof_name());
        let resume = std::mem::take(&mut self.persist.aof_resume);
        if let Some(text) = if resume {
            self.aof_read(&manifest)?
        } else {
            None
        } {
            let mut parts = read_manifest(&String::from_utf8_lossy(&text))?;
            // A base alone (just upgraded from an old single file, say):
            // a new incremental file after it, the base kept, as Redis's
            // start opens one.
            if let (false, Some(base)) = (
                parts.iter().any(|p| !p.base),
                parts.iter().find(|p| p.base).cloned(),
            ) {
                let incr = Part {
                    name: format!("{}.1.incr.aof", self.aof_name()),
                    seq: 1,
                    base: false,
                };
                let dir = self.aof_dir();
                let text = manifest_text(&[base, incr.clone()]);
                if let Some(d) = self.persist.disk.as_mut() {
                    d.write(&dir, &incr.name, b"")?;
                    d.write(&dir, &manifest, text.as_bytes())?;
                }
                parts.push(incr);
            }
            if let Some(last) = parts.iter().rev().find(|p| !p.base) {
                let base_seq = parts.iter().find(|p| p.base).map_or(0, |p| p.seq);
                let mut size = 0u64;
                for p in &parts {
                    size += self.aof_read(&p.name)?.map_or(0, |b| b.len() as u64);
                }
                self.persist.aof = Some(Aof {
                    base_seq,
                    incr_seq: last.seq,
                    incr: last.name.clone(),
                    synced_at: self.now_ms(),
                    unsynced: false,
                    unsynced_writes: 0,
                    size,
                    base_size: size,
                });
                self.prop.selected = None;
                return Ok(());
            }
        }
        self.aof_rewrite()
    }

    /// BGREWRITEAOF's work: a new base with the data as it is now, a new
    /// empty incremental file, the manifest naming them; the old files
    /// are removed.
    pub(crate) fn aof_rewrite(&mut self) -> Result<(), String> {
        let name = self.aof_name();
        let dir = self.aof_dir();
        // Numbered after the files on disk, never reusing a name (a crash
        // between two writes below then leaves the old manifest whole).
        let manifest_name = format!("{name}.manifest");
        let on_disk = match self.aof_read(&manifest_name)? {
            Some(text) => read_manifest(&String::from_utf8_lossy(&text))?,
            None => Vec::new(),
        };
        let next = |base: bool| {
            on_disk
                .iter()
                .filter(|p| p.base == base)
                .map(|p| p.seq)
                .max()
                .map_or(1, |s| s + 1)
        };
        let (base_seq, incr_seq) = (next(true), next(false));
        let old: Vec<String> = on_disk.iter().map(|p| p.name.clone()).collect();
        let base = format!("{name}.{base_seq}.base.rdb");
        let incr = format!("{name}.{incr_seq}.incr.aof");
        let bytes = self.rdb_bytes();
        let bytes_len = bytes.len() as u64;
        let manifest = manifest_text(&[
            Part {
                name: base.clone(),
                seq: base_seq,
                base: true,
            },
            Part {
                name: incr.clone(),
                seq: incr_seq,
                base: false,
            },
        ]);
        self.ensure_disk();
        let disk = self
            .persist
            .disk
            .as_mut()
            .ok_or_else(|| "no disk".to_string())?;
        disk.make_dir(&dir)?;
        disk.write(&dir, &base, &bytes)?;
        disk.write(&dir, &incr, b"")?;
        disk.write(&dir, &manifest_name, manifest.as_bytes())?;
        for old in old {
            let _ = disk.remove(&dir, &old);
        }
        // What was logged before the rewrite is in the new base.
        self.prop.out.clear();
        self.prop.pending_writes = 0;
        self.prop.selected = None;
        // With appendonly off the files are written but not kept open.
        self.persist.aof = self.config.get_bool("appendonly").then(|| Aof {
            base_seq,
            incr_seq,
            incr,
            synced_at: self.now_ms(),
            unsynced: false,
            unsynced_writes: 0,
            size: bytes_len,
            base_size: bytes_len,
        });
        self.persist.aof_rewrites += 1;
        Ok(())
    }

    /// Load the files the manifest names, in order, into the engine:
    /// `Ok(false)` when there is no manifest. A cut command at the end of
    /// the last file is dropped when `aof-load-truncated` is on.
    pub fn load_aof(&mut self) -> Result<bool, String> {
        let manifest = format!("{}.manifest", self.aof_name());
        self.aof_upgrade(&manifest)?;
        let Some(text) = self.aof_read(&manifest)? else {
            return Ok(false);
        };
        let parts = read_manifest(&String::from_utf8_lossy(&text))?;
        // What is replayed is not logged again.
        let was = std::mem::replace(&mut self.persist.loading, true);
        let was_on = std::mem::replace(&mut self.prop.on, false);
        let result = self.load_parts(&parts);
        self.persist.loading = was;
        self.prop.on = was_on;
        // Settings are read afresh after (the files may have set some).
        self.settings_changes += 1;
        result.map(|()| true)
    }

    /// An AOF of Redis before 7.0: one file, `appendfilename` in `dir`
    /// (commands, or an RDB preamble then commands), and no manifest.
    /// Redis 7.0 moves it into the AOF directory as the base and writes a
    /// manifest naming it (`aofUpgradePrepare`); so does this.
    /// The same when an upgrade was cut short: a manifest naming that file
    /// as its only base, and the file not yet moved.
    fn aof_upgrade(&mut self, manifest_name: &str) -> Result<(), String> {
        let root = self.config.get_str("dir").unwrap_or_default();
        let (name, dir) = (self.aof_name(), self.aof_dir());
        let parts = match self.aof_read(manifest_name)? {
            None => None,
            Some(text) => Some(read_manifest(&String::from_utf8_lossy(&text))?),
        };
        let in_dir = self.aof_read(&name)?.is_some();
        let upgrade = match &parts {
            None => true,
            Some(parts) => {
                parts.len() == 1
                    && parts.first().is_some_and(|p| p.base && p.name == name)
                    && !in_dir
            }
        };
        if !upgrade {
            return Ok(());
        }
        self.ensure_disk();
        let Some(disk) = self.persist.disk.as_mut() else {
            return Ok(());
        };
        let Some(old) = disk.read(&root, &name)? else {
            return Ok(());
        };
        let manifest = manifest_text(&[Part {
            name: name.clone(),
            seq: 1,
            base: true,
        }]);
        disk.make_dir(&dir)?;
        disk.write(&dir, &name, &old)?;
        disk.write(&dir, &format!("{name}.manifest"), manifest.as_bytes())?;
        disk.remove(&root, &name)
    }

    /// `load_aof` at start: the AOF then carries on with these files
    /// rather than writing a new base.
    pub fn load_aof_at_start(&mut self) -> Result<bool, String> {
        let loaded = self.load_aof()?;
        self.persist.aof_resume = loaded;
        Ok(loaded)
    }

    fn load_parts(&mut self, parts: &[Part]) -> Result<(), String> {
        let last = parts.len().saturating_sub(1);
        for (i, p) in parts.iter().enumerate() {
            let Some(bytes) = self.aof_read(&p.name)? else {
                return Err(format!(
                    "The append log file {} doesn't exist: No such file or directory",
                    p.name
                ));
            };
            // An RDB first (a base, or an old single file's preamble),
            // then commands, if any follow it.
            let used = if bytes.starts_with(b"REDIS") {
                self.load_rdb_prefix(&bytes, false, true)?
            } else {
                0
            };
            let Some(commands) = bytes.get(used..).filter(|c| !c.is_empty()) else {
                continue;
            };
            let truncated_ok = i == last && self.config.get_bool("aof-load-truncated");
            let good = used
                + self
                    .replay(commands, truncated_ok)
                    .map_err(|e| format!("{e} ({})", p.name))?;
            // A cut command (or a transaction left open) at the end is
            // cut from the file too, so that what is appended next follows
            // a whole command (Redis truncates the file there).
            if good < bytes.len() {
                let dir = self.aof_dir();
                if let Some(d) = self.persist.disk.as_mut() {
                    d.write(&dir, &p.name, &bytes[..good])?;
                }
            }
        }
        Ok(())
    }

    /// Run an AOF's commands on a client of its own, as Redis's loader
    /// does (its fake client, which needs no AUTH): the length of the
    /// bytes that hold whole commands, an open transaction left out.
    fn replay(&mut self, bytes: &[u8], truncated_ok: bool) -> Result<usize, String> {
        let mut parser = RequestParser::new();
        parser.feed(bytes);
        let id = self.open_session(ClientAddr::default());
        self.unauthenticated.remove(&id);
        let mut result = Ok(());
        // Where the whole commands end, and where an open MULTI began.
        let (mut good, mut multi_at) = (0usize, None::<usize>);
        while let Some(next) = parser.next_command() {
            match next {
                Ok(argv) => {
                    let at = good;
                    good = bytes.len() - parser.buffered();
                    let name = argv
                        .first()
                        .map(|a| a.to_ascii_lowercase())
                        .unwrap_or_default();
                    match name.as_slice() {
                        b"multi" => multi_at = Some(at),
                        b"exec" | b"discard" => multi_at = None,
                        // Never logged, and not to run while loading.
                        b"debug" | b"bgrewriteaof" | b"bgsave" | b"save" | b"shutdown" => continue,
                        _ => {}
                    }
                    if let Reply::Error(e) = self.execute(id, &argv) {
                        if e.starts_with("ERR unknown command") {
                            result = Err(format!(
                                "Unknown command '{}' reading the append only file",
                                String::from_utf8_lossy(argv.first().map_or(&[][..], |a| a))
                            ));
                            break;
                        }
                    }
                }
                Err(_) => {
                    result = Err("Bad file format reading the append only file".into());
                    break;
                }
            }
        }
        let cut = parser.buffered() > 0 || parser.is_partial() || multi_at.is_some();
        if result.is_ok() && cut && !truncated_ok {
            result = Err("Unexpected end of file reading the append only file".into());
        }
        // A transaction the file left open is not applied (Redis's
        // "Revert incomplete MULTI/EXEC transaction").
        self.close_session(id);
        result.map(|()| multi_at.unwrap_or(good))
    }
}

/// BGREWRITEAOF
pub fn bgrewriteaof(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    // Inside EXEC the rewrite waits for the transaction's writes to be
    // logged (Redis schedules it).
    if eng.in_exec {
        eng.persist.aof_rewrite_scheduled = true;
        return Reply::simple("Background append only file rewriting scheduled");
    }
    match eng.aof_rewrite() {
        Ok(()) => Reply::simple("Background append only file rewriting started"),
        Err(e) => Reply::err(format!("ERR {e}")),
    }
}

/// DEBUG LOADAOF: write what is logged, empty the data, load the AOF.
pub(crate) fn debug_loadaof(eng: &mut Engine) -> Reply {
    if eng.persist.aof.is_some() {
        eng.aof_sync();
    }
    eng.flush_all();
    match eng.load_aof() {
        Ok(_) => {
            // Files a restart could not load load now: carry on with them.
            if std::mem::take(&mut eng.persist.aof_load_failed) {
                eng.persist.aof_error = None;
                eng.persist.aof_resume = true;
                eng.aof_sync();
            }
            eng.report_loaded("the AOF");
            Reply::ok()
        }
        Err(e) => Reply::err(format!("ERR {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CONFIG SET appendonly yes opens the AOF at once, as Redis does:
    /// when it cannot, the setting is refused in Redis's words and stays
    /// off, and writes go on.
    #[test]
    fn an_aof_that_cannot_open_is_refused_and_stays_off() {
        use crate::engine::tests::{engine, run};
        let (mut e, s) = engine();
        e.set_disk(Box::new(crate::engine::persist::StubDisk { full: true }));
        assert_eq!(
            run(&mut e, s, "CONFIG SET appendonly yes"),
            Reply::err("ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF. Check server logs.")
        );
        assert!(!e.config.get_bool("appendonly"));
        assert!(e.persist.aof.is_none());
        assert_eq!(run(&mut e, s, "SET k v"), Reply::ok());
    }

    /// Past its minimum size and twice its size after the last rewrite
    /// (100%), the AOF rewrites itself on the clock; at 0% it never does.
    #[test]
    fn the_aof_rewrites_itself_once_it_has_grown_enough() {
        use crate::engine::tests::{engine, run};
        let (mut e, s) = engine();
        run(&mut e, s, "CONFIG SET appendonly yes");
        run(&mut e, s, "CONFIG SET auto-aof-rewrite-min-size 1024");
        let rewrites = e.persist.aof_rewrites;
        let base = e.persist.aof.as_ref().map_or(0, |a| a.base_size);
        assert!(base > 0);
        let value = "x".repeat(400);
        let mut n = 0;
        while e
            .persist
            .aof
            .as_ref()
            .is_some_and(|a| a.size < 2 * base.max(1024))
        {
            run(&mut e, s, &format!("SET k{n} {value}"));
            n += 1;
            assert_eq!(e.persist.aof_rewrites, rewrites, "not before the clock");
        }
        e.advance_time(100);
        assert_eq!(e.persist.aof_rewrites, rewrites + 1);
        let aof = e.persist.aof.clone().expect("still on");
        assert_eq!((aof.base_seq, aof.size), (2, aof.base_size));
        // Off at 0%.
        run(&mut e, s, "CONFIG SET auto-aof-rewrite-percentage 0");
        for i in 0..20 {
            run(&mut e, s, &format!("SET again{i} {value}"));
        }
        e.advance_time(100);
        assert_eq!(e.persist.aof_rewrites, rewrites + 1);
    }

    #[test]
    fn manifests_read_back() {
        let parts = vec![
            Part {
                name: "appendonly.aof.2.base.rdb".into(),
                seq: 2,
                base: true,
            },
            Part {
                name: "appendonly.aof.3.incr.aof".into(),
                seq: 3,
                base: false,
            },
        ];
        let text = manifest_text(&parts);
        assert_eq!(
            text,
            "file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.3.incr.aof seq 3 type i\n"
        );
        assert_eq!(read_manifest(&text), Ok(parts));
        assert!(read_manifest("file x seq y type b").is_err());
        assert!(read_manifest("file x seq 1 type q").is_err());
    }
}
