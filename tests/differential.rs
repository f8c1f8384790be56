//! Differential tests: every script under tests/scripts is played against a
//! real redis-server and against Reddish, and every reply is compared.
//!
//! Reddish runs in two ways: in-process (the engine called directly, its
//! replies put through the RESP encoder and decoder so that both sides are
//! compared as a client would see them) and through the native server over
//! TCP. redis-server must be installed: the suite fails, never skips,
//! without it (`cargo xtask test` installs it).
//!
//! Script format, one command per line in redis-cli syntax:
//!
//! ```text
//! # comment
//! SET k v                 reply compared exactly
//! @client 2               following commands run on client 2 (opened on first use)
//! @sleep 120              both sides wait 120 ms of real time
//! @unordered KEYS *       array replies compared as multisets
//! @approx 1 TTL k         integer replies may differ by 1
//! @same-type CLIENT ID    only the kind of reply is compared
//! @scan-all SCAN 0 COUNT 3  iterate to the end; compare the sets of elements
//! @monitor 2              the next 2 MONITOR lines this client receives,
//!                         compared with the time and the client's address
//!                         masked (both checked for their form)
//! @read 2                 the next 2 frames this client receives (pushes,
//!                         further subscribe confirmations), compared exactly
//! @send BLPOP k 0         send without reading: the reply (once a blocked
//!                         client is served) is read later with @read
//! @lines blocked_ INFO    only the lines starting with `blocked_` compared
//! @save ID CLIENT ID      compare the kind of reply, and keep each server's
//!                         own answer: `{ID}` in later lines is replaced by it
//! @shape 7 LOLWUT VERSION 5  a random drawing: the first 7 lines and the
//!                         last 3 compared exactly, the others by count and
//!                         by width (characters, colour codes left out)
//! @slowlog-args SLOWLOG GET  entries compared by their arguments and client
//!                         name (ids, times, durations and peers are each
//!                         server's own; so are numbers among the arguments,
//!                         such as a client id, which are compared as `#`)
//! @words ACL LIST        every string compared as a set of words (rules
//!                         that Redis lists in its hash table's order)
//! @acl-log ACL LOG        entries compared without their age, and of the
//!                         client's line only its `cmd=` and `user=`
//! @fields MEMORY STATS    a map (or RESP2's flat array of pairs): its
//!                         names compared in order, not its values
//! @server-only            play this script against the native server only
//!                         (what needs a host serving other connections
//!                         while one command runs: a script running long)
//! ```
//!
//! Each client is a stream, as over TCP: a command's line compares the
//! next frame the client receives, which is a message if one was waiting.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Client, RedisServer};
use reddish::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use reddish::resp;
use reddish::Reply;

#[derive(Debug, Clone)]
enum Compare {
    Exact,
    Unordered,
    Approx(i64),
    SameType,
    ScanAll,
    Lines(String),
    Save(String),
    Shape(usize),
    SlowArgs,
    Words,
    AclLog,
    Fields,
}

#[derive(Debug, Clone)]
enum Step {
    Client(u32),
    Sleep(u64),
    Read(usize),
    Monitor(usize),
    Send(Vec<Vec<u8>>),
    ServerOnly,
    Command {
        line: usize,
        argv: Vec<Vec<u8>>,
        compare: Compare,
        text: String,
    },
}

/// A MONITOR line with its time and client address masked, once checked
/// for their form (`1700000000.123456 [0 127.0.0.1:5000] "get" "k"`;
/// `lua` for a script's calls stays).
fn monitor_line(r: Reply) -> Reply {
    let Reply::Simple(s) = &r else { return r };
    let masked = (|| {
        let (time, rest) = s.split_once(" [")?;
        let (secs, micros) = time.split_once('.')?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(secs) || micros.len() != 6 || !digits(micros) {
            return None;
        }
        let (who, args) = rest.split_once("] ")?;
        let (db, addr) = who.split_once(' ')?;
        let addr = match addr {
            "lua" => "lua",
            a if a
                .rsplit_once(':')
                .is_some_and(|(ip, port)| !ip.is_empty() && digits(port)) =>
            {
                "ADDR"
            }
            _ => return None,
        };
        Some(format!("TIME [{db} {addr}] {args}"))
    })();
    masked.map_or(r, Reply::Simple)
}

