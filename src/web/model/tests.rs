//! The playground model's tests: tabs, waits, pauses, replies, LOLWUT's shading.

use super::*;

const T: i64 = 1_700_000_000_000;

/// The texts of tab `i`'s console lines (the other test modules of
/// the playground use it too).
pub(crate) fn texts(p: &Playground, i: usize) -> Vec<String> {
    p.clients[i].lines.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn a_tab_held_back_by_client_pause_waits_then_runs() {
    let mut p = Playground::new(T, 1);
    let b = p.open_client();
    p.submit(0, "CLIENT PAUSE 5000 WRITE", T);
    p.submit(b, "SET k v", T);
    assert_eq!(
        p.waiting_text(b).as_deref(),
        Some("Waiting: SET until the clients' pause ends")
    );
    assert_eq!(
        p.narrator.lines.back().map(String::as_str),
        Some("client id 2's SET is held back until the clients' pause ends")
    );
    p.submit(0, "CLIENT UNPAUSE", T);
    assert!(p.waiting_text(b).is_none());
    assert_eq!(texts(&p, b).last().map(String::as_str), Some("OK"));
}

#[test]
fn lolwut_skyline_is_drawn_with_shades_not_colour_codes() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "LOLWUT VERSION 6 12 6", T);
    let reply = texts(&p, 0).last().cloned().unwrap_or_default();
    assert!(!reply.contains('\x1b'), "{reply:?}");
    let rows: Vec<&str> = reply.lines().take(6).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|r| r.chars().count() == 12), "{rows:?}");
    // No tower reaches the sky; the towers are drawn in shades.
    assert_eq!(rows[0], " ".repeat(12));
    assert!(
        rows.iter()
            .flat_map(|r| r.chars())
            .all(|c| " █▓▒".contains(c)),
        "{rows:?}"
    );
    assert!(rows[5].chars().any(|c| c != ' '), "{rows:?}");
    assert!(reply.contains("Dedicated to the 8 bit game developers"));
}

#[test]
fn with_replies_off_a_tab_prints_nothing_and_does_not_wait() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "CLIENT REPLY OFF\nSET k v\nCLIENT REPLY SKIP\nGET k", T);
    let t = texts(&p, 0);
    assert!(t.iter().all(|l| l.starts_with("127.0.0.1:6379>")), "{t:?}");
    assert!(p.clients[0].waiting.is_none());
    p.submit(0, "CLIENT REPLY ON\nGET k", T);
    let t = texts(&p, 0);
    assert_eq!(t[t.len() - 3..], ["OK", "127.0.0.1:6379> GET k", "\"v\""]);
}

#[test]
fn tabs_whose_connection_was_killed_connect_again_and_say_so() {
    let mut p = Playground::new(T, 1);
    let b = p.open_client();
    let old = p.clients[b].session;
    p.submit(0, &format!("CLIENT KILL ID {old}"), T);
    assert_eq!(texts(&p, 0).last().map(String::as_str), Some("(integer) 1"));
    let note = "(the server closed this connection; this tab is connected again as a new client)";
    assert_eq!(texts(&p, b).last().map(String::as_str), Some(note));
    assert_ne!(p.clients[b].session, old);
    assert!(p.engine.client_view(p.clients[b].session).is_some());
    // Killing itself: the reply, then a new connection.
    let own = p.clients[0].session;
    p.submit(0, &format!("CLIENT KILL ID {own} SKIPME no"), T);
    let t = texts(&p, 0);
    assert_eq!(
        t[t.len() - 2..],
        ["(integer) 1".to_string(), note.to_string()]
    );
    assert!(p.engine.client_view(own).is_none());
    assert_eq!(p.engine.clients().len(), 2);
}

