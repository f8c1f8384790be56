//! What the engine writes to the AOF: each write as Redis 7.0 propagates
//! it (`alsoPropagate`, `propagatePendingCommands`).
//!
//! A command that changed the data (the `dirty` counter moved) is logged
//! as it was typed, unless its handler said otherwise: commands whose
//! replay would not give the same data are rewritten into ones that do
//! (`propagate_as`: a relative expiry becomes `PEXPIREAT`, SET ... EX a
//! `SET ... PXAT`, INCRBYFLOAT a `SET ... KEEPTTL`, SPOP the `SREM` of
//! what it popped, XADD's `*` the ID it made), or log other commands in
//! their place (`also_propagate`). Keys that expire or are evicted are
//! logged as `DEL`. A script is logged as the writes it made and EXEC as
//! its queued writes. What one execution unit logs (a client's command
//! with what it caused, an expiry cycle, an eviction round) is written
//! together: wrapped in MULTI/EXEC when a command's unit holds more than
//! one write, with a SELECT whenever the database changes.
//!
//! Nothing is kept unless the AOF is on (`Propagation::on`).

use super::*;

#[derive(Debug, Default)]
pub struct Propagation {
    /// Someone reads what is logged (`appendonly yes`).
    pub on: bool,
    /// This execution unit's writes, with their database.
    ops: Vec<(usize, Vec<Vec<u8>>)>,
    /// What the running command is logged as instead of its own argv.
    rewrite: Option<Vec<Vec<u8>>>,
    /// The running command is not logged itself (what it logs goes
    /// through `also_propagate`).
    prevent: bool,
    /// The running command is logged even if it changed nothing.
    force: bool,
    /// Moves of `dirty` that were no command's write (expiries,
    /// evictions).
    pub(crate) not_writes: u64,
    /// The database of the last SELECT written (`None`: write one first).
    pub selected: Option<usize>,
    /// Encoded and waiting to be written to the AOF.
    pub out: Vec<u8>,
    /// How many writes `out` holds (SELECT, MULTI and EXEC not counted).
    pub pending_writes: u64,
}

/// Commands whose own line is never logged: EXEC and scripts (what they
/// ran is), and DEBUG (RELOAD and LOADAOF reset Redis's change counter so
/// that they are not; POPULATE does not count its keys).
fn never_logged(name: &str) -> bool {
    matches!(
        name,
        "exec"
            | "eval"
            | "evalsha"
            | "eval_ro"
            | "evalsha_ro"
            | "fcall"
            | "fcall_ro"
            | "debug"
            | "client|unpause"
    )
}

impl Engine {
    /// Whether writes are being logged (handlers ask before building a
    /// rewrite).
    pub(crate) fn propagating(&self) -> bool {
        self.prop.on
    }

    /// Log the running command as what `line` makes (Redis's
    /// `rewriteClientCommandVector`); built only while the AOF is on, so
    /// a handler pays nothing for its rewrite otherwise.
    pub(crate) fn propagate_as(&mut self, line: impl FnOnce() -> Vec<Vec<u8>>) {
        if self.prop.on {
            self.prop.rewrite = Some(line());
        }
    }

    /// Log `argv` in database `db` now, within this execution unit, and
    /// not the running command itself (Redis's `alsoPropagate` with
    /// `preventCommandPropagation`).
    pub(crate) fn also_propagate(&mut self, db: usize, argv: Vec<Vec<u8>>) {
        if self.prop.on {
            self.prop.ops.push((db, argv));
            self.prop.prevent = true;
        }
    }

    /// Do not log the running command itself, whatever it changed (Redis's
    /// `preventCommandPropagation`): what it logs goes through
    /// `also_propagate`, or nothing does.
    pub(crate) fn prevent_propagation(&mut self) {
        self.prop.prevent = true;
    }

    /// Log the running command whether or not it changed the data
    /// (Redis's `forceCommandPropagation`: FLUSHALL, FLUSHDB).
    pub(crate) fn force_propagation(&mut self) {
        self.prop.force = true;
    }

    /// A key removed because it expired or was evicted: `DEL key`. Its
    /// notification moved `dirty`, which is no write of the command that
    /// found it (a GET of an expired key is logged as the DEL alone).
    pub(crate) fn propagate_deletion(&mut self, db: usize, key: &[u8]) {
        self.prop.not_writes += 1;
        if self.prop.on {
            self.prop
                .ops
                .push((db, vec![b"DEL".to_vec(), key.to_vec()]));
        }
    }

    /// Around a command in `run_resolved`: the state a nested command
    /// (EXEC's, a script's) must not see, and the counter to compare.
    pub(crate) fn begin_propagation(&mut self) -> (Option<Vec<Vec<u8>>>, bool, u64) {
        let rewrite = self.prop.rewrite.take();
        let prevent = std::mem::replace(&mut self.prop.prevent, false);
        self.prop.force = false;
        (
            rewrite,
            prevent,
            self.dirty.wrapping_sub(self.prop.not_writes),
        )
    }

    /// After the command: log it if it changed the data.
    pub(crate) fn end_propagation(
        &mut self,
        db: usize,
        cmd: &'static Command,
        argv: &[Vec<u8>],
        outer: (Option<Vec<Vec<u8>>>, bool, u64),
    ) {
        let (rewrite, prevent, dirty) = outer;
        let mine = std::mem::replace(&mut self.prop.rewrite, rewrite);
        let prevented = std::mem::replace(&mut self.prop.prevent, prevent);
        let writes = self.dirty.wrapping_sub(self.prop.not_writes);
        let changed = writes != dirty || std::mem::take(&mut self.prop.force);
        if self.prop.on && changed && !prevented && !never_logged(cmd.name) {
            let line = mine.unwrap_or_else(|| argv.to_vec());
            self.prop.ops.push((db, line));
        }
    }

    /// The execution unit is over: encode what it logged. `no_multi`:
    /// several writes go as they are (an expiry cycle, an eviction round).
    pub(crate) fn end_unit(&mut self, no_multi: bool) {
        self.prop.prevent = false;
        if self.prop.ops.is_empty() {
            // A rewrite BGREWRITEAOF scheduled inside EXEC comes now.
            if self.persist.aof_rewrite_scheduled {
                if let Some((.., sync)) = table::persistence() {
                    sync(self);
                }
            }
            return;
        }
        let ops = std::mem::take(&mut self.prop.ops);
        self.prop.pending_writes += ops.len() as u64;
        let wrap = ops.len() > 1 && !no_multi;
        if wrap {
            let db = ops.first().map_or(0, |o| o.0);
            self.log_line(db, &[b"MULTI".to_vec()]);
        }
        for (db, argv) in &ops {
            self.log_line(*db, argv);
        }
        if wrap {
            let db = ops.last().map_or(0, |o| o.0);
            self.log_line(db, &[b"EXEC".to_vec()]);
        }
        if let Some((.., flush)) = table::persistence() {
            flush(self);
        }
    }

    fn log_line(&mut self, db: usize, argv: &[Vec<u8>]) {
        if self.prop.selected != Some(db) {
            self.prop.selected = Some(db);
            encode(
                &mut self.prop.out,
                &[b"SELECT".to_vec(), db.to_string().into_bytes()],
            );
        }
        encode(&mut self.prop.out, argv);
    }
}

/// A command as the AOF holds it: a RESP array of bulk strings.
pub fn encode(out: &mut Vec<u8>, argv: &[Vec<u8>]) {
    out.extend_from_slice(format!("*{}\r\n", argv.len()).as_bytes());
    for a in argv {
        out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
}