fn parse_script(path: &Path) -> Vec<Step> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut steps = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut rest = line;
        let mut compare = Compare::Exact;
        if let Some(r) = rest.strip_prefix("@client ") {
            steps.push(Step::Client(r.trim().parse().expect("@client N")));
            continue;
        }
        if let Some(r) = rest.strip_prefix("@monitor ") {
            steps.push(Step::Monitor(r.trim().parse().expect("@monitor N")));
            continue;
        }
        if let Some(r) = rest.strip_prefix("@read") {
            let n = r.trim();
            steps.push(Step::Read(if n.is_empty() {
                1
            } else {
                n.parse().expect("@read N")
            }));
            continue;
        }
        if let Some(r) = rest.strip_prefix("@send ") {
            let argv = reddish::cli::split_args(r.as_bytes())
                .unwrap_or_else(|_| panic!("{}:{}: unbalanced quotes", path.display(), n + 1));
            steps.push(Step::Send(argv));
            continue;
        }
        if rest == "@server-only" {
            steps.push(Step::ServerOnly);
            continue;
        }
        if let Some(r) = rest.strip_prefix("@sleep ") {
            steps.push(Step::Sleep(r.trim().parse().expect("@sleep MS")));
            continue;
        }
        if let Some(r) = rest.strip_prefix("@unordered ") {
            compare = Compare::Unordered;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@same-type ") {
            compare = Compare::SameType;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@scan-all ") {
            compare = Compare::ScanAll;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@lines ") {
            let (p, r) = r.split_once(' ').expect("@lines PREFIX CMD");
            compare = Compare::Lines(p.to_string());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@save ") {
            let (name, r) = r.split_once(' ').expect("@save NAME CMD");
            compare = Compare::Save(name.to_string());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@slowlog-args ") {
            compare = Compare::SlowArgs;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@words ") {
            compare = Compare::Words;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@acl-log ") {
            compare = Compare::AclLog;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@fields ") {
            compare = Compare::Fields;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@shape ") {
            let (n, r) = r.split_once(' ').expect("@shape N CMD");
            compare = Compare::Shape(n.parse().expect("@shape N"));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@approx ") {
            let (n, r) = r.split_once(' ').expect("@approx N CMD");
            compare = Compare::Approx(n.parse().expect("@approx N"));
            rest = r;
        } else if rest.starts_with('@') {
            panic!("{}:{}: unknown directive {rest}", path.display(), n + 1);
        }
        let argv = reddish::cli::split_args(rest.as_bytes())
            .unwrap_or_else(|_| panic!("{}:{}: unbalanced quotes", path.display(), n + 1));
        steps.push(Step::Command {
            line: n + 1,
            argv,
            compare,
            text: rest.to_string(),
        });
    }
    steps
}

/// Something that runs commands for numbered clients.
trait Target {
    fn run(&mut self, client: u32, argv: &[Vec<u8>]) -> Reply;
    /// Send a command; whatever it answers is read later.
    fn send(&mut self, client: u32, argv: &[Vec<u8>]);
    /// The next frame the client receives without sending anything.
    fn read(&mut self, client: u32) -> Reply;
}

/// What `read` gives when nothing arrives.
fn nothing() -> Reply {
    Reply::err("(no frame arrived)")
}

/// A server over TCP (redis-server or reddish-server).
struct Remote {
    port: u16,
    clients: BTreeMap<u32, Client>,
}

impl Target for Remote {
    fn run(&mut self, client: u32, argv: &[Vec<u8>]) -> Reply {
        let port = self.port;
        let c = self
            .clients
            .entry(client)
            .or_insert_with(|| Client::connect(port));
        c.call(argv)
    }

    fn send(&mut self, client: u32, argv: &[Vec<u8>]) {
        let port = self.port;
        self.clients
            .entry(client)
            .or_insert_with(|| Client::connect(port))
            .send(argv);
        // Nothing comes back to wait for: give the server a moment to run
        // it before another client's command races it there.
        std::thread::sleep(Duration::from_millis(15));
    }

