//! The command table: one record per command, the only place that knows a
//! command's arity, flags, key positions, group and syntax. Dispatch, arity
//! errors, COMMAND, HELP, completion and hints all read it. The records are
//! generated (see `commands.rs`); this file gives them a shape and an index.

use std::collections::HashMap;
#[cfg(not(feature = "web"))]
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::{Engine, Session};
use crate::reply::Reply;

pub type Handler = fn(&mut Engine, &mut Session, &[Vec<u8>]) -> Reply;

#[derive(Debug)]
pub struct Command {
    /// Lowercase; `container|sub` for a subcommand, as COMMAND shows it.
    pub name: &'static str,
    /// Redis's convention: N means exactly N arguments (name included),
    /// -N means at least N.
    pub arity: i32,
    /// First key, last key (negative counts from the end), step.
    pub keys: (i32, i32, i32),
    /// Redis's flags, as bits of [`flag`] (COMMAND INFO names them).
    pub flags: u32,
    /// The usage line, as `HELP` and the console's hint show it; empty for
    /// the rest of the engine's commands (`cmd::ext`): a first load cannot
    /// run them, so their syntax waits in `docs.txt`. The rest (summary,
    /// complexity, ACL categories, tips, group, since) is in `docs.txt`,
    /// which the playground fetches after its first load.
    pub syntax: &'static str,
    pub handler: Handler,
    pub subcommands: &'static [Command],
}

/// Command flags as bits, in Redis 7.0's order (`addReplyFlagsForCommand`),
/// then `may_replicate`, which Redis acts on but COMMAND INFO hides.
/// Dispatch tests several on every command: a bit test where splitting
/// the words cost more than some commands' own work.
pub mod flag {
    pub const NAMES: [&str; 21] = [
        "write",
        "readonly",
        "denyoom",
        "module",
        "admin",
        "pubsub",
        "noscript",
        "blocking",
        "loading",
        "stale",
        "skip_monitor",
        "skip_slowlog",
        "asking",
        "fast",
        "no_auth",
        "no_mandatory_keys",
        "no_async_loading",
        "no_multi",
        "movablekeys",
        "allow_busy",
        "may_replicate",
    ];
    pub const WRITE: u32 = 1 << 0;
    pub const READONLY: u32 = 1 << 1;
    pub const DENYOOM: u32 = 1 << 2;
    pub const MODULE: u32 = 1 << 3;
    pub const ADMIN: u32 = 1 << 4;
    pub const PUBSUB: u32 = 1 << 5;
    pub const NOSCRIPT: u32 = 1 << 6;
    pub const BLOCKING: u32 = 1 << 7;
    pub const LOADING: u32 = 1 << 8;
    pub const STALE: u32 = 1 << 9;
    pub const SKIP_MONITOR: u32 = 1 << 10;
    pub const SKIP_SLOWLOG: u32 = 1 << 11;
    pub const ASKING: u32 = 1 << 12;
    pub const FAST: u32 = 1 << 13;
    pub const NO_AUTH: u32 = 1 << 14;
    pub const NO_MANDATORY_KEYS: u32 = 1 << 15;
    pub const NO_ASYNC_LOADING: u32 = 1 << 16;
    pub const NO_MULTI: u32 = 1 << 17;
    pub const MOVABLEKEYS: u32 = 1 << 18;
    pub const ALLOW_BUSY: u32 = 1 << 19;
    pub const MAY_REPLICATE: u32 = 1 << 20;

    /// The bit of the flag named `name` (0 for a name Redis has not).
    pub fn bit(name: &str) -> u32 {
        NAMES.iter().position(|n| *n == name).map_or(0, |i| 1 << i)
    }
}

impl Command {
    pub fn fullname(&self) -> String {
        self.name.to_string()
    }

