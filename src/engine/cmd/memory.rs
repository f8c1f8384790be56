//! MEMORY USAGE, in the rest of the engine; the model it reports from is
//! `engine/sizes.rs`.

use crate::engine::args::parse_i64;
use crate::engine::errors;
use crate::engine::sizes::{sds, value_size, DICT_ENTRY};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// MEMORY USAGE key [SAMPLES count]
pub fn memory_usage(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut samples = 5usize;
    let mut j = 3;
    while let Some(opt) = argv.get(j) {
        match argv.get(j + 1) {
            Some(v) if opt.eq_ignore_ascii_case(b"samples") => match parse_i64(v) {
                None => return Reply::err(errors::NOT_INTEGER),
                Some(n) if n < 0 => return Reply::err(errors::SYNTAX),
                Some(0) => samples = usize::MAX,
                Some(n) => samples = usize::try_from(n).unwrap_or(usize::MAX),
            },
            _ => return Reply::err(errors::SYNTAX),
        }
        j += 2;
    }
    let key = argv.get(2).map(|k| k.as_slice()).unwrap_or_default();
    match eng.lookup(sess.db, key) {
        None => Reply::Null,
        Some(v) => {
            let total = value_size(v, samples) + sds(key.len()) + DICT_ENTRY;
            Reply::Integer(i64::try_from(total).unwrap_or(i64::MAX))
        }
    }
}

/// Bytes of a main dict entry: Redis 7.0's keyspace entries carry 16
/// bytes of metadata (the cluster's slot links) whatever the mode.
const MAIN_ENTRY: usize = DICT_ENTRY + 16;

/// What MEMORY STATS and DOCTOR report from: the same model as
/// `used_memory` (INFO's), broken down as Redis's `getMemoryOverheadData`.
struct Overheads {
    total: u64,
    startup: u64,
    aof_buffer: u64,
    lua: u64,
    functions: u64,
    /// Per database with keys: its index, the main dict's and the expires
    /// dict's overhead.
    dbs: Vec<(usize, u64, u64)>,
    overhead: u64,
    keys: u64,
}

fn overheads(eng: &Engine) -> Overheads {
    let total = eng.used_memory();
    let startup = crate::engine::evict::STARTUP_BYTES;
    let aof_buffer = eng.prop.out.len() as u64;
    let lua: u64 = eng.scripting.scripts.values().map(|b| b.len() as u64).sum();
    let functions: u64 = eng
        .scripting
        .libraries
        .values()
        .map(|l| l.code.len() as u64)
        .sum();
    let dbs: Vec<(usize, u64, u64)> = eng
        .dbs
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_empty())
        .map(|(i, d)| {
            let main = d.len() * MAIN_ENTRY + 8 * d.buckets();
            let volatile = d.volatile_len();
            let expires = if volatile == 0 {
                0
            } else {
                volatile * DICT_ENTRY + 8 * crate::engine::sizes::dict_slots(volatile)
            };
            (i, main as u64, expires as u64)
        })
        .collect();
    let overhead =
        startup + aof_buffer + lua + functions + dbs.iter().map(|d| d.1 + d.2).sum::<u64>();
    let keys = eng.dbs.iter().map(|d| d.len() as u64).sum();
    Overheads {
        total,
        startup,
        aof_buffer,
        lua,
        functions,
        dbs,
        overhead: overhead.min(total),
        keys,
    }
}

/// The process's resident size: the engine's model of used memory plus
/// what a process has besides (the same figure as INFO's `used_memory_rss`).
fn rss(used: u64) -> u64 {
    used + 6 * 1024 * 1024
}