    fn read(&mut self, client: u32) -> Reply {
        let port = self.port;
        let c = self
            .clients
            .entry(client)
            .or_insert_with(|| Client::connect(port));
        c.read_within(Duration::from_millis(1500))
            .unwrap_or_else(nothing)
    }
}

/// The engine in this process, on the real clock so that sleeps line up.
struct InProcess {
    engine: Engine,
    sessions: BTreeMap<u32, SessionId>,
    /// What each client has received and not read yet.
    inbox: BTreeMap<SessionId, std::collections::VecDeque<Reply>>,
}

fn now_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

impl InProcess {
    fn new() -> InProcess {
        let mut engine = Engine::new(EngineOptions {
            seed: 7,
            start_us: now_us(),
            ..Default::default()
        });
        for (name, value) in STARTUP_CONFIG {
            engine.set_startup_config(name, value).expect(name);
        }
        InProcess {
            engine,
            sessions: BTreeMap::new(),
            inbox: BTreeMap::new(),
        }
    }

    /// A frame as the client would decode it: through the encoder for its
    /// protocol, and back.
    fn wire(&self, sid: SessionId, reply: &Reply) -> Reply {
        let proto = self.engine.session(sid).map_or(2, |s| s.resp);
        let bytes = resp::encode_to_vec(reply, proto);
        match resp::decode_reply(&bytes) {
            Ok(Some((r, _))) => r,
            other => panic!("engine reply did not round-trip: {reply:?} -> {other:?}"),
        }
    }

    /// Deliver what the engine queued for everyone, as a server would.
    fn deliver(&mut self) {
        for (sid, frames) in self.engine.take_all_pushes() {
            for f in frames {
                let r = self.wire(sid, &f);
                self.inbox.entry(sid).or_default().push_back(r);
            }
        }
    }
}

impl InProcess {
    fn session(&mut self, client: u32) -> SessionId {
        let engine = &mut self.engine;
        *self.sessions.entry(client).or_insert_with(|| {
            engine.open_session(ClientAddr {
                addr: "127.0.0.1:40000".into(),
                laddr: "127.0.0.1:6379".into(),
                fd: 8,
            })
        })
    }

    /// Run a command as a server would: its own pushes, then its reply
    /// unless it blocked, into its inbox; others' pushes into theirs.
    fn submit(&mut self, sid: SessionId, argv: &[Vec<u8>]) {
        self.engine.tick_us(now_us());
        self.deliver();
        let reply = self.engine.submit(sid, argv);
        for f in self.engine.take_pushes(sid) {
            let r = self.wire(sid, &f);
            self.inbox.entry(sid).or_default().push_back(r);
        }
        if let Some(reply) = reply {
            let r = self.wire(sid, &reply);
            self.inbox.entry(sid).or_default().push_back(r);
        }
        for f in self.engine.take_late_pushes(sid) {
            let r = self.wire(sid, &f);
            self.inbox.entry(sid).or_default().push_back(r);
        }
        self.deliver();
    }
}

impl Target for InProcess {
    fn run(&mut self, client: u32, argv: &[Vec<u8>]) -> Reply {
        let sid = self.session(client);
        self.submit(sid, argv);
        self.inbox
            .get_mut(&sid)
            .and_then(|q| q.pop_front())
            .unwrap_or_else(nothing)
    }

    fn send(&mut self, client: u32, argv: &[Vec<u8>]) {
        let sid = self.session(client);
        self.submit(sid, argv);
    }

    fn read(&mut self, client: u32) -> Reply {
        self.engine.tick_us(now_us());
        self.deliver();
        let Some(sid) = self.sessions.get(&client).copied() else {
            return nothing();
        };
        self.inbox
            .get_mut(&sid)
            .and_then(|q| q.pop_front())
            .unwrap_or_else(nothing)
    }
}

fn kind(r: &Reply) -> &'static str {
    match r {
        Reply::Simple(_) => "simple",
        Reply::Error(_) => "error",
        Reply::Integer(_) => "integer",
        Reply::Bulk(_) => "bulk",
        Reply::Null => "null",
        Reply::NullArray => "null-array",
        Reply::Array(_) => "array",
        Reply::Map(_) => "map",
        Reply::Set(_) => "set",
        Reply::Double(_) => "double",
        Reply::Boolean(_) => "boolean",
        Reply::BigNumber(_) => "bignumber",
        Reply::Verbatim(..) => "verbatim",
        Reply::Push(_) => "push",
        Reply::Attributed(..) => "attributed",
    }
}