#[cfg(feature = "lua")]
#[test]
fn a_script_waits_for_the_lua_vm_then_runs_and_so_does_what_follows() {
    use crate::engine::scripting::{vm::Vm, DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MEMORY_LIMIT};
    let mut p = Playground::new(1_700_000_000_000, 1);
    p.engine.set_script_vm_on_demand();
    p.submit(0, "SET a 1", 0);
    p.submit(
        0,
        "EVAL \"return redis.call('INCR', KEYS[1])\" 1 a\nGET a",
        0,
    );
    assert!(p.lua_wanted, "the page is asked to fetch the VM");
    let t = texts(&p, 0);
    assert_eq!(
        t.last().map(String::as_str),
        Some(
            "(loading Lua scripting for the first script: the command runs as soon as it is here)"
        )
    );
    // Typed while it loads: queued behind the script, not run ahead of it.
    p.submit(0, "INCR a", 0);
    assert_eq!(
        p.engine
            .execute(p.clients[0].session, &[b"GET".to_vec(), b"a".to_vec()]),
        Reply::bulk("1")
    );
    let vm = Vm::new(DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MEMORY_LIMIT)
        .map(|v| Box::new(v) as Box<dyn crate::engine::scripting::ScriptVm>);
    p.lua_loaded(vm, 0);
    let t = texts(&p, 0);
    let tail: Vec<&str> = t.iter().rev().take(6).rev().map(String::as_str).collect();
    assert_eq!(
        tail,
        [
            "127.0.0.1:6379> EVAL \"return redis.call('INCR', KEYS[1])\" 1 a",
            "(integer) 2",
            "127.0.0.1:6379> GET a",
            "\"2\"",
            "127.0.0.1:6379> INCR a",
            "(integer) 3",
        ]
    );
    // What waited is one undo step.
    assert_eq!(p.history.undo_label(), Some(WAITED));
    // From then on scripts run at once.
    p.submit(0, "EVAL \"return 7\" 0", 0);
    assert_eq!(texts(&p, 0).last().map(String::as_str), Some("(integer) 7"));
}

#[test]
fn lines_that_compile_lua_wait_for_the_vm() {
    for line in [
        "EVAL \"return 1\" 0",
        "function load \"#!lua name=x\"",
        "FUNCTION RESTORE payload",
        "MULTI",
    ] {
        let want = !line.starts_with("MULTI");
        assert_eq!(line_runs_lua(line), want, "{line}");
    }
}

#[test]
fn a_vm_that_cannot_load_is_reported_and_scripts_get_an_error() {
    let mut p = Playground::new(1_700_000_000_000, 1);
    p.engine.set_script_vm_on_demand();
    p.submit(0, "EVAL \"return 1\" 0", 0);
    assert!(p.lua_wanted);
    p.lua_loaded(Err("network down".into()), 0);
    let t = texts(&p, 0);
    assert!(
        t.iter()
            .any(|l| l == "(error) Lua scripting could not load: network down"),
        "{t:?}"
    );
    assert_eq!(
        t.last().map(String::as_str),
        Some("(error) ERR Lua scripting is not loaded in this page")
    );
    // No second wait: the next script is answered at once.
    p.lua_wanted = false;
    p.submit(0, "EVAL \"return 1\" 0", 0);
    assert!(!p.lua_wanted);
}

#[test]
fn a_console_answers_like_redis_cli() {
    let mut p = Playground::new(T, 1);
    p.submit(
        0,
        "SET greeting \"hello world\"\nGET greeting\nSELECT 2\nINCR n",
        T,
    );
    assert_eq!(
        texts(&p, 0),
        [
            "127.0.0.1:6379> SET greeting \"hello world\"",
            "OK",
            "127.0.0.1:6379> GET greeting",
            "\"hello world\"",
            "127.0.0.1:6379> SELECT 2",
            "OK",
            "127.0.0.1:6379[2]> INCR n",
            "(integer) 1",
        ]
    );
    assert_eq!(p.prompt(0), "127.0.0.1:6379[2]>");
}

#[test]
fn messages_appear_in_the_subscribers_tab() {
    let mut p = Playground::new(T, 1);
    let other = p.open_client();
    p.submit(0, "SUBSCRIBE news sport", T);
    p.submit(other, "PUBLISH news hi", T);
    assert_eq!(
        texts(&p, 0),
        [
            "127.0.0.1:6379> SUBSCRIBE news sport",
            "1) \"subscribe\"\n2) \"news\"\n3) (integer) 1",
            "1) \"subscribe\"\n2) \"sport\"\n3) (integer) 2",
            "1) \"message\"\n2) \"news\"\n3) \"hi\"",
        ]
    );
    assert_eq!(
        texts(&p, other).last().map(String::as_str),
        Some("(integer) 1")
    );
    // Expired-key notifications arrive on the timer, with nobody typing.
    p.submit(
        other,
        "CONFIG SET notify-keyspace-events Ex\nSET k v PX 100",
        T,
    );
    p.submit(0, "PSUBSCRIBE __keyevent@0__:*", T);
    p.tick(T + 500);
    assert_eq!(
        texts(&p, 0).last().map(String::as_str),
        Some("1) \"pmessage\"\n2) \"__keyevent@0__:*\"\n3) \"__keyevent@0__:expired\"\n4) \"k\"")
    );
}

