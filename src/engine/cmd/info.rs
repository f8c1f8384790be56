//! INFO: Redis's sections and field names, with real values where the
//! engine has them (keys, clients, counters, time, parameters) and fixed
//! plausible ones where it cannot (CPU, allocator).

use crate::engine::args::lower;
use crate::engine::cmd::connection::REDIS_VERSION;
use crate::engine::{Engine, Session, NUM_DBS};
use crate::reply::Reply;

// ----- INFO ------------------------------------------------------------------

/// Sections in the order Redis prints them, and whether a bare INFO
/// (`default`) includes each.
const SECTIONS: &[(&str, bool)] = &[
    ("server", true),
    ("clients", true),
    ("memory", true),
    ("persistence", true),
    ("stats", true),
    ("replication", true),
    ("cpu", true),
    ("modules", true),
    ("commandstats", false),
    ("errorstats", true),
    ("latencystats", false),
    ("cluster", true),
    ("keyspace", true),
];

/// INFO [section [section ...]]
///
/// Sections are named case-insensitively, in any order and any number;
/// they are printed in Redis's fixed order, unknown names are ignored
/// (INFO foo is an empty string, not an error). `all` adds the per-command
/// sections to `default`; `everything` is `all` plus module sections,
/// of which there are none. A verbatim string in RESP3.
pub fn info(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut wanted = vec![false; SECTIONS.len()];
    if argv.len() < 2 {
        for (w, (_, default)) in wanted.iter_mut().zip(SECTIONS) {
            *w = *default;
        }
    }
    for arg in argv.iter().skip(1) {
        let name = lower(arg);
        for (w, (section, default)) in wanted.iter_mut().zip(SECTIONS) {
            *w |= match name.as_str() {
                "default" => *default,
                "all" | "everything" => true,
                n => n == *section,
            };
        }
    }
    let mut parts = Vec::new();
    for (w, (section, _)) in wanted.iter().zip(SECTIONS) {
        if *w {
            parts.push(info_section(eng, section));
        }
    }
    Reply::Verbatim("txt".to_string(), parts.join("\r\n").into_bytes())
}

/// `bytesToHuman`: B under 1 KiB, then two decimals and K, M, G, T, P.
pub(crate) fn human_bytes(n: u64) -> String {
    let units = ['K', 'M', 'G', 'T', 'P'];
    if n < 1024 {
        return format!("{n}B");
    }
    let mut d = n as f64 / 1024.0;
    for u in units {
        if d < 1024.0 {
            return format!("{d:.2}{u}");
        }
        d /= 1024.0;
    }
    format!("{n}B")
}

fn hex_id(seed: i64, salt: u64) -> String {
    let mut x = (seed as u64) ^ salt;
    let mut out = String::with_capacity(40);
    while out.len() < 40 {
        // splitmix64
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        out.push_str(&format!("{z:016x}"));
    }
    out.truncate(40);
    out
}

