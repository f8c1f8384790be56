//! Command handlers, one file per group as in Redis's sources: each
//! handler parses its arguments, checks types, changes the data, signals
//! the change and returns its reply, in that order.

pub mod acl;
pub mod aof;
pub mod auth;
pub mod bits;
pub mod command;
pub mod connection;
pub mod debug;
pub mod geo;
pub mod hashes;
pub mod hll;
pub mod info;
pub mod keys;
pub mod lists;
pub mod lolwut;
pub mod memory;
pub mod persist;
pub mod pubsub;
pub mod restart;
pub mod scripting;
pub mod server;
pub mod sets;
pub mod sort;
pub mod streams;
pub mod strings;
pub mod tracking;
pub mod transactions;
pub mod watching;
pub mod zsets;

use super::value::Value;
use super::{Engine, Session};
use crate::reply::Reply;

/// Argument `i`, or nothing: the table's arity check makes most present,
/// and a handler must never index what a client sent.
pub(crate) fn arg(argv: &[Vec<u8>], i: usize) -> &[u8] {
    argv.get(i).map(|a| a.as_slice()).unwrap_or_default()
}

/// Redis's `addReplySubcommandSyntaxError`: the subcommand as typed (at
/// most 128 bytes), the container's name in capitals.
pub(crate) fn sub_syntax(argv: &[Vec<u8>]) -> Reply {
    Reply::err(format!(
        "ERR unknown subcommand or wrong number of arguments for '{}'. Try {} HELP.",
        super::errors::clip(arg(argv, 1), 128),
        String::from_utf8_lossy(arg(argv, 0)).to_ascii_uppercase()
    ))
}