#[test]
fn prompt_help_and_preferences_as_redis_cli() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "SELECT 3", T);
    assert_eq!(p.prompt(0), "127.0.0.1:6379[3]>");
    p.submit(0, "help get\n:set nohints\n:set what\n0 PING", T);
    let t = texts(&p, 0);
    assert!(
        t.iter()
            .any(|l| l.contains("GET key") && l.contains("summary:")),
        "{t:?}"
    );
    assert!(!p.hints);
    assert!(
        t.contains(&"unknown redis-cli preference 'what'".to_string()),
        "{t:?}"
    );
    assert!(
        t.contains(&"Invalid redis-cli repeat command option value.".to_string()),
        "{t:?}"
    );
    p.submit(0, ":set hints\nquit", T);
    assert!(p.hints);
    assert_eq!(
        p.prompt(0),
        "127.0.0.1:6379>",
        "a new connection starts in db 0"
    );
    p.submit(0, "20000 INCR n\nGET n", T);
    assert_eq!(texts(&p, 0).last().map(String::as_str), Some("\"10000\""));
}

#[test]
fn replies_print_as_the_protocol_delivers_them() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "HSET h f v\nZADD z 1.5 m\nHGETALL h\nZSCORE z m", T);
    let t = texts(&p, 0);
    assert!(t.contains(&"1) \"f\"\n2) \"v\"".to_string()), "{t:?}");
    assert!(t.contains(&"\"1.5\"".to_string()), "{t:?}");
    p.submit(0, "HELLO 3\nHGETALL h\nZSCORE z m", T);
    let t = texts(&p, 0);
    assert!(t.contains(&"1# \"f\" => \"v\"".to_string()), "{t:?}");
    assert!(t.contains(&"(double) 1.5".to_string()), "{t:?}");
}

#[test]
fn errors_quotes_repeat_and_clear() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "GET \"unclosed", T);
    p.submit(0, "3 INCR c", T);
    p.submit(0, "FOO", T);
    let t = texts(&p, 0);
    assert!(t.contains(&"Invalid argument(s)".to_string()));
    assert!(t.contains(&"(integer) 3".to_string()));
    assert!(t
        .iter()
        .any(|l| l.starts_with("(error) ERR unknown command 'FOO'")));
    p.submit(0, "clear", T);
    assert!(p.clients[0].lines.is_empty());
    assert_eq!(
        p.clients[0].history,
        ["GET \"unclosed", "3 INCR c", "FOO", "clear"]
    );
}

#[test]
fn clients_are_separate_sessions() {
    let mut p = Playground::new(T, 1);
    let b = p.open_client();
    p.submit(0, "SELECT 1", T);
    p.submit(0, "SET k one", T);
    p.submit(b, "GET k", T);
    assert_eq!(texts(&p, b).last().map(String::as_str), Some("(nil)"));
    p.rename_client(b, "  worker\n ");
    assert_eq!(p.clients[b].name, "worker");
    p.close_client(b);
    assert_eq!(p.clients.len(), 1);
    p.close_client(0);
    assert_eq!(p.clients.len(), 1, "the last tab stays");
}

#[test]
fn html_and_control_bytes_stay_text() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "SET x \"<script>alert(1)</script>\\x07\"", T);
    p.submit(0, "GET x", T);
    assert_eq!(
        texts(&p, 0).last().map(String::as_str),
        Some("\"<script>alert(1)</script>\\a\"")
    );
}