    /// The subcommand's own word (`get` for `config|get`).
    pub fn sub_name(&self) -> &'static str {
        match self.name.split_once('|') {
            Some((_, sub)) => sub,
            None => self.name,
        }
    }

    /// The flags' names, in the order COMMAND INFO lists them.
    pub fn flags(&self) -> impl Iterator<Item = &'static str> {
        let bits = self.flags;
        flag::NAMES
            .iter()
            .enumerate()
            .filter(move |(i, _)| bits & (1 << i) != 0)
            .map(|(_, n)| *n)
    }

    /// ACL categories; like everything from `docs.txt`, empty until the
    /// docs are there (see [`docs_ready`]).
    pub fn acl_categories(&self) -> impl Iterator<Item = &'static str> {
        docs_of(self.name)[2].split_whitespace()
    }

    pub fn tips(&self) -> impl Iterator<Item = &'static str> {
        docs_of(self.name)[3].split_whitespace()
    }

    pub fn group(&self) -> &'static str {
        docs_of(self.name)[4]
    }

    pub fn since(&self) -> &'static str {
        docs_of(self.name)[5]
    }

    /// What the command does, in a sentence (our words).
    pub fn summary(&self) -> &'static str {
        docs_of(self.name)[0]
    }

    pub fn complexity(&self) -> &'static str {
        docs_of(self.name)[1]
    }

    /// The usage line, as `HELP` and the console's hint show it. The rest
    /// of the engine's commands keep theirs in `docs.txt`.
    pub fn syntax(&self) -> &'static str {
        match self.syntax {
            "" => docs_of(self.name)[6],
            s => s,
        }
    }

    /// Whether the command has any of `bits` (of [`flag`]).
    #[inline]
    pub fn is(&self, bits: u32) -> bool {
        self.flags & bits != 0
    }

    /// Whether the command has the flag COMMAND INFO calls `name`.
    pub fn has_flag(&self, name: &str) -> bool {
        self.flags & flag::bit(name) != 0
    }

    /// Positions of the key arguments in `argv`, from the table's first/last/step.
    pub fn key_positions(&self, argc: usize) -> Vec<usize> {
        let (first, last, step) = self.keys;
        if first <= 0 || step <= 0 {
            return Vec::new();
        }
        let last = if last < 0 {
            argc as i64 + i64::from(last)
        } else {
            i64::from(last)
        };
        let mut out = Vec::new();
        let mut i = i64::from(first);
        while i <= last && i < argc as i64 {
            out.push(i as usize);
            i += i64::from(step);
        }
        out
    }
}

/// The handlers of "the rest of the engine" (`cmd::ext`), when this build
/// has them: always outside the page; in the page once its full build has
/// called [`install_ext`]; never in the page's Lua module, which runs no
/// command (its scripts' calls go back to the page's engine).
#[cfg(not(any(feature = "web", feature = "lua-module")))]
pub fn ext_handlers() -> Option<&'static [Handler]> {
    Some(super::commands::EXT_HANDLERS)
}

