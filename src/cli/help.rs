//! The console's `HELP`, its grey syntax hint, and Tab completion, all read
//! from the command table.
//!
//! redis-cli 7.0 takes these from a help table compiled into it (one entry
//! per command and subcommand: name, parameters, summary, since, group).
//! We derive the same entries from our command table, the one source of
//! truth for command facts, so a command added to the table is helped,
//! hinted and completed with no other change. The summaries are our own;
//! the parameter lines, versions and groups match redis-cli's (checked
//! against the real binary by `tests/cli_format.rs`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::engine::table::{self, Command};

/// One help topic: a command or a subcommand. What comes from the docs
/// (parameters of the rest of the engine's commands, since, group) is read
/// when asked, not kept: the page fetches the docs after the entries are
/// made, often after the first hint made them.
#[derive(Debug, Clone)]
pub struct HelpEntry {
    /// Uppercase, subcommands as two words: `CONFIG GET`.
    pub name: String,
    /// The table's name for it (`config|get`).
    pub key: &'static str,
    command: &'static Command,
}

/// Entries are the same when they name the same command (names are
/// unique in the table).
impl PartialEq for HelpEntry {
    fn eq(&self, other: &HelpEntry) -> bool {
        self.key == other.key
    }
}

impl Eq for HelpEntry {}

impl HelpEntry {
    fn from_command(c: &'static Command) -> HelpEntry {
        HelpEntry {
            name: c.name.replace('|', " ").to_ascii_uppercase(),
            key: c.name,
            command: c,
        }
    }

    /// The arguments after the name, in redis-cli's notation: `key value
    /// [NX|XX] ...`; empty for a command without arguments.
    pub fn params(&self) -> String {
        let syntax = self.command.syntax();
        // The syntax line starts with the name; the parameters follow it.
        // One that does not is shown whole rather than lose an argument.
        let rest = match syntax.get(..self.name.len()) {
            Some(head) if head.eq_ignore_ascii_case(&self.name) => {
                syntax.get(self.name.len()..).unwrap_or("")
            }
            _ => syntax,
        };
        cli_params(rest.trim())
    }

    pub fn since(&self) -> &'static str {
        self.command.since()
    }

    pub fn group(&self) -> &'static str {
        self.command.group()
    }

    /// What the command does (empty while the docs are not there).
    pub fn summary(&self) -> &'static str {
        table::summary_of(self.key)
    }

    /// The name's words, for matching typed arguments.
    fn words(&self) -> impl Iterator<Item = &str> {
        self.name.split(' ')
    }

    fn word_count(&self) -> usize {
        self.words().count()
    }
}

/// The table writes arguments the way the Redis documentation does
/// (`[NX | XX]`, `<ON | OFF>` for a required choice); redis-cli 7.0's help
/// writes `[NX|XX]` and `ON|OFF`. Over all of Redis 7.0's commands this one
/// rewrite turns the former into the latter (MIGRATE's empty-string token
/// is the only exception: redis-cli shows it as `""`).
fn cli_params(syntax: &str) -> String {
    syntax.replace(" | ", "|").replace(['<', '>'], "")
}

/// Every command and subcommand of the table, sorted by name as redis-cli
/// sorts its help table (so `HELP @group` and completion list in its order).
pub fn entries() -> &'static [HelpEntry] {
    static ENTRIES: OnceLock<Vec<HelpEntry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut v = Vec::new();
        for c in table::all() {
            v.push(HelpEntry::from_command(c));
            v.extend(c.subcommands.iter().map(HelpEntry::from_command));
        }
        v.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        v
    })
}

/// The groups that have commands in the table, sorted: the `@group` topics.
pub fn groups() -> Vec<&'static str> {
    let set: BTreeSet<&'static str> = entries().iter().map(HelpEntry::group).collect();
    set.into_iter().collect()
}

/// What a `HELP` line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum HelpTopic {
    /// Bare `HELP`: how to use help.
    Intro,
    /// The entries to print; `with_group` is false when listing a group
    /// (redis-cli then leaves out each entry's `group:` line). Empty when
    /// nothing matched: redis-cli then prints just an empty line.
    Entries {
        entries: Vec<&'static HelpEntry>,
        with_group: bool,
    },
}

