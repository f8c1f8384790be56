//! The playground's state without the browser: clients and their
//! consoles, what a typed line does, saving and loading. The Yew views
//! only draw this and forward keystrokes, so everything a learner can do is
//! testable natively (see the tests at the bottom and tests/browser/).

use super::clock::VirtualClock;
use super::history::History;
use super::scene::Narrator;
use crate::cli::{self, Input, PromptState};
use crate::engine::{ClientAddr, Engine, EngineOptions, SessionId};
use crate::reply::Reply;

/// How a console line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The prompt and what was typed.
    Input,
    Reply,
    Error,
    /// Notes from the playground itself, not from Redis.
    Note,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
}

/// Longest reply text a console keeps for one command; the rest is cut
/// with a note. A reply of a million elements must not freeze the page.
pub const MAX_REPLY_CHARS: usize = 200_000;
/// Lines a console keeps; older ones scroll away for good.
pub const MAX_LINES: usize = 2_000;
/// Commands remembered for Up/Down, per client.
pub const MAX_HISTORY: usize = 500;
/// Longest line accepted from the input box or a paste, in bytes.
pub const MAX_INPUT: usize = 1 << 20;
/// Most runs of one line with a repeat count (`3 INCR n`); redis-cli has no
/// limit, but a page must not spend minutes on `1000000000 PING`.
pub const MAX_REPEAT: u64 = 10_000;

/// Run one command for a console (the playground's or the JS API's): the
/// reply as the session's protocol delivers it, which is what redis-cli
/// prints (RESP2: maps flat, doubles as strings). Never waits: a blocking
/// command with nothing to take answers as if it had timed out.
pub fn execute_for_console(engine: &mut Engine, session: SessionId, argv: &[Vec<u8>]) -> Reply {
    let reply = engine.execute(session, argv);
    let proto = engine.client_protocol(session).unwrap_or(2);
    cli::as_received(&reply, proto)
}

/// A tab whose client waits in a blocking command (BLPOP ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    /// The command, for printing its reply the way redis-cli would.
    pub argv: Vec<Vec<u8>>,
    /// Runs still owed by a repeat count (`3 BLPOP q 0`).
    pub repeats_left: u64,
    /// Lines that arrived (in a paste) while it waits: run once it is
    /// answered, as redis-cli runs piped input in order.
    pub queued: std::collections::VecDeque<String>,
}

/// What the console shows of a reply's text: in the page, as it is unless
/// the full build installed `shaded` (only LOLWUT, in the rest of the
/// engine, writes colour codes), so that the first loads carry none of it.
#[cfg(feature = "web")]
static TEXT_FILTER: std::sync::OnceLock<fn(String) -> String> = std::sync::OnceLock::new();

#[cfg(feature = "web")]
pub fn install_text_filter(f: fn(String) -> String) {
    let _ = TEXT_FILTER.set(f);
}

#[cfg(feature = "web")]
fn shown(text: String) -> String {
    match TEXT_FILTER.get() {
        Some(f) => f(text),
        None => text,
    }
}

#[cfg(not(feature = "web"))]
fn shown(text: String) -> String {
    shaded(text)
}

