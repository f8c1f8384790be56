//! The time bar and undo/redo, as playground behaviour: moving the
//! virtual clock (pause, +N, to the next expiry), and stepping through
//! history with engine snapshots. Pure like the rest of the model, so the
//! native tests drive it exactly as the buttons do.

use super::history::{Ready, StateKey, Step};
use super::model::{LineKind, Playground};
use super::scene::Scene;
use crate::engine::table;

/// A step that has begun: the state it started from, if it is worth
/// keeping (read-only commands are not).
pub struct Pending {
    label: String,
    before: Option<(crate::engine::snapshot::Snapshot, usize)>,
    too_big: Option<usize>,
    key: StateKey,
}

/// Commands with no `write` flag that still change what undo covers:
/// a client's db, transaction, watches or subscriptions, the config, the
/// scripts.
const CLIENT_STATE: &[&str] = &[
    "select",
    "multi",
    "exec",
    "discard",
    "watch",
    "unwatch",
    "subscribe",
    "unsubscribe",
    "psubscribe",
    "punsubscribe",
    "ssubscribe",
    "sunsubscribe",
    "client",
    "hello",
    "reset",
    "config",
    "script",
    "function",
    "swapdb",
    "flushall",
    "flushdb",
];

/// Whether a typed text may change anything undo covers: any line whose
/// command is not flagged read-only (unknown words too: cheap to keep).
fn may_change(text: &str) -> bool {
    text.lines().any(|line| {
        let argv = match crate::cli::parse_line(line) {
            crate::cli::Input::Command { argv, .. } => argv,
            _ => return false,
        };
        let Some(name) = argv.first() else {
            return false;
        };
        match table::lookup(name) {
            Some(cmd) => {
                !cmd.is(crate::engine::table::flag::READONLY) || CLIENT_STATE.contains(&cmd.name)
            }
            None => false,
        }
    })
}

/// Shortened to fit a button.
fn label_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let first = lines.first().map(|l| l.trim()).unwrap_or_default();
    let mut label: String = first.chars().take(40).collect();
    if first.chars().count() > 40 {
        label.push('…');
    }
    if lines.len() > 1 {
        label.push_str(&format!(" (+{} lines)", lines.len() - 1));
    }
    label
}

impl Playground {
    /// Before a step: keep the state it starts from when it may change
    /// something and the data is small enough to copy.
    pub(crate) fn begin_step(&mut self, text: &str) -> Pending {
        let key = self.state_key();
        let mut pending = Pending {
            label: label_of(text),
            before: None,
            too_big: None,
            key: key.clone(),
        };
        let always = text == super::model::WAITED || text == super::model::OPENED_RDB;
        if self.history.copier.is_some() && (always || may_change(text)) {
            match self.copy_present(key) {
                Ok(copy) => pending.before = Some(copy),
                Err(weight) => pending.too_big = Some(weight),
            }
        }
        pending
    }

    /// The present as a snapshot and its weight: the copy made while the
    /// page was idle when it is still the present, else a fresh one; the
    /// weight alone when the data is too big to copy. Either way the ready
    /// copy is used up: whatever comes next changes the present.
    fn copy_present(
        &mut self,
        key: StateKey,
    ) -> Result<(crate::engine::snapshot::Snapshot, usize), usize> {
        match (self.history.ready.take(), self.history.copier) {
            (Some(r), _) if r.key == key => Ok((r.snapshot, r.weight)),
            (_, copier) => {
                let weight = self.engine.element_count();
                match copier {
                    Some(copy) if weight <= super::history::MAX_STEP_WEIGHT => {
                        Ok((copy(&self.engine), weight))
                    }
                    _ => Err(weight),
                }
            }
        }
    }

    /// Copy the present ahead of the next step, if the copy held is stale
    /// and the data small enough. The page calls this once the picture of
    /// a command is on screen, so the copy undo needs is not made between
    /// the next Enter and its picture. Costs nothing when nothing changed.
    pub fn settle(&mut self) {
        let key = self.state_key();
        if self.history.ready.as_ref().is_some_and(|r| r.key == key)
            || self.history.too_big_at.as_ref() == Some(&key)
        {
            return;
        }
        let weight = self.engine.element_count();
        if weight > super::history::MAX_STEP_WEIGHT {
            // Counting a million keys on every tick is work too: not again
            // until something changes.
            self.history.ready = None;
            self.history.too_big_at = Some(key);
            return;
        }
        self.history.ready = Some(Ready {
            snapshot: self.engine.snapshot(),
            weight,
            key,
        });
    }

