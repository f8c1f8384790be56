//! The pubsub group: SUBSCRIBE and its kin, PUBLISH, PUBSUB, and the
//! keyspace notifications that ride on them.
//!
//! A subscription command answers with one confirmation per channel.
//! The engine returns one reply per command, so all confirmations but the
//! last go to the client's outbox and the last is the reply; hosts write
//! the outbox first (see `engine/pubsub.rs`), so the client reads them in
//! order, as from Redis. Confirmations and messages are push frames: a
//! RESP3 client sees `>`, a RESP2 one the arrays Redis sends.

use crate::engine::args::eq_ignore_case;
use crate::engine::cmd::arg;
use crate::engine::config::{
    NOTIFY_EVICTED, NOTIFY_EXPIRED, NOTIFY_GENERIC, NOTIFY_HASH, NOTIFY_KEYEVENT, NOTIFY_KEYSPACE,
    NOTIFY_LIST, NOTIFY_SET, NOTIFY_STRING, NOTIFY_ZSET,
};
use crate::engine::pubsub::{Frame, Kind, SharedFrame};
use crate::engine::{glob, Engine, Event, Session, SessionId};
use crate::reply::Reply;

/// What a RESP2 client in subscribed mode may still run.
pub fn allowed_when_subscribed(name: &str) -> bool {
    matches!(
        name,
        "subscribe"
            | "psubscribe"
            | "ssubscribe"
            | "unsubscribe"
            | "punsubscribe"
            | "sunsubscribe"
            | "ping"
            | "quit"
            | "reset"
    )
}

fn confirmation(kind: Kind, subscribe: bool, name: Option<&[u8]>, count: usize) -> Reply {
    Reply::Push(vec![
        Reply::bulk(kind.verb(subscribe)),
        name.map_or(Reply::Null, Reply::bulk),
        Reply::Integer(count as i64),
    ])
}

/// Send every confirmation but the last to the outbox; the last is the reply.
fn answer(eng: &mut Engine, id: SessionId, mut frames: Vec<Reply>) -> Reply {
    let last = frames.pop().unwrap_or(Reply::Null);
    for f in frames {
        eng.push_to(id, f);
    }
    last
}

fn subscribe_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], kind: Kind) -> Reply {
    let mut frames = Vec::with_capacity(argv.len().saturating_sub(1));
    for name in argv.iter().skip(1) {
        if sess.subs.of_mut(kind).insert(name.clone()) {
            eng.registry.add(kind, name, sess.id);
            eng.events.push(Event::Subscribed {
                session: sess.id,
                kind: kind.name(),
                name: name.clone(),
            });
        }
        frames.push(confirmation(kind, true, Some(name), sess.subs.count(kind)));
    }
    answer(eng, sess.id, frames)
}

fn unsubscribe_generic(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    kind: Kind,
) -> Reply {
    let names: Vec<Vec<u8>> = if argv.len() > 1 {
        argv.iter().skip(1).cloned().collect()
    } else {
        sess.subs.of(kind).iter().cloned().collect()
    };
    if names.is_empty() {
        return confirmation(kind, false, None, sess.subs.count(kind));
    }
    let mut frames = Vec::with_capacity(names.len());
    for name in names {
        eng.unsubscribe_one(sess, kind, &name);
        frames.push(confirmation(
            kind,
            false,
            Some(&name),
            sess.subs.count(kind),
        ));
    }
    answer(eng, sess.id, frames)
}

/// SUBSCRIBE channel [channel ...]
pub fn subscribe(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    subscribe_generic(eng, sess, argv, Kind::Channel)
}

/// PSUBSCRIBE pattern [pattern ...]
pub fn psubscribe(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    subscribe_generic(eng, sess, argv, Kind::Pattern)
}

/// SSUBSCRIBE shardchannel [shardchannel ...]
pub fn ssubscribe(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    subscribe_generic(eng, sess, argv, Kind::Shard)
}

/// UNSUBSCRIBE [channel [channel ...]]
pub fn unsubscribe(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    unsubscribe_generic(eng, sess, argv, Kind::Channel)
}

/// PUNSUBSCRIBE [pattern [pattern ...]]
pub fn punsubscribe(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    unsubscribe_generic(eng, sess, argv, Kind::Pattern)
}

/// SUNSUBSCRIBE [shardchannel [shardchannel ...]]
pub fn sunsubscribe(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    unsubscribe_generic(eng, sess, argv, Kind::Shard)
}

