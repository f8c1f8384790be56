//! Consumer groups: XGROUP and its subcommands, what XREADGROUP delivers,
//! XACK, XPENDING, XCLAIM and XAUTOCLAIM. A group remembers the last id
//! it delivered and, until acknowledged, who got each entry, when and how
//! often: the pending entries list (PEL) a crashed worker's entries are
//! claimed from.

use super::store::{Group, Id, Nack, Stream};
use super::{entry_reply, id_reply, parse_bound, parse_id, parse_strict_id, read, write, Change};
use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::cmd::{arg, count_reply, sub_syntax};
use crate::engine::errors::{self, clip};
use crate::engine::value::Bytes;
use crate::engine::{Engine, Session};
use crate::reply::Reply;

fn ids_of(ids: &[Id]) -> Vec<(u64, u64)> {
    ids.iter().map(|id| (id.ms, id.seq)).collect()
}

/// Record what a group did (an `Effect::More` for the full build).
#[allow(clippy::too_many_arguments)]
fn group_changed(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    group: &[u8],
    what: &'static str,
    consumer: Option<&[u8]>,
    ids: &[Id],
) {
    eng.effect(db, key, || {
        Change::Group {
            group: group.to_vec(),
            what,
            consumer: consumer.map(<[u8]>::to_vec),
            ids: ids_of(ids),
        }
        .effect()
    });
}

/// Look a consumer up, making it when missing (with its keyspace event),
/// and mark it seen now.
fn touch_consumer(eng: &mut Engine, db: usize, key: &[u8], group: &[u8], consumer: &[u8]) -> bool {
    let now = eng.now_ms();
    let created = match write(eng, db, key) {
        Ok(Some(s)) => match s.group_mut(group) {
            Some(g) => match g.consumer_mut(consumer) {
                Some(c) => {
                    c.seen_ms = now;
                    false
                }
                None => g.add_consumer(consumer, now),
            },
            None => false,
        },
        _ => false,
    };
    if created {
        eng.notify(db, key, "xgroup-createconsumer");
    }
    created
}

/// Deliver entries from `start` on to a consumer (XREADGROUP with `>`):
/// the group's last id and entries-read move on, and unless `noack` each
/// entry becomes pending for the consumer.
#[allow(clippy::too_many_arguments)]
pub(super) fn deliver(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    group: &[u8],
    consumer: &[u8],
    start: Id,
    count: usize,
    noack: bool,
) -> Reply {
    let created = touch_consumer(eng, db, key, group, consumer);
    let now = eng.now_ms();
    // Logged as Redis logs a read through a group (the XREADGROUP itself
    // never): each delivered entry as an idempotent XCLAIM; with NOACK,
    // the consumer it made and the group's new last id.
    let logging = eng.propagating();
    let mut lines = Vec::new();
    if created && noack && logging {
        lines.push(vec![
            b"XGROUP".to_vec(),
            b"CREATECONSUMER".to_vec(),
            key.to_vec(),
            group.to_vec(),
            consumer.to_vec(),
        ]);
    }
    let (reply, ids) = {
        let Ok(Some(s)) = write(eng, db, key) else {
            return Reply::Array(Vec::new());
        };
        let Some(g) = s.group(group) else {
            return Reply::Array(Vec::new());
        };
        let (was, mut last, mut read_n) = (g.last_id, g.last_id, g.entries_read);
        let items = s.range(start, Id::MAX, false, count);
        let ids: Vec<Id> = items.iter().map(|it| it.id).collect();
        // The group's last id as each entry is delivered (its XCLAIM's).
        let mut last_at = Vec::with_capacity(ids.len());
        for &id in &ids {
            if id > last {
                if read_n != -1 && !s.tombstones_after(id) {
                    read_n += 1;
                } else if s.entries_added > 0 {
                    read_n = s.entries_up_to(id);
                }
                last = id;
            }
            last_at.push(last);
        }
        let reply = Reply::Array(items.into_iter().map(entry_reply).collect());
        let Some(g) = s.group_mut(group) else {
            return reply;
        };
        g.last_id = last;
        g.entries_read = read_n;
        if noack && last != was && logging {
            lines.push(vec![
                b"XGROUP".to_vec(),
                b"SETID".to_vec(),
                key.to_vec(),
                group.to_vec(),
                last.text(),
                b"ENTRIESREAD".to_vec(),
                read_n.to_string().into_bytes(),
            ]);
        }
        if !noack {
            for (&id, &last_then) in ids.iter().zip(&last_at) {
                match g.pel.get_mut(&id) {
                    Some(n) => {
                        n.delivered_ms = now;
                        n.count = 1;
                        g.give(id, consumer);
                    }
                    None => {
                        g.pel.insert(
                            id,
                            Nack {
                                delivered_ms: now,
                                count: 1,
                                consumer: Bytes::from_slice(consumer),
                            },
                        );
                        if let Some(c) = g.consumer_mut(consumer) {
                            c.pel.insert(id);
                        }
                    }
                }
                if let Some(n) = g.pel.get(&id).filter(|_| logging) {
                    lines.push(claim_line(key, group, last_then, id, n));
                }
            }
        }
        (reply, ids)
    };
    eng.prevent_propagation();
    for line in lines {
        eng.also_propagate(db, line);
    }
    group_changed(
        eng,
        db,
        key,
        group,
        if noack {
            "delivered-noack"
        } else {
            "delivered"
        },
        Some(consumer),
        &ids,
    );
    eng.dirty += 1;
    reply
}

