//! Connection commands: the ones about the client itself rather than the
//! data (PING, ECHO, SELECT, HELLO, QUIT, RESET, CLIENT ...).
//!
//! CLIENT LIST and CLIENT INFO describe clients in Redis's exact line
//! format, because tools parse it. Facts the engine cannot know (buffer
//! sizes, memory) are plausible constants; facts it does know (id, name,
//! db, age, idle time, last command, protocol) are real.

use crate::engine::args::{eq_ignore_case, int_arg, lower, parse_i64};
use crate::engine::cmd::arg;
use crate::engine::errors;
use crate::engine::{Engine, Session, NUM_DBS};
use crate::reply::Reply;

/// The version every reply that names one gives: the reference server's.
pub const REDIS_VERSION: &str = "7.0.15";

const BAD_CLIENT_NAME: &str =
    "ERR Client names cannot contain spaces, newlines or special characters.";
const NOPROTO: &str = "NOPROTO unsupported protocol version";
const BAD_PROTOVER: &str = "ERR Protocol version is not an integer or out of range";
pub(crate) const WRONGPASS: &str = "WRONGPASS invalid username-password pair or user is disabled.";
const INVALID_CLIENT_ID: &str = "ERR Invalid client ID";
const INT_RANGE: &str = "ERR value is out of range, value must between -2147483648 and 2147483647";

/// PING [message]
///
/// PONG as a status, or the message back as a bulk string. Arity is -1 in
/// the table (so that the error names `ping`), hence the check here.
///
/// A RESP2 client in subscribed mode gets `["pong", message]` instead,
/// since any reply there must look like a message.
pub fn ping(_: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if sess.resp == 2 && sess.subs.active() && argv.len() <= 2 {
        return Reply::Array(vec![
            Reply::bulk("pong"),
            Reply::Bulk(argv.get(1).cloned().unwrap_or_default()),
        ]);
    }
    match argv.len() {
        1 => Reply::simple("PONG"),
        2 => Reply::Bulk(argv.get(1).cloned().unwrap_or_default()),
        _ => Reply::err(errors::wrong_arity("ping")),
    }
}

/// ECHO message
pub fn echo(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    Reply::Bulk(argv.get(1).cloned().unwrap_or_default())
}

/// SELECT index
///
/// Redis reads the index as a C `int` (`getIntFromObjectOrReply`): not an
/// integer at all, an integer outside `int`, and a valid `int` that is not
/// a database each have their own error.
pub fn select(_: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let id = match argv.get(1).map(|a| c_int_arg(a)) {
        Some(Ok(v)) => v,
        Some(Err(e)) => return e,
        None => return Reply::err(errors::NOT_INTEGER),
    };
    match usize::try_from(id) {
        Ok(db) if db < NUM_DBS => {
            sess.db = db;
            Reply::ok()
        }
        _ => Reply::err(errors::DB_INDEX_OUT_OF_RANGE),
    }
}

/// `getIntFromObjectOrReply` without a custom message: a strict integer,
/// then the range of a C `int`, with Redis's own (ungrammatical) wording.
pub(crate) fn c_int_arg(arg: &[u8]) -> Result<i32, Reply> {
    let v = parse_i64(arg).ok_or_else(|| Reply::err(errors::NOT_INTEGER))?;
    i32::try_from(v).map_err(|_| Reply::err(INT_RANGE))
}

