//! Server commands: the keyspace as a whole (DBSIZE, FLUSHDB, SWAPDB),
//! the clock (TIME, LASTSAVE), introspection (INFO, COMMAND) and the
//! parameters (CONFIG).
//!
//! COMMAND and COMMAND DOCS read the command table, the one source of
//! truth for names, arities, flags and docs: what they report is what the
//! dispatcher enforces. INFO prints Redis's sections and field names, with
//! real values where the engine has them (keys, clients, counters, time,
//! parameters) and fixed plausible ones where it cannot (CPU, allocator).

use crate::engine::args::{eq_ignore_case, lower, parse_i64};
use crate::engine::cmd::connection::REDIS_VERSION;
use crate::engine::errors;
use crate::engine::glob;
use crate::engine::table::{self, Command};
use crate::engine::value::Value;
use crate::engine::{Engine, Session, Stats, NUM_DBS};
use crate::reply::Reply;

// ----- keyspace --------------------------------------------------------------

/// DBSIZE
pub fn dbsize(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(eng.db(sess.db).map_or(0, |d| d.len()) as i64)
}

/// ASYNC and SYNC only change how Redis frees memory; both empty the data
/// before replying, so both are accepted and behave alike here.
fn flush_mode_ok(argv: &[Vec<u8>]) -> bool {
    match argv.len() {
        1 => true,
        2 => argv
            .get(1)
            .is_some_and(|a| eq_ignore_case(a, "async") || eq_ignore_case(a, "sync")),
        _ => false,
    }
}

/// FLUSHDB [ASYNC | SYNC]
pub fn flushdb(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if !flush_mode_ok(argv) {
        return Reply::err(errors::SYNTAX);
    }
    eng.flush_db(sess.db);
    Reply::ok()
}

/// FLUSHALL [ASYNC | SYNC]
pub fn flushall(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if !flush_mode_ok(argv) {
        return Reply::err(errors::SYNTAX);
    }
    eng.flush_all();
    Reply::ok()
}

/// SWAPDB index1 index2
///
/// Each index is read as a C int with its own error text; only then is
/// the range checked, with one shared text for either index.
pub fn swapdb(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let int = |i: usize| {
        argv.get(i)
            .and_then(|a| parse_i64(a))
            .and_then(|v| i32::try_from(v).ok())
    };
    let Some(a) = int(1) else {
        return Reply::err("ERR invalid first DB index");
    };
    let Some(b) = int(2) else {
        return Reply::err("ERR invalid second DB index");
    };
    match (usize::try_from(a), usize::try_from(b)) {
        (Ok(a), Ok(b)) if a < NUM_DBS && b < NUM_DBS => {
            eng.swap_dbs(a, b);
            Reply::ok()
        }
        _ => Reply::err(errors::DB_INDEX_OUT_OF_RANGE),
    }
}

// ----- time ------------------------------------------------------------------

/// TIME
///
/// The engine's clock (which the UI can fast-forward), as Redis shows it:
/// seconds and microseconds, both as bulk strings.
pub fn time(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let us = eng.now_us();
    Reply::bulks([
        us.div_euclid(1_000_000).to_string(),
        us.rem_euclid(1_000_000).to_string(),
    ])
}

/// LASTSAVE
///
/// Nothing is ever saved, so this is the start time, which is what a
/// fresh Redis without a dump file reports too.
pub fn lastsave(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(eng.start_secs())
}

/// SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]
///
/// Only a host that can stop (the native server, `Engine::allow_shutdown`)
/// stops; others answer as a Redis whose shutdown failed. Saving is not
/// there yet, so a shutdown that would save (SAVE, or save points set
/// with CONFIG SET save and no NOSAVE) fails the same way unless FORCE.
pub fn shutdown(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    use crate::engine::args::eq_ignore_case;
    let (mut nosave, mut save, mut now, mut force, mut abort) = (false, false, false, false, false);
    for a in argv.iter().skip(1) {
        let flag = match () {
            _ if eq_ignore_case(a, "nosave") => &mut nosave,
            _ if eq_ignore_case(a, "save") => &mut save,
            _ if eq_ignore_case(a, "now") => &mut now,
            _ if eq_ignore_case(a, "force") => &mut force,
            _ if eq_ignore_case(a, "abort") => &mut abort,
            _ => return Reply::err(errors::SYNTAX),
        };
        *flag = true;
    }
    if (abort && (nosave || save || now || force)) || (nosave && save) {
        return Reply::err(errors::SYNTAX);
    }
    if abort {
        return Reply::err("ERR No shutdown in progress.");
    }
    if !now && eng.deny_blocking {
        return Reply::err(
            "ERR SHUTDOWN without NOW or ABORT isn't allowed for DENY BLOCKING client",
        );
    }
    // A script runs long and this client was served meanwhile: only
    // SHUTDOWN NOSAVE may stop the server then.
    if !nosave {
        if let Some(busy) = eng.busy_refusal() {
            return busy;
        }
    }
    let save_points = eng.config.get_str("save").unwrap_or_default();
    let would_save = save || (!nosave && !save_points.trim().is_empty());
    if !eng.can_shutdown || (would_save && !force) {
        return Reply::err("ERR Errors trying to SHUTDOWN. Check logs.");
    }
    eng.shutdown_requested = true;
    // Redis exits without a reply: the host closes every connection.
    Reply::ok()
}

impl Engine {
    /// The native server can stop: SHUTDOWN then asks it to
    /// (`shutdown_requested`).
    pub fn allow_shutdown(&mut self) {
        self.can_shutdown = true;
    }

    /// A SHUTDOWN succeeded: the host closes every connection and stops.
    pub fn shutdown_requested(&self) -> bool {
        self.shutdown_requested
    }