fn sorted_items(r: &Reply) -> Option<Vec<String>> {
    let items = match r {
        Reply::Array(v) | Reply::Set(v) | Reply::Push(v) => {
            v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>()
        }
        Reply::Map(v) => v.iter().map(|x| format!("{x:?}")).collect(),
        _ => return None,
    };
    let mut items = items;
    items.sort();
    Some(items)
}

/// The lines of a text reply (INFO, CLIENT LIST) that start with `prefix`,
/// with the time a command took (INFO commandstats' `usec` and
/// `usec_per_call`, never the same twice) left out.
fn lines_with(r: &Reply, prefix: &str) -> Option<Vec<String>> {
    let text = match r {
        Reply::Bulk(b) | Reply::Verbatim(_, b) => String::from_utf8_lossy(b).into_owned(),
        _ => return None,
    };
    let untimed = |l: &str| match (l.find("usec="), l.find("rejected_calls=")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b..]),
        _ => l.to_string(),
    };
    Some(
        text.lines()
            .filter(|l| l.starts_with(prefix))
            .map(untimed)
            .collect(),
    )
}

fn same(expected: &Reply, got: &Reply, compare: &Compare) -> bool {
    match compare {
        Compare::Exact | Compare::ScanAll => expected == got,
        Compare::SameType | Compare::Save(_) => kind(expected) == kind(got),
        Compare::Lines(p) => lines_with(expected, p) == lines_with(got, p),
        Compare::SlowArgs => slow_args(expected) == slow_args(got),
        Compare::Words => words(expected) == words(got),
        Compare::AclLog => acl_log(expected) == acl_log(got),
        Compare::Fields => match (field_names(expected), field_names(got)) {
            (Some(a), Some(b)) => a == b,
            _ => expected == got,
        },
        Compare::Shape(n) => match (shape(expected, *n), shape(got, *n)) {
            (Some(a), Some(b)) => a == b,
            _ => expected == got,
        },
        Compare::Unordered => match (sorted_items(expected), sorted_items(got)) {
            (Some(a), Some(b)) => a == b,
            _ => expected == got,
        },
        Compare::Approx(n) => match (expected, got) {
            (Reply::Integer(a), Reply::Integer(b)) => (a - b).abs() <= *n,
            _ => expected == got,
        },
    }
}

/// SLOWLOG GET's entries reduced to what two servers share: each one's
/// arguments (numbers as `#`) and client name.
fn slow_args(r: &Reply) -> Option<Vec<(Reply, Reply)>> {
    let Reply::Array(entries) = r else {
        return None;
    };
    let unnumbered = |args: &Reply| match args {
        Reply::Array(a) => Reply::Array(
            a.iter()
                .map(|x| match x {
                    Reply::Bulk(b) if !b.is_empty() && b.iter().all(u8::is_ascii_digit) => {
                        Reply::bulk("#")
                    }
                    other => other.clone(),
                })
                .collect(),
        ),
        other => other.clone(),
    };
    entries
        .iter()
        .map(|e| match e {
            Reply::Array(f) => Some((unnumbered(f.get(3)?), f.get(5)?.clone())),
            _ => None,
        })
        .collect()
}

/// A reply with the words of every string in it sorted (see `@words`):
/// ACL LIST and GETUSER name single commands in the order of Redis's
/// command dict, a hash table.
fn words(r: &Reply) -> Reply {
    match r {
        Reply::Bulk(b) => {
            let text = String::from_utf8_lossy(b);
            let mut w: Vec<&str> = text.split(' ').collect();
            w.sort_unstable();
            Reply::bulk(w.join(" "))
        }
        Reply::Array(a) => Reply::Array(a.iter().map(words).collect()),
        Reply::Set(a) => Reply::Set(a.iter().map(words).collect()),
        Reply::Map(m) => Reply::Map(m.iter().map(|(k, v)| (words(k), words(v))).collect()),
        other => other.clone(),
    }
}

