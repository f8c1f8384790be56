//! What the last command did, gathered from the engine's event stream for
//! the pictures: its effects per key, the set operation it ran, the
//! messages it published and where they went, and the narration lines.
//! Built from events only (never by comparing states), plus the
//! inspection API for "now has N elements".

use std::collections::VecDeque;

use crate::engine::events::{Effect, Outcome};
use crate::engine::{Engine, Event, SessionId};

use super::describe::{self, show, SHOW_CHARS};

/// Narration lines the page keeps (newest last).
pub const NARRATION_LINES: usize = 6;

#[derive(Debug, Clone, PartialEq)]
pub struct KeyEffect {
    pub db: usize,
    pub key: Vec<u8>,
    pub effect: Effect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SetOpSeen {
    pub db: usize,
    pub op: &'static str,
    pub inputs: Vec<Vec<u8>>,
    pub dest: Option<Vec<u8>>,
    pub result: Vec<Vec<u8>>,
    pub result_len: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageSeen {
    pub id: u64,
    pub from: SessionId,
    pub channel: Vec<u8>,
    pub payload: Vec<u8>,
    /// Each receiving client, and the pattern that matched, if one did.
    pub deliveries: Vec<(SessionId, Option<Vec<u8>>)>,
}

/// The last command a console ran, as the pictures show it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    /// Moves with every new command, so animations start again.
    pub serial: u64,
    /// The key the pictures should show: the first key it changed or read.
    pub focus: Option<(usize, Vec<u8>)>,
    pub effects: Vec<KeyEffect>,
    pub set_op: Option<SetOpSeen>,
    pub messages: Vec<MessageSeen>,
}

/// An element that left one list and arrived in another in one command
/// (LMOVE, BLMOVE, RPOPLPUSH, and a waiting BLMOVE served by a push), as
/// the two effects the engine reported say.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    pub db: usize,
    pub from: Vec<u8>,
    pub from_end: crate::engine::events::End,
    pub to: Vec<u8>,
    pub to_end: crate::engine::events::End,
    pub value: Vec<u8>,
}

impl Scene {
    /// The element moved between two lists, if that is what happened: a
    /// pop of one element from one list and a push of the same element
    /// onto another, in the same db. (Onto the same list, a rotation, the
    /// one-list picture already shows both ends.)
    pub fn transfer(&self) -> Option<Transfer> {
        let mut pops = self.effects.iter().filter_map(|e| match &e.effect {
            Effect::Popped { end, values } => match values.as_slice() {
                [one] => Some((e, *end, one)),
                _ => None,
            },
            _ => None,
        });
        let (from, from_end, value) = pops.next()?;
        // The push that follows the pop (in EXEC, a push before it is
        // another command's).
        let after = self.effects.iter().position(|e| std::ptr::eq(e, from))?;
        let (to, to_end) = self
            .effects
            .iter()
            .skip(after + 1)
            .find_map(|e| match &e.effect {
                Effect::Pushed { end, values }
                    if e.db == from.db
                        && e.key != from.key
                        && values.as_slice() == std::slice::from_ref(value) =>
                {
                    Some((e, *end))
                }
                _ => None,
            })?;
        Some(Transfer {
            db: from.db,
            from: from.key.clone(),
            from_end,
            to: to.key.clone(),
            to_end,
            value: value.clone(),
        })
    }

    /// Effects on one key.
    pub fn on_key<'a>(&'a self, db: usize, key: &'a [u8]) -> impl Iterator<Item = &'a Effect> + 'a {
        self.effects
            .iter()
            .filter(move |e| e.db == db && e.key == key)
            .map(|e| &e.effect)
    }
}

/// Reads the event stream into scenes and narration.
#[derive(Debug, Default)]
pub struct Narrator {
    pub scene: Scene,
    pub lines: VecDeque<String>,
    /// Events were dropped since the last read: the pictures redraw from
    /// the inspection API and animate nothing.
    pub resync: bool,
    serial: u64,
    /// The scene the last line was said in: a command that says nothing
    /// (a read) leaves no older line standing as if it were its own.
    said_in: u64,
}

impl Narrator {
    fn say(&mut self, line: String) {
        self.said_in = self.serial;
        self.lines.push_back(line);
        while self.lines.len() > NARRATION_LINES {
            self.lines.pop_front();
        }
    }

    /// What the last command (or the clock since) was narrated with:
    /// nothing when it said nothing.
    pub fn current(&self) -> Option<&str> {
        (self.said_in == self.serial)
            .then(|| self.lines.back().map(String::as_str))
            .flatten()
    }