    fn start_secs(&self) -> i64 {
        (self.now_ms() - self.uptime_ms()).div_euclid(1000)
    }
}

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
fn human_bytes(n: u64) -> String {
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

/// A rough count of the bytes the dataset would take in Redis: a fixed
/// start-up footprint plus, per key, its name, its value and the
/// dictionary entry and object headers around them.
fn used_memory(eng: &Engine) -> u64 {
    const STARTUP: u64 = 876_048;
    const PER_KEY: u64 = 72;
    let mut total = STARTUP;
    for i in 0..NUM_DBS {
        let Some(db) = eng.db(i) else { continue };
        for (k, e) in db.iter() {
            #[allow(unreachable_patterns)]
            let value = match &e.value {
                Value::Str(s) => s.bytes.len() as u64,
                // A quicklist node per 8 KB of elements, each element with
                // a few bytes of listpack header.
                Value::List(l) => 40 + l.iter().map(|e| e.len() as u64 + 2).sum::<u64>(),
                Value::ZSet(z) => {
                    let per = if z.listpack() { 12 } else { 64 };
                    32 + z.iter().map(|(_, m)| m.len() as u64 + per).sum::<u64>()
                }
                Value::Set(st) => {
                    let per = if st.intset() { 8 } else { 40 };
                    32 + st
                        .items
                        .iter()
                        .map(|m| {
                            if st.intset() {
                                per
                            } else {
                                m.len() as u64 + per
                            }
                        })
                        .sum::<u64>()
                }
                Value::Hash(h) => {
                    let per = if h.listpack() { 4 } else { 48 };
                    32 + h
                        .map
                        .iter()
                        .map(|(f, v)| (f.len() + v.len()) as u64 + per)
                        .sum::<u64>()
                }
                #[allow(unreachable_patterns)]
                _ => 64,
            };
            total +=
                PER_KEY + k.len() as u64 + value + if db.deadline(k, e).is_some() { 24 } else { 0 };
        }
    }
    total
}

/// A stable 40-hex-digit id derived from the start time (no OS randomness,
/// and the engine's RNG stays untouched so replies stay reproducible).
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
            let used = used_memory(eng);
            let maxmemory = eng
                .config
                .get_str("maxmemory")
                .and_then(|m| m.parse::<u64>().ok())
                .unwrap_or(0);
            let startup = 876_048u64;
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
                    eng.dirty.to_string(),
                    eng.start_secs().to_string(),
                    aof.to_string(),
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
                    s.expired_keys.to_string(),
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

// ----- CONFIG ----------------------------------------------------------------

/// CONFIG GET parameter [parameter ...]
///
/// A map of name to value (a flat array in RESP2), each parameter once
/// however many patterns match it. See `Config::matching` for how names
/// and patterns are told apart.
pub fn config_get(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let patterns = argv.get(2..).unwrap_or_default();
    let pairs = eng.config.matching(patterns);
    Reply::map(
        pairs
            .into_iter()
            .map(|(k, v)| (Reply::bulk(k), Reply::bulk(v)))
            .collect(),
    )
}

/// CONFIG SET parameter value [parameter value ...]
///
/// All pairs are checked before any is applied, and a bad value leaves
/// every parameter as it was.
pub fn config_set(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let rest = argv.get(2..).unwrap_or_default();
    if rest.len() % 2 == 1 {
        return Reply::err(errors::SYNTAX);
    }
    let pairs: Vec<(&[u8], &[u8])> = rest
        .chunks(2)
        .filter_map(|c| Some((c.first()?.as_slice(), c.get(1)?.as_slice())))
        .collect();
    let (port_before, before) = (eng.config.get_i64("port"), eng.config.clone());
    match eng.config.set_pairs(&pairs) {
        Ok(()) => {
            // The one parameter applied outside the engine: the host moves
            // its listener, and if it cannot, everything set is undone.
            let port = eng.config.get_i64("port");
            if port != port_before {
                if let Err(e) = eng.host_listen(u16::try_from(port).unwrap_or(0)) {
                    eng.config = before;
                    return Reply::err(format!(
                        "ERR CONFIG SET failed (possibly related to argument 'port') - {e}"
                    ));
                }
            }
            eng.settings_changes += 1;
            Reply::ok()
        }
        Err(e) => Reply::err(e.0),
    }
}

/// CONFIG RESETSTAT
///
/// Zero the counters INFO shows (commands, connections, hits and misses,
/// per-command and error counts).
pub fn config_resetstat(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.stats = Stats::default();
    Reply::ok()
}

/// CONFIG REWRITE
///
/// There is no config file to rewrite: Redis's answer when started without one.
pub fn config_rewrite(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::err("ERR The server is running without a config file")
}

/// CONFIG HELP
pub fn config_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("config|help")
}

// ----- COMMAND ---------------------------------------------------------------

/// COMMAND
///
/// COMMAND INFO for every command.
pub fn command(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Array(table::all().iter().map(command_info_entry).collect())
}

/// One COMMAND INFO entry: name, arity, flags, first/last/step key,
/// ACL categories, tips, key specs, subcommands. Flags and categories are
/// status strings, tips bulk strings, the lists sets in RESP3, as Redis
/// sends them.
fn command_info_entry(c: &Command) -> Reply {
    let (first, last, step) = c.keys;
    Reply::Array(vec![
        Reply::bulk(c.name),
        Reply::Integer(i64::from(c.arity)),
        // may_replicate is in the table but hidden, as Redis hides it.
        Reply::Set(
            c.flags()
                .filter(|f| *f != "may_replicate")
                .map(Reply::simple)
                .collect(),
        ),
        Reply::Integer(i64::from(first)),
        Reply::Integer(i64::from(last)),
        Reply::Integer(i64::from(step)),
        Reply::Set(c.acl_categories().map(Reply::simple).collect()),
        Reply::Set(c.tips().map(Reply::bulk).collect()),
        crate::engine::keyspecs::info_reply(c.name),
        Reply::Set(c.subcommands.iter().map(command_info_entry).collect()),
    ])
}