/// A count as an integer reply.
pub(crate) fn count_reply(n: usize) -> Reply {
    Reply::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// After elements were taken out of a collection: Redis never keeps an
/// empty one, so the key goes (with its `del` event).
pub(crate) fn drop_if_empty(eng: &mut Engine, db: usize, key: &[u8]) {
    if eng.lookup(db, key).is_some_and(Value::is_empty_collection) {
        eng.delete(db, key);
        eng.notify(db, key, "del");
    }
}

/// Containers (CONFIG, CLIENT, ...) are resolved to a subcommand before
/// dispatch; their own handler only runs if that logic is bypassed.
pub fn no_handler(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    Reply::err(super::errors::unknown_command(argv))
}

/// The handler of every command in "the rest of the engine" (the
/// generator's EXT_GROUPS and EXT_COMMANDS: bitmaps, HyperLogLog, geo,
/// streams, ...): it runs the command's entry of `EXT_HANDLERS` when this
/// build has them. The native server, the JS API and the tests
/// always do; the page's first load does not, so that its wasm stays in
/// budget, and loads a build that does before running such a line
/// (`Engine::needs_ext` tells it which lines). A line that reaches here
/// anyway (from a script) gets this error, and the engine asks for the
/// rest of itself (`Engine::ext_wanted`).
///
/// One function for all of them, which finds the command from `argv`
/// again, rather than a copy per command: each copy cost the page's wasm.
pub fn ext(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    // The command `run_resolved` is running (found once already), by a
    // binary search of the sorted names: XADD and PFADD come through here
    // on every call.
    // A pipeline runs the same command over and over: the last one found
    // is kept (the names are the table's own, so the same pointer).
    if let (Some(name), Some((last, handler))) = (eng.running_command, eng.ext_last) {
        if std::ptr::eq(name, last) {
            return handler(eng, sess, argv);
        }
    }
    let found = eng.running_command.and_then(|name| {
        let i = super::commands::EXT_NAMES.binary_search(&name).ok()?;
        Some((name, *super::table::ext_handlers()?.get(i)?))
    });
    if let Some((name, handler)) = found {
        eng.ext_last = Some((name, handler));
        return handler(eng, sess, argv);
    }
    eng.ext_wanted = true;
    // ASCII only: Unicode's case tables would cost the page 13 KB.
    let name = String::from_utf8_lossy(arg(argv, 0)).to_ascii_uppercase();
    Reply::err(format!(
        "ERR {name} is in the part of the engine this page has not loaded"
    ))
}

/// Most elements a random pick with a negative count (repeats allowed)
/// may return. Redis has no limit and will try to build a reply of 2^63
/// elements; a page cannot.
pub const MAX_RANDOM_REPLY: u64 = 1_000_000;

/// The count argument of HRANDFIELD, SRANDMEMBER and ZRANDMEMBER, read as
/// Redis reads it (`-LONG_MAX..=LONG_MAX`).
fn random_count(raw: &[u8]) -> Result<i64, Reply> {
    match super::args::parse_i64(raw) {
        None => Err(Reply::err(super::errors::NOT_INTEGER)),
        Some(i64::MIN) => Err(Reply::err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")),
        Some(c) => Ok(c),
    }
}

/// Positions for a random pick of `count` out of `len` (count != 0): with
/// repeats for a negative count, distinct for a positive one (the whole
/// collection once the count reaches its size).
pub(crate) fn random_picks(eng: &mut Engine, len: usize, count: i64) -> Result<Vec<usize>, Reply> {
    if count < 0 {
        let n = count.unsigned_abs();
        if n > MAX_RANDOM_REPLY {
            return Err(Reply::err(format!(
                "ERR count is over Reddish's limit of {MAX_RANDOM_REPLY} elements per reply"
            )));
        }
        return Ok((0..n).map(|_| eng.random_index(len)).collect());
    }
    let n = usize::try_from(count).unwrap_or(usize::MAX);
    if n >= len {
        return Ok((0..len).collect());
    }
    // A partial Fisher-Yates shuffle of the positions.
    let mut all: Vec<usize> = (0..len).collect();
    for i in 0..n {
        let j = i + eng.random_index(len - i);
        all.swap(i, j);
    }
    all.truncate(n);
    Ok(all)
}

/// One step of an HSCAN/SSCAN/ZSCAN walk over a collection's positions,
/// top down like SCAN (see db.rs for why that survives changes): calls
/// `visit` with each position visited and returns the next cursor.
pub(crate) fn scan_positions(
    len: usize,
    cursor: u64,
    count: usize,
    mut visit: impl FnMut(usize),
) -> u64 {
    let len = len as u64;
    let mut pos = if cursor == 0 { len } else { cursor.min(len) };
    let mut visited = 0;
    while pos > 0 && visited < count {
        pos -= 1;
        visited += 1;
        if let Ok(p) = usize::try_from(pos) {
            visit(p);
        }
    }
    pos
}

/// The reply of a scan that has nothing (more) to give.
pub(crate) fn empty_scan() -> Reply {
    Reply::Array(vec![Reply::bulk("0"), Reply::Array(Vec::new())])
}

/// The start HSCAN, SSCAN and ZSCAN share, in Redis's order: the cursor,
/// then the key (`present` says whether it holds the right type, or gives
/// WRONGTYPE), then the options, which an absent key never reaches.
/// `Ok(None)`: the key is absent, answer [`empty_scan`].
pub(crate) fn scan_start(
    argv: &[Vec<u8>],
    present: impl FnOnce() -> Result<bool, Reply>,
) -> Result<Option<(u64, keys::ScanOptions)>, Reply> {
    let cursor = keys::parse_cursor(argv.get(2).map(|a| a.as_slice()).unwrap_or_default())?;
    if !present()? {
        return Ok(None);
    }
    Ok(Some((cursor, keys::parse_scan_options(argv, 3, false)?)))
}

/// The optional count of LPOP/RPOP, SPOP and ZPOPMIN/MAX: a number of 0 or
/// more, else Redis's "must be positive" error.
pub(crate) fn pop_count(raw: Option<&Vec<u8>>) -> Result<Option<i64>, Reply> {
    raw.map(|c| super::args::non_negative(c, super::errors::OUT_OF_RANGE))
        .transpose()
}

/// SINTERCARD's and ZINTERCARD's LIMIT: 0 or more, 0 meaning none.
pub(crate) fn card_limit(raw: &[u8]) -> Result<usize, Reply> {
    let l = super::args::non_negative(raw, "ERR LIMIT can't be negative")?;
    Ok(if l == 0 {
        usize::MAX
    } else {
        usize::try_from(l).unwrap_or(usize::MAX)
    })
}

/// LMPOP's and ZMPOP's arguments: `numkeys key [key ...] <side> [COUNT
/// count]`, checked in Redis's order; `side` reads the side word (LEFT or
/// RIGHT, MIN or MAX). The keys, the side and how many to pop (1 unless
/// COUNT says).
pub(crate) fn parse_mpop<T>(
    argv: &[Vec<u8>],
    side: impl Fn(&[u8]) -> Option<T>,
) -> Result<(&[Vec<u8>], T, usize), Reply> {
    use super::args::{eq_ignore_case, positive};
    let numkeys = positive(arg(argv, 1), "ERR numkeys should be greater than 0")?;
    // numkeys is at most i64::MAX; where its keys end must be in the argv.
    let where_idx = match usize::try_from(numkeys).ok().and_then(|n| n.checked_add(2)) {
        Some(i) if i < argv.len() => i,
        _ => return Err(Reply::err(super::errors::SYNTAX)),
    };
    let which = side(arg(argv, where_idx)).ok_or_else(|| Reply::err(super::errors::SYNTAX))?;
    let mut count: Option<i64> = None;
    let mut j = where_idx + 1;
    while let Some(opt) = argv.get(j) {
        match argv.get(j + 1) {
            Some(v) if count.is_none() && eq_ignore_case(opt, "count") => {
                count = Some(positive(v, "ERR count should be greater than 0")?);
            }
            _ => return Err(Reply::err(super::errors::SYNTAX)),
        }
        j += 2;
    }
    let n = usize::try_from(count.unwrap_or(1)).unwrap_or(usize::MAX);
    Ok((argv.get(2..where_idx).unwrap_or_default(), which, n))
}

/// What HRANDFIELD, SRANDMEMBER and ZRANDMEMBER are asked for, once their
/// arguments are read and the key looked at.
pub(crate) enum RandomPick {
    /// No count, no key: nil.
    Nil,
    /// No count: the element at this position.
    One(usize),
    /// A count: these positions (possibly none), and whether values or
    /// scores go with them.
    Many(Vec<usize>, bool),
}

/// The shared part of the random-pick commands, in Redis's order: the
/// count, then the `with` word (WITHVALUES, WITHSCORES; `None` for
/// SRANDMEMBER, which takes no such word), then the key through `len`
/// (`Ok(None)` when absent, WRONGTYPE for another type), then the picks.
pub(crate) fn random_plan(
    eng: &mut Engine,
    argv: &[Vec<u8>],
    with: Option<&str>,
    len: impl Fn(&mut Engine) -> Result<Option<usize>, Reply>,
) -> Result<RandomPick, Reply> {
    if with.is_none() && argv.len() > 3 {
        return Err(Reply::err(super::errors::SYNTAX));
    }
    let Some(raw) = argv.get(2) else {
        return Ok(match len(eng)? {
            None => RandomPick::Nil,
            Some(n) => RandomPick::One(eng.random_index(n)),
        });
    };
    let count = random_count(raw)?;
    let flag = match (argv.get(3), with) {
        (None, _) => false,
        (Some(w), Some(word)) if argv.len() == 4 && super::args::eq_ignore_case(w, word) => true,
        _ => return Err(Reply::err(super::errors::SYNTAX)),
    };
    // Pairs come back: twice |count| elements must still fit a long.
    if flag && count < -(i64::MAX / 2) {
        return Err(Reply::err("ERR value is out of range"));
    }
    match len(eng)? {
        Some(n) if count != 0 => Ok(RandomPick::Many(random_picks(eng, n, count)?, flag)),
        _ => Ok(RandomPick::Many(Vec::new(), flag)),
    }
}

/// C's `atoi`, as Redis reads a numkeys argument for COMMAND GETKEYS (and
/// DEBUG's switches):
/// leading blanks, a sign, then digits up to the first other byte (none:
/// 0).
pub(crate) fn atoi(bytes: &[u8]) -> i64 {
    let mut rest = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .peekable();
    let negative = match rest.peek() {
        Some(b'-') => {
            rest.next();
            true
        }
        Some(b'+') => {
            rest.next();
            false
        }
        _ => false,
    };
    let mut n: i64 = 0;
    for b in rest.take_while(|b| b.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if negative {
        -n
    } else {
        n
    }
}