#[test]
fn huge_replies_are_cut_with_a_note() {
    let mut p = Playground::new(T, 1);
    let big = "x".repeat(300_000);
    p.submit(0, &format!("SET big {big}"), T);
    p.submit(0, "GET big", T);
    let last = texts(&p, 0).last().cloned().unwrap_or_default();
    assert!(last.len() < MAX_REPLY_CHARS + 200);
    assert!(last.contains("reply cut"));
}

#[test]
fn a_tab_waits_in_blpop_until_another_tab_pushes() {
    let mut p = Playground::new(T, 1);
    let b = p.open_client();
    // A paste: the line after BLPOP runs only once BLPOP is answered.
    p.submit(0, "BLPOP jobs 0\nLLEN jobs", T);
    assert!(p.clients[0].waiting.is_some());
    assert_eq!(
        p.waiting_text(0).as_deref(),
        Some("Waiting: BLPOP on jobs (no timeout)")
    );
    assert!(!texts(&p, 0).iter().any(|t| t.contains("LLEN")));
    p.submit(b, "RPUSH jobs j1 j2", T);
    assert!(p.clients[0].waiting.is_none());
    let t = texts(&p, 0);
    let served = t.iter().position(|l| l == "1) \"jobs\"\n2) \"j1\"");
    let llen = t.iter().position(|l| l.ends_with("> LLEN jobs"));
    assert!(
        matches!((served, llen), (Some(a), Some(b)) if a < b),
        "{t:?}"
    );
    assert_eq!(t.last().map(String::as_str), Some("(integer) 1"));
}

#[test]
fn a_waiting_tab_times_out_or_is_cancelled() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "BRPOP q 2", T);
    assert_eq!(
        p.waiting_text(0).as_deref(),
        Some("Waiting: BRPOP on q (timeout in 2.0s)")
    );
    p.tick(T + 1_000);
    assert!(p.clients[0].waiting.is_some());
    p.tick(T + 2_000);
    assert!(p.clients[0].waiting.is_none());
    assert_eq!(texts(&p, 0).last().map(String::as_str), Some("(nil)"));
    p.submit(0, "BLPOP q 0", T + 2_000);
    p.cancel_wait(0);
    assert!(p.clients[0].waiting.is_none() && !p.engine.is_blocked(p.clients[0].session));
    let t = texts(&p, 0);
    assert!(t.iter().any(|l| l.starts_with("(cancelled")), "{t:?}");
    assert_eq!(t.last().map(String::as_str), Some("(nil)"));
    // A repeat count goes on after the answer, and waits again.
    p.submit(0, "2 BLPOP q 0", T + 2_000);
    p.submit(0, "RPUSH q x", T + 2_000);
    assert!(
        p.clients[0].waiting.is_some(),
        "the paste waits behind BLPOP"
    );
    let b = p.open_client();
    p.submit(b, "RPUSH q a", T + 2_000);
    // The second run waits too; the queued RPUSH is behind it, as
    // piped input is behind a blocked redis-cli.
    assert!(p.clients[0].waiting.is_some());
    p.submit(b, "RPUSH q b", T + 2_000);
    assert!(p.clients[0].waiting.is_none());
    let t = texts(&p, 0);
    assert_eq!(
        t.iter().filter(|l| l.starts_with("1) \"q\"")).count(),
        2,
        "{t:?}"
    );
    assert_eq!(t.last().map(String::as_str), Some("(integer) 1"), "{t:?}");
}

#[test]
fn a_command_that_says_nothing_leaves_no_older_line_standing() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "SET k v", T);
    p.submit(0, "CONFIG SET requirepass secret", T);
    p.submit(0, "RESET", T);
    p.submit(0, "GET k", T);
    assert_eq!(
        p.narrator.current(),
        Some("GET failed: NOAUTH Authentication required.")
    );
    p.submit(0, "AUTH secret", T);
    p.submit(0, "GET k", T);
    assert_eq!(p.narrator.current(), None);
    p.submit(0, "SET k w", T);
    assert!(p.narrator.current().is_some_and(|l| l.contains('k')));
}

