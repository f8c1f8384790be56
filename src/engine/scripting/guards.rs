//! Size guards on the Lua functions that can build a huge string in one
//! step. The VM checks its heap against the limit between instructions,
//! which bounds anything a loop builds, but `string.rep('x', 1e10)` or a
//! `table.concat` of one big string repeated is a single instruction and a
//! single allocation, and an allocation that fails ends the process (or
//! the browser tab) rather than the script. So these functions first work
//! out how big their result can be and refuse, with an error the script
//! sees, when that is past the heap limit; otherwise they do exactly what
//! the library function does.

use omnilua::{Function, Lua, Table, Value, Variadic};

use super::cjson::CallSite;

/// Bytes a Lua value takes when a string function converts it.
fn text_len(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.as_bytes().ok().map(|b| b.len() as u64),
        Value::Integer(i) => Some(i.to_string().len() as u64),
        Value::Number(n) => Some(super::convert::lua_number_text(*n).len() as u64),
        _ => None,
    }
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v {
        Some(Value::Integer(i)) => Some(*i as f64),
        Some(Value::Number(n)) => Some(*n),
        Some(Value::String(s)) => String::from_utf8_lossy(&s.as_bytes().ok()?)
            .trim()
            .parse()
            .ok(),
        _ => None,
    }
}

/// `string.rep(s, n)` (Lua 5.1's has no separator).
fn rep_size(args: &[Value]) -> Option<u64> {
    let s = text_len(args.first()?)?;
    let n = number(args.get(1))?;
    if n < 1.0 {
        return Some(0);
    }
    Some(s.saturating_mul(n.min(1e18) as u64))
}

/// `string.format(fmt, ...)`: every argument at most once per `%`, widths
/// and precisions at most two digits.
fn format_size(args: &[Value]) -> Option<u64> {
    let fmt = match args.first()? {
        Value::String(s) => s.as_bytes().ok()?,
        _ => return None,
    };
    let specs = fmt.iter().filter(|&&b| b == b'%').count() as u64;
    let mut total = (fmt.len() as u64).saturating_add(specs.saturating_mul(128));
    for a in args.iter().skip(1) {
        total = total.saturating_add(text_len(a).unwrap_or(32));
    }
    Some(total)
}

/// `table.concat(t [, sep [, i [, j]]])`, walked up to the first element
/// that is not a string or number: concat stops there with an error, but
/// only after building everything before it, which counts.
fn concat_size(args: &[Value]) -> Option<u64> {
    let Value::Table(t) = args.first()? else {
        return None;
    };
    let sep = args.get(1).and_then(text_len).unwrap_or(0);
    let first = number(args.get(2)).unwrap_or(1.0);
    let last = match number(args.get(3)) {
        Some(j) => j,
        None => t.len().ok()? as f64,
    };
    if !(first.is_finite() && last.is_finite()) || last < first {
        return Some(0);
    }
    let mut total = 0u64;
    let mut i = first as i64;
    while (i as f64) <= last {
        let Some(len) = t.raw_get::<_, Value>(i).ok().as_ref().and_then(text_len) else {
            break;
        };
        total = total.saturating_add(len).saturating_add(sep);
        i += 1;
    }
    Some(total)
}

/// `string.gsub(s, pattern, repl [, n])` with a string replacement: what
/// is not matched stays, each match becomes `repl`, and each `%0`..`%9` in
/// `repl` inserts a capture, which lies within its match; matches do not
/// overlap, so all the captures one `%d` inserts add up to at most `s`.
/// Table and function replacements are counted as they are produced
/// instead (see `counting`).
fn gsub_size(args: &[Value]) -> Option<u64> {
    let s = text_len(args.first()?)?;
    let (repl, refs) = match args.get(2)? {
        Value::String(r) => {
            let r = r.as_bytes().ok()?;
            let refs = r
                .windows(2)
                .filter(|w| w.first() == Some(&b'%') && w.get(1).is_some_and(u8::is_ascii_digit))
                .count() as u64;
            (r.len() as u64, refs)
        }
        v @ (Value::Integer(_) | Value::Number(_)) => (text_len(v)?, 0),
        _ => return None,
    };
    let matches = match number(args.get(3)) {
        Some(n) if n >= 0.0 => (n.min(1e18) as u64).min(s + 1),
        _ => s + 1,
    };
    Some(
        s.saturating_add(matches.saturating_mul(repl))
            .saturating_add(refs.saturating_mul(s)),
    )
}