/// What runs after every command, in builds with the rest of the engine:
/// SLOWLOG's recording and MONITOR's feed (a first load can neither read
/// the log nor start a monitor, so it need not do either).
pub type AfterCommand = fn(&mut Engine, &mut Session, &'static Command, &[Vec<u8>]);

#[cfg(not(any(feature = "web", feature = "lua-module")))]
pub fn after_command() -> Option<AfterCommand> {
    Some(Engine::after_ext_command)
}

/// MONITOR's feed, for the commands that feed it before they run (EVAL
/// and FCALL, so that their scripts' calls come after them).
pub type MonitorFeed = fn(&mut Engine, &Session, &[Vec<u8>]);

#[cfg(not(any(feature = "web", feature = "lua-module")))]
pub fn monitor_feed() -> Option<MonitorFeed> {
    Some(Engine::feed_monitors)
}

/// A refusal some commands get before they run (or are queued), from
/// the rest of the engine: DEBUG's, when `enable-debug-command` does not
/// allow the client. A first load has no DEBUG to refuse.
pub type Refuse = fn(&Engine, &Session, &'static Command) -> Option<Reply>;

#[cfg(not(any(feature = "web", feature = "lua-module")))]
pub fn refuse() -> Option<Refuse> {
    Some(super::cmd::debug::refuse)
}

/// Saving, from the rest of the engine: SHUTDOWN's save (`.0`), the
/// clock's work (`.1`: save points, `save 60 1000`, checked on each tick),
/// and the refusal of writes after a failed background save (`.2`,
/// asked only while one has failed).
pub type Persistence = (
    fn(&mut Engine) -> Result<(), String>,
    fn(&mut Engine),
    fn(&Engine, &Session, &'static Command, &[Vec<u8>]) -> Option<Reply>,
    fn(&mut Engine),
);

#[cfg(not(any(feature = "web", feature = "lua-module")))]
pub fn persistence() -> Option<Persistence> {
    Some((
        Engine::save_rdb,
        Engine::persist_cron,
        Engine::refuse_write,
        Engine::aof_sync,
    ))
}

/// ACL, from the rest of the engine: what makes the engine's users when
/// something first needs more than the default user (an ACL command,
/// AUTH). A first load has no ACL command, and its AUTH (HELLO's) knows
/// only requirepass.
pub type MakeGuard = fn(&Engine) -> Box<dyn super::Guard>;

#[cfg(not(any(feature = "web", feature = "lua-module")))]
pub fn guard() -> Option<MakeGuard> {
    Some(super::acl::make)
}

#[cfg(any(feature = "web", feature = "lua-module"))]
type Installed = (
    &'static [Handler],
    AfterCommand,
    MonitorFeed,
    Refuse,
    Persistence,
    MakeGuard,
);

#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn guard() -> Option<MakeGuard> {
    EXT.get().map(|e| e.5)
}

#[cfg(any(feature = "web", feature = "lua-module"))]
static EXT: OnceLock<Installed> = OnceLock::new();

#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn persistence() -> Option<Persistence> {
    EXT.get().map(|e| e.4)
}

#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn ext_handlers() -> Option<&'static [Handler]> {
    EXT.get().map(|e| e.0)
}

#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn after_command() -> Option<AfterCommand> {
    EXT.get().map(|e| e.1)
}

#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn monitor_feed() -> Option<MonitorFeed> {
    EXT.get().map(|e| e.2)
}

#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn refuse() -> Option<Refuse> {
    EXT.get().map(|e| e.3)
}

/// The page's full build runs the rest of the engine: only that build
/// calls this, so only its wasm carries those handlers.
#[cfg(any(feature = "web", feature = "lua-module"))]
pub fn install_ext() {
    let _ = EXT.set((
        super::commands::EXT_HANDLERS,
        Engine::after_ext_command,
        Engine::feed_monitors,
        super::cmd::debug::refuse,
        (
            Engine::save_rdb,
            Engine::persist_cron,
            Engine::refuse_write,
            Engine::aof_sync,
        ),
        super::acl::make,
    ));
}

/// Whether `cmd` is one of the rest of the engine's commands.
pub fn is_ext(cmd: &Command) -> bool {
    super::commands::EXT_NAMES.contains(&cmd.name)
}