#[test]
fn the_page_starts_with_a_memory_limit_and_meets_oom_not_the_tab_limit() {
    let mut p = Playground::new(T, 1);
    let (_, limit, policy) = p.engine.memory_view();
    assert_eq!((limit, policy), (64 << 20, "noeviction"));
    // A value of 70 MB goes over it: the next write is refused.
    p.submit(0, "SET big x", T);
    p.submit(0, "SETRANGE big 73400320 y", T);
    p.submit(0, "SET other z", T);
    assert_eq!(
        texts(&p, 0).last().map(String::as_str),
        Some("(error) OOM command not allowed when used memory > 'maxmemory'.")
    );
}

#[test]
fn save_says_where_the_file_went_and_keys_show_their_idle_time() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "SET k v", T);
    p.submit(0, "SAVE", T);
    assert_eq!(
        p.narrator.current(),
        Some("SAVE wrote dump.rdb into this page's memory: DEBUG RELOAD reads it back; reloading the page does not keep it")
    );
    p.engine.advance_time(3_000);
    assert_eq!(
        p.engine.key_access(0, b"k"),
        Some(crate::engine::evict::Reason::Idle(3))
    );
    p.submit(0, "CONFIG SET maxmemory-policy allkeys-lfu", T);
    assert_eq!(
        p.engine.key_access(0, b"k"),
        Some(crate::engine::evict::Reason::Frequency(5))
    );
}

/// A reload (a crash played in the persistence tutorial) says the data
/// came back from the file, not only that it was deleted.
#[test]
fn a_reload_says_what_came_back_and_from_where() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "SET cart:1 book", T);
    p.submit(0, "SAVE", T);
    p.submit(0, "SET cart:2 lamp", T);
    p.submit(0, "DEBUG RELOAD NOSAVE", T);
    assert_eq!(
        p.narrator.current(),
        Some("DEBUG emptied the data and read it back from dump.rdb, as a restart does: 1 key")
    );
    p.submit(0, "CONFIG SET appendonly yes", T);
    p.submit(0, "SET cart:3 pen", T);
    p.submit(0, "DEBUG LOADAOF", T);
    assert_eq!(
        p.narrator.current(),
        Some("DEBUG emptied the data and read it back from the AOF, as a restart does: 2 keys")
    );
}

/// A power cut under `appendfsync everysec`, on the time bar's clock:
/// the write the clock's second flushed survives, the one after it is
/// lost, and both tabs are connected again.
#[test]
fn a_power_cut_says_what_the_disk_had_and_reconnects_every_tab() {
    let mut p = Playground::new(T, 1);
    let b = p.open_client();
    p.submit(0, "CONFIG SET appendonly yes", T);
    p.submit(0, "SET cart:1 book", T);
    p.tick(T + 1_000);
    p.submit(0, "SET cart:2 lamp", T + 1_000);
    p.submit(b, "SUBSCRIBE news", T + 1_000);
    p.submit(0, "DEBUG POWER-CUT", T + 1_000);
    assert_eq!(
        p.narrator.current(),
        Some("The power went out; the server started again from the AOF: 1 key. Lost: 1 write written to the AOF but not yet flushed to the disk (appendfsync everysec flushes once a second). Every client was disconnected.")
    );
    for tab in [0, b] {
        assert_eq!(
            texts(&p, tab).last().map(String::as_str),
            Some(
                "(the server closed this connection; this tab is connected again as a new client)"
            )
        );
    }
    p.submit(b, "EXISTS cart:1 cart:2", T + 1_000);
    assert_eq!(texts(&p, b).last().map(String::as_str), Some("(integer) 1"));
    // A crash of the process alone loses nothing the AOF was given.
    p.submit(0, "SET cart:3 pen", T + 1_000);
    p.submit(0, "DEBUG CRASH-AND-RECOVER", T + 1_000);
    assert_eq!(
        p.narrator.current(),
        Some("The server process crashed (as kill -9 does) and started again from the AOF: 2 keys. Nothing was lost: every write had reached the AOF, and the system keeps what a process wrote when the process dies. Every client was disconnected.")
    );
}