/// COMMAND COUNT
pub fn command_count(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(table::all().len() as i64)
}

/// COMMAND INFO [command-name [command-name ...]]
///
/// Names may be `container|sub`; an unknown name gives a null entry in
/// its place. Without names, every command.
pub fn command_info(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() < 3 {
        return Reply::Array(table::all().iter().map(command_info_entry).collect());
    }
    Reply::Array(
        argv.iter()
            .skip(2)
            .map(|n| match find_command(n) {
                Some(c) => command_info_entry(c),
                None => Reply::Null,
            })
            .collect(),
    )
}

fn find_command(name: &[u8]) -> Option<&'static Command> {
    let text = std::str::from_utf8(name).ok()?;
    table::lookup_full(text)
}

/// One COMMAND DOCS entry: summary, since, group, complexity, and the
/// subcommands' docs for a container. Summaries are our own words.
fn command_docs_entry(c: &Command) -> Reply {
    let mut fields = vec![
        (Reply::bulk("summary"), Reply::bulk(c.summary())),
        (Reply::bulk("since"), Reply::bulk(c.since())),
        (Reply::bulk("group"), Reply::bulk(c.group())),
        (Reply::bulk("complexity"), Reply::bulk(c.complexity())),
    ];
    if !c.subcommands.is_empty() {
        fields.push((
            Reply::bulk("subcommands"),
            Reply::map(
                c.subcommands
                    .iter()
                    .map(|s| (Reply::bulk(s.name), command_docs_entry(s)))
                    .collect(),
            ),
        ));
    }
    Reply::map(fields)
}

/// COMMAND DOCS [command-name [command-name ...]]
///
/// A map from name to docs; unknown names are left out (unlike COMMAND
/// INFO, which holds their place with a null).
pub fn command_docs(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let commands: Vec<&Command> = if argv.len() < 3 {
        table::all().iter().collect()
    } else {
        argv.iter()
            .skip(2)
            .filter_map(|n| find_command(n))
            .collect()
    };
    Reply::map(
        commands
            .into_iter()
            .map(|c| (Reply::bulk(c.name), command_docs_entry(c)))
            .collect(),
    )
}

/// COMMAND LIST [FILTERBY MODULE module-name | ACLCAT category | PATTERN pattern]
///
/// Every command and subcommand name. ACLCAT takes a category without its
/// `@`; PATTERN is a case-insensitive glob over full names (`config|get`);
/// no module exists, so MODULE always gives an empty list.
pub fn command_list(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    enum Filter<'a> {
        All,
        Module,
        AclCat(String),
        Pattern(&'a [u8]),
    }
    let mut filter = Filter::All;
    let mut i = 2;
    while let Some(opt) = argv.get(i) {
        let more = argv.len() - 1 - i;
        if !(eq_ignore_case(opt, "filterby") && more == 2) {
            return Reply::err(errors::SYNTAX);
        }
        let kind = argv.get(i + 1).map(|k| lower(k)).unwrap_or_default();
        let arg = argv.get(i + 2).map(|a| a.as_slice()).unwrap_or_default();
        filter = match kind.as_str() {
            "module" => Filter::Module,
            "aclcat" => Filter::AclCat(format!("@{}", lower(arg))),
            "pattern" => Filter::Pattern(arg),
            _ => return Reply::err(errors::SYNTAX),
        };
        i += 3;
    }
    let keep = |c: &Command| match &filter {
        Filter::All => true,
        Filter::Module => false,
        Filter::AclCat(cat) => c.acl_categories().any(|a| a.eq_ignore_ascii_case(cat)),
        Filter::Pattern(p) => glob::matches(p, c.name.as_bytes(), true),
    };
    let mut names = Vec::new();
    for c in table::all() {
        if keep(c) {
            names.push(Reply::bulk(c.name));
        }
        for s in c.subcommands {
            if keep(s) {
                names.push(Reply::bulk(s.name));
            }
        }
    }
    Reply::Array(names)
}