/// ACL LOG's entries as two servers share them (see `@acl-log`): the
/// age is each server's own, and of the client's line only its command
/// and user are compared.
fn acl_log(r: &Reply) -> Reply {
    let field = |e: &Reply, name: &str| -> Option<Reply> {
        let pairs: Vec<(Reply, Reply)> = match e {
            Reply::Map(m) => m.clone(),
            Reply::Array(a) => a.chunks(2).map(|c| (c[0].clone(), c[1].clone())).collect(),
            _ => return None,
        };
        pairs
            .into_iter()
            .find(|(k, _)| *k == Reply::bulk(name))
            .map(|(_, v)| v)
    };
    let Reply::Array(entries) = r else {
        return r.clone();
    };
    Reply::Array(
        entries
            .iter()
            .map(|e| {
                let mut kept: Vec<Reply> = ["count", "reason", "context", "object", "username"]
                    .iter()
                    .filter_map(|f| field(e, f))
                    .collect();
                if let Some(Reply::Bulk(info)) = field(e, "client-info") {
                    let info = String::from_utf8_lossy(&info).into_owned();
                    kept.extend(
                        info.split(' ')
                            .filter(|w| w.starts_with("cmd=") || w.starts_with("user="))
                            .map(Reply::bulk),
                    );
                }
                Reply::Array(kept)
            })
            .collect(),
    )
}

/// A map's names in order (see `@fields`): RESP2 sends it as a flat
/// array of name, value, name, value.
fn field_names(r: &Reply) -> Option<Vec<Reply>> {
    match r {
        Reply::Map(pairs) => Some(pairs.iter().map(|(k, _)| k.clone()).collect()),
        Reply::Array(items) if items.len() % 2 == 0 => {
            Some(items.iter().step_by(2).cloned().collect())
        }
        _ => None,
    }
}

/// What two random drawings share (see `@shape`): the first `head` lines
/// and the last three as they are, and every line's width in characters
/// once terminal colour codes (`ESC [ ... m`) are left out.
fn shape(r: &Reply, head: usize) -> Option<(Vec<String>, Vec<usize>)> {
    let text = match r {
        Reply::Bulk(b) | Reply::Verbatim(_, b) => String::from_utf8(b.clone()).ok()?,
        _ => return None,
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let width = |l: &str| {
        let (mut n, mut in_code) = (0, false);
        for c in l.chars() {
            match c {
                '\u{1b}' => in_code = true,
                'm' if in_code => in_code = false,
                _ if in_code => {}
                _ => n += 1,
            }
        }
        n
    };
    let tail = lines.len().saturating_sub(3);
    let exact = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < head || *i >= tail)
        .map(|(_, l)| l.to_string())
        .collect();
    Some((exact, lines.iter().map(|l| width(l)).collect()))
}

/// Where the cursor sits in a SCAN-family command.
fn cursor_index(argv: &[Vec<u8>]) -> usize {
    match argv.first().map(|a| a.to_ascii_lowercase()) {
        Some(n) if n == b"scan" => 1,
        _ => 2,
    }
}

/// Iterate a SCAN-family command to cursor 0; the sorted, de-duplicated
/// elements (or the error the first call gave).
fn scan_all(t: &mut dyn Target, client: u32, argv: &[Vec<u8>]) -> Reply {
    let ci = cursor_index(argv);
    let mut argv = argv.to_vec();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..100_000 {
        let r = t.run(client, &argv);
        let Reply::Array(parts) = &r else { return r };
        let (Some(Reply::Bulk(cursor)), Some(Reply::Array(items))) = (parts.first(), parts.get(1))
        else {
            return r;
        };
        for i in items {
            seen.insert(format!("{i:?}"));
        }
        if cursor.as_slice() == b"0" {
            return Reply::Array(seen.into_iter().map(Reply::bulk).collect());
        }
        if let Some(slot) = argv.get_mut(ci) {
            *slot = cursor.clone();
        }
    }
    Reply::err("scan did not finish")
}