/// PUBLISH channel message
pub fn publish(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let n = eng.publish(sess.id, arg(argv, 1), arg(argv, 2), false);
    Reply::Integer(n as i64)
}

/// SPUBLISH shardchannel message
pub fn spublish(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let n = eng.publish(sess.id, arg(argv, 1), arg(argv, 2), true);
    Reply::Integer(n as i64)
}

fn names_matching(eng: &Engine, kind: Kind, argv: &[Vec<u8>]) -> Reply {
    let pattern = argv.get(2);
    Reply::bulks(
        eng.registry
            .names(kind)
            .into_iter()
            .filter(|n| pattern.is_none_or(|p| glob::matches(p, n, false)))
            .map(<[u8]>::to_vec),
    )
}

fn numsub(eng: &Engine, kind: Kind, argv: &[Vec<u8>]) -> Reply {
    let mut out = Vec::new();
    for ch in argv.iter().skip(2) {
        out.push(Reply::Bulk(ch.clone()));
        out.push(Reply::Integer(
            eng.registry.subscribers(kind, ch).len() as i64
        ));
    }
    Reply::Array(out)
}

/// PUBSUB CHANNELS [pattern]
pub fn pubsub_channels(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    names_matching(eng, Kind::Channel, argv)
}

/// PUBSUB SHARDCHANNELS [pattern]
pub fn pubsub_shardchannels(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    names_matching(eng, Kind::Shard, argv)
}

/// PUBSUB NUMSUB [channel [channel ...]]
pub fn pubsub_numsub(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    numsub(eng, Kind::Channel, argv)
}

/// PUBSUB SHARDNUMSUB [shardchannel [shardchannel ...]]
pub fn pubsub_shardnumsub(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    numsub(eng, Kind::Shard, argv)
}

/// PUBSUB NUMPAT
pub fn pubsub_numpat(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(eng.registry.count(Kind::Pattern) as i64)
}

/// PUBSUB HELP
pub fn pubsub_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("pubsub|help")
}

/// The pubsub class's hard limit from `client-output-buffer-limit`
/// (`pubsub <hard> <soft> <seconds>`), in bytes; 0 means none.
fn pubsub_hard_limit(eng: &Engine) -> usize {
    let text = eng
        .config
        .get_str("client-output-buffer-limit")
        .unwrap_or_default();
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .iter()
        .position(|w| eq_ignore_case(w.as_bytes(), "pubsub"))
        .and_then(|i| words.get(i + 1))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(32 << 20)
}

/// The class a keyspace event belongs to (`notify.c`'s flags as each
/// command passes them).
fn event_class(event: &str) -> u32 {
    match event {
        "set" | "setrange" | "incrby" | "incrbyfloat" | "append" | "setbit" | "pfadd" => {
            NOTIFY_STRING
        }
        "lpush" | "rpush" | "lpop" | "rpop" | "linsert" | "lset" | "lrem" | "ltrim"
        | "sortstore" => NOTIFY_LIST,
        "sadd" | "srem" | "spop" | "sinterstore" | "sunionstore" | "sdiffstore" => NOTIFY_SET,
        "hset" | "hdel" | "hincrby" | "hincrbyfloat" => NOTIFY_HASH,
        "zadd" | "zincr" | "zrem" | "zremrangebyscore" | "zremrangebyrank" | "zremrangebylex"
        | "zpopmin" | "zpopmax" | "zinterstore" | "zunionstore" | "zdiffstore" | "zrangestore"
        | "georadiusstore" | "geosearchstore" => NOTIFY_ZSET,
        "expired" => NOTIFY_EXPIRED,
        "evicted" => NOTIFY_EVICTED,
        "new" => crate::engine::config::NOTIFY_NEW,
        "keymiss" => crate::engine::config::NOTIFY_KEY_MISS,
        "xadd"
        | "xtrim"
        | "xdel"
        | "xsetid"
        | "xgroup-create"
        | "xgroup-createconsumer"
        | "xgroup-delconsumer"
        | "xgroup-destroy"
        | "xgroup-setid" => crate::engine::config::NOTIFY_STREAM,
        _ => NOTIFY_GENERIC,
    }
}

impl Engine {
    /// Queue a frame for a client; one that goes past its limit is
    /// disconnected once the running command is done.
    pub(crate) fn push_to(&mut self, id: SessionId, frame: Reply) {
        let limit = pubsub_hard_limit(self);
        self.queue(id, Frame::Own(frame), limit);
    }

