//! The console prints what redis-cli 7.0 prints: our formatter against the
//! real `redis-cli`, byte for byte.
//!
//! Each case runs one command twice on the same redis-server: once through
//! `redis-cli --no-raw` (which, with stdout not a terminal, prints exactly
//! what the interactive client prints) and once through our RESP client,
//! whose decoded reply goes through `cli::format_command_reply`. Setup runs
//! once, and the compared commands do not change the data, so both runs
//! see the same server. `HELP` is compared the same way (`redis-cli help
//! ...` works without a terminal), except the summaries, which are ours.
//!
//! redis-server and redis-cli must be installed; under CI their absence is
//! a failure, never a skip (`cargo xtask test` installs both).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{argv, Client, RedisServer};
use reddish::cli::{format_command_reply, format_push, help};
use reddish::Reply;

/// Whether the reference tools are here; without them, fail under CI and
/// skip (loudly) on a developer machine.
fn tools_present() -> bool {
    let ok = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let missing: Vec<&str> = ["redis-server", "redis-cli"]
        .into_iter()
        .filter(|t| !ok(t))
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} required (`cargo xtask test` installs them)",
            missing.join(" and ")
        );
    }
    eprintln!(
        "SKIPPED: {} not installed (this is a failure under CI)",
        missing.join(" and ")
    );
    false
}

/// A redis-server with DEBUG enabled: `DEBUG PROTOCOL` sends every RESP3
/// type, which no ordinary command does.
struct Oracle {
    port: u16,
    /// Stopped when the oracle is dropped.
    _server: RedisServer,
}

impl Oracle {
    fn start() -> Oracle {
        let server = RedisServer::start_with(&["--enable-debug-command", "yes"]);
        Oracle {
            port: server.port,
            _server: server,
        }
    }

    /// A client of ours, in RESP3 when asked.
    fn client(&self, resp3: bool) -> Client {
        let mut c = Client::connect(self.port);
        if resp3 {
            let hello = c.call(&argv(&["HELLO", "3"]));
            assert!(matches!(hello, Reply::Map(_)), "HELLO 3: {hello:?}");
        }
        c
    }