/// COMMAND GETKEYS command [arg [arg ...]]
///
/// The key arguments of a full command line, found the way the dispatcher
/// would: the command (and subcommand) from the table, its arity, then
/// its key positions.
pub fn command_getkeys(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    getkeys(argv, false)
}

/// COMMAND GETKEYSANDFLAGS command [arg ...]
pub fn command_getkeysandflags(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    getkeys(argv, true)
}

/// Both GETKEYS forms, as Redis's getKeysSubcommandImpl: the keys of the
/// command line after the subcommand, found by the key specifications.
fn getkeys(argv: &[Vec<u8>], with_flags: bool) -> Reply {
    use crate::engine::keyspecs;
    let line = argv.get(2..).unwrap_or_default();
    let Some(base) = line.first().and_then(|n| table::lookup(n)) else {
        return Reply::err("ERR Invalid command specified");
    };
    let cmd = if base.subcommands.is_empty() || line.len() < 2 {
        base
    } else {
        let sub = line.get(1).map(|s| lower(s)).unwrap_or_default();
        match base.subcommands.iter().find(|s| s.sub_name() == sub) {
            Some(s) => s,
            None => return Reply::err("ERR Invalid command specified"),
        }
    };
    if !keyspecs::has_keys(cmd) {
        return Reply::err("ERR The command has no key arguments");
    }
    let argc = line.len() as i64;
    let arity = i64::from(cmd.arity);
    if (arity > 0 && arity != argc) || argc < -arity {
        return Reply::err("ERR Invalid number of arguments specified for command");
    }
    let keys = keyspecs::keys_and_flags(cmd, line);
    if keys.is_empty() {
        if cmd.has_flag("no_mandatory_keys") {
            return Reply::Array(Vec::new());
        }
        return Reply::err("ERR Invalid arguments specified for command");
    }
    Reply::Array(
        keys.into_iter()
            .filter_map(|(i, flags)| {
                let key = Reply::Bulk(line.get(i)?.clone());
                Some(if with_flags {
                    Reply::Array(vec![key, keyspecs::flag_set(flags)])
                } else {
                    key
                })
            })
            .collect(),
    )
}