    /// Take the engine's events and make sense of them.
    pub fn absorb(&mut self, engine: &mut Engine) {
        let batch = engine.take_events();
        self.resync = batch.dropped > 0;
        let now = engine.now_ms();
        // The command being read, by id: only top-level commands start a
        // scene; what EXEC and scripts run inside belongs to theirs.
        let mut top: Option<u64> = None;
        let mut name = String::new();
        for ev in batch.events {
            match ev {
                Event::CommandRun {
                    id,
                    parent: None,
                    argv,
                    ..
                } => {
                    top = Some(id);
                    self.serial += 1;
                    name = argv
                        .first()
                        .map(|a| String::from_utf8_lossy(a).to_ascii_uppercase())
                        .unwrap_or_default();
                    self.scene = Scene {
                        serial: self.serial,
                        ..Scene::default()
                    };
                }
                Event::CommandRun { .. } => {}
                Event::CommandDone { id, outcome, .. } if Some(id) == top => {
                    match &outcome {
                        Outcome::Error(e) => self.say(format!("{name} failed: {e}")),
                        // The page has no disk: say where the file went.
                        Outcome::Ok if name == "SAVE" || name == "BGSAVE" => self.say(format!(
                            "{name} wrote dump.rdb into this page's memory: DEBUG RELOAD reads it back; reloading the page does not keep it"
                        )),
                        _ => {}
                    }
                    top = None;
                }
                Event::Effect {
                    db, key, effect, ..
                } => {
                    if self.scene.focus.is_none() {
                        self.scene.focus = Some((db, key.clone()));
                    }
                    let info = engine.key_info(db, &key);
                    let cmd = if name.is_empty() { "A command" } else { &name };
                    let line = describe::narrate_effect(cmd, &key, &effect, info.as_ref());
                    self.say(line);
                    self.scene.effects.push(KeyEffect { db, key, effect });
                }
                Event::SetOp {
                    db,
                    op,
                    inputs,
                    dest,
                    result,
                    result_len,
                    ..
                } => {
                    let names: Vec<String> = inputs.iter().map(|k| show(k, SHOW_CHARS)).collect();
                    let what = match op {
                        "sinter" | "sintercard" => "in common",
                        "sunion" => "in all",
                        _ => "only in the first",
                    };
                    self.say(format!(
                        "{} of {}: {} {what}",
                        op.to_ascii_uppercase(),
                        names.join(", "),
                        describe::unit("set", result_len)
                    ));
                    if self.scene.focus.is_none() {
                        let first = dest.clone().or_else(|| inputs.first().cloned());
                        self.scene.focus = first.map(|k| (db, k));
                    }
                    self.scene.set_op = Some(SetOpSeen {
                        db,
                        op,
                        inputs,
                        dest,
                        result,
                        result_len,
                    });
                }
                Event::Key { db, key, event } => {
                    // Expiry on a clock tick has no command around it.
                    let cmd = if top.is_some() { name.as_str() } else { "" };
                    let explained = top.is_some()
                        && self
                            .scene
                            .effects
                            .iter()
                            .any(|e| e.db == db && e.key == key);
                    if !explained {
                        let info = engine.key_info(db, &key);
                        if let Some(line) =
                            describe::narrate_key_event(cmd, &key, event, info.as_ref(), now)
                        {
                            self.say(line);
                        }
                        if top.is_some() && self.scene.focus.is_none() && event != "del" {
                            self.scene.focus = Some((db, key));
                        }
                    }
                }
                Event::Published {
                    message,
                    session,
                    channel,
                    payload,
                    receivers,
                    ..
                } if session != 0 => {
                    self.say(format!(
                        "PUBLISH sent {} on {} to {}",
                        format_args!("\"{}\"", show(&payload, SHOW_CHARS)),
                        show(&channel, SHOW_CHARS),
                        if receivers == 0 {
                            "nobody: no client listens there".to_string()
                        } else {
                            describe::plural(receivers, "subscriber", "subscribers")
                        }
                    ));
                    self.scene.messages.push(MessageSeen {
                        id: message,
                        from: session,
                        channel,
                        payload,
                        deliveries: Vec::new(),
                    });
                }
                Event::Delivered {
                    message,
                    session,
                    pattern,
                    ..
                } => {
                    if let Some(m) = self.scene.messages.iter_mut().find(|m| m.id == message) {
                        m.deliveries.push((session, pattern));
                    }
                }
                Event::WatchTouched { session, key, .. } => {
                    self.say(format!(
                        "client id {session}'s WATCH on {} is broken: its EXEC will fail",
                        show(&key, SHOW_CHARS)
                    ));
                }
                Event::Aborted {
                    session,
                    reason: "watch",
                } => {
                    self.say(format!(
                        "client id {session}'s EXEC ran nothing: a watched key had changed"
                    ));
                }
                Event::Blocked {
                    session,
                    command,
                    keys,
                    deadline_ms,
                    ..
                } => {
                    if keys.is_empty() {
                        // Held back by a pause or a DEBUG SLEEP, not a key.
                        self.say(format!(
                            "client id {session}'s {} is held back until {}",
                            command.to_ascii_uppercase(),
                            crate::web::model::held_back_until(engine)
                        ));
                        continue;
                    }
                    let keys: Vec<String> = keys.iter().map(|k| show(k, SHOW_CHARS)).collect();
                    let until = match deadline_ms {
                        Some(t) => format!("for {}", describe::duration(t - now)),
                        None => "with no timeout".into(),
                    };
                    self.say(format!(
                        "client id {session} waits in {} on {} {until}",
                        command.to_ascii_uppercase(),
                        keys.join(", ")
                    ));
                }
                Event::Unblocked {
                    session,
                    reason,
                    key,
                } => {
                    let line = match (reason, key) {
                        ("served", Some(k)) => format!(
                            "client id {session} stopped waiting: {} has data for it",
                            show(&k, SHOW_CHARS)
                        ),
                        ("timeout", _) => {
                            format!("client id {session} stopped waiting: its timeout passed")
                        }
                        (_, _) => format!("client id {session} stopped waiting ({reason})"),
                    };
                    self.say(line);
                }
                Event::Loaded { from, keys } if name.is_empty() => self.say(format!(
                    "The data is now what {from} holds: {}",
                    describe::plural(keys, "key", "keys")
                )),
                Event::Loaded { from, keys } => self.say(format!(
                    "{name} emptied the data and read it back from {from}, as a restart does: {}",
                    describe::plural(keys, "key", "keys")
                )),
                Event::Restarted { .. } => {
                    if let Some(line) = describe::narrate_more_event(&ev) {
                        self.say(line);
                    }
                }
                Event::Flushed { db } => self.say(match db {
                    Some(d) => format!("{name} deleted every key of db {d}"),
                    None => format!("{name} deleted every key of every database"),
                }),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::events::End;
    use crate::web::model::Playground;

    const T: i64 = 1_700_000_000_000;

    fn transfer_after(p: &mut Playground, client: usize, line: &str) -> Option<Transfer> {
        p.submit(client, line, T);
        p.narrator.scene.transfer()
    }

    #[test]
    fn a_move_between_two_lists_is_one_transfer() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "RPUSH a x y", T);
        let t = transfer_after(&mut p, 0, "LMOVE a b RIGHT LEFT");
        assert_eq!(
            t,
            Some(Transfer {
                db: 0,
                from: b"a".to_vec(),
                from_end: End::Tail,
                to: b"b".to_vec(),
                to_end: End::Head,
                value: b"y".to_vec(),
            })
        );
        let t = transfer_after(&mut p, 0, "RPOPLPUSH a b").map(|t| (t.from_end, t.to_end, t.value));
        assert_eq!(t, Some((End::Tail, End::Head, b"x".to_vec())));
        // A rotation stays on one list; a plain pop or push moves nothing.
        p.submit(0, "RPUSH r 1 2", T);
        assert_eq!(transfer_after(&mut p, 0, "LMOVE r r LEFT RIGHT"), None);
        assert_eq!(transfer_after(&mut p, 0, "LPOP r"), None);
        assert_eq!(transfer_after(&mut p, 0, "LPUSH c y"), None);
    }

    #[test]
    fn a_waiting_blmove_served_by_a_push_is_a_transfer_of_the_push() {
        let mut p = Playground::new(T, 1);
        let waiter = p.open_client();
        p.submit(waiter, "BLMOVE src dst LEFT RIGHT 0", T);
        let t = transfer_after(&mut p, 0, "RPUSH src job").expect("a transfer");
        assert_eq!(
            (t.from.as_slice(), t.to.as_slice()),
            (&b"src"[..], &b"dst"[..])
        );
        assert_eq!(
            (t.from_end, t.to_end, t.value),
            (End::Head, End::Tail, b"job".to_vec())
        );
    }
}