/// Resolve `HELP arg...` (the arguments after `HELP`) like redis-cli:
/// `@group` lists the group's commands; otherwise every entry whose first
/// words equal the arguments (case-insensitive) is shown, so `HELP CONFIG`
/// shows CONFIG and all its subcommands and `HELP CONFIG GET` only that one.
pub fn help_topic<A: AsRef<[u8]>>(args: &[A]) -> HelpTopic {
    let Some(first) = args.first() else {
        return HelpTopic::Intro;
    };
    if let Some(group) = first.as_ref().strip_prefix(b"@") {
        // redis-cli ignores the words after a known group; an unknown one
        // is matched as a command name, which matches nothing.
        let found: Vec<&'static HelpEntry> = entries()
            .iter()
            .filter(|e| e.group().as_bytes().eq_ignore_ascii_case(group))
            .collect();
        return HelpTopic::Entries {
            entries: found,
            with_group: false,
        };
    }
    let found = entries()
        .iter()
        .filter(|e| {
            args.len() <= e.word_count()
                && args
                    .iter()
                    .zip(e.words())
                    .all(|(a, w)| a.as_ref().eq_ignore_ascii_case(w.as_bytes()))
        })
        .collect();
    HelpTopic::Entries {
        entries: found,
        with_group: true,
    }
}

/// The text the console prints for `HELP arg...`: for each entry an empty
/// line, `  NAME params`, `  summary: ...`, `  since: ...` and (unless a
/// group is listed) `  group: ...`; then one empty line. redis-cli also
/// colours the name, parameters and labels; a UI that wants that can
/// style [`help_topic`]'s entries itself.
pub fn help_text<A: AsRef<[u8]>>(args: &[A]) -> String {
    match help_topic(args) {
        HelpTopic::Intro => intro(),
        HelpTopic::Entries {
            entries,
            with_group,
        } => {
            let mut out = String::new();
            for e in entries {
                out.push_str(&entry_text(e, with_group));
            }
            out.push('\n');
            out
        }
    }
}

/// One entry as redis-cli prints it. Note the space after the name even
/// when there are no parameters: redis-cli prints `"%s %s"`.
pub fn entry_text(e: &HelpEntry, with_group: bool) -> String {
    let mut s = format!(
        "\n  {} {}\n  summary: {}\n  since: {}\n",
        e.name,
        e.params(),
        e.summary(),
        e.since()
    );
    if with_group {
        s.push_str("  group: ");
        s.push_str(e.group());
        s.push('\n');
    }
    s
}

/// Bare `HELP`. redis-cli prints its version and how to use help; this is
/// the same information in our words, for the console.
pub fn intro() -> String {
    let mut s = format!("Reddish {} (speaks Redis 7.0)\n", env!("CARGO_PKG_VERSION"));
    s.push_str("Help on commands:\n");
    s.push_str("      \"help @<group>\" lists the commands of a group, e.g. \"help @string\"\n");
    s.push_str("      \"help <command>\" shows a command's arguments, e.g. \"help set\"\n");
    s.push_str("      \"help <tab>\" cycles through every topic\n");
    s.push_str("      \"clear\" empties the screen\n");
    s.push_str("Groups: ");
    s.push_str(
        &groups()
            .iter()
            .map(|g| format!("@{g}"))
            .collect::<Vec<_>>()
            .join(" "),
    );
    s.push('\n');
    s
}

/// C's `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The grey hint shown after what is typed, as redis-cli 7.0 computes it:
/// the parameters of the command (or subcommand: the longest entry whose
/// words were all typed), minus one word per argument already typed after
/// the name, stopping at the first optional `[...]` part, which stays.
/// A space is put in front when the line does not end with one.
///
/// `None` when nothing is typed, the line cannot be split (open quote) or
/// no command matches. The hint may be `Some(" ")` or `Some("")` (a
/// command without arguments): redis-cli shows those too, invisibly.
///
/// ```text
/// "set"        -> " key value [NX|XX] [GET] ..."
/// "set k v "   -> "[NX|XX] [GET] ..."
/// "config get" -> " parameter [parameter ...]"
/// ```
pub fn hint(line: &str) -> Option<String> {
    let argv = crate::resp::split_args(line.as_bytes())?;
    if argv.is_empty() {
        return None;
    }
    let entry = best_entry(&argv)?;
    let mut to_remove = argv.len().saturating_sub(entry.word_count());
    let all = entry.params();
    let params = all.as_bytes();
    let mut start = 0;
    while to_remove > 0 {
        match params.get(start) {
            None | Some(b'[') => break,
            Some(b' ') => to_remove -= 1,
            Some(_) => {}
        }
        start += 1;
    }
    let rest = all.get(start..).unwrap_or("");
    let ends_with_space = line.as_bytes().last().is_some_and(|&b| is_c_space(b));
    Some(if ends_with_space {
        rest.to_string()
    } else {
        format!(" {rest}")
    })
}