/// C's `atoi`, as Redis reads a numkeys argument for COMMAND GETKEYS (and
/// DEBUG's switches):
/// leading blanks, a sign, then digits up to the first other byte (none:
/// 0).
pub(crate) fn atoi(bytes: &[u8]) -> i64 {
    let mut rest = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .peekable();
    let negative = match rest.peek() {
        Some(b'-') => {
            rest.next();
            true
        }
        Some(b'+') => {
            rest.next();
            false
        }
        _ => false,
    };
    let mut n: i64 = 0;
    for b in rest.take_while(|b| b.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if negative {
        -n
    } else {
        n
    }
}

/// Where the keys are in `line` (the command and its arguments) for a
/// command whose keys move, as Redis's getkeys procedures find them: a
/// store key, then `numkeys` keys from `first`, none when numkeys is not
/// a count the line holds (the command would answer an error).
/// The positions of a command's keys in `argv` (its name at 0): the
/// table's first/last/step, or for commands whose keys move (EVAL's
/// numkeys, XREAD's STREAMS, SORT's STORE, ...) where Redis finds them.
pub(crate) fn key_positions_of(cmd: &table::Command, argv: &[Vec<u8>]) -> Vec<usize> {
    if cmd.has_flag("movablekeys") {
        movable_key_positions(cmd.name, argv)
    } else {
        cmd.key_positions(argv.len())
    }
}

fn movable_key_positions(name: &str, line: &[Vec<u8>]) -> Vec<usize> {
    let counted = |store: Option<usize>, count_at: usize, first: usize| -> Vec<usize> {
        let num = line.get(count_at).map_or(0, |n| atoi(n));
        let room = line.len().saturating_sub(first) as i64;
        if num < 1 || num > room {
            return Vec::new();
        }
        store
            .into_iter()
            .chain(first..first + num as usize)
            .collect()
    };
    match name {
        "eval" | "eval_ro" | "evalsha" | "evalsha_ro" | "fcall" | "fcall_ro" | "blmpop"
        | "bzmpop" => counted(None, 2, 3),
        "zunionstore" | "zinterstore" | "zdiffstore" => counted(Some(1), 2, 3),
        "zunion" | "zinter" | "zdiff" | "zintercard" | "sintercard" | "lmpop" | "zmpop" => {
            counted(None, 1, 2)
        }
        "sort" => {
            // The key, then the last STORE's key, skipping what LIMIT, GET
            // and BY take (Redis's sortGetKeys).
            let mut keys = vec![1];
            let mut store = None;
            let mut i = 2;
            while i < line.len() {
                let word = line.get(i).map(|w| lower(w)).unwrap_or_default();
                match word.as_str() {
                    "limit" => i += 2,
                    "get" | "by" => i += 1,
                    // The key is looked at again as an option, as Redis does.
                    "store" if i + 1 < line.len() => store = Some(i + 1),
                    _ => {}
                }
                i += 1;
            }
            keys.extend(store);
            keys
        }
        // After STREAMS (the first, case aside), half of what follows: the
        // keys, then as many ids.
        "xread" | "xreadgroup" => {
            let Some(at) = (1..line.len()).find(|&i| {
                line.get(i)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"streams"))
            }) else {
                return Vec::new();
            };
            let first = at + 1;
            let n = line.len().saturating_sub(first) / 2;
            (first..first + n).collect()
        }
        // The key, then what follows the first STORE and the first
        // STOREDIST after the fixed arguments, in that order.
        "georadius" | "georadiusbymember" => {
            let from = if name == "georadius" { 6 } else { 5 };
            let mut keys = vec![1];
            for word in [&b"store"[..], b"storedist"] {
                let at = (from..line.len())
                    .find(|&i| line.get(i).is_some_and(|w| w.eq_ignore_ascii_case(word)));
                keys.extend(at.map(|i| i + 1).filter(|&k| k < line.len()));
            }
            keys
        }
        // SORT_RO: its one key.
        _ if line.len() > 1 => vec![1],
        _ => Vec::new(),
    }
}

/// COMMAND HELP
pub fn command_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("command|help")
}

#[cfg(test)]
mod tests {
    use crate::engine::{ClientAddr, Engine};
    use crate::reply::Reply;

    fn run(e: &mut Engine, s: u64, args: &[&str]) -> Reply {
        let argv: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        e.execute(s, &argv)
    }

    fn text(r: Reply) -> String {
        match r {
            Reply::Bulk(b) | Reply::Verbatim(_, b) => String::from_utf8(b).unwrap_or_default(),
            other => panic!("not text: {other:?}"),
        }
    }

    fn setup() -> (Engine, u64) {
        let mut e = Engine::default();
        let s = e.open_session(ClientAddr::default());
        (e, s)
    }

