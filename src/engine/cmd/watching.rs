//! Watching the server: MONITOR, CLIENT NO-EVICT, SLOWLOG (its log is
//! kept by `slowlog.rs`) and LATENCY, which answers as a Redis whose latency monitor has recorded
//! nothing: the engine clock does not move while a command runs, so there
//! is no latency to record. Part of the rest of the engine (`cmd::ext`).

use super::arg;
use crate::engine::args::parse_i64;
use crate::engine::table::flag;
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// SLOWLOG GET [count]
pub fn slowlog_get(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return super::sub_syntax(argv);
    }
    let count = match argv.get(2) {
        None => 10,
        Some(raw) => match parse_i64(raw) {
            Some(-1) => usize::MAX,
            Some(n) if n >= 0 => usize::try_from(n).unwrap_or(usize::MAX),
            _ => return Reply::err("ERR count should be greater than or equal to -1"),
        },
    };
    Reply::Array(
        eng.slowlog
            .entries
            .iter()
            .take(count)
            .map(|e| {
                Reply::Array(vec![
                    Reply::Integer(e.id as i64),
                    Reply::Integer(e.time),
                    Reply::Integer(e.duration),
                    Reply::Array(e.args.iter().cloned().map(Reply::Bulk).collect()),
                    Reply::Bulk(e.peer.clone().into_bytes()),
                    Reply::Bulk(e.name.clone()),
                ])
            })
            .collect(),
    )
}

/// SLOWLOG LEN
pub fn slowlog_len(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(eng.slowlog.entries.len() as i64)
}

/// SLOWLOG RESET
pub fn slowlog_reset(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.slowlog.entries.clear();
    Reply::ok()
}

/// SLOWLOG HELP
pub fn slowlog_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("slowlog|help")
}

/// LATENCY LATEST
pub fn latency_latest(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Array(Vec::new())
}

/// LATENCY HISTORY event
pub fn latency_history(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Array(Vec::new())
}

/// LATENCY RESET [event [event ...]]
pub fn latency_reset(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(0)
}

/// LATENCY GRAPH event
pub fn latency_graph(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    Reply::err(format!(
        "ERR No samples available for event '{}'",
        String::from_utf8_lossy(arg(argv, 2))
    ))
}

/// LATENCY DOCTOR
pub fn latency_doctor(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Verbatim(
        "txt".into(),
        b"No latency was recorded: this server's latency monitor keeps no samples (the engine clock does not move while a command runs). With redis-server, CONFIG SET latency-monitor-threshold <milliseconds> turns the monitor on.\n".to_vec(),
    )
}

/// LATENCY HELP
pub fn latency_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("latency|help")
}

/// CLIENT NO-EVICT <ON | OFF>
pub fn client_no_evict(_: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let on = arg(argv, 2);
    if crate::engine::args::eq_ignore_case(on, "on") {
        sess.no_evict = true;
    } else if crate::engine::args::eq_ignore_case(on, "off") {
        sess.no_evict = false;
    } else {
        return Reply::err(crate::engine::errors::SYNTAX);
    }
    Reply::ok()
}

/// MONITOR
///
/// From now on this client gets every command the server runs, as Redis
/// feeds its monitors: after the command ran, with the time, the
/// database and who ran it (`lua` for a script's calls), each argument
/// quoted; commands flagged `admin` or `skip_monitor` are not shown.
pub fn monitor(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    if eng.in_exec {
        return Reply::err("ERR MONITOR isn't allowed for DENY BLOCKING client");
    }
    if sess.monitor {
        // Redis ignores a second MONITOR without a word: this reply is
        // skipped as CLIENT REPLY SKIP would skip it.
        if sess.reply_mode == 0 {
            sess.reply_mode = 3;
        }
        return Reply::ok();
    }
    sess.monitor = true;
    eng.monitors.push(sess.id);
    Reply::ok()
}