/// The entry with the most name words matching the first arguments; the
/// first in table order among equals (as redis-cli's loop picks it).
fn best_entry(argv: &[Vec<u8>]) -> Option<&'static HelpEntry> {
    let mut best: Option<&'static HelpEntry> = None;
    let mut best_len = 0;
    for e in entries() {
        let n = e.word_count();
        if n <= argv.len()
            && n > best_len
            && e.words()
                .zip(argv)
                .all(|(w, a)| a.eq_ignore_ascii_case(w.as_bytes()))
        {
            best = Some(e);
            best_len = n;
        }
    }
    best
}

/// At most this many key names are offered for one Tab press: a browser
/// console must stay responsive with a million keys.
pub const MAX_KEY_CANDIDATES: usize = 100;

/// Tab completion: the lines Tab cycles through, each a full replacement
/// of the typed line.
///
/// Commands and subcommands complete as redis-cli does it: every help entry
/// whose name starts with the whole line (case-insensitive) gives the line
/// replaced by the uppercase name (`config g` -> `CONFIG GET`); after
/// `help ` the `@group` topics are candidates too. Beyond redis-cli, an
/// argument in a key position of the command (from the table's first key,
/// last key and step) completes to the existing keys starting with what
/// is typed, sorted, quoted when the console would otherwise split them
/// differently, and at most [`MAX_KEY_CANDIDATES`] of them.
pub fn complete<I, K>(line: &str, keys: I) -> Vec<String>
where
    I: IntoIterator<Item = K>,
    K: AsRef<[u8]>,
{
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let help_mode = bytes
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"help "));
    let start = if help_mode {
        5 + bytes
            .get(5..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| is_c_space(b))
            .count()
    } else {
        0
    };
    let (head, typed) = (
        line.get(..start).unwrap_or(""),
        line.get(start..).unwrap_or(""),
    );
    let matches = |name: &str| {
        name.len() >= typed.len()
            && name
                .as_bytes()
                .get(..typed.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(typed.as_bytes()))
    };
    if help_mode {
        for g in groups() {
            let topic = format!("@{g}");
            if matches(&topic) {
                out.push(format!("{head}{topic}"));
            }
        }
    }
    for e in entries() {
        if matches(&e.name) {
            out.push(format!("{head}{}", e.name));
        }
    }
    if !help_mode {
        out.extend(complete_key(line, keys));
    }
    out
}

/// Key-name candidates for the word under the cursor (the end of the line).
fn complete_key<I, K>(line: &str, keys: I) -> Vec<String>
where
    I: IntoIterator<Item = K>,
    K: AsRef<[u8]>,
{
    let Some(CurrentWord {
        base,
        before,
        prefix,
    }) = current_word(line)
    else {
        return Vec::new();
    };
    let position = before.len();
    if position == 0 || !is_key_position(&before, position) {
        return Vec::new();
    }
    let mut found: BTreeSet<Vec<u8>> = BTreeSet::new();
    for k in keys {
        let k = k.as_ref();
        if k.starts_with(&prefix) && !found.contains(k) {
            found.insert(k.to_vec());
            if found.len() > MAX_KEY_CANDIDATES {
                found.pop_last();
            }
        }
    }
    found
        .iter()
        .map(|k| format!("{base}{}", quote_arg(k)))
        .collect()
}