/// One section: its `# Title` line, then `field:value` lines, CRLF-ended.
fn info_section(eng: &Engine, section: &str) -> String {
    let mut out = String::new();
    let title = match section {
        "server" => {
            let uptime = eng.uptime_ms().max(0) / 1000;
            let hz = eng.config.get_i64("hz").to_string();
            fill(
                &mut out,
                crate::engine::table::text("info:server"),
                &[
                    REDIS_VERSION.to_string(),
                    format!(
                        "Reddish {} {}",
                        std::env::consts::OS,
                        std::env::consts::ARCH
                    ),
                    usize::BITS.to_string(),
                    hex_id(eng.start_secs(), 0x0072_756e_6964),
                    eng.config.get_i64("port").to_string(),
                    eng.now_us().to_string(),
                    uptime.to_string(),
                    (uptime / 86400).to_string(),
                    hz.clone(),
                    hz,
                    ((eng.now_ms() / 1000) & ((1 << 24) - 1)).to_string(),
                ],
            );
            "Server"
        }
        "clients" => {
            fill(
                &mut out,
                crate::engine::table::text("info:clients"),
                &[
                    // The caller is out of the session map while its command runs.
                    (eng.sessions().count() + 1).to_string(),
                    eng.config.get_i64("maxclients").to_string(),
                    eng.blocked_count().to_string(),
                    eng.tracker
                        .as_ref()
                        .map_or(0, |t| t.totals()[3])
                        .to_string(),
                    eng.timed_block_count().to_string(),
                ],
            );
            "Clients"
        }
        "memory" => {
            let used = eng.used_memory();
            let maxmemory = u64::try_from(eng.config.get_i64("maxmemory")).unwrap_or(0);
            let startup = crate::engine::evict::STARTUP_BYTES;
            let rss = used + 6 * 1024 * 1024;
            let dataset_perc = if used > startup { 100.0 } else { 0.0 };
            fill(
                &mut out,
                crate::engine::table::text("info:memory"),
                &[
                    used.to_string(),
                    human_bytes(used),
                    rss.to_string(),
                    human_bytes(rss),
                    used.to_string(),
                    human_bytes(used),
                    startup.to_string(),
                    startup.to_string(),
                    (used - startup).to_string(),
                    format!("{dataset_perc:.2}%"),
                    used.to_string(),
                    used.to_string(),
                    rss.to_string(),
                    eng.scripting.scripts.len().to_string(),
                    eng.scripting.functions.len().to_string(),
                    eng.scripting.libraries.len().to_string(),
                    maxmemory.to_string(),
                    human_bytes(maxmemory),
                    eng.config.get_str("maxmemory-policy").unwrap_or_default(),
                ],
            );
            "Memory"
        }
        "persistence" => {
            let aof = if eng.config.get_bool("appendonly") {
                "1"
            } else {
                "0"
            };
            fill(
                &mut out,
                crate::engine::table::text("info:persistence"),
                &[
                    eng.unsaved_changes().to_string(),
                    eng.last_save_secs().to_string(),
                    if eng.persist.last_failed { "err" } else { "ok" }.to_string(),
                    eng.persist.saves.to_string(),
                    eng.persist.expired_on_load.to_string(),
                    eng.persist.loaded_keys.to_string(),
                    aof.to_string(),
                    eng.persist.aof_rewrites.to_string(),
                    if eng.persist.aof_error.is_some() {
                        "err"
                    } else {
                        "ok"
                    }
                    .to_string(),
                ],
            );
            "Persistence"
        }
        "stats" => {
            let tracked = eng.tracker.as_ref().map_or([0; 4], |t| t.totals());
            use crate::engine::pubsub::Kind;
            let s = &eng.stats;
            fill(
                &mut out,
                crate::engine::table::text("info:stats"),
                &[
                    s.connections_received.to_string(),
                    s.commands_processed.to_string(),
                    s.rejected_connections.to_string(),
                    s.expired_keys.to_string(),
                    s.evicted_keys.to_string(),
                    s.keyspace_hits.to_string(),
                    s.keyspace_misses.to_string(),
                    eng.registry.count(Kind::Channel).to_string(),
                    eng.registry.count(Kind::Pattern).to_string(),
                    eng.registry.count(Kind::Shard).to_string(),
                    tracked[0].to_string(),
                    tracked[1].to_string(),
                    tracked[2].to_string(),
                    s.error_replies.to_string(),
                    s.commands_processed.to_string(),
                    s.commands_processed.to_string(),
                ],
            );
            "Stats"
        }
        "replication" => {
            fill(
                &mut out,
                crate::engine::table::text("info:replication"),
                &[
                    hex_id(eng.start_secs(), 0x7265_706c_6964),
                    eng.config.get_i64("repl-backlog-size").to_string(),
                ],
            );
            "Replication"
        }
        "cpu" => {
            out.push_str(CPU);
            "CPU"
        }
        "modules" => "Modules",
        "commandstats" => {
            // `per_command` holds (calls, microseconds); the engine does
            // not time commands, so the time is whatever was recorded.
            for (name, s) in &eng.stats.per_command {
                let per = if s.calls > 0 {
                    s.usec as f64 / s.calls as f64
                } else {
                    0.0
                };
                put(
                    &mut out,
                    &format!("cmdstat_{name}"),
                    &format!(
                        "calls={},usec={},usec_per_call={per:.2},rejected_calls={},failed_calls={}",
                        s.calls, s.usec, s.rejected, s.failed
                    ),
                );
            }
            "Commandstats"
        }
        "errorstats" => {
            // Kept in byte order, as Redis lists them.
            for (kind, n) in &eng.stats.errors {
                put(
                    &mut out,
                    &format!("errorstat_{kind}"),
                    &format!("count={n}"),
                );
            }
            "Errorstats"
        }
        "latencystats" => {
            for (name, s) in &eng.stats.per_command {
                let calls = &s.calls;
                if *calls > 0 {
                    put(
                        &mut out,
                        &format!("latency_percentiles_usec_{name}"),
                        "p50=1.003,p99=1.003,p99.9=1.003",
                    );
                }
            }
            "Latencystats"
        }
        "cluster" => {
            put(&mut out, "cluster_enabled", "0");
            "Cluster"
        }
        "keyspace" => {
            let now = eng.now_ms();
            for i in 0..NUM_DBS {
                let Some(db) = eng.db(i) else { continue };
                if db.is_empty() {
                    continue;
                }
                let expires = db.volatile_len();
                // Redis estimates this from samples; the exact mean of the
                // remaining times to live, in milliseconds, is a fair stand-in.
                let avg_ttl = if expires == 0 {
                    0
                } else {
                    let (sum, n) = db
                        .iter()
                        .filter_map(|(k, e)| db.deadline(k, e))
                        .fold((0i128, 0i128), |(s, n), t| {
                            (s + i128::from((t - now).max(0)), n + 1)
                        });
                    if n == 0 {
                        0
                    } else {
                        (sum / n) as i64
                    }
                };
                put(
                    &mut out,
                    &format!("db{i}"),
                    &format!("keys={},expires={expires},avg_ttl={avg_ttl}", db.len()),
                );
            }
            "Keyspace"
        }
        _ => return String::new(),
    };
    format!("# {title}\r\n{out}")
}

/// One `name:value` line of INFO. Not inlined: INFO has some two hundred
/// fields, and one call each keeps the page's wasm small.
#[inline(never)]
fn put(out: &mut String, k: &str, v: &str) {
    out.push_str(k);
    out.push(':');
    out.push_str(v);
    out.push_str("\r\n");
}

/// Append a section's `field:value` lines from `template`, where each `$`
/// value is the next of `values`, in order. One template per section
/// keeps INFO's many constant fields as text rather than code (the page
/// downloads every line of code).
fn fill(out: &mut String, template: &str, values: &[String]) {
    let mut next = values.iter();
    for line in template.lines() {
        match line.strip_suffix(":$") {
            Some(key) => put(out, key, next.next().map_or("", String::as_str)),
            None => {
                out.push_str(line);
                out.push_str("\r\n");
            }
        }
    }
}

const CPU: &str = "used_cpu_sys:0.000000\r
used_cpu_user:0.000000\r
used_cpu_sys_children:0.000000\r
used_cpu_user_children:0.000000\r
used_cpu_sys_main_thread:0.000000\r
used_cpu_user_main_thread:0.000000\r
";
