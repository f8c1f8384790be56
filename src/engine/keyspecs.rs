//! Key specifications: where a command's keys are among its arguments and
//! how it uses each (read, write, insert, delete, ...), as Redis 7.0
//! declares them. COMMAND INFO shows them; COMMAND GETKEYS and
//! GETKEYSANDFLAGS find keys with them the way Redis's
//! `getKeysFromCommandWithSpecs` does. The table (`commands::KEY_SPECS`)
//! is generated from redis-server's COMMAND INFO; only the rest of the
//! engine reads it, so the page's first loads carry none of it.

use super::table::Command;
use crate::reply::Reply;

/// One key specification. `flags` are Redis's names, space-separated
/// (`RW access update`); `notes` says, in our words, why the flags are
/// what they are, when that is not plain.
pub struct KeySpec {
    pub notes: &'static str,
    pub flags: &'static str,
    pub begin: Begin,
    pub find: Find,
}

/// Where the search for keys starts.
pub enum Begin {
    /// At this argument.
    Index(i32),
    /// After this keyword, looked for from this argument (from the end
    /// when negative).
    Keyword(&'static str, i32),
    /// Nowhere this table can say: the command's own logic finds them.
    Unknown,
}

/// How keys follow from where the search begins.
pub enum Find {
    /// (lastkey, keystep, limit): up to `lastkey` arguments after the
    /// first (counted from the end when negative; with a limit, that part
    /// of what remains), every `keystep`.
    Range(i32, i32, i32),
    /// (keynumidx, firstkey, keystep): the count is at `keynumidx`, the
    /// keys start `firstkey` after the beginning.
    Keynum(i32, i32, i32),
    Unknown,
}

/// A command's specifications (none for a command without keys).
pub fn of(name: &str) -> &'static [KeySpec] {
    let table = super::commands::KEY_SPECS;
    table
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| table.get(i))
        .map_or(&[], |(_, specs)| specs)
}

fn pair(k: &str, v: Reply) -> (Reply, Reply) {
    (Reply::bulk(k), v)
}

/// A begin_search or find_keys map: its type and its spec.
fn typed(kind: &str, spec: Vec<(Reply, Reply)>) -> Reply {
    Reply::map(vec![
        pair("type", Reply::bulk(kind)),
        pair("spec", Reply::map(spec)),
    ])
}

/// Key flags as a set of status replies, as Redis lists them.
pub fn flag_set(flags: &str) -> Reply {
    Reply::Set(flags.split_whitespace().map(Reply::simple).collect())
}

/// COMMAND INFO's ninth element: a map per specification.
pub fn info_reply(name: &str) -> Reply {
    Reply::Set(
        of(name)
            .iter()
            .map(|s| {
                let mut fields = Vec::with_capacity(4);
                if !s.notes.is_empty() {
                    fields.push(pair("notes", Reply::bulk(s.notes)));
                }
                fields.push(pair("flags", flag_set(s.flags)));
                let (kind, spec) = match s.begin {
                    Begin::Index(i) => ("index", vec![pair("index", Reply::Integer(i.into()))]),
                    Begin::Keyword(word, from) => (
                        "keyword",
                        vec![
                            pair("keyword", Reply::bulk(word)),
                            pair("startfrom", Reply::Integer(from.into())),
                        ],
                    ),
                    Begin::Unknown => ("unknown", Vec::new()),
                };
                fields.push(pair("begin_search", typed(kind, spec)));
                let (kind, spec) = match s.find {
                    Find::Range(last, step, limit) => (
                        "range",
                        vec![
                            pair("lastkey", Reply::Integer(last.into())),
                            pair("keystep", Reply::Integer(step.into())),
                            pair("limit", Reply::Integer(limit.into())),
                        ],
                    ),
                    Find::Keynum(idx, first, step) => (
                        "keynum",
                        vec![
                            pair("keynumidx", Reply::Integer(idx.into())),
                            pair("firstkey", Reply::Integer(first.into())),
                            pair("keystep", Reply::Integer(step.into())),
                        ],
                    ),
                    Find::Unknown => ("unknown", Vec::new()),
                };
                fields.push(pair("find_keys", typed(kind, spec)));
                Reply::map(fields)
            })
            .collect(),
    )
}

/// Whether the command has keys to find: a specification for a real key,
/// or keys that move (Redis's `doesCommandHaveKeys`).
pub fn has_keys(cmd: &Command) -> bool {
    cmd.is(super::table::flag::MOVABLEKEYS) || of(cmd.name).iter().any(|s| !has_flag(s, "not_key"))
}

fn has_flag(spec: &KeySpec, flag: &str) -> bool {
    spec.flags.split_whitespace().any(|f| f == flag)
}