    /// What `redis-cli --no-raw [extra] args...` prints.
    fn cli(&self, extra: &[&str], args: &[&str]) -> String {
        let out = Command::new("redis-cli")
            .args(["--no-raw", "-p", &self.port.to_string()])
            .args(extra)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run redis-cli");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Data for the compared commands: strings with every byte value, an empty
/// string, lists, a hash, sets, a sorted set with awkward scores, a stream.
fn setup(c: &mut Client) {
    let every_byte: Vec<u8> = (0..=255u8).collect();
    let cmds: Vec<Vec<Vec<u8>>> = vec![
        vec![b"SET".to_vec(), b"bytes".to_vec(), every_byte],
        vec![
            b"SET".to_vec(),
            b"utf8".to_vec(),
            "caf\u{e9} \u{20ac} \u{1f600}".as_bytes().to_vec(),
        ],
        vec![
            b"SET".to_vec(),
            b"quotes".to_vec(),
            b"say \"hi\"\\ 'x'\r\n\t\x07\x08\x0b\x0c\x1b\x7f".to_vec(),
        ],
        vec![b"SET".to_vec(), b"nul".to_vec(), b"a\x00b".to_vec()],
        argv(&["SET", "empty", ""]),
        argv(&["SET", "key with space", "v"]),
        argv(&["SET", "int", "42"]),
        argv(&["SET", "big", "-9223372036854775808"]),
        argv(&["SET", "lcs1", "ohmytext"]),
        argv(&["SET", "lcs2", "mynewtext"]),
        argv(&["RPUSH", "list", "a", "", "c d", "\n"]),
        argv(&["HSET", "hash", "f1", "v1", "f2", "", "f3", "3"]),
        argv(&["SADD", "ints", "1", "2", "3"]),
        argv(&[
            "ZADD",
            "z",
            "1.5",
            "a",
            "0.1",
            "b",
            "inf",
            "c",
            "-inf",
            "d",
            "1e-7",
            "e",
            "123456789012345678",
            "f",
        ]),
        argv(&[
            "ZADD",
            "z",
            "-0",
            "g",
            "3.0000000000000004",
            "h",
            "2.5e+300",
            "i",
        ]),
        argv(&["XADD", "s", "1-1", "f", "v", "g", "w"]),
        argv(&["XADD", "s", "2-1", "f", "v2"]),
        argv(&["XGROUP", "CREATE", "s", "grp", "0"]),
        argv(&[
            "XREADGROUP",
            "GROUP",
            "grp",
            "alice",
            "COUNT",
            "1",
            "STREAMS",
            "s",
            ">",
        ]),
    ];
    for cmd in &cmds {
        let r = c.call(cmd);
        assert!(
            !r.is_error(),
            "setup {:?}: {r:?}",
            String::from_utf8_lossy(cmd.concat().as_slice())
        );
    }
    let mut mset = vec!["MSET".to_string()];
    for i in 1..=12 {
        mset.push(format!("m{i}"));
        mset.push(format!("value {i}"));
    }
    let words: Vec<&str> = mset.iter().map(String::as_str).collect();
    assert_eq!(c.call(&argv(&words)), Reply::ok());
    let mut long = vec!["RPUSH".to_string(), "long".to_string()];
    long.extend((0..105).map(|i| i.to_string()));
    let words: Vec<&str> = long.iter().map(String::as_str).collect();
    assert!(!c.call(&argv(&words)).is_error());
}

/// Commands compared in both protocols: they read only (or, like
/// `INCRBY x 0`, change nothing).
const BOTH: &[&[&str]] = &[
    &["PING"],
    &["PING", "hello world"],
    &["ECHO", ""],
    &["GET", "bytes"],
    &["GET", "utf8"],
    &["GET", "quotes"],
    &["GET", "nul"],
    &["GET", "empty"],
    &["GET", "key with space"],
    &["GET", "nokey"],
    &["TYPE", "list"],
    &["STRLEN", "bytes"],
    &["INCRBY", "big", "0"],
    &["TTL", "nokey"],
    &["EXISTS", "int", "nokey", "int"],
    &["LRANGE", "list", "0", "-1"],
    &["LRANGE", "long", "0", "-1"],
    &["LRANGE", "nokey", "0", "-1"],
    &["KEYS", "nomatch*"],
    &[
        "MGET", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12",
    ],
    &["MGET", "m1", "nokey", "list"],
    &["HGETALL", "hash"],
    &["HGETALL", "nokey"],
    &["SMEMBERS", "ints"],
    &["SMEMBERS", "nokey"],
    &["ZRANGE", "z", "0", "-1", "WITHSCORES"],
    &["ZSCORE", "z", "b"],
    &["ZSCORE", "z", "c"],
    &["ZSCORE", "z", "nobody"],
    &["COMMAND", "INFO", "get", "set", "nosuchcommand"],
    &["COMMAND", "DOCS", "get"],
    &["COMMAND", "GETKEYS", "mset", "a", "1", "b", "2"],
    &["LCS", "lcs1", "lcs2"],
    &["LCS", "lcs1", "lcs2", "IDX"],
    &[
        "LCS",
        "lcs1",
        "lcs2",
        "IDX",
        "MINMATCHLEN",
        "2",
        "WITHMATCHLEN",
    ],
    &["XRANGE", "s", "-", "+"],
    &["XINFO", "STREAM", "s", "FULL"],
    &["XPENDING", "s", "grp"],
    &["XINFO", "STREAM", "s"],
    &["XREAD", "STREAMS", "s", "0"],
    &["CONFIG", "GET", "maxmemory*"],
    &["OBJECT", "ENCODING", "ints"],
    &["BLPOP", "nokey", "0.01"],
    &["EVAL", "return {1, 'two', {3, {}}, false, true}", "0"],
    &["EVAL", "return redis.error_reply('MY custom error')", "0"],
    &["EVAL", "return {err = 'ERR from a table'}", "0"],
    &["EVAL", "return {ok = 'FINE'}", "0"],
    &["EVAL", "return 3.99", "0"],
    // Errors: wrong type, unknown command, arity, syntax.
    &["GET", "list"],
    &["NOSUCHCOMMAND", "a", "b c"],
    &["GET"],
    &["SET", "k", "v", "BADOPT"],
    // Replies redis-cli prints raw, and their errors.
    &["CLIENT", "LIST", "TYPE", "foo"],
    &["LATENCY", "DOCTOR"],
    &["LATENCY", "DOCTOR", "extra"],
    &["MEMORY", "DOCTOR"],
    &["DEBUG", "HTSTATS", "0"],
    &["CLUSTER", "INFO"],
    &["CLUSTER", "INFO", "extra"],
    // Every RESP3 type the server can send (RESP2 gets their downgrades).
    &["DEBUG", "PROTOCOL", "string"],
    &["DEBUG", "PROTOCOL", "integer"],
    &["DEBUG", "PROTOCOL", "double"],
    &["DEBUG", "PROTOCOL", "map"],
    &["DEBUG", "PROTOCOL", "set"],
    &["DEBUG", "PROTOCOL", "true"],
    &["DEBUG", "PROTOCOL", "false"],
    &["DEBUG", "PROTOCOL", "verbatim"],
    &["DEBUG", "PROTOCOL", "null"],
];

fn compare_cases(oracle: &Oracle, resp3: bool, cases: &[&[&str]]) -> Vec<String> {
    let mut ours = oracle.client(resp3);
    let extra: &[&str] = if resp3 { &["-3"] } else { &[] };
    let mut failures = Vec::new();
    for case in cases {
        let expected = oracle.cli(extra, case);
        let words = argv(case);
        let reply = ours.call(&words);
        let got = format_command_reply(&words, &reply);
        if got != expected {
            failures.push(format!(
                "RESP{} {case:?}\n  redis-cli: {expected:?}\n  ours:      {got:?}\n  reply:     {reply:?}",
                if resp3 { 3 } else { 2 }
            ));
        }
    }
    failures
}

#[test]
fn replies_print_as_redis_cli_prints_them() {
    if !tools_present() {
        return;
    }
    let oracle = Oracle::start();
    setup(&mut oracle.client(false));
    let mut failures = compare_cases(&oracle, false, BOTH);
    failures.extend(compare_cases(&oracle, true, BOTH));
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Pushes: redis-cli's push handler prints them as they arrive (with
/// `--show-pushes y`, the default at a terminal), and client-side caching
/// invalidations get a line of their own. redis-cli reads these commands
/// from stdin, one connection for all, which the invalidations need.
#[test]
fn pushes_print_as_redis_cli_prints_them() {
    if !tools_present() {
        return;
    }
    let oracle = Oracle::start();
    let script: &[&[&str]] = &[
        &["CLIENT", "TRACKING", "ON"],
        &["GET", "tk"],
        &["MGET", "tk", "tk2"],
        &["MSET", "tk", "v", "tk2", "w"],
        &["PING"],
        &["GET", "tk"],
        &["FLUSHALL"],
        &["PING"],
        &["DEBUG", "PROTOCOL", "push"],
        &["PING"],
    ];
    let mut child = Command::new("redis-cli")
        .args([
            "--no-raw",
            "-3",
            "--show-pushes",
            "y",
            "-p",
            &oracle.port.to_string(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run redis-cli");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for line in script {
            writeln!(stdin, "{}", line.join(" ")).expect("write");
        }
    }
    let out = child.wait_with_output().expect("redis-cli output");
    let expected = String::from_utf8_lossy(&out.stdout).into_owned();

    let mut ours = oracle.client(true);
    let mut got = String::new();
    for line in script {
        let words = argv(line);
        let mut reply = ours.call(&words);
        // hiredis hands pushes to the push handler and keeps reading for
        // the command's own reply; so do we.
        while matches!(reply, Reply::Push(_)) {
            got.push_str(&format_push(&reply));
            reply = ours.read_reply().expect("reply after a push");
        }
        got.push_str(&format_command_reply(&words, &reply));
    }
    assert!(
        expected.contains("-> invalidate: 'tk'"),
        "the scenario must produce an invalidation: {expected}"
    );
    assert_eq!(got, expected);
}

/// Strip ANSI colour sequences and carriage returns from redis-cli's help.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for n in chars.by_ref() {
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
        } else if c != '\r' {
            out.push(c);
        }
    }
    out
}

/// Help text cut into entries (their lines), without the summary lines,
/// which are ours, and only the entries whose names `keep` accepts (the
/// real redis-cli knows commands the table does not have yet).
fn entries_without_summaries(text: &str, keep: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut entries: Vec<Vec<String>> = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<String> = block
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("  summary: "))
            .map(str::to_string)
            .collect();
        let Some(head) = lines.first() else { continue };
        let words: Vec<&str> = head
            .trim_start()
            .split(' ')
            .take_while(|w| {
                w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
                    && !w.is_empty()
            })
            .collect();
        // The name is the command and, for a container (one with
        // subcommands), the subcommand too: XREADGROUP's syntax starts
        // with the upper-case GROUP, which is not a subcommand.
        let named = |n: usize| words.get(..n).map(|w| w.join(" "));
        let container = |one: &str| {
            let prefix = format!("{one} ");
            help::entries().iter().any(|e| e.name.starts_with(&prefix))
        };
        let name = match (named(1), named(2)) {
            (Some(one), Some(two)) if container(&one) => two,
            (Some(one), _) => one,
            _ => String::new(),
        };
        if keep(&name) {
            entries.push(lines);
        }
    }
    entries
}

