//! Client-side caching: CLIENT TRACKING, CACHING, GETREDIR and
//! TRACKINGINFO, and the invalidation messages, as Redis 7.0 sends them.
//!
//! - Default mode: each key a tracking client reads (read-only commands,
//!   and the read-only calls of its scripts) is remembered in one table
//!   shared by every database, key name to client ids. The first write to
//!   the key sends each of those clients an invalidation and forgets the
//!   key: a client that reads it again is told again. OPTIN remembers only
//!   what the command after CLIENT CACHING YES reads, OPTOUT all but what
//!   the command after CLIENT CACHING NO reads; NOLOOP leaves out the
//!   keys the client itself wrote.
//! - BCAST: nothing is remembered; every key written whose name starts
//!   with one of the client's prefixes (all keys without one) is sent once
//!   the command is over, in one message per prefix.
//! - Messages go to the client itself as a RESP3 push
//!   `["invalidate", [key, ...]]`, or with REDIRECT to another client: as
//!   a push if it speaks RESP3, as a `__redis__:invalidate` pub/sub
//!   message if it speaks RESP2 and is subscribed (nothing otherwise). A
//!   redirect to a client that is gone sends `tracking-redir-broken`.
//!   FLUSHALL and FLUSHDB invalidate everything: `["invalidate", nil]`.
//! - An invalidation for the client whose command wrote the key comes
//!   after that command's reply (`Engine::take_late_pushes`).
//!
//! Part of the rest of the engine: the core holds the state behind
//! `Tracker` and calls it from `notify`, the flushes and `submit`.

use crate::engine::table::flag;
use std::collections::{BTreeMap, BTreeSet};

use super::arg;
use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::errors::{self, clip};
use crate::engine::table::Command;
use crate::engine::{Engine, Session, SessionId, Tracker};
use crate::reply::Reply;

#[derive(Debug, Clone, Default, PartialEq)]
struct Client {
    redirect: u64,
    bcast: bool,
    optin: bool,
    optout: bool,
    noloop: bool,
    /// CLIENT CACHING was given for the next command.
    caching: bool,
    broken: bool,
    /// BCAST prefixes, in byte order (`""` without PREFIX).
    prefixes: BTreeSet<Vec<u8>>,
}

/// A BCAST prefix: its clients, and the keys written since the last
/// broadcast with who wrote each.
type Prefix = (BTreeSet<SessionId>, BTreeMap<Vec<u8>, SessionId>);

#[derive(Debug, Clone, Default)]
pub struct Tracking {
    clients: BTreeMap<SessionId, Client>,
    /// Key name to the clients that read it since it last changed.
    table: BTreeMap<Vec<u8>, BTreeSet<SessionId>>,
    /// BCAST prefix to its clients, and the keys written since the last
    /// broadcast with who wrote each.
    prefixes: BTreeMap<Vec<u8>, Prefix>,
    /// Whether the command the running client sent (not its script's or
    /// transaction's calls) was a CLIENT one: CLIENT CACHING's flag lasts
    /// until a command that is not (`None`: none ran, it was refused).
    top_was_client: Option<bool>,
    /// Invalidations that involve the client whose command is running
    /// (its own, or one redirected to it), sent once its reply is out:
    /// for whom, and the keys (`None`: everything, a flush).
    pending: Vec<(SessionId, Option<Vec<Vec<u8>>>)>,
    /// Times in a row the table was found over tracking-table-max-keys.
    over: usize,
}

/// The payload of an invalidation.
enum Payload<'a> {
    Keys(Vec<&'a [u8]>),
    Flush,
}

impl Payload<'_> {
    fn owned(&self) -> Option<Vec<Vec<u8>>> {
        match self {
            Payload::Keys(k) => Some(k.iter().map(|k| k.to_vec()).collect()),
            Payload::Flush => None,
        }
    }
}