/// What `docs.txt` says of a command: summary, complexity, ACL
/// categories, tips, group, since, and for the rest of the engine's
/// commands their syntax (empty for the others).
type Docs = [&'static str; 7];

/// The docs by command name, read from `docs.txt` (`name TAB summary TAB
/// complexity TAB acl TAB tips TAB group TAB since` lines), and the texts
/// of `texts.txt` by name (subcommand HELP replies, INFO templates).
/// Builds with the `docs` feature carry both files; the playground leaves
/// them out of its first load and hands them over with [`install_docs`]
/// once fetched.
struct Loaded {
    commands: HashMap<&'static str, Docs>,
    texts: HashMap<&'static str, &'static str>,
}

static DOCS: OnceLock<Loaded> = OnceLock::new();

/// The texts [`install_docs`] insists on: what the engine answers with.
const TEXTS: [&str; 15] = [
    "client|help",
    "memory|help",
    "debug|help",
    "command|help",
    "config|help",
    "function|help",
    "object|help",
    "pubsub|help",
    "script|help",
    "info:server",
    "info:clients",
    "info:memory",
    "info:persistence",
    "info:stats",
    "info:replication",
];

/// `docs.txt` then `texts.txt`, as one text: the texts start at the first
/// `== NAME` line, and each runs to the next.
fn read_docs(text: &'static str) -> Loaded {
    let (commands, texts) = match text.find("\n== ") {
        Some(i) => (&text[..i], &text[i + 4..]),
        None => (text, ""),
    };
    let commands = commands
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let name = f.next()?;
            let mut d = [""; 7];
            for slot in d.iter_mut().take(6) {
                *slot = f.next()?;
            }
            d[6] = f.next().unwrap_or_default();
            Some((name, d))
        })
        .collect();
    let texts = texts
        .split("\n== ")
        .filter_map(|t| {
            let (name, body) = t.split_once('\n')?;
            Some((name.trim(), body.trim_end_matches('\n')))
        })
        .collect();
    Loaded { commands, texts }
}

fn docs() -> Option<&'static Loaded> {
    #[cfg(feature = "docs")]
    {
        Some(DOCS.get_or_init(|| {
            read_docs(concat!(include_str!("docs.txt"), include_str!("texts.txt")))
        }))
    }
    #[cfg(not(feature = "docs"))]
    {
        DOCS.get()
    }
}

fn docs_of(name: &str) -> Docs {
    docs()
        .and_then(|d| d.commands.get(name))
        .copied()
        .unwrap_or([""; 7])
}

/// A text of `texts.txt` (`script|help`, `info:memory`); empty until the
/// docs are there.
pub fn text(name: &str) -> &'static str {
    docs()
        .and_then(|d| d.texts.get(name))
        .copied()
        .unwrap_or_default()
}

/// A subcommand's HELP reply (`script|help`): one status line per line of
/// its text.
pub fn help_reply(name: &str) -> Reply {
    Reply::Array(text(name).lines().map(Reply::simple).collect())
}

/// The summary of the command or subcommand named `name` (`config|get`).
pub fn summary_of(name: &str) -> &'static str {
    docs_of(name)[0]
}

/// Whether summaries and complexities are there (always, with `docs`).
pub fn docs_ready() -> bool {
    docs().is_some()
}

/// Hand over `docs.txt` and `texts.txt` (one after the other) fetched at
/// run time. Only the first call counts; a text without a line for every
/// command, or without a text the engine answers with, is refused (a
/// broken or wrong file must not leave HELP half-empty for the page's
/// life).
pub fn install_docs(text: String) -> Result<(), String> {
    let map = read_docs(Box::leak(text.into_boxed_str()));
    let missing = all()
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.subcommands))
        .find(|c| !map.commands.contains_key(c.name));
    if let Some(c) = missing {
        return Err(format!("the command docs lack {}", c.name));
    }
    if let Some(t) = TEXTS.iter().find(|t| !map.texts.contains_key(*t)) {
        return Err(format!("the command docs lack the text {t}"));
    }
    let _ = DOCS.set(map);
    Ok(())
}

pub fn all() -> &'static [Command] {
    super::commands::COMMANDS
}

/// The top-level command named `lower` (lowercase). Natively and in the
/// JS API, an index hashed with FNV-1a: it never changes once built, so no
/// input can flood it, and a name of a few bytes hashes in a few cycles
/// (SipHash, or a binary search of the table, cost a third of a GET's
/// time).
#[cfg(not(feature = "web"))]
fn find(lower: &str) -> Option<&'static Command> {
    type Index = HashMap<&'static str, &'static Command, BuildHasherDefault<NameHasher>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| all().iter().map(|c| (c.name, c)).collect());
    index.get(lower).copied()
}