/// MEMORY STATS
///
/// Redis's fields in Redis's order, from this engine's memory model: no
/// replication, cluster or allocator of Redis's, so those are zeros or
/// the model's own figures (allocated = used; resident as INFO's rss).
pub fn memory_stats(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let o = overheads(eng);
    let int = |n: u64| Reply::Integer(i64::try_from(n).unwrap_or(i64::MAX));
    let pair = |k: &str, v: Reply| [Reply::bulk(k), v];
    let net = o.total.saturating_sub(o.startup);
    let dataset = o.total.saturating_sub(o.overhead);
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let resident = rss(o.total);
    let mut out: Vec<Reply> = Vec::new();
    for (k, v) in [
        ("peak.allocated", o.total),
        ("total.allocated", o.total),
        ("startup.allocated", o.startup),
        ("replication.backlog", 0),
        ("clients.slaves", 0),
        ("clients.normal", 0),
        ("cluster.links", 0),
        ("aof.buffer", o.aof_buffer),
        ("lua.caches", o.lua),
        ("functions.caches", o.functions),
    ] {
        out.extend(pair(k, int(v)));
    }
    for (db, main, expires) in &o.dbs {
        out.push(Reply::bulk(format!("db.{db}")));
        out.push(Reply::Map(vec![
            (Reply::bulk("overhead.hashtable.main"), int(*main)),
            (Reply::bulk("overhead.hashtable.expires"), int(*expires)),
            (Reply::bulk("overhead.hashtable.slot-to-keys"), int(0)),
        ]));
    }
    out.extend(pair("overhead.total", int(o.overhead)));
    out.extend(pair("keys.count", int(o.keys)));
    out.extend(pair(
        "keys.bytes-per-key",
        int(net.checked_div(o.keys).unwrap_or(0)),
    ));
    out.extend(pair("dataset.bytes", int(dataset)));
    out.extend(pair(
        "dataset.percentage",
        Reply::Double(100.0 * ratio(dataset, net)),
    ));
    out.extend(pair("peak.percentage", Reply::Double(100.0)));
    out.extend(pair("allocator.allocated", int(o.total)));
    out.extend(pair("allocator.active", int(o.total)));
    out.extend(pair("allocator.resident", int(resident)));
    out.extend(pair("allocator-fragmentation.ratio", Reply::Double(1.0)));
    out.extend(pair("allocator-fragmentation.bytes", int(0)));
    out.extend(pair(
        "allocator-rss.ratio",
        Reply::Double(ratio(resident, o.total)),
    ));
    out.extend(pair("allocator-rss.bytes", int(resident - o.total)));
    out.extend(pair("rss-overhead.ratio", Reply::Double(1.0)));
    out.extend(pair("rss-overhead.bytes", int(0)));
    out.extend(pair(
        "fragmentation",
        Reply::Double(ratio(resident, o.total)),
    ));
    out.extend(pair("fragmentation.bytes", int(resident - o.total)));
    Reply::Map(
        out.chunks_exact(2)
            .map(|kv| (kv[0].clone(), kv[1].clone()))
            .collect(),
    )
}

/// Below this much used memory the doctor has nothing to go on (Redis's
/// threshold too: a process's fixed costs outweigh the data).
const DOCTOR_MIN_BYTES: u64 = 5 * 1024 * 1024;

/// MEMORY DOCTOR
///
/// Redis's doctor looks for a high peak, fragmentation and big client
/// buffers; this engine has none of those to measure, so its doctor
/// looks at what it does model: how much of the memory is the data, and
/// how close it is to `maxmemory`. The words are this project's.
pub fn memory_doctor(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let o = overheads(eng);
    if o.total < DOCTOR_MIN_BYTES {
        return Reply::Bulk(
            b"This server holds too little data for the memory doctor to go on: under 5 MB, what any Redis process needs to run outweighs the data. Add some and ask again."
                .to_vec(),
        );
    }
    let mut findings = Vec::new();
    let limit = u64::try_from(eng.config.get_i64("maxmemory")).unwrap_or(0);
    if limit > 0 && o.total.saturating_mul(10) >= limit.saturating_mul(9) {
        findings.push(format!(
            "Memory used ({} bytes) is within 10% of maxmemory ({limit} bytes): under the '{}' policy, writes will {} soon.",
            o.total,
            eng.maxmemory_policy(),
            if eng.maxmemory_policy() == "noeviction" {
                "be refused with OOM"
            } else {
                "evict keys"
            }
        ));
    }
    let overhead = o.overhead.saturating_sub(o.startup);
    if o.keys > 0 && overhead * 2 > o.total.saturating_sub(o.startup) {
        findings.push(format!(
            "More than half of the memory the data takes is the keyspace's own bookkeeping ({overhead} bytes for {} keys): many small keys cost more than a few hashes holding the same fields.",
            o.keys
        ));
    }
    let text = if findings.is_empty() {
        "The memory doctor finds nothing wrong: the data takes most of the memory, and no limit is near.".to_string()
    } else {
        format!(
            "The memory doctor found:\n\n * {}",
            findings.join("\n\n * ")
        )
    };
    Reply::Bulk(text.into_bytes())
}