/// The library function's own error, as the script would have seen it had
/// it called the function directly: called from Rust, the function cannot
/// see the script's line or the name it was called by (`'?'`), so those
/// are put back. Errors that are not plain messages (an error table from a
/// gsub callback, a position already there) pass through untouched.
fn as_if_direct(site: &CallSite, e: omnilua::Error) -> omnilua::Error {
    let Some(raw) = e.message_bytes() else {
        return e;
    };
    let msg = String::from_utf8_lossy(raw).into_owned();
    if let Some(rest) = msg.strip_prefix("bad argument #") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest.get(digits.len()..).unwrap_or_default();
        if let (Ok(n), Some(detail)) = (digits.parse::<usize>(), after.strip_prefix(" to '?' (")) {
            return site.arg_error(n, detail.strip_suffix(')').unwrap_or(detail));
        }
    }
    if msg.starts_with('\u{1}') || has_position(&msg) {
        return e;
    }
    site.error(msg)
}

/// `chunk:123: ` at the front of a message.
fn has_position(msg: &str) -> bool {
    let Some((head, _)) = msg.split_once(": ") else {
        return false;
    };
    head.rsplit_once(':')
        .is_some_and(|(_, line)| !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()))
}

fn too_big(site: &CallSite, name: &str, size: u64, limit: usize) -> omnilua::Error {
    site.error(format_args!(
        "{name} would build a string of {size} bytes, over the Lua heap limit of {} MB",
        limit / (1024 * 1024)
    ))
}

fn guard(
    lua: &Lua,
    lib: &Table,
    name: &'static str,
    size: fn(&[Value]) -> Option<u64>,
    limit: usize,
) -> omnilua::Result<()> {
    let Ok(Value::Function(original)) = lib.raw_get::<_, Value>(name) else {
        return Ok(());
    };
    let site = CallSite::capture(lua);
    let label = match name {
        "concat" => "table.concat",
        "rep" => "string.rep",
        _ => "string.format",
    };
    let f = lua.create_function(move |_, args: Variadic<Value>| {
        if let Some(n) = size(&args) {
            if n > limit as u64 {
                return Err(too_big(&site, label, n, limit));
            }
        }
        original
            .call::<_, Variadic<Value>>(args)
            .map_err(|e| as_if_direct(&site, e))
    })?;
    lib.raw_set(name, f)
}

/// A gsub whose table or function replacement is counted as gsub uses it,
/// and whose string replacement is bounded beforehand.
fn guard_gsub(lua: &Lua, string: &Table, limit: usize) -> omnilua::Result<()> {
    let Ok(Value::Function(original)) = string.raw_get::<_, Value>("gsub") else {
        return Ok(());
    };
    let site = CallSite::capture(lua);
    let f = lua.create_function(move |lua, args: Variadic<Value>| {
        if let Some(n) = gsub_size(&args) {
            if n > limit as u64 {
                return Err(too_big(&site, "string.gsub", n, limit));
            }
        }
        let mut args = args.into_vec();
        if let Some(repl @ (Value::Table(_) | Value::Function(_))) = args.get(2).cloned() {
            if let Some(slot) = args.get_mut(2) {
                *slot = Value::Function(counting(lua, repl, limit)?);
            }
        }
        original
            .call::<_, Variadic<Value>>(Variadic::from(args))
            .map_err(|e| as_if_direct(&site, e))
    })?;
    string.raw_set("gsub", f)
}

/// A replacement function that behaves as `repl` (a table looked up by the
/// first capture, or a function called with the captures) and stops gsub
/// once what it has handed back passes the limit.
fn counting(lua: &Lua, repl: Value, limit: usize) -> omnilua::Result<Function> {
    let total = std::cell::Cell::new(0u64);
    let site = CallSite::capture(lua);
    lua.create_function(move |_, caps: Variadic<Value>| {
        let out: Value = match &repl {
            Value::Table(t) => t.get(caps.first().cloned().unwrap_or(Value::Nil))?,
            Value::Function(f) => f
                .call::<_, Variadic<Value>>(caps)?
                .into_iter()
                .next()
                .unwrap_or(Value::Nil),
            _ => Value::Nil,
        };
        total.set(total.get().saturating_add(text_len(&out).unwrap_or(0)));
        if total.get() > limit as u64 {
            return Err(too_big(&site, "string.gsub", total.get(), limit));
        }
        Ok(out)
    })
}

/// Put the guards in place of the library functions (before the prelude
/// makes the libraries read-only).
pub(super) fn install(lua: &Lua, globals: &Table, limit: usize) -> omnilua::Result<()> {
    let string: Table = globals.get("string")?;
    let table: Table = globals.get("table")?;
    guard(lua, &string, "rep", rep_size, limit)?;
    guard(lua, &string, "format", format_size, limit)?;
    guard(lua, &table, "concat", concat_size, limit)?;
    guard_gsub(lua, &string, limit)
}