/// The playground's lookup: a binary search of the table, which the
/// generator writes in name order (a test checks). No index to build or
/// hash code to carry in a first load with a size budget, and a person
/// typing does not feel the difference.
#[cfg(feature = "web")]
fn find(lower: &str) -> Option<&'static Command> {
    let all = all();
    all.binary_search_by(|c| c.name.cmp(lower))
        .ok()
        .and_then(|i| all.get(i))
}

/// FNV-1a over a command's name (see `find`).
#[cfg(not(feature = "web"))]
#[derive(Default)]
struct NameHasher(u64);

#[cfg(not(feature = "web"))]
impl std::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Case-insensitive lookup of a top-level command.
pub fn lookup(name: &[u8]) -> Option<&'static Command> {
    if name.len() > 64 {
        return None;
    }
    // Lowercase on the stack: this runs for every command.
    let mut buf = [0u8; 64];
    let dst = buf.get_mut(..name.len())?;
    dst.copy_from_slice(name);
    dst.make_ascii_lowercase();
    let lower = std::str::from_utf8(dst).ok()?;
    find(lower)
}

/// Redis's `lookupCommand` on a command line: a container's subcommand
/// when the line names one (none if it is not one of them), the command
/// itself otherwise (a container alone included). ACL DRYRUN and
/// `redis.acl_check_cmd` look commands up so.
pub fn lookup_command(line: &[Vec<u8>]) -> Option<&'static Command> {
    let cmd = lookup(line.first()?)?;
    match line.get(1) {
        Some(sub) if !cmd.subcommands.is_empty() => cmd
            .subcommands
            .iter()
            .find(|s| s.sub_name().as_bytes().eq_ignore_ascii_case(sub)),
        _ => Some(cmd),
    }
}

/// A command or `container|sub` by its full name.
pub fn lookup_full(name: &str) -> Option<&'static Command> {
    let lower = name.to_ascii_lowercase();
    match lower.split_once('|') {
        None => find(&lower),
        Some((top, _)) => find(top)?.subcommands.iter().find(|s| s.name == lower),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find` looks top-level commands up by binary search.
    #[test]
    fn the_table_is_in_name_order() {
        let names: Vec<&str> = all().iter().map(|c| c.name).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        assert!(lookup(b"GeT").is_some_and(|c| c.name == "get"));
        assert!(lookup(b"acl").is_some() && lookup(b"zunionstore").is_some());
        assert!(lookup(b"nope").is_none() && lookup(b"").is_none());
    }

    /// `cmd::ext` finds a command among them by binary search.
    #[test]
    fn the_rest_of_the_engine_is_listed_in_order() {
        let names = super::super::commands::EXT_NAMES;
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        assert_eq!(names.len(), super::super::commands::EXT_HANDLERS.len());
    }

    #[test]
    fn the_docs_file_covers_every_command_and_a_short_one_is_refused() {
        let both = concat!(include_str!("docs.txt"), include_str!("texts.txt"));
        assert_eq!(install_docs(both.to_string()), Ok(()));
        assert!(docs_ready());
        let get = lookup(b"get").map(|c| (c.summary(), c.complexity()));
        assert_eq!(get, Some(("Read the string stored at a key.", "O(1)")));
        let cut: String = include_str!("docs.txt")
            .lines()
            .take(20)
            .map(|l| format!("{l}\n"))
            .collect();
        let refused = install_docs(cut);
        assert!(refused.is_err_and(|e| e.starts_with("the command docs lack ")));
        let refused = install_docs(include_str!("docs.txt").to_string());
        assert_eq!(
            refused,
            Err("the command docs lack the text client|help".to_string())
        );
        let help = help_reply("script|help");
        let Reply::Array(lines) = help else {
            panic!("{help:?}")
        };
        assert_eq!(
            lines.first(),
            Some(&Reply::simple(
                "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"
            ))
        );
        assert_eq!(lines.last(), Some(&Reply::simple("    Prints this help.")));
        assert!(text("info:stats").starts_with("total_connections_received:$\n"));
    }
}
