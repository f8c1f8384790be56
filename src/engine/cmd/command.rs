//! COMMAND and its subcommands (COUNT, INFO, DOCS, LIST, GETKEYS,
//! GETKEYSANDFLAGS): they read the command table, the one source of truth
//! for names, arities, flags, key specifications and docs, so what they
//! report is what the dispatcher enforces.

use crate::engine::args::{eq_ignore_case, lower};
use crate::engine::errors;
use crate::engine::glob;
use crate::engine::table::flag;
use crate::engine::table::{self, Command};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

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
        if cmd.is(flag::NO_MANDATORY_KEYS) {
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

/// The positions of a command's keys in `argv` (its name at 0): the
/// table's first/last/step, or for commands whose keys move (EVAL's
/// numkeys, XREAD's STREAMS, SORT's STORE, ...) where Redis finds them.
pub(crate) fn key_positions_of(cmd: &table::Command, argv: &[Vec<u8>]) -> Vec<usize> {
    if cmd.is(flag::MOVABLEKEYS) {
        movable_key_positions(cmd.name, argv)
    } else {
        cmd.key_positions(argv.len())
    }
}

/// Where the keys are in `line` (the command and its arguments) for a
/// command whose keys move, as Redis's getkeys procedures find them: a
/// store key, then `numkeys` keys from `first`, none when numkeys is not
/// a count the line holds (the command would answer an error).
fn movable_key_positions(name: &str, line: &[Vec<u8>]) -> Vec<usize> {
    let counted = |store: Option<usize>, count_at: usize, first: usize| -> Vec<usize> {
        let num = line.get(count_at).map_or(0, |n| super::atoi(n));
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
