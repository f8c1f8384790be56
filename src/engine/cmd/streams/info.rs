//! XINFO: a stream's layout and counters, its groups and their consumers.

use super::store::{Group, Id, Stream};
use super::{entry_reply, id_reply, read};
use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::cmd::sub_syntax;
use crate::engine::cmd::{arg, count_reply};
use crate::engine::errors::{self, clip};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

fn field(name: &str, v: Reply) -> (Reply, Reply) {
    (Reply::Bulk(name.as_bytes().to_vec()), v)
}

fn entries_read(g: &Group) -> Reply {
    if g.entries_read == -1 {
        Reply::Null
    } else {
        Reply::Integer(g.entries_read)
    }
}

fn lag(s: &Stream, g: &Group) -> Reply {
    s.lag(g).map_or(Reply::Null, Reply::Integer)
}

/// The stream at `key` for XINFO: a missing key is an error here.
fn stream<'a>(eng: &'a mut Engine, sess: &Session, key: &[u8]) -> Result<&'a Stream, Reply> {
    read(eng, sess.db, key)?.ok_or_else(|| Reply::err(errors::NO_SUCH_KEY))
}

/// XINFO STREAM key [FULL [COUNT count]]
pub fn xinfo_stream(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let s = match stream(eng, sess, arg(argv, 2)) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let opts = argv.get(3..).unwrap_or_default();
    let mut full = false;
    let mut count = 10usize;
    if !opts.is_empty() {
        if opts.len() != 1 && opts.len() != 3 {
            return sub_syntax(argv);
        }
        if !eq_ignore_case(arg(opts, 0), "full") {
            return sub_syntax(argv);
        }
        full = true;
        if opts.len() == 3 {
            if !eq_ignore_case(arg(opts, 1), "count") {
                return sub_syntax(argv);
            }
            match parse_i64(arg(opts, 2)) {
                None => return Reply::err(errors::NOT_INTEGER),
                Some(n) if n < 0 => count = 10,
                Some(n) => count = usize::try_from(n).unwrap_or(usize::MAX),
            }
        }
    }
    let (keys, nodes) = s.tree();
    let mut out = vec![
        field("length", Reply::Integer(s.length as i64)),
        field("radix-tree-keys", count_reply(keys)),
        field("radix-tree-nodes", count_reply(nodes)),
        field("last-generated-id", id_reply(s.last_id)),
        field("max-deleted-entry-id", id_reply(s.max_deleted)),
        field("entries-added", Reply::Integer(s.entries_added as i64)),
        field("recorded-first-entry-id", id_reply(s.first_id)),
    ];
    if !full {
        let edge = |rev| {
            s.range(Id::MIN, Id::MAX, rev, 1)
                .first()
                .map_or(Reply::Null, |it| entry_reply(it))
        };
        out.push(field("groups", count_reply(s.groups.len())));
        out.push(field("first-entry", edge(false)));
        out.push(field("last-entry", edge(true)));
        return Reply::Map(out);
    }
    let limit = if count == 0 { usize::MAX } else { count };
    out.push(field(
        "entries",
        Reply::Array(
            s.range(Id::MIN, Id::MAX, false, count)
                .into_iter()
                .map(entry_reply)
                .collect(),
        ),
    ));
    let groups = s
        .groups
        .iter()
        .map(|g| {
            let pending = g
                .pel
                .iter()
                .take(limit)
                .map(|(id, n)| {
                    Reply::Array(vec![
                        id_reply(*id),
                        Reply::Bulk(n.consumer.to_vec()),
                        Reply::Integer(n.delivered_ms),
                        Reply::Integer(n.count as i64),
                    ])
                })
                .collect();
            let consumers = g
                .consumers
                .iter()
                .map(|c| {
                    let pending = c
                        .pel
                        .iter()
                        .take(limit)
                        .map(|id| {
                            let n = g.pel.get(id);
                            Reply::Array(vec![
                                id_reply(*id),
                                Reply::Integer(n.map_or(0, |n| n.delivered_ms)),
                                Reply::Integer(n.map_or(0, |n| n.count as i64)),
                            ])
                        })
                        .collect();
                    Reply::Map(vec![
                        field("name", Reply::Bulk(c.name.to_vec())),
                        field("seen-time", Reply::Integer(c.seen_ms)),
                        field("pel-count", count_reply(c.pel.len())),
                        field("pending", Reply::Array(pending)),
                    ])
                })
                .collect();
            Reply::Map(vec![
                field("name", Reply::Bulk(g.name.to_vec())),
                field("last-delivered-id", id_reply(g.last_id)),
                field("entries-read", entries_read(g)),
                field("lag", lag(s, g)),
                field("pel-count", count_reply(g.pel.len())),
                field("pending", Reply::Array(pending)),
                field("consumers", Reply::Array(consumers)),
            ])
        })
        .collect();
    out.push(field("groups", Reply::Array(groups)));
    Reply::Map(out)
}

/// XINFO GROUPS key
pub fn xinfo_groups(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let s = match stream(eng, sess, arg(argv, 2)) {
        Ok(s) => s,
        Err(e) => return e,
    };
    Reply::Array(
        s.groups
            .iter()
            .map(|g| {
                Reply::Map(vec![
                    field("name", Reply::Bulk(g.name.to_vec())),
                    field("consumers", count_reply(g.consumers.len())),
                    field("pending", count_reply(g.pel.len())),
                    field("last-delivered-id", id_reply(g.last_id)),
                    field("entries-read", entries_read(g)),
                    field("lag", lag(s, g)),
                ])
            })
            .collect(),
    )
}

/// XINFO CONSUMERS key group
pub fn xinfo_consumers(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (key, name) = (arg(argv, 2), arg(argv, 3));
    let now = eng.now_ms();
    let s = match stream(eng, sess, key) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let Some(g) = s.group(name) else {
        return Reply::err(format!(
            "NOGROUP No such consumer group '{}' for key name '{}'",
            clip(name, usize::MAX),
            clip(key, usize::MAX)
        ));
    };
    Reply::Array(
        g.consumers
            .iter()
            .map(|c| {
                Reply::Map(vec![
                    field("name", Reply::Bulk(c.name.to_vec())),
                    field("pending", count_reply(c.pel.len())),
                    field("idle", Reply::Integer((now - c.seen_ms).max(0))),
                ])
            })
            .collect(),
    )
}

/// XINFO HELP
pub fn xinfo_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("xinfo|help")
}