/// The AOF picture's text: the files, the commands as logged, and the
/// line under which a power cut loses them.
#[test]
fn the_aof_picture_shows_what_is_logged_and_what_is_not_yet_on_the_disk() {
    let mut p = Playground::new(T, 1);
    p.submit(0, "CONFIG SET appendonly yes", T);
    p.submit(0, "SET cart:1 book", T);
    p.tick(T + 1_000);
    p.submit(0, "SET \"cart 2\" lamp", T + 1_000);
    let v = p.engine.aof_view(12).expect("the AOF is on");
    let (head, lines, note) = crate::web::describe::aof_lines(&v, "everysec");
    assert!(
        head.starts_with("appendonlydir/ holds appendonly.aof.1.base.rdb ("),
        "{head}"
    );
    assert!(
        head.ends_with(
            "then appendonly.aof.1.incr.aof (the writes since, 3 commands), named in the manifest"
        ),
        "{head}"
    );
    assert_eq!(
        lines,
        ["SELECT 0", "SET cart:1 book", "SET \"cart 2\" lamp"]
    );
    let flushed: Vec<bool> = v.lines.iter().map(|l| l.1).collect();
    assert_eq!(flushed, [true, true, false]);
    assert_eq!(
        note.as_deref(),
        Some("1 write below the line is not yet flushed to the disk (appendfsync everysec): a crash of the process keeps it, a power cut loses it")
    );
    // Only the last ones are listed; the rest are counted.
    let v = p.engine.aof_view(1).expect("the AOF is on");
    assert_eq!((v.earlier, v.lines.len()), (2, 1));
    p.submit(0, "CONFIG SET appendonly no", T + 1_000);
    assert!(p.engine.aof_view(12).is_none());
}

/// A dump.rdb opened from a file: its data replaces the page's, in one
/// undo step; a damaged one changes nothing and says why.
#[test]
fn an_opened_dump_rdb_becomes_the_data_and_a_damaged_one_changes_nothing() {
    let mut other = Playground::new(T, 1);
    other.submit(0, "RPUSH jobs a b c", T);
    other.submit(0, "SET greeting hello", T);
    let file = other.engine.rdb_bytes();

    let mut p = Playground::new(T, 1);
    p.submit(0, "SET mine 1", T);
    let mut damaged = file.clone();
    let at = damaged.len() - 12;
    damaged[at] ^= 0xff;
    for bad in [&damaged[..], &file[..file.len() / 2], b"not an rdb"] {
        p.open_rdb(bad, Engine::open_rdb, T);
        let notice = p.notice.clone().unwrap_or_default();
        assert!(
            notice.starts_with("That file is not a dump.rdb this server can load (")
                && notice.ends_with("); nothing was changed."),
            "{notice}"
        );
        p.submit(0, "EXISTS mine jobs", T);
        assert_eq!(texts(&p, 0).last().map(String::as_str), Some("(integer) 1"));
    }
    p.open_rdb(&file, Engine::open_rdb, T);
    assert_eq!(p.notice, None);
    assert_eq!(
        p.narrator.current(),
        Some("The data is now what the dump.rdb you opened holds: 2 keys")
    );
    assert!(texts(&p, 0)
        .last()
        .is_some_and(|l| l.starts_with("(opened a dump.rdb of ") && l.ends_with(": 2 keys)")));
    p.submit(0, "LRANGE jobs 0 -1", T);
    p.submit(0, "EXISTS mine", T);
    assert_eq!(texts(&p, 0).last().map(String::as_str), Some("(integer) 0"));
    // The file is the server's dump.rdb now: a crash comes back to it.
    p.submit(0, "SET later 1", T);
    p.submit(0, "DEBUG CRASH-AND-RECOVER", T);
    p.submit(0, "DBSIZE", T);
    assert_eq!(texts(&p, 0).last().map(String::as_str), Some("(integer) 2"));
}

/// The first load's dump.rdb button asks for the full build and says,
/// in the console that moves with it, where the RDB buttons are.
#[test]
fn the_dump_rdb_button_of_a_first_load_asks_for_the_full_build() {
    let mut p = Playground::new(T, 1);
    p.want_rdb_files();
    assert!(p.ext_wanted);
    assert!(texts(&p, 0)
        .last()
        .is_some_and(|l| l
            .starts_with("(loading the page's full build, which reads and writes dump.rdb files")));
    let mut q = Playground::new(T, 1);
    q.ext_failed = Some("offline".into());
    q.want_rdb_files();
    assert!(!q.ext_wanted);
    assert_eq!(
        q.notice.as_deref(),
        Some("dump.rdb files need the page's full build, which could not load: offline")
    );
}