impl Tracking {
    /// Send an invalidation to `target` (or where it redirects them);
    /// `late` once the running command is over.
    fn send(&mut self, eng: &mut Engine, target: SessionId, payload: &Payload, late: bool) {
        let running = Tracking::running(eng);
        let Some(c) = self.clients.get_mut(&target) else {
            return;
        };
        // The running client is out of the engine's table while it runs,
        // and so is a waiting client being served (its BLMOVE wrote the
        // key): what involves them waits for their replies.
        let away =
            |id: SessionId| running == Some(id) || (running.is_some() && eng.session(id).is_none());
        if !late && (away(target) || (c.redirect != 0 && away(c.redirect))) {
            self.pending.push((target, payload.owned()));
            return;
        }
        let Some(resp) = eng.session(target).map(|s| s.resp) else {
            return;
        };
        let mut to = target;
        let mut redirected = false;
        if c.redirect != 0 {
            let Some(r) = eng.session(c.redirect) else {
                c.broken = true;
                if resp > 2 {
                    let frame = Reply::Push(vec![
                        Reply::bulk("tracking-redir-broken"),
                        Reply::Integer(c.redirect as i64),
                    ]);
                    eng.push_after_reply(target, frame, late);
                }
                return;
            };
            to = r.id;
            redirected = true;
        }
        let Some(receiver) = eng.session(to) else {
            return;
        };
        let body = match payload {
            Payload::Keys(keys) => {
                Reply::Array(keys.iter().map(|k| Reply::Bulk(k.to_vec())).collect())
            }
            Payload::Flush => Reply::Null,
        };
        let frame = if receiver.resp > 2 {
            Reply::Push(vec![Reply::bulk("invalidate"), body])
        } else if redirected && receiver.subs.active() {
            Reply::Array(vec![
                Reply::bulk("message"),
                Reply::bulk("__redis__:invalidate"),
                body,
            ])
        } else {
            return;
        };
        eng.push_after_reply(to, frame, late && running.is_none_or(|r| r == to));
    }

    fn running(eng: &Engine) -> Option<SessionId> {
        (!eng.command_stack.is_empty()).then_some(eng.current)
    }
}

impl Tracker for Tracking {
    fn clone_box(&self) -> Box<dyn Tracker> {
        Box::new(self.clone())
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }

    fn modified(&mut self, eng: &mut Engine, key: &[u8]) {
        let current = Tracking::running(eng);
        for (prefix, (_, keys)) in self.prefixes.iter_mut() {
            if key.starts_with(prefix) {
                keys.insert(key.to_vec(), current.unwrap_or(0));
            }
        }
        let Some(ids) = self.table.remove(key) else {
            return;
        };
        for id in ids {
            let Some(c) = self.clients.get(&id) else {
                continue;
            };
            if c.bcast || (c.noloop && current == Some(id)) {
                continue;
            }
            self.send(eng, id, &Payload::Keys(vec![key]), false);
        }
    }

    fn flushed(&mut self, eng: &mut Engine) {
        let ids: Vec<SessionId> = self.clients.keys().copied().collect();
        for id in ids {
            self.send(eng, id, &Payload::Flush, false);
        }
        self.table.clear();
    }

    fn closed(&mut self, id: SessionId) {
        self.disable(id);
    }

    fn client_flags(&self, id: SessionId) -> Option<(String, i64)> {
        let c = self.clients.get(&id)?;
        let mut flags = String::from("t");
        if c.broken {
            flags.push('R');
        }
        if c.bcast {
            flags.push('B');
        }
        Some((flags, c.redirect as i64))
    }