/// XREADGROUP with an id: the consumer's own pending entries from `start`,
/// each delivered once more (an entry deleted since comes as `[id, nil]`).
pub(super) fn history(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    group: &[u8],
    consumer: &[u8],
    start: Id,
    count: usize,
) -> Reply {
    touch_consumer(eng, db, key, group, consumer);
    let now = eng.now_ms();
    let (reply, ids) = {
        let Ok(Some(s)) = write(eng, db, key) else {
            return Reply::Array(Vec::new());
        };
        let pending: Vec<Id> = s
            .group(group)
            .and_then(|g| g.consumer(consumer))
            .map(|c| {
                c.pel
                    .range(start..)
                    .take(if count == 0 { usize::MAX } else { count })
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        let mut out = Vec::with_capacity(pending.len());
        let mut again = Vec::new();
        for &id in &pending {
            match s.get(id) {
                Some(it) => {
                    out.push(entry_reply(it));
                    again.push(id);
                }
                None => out.push(Reply::Array(vec![id_reply(id), Reply::NullArray])),
            }
        }
        if let Some(g) = s.group_mut(group) {
            for id in &again {
                if let Some(n) = g.pel.get_mut(id) {
                    n.delivered_ms = now;
                    n.count += 1;
                }
            }
        }
        (Reply::Array(out), again)
    };
    group_changed(eng, db, key, group, "delivered", Some(consumer), &ids);
    eng.dirty += 1;
    reply
}

/// What every XGROUP subcommand checks first (`xgroupCommand`): its
/// options, the key (which must exist unless MKSTREAM), and for SETID,
/// CREATECONSUMER and DELCONSUMER the group.
struct Prelude {
    mkstream: bool,
    entries_read: i64,
    exists: bool,
}

fn prelude(eng: &mut Engine, sess: &Session, argv: &[Vec<u8>]) -> Result<Prelude, Reply> {
    let sub = arg(argv, 1);
    let create = eq_ignore_case(sub, "create");
    let setid = eq_ignore_case(sub, "setid");
    let mut p = Prelude {
        mkstream: false,
        entries_read: -1,
        exists: false,
    };
    let mut i = 5;
    while i < argv.len() {
        let opt = arg(argv, i);
        if create && eq_ignore_case(opt, "mkstream") {
            p.mkstream = true;
            i += 1;
        } else if (create || setid) && eq_ignore_case(opt, "entriesread") && i + 1 < argv.len() {
            let n = parse_i64(arg(argv, i + 1)).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
            if n < 0 && n != -1 {
                return Err(Reply::err(
                    "ERR value for ENTRIESREAD must be positive or -1",
                ));
            }
            p.entries_read = n;
            i += 2;
        } else {
            return Err(sub_syntax(argv));
        }
    }
    let (key, name) = (arg(argv, 2), arg(argv, 3));
    let s = write(eng, sess.db, key)?;
    p.exists = s.is_some();
    if !p.mkstream {
        let Some(s) = s else {
            return Err(Reply::err(
                "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.",
            ));
        };
        let needs_group =
            setid || eq_ignore_case(sub, "createconsumer") || eq_ignore_case(sub, "delconsumer");
        if needs_group && s.group(name).is_none() {
            return Err(Reply::err(format!(
                "NOGROUP No such consumer group '{}' for key name '{}'",
                clip(name, usize::MAX),
                clip(key, usize::MAX)
            )));
        }
    }
    Ok(p)
}

/// XGROUP CREATE key group <id | $> [MKSTREAM] [ENTRIESREAD entries-read]
pub fn xgroup_create(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let p = match prelude(eng, sess, argv) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if argv.len() > 8 {
        return sub_syntax(argv);
    }
    let (db, key, name) = (sess.db, arg(argv, 2), arg(argv, 3));
    let id = if arg(argv, 4) == b"$" {
        match read(eng, db, key) {
            Ok(Some(s)) => s.last_id,
            _ => Id::MIN,
        }
    } else {
        match parse_strict_id(arg(argv, 4)) {
            Ok(id) => id,
            Err(e) => return e,
        }
    };
    if !p.exists {
        eng.store(db, key, Stream::default().into_value(), false);
    }
    let added = match write(eng, db, key) {
        Ok(Some(s)) => s.add_group(Group::new(name, id, p.entries_read)),
        _ => false,
    };
    if !p.exists {
        // Redis signals the new key modified even when the group exists.
        eng.touch_watched(db, key);
    }
    if !added {
        return Reply::err("BUSYGROUP Consumer Group name already exists");
    }
    group_changed(eng, db, key, name, "created", None, &[]);
    eng.notify(db, key, "xgroup-create");
    Reply::ok()
}

/// XGROUP SETID key group <id | $> [ENTRIESREAD entries-read]
pub fn xgroup_setid(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let p = match prelude(eng, sess, argv) {
        Ok(p) => p,
        Err(e) => return e,
    };
    if argv.len() != 5 && argv.len() != 7 {
        return sub_syntax(argv);
    }
    let (db, key, name) = (sess.db, arg(argv, 2), arg(argv, 3));
    let Ok(Some(s)) = write(eng, db, key) else {
        return Reply::err(errors::NO_SUCH_KEY);
    };
    let id = if arg(argv, 4) == b"$" {
        s.last_id
    } else {
        match parse_id(arg(argv, 4), 0) {
            Ok(id) => id,
            Err(e) => return e,
        }
    };
    if let Some(g) = s.group_mut(name) {
        g.last_id = id;
        g.entries_read = p.entries_read;
    }
    group_changed(eng, db, key, name, "moved", None, &[]);
    eng.notify(db, key, "xgroup-setid");
    Reply::ok()
}

/// XGROUP DESTROY key group
pub fn xgroup_destroy(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if let Err(e) = prelude(eng, sess, argv) {
        return e;
    }
    let (db, key, name) = (sess.db, arg(argv, 2), arg(argv, 3));
    let gone = match write(eng, db, key) {
        Ok(Some(s)) => s.remove_group(name),
        _ => false,
    };
    if !gone {
        return Reply::Integer(0);
    }
    group_changed(eng, db, key, name, "destroyed", None, &[]);
    eng.notify(db, key, "xgroup-destroy");
    // Clients blocked reading through it get NOGROUP.
    eng.signal_ready(db, key);
    Reply::Integer(1)
}

/// XGROUP CREATECONSUMER key group consumer
pub fn xgroup_createconsumer(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if let Err(e) = prelude(eng, sess, argv) {
        return e;
    }
    let (db, key, name, consumer) = (sess.db, arg(argv, 2), arg(argv, 3), arg(argv, 4));
    let now = eng.now_ms();
    let made = match write(eng, db, key) {
        Ok(Some(s)) => s
            .group_mut(name)
            .is_some_and(|g| g.add_consumer(consumer, now)),
        _ => false,
    };
    if made {
        group_changed(eng, db, key, name, "joined", Some(consumer), &[]);
        eng.notify(db, key, "xgroup-createconsumer");
    }
    Reply::Integer(i64::from(made))
}

/// XGROUP DELCONSUMER key group consumer
pub fn xgroup_delconsumer(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if let Err(e) = prelude(eng, sess, argv) {
        return e;
    }
    let (db, key, name, consumer) = (sess.db, arg(argv, 2), arg(argv, 3), arg(argv, 4));
    let pending = match write(eng, db, key) {
        Ok(Some(s)) => s.group_mut(name).and_then(|g| g.remove_consumer(consumer)),
        _ => None,
    };
    let Some(pending) = pending else {
        return Reply::Integer(0);
    };
    group_changed(eng, db, key, name, "left", Some(consumer), &[]);
    eng.notify(db, key, "xgroup-delconsumer");
    count_reply(pending)
}

/// XGROUP HELP
pub fn xgroup_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("xgroup|help")
}

/// XACK key group id [id ...]
pub fn xack(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, name) = (sess.db, arg(argv, 1), arg(argv, 2));
    match read(eng, db, key) {
        Err(e) => return e,
        Ok(Some(s)) if s.group(name).is_some() => {}
        Ok(_) => return Reply::Integer(0),
    }
    let mut ids = Vec::new();
    for raw in argv.iter().skip(3) {
        match parse_strict_id(raw) {
            Ok(id) => ids.push(id),
            Err(e) => return e,
        }
    }
    let mut acked = Vec::new();
    if let Ok(Some(s)) = write(eng, db, key) {
        if let Some(g) = s.group_mut(name) {
            for id in ids {
                if g.ack(id) {
                    acked.push(id);
                }
            }
        }
    }
    if !acked.is_empty() {
        eng.dirty += acked.len() as u64;
        group_changed(eng, db, key, name, "acked", None, &acked);
    }
    count_reply(acked.len())
}