    fn state_key(&self) -> StateKey {
        StateKey {
            data: self.engine.data_version(),
            settings: self.engine.settings_version(),
            rng: self.engine.rng_state(),
            clients: self.client_state_text(),
        }
    }

    /// After a step: record it if it changed data or a client's state.
    pub(crate) fn end_step(&mut self, p: Pending) {
        let changed = self.engine.data_version() != p.key.data
            || self.engine.settings_version() != p.key.settings
            || self.client_state_text() != p.key.clients;
        if !changed {
            return;
        }
        if let Some(weight) = p.too_big {
            self.history.too_big(weight);
        } else if let Some((snapshot, weight)) = p.before {
            self.history.record(Step {
                label: p.label,
                snapshot,
                offset_ms: self.clock.offset_ms,
                weight,
            });
        }
    }

    /// What undo covers of the clients, in a form cheap to compare: ids,
    /// dbs, queue lengths, watches, subscriptions and waits.
    fn client_state_text(&self) -> Vec<u64> {
        let mut out = Vec::new();
        for v in self.engine.clients() {
            out.extend([
                v.id,
                v.db as u64,
                v.multi.as_ref().map_or(u64::MAX, |q| q.len() as u64),
                v.watched.len() as u64,
                (v.channels.len() + v.patterns.len() + v.shard_channels.len()) as u64,
                u64::from(v.blocked.is_some()),
            ]);
        }
        out
    }

    // ----- the time bar ---------------------------------------------------

    /// Move the clock forward by `ms` (an undo step of its own).
    pub fn jump_time(&mut self, ms: i64, wall_ms: i64) {
        self.notice = None;
        let label = format!("+{}", super::describe::duration(ms));
        let before = self
            .history
            .copier
            .is_some()
            .then(|| self.copy_present(self.state_key()));
        let offset = self.clock.offset_ms;
        if let Err(why) = self.clock.jump(ms, wall_ms) {
            self.notice = Some(format!("Time did not move: {why}."));
            return;
        }
        self.tick(wall_ms);
        match before {
            Some(Ok((snapshot, weight))) => self.history.record(Step {
                label,
                snapshot,
                offset_ms: offset,
                weight,
            }),
            Some(Err(weight)) => self.history.too_big(weight),
            None => {}
        }
    }

    /// Jump to one millisecond past the next key's deadline, when Redis
    /// expires it.
    pub fn jump_to_next_expiry(&mut self, wall_ms: i64) {
        self.tick(wall_ms);
        match self.engine.next_deadline() {
            None => self.notice = Some("No key has a TTL: nothing will expire.".into()),
            Some(t) => {
                let now = self.engine.now_ms();
                self.jump_time((t + 1 - now).max(1), wall_ms);
            }
        }
    }

    pub fn pause_clock(&mut self, wall_ms: i64) {
        self.tick(wall_ms);
        self.clock.pause(wall_ms);
    }

    pub fn resume_clock(&mut self, wall_ms: i64) {
        self.clock.resume(wall_ms);
        self.tick(wall_ms);
    }

    // ----- undo and redo --------------------------------------------------

    fn present(&mut self, label: String) -> Step {
        let (snapshot, weight) = match self.copy_present(self.state_key()) {
            Ok(copy) => copy,
            // Too big for a step, but undo/redo must keep the way back.
            Err(weight) => (self.engine.snapshot(), weight),
        };
        Step {
            label,
            snapshot,
            offset_ms: self.clock.offset_ms,
            weight,
        }
    }

    pub fn undo(&mut self, wall_ms: i64) {
        self.step_through(wall_ms, true);
    }

    pub fn redo(&mut self, wall_ms: i64) {
        self.step_through(wall_ms, false);
    }