    fn modes(&self, id: SessionId) -> Option<Vec<&'static str>> {
        let c = self.clients.get(&id)?;
        let mut out = vec!["on"];
        for (on, name) in [
            (c.bcast, "bcast"),
            (c.optin, "optin"),
            (c.optin && c.caching, "caching-yes"),
            (c.optout, "optout"),
            (c.optout && c.caching, "caching-no"),
            (c.noloop, "noloop"),
            (c.broken, "broken_redirect"),
        ] {
            if on {
                out.push(name);
            }
        }
        Some(out)
    }

    fn after_command(
        &mut self,
        eng: &mut Engine,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) {
        if eng.command_stack.len() == 1 {
            self.top_was_client = Some(cmd.name.starts_with("client|"));
        }
        // The script's caller remembers what its read-only calls read; a
        // read-only script itself is not looked at, only its calls.
        if !cmd.is(flag::READONLY) || matches!(cmd.name, "eval_ro" | "evalsha_ro" | "fcall_ro") {
            return;
        }
        let Some(c) = self.clients.get(&sess.id) else {
            return;
        };
        if c.bcast || (c.optin && !c.caching) || (c.optout && c.caching) || cmd.is(flag::PUBSUB) {
            return;
        }
        // A script's read remembers the keys the script declared, not the
        // keys of the call (Redis's trackingRememberKeys on the caller).
        let keys: Vec<Vec<u8>> = if eng.in_script {
            eng.script_keys.clone()
        } else {
            super::command::key_positions_of(cmd, argv)
                .into_iter()
                .filter_map(|i| argv.get(i).cloned())
                .collect()
        };
        for k in keys {
            self.table.entry(k).or_default().insert(sess.id);
        }
    }

    fn before_command(&mut self, eng: &mut Engine, sess: &Session) {
        // Its own invalidations; a redirecting client's go out with the
        // rest once its command is over (`after_submit`), as `send` needs
        // the running client back in the table for them.
        let own = |c: Option<&Client>| c.is_some_and(|c| c.redirect == 0);
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(target, _)| *target == sess.id && own(self.clients.get(target)));
        self.pending = rest;
        for (target, keys) in mine {
            if sess.resp > 2 {
                let body = match keys {
                    Some(k) => Reply::Array(k.into_iter().map(Reply::Bulk).collect()),
                    None => Reply::Null,
                };
                let frame = Reply::Push(vec![Reply::bulk("invalidate"), body]);
                eng.push_after_reply(target, frame, false);
            }
        }
    }

    fn after_submit(&mut self, eng: &mut Engine, session: SessionId) {
        for (target, keys) in std::mem::take(&mut self.pending) {
            let payload = match &keys {
                Some(k) => Payload::Keys(k.iter().map(Vec::as_slice).collect()),
                None => Payload::Flush,
            };
            // After the reply of the client that sent the command (the
            // host writes it after that reply); a client served meanwhile
            // has its reply queued already, so its invalidation follows.
            self.send(eng, target, &payload, target == session);
        }
        // CLIENT CACHING lasts one command (or transaction).
        let was_client = self.top_was_client.take() == Some(true);
        if eng.session(session).is_some_and(|s| s.multi.is_none()) && !was_client {
            if let Some(c) = self.clients.get_mut(&session) {
                c.caching = false;
            }
        }
        self.broadcast(eng, session);
        self.limit_table(eng);
    }

    /// Keys in the table, (key, client) pairs, BCAST prefixes, clients.
    fn totals(&self) -> [usize; 4] {
        [
            self.table.len(),
            self.table.values().map(BTreeSet::len).sum(),
            self.prefixes.len(),
            self.clients.len(),
        ]
    }
}

impl Tracking {
    /// tracking-table-max-keys: past it, keys leave the table at random,
    /// each with an invalidation to the clients that read it (NOLOOP does
    /// not apply: nobody wrote it), as Redis's trackingLimitUsedSlots
    /// does, with a little more effort each time it finds the table still
    /// over. Run after every command and on the clock's ticks.
    fn limit_table(&mut self, eng: &mut Engine) {
        let max =
            usize::try_from(eng.config.get_i64("tracking-table-max-keys")).unwrap_or(usize::MAX);
        if max == 0 || self.table.len() <= max {
            self.over = 0;
            return;
        }
        let mut effort = 100 * (self.over + 1);
        while effort > 0 && self.table.len() > max {
            effort -= 1;
            // A random place in the key order, found by a range search
            // (not a walk from the start: the table may hold millions).
            let at = eng.random_u64().to_be_bytes();
            let Some(key) = self
                .table
                .range(at.to_vec()..)
                .next()
                .or_else(|| self.table.iter().next())
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            for id in self.table.remove(&key).unwrap_or_default() {
                if self.clients.get(&id).is_some_and(|c| !c.bcast) {
                    self.send(eng, id, &Payload::Keys(vec![&key]), false);
                }
            }
        }
        self.over = if self.table.len() > max {
            self.over + 1
        } else {
            0
        };
    }