fn no_group(key: &[u8], group: &[u8]) -> Reply {
    Reply::err(format!(
        "NOGROUP No such key '{}' or consumer group '{}'",
        clip(key, usize::MAX),
        clip(group, usize::MAX)
    ))
}

/// XPENDING key group [[IDLE min-idle-time] start end count [consumer]]
pub fn xpending(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let n = argv.len();
    if n != 3 && !(6..=9).contains(&n) {
        return Reply::err(errors::SYNTAX);
    }
    let mut range = None;
    if n >= 6 {
        let mut at = 3;
        let mut min_idle = 0i64;
        if eq_ignore_case(arg(argv, 3), "idle") {
            match parse_i64(arg(argv, 4)) {
                Some(v) => min_idle = v,
                None => return Reply::err(errors::NOT_INTEGER),
            }
            if n < 8 {
                return Reply::err(errors::SYNTAX);
            }
            at += 2;
        }
        let count = match parse_i64(arg(argv, at + 2)) {
            Some(c) => usize::try_from(c).unwrap_or(0),
            None => return Reply::err(errors::NOT_INTEGER),
        };
        let start = match parse_bound(arg(argv, at), true) {
            Ok(id) => id,
            Err(e) => return e,
        };
        let end = match parse_bound(arg(argv, at + 1), false) {
            Ok(id) => id,
            Err(e) => return e,
        };
        range = Some((start, end, count, min_idle, argv.get(at + 3).cloned()));
    }
    let (db, key, name) = (sess.db, arg(argv, 1), arg(argv, 2));
    let now = eng.now_ms();
    let s = match read(eng, db, key) {
        Err(e) => return e,
        Ok(s) => s,
    };
    let Some(g) = s.and_then(|s| s.group(name)) else {
        return no_group(key, name);
    };
    let Some((start, end, mut count, min_idle, consumer)) = range else {
        let (Some(first), Some(last)) = (g.pel.keys().next(), g.pel.keys().next_back()) else {
            return Reply::Array(vec![
                Reply::Integer(0),
                Reply::Null,
                Reply::Null,
                Reply::NullArray,
            ]);
        };
        let owners = g
            .consumers
            .iter()
            .filter(|c| !c.pel.is_empty())
            .map(|c| {
                Reply::Array(vec![
                    Reply::Bulk(c.name.to_vec()),
                    Reply::Bulk(c.pel.len().to_string().into_bytes()),
                ])
            })
            .collect();
        return Reply::Array(vec![
            count_reply(g.pel.len()),
            id_reply(*first),
            id_reply(*last),
            Reply::Array(owners),
        ]);
    };
    let ids: Vec<Id> = match &consumer {
        Some(c) => match g.consumer(c) {
            Some(c) => c.pel.iter().copied().collect(),
            None => return Reply::Array(Vec::new()),
        },
        None => g.pel.keys().copied().collect(),
    };
    let mut out = Vec::new();
    if start <= end {
        for id in ids.into_iter().filter(|id| *id >= start) {
            if count == 0 || id > end {
                break;
            }
            let Some(nack) = g.pel.get(&id) else { continue };
            let idle = now - nack.delivered_ms;
            if min_idle != 0 && idle < min_idle {
                continue;
            }
            count -= 1;
            out.push(Reply::Array(vec![
                id_reply(id),
                Reply::Bulk(nack.consumer.to_vec()),
                Reply::Integer(idle.max(0)),
                Reply::Integer(nack.count as i64),
            ]));
        }
    }
    Reply::Array(out)
}