/// One argument as Redis's `sdscatrepr` writes it: quoted, with `\n`,
/// `\r`, `\t`, `\a`, `\b`, `\\` and `\"` escaped and other bytes outside
/// printable ASCII as `\xHH`.
fn repr(out: &mut String, arg: &[u8]) {
    use std::fmt::Write;
    out.push('"');
    for &b in arg {
        match b {
            b'\\' | b'"' => {
                out.push('\\');
                out.push(b as char);
            }
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
}

impl Engine {
    /// After every command (in builds with the rest of the engine): the
    /// slow log, then the monitors.
    pub(crate) fn after_ext_command(
        &mut self,
        sess: &mut Session,
        cmd: &'static crate::engine::table::Command,
        argv: &[Vec<u8>],
    ) {
        let redacted = redact(cmd.name, argv);
        let argv = redacted.as_deref().unwrap_or(argv);
        match sess.blocked.as_mut() {
            None => self.slowlog_record(sess, cmd, argv),
            // It waits: the log has it once it is served (held back by a
            // pause, it runs again and is logged then).
            Some(b) if !matches!(b.wait, crate::engine::blocking::Wait::Postponed(_)) => {
                b.slowlog = self.slowlog_pending(cmd, argv);
            }
            Some(_) => {}
        }
        let sess = &*sess;
        if let Some(mut t) = self.tracker.take() {
            t.after_command(self, sess, cmd, argv);
            self.tracker = Some(t);
        }
        if self.monitors.is_empty() || cmd.is(flag::ADMIN) || cmd.is(flag::SKIP_MONITOR) {
            return;
        }
        self.feed_monitors(sess, argv);
    }

    /// Show a command to every monitor (passwords already redacted).
    pub(crate) fn feed_monitors(&mut self, sess: &Session, argv: &[Vec<u8>]) {
        let now = self.now_us();
        let mut line = format!(
            "{}.{:06} [{} ",
            now.div_euclid(1_000_000),
            now.rem_euclid(1_000_000),
            sess.db
        );
        line.push_str(if self.in_script {
            "lua"
        } else {
            &sess.addr.addr
        });
        line.push(']');
        for a in argv {
            line.push(' ');
            repr(&mut line, a);
        }
        // The client whose command this is sees its line after its reply.
        let running = (!self.command_stack.is_empty()).then_some(self.current);
        for id in self.monitors.clone() {
            self.push_after_reply(id, Reply::Simple(line.clone()), running == Some(id));
        }
    }
}

/// CLIENT KILL <ip:port | <[ID client-id] | [TYPE <normal | master | slave | replica | pubsub>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME <yes | no>]> [...]>
///
/// Closes the matching clients once this command is over (this one too
/// when it matches and SKIPME is no, or with the old one-address form,
/// after its reply). Every client here is the `default` user's.
pub fn client_kill(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    use crate::engine::args::eq_ignore_case;
    use crate::engine::errors::{clip, SYNTAX};
    let (mut addr, mut laddr, mut kind, mut id, mut skipme) = (None, None, None, 0u64, true);
    let mut user: Option<String> = None;
    if argv.len() == 3 {
        addr = argv.get(2);
        skipme = false;
    } else if argv.len() > 3 {
        let mut i = 2;
        while i < argv.len() {
            let (opt, value) = (arg(argv, i), argv.get(i + 1));
            let Some(value) = value else {
                return Reply::err(SYNTAX);
            };
            if eq_ignore_case(opt, "id") {
                match parse_i64(value) {
                    Some(n) if n >= 1 => id = n as u64,
                    _ => return Reply::err("ERR client-id should be greater than 0"),
                }
            } else if eq_ignore_case(opt, "type") {
                let t = String::from_utf8_lossy(value).to_ascii_lowercase();
                kind = Some(match t.as_str() {
                    "normal" | "pubsub" | "master" => t,
                    "slave" | "replica" => "replica".to_string(),
                    _ => {
                        return Reply::err(format!(
                            "ERR Unknown client type '{}'",
                            clip(value, usize::MAX)
                        ))
                    }
                });
            } else if eq_ignore_case(opt, "addr") {
                addr = Some(value);
            } else if eq_ignore_case(opt, "laddr") {
                laddr = Some(value);
            } else if eq_ignore_case(opt, "user") {
                if !eng.has_acl_user(value) {
                    return Reply::err(format!("ERR No such user '{}'", clip(value, usize::MAX)));
                }
                user = Some(String::from_utf8_lossy(value).into_owned());
            } else if eq_ignore_case(opt, "skipme") {
                if eq_ignore_case(value, "yes") {
                    skipme = true;
                } else if eq_ignore_case(value, "no") {
                    skipme = false;
                } else {
                    return Reply::err(SYNTAX);
                }
            } else {
                return Reply::err(SYNTAX);
            }
            i += 2;
        }
    } else {
        return Reply::err(SYNTAX);
    }
    let matches = |s: &Session| {
        // Redis's client types: a subscribed client is pubsub, a monitor
        // counts as normal; nothing here is a master or a replica.
        let t = if s.subs.active() { "pubsub" } else { "normal" };
        // One closing after its reply is as good as gone.
        !s.closing
            && addr.is_none_or(|a| a.as_slice() == s.addr.addr.as_bytes())
            && laddr.is_none_or(|a| a.as_slice() == s.addr.laddr.as_bytes())
            && kind.as_deref().is_none_or(|k| k == t)
            && (id == 0 || s.id == id)
            && user.as_ref().is_none_or(|u| *u == eng.client_user(s.id))
    };
    let mut killed: Vec<u64> = eng
        .sessions()
        .filter(|s| matches(s))
        .map(|s| s.id)
        .collect();
    if !skipme && matches(sess) {
        killed.push(sess.id);
    }
    let n = killed.len();
    // Closed once this command is over (this client after its reply).
    eng.doomed.extend(killed);
    if argv.len() == 3 {
        if n == 0 {
            Reply::err("ERR No such client")
        } else {
            Reply::ok()
        }
    } else {
        Reply::Integer(n as i64)
    }
}

/// CLIENT REPLY <ON | OFF | SKIP>
///
/// OFF: no more replies (nor to this command) until ON; SKIP: none to
/// this command and the next. Pushes (messages, invalidations) still
/// come. `Engine::submit` keeps the replies back.
pub fn client_reply(_: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    use crate::engine::args::eq_ignore_case;
    let opt = arg(argv, 2);
    if eq_ignore_case(opt, "on") {
        sess.reply_mode = 0;
    } else if eq_ignore_case(opt, "off") {
        sess.reply_mode = 1;
    } else if eq_ignore_case(opt, "skip") {
        if sess.reply_mode != 1 {
            sess.reply_mode = 2;
        }
    } else {
        return Reply::err(crate::engine::errors::SYNTAX);
    }
    Reply::ok()
}

/// CLIENT PAUSE timeout [WRITE | ALL]
///
/// Holds back every client's commands (ALL, the default) or those that
/// write (WRITE) until `timeout` milliseconds on the engine clock have
/// passed or CLIENT UNPAUSE; a second pause only lengthens or widens it.
/// Under ALL, even CLIENT UNPAUSE from another client waits, as in Redis
/// 7.0.
pub fn client_pause(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    use crate::engine::args::eq_ignore_case;
    if argv.len() > 4 {
        return super::sub_syntax(argv);
    }
    let all = match argv.get(3) {
        None => true,
        Some(m) if eq_ignore_case(m, "write") => false,
        Some(m) if eq_ignore_case(m, "all") => true,
        Some(_) => return Reply::err("ERR CLIENT PAUSE mode must be WRITE or ALL"),
    };
    let Some(ms) = parse_i64(arg(argv, 2)) else {
        return Reply::err("ERR timeout is not an integer or out of range");
    };
    if ms < 0 {
        return Reply::err("ERR timeout is negative");
    }
    let end = if ms > 0 {
        eng.now_ms().saturating_add(ms)
    } else {
        0
    };
    let (old_end, old_all) = eng.pause.unwrap_or((0, false));
    eng.pause = Some((old_end.max(end), old_all || all));
    Reply::ok()
}

/// CLIENT UNPAUSE
pub fn client_unpause(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.end_pause();
    Reply::ok()
}

/// Passwords never reach SLOWLOG or MONITOR: AUTH's arguments and HELLO
/// AUTH's user name and password show as `(redacted)`, as in Redis.
fn redact(name: &str, argv: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    const HIDDEN: &[u8] = b"(redacted)";
    match name {
        "auth" => {
            let mut v = argv.to_vec();
            v.iter_mut().skip(1).for_each(|a| *a = HIDDEN.to_vec());
            Some(v)
        }
        "hello" => {
            // Walk the options as HELLO reads them: a client named "auth"
            // is a name, not the start of credentials.
            let mut v = argv.to_vec();
            let mut j = 2;
            while let Some(opt) = argv.get(j) {
                let more = argv.len() - 1 - j;
                if opt.eq_ignore_ascii_case(b"auth") && more >= 2 {
                    v[j + 1] = HIDDEN.to_vec();
                    v[j + 2] = HIDDEN.to_vec();
                    j += 3;
                } else if opt.eq_ignore_ascii_case(b"setname") && more >= 1 {
                    j += 2;
                } else {
                    break;
                }
            }
            Some(v)
        }
        _ => None,
    }
}