/// Terminal colour codes (LOLWUT VERSION 6's skyline paints with coloured
/// spaces) drawn as shade characters, since the console shows text, not a
/// terminal's colours; the codes themselves are left out.
pub fn shaded(text: String) -> String {
    if !text.contains('\x1b') {
        return text;
    }
    let (mut out, mut shade, mut rest) = (String::new(), None, text.as_str());
    while let Some(c) = rest.chars().next() {
        if let Some((code, after)) = rest.strip_prefix("\x1b[").and_then(|r| r.split_once('m')) {
            // The background colour is the last number of the code.
            shade = match code.rsplit(';').next() {
                Some("40") => Some('█'),
                Some("100") => Some('▓'),
                Some("47") => Some('▒'),
                _ => None,
            };
            rest = after;
            continue;
        }
        out.push(if c == ' ' { shade.unwrap_or(c) } else { c });
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// Cut a reply's text to [`MAX_REPLY_CHARS`], saying so.
fn cut(mut text: String) -> String {
    if text.len() <= MAX_REPLY_CHARS {
        return text;
    }
    let mut at = MAX_REPLY_CHARS;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let total = text.len();
    text.truncate(at);
    text.push_str(&format!(
        "\n... (reply cut: {total} characters in all, {MAX_REPLY_CHARS} shown)"
    ));
    text
}

/// One console tab: an engine session and what it shows.
#[derive(Debug, Clone)]
pub struct Client {
    pub session: SessionId,
    pub name: String,
    pub lines: Vec<Line>,
    pub history: Vec<String>,
    /// What the prompt shows (db, `(TX)`), tracked as redis-cli does.
    pub prompt: PromptState,
    pub waiting: Option<Waiting>,
    /// Lines waiting for something the page loads on demand, the Lua VM
    /// or the command docs (the first of them needs it); they are fed
    /// again, in order, when either arrives (a line that still waits
    /// queues again, and those behind it with it).
    pub lua_queue: Option<std::collections::VecDeque<String>>,
    /// Lines ever added: moves even once the log is full and drops a line
    /// for each new one, so the view knows to scroll.
    pub written: u64,
}

pub struct Playground {
    pub engine: Engine,
    pub clients: Vec<Client>,
    pub active: usize,
    /// redis-cli's `:set hints` / `:set nohints`, shared by every tab.
    pub hints: bool,
    pub(crate) next_name: u32,
    /// A line needs the Lua VM, which this build loads on demand: the page
    /// should start loading it (and clear this).
    pub lua_wanted: bool,
    /// Loading the VM failed: scripts are answered with the engine's error.
    lua_failed: bool,
    /// A line needs the command docs (summaries, complexities), which this
    /// build fetches on demand: the page should fetch them.
    pub docs_wanted: bool,
    /// Fetching them failed: HELP and COMMAND DOCS answer without them.
    docs_failed: bool,
    /// Lines that waited are being fed again (one of the two arrived):
    /// a line that still waits queues again without a second note.
    draining: bool,
    /// The Lua module was asked for once: never ask twice.
    lua_asked: bool,
    /// A line needs the rest of the engine (bitmaps, ...), which this
    /// build leaves out: the page should load its full build (see
    /// `handover.rs`), carrying the waiting lines over.
    pub ext_wanted: bool,
    /// Data on its way in (saved, or in a share link) holds what only the
    /// full build can load (a stream): the tab reloads into it, the data
    /// untouched meanwhile.
    pub data_needs_full: bool,
    /// This page cannot load it (or loading failed): such lines are run
    /// and answered with the engine's own error.
    pub ext_failed: Option<String>,
    /// Lines handed over by the build before this one, to run once the
    /// saved data is in (`handover.rs`).
    pub(crate) handed_over: Vec<(usize, String)>,
    /// Lines replayed quietly before those (what saving does not keep).
    pub(crate) replays: Vec<(usize, String)>,
    /// Every line run, with its tab, when kept (the embedded console,
    /// which saves nothing, carries them to the full build this way).
    pub log: Option<Vec<(usize, String)>>,
    /// The time bar's clock: engine time is `clock.now(wall)`.
    pub clock: VirtualClock,
    pub history: History,
    /// The last command's scene and the narration, from the events.
    pub narrator: Narrator,
    /// A message from the time bar or undo/redo ("Nothing to undo").
    pub notice: Option<String>,
    /// The saved dataset is still on its way (from IndexedDB).
    pub loading: bool,
    /// A share link is being opened (its state replaces this one).
    pub opening_link: bool,
    /// This is a shared state, not the learner's own: nothing is saved
    /// until they choose to keep it.
    pub shared: bool,
    /// What went wrong loading it, for a banner.
    pub load_problem: Option<String>,
    /// Saved data that could not be loaded, offered for download.
    pub unreadable: Option<String>,
    /// Why saving is off (the saved data could not be read, so saving
    /// over it would lose it).
    pub save_off: Option<String>,
    /// Every reply any console printed since a tutorial step began, late
    /// ones too (a script waiting for the Lua module, a BLPOP served by
    /// another client): what `reply` checks read. `None` outside a lesson.
    pub replies_seen: Option<Vec<String>>,
    /// Text the next console to open puts in its input line (an embedded
    /// console's example command, pre-typed).
    pub pretyped: Option<String>,
    /// The tutorial this sandbox plays (`learn/lesson.rs`; read it with
    /// `lesson()`). `Any`, so that the playground, which never has one,
    /// carries no code to drop one.
    pub(crate) lesson_slot: Option<Box<dyn std::any::Any>>,
}

/// The undo label of lines that waited for the Lua module or the command
/// docs (`timeline.rs` always copies the state before them).
pub(crate) const WAITED: &str = "(queued lines)";
/// The undo step of a dump.rdb opened from a file.
pub(crate) const OPENED_RDB: &str = "open dump.rdb";

/// Whether word `i` of `argv` is `word`, in any case.
fn word_is(argv: &[Vec<u8>], i: usize, word: &str) -> bool {
    argv.get(i)
        .is_some_and(|a| a.eq_ignore_ascii_case(word.as_bytes()))
}

/// A command that runs Lua: a script, a function, or loading either.
fn runs_lua(argv: &[Vec<u8>]) -> bool {
    [
        "eval",
        "evalsha",
        "eval_ro",
        "evalsha_ro",
        "fcall",
        "fcall_ro",
    ]
    .iter()
    .any(|w| word_is(argv, 0, w))
        || ((word_is(argv, 0, "script") || word_is(argv, 0, "function"))
            && word_is(argv, 1, "load"))
        // Restored libraries are compiled as they load.
        || (word_is(argv, 0, "function") && word_is(argv, 1, "restore"))
}

/// Whether a typed line runs Lua (a tutorial loads the Lua module before
/// playing steps that do).
pub fn line_runs_lua(line: &str) -> bool {
    match cli::parse_line(line) {
        Input::Command { argv, .. } => runs_lua(&argv),
        _ => false,
    }
}

/// Whether a line runs a command of the rest of the engine this build
/// has not got (a page that will run it moves to the full build first).
pub fn line_needs_ext(line: &str) -> bool {
    match cli::parse_line(line) {
        Input::Command { argv, .. } => Engine::needs_ext(&argv),
        _ => false,
    }
}

/// A command that reads the command docs (`docs.txt`: summaries,
/// complexities, ACL categories, tips, groups; `texts.txt`: HELP replies,
/// INFO templates): COMMAND alone, COMMAND INFO, COMMAND DOCS, COMMAND
/// LIST with a filter, any subcommand HELP, INFO.
fn reads_docs(argv: &[Vec<u8>]) -> bool {
    word_is(argv, 0, "info")
        || word_is(argv, 1, "help")
        || (word_is(argv, 0, "command")
            && (argv.len() == 1
                || word_is(argv, 1, "info")
                || word_is(argv, 1, "docs")
                || (word_is(argv, 1, "list") && argv.len() > 2)))
}

/// What a client held back with no key to wait on waits for: a CLIENT
/// PAUSE's end, or a DEBUG SLEEP's (the console and the clients picture
/// say it alike).
pub(crate) fn held_back_until(engine: &Engine) -> &'static str {
    if engine.asleep() {
        "the server wakes from DEBUG SLEEP"
    } else {
        "the clients' pause ends"
    }
}

fn addr(n: u32) -> ClientAddr {
    ClientAddr {
        addr: format!("127.0.0.1:{}", 50000 + n),
        laddr: "127.0.0.1:6379".into(),
        fd: 7 + i64::from(n),
    }
}

/// The page's `maxmemory` (policy `noeviction`), as Redis counts memory.
pub const PAGE_MAXMEMORY: &str = "64mb";

impl Playground {
    /// The playground: undo copies the present with `Engine::snapshot`.
    pub fn new(now_ms: i64, seed: u64) -> Playground {
        let mut p = Playground::sandbox(now_ms, seed);
        p.history.copier = Some(Engine::snapshot);
        p
    }

    /// A playground without undo (a tutorial's sandbox).
    pub fn sandbox(now_ms: i64, seed: u64) -> Playground {
        let mut engine = Engine::new(EngineOptions {
            seed,
            start_us: now_ms.saturating_mul(1000),
            ..Default::default()
        });
        // The pictures need every effect.
        engine.set_event_detail(crate::engine::Detail::Full);
        // A learner's own server, reached from this machine: DEBUG (OBJECT,
        // DIGEST, SLEEP) is allowed to local clients, as redis-server
        // started with `--enable-debug-command local` allows it.
        engine.config.set_stored(
            "enable-debug-command",
            crate::engine::config::ConfigValue::Text("local".into()),
        );
        // A runaway loop or script meets Redis's OOM error, not the tab's
        // own memory limit (the native server, like redis-server, has no
        // limit unless told).
        let _ = engine.set_startup_config("maxmemory", PAGE_MAXMEMORY);
        let mut p = Playground {
            engine,
            clients: Vec::new(),
            active: 0,
            hints: true,
            next_name: 1,
            lua_wanted: false,
            lua_failed: false,
            docs_wanted: false,
            docs_failed: false,
            draining: false,
            lua_asked: false,
            ext_wanted: false,
            data_needs_full: false,
            ext_failed: None,
            handed_over: Vec::new(),
            replays: Vec::new(),
            log: None,
            clock: VirtualClock::default(),
            history: History::default(),
            narrator: Narrator::default(),
            notice: None,
            loading: false,
            opening_link: false,
            shared: false,
            load_problem: None,
            unreadable: None,
            save_off: None,
            replies_seen: None,
            lesson_slot: None,
            pretyped: None,
        };
        p.open_client();
        let _ = p.engine.take_events();
        p
    }

    /// Open a client tab with a fresh session and make it the active one.
    pub fn open_client(&mut self) -> usize {
        let n = self.next_name;
        self.next_name += 1;
        let session = self.engine.open_session(addr(n));
        self.clients.push(Client {
            session,
            name: format!("client {n}"),
            lines: Vec::new(),
            history: Vec::new(),
            prompt: PromptState::default(),
            waiting: None,
            lua_queue: None,
            written: 0,
        });
        self.active = self.clients.len() - 1;
        self.active
    }

    /// Give a tab a new connection (after `quit`, or when undo went back
    /// before its connection existed).
    pub(crate) fn reconnect(&mut self, index: usize) {
        let n = self.next_name;
        self.next_name += 1;
        let fresh = self.engine.open_session(addr(n));
        if let Some(c) = self.clients.get_mut(index) {
            c.session = fresh;
            c.prompt = PromptState::default();
            c.waiting = None;
        }
    }

    /// Close a tab and its session. The last tab is never closed: there
    /// is always a console to type in.
    pub fn close_client(&mut self, index: usize) {
        if self.clients.len() <= 1 || index >= self.clients.len() {
            return;
        }
        let c = self.clients.remove(index);
        self.engine.close_session(c.session);
        if self.active >= self.clients.len() || self.active > index {
            self.active = self.active.saturating_sub(1);
        }
    }

    pub fn rename_client(&mut self, index: usize, name: &str) {
        let name: String = name
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(40)
            .collect();
        if let (Some(c), false) = (self.clients.get_mut(index), name.is_empty()) {
            c.name = name;
        }
    }

    /// The prompt redis-cli would show for this client, without its final
    /// space: `127.0.0.1:6379[2](TX)>`. Like redis-cli, it follows the
    /// commands sent and their replies (see [`PromptState`]).
    pub fn prompt(&self, index: usize) -> String {
        let state = self
            .clients
            .get(index)
            .map(|c| c.prompt)
            .unwrap_or_default();
        state.prompt("127.0.0.1", 6379).trim_end().to_string()
    }

    /// Run what was typed or pasted into a client's console: each line
    /// of it as redis-cli would (so a paste of several commands runs them
    /// all), recording input and replies.
    pub fn submit(&mut self, index: usize, text: &str, wall_ms: i64) {
        self.tick(wall_ms);
        self.notice = None;
        if self.loading || self.opening_link {
            self.push(
                index,
                LineKind::Note,
                "(the saved data is still loading: nothing ran, try again in a moment)".into(),
            );
            return;
        }
        if text.len() > MAX_INPUT {
            self.push(
                index,
                LineKind::Error,
                format!(
                    "(error) input of {} bytes is over the {} byte limit",
                    text.len(),
                    MAX_INPUT
                ),
            );
            return;
        }
        let step = self.begin_step(text);
        for line in text.lines() {
            self.feed_line(index, line);
        }
        // A script called a command of the rest of the engine (and got
        // the engine's error): load it for next time.
        if std::mem::take(&mut self.engine.ext_wanted) && self.ext_failed.is_none() {
            self.ext_wanted = true;
        }
        self.deliver_pushes();
        self.narrator.absorb(&mut self.engine);
        self.end_step(step);
    }

    /// One line for a tab: queued behind a wait (a blocking command, or
    /// the Lua VM loading), or run.
    fn feed_line(&mut self, index: usize, line: &str) {
        // Read once: a paste of 100,000 lines comes through here.
        let input = cli::parse_line(line);
        let needs_lua =
            !self.lua_failed && !self.engine.scripting_ready() && self.needs_lua(index, &input);
        let needs_docs = !self.docs_failed
            && !crate::engine::table::docs_ready()
            && self.needs_docs(index, &input);
        let needs_ext = self.needs_ext(index, &input);
        if let (true, Some(why)) = (needs_ext, &self.ext_failed) {
            // Run it anyway: the engine's error names the command.
            let note =
                format!("(this command is in the rest of the engine, which is not loaded: {why})");
            self.push(index, LineKind::Note, note);
        }
        let needs_ext = needs_ext && self.ext_failed.is_none();
        let Some(c) = self.clients.get_mut(index) else {
            return;
        };
        if let Some(q) = c.lua_queue.as_mut() {
            q.push_back(line.to_string());
        } else if let Some(w) = c.waiting.as_mut() {
            w.queued.push_back(line.to_string());
        } else if needs_lua || needs_docs || needs_ext {
            c.lua_queue = Some(std::collections::VecDeque::from([line.to_string()]));
            let note = if needs_ext {
                self.ext_wanted = true;
                "(loading the rest of the engine for this command: the page reloads with your data and clients, then runs it)"
            } else if needs_lua {
                self.lua_wanted |= !std::mem::replace(&mut self.lua_asked, true);
                "(loading Lua scripting for the first script: the command runs as soon as it is here)"
            } else {
                self.docs_wanted = true;
                "(loading the command docs: the command runs as soon as they are here)"
            };
            if !self.draining {
                self.push(index, LineKind::Note, note.into());
            }
        } else {
            self.run_line(index, line, input);
        }
    }

    /// Whether a line runs a command of the rest of the engine (see
    /// `cmd::ext`) that this build has not got, itself or in the MULTI
    /// queue its EXEC runs.
    fn needs_ext(&self, index: usize, input: &Input) -> bool {
        match input {
            Input::Command { argv, .. } => self.runs(index, argv, Engine::needs_ext),
            _ => false,
        }
    }

    /// Whether a line reads the command docs: HELP with a command or group,
    /// a COMMAND that does ([`reads_docs`]), or an EXEC whose queue holds
    /// one.
    fn needs_docs(&self, index: usize, input: &Input) -> bool {
        match input {
            Input::Help(args) => !args.is_empty(),
            Input::Command { argv, .. } => self.runs(index, argv, reads_docs),
            _ => false,
        }
    }

    /// Whether `argv`, or the MULTI queue of tab `index` when `argv` is
    /// its EXEC, holds a command `pred` picks.
    fn runs(&self, index: usize, argv: &[Vec<u8>], pred: fn(&[Vec<u8>]) -> bool) -> bool {
        if pred(argv) {
            return true;
        }
        if !word_is(argv, 0, "exec") {
            return false;
        }
        self.clients
            .get(index)
            .and_then(|c| self.engine.client_view(c.session))
            .and_then(|v| v.multi)
            .is_some_and(|queue| queue.iter().any(|argv| pred(argv)))
    }

    /// The command docs arrived (`Ok`, the text of docs.txt) or could not
    /// (`Err`): run what waited for them, without them if need be.
    pub fn docs_loaded(&mut self, docs: Result<String, String>, wall_ms: i64) {
        let failed = docs.and_then(crate::engine::table::install_docs).err();
        self.docs_failed = failed.is_some();
        let note = failed.map(|why| {
            (
                LineKind::Note,
                format!("(the command docs could not load: {why}; summaries are missing)"),
            )
        });
        self.run_waiting(note, wall_ms);
    }

    /// Feed again the lines every tab queued for something loaded on
    /// demand (the Lua module, the command docs), each tab's after
    /// `failure` if loading it failed. They make one undo step.
    pub(crate) fn run_waiting(&mut self, failure: Option<(LineKind, String)>, wall_ms: i64) {
        self.tick(wall_ms);
        // Lines that waited may change anything: always worth a copy.
        let step = self.begin_step(WAITED);
        for index in 0..self.clients.len() {
            let Some(queue) = self.clients.get_mut(index).and_then(|c| c.lua_queue.take()) else {
                continue;
            };
            if let Some((kind, text)) = &failure {
                self.push(index, *kind, text.clone());
            }
            self.draining = true;
            for line in queue {
                self.feed_line(index, &line);
            }
            self.draining = false;
        }
        self.deliver_pushes();
        self.narrator.absorb(&mut self.engine);
        self.end_step(step);
    }

    /// Whether a line would run Lua: a script or function command, or an
    /// EXEC whose queue holds one.
    fn needs_lua(&self, index: usize, input: &Input) -> bool {
        match input {
            Input::Command { argv, .. } => self.runs(index, argv, runs_lua),
            _ => false,
        }
    }

    /// The Lua VM has loaded (`Ok`) or could not (`Err`): run what waited
    /// for it, or say why it cannot run.
    pub fn lua_loaded(
        &mut self,
        vm: Result<Box<dyn crate::engine::scripting::ScriptVm>, String>,
        wall_ms: i64,
    ) {
        let failure = match vm {
            Ok(vm) => {
                self.engine.set_script_vm(vm);
                None
            }
            Err(why) => {
                self.lua_failed = true;
                Some((
                    LineKind::Error,
                    format!("(error) Lua scripting could not load: {why}"),
                ))
            }
        };
        self.run_waiting(failure, wall_ms);
    }

    /// The console's Cancel (redis-cli's Ctrl-C) for a waiting tab: the
    /// command is answered as a timeout would answer it, as CLIENT UNBLOCK
    /// does, and the tab takes commands again.
    pub fn cancel_wait(&mut self, index: usize) {
        let Some(session) = self
            .clients
            .get(index)
            .filter(|c| c.waiting.is_some())
            .map(|c| c.session)
        else {
            return;
        };
        if self.engine.unblock_client(session, false) {
            self.push(
                index,
                LineKind::Note,
                "(cancelled: answered as a timeout would be)".into(),
            );
        }
        self.deliver_pushes();
        self.narrator.absorb(&mut self.engine);
    }

    /// What a waiting tab shows instead of its input line.
    pub fn waiting_text(&self, index: usize) -> Option<String> {
        let c = self.clients.get(index)?;
        c.waiting.as_ref()?;
        let b = self.engine.client_view(c.session)?.blocked?;
        let keys: Vec<String> = b.keys.iter().map(|k| cli::help::quote_arg(k)).collect();
        let until = match b.deadline_ms {
            None => "no timeout".to_string(),
            Some(t) => {
                let left = (t - self.engine.now_ms()).max(0);
                format!("timeout in {}.{}s", left / 1000, (left % 1000) / 100)
            }
        };
        if keys.is_empty() {
            return Some(format!(
                "Waiting: {} until {}",
                b.command.to_ascii_uppercase(),
                held_back_until(&self.engine)
            ));
        }
        Some(format!(
            "Waiting: {} on {} ({until})",
            b.command.to_ascii_uppercase(),
            keys.join(" ")
        ))
    }

    /// The first load's dump.rdb button: the full build reads and writes
    /// RDB files, so the tab moves there (data and consoles with it) and
    /// its console says what to press next.
    pub fn want_rdb_files(&mut self) {
        if let Some(why) = &self.ext_failed {
            self.notice = Some(format!(
                "dump.rdb files need the page's full build, which could not load: {why}"
            ));
            return;
        }
        self.push(
            self.active,
            LineKind::Note,
            "(loading the page's full build, which reads and writes dump.rdb files: its header has dump.rdb to download the data and Open dump.rdb to choose a file)".into(),
        );
        self.ext_wanted = true;
    }

    /// A dump.rdb the learner opened becomes the data, as redis-server
    /// started on it (`open`: `Engine::open_rdb`, which the full build
    /// lends, so the first loads carry no RDB reader). One undo step; a
    /// file that cannot load changes nothing and the notice says why.
    pub fn open_rdb(
        &mut self,
        bytes: &[u8],
        open: fn(&mut Engine, &[u8]) -> Result<usize, String>,
        wall_ms: i64,
    ) {
        self.tick(wall_ms);
        let step = self.begin_step(OPENED_RDB);
        match open(&mut self.engine, bytes) {
            Ok(keys) => {
                let note = format!(
                    "(opened a dump.rdb of {}: {})",
                    crate::web::describe::plural(bytes.len(), "byte", "bytes"),
                    crate::web::describe::plural(keys, "key", "keys")
                );
                self.push(self.active, LineKind::Note, note);
                self.notice = None;
            }
            Err(e) => {
                self.notice = Some(format!(
                    "That file is not a dump.rdb this server can load ({e}); nothing was changed."
                ))
            }
        }
        self.deliver_pushes();
        self.narrator.absorb(&mut self.engine);
        self.end_step(step);
    }

    /// Move the clock (the page's timer) and show what that delivered:
    /// expired-key notifications reach their subscribers with nobody typing.
    pub fn tick(&mut self, wall_ms: i64) {
        self.engine.tick(self.clock.now(wall_ms));
        self.deliver_pushes();
        self.narrator.absorb(&mut self.engine);
    }

    /// Print every message waiting for a tab in that tab, as redis-cli
    /// prints what arrives while it reads messages. A session without a tab
    /// (the engine has none yet) just loses its messages, as a client that
    /// hung up would.
    pub fn deliver_pushes(&mut self) {
        if !self.engine.has_pushes() {
            return;
        }
        // Answering a waiting tab runs what it queued, which may send more
        // pushes; each round answers at least one tab, so this ends.
        for _ in 0..=self.clients.len() {
            if !self.engine.has_pushes() {
                break;
            }
            let mut resumed = Vec::new();
            for (session, frames) in self.engine.take_all_pushes() {
                let Some(index) = self.clients.iter().position(|c| c.session == session) else {
                    continue;
                };
                if self.clients.get(index).is_some_and(|c| c.waiting.is_some())
                    && !self.engine.is_blocked(session)
                {
                    // Pushes are the `Push` frames; the one other frame is
                    // the answer to the command it waited in.
                    let at = frames.iter().position(|f| !matches!(f, Reply::Push(_)));
                    let waiting = self.clients.get_mut(index).and_then(|c| c.waiting.take());
                    match (at, waiting) {
                        (Some(at), Some(w)) => {
                            let (before, rest) = frames.split_at(at);
                            self.show_frames(index, session, before);
                            let proto = self.engine.client_protocol(session).unwrap_or(2);
                            if let Some(reply) = rest.first() {
                                let reply = cli::as_received(reply, proto);
                                self.show_reply(index, &w.argv, &reply);
                            }
                            self.show_frames(index, session, rest.get(1..).unwrap_or_default());
                            resumed.push((index, w));
                        }
                        (_, w) => {
                            self.show_frames(index, session, &frames);
                            if let (Some(w), Some(c)) = (w, self.clients.get_mut(index)) {
                                c.waiting = Some(w);
                            }
                        }
                    }
                } else {
                    self.show_frames(index, session, &frames);
                }
            }
            for (index, w) in resumed {
                self.resume(index, w);
            }
        }
    }

    /// After a waiting tab got its answer: the rest of its repeat count,
    /// then the lines queued meanwhile, until one of them waits again.
    fn resume(&mut self, index: usize, w: Waiting) {
        if w.repeats_left > 0 {
            self.run_command(index, &w.argv, w.repeats_left);
        }
        // Each line runs or, once something waits again, queues behind it.
        for line in w.queued {
            self.feed_line(index, &line);
        }
    }

    /// Print pushes in a tab, as the session's protocol delivers them.
    fn show_frames(&mut self, index: usize, session: SessionId, frames: &[Reply]) {
        let proto = self.engine.client_protocol(session).unwrap_or(2);
        for f in frames {
            let text = cut(cli::format_push(&cli::as_received(f, proto)));
            self.push(index, LineKind::Reply, text);
        }
    }

    /// Add a line to a console. redis-cli's texts end with a newline;
    /// a line of the log is its own block, so that newline is dropped.
    pub(crate) fn push(&mut self, index: usize, kind: LineKind, mut text: String) {
        if text.ends_with('\n') {
            text.pop();
        }
        if let (Some(seen), LineKind::Reply | LineKind::Error) = (self.replies_seen.as_mut(), kind)
        {
            seen.push(text.clone());
        }
        if let Some(c) = self.clients.get_mut(index) {
            c.written += 1;
            c.lines.push(Line { kind, text });
            if c.lines.len() > MAX_LINES {
                let extra = c.lines.len() - MAX_LINES;
                c.lines.drain(..extra);
            }
        }
    }

    /// Echo `line` after the prompt and keep it for Up/Down, as a typed
    /// line is (a tutorial does this for a line it refuses).
    pub(crate) fn echo(&mut self, index: usize, line: &str) {
        let prompt = self.prompt(index);
        self.push(index, LineKind::Input, format!("{prompt} {line}"));
        self.remember(index, line.trim());
    }

    fn remember(&mut self, index: usize, line: &str) {
        if let Some(c) = self.clients.get_mut(index) {
            if c.history.last().map(String::as_str) != Some(line) {
                c.history.push(line.to_string());
            }
            if c.history.len() > MAX_HISTORY {
                let extra = c.history.len() - MAX_HISTORY;
                c.history.drain(..extra);
            }
        }
    }

    fn run_line(&mut self, index: usize, line: &str, input: Input) {
        let Some(session) = self.clients.get(index).map(|c| c.session) else {
            return;
        };
        if let Some(log) = &mut self.log {
            log.push((index, line.to_string()));
        }
        let prompt = self.prompt(index);
        self.push(index, LineKind::Input, format!("{prompt} {line}"));
        if input != Input::Empty {
            self.remember(index, line.trim());
        }
        match input {
            Input::Empty => {}
            Input::Print(text) => self.push(index, LineKind::Note, text),
            Input::Clear => {
                if let Some(c) = self.clients.get_mut(index) {
                    c.lines.clear();
                }
            }
            Input::SetHints(on) => self.hints = on,
            Input::Help(args) => self.push(index, LineKind::Note, cli::help_text(&args)),
            Input::Quit => {
                // redis-cli would end; a tab instead starts over with a new
                // connection, which is what running redis-cli again gives.
                self.engine.close_session(session);
                self.reconnect(index);
                self.push(
                    index,
                    LineKind::Note,
                    "(connection closed; this tab is connected again as a new client)".into(),
                );
            }
            Input::Command { repeat, argv } => {
                if repeat > MAX_REPEAT {
                    self.push(index, LineKind::Note, format!("(repeat count {repeat} is over this console's limit of {MAX_REPEAT}; running it {MAX_REPEAT} times)"));
                }
                self.run_command(index, &argv, repeat.min(MAX_REPEAT));
            }
        }
    }

    /// Run a command `times` times in a tab, stopping if it starts to wait.
    fn run_command(&mut self, index: usize, argv: &[Vec<u8>], times: u64) {
        let Some(session) = self.clients.get(index).map(|c| c.session) else {
            return;
        };
        for done in 1..=times {
            let reply = self.engine.submit(session, argv);
            // Its own pushes (subscribe confirmations) come first.
            let own = self.engine.take_pushes(session);
            self.show_frames(index, session, &own);
            let Some(reply) = reply else {
                if !self.engine.is_blocked(session) {
                    // CLIENT REPLY OFF or SKIP: nothing to print.
                    let late = self.engine.take_late_pushes(session);
                    self.show_frames(index, session, &late);
                    continue;
                }
                if let Some(c) = self.clients.get_mut(index) {
                    c.waiting = Some(Waiting {
                        argv: argv.to_vec(),
                        repeats_left: times - done,
                        queued: Default::default(),
                    });
                }
                return;
            };
            let proto = self.engine.client_protocol(session).unwrap_or(2);
            self.show_reply(index, argv, &cli::as_received(&reply, proto));
            let late = self.engine.take_late_pushes(session);
            self.show_frames(index, session, &late);
            if self.engine.client_view(session).is_none_or(|v| v.closing) {
                break;
            }
        }
        self.reconnect_dropped();
    }

    /// Tabs whose connection the server closed (CLIENT KILL, an output
    /// buffer over its limit) connect again, as redis-cli does, and say so.
    fn reconnect_dropped(&mut self) {
        let _ = self.engine.take_disconnected();
        for i in 0..self.clients.len() {
            let session = self.clients.get(i).map(|c| c.session).unwrap_or_default();
            if self.engine.client_view(session).is_some_and(|v| !v.closing) {
                continue;
            }
            self.engine.close_session(session);
            self.reconnect(i);
            self.push(
                i,
                LineKind::Note,
                "(the server closed this connection; this tab is connected again as a new client)"
                    .into(),
            );
        }
    }

    /// Print a command's reply as redis-cli does, and follow it in the prompt.
    fn show_reply(&mut self, index: usize, argv: &[Vec<u8>], reply: &Reply) {
        if let Some(c) = self.clients.get_mut(index) {
            c.prompt.after_command(argv, reply);
        }
        let kind = if reply.is_error() {
            LineKind::Error
        } else {
            LineKind::Reply
        };
        let text = cut(shown(cli::format_command_reply(argv, reply)));
        self.push(index, kind, text);
    }

    /// Key names of the client's db that could complete the last word of
    /// `line` (at most a few hundred: completion is for typing, not listing).
    pub fn completion_keys(&self, index: usize, line: &str) -> Vec<Vec<u8>> {
        let db = self
            .clients
            .get(index)
            .and_then(|c| self.engine.client_view(c.session))
            .map_or(0, |v| v.db);
        let word = if line.ends_with(' ') {
            ""
        } else {
            line.rsplit(' ').next().unwrap_or("")
        };
        self.engine
            .key_page(db, word.as_bytes(), 0, usize::MAX)
            .keys
            .into_iter()
            .map(|k| k.key)
            .filter(|k| k.starts_with(word.as_bytes()))
            .take(300)
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests;