fn play(
    path: &Path,
    steps: &[Step],
    oracle: &mut dyn Target,
    ours: &mut dyn Target,
    label: &str,
) -> Vec<String> {
    let mut failures = Vec::new();
    let mut client = 1;
    // `@save`d answers, each server's own.
    let mut vars: [BTreeMap<String, Vec<u8>>; 2] = Default::default();
    let with_vars = |vars: &BTreeMap<String, Vec<u8>>, argv: &[Vec<u8>]| -> Vec<Vec<u8>> {
        argv.iter()
            .map(|a| {
                let mut a = a.clone();
                for (name, value) in vars {
                    let pat = format!("{{{name}}}").into_bytes();
                    if let Some(i) = a.windows(pat.len()).position(|w| w == pat.as_slice()) {
                        a.splice(i..i + pat.len(), value.iter().copied());
                    }
                }
                a
            })
            .collect()
    };
    for step in steps {
        match step {
            Step::Client(c) => client = *c,
            Step::ServerOnly => {}
            Step::Sleep(ms) => std::thread::sleep(Duration::from_millis(*ms)),
            Step::Send(argv) => {
                oracle.send(client, &with_vars(&vars[0], argv));
                ours.send(client, &with_vars(&vars[1], argv));
            }
            Step::Read(n) | Step::Monitor(n) => {
                let monitor = matches!(step, Step::Monitor(_));
                for i in 0..*n {
                    let (mut expected, mut got) = (oracle.read(client), ours.read(client));
                    if monitor {
                        (expected, got) = (monitor_line(expected), monitor_line(got));
                    }
                    if expected != got {
                        failures.push(format!(
                            "{}: [{label}] @read frame {} of {n} on client {client}\n    redis:   {expected:?}\n    reddish: {got:?}",
                            path.display(),
                            i + 1
                        ));
                    }
                }
            }
            Step::Command {
                line,
                argv,
                compare,
                text,
            } => {
                let (a, b) = (with_vars(&vars[0], argv), with_vars(&vars[1], argv));
                if std::env::var_os("REDDISH_TRACE").is_some() {
                    eprintln!("{label} {}:{line} {text}", path.display());
                }
                let (expected, got) = match compare {
                    Compare::ScanAll => (scan_all(oracle, client, &a), scan_all(ours, client, &b)),
                    _ => (oracle.run(client, &a), ours.run(client, &b)),
                };
                if let Compare::Save(name) = compare {
                    for (side, r) in [(0, &expected), (1, &got)] {
                        let text = match r {
                            Reply::Integer(i) => i.to_string().into_bytes(),
                            Reply::Bulk(b) => b.clone(),
                            Reply::Simple(t) => t.clone().into_bytes(),
                            other => format!("{other:?}").into_bytes(),
                        };
                        vars[side].insert(name.clone(), text);
                    }
                }
                if !same(&expected, &got, compare) {
                    failures.push(format!(
                        "{}:{line} [{label}] {text}\n    redis:   {expected:?}\n    reddish: {got:?}",
                        path.display()
                    ));
                }
            }
        }
    }
    failures
}

fn scripts() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "redis") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts"),
        &mut out,
    );
    out.sort();
    out
}

/// Only the scripts whose path contains $REDDISH_SCRIPT, when set: handy
/// while working on one command group.
fn selected(all: Vec<PathBuf>) -> Vec<PathBuf> {
    match std::env::var("REDDISH_SCRIPT") {
        Ok(f) if !f.is_empty() => all
            .into_iter()
            .filter(|p| p.to_string_lossy().contains(&f))
            .collect(),
        _ => all,
    }
}

fn fresh_remote(port: u16) -> Remote {
    let mut admin = Client::connect(port);
    let r = admin.call(&[b"FLUSHALL".to_vec()]);
    assert_eq!(r, Reply::ok(), "FLUSHALL on port {port}");
    // ACL's users and log outlive FLUSHALL: each script starts with the
    // default user alone and an empty log.
    if let Reply::Array(users) = admin.call(&[b"ACL".to_vec(), b"USERS".to_vec()]) {
        for u in users {
            if let Reply::Bulk(name) = u {
                if name != b"default" {
                    admin.call(&[b"ACL".to_vec(), b"DELUSER".to_vec(), name]);
                }
            }
        }
    }
    let r = admin.call(&[b"ACL".to_vec(), b"LOG".to_vec(), b"RESET".to_vec()]);
    assert_eq!(r, Reply::ok(), "ACL LOG RESET on port {port}");
    Remote {
        port,
        clients: BTreeMap::new(),
    }
}