    /// One step back (`undo`) or forward, the present kept for the way
    /// back.
    fn step_through(&mut self, wall_ms: i64, undo: bool) {
        self.tick(wall_ms);
        let now = self.present(String::new());
        let taken = if undo {
            self.history.undo(now)
        } else {
            self.history.redo(now)
        };
        match taken {
            Err(why) => self.notice = Some(why.into()),
            Ok(step) => {
                self.go_to(&step, wall_ms);
                let verb = if undo { "undone" } else { "redone" };
                self.note_everywhere(format!("({verb}: {})", step.label));
            }
        }
    }

    /// Put the engine and clock where a step says, then bring the tabs in
    /// line with the clients the engine now has.
    fn go_to(&mut self, step: &Step, wall_ms: i64) {
        self.notice = None;
        self.history.ready = None;
        if let Err(e) = self.engine.restore(&step.snapshot) {
            self.notice = Some(format!("Could not go back: {e}"));
            return;
        }
        self.clock.set_offset(step.offset_ms);
        let _ = self.engine.take_events();
        self.reconcile_clients();
        // The present clock may be past what the snapshot knew: keys due
        // since then expire again, as they would have.
        self.tick(wall_ms);
        self.narrator.scene = Scene::default();
    }

    /// After a restore: a tab whose connection did not exist yet gets a
    /// new one; a connection with no tab (closed since) is closed; each
    /// prompt and wait follows its client.
    fn reconcile_clients(&mut self) {
        let tabs: Vec<u64> = self.clients.iter().map(|c| c.session).collect();
        for v in self.engine.clients() {
            if !tabs.contains(&v.id) {
                self.engine.close_session(v.id);
            }
        }
        for i in 0..self.clients.len() {
            let session = self.clients.get(i).map(|c| c.session).unwrap_or_default();
            let view = self.engine.client_view(session);
            if view.is_none() {
                self.reconnect(i);
                self.push(
                    i,
                    LineKind::Note,
                    "(this tab connected after that point in history: it is connected again as a new client)".into(),
                );
            }
            let view = self
                .clients
                .get(i)
                .and_then(|c| self.engine.client_view(c.session));
            if let (Some(c), Some(v)) = (self.clients.get_mut(i), view) {
                c.prompt.db = v.db as i64;
                c.prompt.in_multi = v.multi.is_some();
                match (&v.blocked, c.waiting.is_some()) {
                    (Some(b), false) => {
                        c.waiting = Some(super::model::Waiting {
                            argv: vec![b.command.as_bytes().to_vec()],
                            repeats_left: 0,
                            queued: Default::default(),
                        })
                    }
                    (None, true) => c.waiting = None,
                    _ => {}
                }
            }
        }
    }