#[test]
fn help_matches_redis_cli_except_summaries() {
    if !tools_present() {
        return;
    }
    let oracle = Oracle::start();
    let ours_has = |name: &str| help::entries().iter().any(|e| e.name == name);
    let mut failures = Vec::new();
    let mut check = |topic: Vec<String>| {
        let words: Vec<&str> = topic.iter().map(String::as_str).collect();
        let mut args = vec!["help"];
        args.extend(&words);
        let theirs = plain(&oracle.cli(&[], &args));
        let ours = help::help_text(&words);
        // Both open with an empty line and close with one more; the last
        // is the only line when nothing matched.
        let layout = |t: &str| (t.starts_with('\n'), t.ends_with('\n'), t.ends_with("\n\n"));
        if layout(&theirs) != layout(&ours) {
            failures.push(format!(
                "HELP {words:?}: layout\n  redis-cli: {theirs:?}\n  ours:      {ours:?}"
            ));
        }
        let (t, o) = (
            entries_without_summaries(&theirs, ours_has),
            entries_without_summaries(&ours, |_| true),
        );
        if t != o {
            failures.push(format!(
                "HELP {words:?}\n  redis-cli: {t:?}\n  ours:      {o:?}"
            ));
        }
    };
    // Every command and subcommand of the table, then every group.
    for e in help::entries() {
        check(e.name.split(' ').map(str::to_string).collect());
    }
    for g in help::groups() {
        check(vec![format!("@{g}")]);
    }
    check(vec!["nosuchcommand".into()]);
    check(vec!["@nosuchgroup".into()]);
    check(vec!["config".into(), "g".into()]);
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