    /// BCAST: each prefix's written keys to its clients (a NOLOOP client
    /// without the keys it wrote itself).
    fn broadcast(&mut self, eng: &mut Engine, session: SessionId) {
        let mut sends: Vec<(SessionId, Vec<Vec<u8>>)> = Vec::new();
        for (clients, keys) in self.prefixes.values_mut() {
            if keys.is_empty() {
                continue;
            }
            for id in clients.iter() {
                let noloop = self.clients.get(id).is_some_and(|c| c.noloop);
                let list: Vec<Vec<u8>> = keys
                    .iter()
                    .filter(|(_, who)| !noloop || **who != *id)
                    .map(|(k, _)| k.clone())
                    .collect();
                if !list.is_empty() {
                    sends.push((*id, list));
                }
            }
            keys.clear();
        }
        for (id, keys) in sends {
            let payload = Payload::Keys(keys.iter().map(Vec::as_slice).collect());
            self.send(eng, id, &payload, id == session);
        }
    }

    fn disable(&mut self, id: SessionId) {
        if let Some(c) = self.clients.remove(&id) {
            for p in &c.prefixes {
                if let Some((clients, _)) = self.prefixes.get_mut(p) {
                    clients.remove(&id);
                    if clients.is_empty() {
                        self.prefixes.remove(p);
                    }
                }
            }
        }
    }
}

/// The engine's tracking state, made on first use.
fn tracking(eng: &mut Engine) -> &mut Tracking {
    let t = eng
        .tracker
        .get_or_insert_with(|| Box::new(Tracking::default()));
    if t.as_any_mut().downcast_mut::<Tracking>().is_none() {
        *t = Box::new(Tracking::default());
    }
    t.as_any_mut()
        .downcast_mut::<Tracking>()
        .expect("just made a Tracking")
}

fn client(eng: &mut Engine, id: SessionId) -> Option<Client> {
    let t = eng
        .tracker
        .as_mut()?
        .as_any_mut()
        .downcast_mut::<Tracking>()?;
    t.clients.get(&id).cloned()
}