    #[test]
    fn info_sections_and_format() {
        let (mut e, s) = setup();
        let all = text(run(&mut e, s, &["INFO"]));
        let titles: Vec<&str> = all.split("\r\n").filter(|l| l.starts_with('#')).collect();
        assert_eq!(
            titles,
            vec![
                "# Server",
                "# Clients",
                "# Memory",
                "# Persistence",
                "# Stats",
                "# Replication",
                "# CPU",
                "# Modules",
                "# Errorstats",
                "# Cluster",
                "# Keyspace"
            ]
        );
        assert!(all.starts_with("# Server\r\nredis_version:7.0.15\r\n"));
        assert!(all.ends_with("# Keyspace\r\n"));
        assert!(all.contains("\r\n\r\n# Clients\r\nconnected_clients:1\r\n"));
        for field in [
            "redis_mode:standalone",
            "tcp_port:6379",
            "uptime_in_days:0",
            "used_memory_human:",
            "maxmemory_policy:noeviction",
            "total_connections_received:1",
            "role:master",
            "connected_slaves:0",
            "cluster_enabled:0",
        ] {
            assert!(all.contains(&format!("\r\n{field}")), "{field}");
        }
        assert_eq!(text(run(&mut e, s, &["INFO", "foo"])), "");
        assert_eq!(
            text(run(&mut e, s, &["INFO", "keyspace"])),
            "# Keyspace\r\n"
        );
        e.execute(s, &[b"SET".to_vec(), b"k".to_vec(), b"v".to_vec()]);
        let two = text(run(&mut e, s, &["INFO", "KEYSPACE", "cpu", "cpu"]));
        assert!(two.starts_with("# CPU\r\n"), "{two}");
        assert!(two.contains("\r\n\r\n# Keyspace\r\n"), "{two}");
        let every = text(run(&mut e, s, &["INFO", "everything"]));
        assert!(every.contains("# Commandstats\r\ncmdstat_"), "{every}");
    }

    #[test]
    fn human_bytes_like_redis() {
        assert_eq!(super::human_bytes(0), "0B");
        assert_eq!(super::human_bytes(1023), "1023B");
        assert_eq!(super::human_bytes(1238608), "1.18M");
        assert_eq!(super::human_bytes(32768), "32.00K");
        assert_eq!(super::human_bytes(25276510208), "23.54G");
    }

    #[test]
    fn keyspace_commands() {
        let (mut e, s) = setup();
        assert_eq!(run(&mut e, s, &["DBSIZE"]), Reply::Integer(0));
        assert_eq!(
            run(&mut e, s, &["FLUSHDB", "foo"]),
            Reply::err("ERR syntax error")
        );
        assert_eq!(
            run(&mut e, s, &["FLUSHALL", "SYNC", "ASYNC"]),
            Reply::err("ERR syntax error")
        );
        assert_eq!(run(&mut e, s, &["FLUSHALL", "async"]), Reply::ok());
        assert_eq!(
            run(&mut e, s, &["SWAPDB", "x", "y"]),
            Reply::err("ERR invalid first DB index")
        );
        assert_eq!(
            run(&mut e, s, &["SWAPDB", "0", "y"]),
            Reply::err("ERR invalid second DB index")
        );
        assert_eq!(
            run(&mut e, s, &["SWAPDB", "0", "16"]),
            Reply::err("ERR DB index is out of range")
        );
        assert_eq!(
            run(&mut e, s, &["SWAPDB", "0", "99999999999"]),
            Reply::err("ERR invalid second DB index")
        );
        assert_eq!(run(&mut e, s, &["SWAPDB", "0", "1"]), Reply::ok());
        let Reply::Array(t) = run(&mut e, s, &["TIME"]) else {
            panic!()
        };
        assert_eq!(t, vec![Reply::bulk("1700000000"), Reply::bulk("0")]);
        assert_eq!(run(&mut e, s, &["LASTSAVE"]), Reply::Integer(1_700_000_000));
    }