    fn note_everywhere(&mut self, text: String) {
        for i in 0..self.clients.len() {
            self.push(i, LineKind::Note, text.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_700_000_000_000;

    fn reply_lines(p: &Playground, i: usize) -> Vec<String> {
        p.clients[i]
            .lines
            .iter()
            .filter(|l| l.kind != LineKind::Input)
            .map(|l| l.text.clone())
            .collect()
    }

    fn last(p: &Playground) -> String {
        reply_lines(p, p.active).last().cloned().unwrap_or_default()
    }

    #[test]
    fn undo_and_redo_step_through_commands() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "RPUSH q a", T);
        p.submit(0, "LPUSH q b", T + 10);
        p.submit(0, "LRANGE q 0 -1", T + 20);
        assert_eq!(p.history.depth(), (2, 0), "reads are not steps");
        assert_eq!(p.history.undo_label(), Some("LPUSH q b"));
        p.undo(T + 30);
        p.submit(0, "LRANGE q 0 -1", T + 40);
        assert_eq!(last(&p), "1) \"a\"");
        p.redo(T + 50);
        p.submit(0, "LRANGE q 0 -1", T + 60);
        assert_eq!(last(&p), "1) \"b\"\n2) \"a\"");
        p.undo(T + 70);
        p.undo(T + 80);
        p.submit(0, "EXISTS q", T + 90);
        assert_eq!(last(&p), "(integer) 0");
        p.undo(T + 100);
        assert_eq!(
            p.notice.as_deref(),
            Some("Nothing to undo: this is the start of the history.")
        );
        // A new step forgets the redo branch.
        p.submit(0, "SET x 1", T + 110);
        p.redo(T + 120);
        assert_eq!(
            p.notice.as_deref(),
            Some("Nothing to redo: this is the end of the history.")
        );
        assert!(reply_lines(&p, 0)
            .iter()
            .any(|l| l == "(undone: LPUSH q b)"));
    }

    #[test]
    fn the_time_bar_expires_keys_and_undo_brings_them_back() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SET session:42 v EX 30", T);
        p.pause_clock(T);
        p.jump_time(10_000, T + 5_000);
        p.submit(0, "TTL session:42", T + 6_000);
        assert_eq!(
            last(&p),
            "(integer) 20",
            "paused: only the jump moved the clock"
        );
        p.jump_to_next_expiry(T + 7_000);
        p.submit(0, "EXISTS session:42", T + 8_000);
        assert_eq!(last(&p), "(integer) 0");
        assert!(p
            .narrator
            .lines
            .iter()
            .any(|l| l == "session:42 expired and was deleted"));
        p.undo(T + 9_000);
        p.submit(0, "TTL session:42", T + 9_000);
        assert_eq!(
            last(&p),
            "(integer) 20",
            "the jump was undone, clock included"
        );
        p.jump_time(60 * 365 * 86_400_000, T + 9_000);
        p.submit(0, "DBSIZE", T + 9_000);
        assert_eq!(last(&p), "(integer) 0", "a jump of sixty years");
        p.jump_time(i64::MAX / 2, T + 9_000);
        assert!(p
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Time did not move")));
        p.jump_to_next_expiry(T + 9_000);
        assert_eq!(
            p.notice.as_deref(),
            Some("No key has a TTL: nothing will expire.")
        );
    }

    #[test]
    fn the_scene_follows_the_last_command() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "RPUSH queue green blue", T);
        p.submit(0, "LPUSH queue red", T);
        let scene = &p.narrator.scene;
        assert_eq!(scene.focus, Some((0, b"queue".to_vec())));
        assert_eq!(
            p.narrator.lines.back().map(String::as_str),
            Some("LPUSH put \"red\" at the head of queue; queue now has 3 elements")
        );
        p.open_client();
        p.submit(1, "SUBSCRIBE news", T);
        p.submit(0, "PUBLISH news hi", T);
        let m = &p.narrator.scene.messages;
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].deliveries.len(), 1);
        assert_eq!(
            p.narrator.lines.back().map(String::as_str),
            Some("PUBLISH sent \"hi\" on news to 1 subscriber")
        );
    }

    #[test]
    fn undo_covers_clients_too() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SELECT 2", T);
        assert_eq!(p.prompt(0), "127.0.0.1:6379[2]>");
        p.undo(T);
        assert_eq!(p.prompt(0), "127.0.0.1:6379>");
        p.submit(0, "MULTI", T);
        p.undo(T);
        assert_eq!(p.prompt(0), "127.0.0.1:6379>");
        // A tab opened after the point undo goes back to is reconnected.
        p.submit(0, "SET a 1", T);
        p.open_client();
        p.submit(1, "SET b 2", T);
        p.undo(T);
        p.undo(T);
        p.submit(1, "PING", T);
        assert_eq!(last(&p), "PONG");
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    const T: i64 = 1_700_000_000_000;

    /// Undo walks back through every state a session of writes went
    /// through, exactly, and redo walks forward again to the end.
    #[test]
    fn undo_and_redo_retrace_every_state() {
        let lines = [
            "RPUSH q a b c",
            "LPUSH q z",
            "LREM q 1 b",
            "HSET h f 1 g 2",
            "HINCRBY h f 5",
            "SADD s 1 2 3",
            "SADD s x",
            "SINTERSTORE both s s",
            "ZADD z 1 a 2 b 3 c",
            "ZINCRBY z 10 a",
            "SET n 10 PX 60000",
            "INCR n",
            "APPEND t hello",
            "SETRANGE t 1 E",
            "RENAME q q2",
            "DEL h",
            // A setting and a write in one paste: one step.
            "CONFIG SET hash-max-listpack-entries 1\nHSET h2 a 1 b 2",
            "SELECT 2",
            "SET other 1",
        ];
        // Once as the tests drive it, once as the page does: the present
        // copied while idle after every action.
        for idle in [false, true] {
            walk(&lines, idle);
        }
    }

    fn walk(lines: &[&str], idle: bool) {
        let settle = |p: &mut Playground| {
            if idle {
                p.settle();
            }
        };
        let mut p = Playground::new(T, 7);
        let mut states = vec![(p.export_text(), p.prompt(0))];
        for line in lines {
            settle(&mut p);
            p.submit(0, line, T);
            states.push((p.export_text(), p.prompt(0)));
        }
        assert_eq!(p.history.depth(), (lines.len(), 0));
        for want in states.iter().rev().skip(1) {
            settle(&mut p);
            p.undo(T);
            assert_eq!(&(p.export_text(), p.prompt(0)), want, "idle: {idle}");
        }
        p.undo(T);
        assert!(p.notice.is_some(), "past the start");
        for want in states.iter().skip(1) {
            settle(&mut p);
            p.redo(T);
            assert_eq!(&(p.export_text(), p.prompt(0)), want, "idle: {idle}");
        }
        // The setting came back with the step: h2 is a hashtable again.
        p.submit(0, "SELECT 0", T);
        p.submit(0, "OBJECT ENCODING h2", T);
        let last = p.clients[0].lines.last().map(|l| l.text.clone());
        assert_eq!(last.as_deref(), Some("\"hashtable\""));
        // Back past SELECT 0, SET other, SELECT 2 and the setting's step.
        for _ in 0..4 {
            p.undo(T);
        }
        p.submit(0, "CONFIG GET hash-max-listpack-entries", T);
        let last = p.clients[0].lines.last().map(|l| l.text.clone());
        assert_eq!(
            last.as_deref(),
            Some("1) \"hash-max-listpack-entries\"\n2) \"512\""),
            "undoing that step undid the setting too"
        );
    }

    #[test]
    fn a_copy_made_while_idle_is_used_only_while_it_is_the_present() {
        let last = |p: &Playground| {
            p.clients[0]
                .lines
                .last()
                .map(|l| l.text.clone())
                .unwrap_or_default()
        };
        let mut p = Playground::new(T, 7);
        p.submit(0, "SADD s a b c d e f g", T);
        p.settle();
        // A read moves the random generator and nothing else: the copy is
        // stale, and undoing the next step brings back the moved state.
        p.submit(0, "SRANDMEMBER s", T);
        let rng = p.engine.rng_state();
        p.submit(0, "SET k 1", T);
        p.undo(T);
        assert_eq!(p.engine.rng_state(), rng);
        // A setting is a step of its own, and the copy after it keeps it:
        // undoing the write leaves the setting, undoing again takes it back.
        p.settle();
        let depth = p.history.depth().0;
        p.submit(0, "CONFIG SET hash-max-listpack-entries 1", T);
        assert_eq!(p.history.depth().0, depth + 1);
        p.settle();
        p.submit(0, "HSET h a 1 b 2", T);
        p.undo(T);
        p.submit(0, "CONFIG GET hash-max-listpack-entries", T);
        assert_eq!(last(&p), "1) \"hash-max-listpack-entries\"\n2) \"1\"");
        p.undo(T);
        p.submit(0, "CONFIG GET hash-max-listpack-entries", T);
        assert_eq!(last(&p), "1) \"hash-max-listpack-entries\"\n2) \"512\"");
        // SCRIPT LOAD too; a refused CONFIG SET changes nothing.
        let depth = p.history.depth().0;
        p.submit(0, "SCRIPT LOAD \"return 1\"", T);
        p.submit(0, "CONFIG SET no-such-thing 1", T);
        assert_eq!(p.history.depth().0, depth + 1);
        // A read-only script is cached all the same: the copy is stale, and
        // undoing the next step keeps the script.
        p.settle();
        p.submit(0, "EVAL_RO \"return 7\" 0", T);
        p.submit(0, "SET k 3", T);
        p.undo(T);
        p.submit(0, "EVALSHA 59b6ab2fbe0ee4b25733de0f62e6cda4899ef8e9 0", T);
        assert_eq!(last(&p), "(integer) 7");
        // Time moved: keys expired, the copy is stale.
        p.submit(0, "SET gone 1 PX 10", T);
        p.settle();
        p.jump_time(1000, T);
        p.submit(0, "SET k 2", T);
        p.undo(T);
        p.submit(0, "EXISTS gone", T);
        assert_eq!(last(&p), "(integer) 0");
    }
}