/// The word being completed (the last one, or a new one after a space).
struct CurrentWord<'a> {
    /// The line up to where the word starts: candidates replace the rest.
    base: &'a str,
    /// The arguments before the word.
    before: Vec<Vec<u8>>,
    /// The word so far, unquoted.
    prefix: Vec<u8>,
}

/// Longer lines get no key completion: finding where a quoted last word
/// starts re-splits the line, which must stay cheap for a pasted line.
const MAX_COMPLETION_LINE: usize = 4096;

/// `None` when the line does not split (an open quote) or is too long.
fn current_word(line: &str) -> Option<CurrentWord<'_>> {
    if line.len() > MAX_COMPLETION_LINE {
        return None;
    }
    let mut argv = crate::resp::split_args(line.as_bytes())?;
    let ends_with_space = line.as_bytes().last().is_none_or(|&b| is_c_space(b));
    if ends_with_space || argv.is_empty() {
        return Some(CurrentWord {
            base: line,
            before: argv,
            prefix: Vec::new(),
        });
    }
    let last = argv.pop()?;
    // The last word starts after some whitespace: the latest split point at
    // which the tail is that one word and the head the other words.
    let b = line.as_bytes();
    for i in (1..b.len()).rev() {
        if b.get(i - 1).is_some_and(|&c| is_c_space(c)) && line.is_char_boundary(i) {
            let (head, tail) = (line.get(..i)?, line.get(i..)?);
            if crate::resp::split_args(tail.as_bytes()).as_deref()
                == Some(std::slice::from_ref(&last))
                && crate::resp::split_args(head.as_bytes()).as_ref() == Some(&argv)
            {
                return Some(CurrentWord {
                    base: head,
                    before: argv,
                    prefix: last,
                });
            }
        }
    }
    None
}

/// Whether argument `position` of a command line is a key, by the table's
/// key positions (of the subcommand when the command has them). Commands
/// whose keys the table cannot place by position (EVAL's numkeys...) give
/// no key completion.
fn is_key_position(argv: &[Vec<u8>], position: usize) -> bool {
    let Some(cmd) = argv.first().and_then(|name| table::lookup(name)) else {
        return false;
    };
    let cmd = if cmd.subcommands.is_empty() {
        cmd
    } else {
        let Some(sub) = argv.get(1) else { return false };
        let Ok(sub) = std::str::from_utf8(sub) else {
            return false;
        };
        match table::lookup_full(&format!("{}|{}", cmd.name, sub)) {
            Some(s) => s,
            None => return false,
        }
    };
    // A negative last key counts from the end: assume the arguments after
    // the keys are still to come, so that `DEL a <Tab>` and `BLPOP a <Tab>`
    // both offer keys.
    let (_, last, _) = cmd.keys;
    let trailing = if last < 0 {
        usize::try_from(-i64::from(last) - 1).unwrap_or(0)
    } else {
        0
    };
    cmd.key_positions(position + 1 + trailing)
        .contains(&position)
}