/// HELLO [protover [AUTH username password] [SETNAME clientname]]
///
/// Checks come in 7.0's order: the version, then the options left to
/// right, each checked as it is read (credentials and names alike); only
/// when all pass do the name and protocol change, so the reply itself
/// already uses the new protocol.
/// Without a password configured (requirepass), the default user takes
/// any password, as on a fresh server; no other user exists.
pub fn hello(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut ver: Option<u8> = None;
    if let Some(arg) = argv.get(1) {
        let Some(v) = parse_i64(arg) else {
            return Reply::err(BAD_PROTOVER);
        };
        if !(2..=3).contains(&v) {
            return Reply::err(NOPROTO);
        }
        ver = Some(v as u8);
    }
    let mut authed = false;
    let mut j = 2;
    while let Some(opt) = argv.get(j) {
        let more = argv.len() - 1 - j;
        if eq_ignore_case(opt, "auth") && more >= 2 {
            let user = argv.get(j + 1).map(|u| u.as_slice()).unwrap_or_default();
            let pass = argv.get(j + 2).map(|p| p.as_slice()).unwrap_or_default();
            if !eng.authenticate(sess, argv, user, pass) {
                return Reply::err(WRONGPASS);
            }
            authed = true;
            j += 3;
        } else if eq_ignore_case(opt, "setname") && more >= 1 {
            let n = argv.get(j + 1).map(|n| n.as_slice()).unwrap_or_default();
            if let Err(e) = check_client_name(n) {
                return e;
            }
            // Set at once, as Redis does, even if NOAUTH follows.
            if let Err(e) = set_client_name(sess, n) {
                return e;
            }
            j += 2;
        } else {
            return Reply::err(format!(
                "ERR Syntax error in HELLO option '{}'",
                errors::clip(opt, usize::MAX)
            ));
        }
    }
    // Redis asks whether this client authenticated (`c->authenticated`),
    // not whether a password is needed now.
    if !authed && eng.unauthenticated.contains(&sess.id) {
        return Reply::err("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
    }
    if let Some(v) = ver {
        sess.resp = v;
    }
    Reply::map(vec![
        (Reply::bulk("server"), Reply::bulk("redis")),
        (Reply::bulk("version"), Reply::bulk(REDIS_VERSION)),
        (Reply::bulk("proto"), Reply::Integer(i64::from(sess.resp))),
        (Reply::bulk("id"), Reply::Integer(sess.id as i64)),
        (Reply::bulk("mode"), Reply::bulk("standalone")),
        (Reply::bulk("role"), Reply::bulk("master")),
        (Reply::bulk("modules"), Reply::Array(Vec::new())),
    ])
}

/// QUIT
///
/// Deprecated since 7.2 but still answered: OK, then the host closes the
/// connection (it watches `closing`). Extra arguments are ignored (arity -1).
pub fn quit(_: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    sess.closing = true;
    Reply::ok()
}

/// RESET
///
/// Back to a fresh connection's state without reconnecting: db 0, RESP2,
/// no name. Transactions, WATCH, subscriptions and tracking are cleared
/// here too as those features land (`Engine::reset_session` is their hook).
pub fn reset(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.reset_session(sess);
    Reply::simple("RESET")
}

/// CLIENT ID
pub fn client_id(_: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    Reply::Integer(sess.id as i64)
}

/// CLIENT SETNAME connection-name
///
/// An empty name removes the name. Names are single printable ASCII words
/// because CLIENT LIST prints them unquoted in a space-separated line.
pub fn client_setname(_: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let name = argv.get(2).map(|n| n.as_slice()).unwrap_or_default();
    match set_client_name(sess, name) {
        Ok(()) => Reply::ok(),
        Err(e) => e,
    }
}

/// CLIENT UNBLOCK client-id [TIMEOUT|ERROR]
///
/// Ends another client's wait in a blocking command: TIMEOUT (the default)
/// answers it as its timeout would, ERROR with the UNBLOCKED error. 1 when
/// that client was waiting.
pub fn client_unblock(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 4 {
        // CLIENT checks this itself, in the words it uses for a subcommand
        // it does not know.
        return Reply::err(format!(
            "ERR unknown subcommand or wrong number of arguments for '{}'. Try CLIENT HELP.",
            errors::clip(arg(argv, 1), 128)
        ));
    }
    let id = match int_arg(arg(argv, 2)) {
        Ok(id) => id,
        Err(e) => return e,
    };
    let error = match argv.get(3) {
        None => false,
        Some(w) if eq_ignore_case(w, "timeout") => false,
        Some(w) if eq_ignore_case(w, "error") => true,
        Some(_) => return Reply::err("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"),
    };
    let done = u64::try_from(id).is_ok_and(|id| eng.unblock_client(id, error));
    Reply::Integer(i64::from(done))
}

/// CLIENT GETNAME
pub fn client_getname(_: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    match &sess.name {
        Some(n) => Reply::Bulk(n.clone()),
        None => Reply::Null,
    }
}

/// CLIENT INFO
///
/// This connection's CLIENT LIST line; a verbatim string in RESP3.
pub fn client_info(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut out = client_line(eng, sess, Some(argv));
    out.push('\n');
    Reply::Verbatim("txt".to_string(), out.into_bytes())
}

/// CLIENT LIST [TYPE NORMAL | MASTER | REPLICA | PUBSUB] [ID client-id [client-id ...]]
///
/// As in 7.0 the two filters do not combine: TYPE must be the only option
/// (with exactly one value), and ID takes every argument after it, each
/// of which must be an integer; unknown ids are skipped silently.
pub fn client_list(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut out = String::new();
    let opt = argv.get(2);
    if argv.len() == 4 && opt.is_some_and(|o| eq_ignore_case(o, "type")) {
        let kind = argv.get(3).map(|t| lower(t)).unwrap_or_default();
        // Every client here is a normal one until pub/sub marks some.
        let wanted = match kind.as_str() {
            "normal" => true,
            "master" | "slave" | "replica" | "pubsub" => false,
            _ => {
                let typed = argv
                    .get(3)
                    .map(|t| errors::clip(t, usize::MAX))
                    .unwrap_or_default();
                return Reply::err(format!("ERR Unknown client type '{typed}'"));
            }
        };
        if wanted {
            for line in all_client_lines(eng, sess, argv) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    } else if argv.len() > 3 && opt.is_some_and(|o| eq_ignore_case(o, "id")) {
        let mut ids = Vec::new();
        for a in argv.iter().skip(3) {
            match parse_i64(a) {
                Some(id) => ids.push(id),
                None => return Reply::err(INVALID_CLIENT_ID),
            }
        }
        for id in ids {
            let line = if id == sess.id as i64 {
                Some(client_line(eng, sess, Some(argv)))
            } else {
                u64::try_from(id)
                    .ok()
                    .and_then(|id| eng.session(id))
                    .map(|s| client_line(eng, s, None))
            };
            if let Some(line) = line {
                out.push_str(&line);
                out.push('\n');
            }
        }
    } else if argv.len() != 2 {
        return Reply::err(errors::SYNTAX);
    } else {
        for line in all_client_lines(eng, sess, argv) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    Reply::Verbatim("txt".to_string(), out.into_bytes())
}

/// CLIENT HELP
pub fn client_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("client|help")
}

/// Names are printable ASCII without spaces (or empty, which clears).
fn check_client_name(name: &[u8]) -> Result<(), Reply> {
    if name.iter().any(|&c| !(b'!'..=b'~').contains(&c)) {
        return Err(Reply::err(BAD_CLIENT_NAME));
    }
    Ok(())
}

/// Set or clear (empty name) the connection name, or Redis's refusal.
fn set_client_name(sess: &mut Session, name: &[u8]) -> Result<(), Reply> {
    check_client_name(name)?;
    sess.name = if name.is_empty() {
        None
    } else {
        Some(name.to_vec())
    };
    Ok(())
}

/// Every client's line, the caller's included (it is out of the session
/// map while its command runs), ordered by id as Redis lists them.
fn all_client_lines(eng: &Engine, me: &Session, argv: &[Vec<u8>]) -> Vec<String> {
    let mut lines: Vec<(u64, String)> = eng
        .sessions()
        .map(|s| (s.id, client_line(eng, s, None)))
        .collect();
    lines.push((me.id, client_line(eng, me, Some(argv))));
    lines.sort_unstable_by_key(|(id, _)| *id);
    lines.into_iter().map(|(_, l)| l).collect()
}

/// One CLIENT LIST line, in 7.0.15's field order. `running` is the argv of
/// the command this client is running now (the caller): Redis shows its
/// query buffer and argument memory, and idle time 0.
pub(crate) fn client_line(eng: &Engine, s: &Session, running: Option<&[Vec<u8>]>) -> String {
    client_line_as(eng, s, running, &eng.client_user(s.id))
}

/// CLIENT LIST's line of a client authenticated as `user` (ACL writes
/// one into its log while it holds the users).
pub(crate) fn client_line_as(
    eng: &Engine,
    s: &Session,
    running: Option<&[Vec<u8>]>,
    user: &str,
) -> String {
    let now = eng.now_ms();
    let age = (now - s.created_ms).max(0) / 1000;
    let idle = if running.is_some() {
        0
    } else {
        (now - s.last_ms).max(0) / 1000
    };
    // The query buffer holds the running command in RESP form.
    let (qbuf, argv_mem) = match running {
        Some(argv) => {
            let mut q = 1 + argv.len().to_string().len() + 2;
            for a in argv {
                q += 1 + a.len().to_string().len() + 2 + a.len() + 2;
            }
            (q, argv.iter().map(|a| a.len()).sum::<usize>())
        }
        None => (0, 0),
    };
    const QBUF_SIZE: usize = 20474;
    const BASE_MEM: usize = 37632;
    let addr = if s.addr.addr.is_empty() {
        format!("127.0.0.1:{}", 50000 + s.id % 10000)
    } else {
        s.addr.addr.clone()
    };
    let laddr = if s.addr.laddr.is_empty() {
        "127.0.0.1:6379".to_string()
    } else {
        s.addr.laddr.clone()
    };
    let fd = if s.addr.fd > 0 {
        s.addr.fd
    } else {
        7 + s.id as i64
    };
    // Redis's letters, in its order: O in MONITOR, P subscribed, x
    // inside MULTI, b blocked, e left out of client eviction, N for none.
    let mut flags = String::new();
    if s.monitor {
        flags.push('O');
    }
    if s.subs.active() {
        flags.push('P');
    }
    if s.multi.is_some() {
        flags.push('x');
    }
    if s.blocked.is_some() {
        flags.push('b');
    }
    let (tracking, redir) = eng
        .tracker
        .as_ref()
        .and_then(|t| t.client_flags(s.id))
        .unwrap_or((String::new(), -1));
    flags.push_str(&tracking);
    if s.no_evict {
        flags.push('e');
    }
    if flags.is_empty() {
        flags.push('N');
    }
    let (multi, multi_mem) = match &s.multi {
        Some(m) => (
            m.queue.len() as i64,
            m.queue.iter().flatten().map(|a| a.len() + 8).sum::<usize>(),
        ),
        None => (-1, 0),
    };
    let name = s
        .name
        .as_deref()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    format!(
        "id={} addr={addr} laddr={laddr} fd={fd} name={name} age={age} idle={idle} flags={flags} db={} \
         sub={} psub={} ssub={} multi={multi} qbuf={qbuf} qbuf-free={} argv-mem={argv_mem} multi-mem={multi_mem} \
         rbs=16384 rbp={} obl=0 oll=0 omem=0 tot-mem={} events=r cmd={} user={user} redir={redir} resp={}",
        s.id,
        s.db,
        s.subs.channels.len(),
        s.subs.patterns.len(),
        s.subs.shard.len(),
        QBUF_SIZE.saturating_sub(qbuf),
        if running.is_some() { 16384 } else { 0 },
        BASE_MEM + qbuf,
        s.last_cmd,
        s.resp,
    )
}

impl Engine {
    /// AUTH and HELLO AUTH while ACL keeps no users: the only user is
    /// `default`; with no requirepass it takes any password, as on a
    /// fresh Redis.
    pub(crate) fn check_password(&self, user: &[u8], pass: &[u8]) -> bool {
        if user != b"default" {
            return false;
        }
        !self.default_user_has_password()
            || self
                .config
                .get_str("requirepass")
                .is_some_and(|p| p.as_bytes() == pass)
    }

    /// What RESET clears. Connection features that keep per-client state
    /// (MULTI, WATCH, subscriptions, tracking) add their clearing here.
    pub(crate) fn reset_session(&mut self, sess: &mut Session) {
        self.forget_client_state(sess);
        // Back to the default user, who must authenticate again if it
        // has a password.
        if let Some(g) = &mut self.acl {
            g.forget(sess.id);
        }
        self.require_auth(sess.id);
        if let Some(t) = &mut self.tracker {
            t.closed(sess.id);
        }
        if sess.monitor {
            sess.monitor = false;
            self.monitors.retain(|m| *m != sess.id);
        }
        sess.db = 0;
        sess.resp = 2;
        sess.name = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{ClientAddr, Engine};
    use crate::reply::Reply;

    fn run(e: &mut Engine, s: u64, line: &str) -> Reply {
        let argv: Vec<Vec<u8>> = line.split(' ').map(|a| a.as_bytes().to_vec()).collect();
        e.execute(s, &argv)
    }

    fn text(r: Reply) -> String {
        match r {
            Reply::Bulk(b) | Reply::Verbatim(_, b) => String::from_utf8(b).unwrap_or_default(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn hello_switches_protocol_only_on_success() {
        let mut e = Engine::default();
        let s = e.open_session(ClientAddr::default());
        assert_eq!(
            run(&mut e, s, "HELLO 4"),
            Reply::err("NOPROTO unsupported protocol version")
        );
        assert_eq!(
            run(&mut e, s, "HELLO x"),
            Reply::err("ERR Protocol version is not an integer or out of range")
        );
        assert_eq!(
            run(&mut e, s, "HELLO 3 SETNAME a\tb"),
            Reply::err(super::BAD_CLIENT_NAME)
        );
        assert_eq!(e.session(s).map(|x| x.resp), Some(2));
        assert_eq!(
            run(&mut e, s, "HELLO 3 auth default"),
            Reply::err("ERR Syntax error in HELLO option 'auth'")
        );
        assert_eq!(
            run(&mut e, s, "HELLO 3 AUTH bob pw"),
            Reply::err(super::WRONGPASS)
        );
        let Reply::Map(pairs) = run(&mut e, s, "HELLO 3 AUTH default anything SETNAME me") else {
            panic!()
        };
        assert_eq!(
            pairs.get(2),
            Some(&(Reply::bulk("proto"), Reply::Integer(3)))
        );
        assert_eq!(
            pairs.get(3),
            Some(&(Reply::bulk("id"), Reply::Integer(s as i64)))
        );
        assert_eq!(e.session(s).map(|x| x.resp), Some(3));
        assert_eq!(run(&mut e, s, "CLIENT GETNAME"), Reply::bulk("me"));
        assert_eq!(run(&mut e, s, "RESET"), Reply::simple("RESET"));
        assert_eq!(
            e.session(s).map(|x| (x.resp, x.db, x.name.clone())),
            Some((2, 0, None))
        );
    }

    #[test]
    fn no_evict_shows_as_the_e_flag() {
        let mut e = Engine::default();
        let a = e.open_session(ClientAddr::default());
        assert_eq!(run(&mut e, a, "CLIENT NO-EVICT on"), Reply::ok());
        assert!(text(run(&mut e, a, "CLIENT INFO")).contains(" flags=e "));
        run(&mut e, a, "CLIENT NO-EVICT off");
        assert!(text(run(&mut e, a, "CLIENT INFO")).contains(" flags=N "));
    }

    #[test]
    fn client_list_lines() {
        let mut e = Engine::default();
        let a = e.open_session(ClientAddr {
            addr: "127.0.0.1:5000".into(),
            laddr: "127.0.0.1:6379".into(),
            fd: 9,
        });
        let b = e.open_session(ClientAddr::default());
        run(&mut e, b, "SELECT 3");
        run(&mut e, b, "CLIENT SETNAME bob");
        e.advance_time(2500);
        let list = text(run(&mut e, a, "CLIENT LIST"));
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(list.ends_with('\n'));
        assert_eq!(
            lines.first().copied().unwrap_or_default(),
            format!(
                "id={a} addr=127.0.0.1:5000 laddr=127.0.0.1:6379 fd=9 name= age=2 idle=0 flags=N db=0 sub=0 psub=0 \
                 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 \
                 omem=0 tot-mem=37658 events=r cmd=client|list user=default redir=-1 resp=2"
            )
        );
        let second = lines.get(1).copied().unwrap_or_default();
        assert!(second.starts_with(&format!("id={b} ")), "{second}");
        assert!(
            second.contains(" name=bob age=2 idle=2 flags=N db=3 "),
            "{second}"
        );
        assert!(second.contains(" cmd=client|setname "), "{second}");
        // Filters.
        assert_eq!(text(run(&mut e, a, "CLIENT LIST TYPE pubsub")), "");
        assert_eq!(
            text(run(&mut e, a, "CLIENT LIST TYPE NORMAL"))
                .lines()
                .count(),
            2
        );
        assert_eq!(
            run(&mut e, a, "CLIENT LIST TYPE foo"),
            Reply::err("ERR Unknown client type 'foo'")
        );
        let by_id = text(run(&mut e, a, &format!("CLIENT LIST ID {b} 999 {b}")));
        assert_eq!(by_id.lines().count(), 2);
        assert_eq!(
            run(&mut e, a, "CLIENT LIST ID x"),
            Reply::err("ERR Invalid client ID")
        );
        assert_eq!(
            run(&mut e, a, "CLIENT LIST ID"),
            Reply::err("ERR syntax error")
        );
        let info = text(run(&mut e, a, "CLIENT INFO"));
        assert!(
            info.starts_with(&format!("id={a} ")) && info.ends_with("resp=2\n"),
            "{info}"
        );
    }

    #[test]
    fn select_and_ping() {
        let mut e = Engine::default();
        let s = e.open_session(ClientAddr::default());
        assert_eq!(run(&mut e, s, "SELECT 15"), Reply::ok());
        assert_eq!(
            run(&mut e, s, "SELECT 16"),
            Reply::err("ERR DB index is out of range")
        );
        assert_eq!(
            run(&mut e, s, "SELECT 4294967296"),
            Reply::err(super::INT_RANGE)
        );
        assert_eq!(
            run(&mut e, s, "SELECT 99999999999999999999"),
            Reply::err("ERR value is not an integer or out of range")
        );
        assert_eq!(run(&mut e, s, "PING"), Reply::simple("PONG"));
        assert_eq!(
            run(&mut e, s, "PING a b"),
            Reply::err("ERR wrong number of arguments for 'ping' command")
        );
        assert_eq!(run(&mut e, s, "QUIT"), Reply::ok());
        assert_eq!(e.session(s).map(|x| x.closing), Some(true));
    }
}
