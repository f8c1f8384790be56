//! Server commands: the keyspace as a whole (DBSIZE, FLUSHDB, SWAPDB),
//! the clock (TIME, LASTSAVE), SHUTDOWN and the parameters (CONFIG).
//! INFO is in `info.rs`, COMMAND in `command.rs`.

use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::errors;
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
    // Logged even when there was nothing to flush.
    eng.force_propagation();
    Reply::ok()
}

/// FLUSHALL [ASYNC | SYNC]
pub fn flushall(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if !flush_mode_ok(argv) {
        return Reply::err(errors::SYNTAX);
    }
    eng.flush_all();
    eng.force_propagation();
    // With save points set, Redis saves the emptied dataset at once.
    if eng.has_save_points() {
        if let Some((save, ..)) = crate::engine::table::persistence() {
            let _ = save(eng);
        }
    }
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
/// The start time until the first save, as a fresh Redis reports.
pub fn lastsave(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(eng.last_save_secs())
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
    let would_save = save || (!nosave && eng.has_save_points());
    if !eng.can_shutdown {
        return Reply::err("ERR Errors trying to SHUTDOWN. Check logs.");
    }
    if would_save {
        // A save that fails stops the shutdown, unless FORCE.
        let saved = crate::engine::table::persistence().is_some_and(|(save, ..)| save(eng).is_ok());
        if !saved && !force {
            return Reply::err("ERR Errors trying to SHUTDOWN. Check logs.");
        }
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

    pub(crate) fn start_secs(&self) -> i64 {
        (self.now_ms() - self.uptime_ms()).div_euclid(1000)
    }
}

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
    let limit_before = eng.config.get_i64("maxmemory");
    match eng.config.set_pairs(&pairs) {
        Ok(()) => {
            // The AOF opens now (Redis's `startAppendOnly`): if it cannot,
            // everything set is undone, in Redis's words.
            // (A first load writes no AOF: there it is only a setting.)
            let persistence = crate::engine::table::persistence();
            if let (Some((.., sync)), true) = (
                persistence,
                eng.config.get_bool("appendonly") && !before.get_bool("appendonly"),
            ) {
                sync(eng);
                if eng.persist.aof.is_none() {
                    eng.config = before;
                    eng.persist.aof_error = None;
                    return Reply::err(
                        "ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF. Check server logs.",
                    );
                }
            }
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
            // requirepass is the default user's password (Redis's
            // `ACLUpdateDefaultUserPassword`), once ACL keeps users.
            let pass = eng
                .config
                .get_str("requirepass")
                .unwrap_or_default()
                .to_string();
            if before.get_str("requirepass").as_deref() != Some(pass.as_str()) {
                if let Some(g) = &mut eng.acl {
                    g.requirepass(&pass);
                }
            }
            // A new limit evicts at once (Redis's `updateMaxmemory`).
            eng.memory_settings();
            if eng.evict.limit != 0 && eng.config.get_i64("maxmemory") != limit_before {
                eng.perform_evictions();
            }
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
/// Rewrite the file the server started with so that it starts as it runs
/// now, as Redis's `rewriteConfig`: see [`rewritten_config`]. Without a
/// file (the page, a server started without one), Redis's refusal.
pub fn config_rewrite(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let Some(path) = eng.config_file.clone() else {
        return Reply::err("ERR The server is running without a config file");
    };
    let (dir, name) = path.rsplit_once('/').unwrap_or((".", path.as_str()));
    let dir = if dir.is_empty() { "/" } else { dir };
    eng.ensure_disk();
    let old = match eng.persist.disk.as_mut().map(|d| d.read(dir, name)) {
        Some(Ok(bytes)) => bytes.unwrap_or_default(),
        Some(Err(e)) => return Reply::err(format!("ERR Rewriting config file: {e}")),
        None => Vec::new(),
    };
    let users = crate::engine::cmd::acl::user_lines(eng);
    let text = rewritten_config(&String::from_utf8_lossy(&old), &eng.config, &users);
    match eng
        .persist
        .disk
        .as_mut()
        .map(|d| d.write(dir, name, text.as_bytes()))
    {
        Some(Err(e)) => Reply::err(format!("ERR Rewriting config file: {e}")),
        _ => Reply::ok(),
    }
}

/// The line CONFIG REWRITE adds before the first option it appends.
const REWRITE_SIGNATURE: &str = "# Generated by CONFIG REWRITE";

/// Options a config file may hold that are not parameters of the table.
const FILE_ONLY: [&str; 5] = [
    "user",
    "include",
    "rename-command",
    "loadmodule",
    "sentinel",
];

/// A configuration file's text rewritten for `config` and the ACL
/// `users` (their `user ...` lines), as Redis's `rewriteConfig` does:
/// comments and lines of options it does not know stay where they are;
/// each option's first line takes its present value and its later lines
/// go; options not in the file are appended, under a signature line, when
/// they differ from their default (save points and users always); `user`
/// lines go when an ACL file holds the users. Runs of empty lines become
/// one.
pub(crate) fn rewritten_config(
    old: &str,
    config: &crate::engine::config::Config,
    users: &[String],
) -> String {
    use std::collections::{BTreeMap, BTreeSet, VecDeque};
    let mut lines: Vec<String> = Vec::new();
    let mut at: BTreeMap<String, VecDeque<usize>> = BTreeMap::new();
    let mut needs_signature = true;
    let segments: Vec<&str> = old.split('\n').collect();
    // A final newline ends the last line; it starts no empty one.
    let segments = match segments.split_last() {
        Some((&"", rest)) => rest,
        _ => &segments[..],
    };
    for raw in segments {
        let line = raw.trim_matches(|c| matches!(c, '\r' | '\n' | '\t' | ' '));
        if line.is_empty() || line.starts_with('#') {
            needs_signature &= line != REWRITE_SIGNATURE;
            lines.push(line.to_string());
            continue;
        }
        let Some(first) =
            crate::resp::request::split_args(line.as_bytes()).and_then(|w| w.into_iter().next())
        else {
            lines.push(format!("# ??? {line}"));
            continue;
        };
        let word = String::from_utf8_lossy(&first).to_ascii_lowercase();
        let option = match config.rewrite_line(&word) {
            Some((name, ..)) => Some(name.to_string()),
            None => FILE_ONLY.contains(&word.as_str()).then_some(word),
        };
        if let Some(option) = option {
            at.entry(option).or_default().push_back(lines.len());
        }
        lines.push(line.to_string());
    }
    let mut processed: BTreeSet<String> = BTreeSet::new();
    let mut rewrite = |option: &str, line: String, force: bool, lines: &mut Vec<String>| {
        processed.insert(option.to_string());
        match at.get_mut(option).and_then(|l| l.pop_front()) {
            Some(n) => {
                if let Some(slot) = lines.get_mut(n) {
                    *slot = line;
                }
            }
            None if force => {
                if std::mem::take(&mut needs_signature) {
                    lines.push(REWRITE_SIGNATURE.to_string());
                }
                lines.push(line);
            }
            None => {}
        }
    };
    for p in crate::engine::config::Config::params() {
        let Some((name, value, differs)) = config.rewrite_line(p.name) else {
            continue;
        };
        if name == "save" {
            let words: Vec<&str> = value.split_whitespace().collect();
            if words.is_empty() {
                rewrite(name, "save \"\"".into(), true, &mut lines);
            }
            for pair in words.chunks(2) {
                rewrite(name, format!("save {}", pair.join(" ")), true, &mut lines);
            }
            continue;
        }
        // Lists are written as words; any other value as one argument.
        let text = if matches!(name, "bind" | "client-output-buffer-limit") && !value.is_empty() {
            value
        } else {
            crate::cli::help::quote_arg(value.as_bytes())
        };
        rewrite(name, format!("{name} {text}"), differs, &mut lines);
    }
    if config.get_str("aclfile").unwrap_or_default().is_empty() {
        for u in users {
            rewrite("user", u.clone(), true, &mut lines);
        }
    }
    processed.insert("user".into());
    // What is left of a rewritten option's old lines goes.
    for (option, left) in &at {
        if processed.contains(option) {
            for &n in left {
                if let Some(slot) = lines.get_mut(n) {
                    slot.clear();
                }
            }
        }
    }
    let mut out = String::new();
    let mut was_empty = false;
    for l in &lines {
        if l.is_empty() {
            if was_empty {
                continue;
            }
            was_empty = true;
        } else {
            was_empty = false;
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// CONFIG HELP
pub fn config_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("config|help")
}

#[cfg(test)]
mod tests {
    use crate::engine::{ClientAddr, Engine};
    use crate::reply::Reply;

    /// CONFIG REWRITE's text: comments and unknown lines stay, each option
    /// takes its value on its first line, duplicates and changed-back
    /// lines go, new non-default options and the users are appended.
    #[test]
    fn a_config_file_is_rewritten_in_place_as_redis_rewrites_it() {
        use crate::engine::config::Config;
        let mut config = Config::default();
        let _ = config.set_startup("maxmemory", "100mb");
        let _ = config.set_startup("save", "900 1 60 10000");
        let _ = config.set_startup("appendonly", "yes");
        let _ = config.set_startup("dir", "/tmp/a dir");
        let old = "# my settings\r\nport 6379\n\n\nmaxmemory 1mb\nmaxmemory 2mb\nsave 3600 1\nhash-max-ziplist-entries 256\nuser default on nopass ~* +@all\nsome-future-option 1\n";
        let users = vec!["user default on nopass ~* &* +@all -flushdb".to_string()];
        let text = super::rewritten_config(old, &config, &users);
        assert_eq!(
            text,
            "# my settings\nport 6379\n\nmaxmemory 100mb\n\nsave 900 1\nhash-max-listpack-entries 512\nuser default on nopass ~* &* +@all -flushdb\nsome-future-option 1\n# Generated by CONFIG REWRITE\nappendonly yes\ndir \"/tmp/a dir\"\nsave 60 10000\n"
        );
        // Rewriting again changes nothing.
        assert_eq!(super::rewritten_config(&text, &config, &users), text);
    }

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
        assert_eq!(super::super::info::human_bytes(0), "0B");
        assert_eq!(super::super::info::human_bytes(1023), "1023B");
        assert_eq!(super::super::info::human_bytes(1238608), "1.18M");
        assert_eq!(super::super::info::human_bytes(32768), "32.00K");
        assert_eq!(super::super::info::human_bytes(25276510208), "23.54G");
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
        let Reply::Array(all) = super::super::command::command(&mut e, &mut me, &[]) else {
            panic!()
        };
        assert_eq!(all.len(), crate::engine::table::all().len());
    }
}