    /// Put a frame in a client's outbox; false when it was not kept (the
    /// client is already doomed, or this frame took it past `limit`).
    fn queue(&mut self, id: SessionId, frame: Frame, limit: usize) -> bool {
        if self.doomed.contains(&id) {
            return false;
        }
        if self.outboxes.push_frame(id, frame, limit) {
            return true;
        }
        self.doomed.insert(id);
        self.outboxes.take(id);
        self.events.push(Event::OutputLimit { session: id });
        false
    }

    pub(crate) fn unsubscribe_one(&mut self, sess: &mut Session, kind: Kind, name: &[u8]) {
        if sess.subs.of_mut(kind).shift_remove(name) {
            self.registry.remove(kind, name, sess.id);
            self.events.push(Event::Unsubscribed {
                session: sess.id,
                kind: kind.name(),
                name: name.to_vec(),
            });
        }
    }

    /// Deliver `message` to every subscriber of `channel` (and of a
    /// matching pattern, unless `shard`); the number of deliveries.
    pub(crate) fn publish(
        &mut self,
        from: SessionId,
        channel: &[u8],
        message: &[u8],
        shard: bool,
    ) -> usize {
        let limit = pubsub_hard_limit(self);
        let kind = if shard { Kind::Shard } else { Kind::Channel };
        let message_id = self.next_message;
        self.next_message += 1;
        let direct = self.registry.subscribers(kind, channel);
        let by_pattern = if shard {
            Vec::new()
        } else {
            self.registry.pattern_matches(channel)
        };
        let n = direct.len() + by_pattern.len();
        if self.events.enabled() {
            self.events.push(Event::Published {
                message: message_id,
                session: from,
                channel: channel.to_vec(),
                payload: message.to_vec(),
                shard,
                receivers: n,
            });
        }
        if !direct.is_empty() {
            // One message for every direct subscriber (see SharedFrame).
            let verb = if shard { "smessage" } else { "message" };
            let frame = SharedFrame::new(Reply::Push(vec![
                Reply::bulk(verb),
                Reply::bulk(channel),
                Reply::bulk(message),
            ]));
            for id in direct {
                let frame = Frame::Shared(frame.clone());
                self.deliver(message_id, id, frame, channel, None, limit);
            }
        }
        for (pattern, id) in by_pattern {
            let frame = Frame::Own(Reply::Push(vec![
                Reply::bulk("pmessage"),
                Reply::bulk(pattern.as_slice()),
                Reply::bulk(channel),
                Reply::bulk(message),
            ]));
            self.deliver(message_id, id, frame, channel, Some(pattern), limit);
        }
        n
    }

    fn deliver(
        &mut self,
        message: u64,
        id: SessionId,
        frame: Frame,
        channel: &[u8],
        pattern: Option<Vec<u8>>,
        limit: usize,
    ) {
        if self.queue(id, frame, limit) && self.events.enabled() {
            self.events.push(Event::Delivered {
                message,
                session: id,
                channel: channel.to_vec(),
                pattern,
            });
        }
    }

    /// Publish a keyspace event on `__keyspace@<db>__:<key>` and/or
    /// `__keyevent@<db>__:<event>`, as `notify-keyspace-events` asks.
    pub(crate) fn keyspace_notification(
        &mut self,
        classes: u32,
        db: usize,
        key: &[u8],
        event: &str,
    ) {
        if classes & event_class(event) == 0 {
            return;
        }
        if classes & NOTIFY_KEYSPACE != 0 {
            let mut ch = format!("__keyspace@{db}__:").into_bytes();
            ch.extend_from_slice(key);
            self.publish(0, &ch, event.as_bytes(), false);
        }
        if classes & NOTIFY_KEYEVENT != 0 {
            let ch = format!("__keyevent@{db}__:{event}").into_bytes();
            self.publish(0, &ch, key, false);
        }
    }

    /// Drop everything a client holds besides its connection: queued
    /// transaction, watched keys, subscriptions (RESET, disconnect).
    pub(crate) fn forget_client_state(&mut self, sess: &mut Session) {
        if sess.multi.take().is_some() {
            self.events.push(Event::Discarded { session: sess.id });
        }
        self.unwatch_all(sess);
        for kind in [Kind::Channel, Kind::Pattern, Kind::Shard] {
            let names: Vec<Vec<u8>> = sess.subs.of(kind).iter().cloned().collect();
            for name in names {
                self.unsubscribe_one(sess, kind, &name);
            }
        }
    }
}