/// CLIENT TRACKING <ON | OFF> [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]
pub fn client_tracking(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut redirect = 0i64;
    let (mut bcast, mut optin, mut optout, mut noloop) = (false, false, false, false);
    let mut prefixes: Vec<&[u8]> = Vec::new();
    let mut j = 3;
    while j < argv.len() {
        let more = argv.len() - 1 - j;
        let opt = arg(argv, j);
        if eq_ignore_case(opt, "redirect") && more > 0 {
            j += 1;
            if redirect != 0 {
                return Reply::err("ERR A client can only redirect to a single other client");
            }
            match parse_i64(arg(argv, j)) {
                Some(r) => redirect = r,
                None => return Reply::err(errors::NOT_INTEGER),
            }
            let exists = redirect == sess.id as i64
                || (redirect > 0 && eng.session(redirect as SessionId).is_some());
            if !exists {
                return Reply::err("ERR The client ID you want redirect to does not exist");
            }
        } else if eq_ignore_case(opt, "bcast") {
            bcast = true;
        } else if eq_ignore_case(opt, "optin") {
            optin = true;
        } else if eq_ignore_case(opt, "optout") {
            optout = true;
        } else if eq_ignore_case(opt, "noloop") {
            noloop = true;
        } else if eq_ignore_case(opt, "prefix") && more > 0 {
            j += 1;
            prefixes.push(arg(argv, j));
        } else {
            return Reply::err(errors::SYNTAX);
        }
        j += 1;
    }
    let on = arg(argv, 2);
    if eq_ignore_case(on, "off") {
        if let Some(t) = eng
            .tracker
            .as_mut()
            .and_then(|t| t.as_any_mut().downcast_mut::<Tracking>())
        {
            t.disable(sess.id);
        }
        return Reply::ok();
    }
    if !eq_ignore_case(on, "on") {
        return Reply::err(errors::SYNTAX);
    }
    if !bcast && !prefixes.is_empty() {
        return Reply::err("ERR PREFIX option requires BCAST mode to be enabled");
    }
    let old = client(eng, sess.id);
    if old.as_ref().is_some_and(|o| o.bcast != bcast) {
        return Reply::err(
            "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
        );
    }
    if bcast && (optin || optout) {
        return Reply::err("ERR OPTIN and OPTOUT are not compatible with BCAST");
    }
    if optin && optout {
        return Reply::err("ERR You can't specify both OPTIN mode and OPTOUT mode");
    }
    if old
        .as_ref()
        .is_some_and(|o| (optin && o.optout) || (optout && o.optin))
    {
        return Reply::err(
            "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
        );
    }
    if bcast {
        let existing = old.as_ref().map(|o| &o.prefixes);
        for (i, p) in prefixes.iter().enumerate() {
            let overlaps = |a: &[u8], b: &[u8]| a.starts_with(b) || b.starts_with(a);
            if let Some(e) = existing.and_then(|e| e.iter().find(|e| overlaps(e, p))) {
                return Reply::err(format!(
                    "ERR Prefix '{}' overlaps with an existing prefix '{}'. Prefixes for a single client must not overlap.",
                    clip(p, usize::MAX),
                    clip(e, usize::MAX)
                ));
            }
            if let Some(q) = prefixes
                .get(i + 1..)
                .and_then(|r| r.iter().find(|q| overlaps(p, q)))
            {
                return Reply::err(format!(
                    "ERR Prefix '{}' overlaps with another provided prefix '{}'. Prefixes for a single client must not overlap.",
                    clip(p, usize::MAX),
                    clip(q, usize::MAX)
                ));
            }
        }
    }
    let id = sess.id;
    let t = tracking(eng);
    let mut c = t.clients.remove(&id).unwrap_or_default();
    c.redirect = redirect.max(0) as u64;
    c.broken = false;
    c.bcast = bcast;
    c.optin = optin;
    c.optout = optout;
    c.noloop = noloop;
    if bcast {
        let mut wanted: Vec<&[u8]> = prefixes.clone();
        if wanted.is_empty() {
            wanted.push(b"");
        }
        for p in wanted {
            t.prefixes.entry(p.to_vec()).or_default().0.insert(id);
            c.prefixes.insert(p.to_vec());
        }
    }
    t.clients.insert(id, c);
    Reply::ok()
}

/// CLIENT CACHING <YES | NO>
pub fn client_caching(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let Some(c) = client(eng, sess.id) else {
        return Reply::err(
            "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled",
        );
    };
    let opt = arg(argv, 2);
    if eq_ignore_case(opt, "yes") {
        if !c.optin {
            return Reply::err(
                "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.",
            );
        }
    } else if eq_ignore_case(opt, "no") {
        if !c.optout {
            return Reply::err(
                "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.",
            );
        }
    } else {
        return Reply::err(errors::SYNTAX);
    }
    if let Some(c) = tracking(eng).clients.get_mut(&sess.id) {
        c.caching = true;
    }
    Reply::ok()
}

/// CLIENT GETREDIR
pub fn client_getredir(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(client(eng, sess.id).map_or(-1, |c| c.redirect as i64))
}

/// CLIENT TRACKINGINFO
pub fn client_trackinginfo(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    let c = client(eng, sess.id);
    let modes = eng
        .tracker
        .as_ref()
        .and_then(|t| t.modes(sess.id))
        .unwrap_or_else(|| vec!["off"]);
    let flags = modes.into_iter().map(Reply::bulk).collect();
    Reply::Map(vec![
        (Reply::bulk("flags"), Reply::Set(flags)),
        (
            Reply::bulk("redirect"),
            Reply::Integer(c.as_ref().map_or(-1, |c| c.redirect as i64)),
        ),
        (
            Reply::bulk("prefixes"),
            Reply::Array(
                c.iter()
                    .flat_map(|c| c.prefixes.iter())
                    .map(|p| Reply::Bulk(p.clone()))
                    .collect(),
            ),
        ),
    ])
}