/// Parameters every side starts with, as redis-server takes them on its
/// command line: DEBUG allowed to local clients (the scripts' clients
/// are), so that the scripts can compare it.
const STARTUP_CONFIG: [(&str, &str); 1] = [("enable-debug-command", "local")];

fn startup_args() -> Vec<String> {
    STARTUP_CONFIG
        .iter()
        .flat_map(|(n, v)| [format!("--{n}"), v.to_string()])
        .collect()
}

#[test]
fn scripts_match_redis_server() {
    let args = startup_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let redis = RedisServer::start_with(&args);
    #[cfg(feature = "server")]
    let ours_srv = common::ReddishServer::start_with(&args);
    let scripts = selected(scripts());
    assert!(!scripts.is_empty(), "no scripts found under tests/scripts");
    let mut failures = Vec::new();
    let mut commands = 0;
    for path in &scripts {
        let steps = parse_script(path);
        commands += steps
            .iter()
            .filter(|s| matches!(s, Step::Command { .. }))
            .count();
        if !steps.iter().any(|s| matches!(s, Step::ServerOnly)) {
            let mut oracle = fresh_remote(redis.port);
            let mut ours = InProcess::new();
            failures.extend(play(path, &steps, &mut oracle, &mut ours, "engine"));
        }
        #[cfg(feature = "server")]
        {
            let mut oracle = fresh_remote(redis.port);
            let mut remote = fresh_remote(ours_srv.port);
            failures.extend(play(path, &steps, &mut oracle, &mut remote, "server"));
        }
    }
    eprintln!(
        "{} scripts, {commands} commands, {} mismatches",
        scripts.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Started without `enable-debug-command`, both refuse DEBUG, before it
/// runs and before MULTI queues it.
#[test]
fn debug_is_refused_by_default() {
    let redis = RedisServer::start();
    let mut oracle = Client::connect(redis.port);
    let mut engine = Engine::new(EngineOptions::default());
    let sid = engine.open_session(ClientAddr {
        addr: "127.0.0.1:40000".into(),
        laddr: "127.0.0.1:6379".into(),
        fd: 8,
    });
    let lines: [&[&str]; 5] = [
        &["DEBUG", "DIGEST"],
        &["DEBUG", "SLEEP", "0"],
        &["MULTI"],
        &["DEBUG", "DIGEST"],
        &["EXEC"],
    ];
    for line in lines {
        let argv: Vec<Vec<u8>> = line.iter().map(|a| a.as_bytes().to_vec()).collect();
        let theirs = oracle.call(&argv);
        let ours = engine.execute(sid, &argv);
        assert_eq!(ours, theirs, "{line:?}");
    }
}

/// A script that wrote and runs on may not be killed: only SHUTDOWN
/// NOSAVE ends it (so each side gets a server of its own), and neither
/// its caller nor the client that shut the server down gets a reply.
#[cfg(feature = "server")]
#[test]
fn busy_script_that_wrote_is_unkillable() {
    fn play(port: u16) -> Vec<Option<Reply>> {
        let mut caller = Client::connect(port);
        let mut other = Client::connect(port);
        let mut out = vec![Some(other.call(&common::argv(&[
            "CONFIG",
            "SET",
            "busy-reply-threshold",
            "50",
        ])))];
        caller.send(&common::argv(&[
            "EVAL",
            "redis.call('set', KEYS[1], 'y') while true do end",
            "1",
            "x",
        ]));
        std::thread::sleep(Duration::from_millis(150));
        for line in [
            &["SCRIPT", "KILL"][..],
            &["FUNCTION", "KILL"],
            &["GET", "x"],
            &["SHUTDOWN"],
        ] {
            out.push(Some(other.call(&common::argv(line))));
        }
        other.send(&common::argv(&["SHUTDOWN", "NOSAVE"]));
        out.push(other.read_within(Duration::from_secs(5)));
        out.push(caller.read_within(Duration::from_secs(5)));
        // And the server is gone: its port refuses connections.
        let gone = (0..50).any(|_| {
            std::thread::sleep(Duration::from_millis(100));
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err()
        });
        out.push(Some(Reply::simple(if gone { "gone" } else { "still up" })));
        out
    }
    let args = startup_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let redis = RedisServer::start_with(&args);
    let ours = common::ReddishServer::start_with(&args);
    let (theirs, mine) = (play(redis.port), play(ours.port));
    assert!(
        matches!(theirs.get(1), Some(Some(Reply::Error(e))) if e.starts_with("UNKILLABLE")),
        "{theirs:?}"
    );
    assert_eq!(theirs.last(), Some(&Some(Reply::simple("gone"))));
    assert_eq!(mine, theirs);
}

/// CONFIG SET port moves the server to the new port (open connections
/// stay), or, when the port is taken, fails naming it and undoes every
/// parameter of the command. Each side gets a server of its own.
#[cfg(feature = "server")]
#[test]
fn config_set_port_moves_the_listener_or_undoes_everything() {
    fn play(port: u16) -> Vec<String> {
        let call = |c: &mut Client, words: &[&str]| format!("{:?}", c.call(&common::argv(words)));
        let mut out = Vec::new();
        let mut c = Client::connect(port);
        // A port another socket holds.
        let held = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let busy = held.local_addr().expect("addr").port().to_string();
        out.push(call(
            &mut c,
            &[
                "CONFIG",
                "SET",
                "maxmemory",
                "10000001",
                "port",
                &busy,
                "client-query-buffer-limit",
                "10m",
            ],
        ));
        out.push(call(&mut c, &["CONFIG", "GET", "maxmemory"]));
        out.push(call(
            &mut c,
            &["CONFIG", "GET", "client-query-buffer-limit"],
        ));
        out.push(call(&mut Client::connect(port), &["PING"]));
        // A free port: new clients go there, the old port refuses them.
        let free = common::free_port();
        out.push(call(&mut c, &["CONFIG", "SET", "port", &free.to_string()]));
        out.push(call(&mut Client::connect(free), &["PING"]));
        let refused = std::net::TcpStream::connect(("127.0.0.1", port)).is_err();
        out.push(format!("old port refuses: {refused}"));
        out.push(call(&mut c, &["PING"]));
        let now = c.call(&common::argv(&["CONFIG", "GET", "port"]));
        let want = Reply::Array(vec![Reply::bulk("port"), Reply::bulk(free.to_string())]);
        out.push(format!("CONFIG GET port is the new one: {}", now == want));
        out
    }
    let redis = RedisServer::start();
    let ours = common::ReddishServer::start();
    let (theirs, mine) = (play(redis.port), play(ours.port));
    assert!(
        theirs[0].contains("Unable to listen on this port"),
        "{theirs:?}"
    );
    assert_eq!(mine, theirs);
}

/// A command counts as supported only when a script compares it with
/// redis-server: every command and subcommand in the table must appear in
/// some script. (Which of its error paths a script covers is for review to
/// judge; the script files say it in their comments.)
#[test]
fn every_command_in_the_table_is_played_by_a_script() {
    let mut used = std::collections::BTreeSet::new();
    for path in scripts() {
        for step in parse_script(&path) {
            if let Step::Command { argv, .. } | Step::Send(argv) = step {
                let name = argv
                    .first()
                    .map(|a| String::from_utf8_lossy(a).to_lowercase())
                    .unwrap_or_default();
                let sub = argv
                    .get(1)
                    .map(|a| String::from_utf8_lossy(a).to_lowercase())
                    .unwrap_or_default();
                used.insert(name.clone());
                used.insert(format!("{name}|{sub}"));
            }
        }
    }
    let mut missing = Vec::new();
    for c in reddish::engine::table::all() {
        if c.subcommands.is_empty() {
            if !used.contains(c.name) {
                missing.push(c.name.to_string());
            }
        } else {
            for s in c.subcommands {
                if !used.contains(s.name) {
                    missing.push(s.name.to_string());
                }
            }
        }
    }
    assert!(missing.is_empty(), "commands no script plays: {missing:?}");
}