/// MEMORY MALLOC-STATS
///
/// The reply Redis gives when built without jemalloc: this server's
/// allocator keeps no such report.
pub fn memory_malloc_stats(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Bulk(b"Stats not supported for the current allocator".to_vec())
}

/// MEMORY PURGE
///
/// Nothing to give back: memory is returned as values go.
pub fn memory_purge(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::ok()
}

/// MEMORY HELP
pub fn memory_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("memory|help")
}

#[cfg(test)]
mod tests {
    use crate::engine::tests::{engine, run};
    use crate::reply::Reply;

    /// MEMORY STATS's field names, in the order redis-server 7.0.15 gives
    /// them with one key in db 0.
    const REDIS_FIELDS: [&str; 28] = [
        "peak.allocated",
        "total.allocated",
        "startup.allocated",
        "replication.backlog",
        "clients.slaves",
        "clients.normal",
        "cluster.links",
        "aof.buffer",
        "lua.caches",
        "functions.caches",
        "db.0",
        "overhead.total",
        "keys.count",
        "keys.bytes-per-key",
        "dataset.bytes",
        "dataset.percentage",
        "peak.percentage",
        "allocator.allocated",
        "allocator.active",
        "allocator.resident",
        "allocator-fragmentation.ratio",
        "allocator-fragmentation.bytes",
        "allocator-rss.ratio",
        "allocator-rss.bytes",
        "rss-overhead.ratio",
        "rss-overhead.bytes",
        "fragmentation",
        "fragmentation.bytes",
    ];

    #[test]
    fn stats_has_redis_fields_in_redis_order_and_counts_the_keyspace() {
        let (mut e, s) = engine();
        run(&mut e, s, "SET a b");
        let Reply::Map(pairs) = run(&mut e, s, "MEMORY STATS") else {
            panic!("a map")
        };
        let names: Vec<String> = pairs
            .iter()
            .map(|(k, _)| match k {
                Reply::Bulk(t) => String::from_utf8_lossy(t).into_owned(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(names, REDIS_FIELDS);
        let field = |name: &str| pairs.iter().find(|(k, _)| *k == Reply::bulk(name));
        // One key: 40 bytes of entry (metadata included) and 4 buckets,
        // as redis-server's 72.
        assert_eq!(
            field("db.0").map(|(_, v)| v.clone()),
            Some(Reply::Map(vec![
                (Reply::bulk("overhead.hashtable.main"), Reply::Integer(72)),
                (Reply::bulk("overhead.hashtable.expires"), Reply::Integer(0)),
                (
                    Reply::bulk("overhead.hashtable.slot-to-keys"),
                    Reply::Integer(0)
                ),
            ]))
        );
        assert_eq!(
            field("keys.count").map(|(_, v)| v.clone()),
            Some(Reply::Integer(1))
        );
    }

    #[test]
    fn the_doctor_speaks_of_a_limit_near() {
        let (mut e, s) = engine();
        let _ = e.config.set_startup("enable-debug-command", "yes");
        let Reply::Bulk(small) = run(&mut e, s, "MEMORY DOCTOR") else {
            panic!("a bulk")
        };
        assert!(small.starts_with(b"This server holds too little data"));
        run(&mut e, s, "DEBUG POPULATE 60000 key 64");
        let Reply::Bulk(fine) = run(&mut e, s, "MEMORY DOCTOR") else {
            panic!("a bulk")
        };
        assert!(fine.starts_with(b"The memory doctor finds nothing wrong"));
        let limit = e.used_memory() * 21 / 20;
        run(&mut e, s, &format!("CONFIG SET maxmemory {limit}"));
        let Reply::Bulk(near) = run(&mut e, s, "MEMORY DOCTOR") else {
            panic!("a bulk")
        };
        let near = String::from_utf8_lossy(&near);
        assert!(near.contains("within 10% of maxmemory"), "{near}");
        assert_eq!(run(&mut e, s, "MEMORY PURGE"), Reply::ok());
    }
}