    #[test]
    fn config_commands() {
        let (mut e, s) = setup();
        assert_eq!(
            run(&mut e, s, &["CONFIG", "GET", "maxmemory"]),
            Reply::Map(vec![(Reply::bulk("maxmemory"), Reply::bulk("0"))])
        );
        assert_eq!(
            run(&mut e, s, &["CONFIG", "SET", "maxmemory", "1mb"]),
            Reply::ok()
        );
        assert_eq!(e.config.get_i64("maxmemory"), 1 << 20);
        assert_eq!(
            run(&mut e, s, &["CONFIG", "SET", "maxmemory", "1", "hz"]),
            Reply::err("ERR syntax error")
        );
        assert_eq!(
            run(&mut e, s, &["CONFIG", "SET", "foo", "bar"]),
            Reply::err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'")
        );
        assert_eq!(
            run(&mut e, s, &["CONFIG", "REWRITE"]),
            Reply::err("ERR The server is running without a config file")
        );
        run(&mut e, s, &["PING"]);
        assert_eq!(run(&mut e, s, &["CONFIG", "RESETSTAT"]), Reply::ok());
        assert!(
            text(run(&mut e, s, &["INFO", "stats"])).contains("\r\ntotal_commands_processed:1\r\n")
        );
    }

    #[test]
    fn command_introspection() {
        let (mut e, s) = setup();
        let Reply::Array(v) = run(
            &mut e,
            s,
            &["COMMAND", "INFO", "get", "nosuch", "config|get"],
        ) else {
            panic!()
        };
        assert_eq!(v.len(), 3);
        assert_eq!(v.get(1), Some(&Reply::Null));
        let Some(Reply::Array(get)) = v.first() else {
            panic!()
        };
        assert_eq!(get.first(), Some(&Reply::bulk("get")));
        assert_eq!(get.get(1), Some(&Reply::Integer(2)));
        assert_eq!(
            get.get(2),
            Some(&Reply::Set(vec![
                Reply::simple("readonly"),
                Reply::simple("fast")
            ]))
        );
        assert_eq!(
            run(
                &mut e,
                s,
                &["COMMAND", "GETKEYS", "mset", "a", "b", "c", "d"]
            ),
            Reply::bulks(["a", "c"])
        );
        assert_eq!(
            run(&mut e, s, &["COMMAND", "GETKEYS", "GET", "a"]),
            Reply::bulks(["a"])
        );
        assert_eq!(
            run(&mut e, s, &["COMMAND", "GETKEYS", "nosuch", "a"]),
            Reply::err("ERR Invalid command specified")
        );
        assert_eq!(
            run(&mut e, s, &["COMMAND", "GETKEYS", "config", "get", "x"]),
            Reply::err("ERR The command has no key arguments")
        );
        assert_eq!(
            run(&mut e, s, &["COMMAND", "GETKEYS", "get", "a", "b"]),
            Reply::err("ERR Invalid number of arguments specified for command")
        );
        assert_eq!(
            run(&mut e, s, &["COMMAND", "GETKEYS", "object", "foo", "k"]),
            Reply::err("ERR Invalid command specified")
        );
        assert_eq!(
            run(
                &mut e,
                s,
                &["COMMAND", "LIST", "FILTERBY", "pattern", "CON*"]
            ),
            Reply::bulks([
                "config",
                "config|get",
                "config|help",
                "config|resetstat",
                "config|rewrite",
                "config|set"
            ])
        );
        assert_eq!(
            run(&mut e, s, &["COMMAND", "LIST", "FILTERBY", "aclcat"]),
            Reply::err("ERR syntax error")
        );
        let Reply::Map(docs) = run(&mut e, s, &["COMMAND", "DOCS", "nosuch", "get"]) else {
            panic!()
        };
        assert_eq!(docs.len(), 1);
        let mut me = crate::engine::Session {
            id: 99,
            name: None,
            db: 0,
            resp: 2,
            addr: ClientAddr::default(),
            created_ms: 0,
            last_ms: 0,
            last_cmd: "",
            lib_name: None,
            lib_ver: None,
            closing: false,
            no_evict: false,
            monitor: false,
            reply_mode: 0,
            multi: None,
            watched: Vec::new(),
            subs: Default::default(),
            blocked: None,
        };
        let Reply::Array(all) = super::command(&mut e, &mut me, &[]) else {
            panic!()
        };
        assert_eq!(all.len(), crate::engine::table::all().len());
    }
}