/// The keys of `line` (the command and its arguments) with the flags
/// Redis gives each: by the specifications when they are complete and
/// their flags fixed, else by the command's own logic (Redis's getkeys
/// procedures, whose flags are fixed per command: SET's depend on GET,
/// BITFIELD's on whether it writes, the rest say none).
pub fn keys_and_flags(cmd: &Command, line: &[Vec<u8>]) -> Vec<(usize, &'static str)> {
    let specs = of(cmd.name);
    let usable = specs.iter().any(|s| !has_flag(s, "not_key"))
        && !specs.iter().any(|s| has_flag(s, "variable_flags"));
    if usable {
        if let Some(keys) = by_specs(specs, line) {
            return keys;
        }
    }
    by_command(cmd, line)
}

/// Redis's `getKeysUsingKeySpecs`: None when a specification cannot be
/// followed (unknown, incomplete, a count that is not one, keys past the
/// end), which sends the caller to the command's own logic.
fn by_specs(specs: &[KeySpec], line: &[Vec<u8>]) -> Option<Vec<(usize, &'static str)>> {
    let argc = line.len() as i64;
    let mut keys = Vec::new();
    for s in specs.iter().filter(|s| !has_flag(s, "not_key")) {
        let first = match s.begin {
            Begin::Index(i) => i64::from(i),
            Begin::Keyword(word, from) => {
                let from = i64::from(from);
                let (start, end) = if from > 0 {
                    (from, argc - 1)
                } else {
                    (argc + from, 1)
                };
                let step = if start <= end { 1 } else { -1 };
                // As Redis's loop: `end` itself is not looked at.
                let mut i = start;
                let mut found = None;
                while i != end && (1..argc).contains(&i) {
                    if line
                        .get(i as usize)
                        .is_some_and(|a| a.eq_ignore_ascii_case(word.as_bytes()))
                    {
                        found = Some(i + 1);
                        break;
                    }
                    i += step;
                }
                match found {
                    Some(f) => f,
                    // No keyword: this specification has no keys here.
                    None => continue,
                }
            }
            Begin::Unknown => return None,
        };
        let (first, last, step) = match s.find {
            Find::Range(lastkey, keystep, limit) => {
                let (lastkey, limit) = (i64::from(lastkey), i64::from(limit));
                let last = if lastkey >= 0 {
                    first + lastkey
                } else if limit == 0 {
                    argc + lastkey
                } else {
                    first + ((argc - first) / limit + lastkey)
                };
                (first, last, i64::from(keystep))
            }
            Find::Keynum(idx, firstkey, keystep) => {
                if i64::from(idx) >= argc {
                    return None;
                }
                let raw = line.get((first + i64::from(idx)) as usize)?;
                let n = super::args::parse_i64(raw).filter(|n| *n >= 0)?;
                let first = first + i64::from(firstkey);
                (first, first.saturating_add(n) - 1, i64::from(keystep))
            }
            Find::Unknown => return None,
        };
        if last >= argc || last < first || first >= argc {
            return None;
        }
        let mut i = first;
        while i <= last && step > 0 {
            keys.push((i as usize, s.flags));
            i += step;
        }
        if has_flag(s, "incomplete") {
            return None;
        }
    }
    Some(keys)
}

/// Redis's getkeys procedures: positions as `key_positions_of` finds them,
/// with the flags each procedure sets.
fn by_command(cmd: &Command, line: &[Vec<u8>]) -> Vec<(usize, &'static str)> {
    let word = |i: usize, w: &str| {
        line.get(i)
            .is_some_and(|a| a.eq_ignore_ascii_case(w.as_bytes()))
    };
    let positions = super::cmd::command::key_positions_of(cmd, line);
    match cmd.name {
        "set" => {
            let flags = if (3..line.len()).any(|i| word(i, "get")) {
                "RW access update"
            } else {
                "OW update"
            };
            vec![(1, flags)]
        }
        "bitfield" => vec![(1, bitfield_flags(line))],
        "sort" | "sort_ro" => positions
            .into_iter()
            .map(|i| (i, if i == 1 { "RO access" } else { "OW update" }))
            .collect(),
        "migrate" => positions
            .into_iter()
            .map(|i| (i, "RW access delete"))
            .collect(),
        _ => positions.into_iter().map(|i| (i, "")).collect(),
    }
}

/// BITFIELD reads only while every operation is a GET (a syntax error
/// counts as a write, to be safe), as Redis's bitfieldGetKeys decides.
fn bitfield_flags(line: &[Vec<u8>]) -> &'static str {
    let word = |i: usize, w: &str| {
        line.get(i)
            .is_some_and(|a| a.eq_ignore_ascii_case(w.as_bytes()))
    };
    let mut i = 2;
    while i < line.len() {
        let rest = line.len() - i - 1;
        if word(i, "get") && rest >= 2 {
            i += 3;
        } else if (word(i, "set") || word(i, "incrby")) && rest >= 3 {
            return "RW access update";
        } else if word(i, "overflow") && rest >= 1 {
            i += 2;
        } else {
            return "RW access update";
        }
    }
    "RO access"
}