/// An argument as it must be typed so that the console splits it back to
/// the same bytes: as is when it is plain, else in double quotes with
/// redis-cli's escapes (which the splitter reads back).
pub fn quote_arg(arg: &[u8]) -> String {
    let plain = !arg.is_empty()
        && arg
            .iter()
            .all(|&b| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\'');
    if plain {
        String::from_utf8_lossy(arg).into_owned()
    } else {
        super::format::repr(arg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> &'static HelpEntry {
        entries()
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entry {name}"))
    }

    #[test]
    fn entries_use_redis_cli_notation() {
        assert_eq!(
            entry("SET").params(),
            "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
        );
        assert_eq!(entry("CONFIG GET").params(), "parameter [parameter ...]");
        assert_eq!(entry("CONFIG").params(), "");
        assert_eq!(cli_params("<ON | OFF | SKIP>"), "ON|OFF|SKIP");
        let names: Vec<&str> = entries().iter().map(|e| e.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }

    #[test]
    fn help_for_a_command_and_its_subcommands() {
        let text = help_text(&["set"]);
        let set = entry("SET");
        assert_eq!(
            text,
            format!(
                "\n  SET {}\n  summary: {}\n  since: 1.0.0\n  group: string\n\n",
                set.params(),
                set.summary()
            )
        );
        let config = help_text(&["CONFIG"]);
        assert!(config.starts_with("\n  CONFIG \n  summary: "), "{config}");
        assert!(
            config.contains("\n  CONFIG GET parameter [parameter ...]\n"),
            "{config}"
        );
        let get = help_text(&["config", "get"]);
        assert!(get.starts_with("\n  CONFIG GET parameter"), "{get}");
        assert!(!get.contains("CONFIG SET"), "{get}");
        assert_eq!(help_text(&["config", "g"]), "\n");
        assert_eq!(help_text(&["nosuch"]), "\n");
        assert_eq!(help_text(&["@nosuch"]), "\n");
        assert_eq!(help_text(&["set", "key"]), "\n");
    }

    #[test]
    fn help_for_a_group_lists_without_group_lines() {
        let text = help_text(&["@STRING"]);
        assert!(
            text.starts_with("\n  APPEND key value\n  summary: "),
            "{text}"
        );
        assert!(!text.contains("group:"), "{text}");
        assert!(text.ends_with("\n\n"));
        let listed = text.matches("\n  since: ").count();
        assert_eq!(
            listed,
            entries().iter().filter(|e| e.group() == "string").count()
        );
        assert!(matches!(help_topic::<&[u8]>(&[]), HelpTopic::Intro));
        assert!(help_text::<&str>(&[]).contains("help @<group>"));
    }

    #[test]
    fn hints_drop_one_word_per_argument() {
        let set = entry("SET").params();
        assert_eq!(hint("set").as_deref(), Some(format!(" {set}").as_str()));
        assert_eq!(hint("SET ").as_deref(), Some(set.as_str()));
        let after_key = set.strip_prefix("key ").unwrap_or_default();
        assert_eq!(
            hint("set k").as_deref(),
            Some(format!(" {after_key}").as_str())
        );
        assert_eq!(hint("set \"a b\" ").as_deref(), Some(after_key));
        let opts = set.strip_prefix("key value ").unwrap_or_default();
        assert_eq!(hint("set k v ").as_deref(), Some(opts));
        // Optional parts stay however many words follow.
        assert_eq!(
            hint("set k v  ex 5").as_deref(),
            Some(format!(" {opts}").as_str())
        );
        assert_eq!(
            hint("config get").as_deref(),
            Some(" parameter [parameter ...]")
        );
        assert_eq!(
            hint("CONFIG GET ").as_deref(),
            Some("parameter [parameter ...]")
        );
        assert_eq!(hint("config get a").as_deref(), Some(" [parameter ...]"));
        assert_eq!(hint("config get a b").as_deref(), Some(" [parameter ...]"));
        // The container alone, or an unknown subcommand: its empty params.
        assert_eq!(hint("config").as_deref(), Some(" "));
        assert_eq!(hint("config ").as_deref(), Some(""));
        assert_eq!(hint("config g").as_deref(), Some(" "));
        assert_eq!(hint("get k extra more").as_deref(), Some(" "));
        assert_eq!(hint(""), None);
        assert_eq!(hint("   "), None);
        assert_eq!(hint("nosuchcommand "), None);
        assert_eq!(hint("set \"ab"), None);
        assert_eq!(hint("help set"), None);
    }

    #[test]
    fn completes_commands_like_redis_cli() {
        let none: [&[u8]; 0] = [];
        let c = complete("get", none);
        assert_eq!(c.first().map(String::as_str), Some("GET"));
        assert!(c.iter().all(|s| s.starts_with("GET")), "{c:?}");
        assert!(c.contains(&"GETDEL".to_string()) && c.contains(&"GETRANGE".to_string()));
        assert_eq!(complete("config g", none), ["CONFIG GET"]);
        let subs = complete("config ", none);
        assert!(
            subs.contains(&"CONFIG SET".to_string()) && !subs.contains(&"CONFIG".to_string()),
            "{subs:?}"
        );
        assert_eq!(
            complete("help conf", none),
            [
                "help CONFIG",
                "help CONFIG GET",
                "help CONFIG HELP",
                "help CONFIG RESETSTAT",
                "help CONFIG REWRITE",
                "help CONFIG SET"
            ]
        );
        assert_eq!(
            complete("help  @str", none),
            ["help  @stream", "help  @string"]
        );
        assert!(complete("help ", none)
            .first()
            .is_some_and(|s| s.starts_with("help @")));
        assert_eq!(complete("nosuch", none), Vec::<String>::new());
    }

    #[test]
    fn completes_keys_in_key_positions() {
        let keys: Vec<&[u8]> = vec![b"user:1", b"user:2", b"other", b"with space", b"user:1"];
        assert_eq!(
            complete("get us", keys.iter()),
            ["get user:1", "get user:2"]
        );
        assert_eq!(
            complete("GET ", keys.iter()),
            [
                "GET other",
                "GET user:1",
                "GET user:2",
                "GET \"with space\""
            ]
        );
        assert_eq!(complete("get \"with", keys.iter()), Vec::<String>::new());
        assert_eq!(
            complete("get \"with\"", keys.iter()),
            ["get \"with space\""]
        );
        // Values and options are not keys.
        assert_eq!(complete("set k ", keys.iter()), Vec::<String>::new());
        assert_eq!(
            complete("mset a 1 u", keys.iter()),
            ["mset a 1 user:1", "mset a 1 user:2"]
        );
        assert_eq!(complete("mset a u", keys.iter()), Vec::<String>::new());
        assert_eq!(complete("del a b o", keys.iter()), ["del a b other"]);
        assert_eq!(complete("rename a o", keys.iter()), ["rename a other"]);
        assert_eq!(
            complete("object encoding o", keys.iter()),
            ["object encoding other"]
        );
        assert_eq!(complete("object o", keys.iter()), Vec::<String>::new());
        assert_eq!(complete("ping o", keys.iter()), Vec::<String>::new());
        let many: Vec<Vec<u8>> = (0..1000).map(|i| format!("k{i:04}").into_bytes()).collect();
        let c = complete("get k", &many);
        assert_eq!(c.len(), MAX_KEY_CANDIDATES);
        assert_eq!(c.first().map(String::as_str), Some("get k0000"));
    }

    #[test]
    fn quoting_round_trips_through_the_splitter() {
        for k in [
            &b"plain"[..],
            b"",
            b"a b",
            b"it's",
            b"q\"q",
            b"\x00\xff\n\\",
            "\u{20ac}".as_bytes(),
        ] {
            let typed = quote_arg(k);
            assert_eq!(
                crate::resp::split_args(typed.as_bytes()),
                Some(vec![k.to_vec()]),
                "{typed}"
            );
        }
    }

    /// Random lines (from a fixed-seed generator: no OS randomness in
    /// `cli`) through everything the console calls per keystroke.
    #[test]
    fn random_lines_never_panic() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: Vec<char> = "ab kK\"'\\x0@\t\n\u{20ac}\u{0}?:|[]".chars().collect();
        let keys: [&[u8]; 3] = [b"k", b"a b", b"\xff"];
        for _ in 0..3000 {
            let len = usize::try_from(next() % 24).unwrap_or(0);
            let mut line: String = (0..len)
                .filter_map(|_| {
                    alphabet
                        .get(usize::try_from(next()).unwrap_or(0) % alphabet.len())
                        .copied()
                })
                .collect();
            let prefix = [
                "",
                "set ",
                "get ",
                "config get ",
                "help ",
                "object encoding ",
                "mset a ",
            ];
            line.insert_str(
                0,
                prefix
                    .get(usize::try_from(next()).unwrap_or(0) % prefix.len())
                    .copied()
                    .unwrap_or(""),
            );
            let _ = hint(&line);
            let _ = complete(&line, keys);
            let _ = crate::cli::parse_line(&line);
            if let Ok(argv) = crate::cli::split_args(line.as_bytes()) {
                let _ = help_text(&argv);
            }
        }
    }

    #[test]
    fn never_panics_on_odd_lines() {
        let none: [&[u8]; 0] = [];
        for line in [
            "",
            " ",
            "\"",
            "'",
            "help",
            "help ",
            "help\t",
            "€ €",
            "set \u{20ac}",
            "\"a\"b",
            "object",
            "x\u{0}y ",
        ] {
            let _ = hint(line);
            let _ = complete(line, none);
            let _ = complete(line, [b"k".as_slice()]);
        }
    }
}