/// How Redis logs a claim (its `streamPropagateXCLAIM`): an XCLAIM that
/// gives the same pending entry wherever it is replayed, whatever the
/// idle times there (min-idle 0, the delivery time and count as they are,
/// FORCE, JUSTID, the group's last id).
fn claim_line(key: &[u8], group: &[u8], last_id: Id, id: Id, nack: &Nack) -> Vec<Vec<u8>> {
    vec![
        b"XCLAIM".to_vec(),
        key.to_vec(),
        group.to_vec(),
        nack.consumer.to_vec(),
        b"0".to_vec(),
        id.text(),
        b"TIME".to_vec(),
        nack.delivered_ms.to_string().into_bytes(),
        b"RETRYCOUNT".to_vec(),
        nack.count.to_string().into_bytes(),
        b"FORCE".to_vec(),
        b"JUSTID".to_vec(),
        b"LASTID".to_vec(),
        last_id.text(),
    ]
}

/// Claim a pending entry for `consumer` (XCLAIM and XAUTOCLAIM).
fn claim(
    g: &mut Group,
    id: Id,
    consumer: &[u8],
    delivered_ms: i64,
    count: Option<u64>,
    justid: bool,
) {
    if let Some(n) = g.pel.get_mut(&id) {
        n.delivered_ms = delivered_ms;
        match count {
            Some(c) => n.count = c,
            None if !justid => n.count += 1,
            None => {}
        }
    }
    g.give(id, consumer);
}

/// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]
pub fn xclaim(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, name, consumer) = (sess.db, arg(argv, 1), arg(argv, 2), arg(argv, 3));
    match read(eng, db, key) {
        Err(e) => return e,
        Ok(Some(s)) if s.group(name).is_some() => {}
        Ok(_) => return no_group(key, name),
    }
    let min_idle = match parse_i64(arg(argv, 4)) {
        Some(v) => v.max(0),
        None => return Reply::err("ERR Invalid min-idle-time argument for XCLAIM"),
    };
    let mut ids = Vec::new();
    let mut j = 5;
    while let Some(raw) = argv.get(j) {
        match parse_strict_id(raw) {
            Ok(id) => ids.push(id),
            Err(_) => break,
        }
        j += 1;
    }
    let now = eng.now_ms();
    let (mut force, mut justid) = (false, false);
    let mut delivery: Option<i64> = None;
    let mut retry: Option<i64> = None;
    let mut last_id = Id::MIN;
    while j < argv.len() {
        let more = argv.len() - 1 - j;
        let opt = arg(argv, j);
        let int = |raw: &[u8], what: &str| {
            parse_i64(raw)
                .ok_or_else(|| Reply::err(format!("ERR Invalid {what} option argument for XCLAIM")))
        };
        if eq_ignore_case(opt, "force") {
            force = true;
        } else if eq_ignore_case(opt, "justid") {
            justid = true;
        } else if eq_ignore_case(opt, "idle") && more > 0 {
            j += 1;
            match int(arg(argv, j), "IDLE") {
                Ok(v) => delivery = Some(now.wrapping_sub(v)),
                Err(e) => return e,
            }
        } else if eq_ignore_case(opt, "time") && more > 0 {
            j += 1;
            match int(arg(argv, j), "TIME") {
                Ok(v) => delivery = Some(v),
                Err(e) => return e,
            }
        } else if eq_ignore_case(opt, "retrycount") && more > 0 {
            j += 1;
            match int(arg(argv, j), "RETRYCOUNT") {
                Ok(v) => retry = Some(v),
                Err(e) => return e,
            }
        } else if eq_ignore_case(opt, "lastid") && more > 0 {
            j += 1;
            match parse_strict_id(arg(argv, j)) {
                Ok(id) => last_id = id,
                Err(e) => return e,
            }
        } else {
            return Reply::err(format!(
                "ERR Unrecognized XCLAIM option '{}'",
                clip(opt, usize::MAX)
            ));
        }
        j += 1;
    }
    let delivered = match delivery {
        Some(t) if t >= 0 && t <= now => t,
        _ => now,
    };
    // -1 (and any negative) means "not given", as in Redis.
    let retry = retry.and_then(|r| u64::try_from(r).ok());
    let mut out = Vec::new();
    let mut claimed = Vec::new();
    let mut made_consumer = false;
    // What the AOF gets instead of the command (Redis's XCLAIM prevents
    // its own propagation): one XCLAIM per claimed or dropped entry, and
    // the group's new last id when LASTID moved it and nothing else did.
    let logging = eng.propagating();
    let mut lines = Vec::new();
    {
        let Ok(Some(s)) = write(eng, db, key) else {
            return Reply::Array(Vec::new());
        };
        let present: Vec<bool> = ids.iter().map(|id| s.get(*id).is_some()).collect();
        let Some(g) = s.group_mut(name) else {
            return Reply::Array(Vec::new());
        };
        let mut log_last_id = false;
        if last_id > g.last_id {
            g.last_id = last_id;
            log_last_id = true;
        }
        for (&id, &exists) in ids.iter().zip(&present) {
            if !exists {
                // Gone from the stream: out of the pending list too.
                if let Some(n) = g.pel.get(&id).filter(|_| logging) {
                    lines.push(claim_line(key, name, g.last_id, id, n));
                    log_last_id = false;
                }
                g.ack(id);
                continue;
            }
            let mut fresh = false;
            if force && !g.pel.contains_key(&id) {
                g.pel.insert(
                    id,
                    Nack {
                        delivered_ms: now,
                        count: 1,
                        consumer: Bytes::new(),
                    },
                );
                fresh = true;
            }
            let Some(n) = g.pel.get(&id) else { continue };
            if !fresh && min_idle > 0 && now - n.delivered_ms < min_idle {
                continue;
            }
            if g.consumer(consumer).is_none() {
                made_consumer |= g.add_consumer(consumer, now);
            } else if let Some(c) = g.consumer_mut(consumer) {
                c.seen_ms = now;
            }
            claim(g, id, consumer, delivered, retry, justid);
            claimed.push(id);
            if let Some(n) = g.pel.get(&id).filter(|_| logging) {
                lines.push(claim_line(key, name, g.last_id, id, n));
            }
            // Its XCLAIM carries the last id.
            log_last_id = false;
        }
        if log_last_id && logging {
            lines.push(vec![
                b"XGROUP".to_vec(),
                b"SETID".to_vec(),
                key.to_vec(),
                name.to_vec(),
                g.last_id.text(),
                b"ENTRIESREAD".to_vec(),
                g.entries_read.to_string().into_bytes(),
            ]);
        }
        for &id in &claimed {
            out.push(match s.get(id) {
                Some(it) if !justid => entry_reply(it),
                _ => id_reply(id),
            });
        }
    }
    if made_consumer {
        eng.notify(db, key, "xgroup-createconsumer");
    }
    eng.dirty += 1;
    eng.prevent_propagation();
    for line in lines {
        eng.also_propagate(db, line);
    }
    if !claimed.is_empty() {
        group_changed(eng, db, key, name, "claimed", Some(consumer), &claimed);
    }
    Reply::Array(out)
}

/// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
pub fn xautoclaim(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (db, key, name, consumer) = (sess.db, arg(argv, 1), arg(argv, 2), arg(argv, 3));
    let min_idle = match parse_i64(arg(argv, 4)) {
        Some(v) => v.max(0),
        None => return Reply::err("ERR Invalid min-idle-time argument for XAUTOCLAIM"),
    };
    let start = match parse_bound(arg(argv, 5), true) {
        Ok(id) => id,
        Err(e) => return e,
    };
    let mut count: i64 = 100;
    let mut justid = false;
    let mut j = 6;
    while j < argv.len() {
        let more = argv.len() - 1 - j;
        let opt = arg(argv, j);
        if eq_ignore_case(opt, "count") && more > 0 {
            // LONG_MAX / max(sizeof(streamID), attempts factor 10).
            match parse_i64(arg(argv, j + 1)) {
                Some(c) if (1..=i64::MAX / 16).contains(&c) => count = c,
                _ => return Reply::err("ERR COUNT must be > 0"),
            }
            j += 1;
        } else if eq_ignore_case(opt, "justid") {
            justid = true;
        } else {
            return Reply::err(errors::SYNTAX);
        }
        j += 1;
    }
    match read(eng, db, key) {
        Err(e) => return e,
        Ok(Some(s)) if s.group(name).is_some() => {}
        Ok(_) => return no_group(key, name),
    }
    let now = eng.now_ms();
    let mut claimed = Vec::new();
    let mut deleted = Vec::new();
    let mut out = Vec::new();
    let mut made_consumer = false;
    let logging = eng.propagating();
    let mut lines = Vec::new();
    let next;
    {
        let Ok(Some(s)) = write(eng, db, key) else {
            return Reply::Array(Vec::new());
        };
        let candidates: Vec<(Id, bool)> = s
            .group(name)
            .map(|g| {
                g.pel
                    .range(start..)
                    .take(usize::try_from(count.saturating_mul(10)).unwrap_or(usize::MAX))
                    .map(|(id, _)| (*id, s.get(*id).is_some()))
                    .collect()
            })
            .unwrap_or_default();
        let Some(g) = s.group_mut(name) else {
            return Reply::Array(Vec::new());
        };
        let mut attempts = count.saturating_mul(10);
        let mut last_seen = None;
        for (id, exists) in candidates {
            if attempts == 0 || count == 0 {
                break;
            }
            attempts -= 1;
            last_seen = Some(id);
            if !exists {
                if let Some(n) = g.pel.get(&id).filter(|_| logging) {
                    lines.push(claim_line(key, name, g.last_id, id, n));
                }
                g.ack(id);
                deleted.push(id);
                count -= 1;
                continue;
            }
            let Some(n) = g.pel.get(&id) else { continue };
            if min_idle > 0 && now - n.delivered_ms < min_idle {
                continue;
            }
            if g.consumer(consumer).is_none() {
                made_consumer |= g.add_consumer(consumer, now);
            } else if let Some(c) = g.consumer_mut(consumer) {
                c.seen_ms = now;
            }
            claim(g, id, consumer, now, None, justid);
            claimed.push(id);
            if let Some(n) = g.pel.get(&id).filter(|_| logging) {
                lines.push(claim_line(key, name, g.last_id, id, n));
            }
            count -= 1;
        }
        let from = match last_seen {
            Some(id) => id.incr(),
            None => Some(start),
        };
        next = from
            .and_then(|f| g.pel.range(f..).next().map(|(id, _)| *id))
            .unwrap_or(Id::MIN);
        for &id in &claimed {
            out.push(match s.get(id) {
                Some(it) if !justid => entry_reply(it),
                _ => id_reply(id),
            });
        }
    }
    if made_consumer {
        eng.notify(db, key, "xgroup-createconsumer");
    }
    eng.dirty += (claimed.len() + deleted.len()) as u64;
    eng.prevent_propagation();
    for line in lines {
        eng.also_propagate(db, line);
    }
    if !claimed.is_empty() {
        group_changed(eng, db, key, name, "claimed", Some(consumer), &claimed);
    }
    Reply::Array(vec![
        id_reply(next),
        Reply::Array(out),
        Reply::Array(deleted.into_iter().map(id_reply).collect()),
    ])
}
