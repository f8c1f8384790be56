//! The `redis` library scripts call (all but `call` and `pcall`, which
//! reach the engine and are made with the VM), and Redis's `math.random`.

use std::cell::Cell;
use std::rc::Rc;

use omnilua::{Lua, Table, Value, Variadic};

use super::convert::lua_bytes;
use crate::engine::errors;

/// `redis.*` but `call` and `pcall`, which the VM makes beside it (they
/// reach the engine through the VM's host slot).
pub(super) fn redis_table(lua: &Lua, resp: &Rc<Cell<u8>>) -> omnilua::Result<Table> {
    let t = lua.create_table()?;
    t.set(
        "sha1hex",
        lua.create_function(|lua, args: Variadic<Value>| {
            if args.len() != 1 {
                return Err(redis_error("ERR wrong number of arguments"));
            }
            let bytes = match args.first() {
                Some(v) => lua_bytes(v).unwrap_or_default(),
                None => Vec::new(),
            };
            lua.create_string(sha1_hex(&bytes))
        })?,
    )?;
    t.set(
        "error_reply",
        lua.create_function(|lua, args: Variadic<Value>| {
            let text = match (args.len(), args.first()) {
                (1, Some(Value::String(s))) => s.as_bytes()?,
                // Redis returns this error rather than raising it.
                _ => return err_table(lua, errors::WRONG_ARGS_OR_TYPE),
            };
            let text = String::from_utf8_lossy(&text).into_owned();
            let text = if text.starts_with('-') {
                text
            } else {
                format!("-{text}")
            };
            err_table(lua, &error_code_text(&text))
        })?,
    )?;
    t.set(
        "status_reply",
        lua.create_function(|lua, args: Variadic<Value>| {
            let text = match (args.len(), args.first()) {
                (1, Some(Value::String(s))) => s.clone(),
                _ => return err_table(lua, errors::WRONG_ARGS_OR_TYPE),
            };
            let t = lua.create_table()?;
            t.raw_set("ok", text)?;
            Ok(t)
        })?,
    )?;
    let r = Rc::clone(resp);
    t.set(
        "setresp",
        lua.create_function(move |_, args: Variadic<Value>| {
            if args.len() != 1 {
                return Err(redis_error("ERR redis.setresp() requires one argument."));
            }
            let v = match args.first() {
                Some(Value::Integer(i)) => *i,
                Some(Value::Number(n)) => *n as i64,
                Some(Value::String(s)) => String::from_utf8_lossy(&s.as_bytes()?)
                    .trim()
                    .parse::<f64>()
                    .map(|f| f as i64)
                    .unwrap_or(0),
                _ => 0,
            };
            if v != 2 && v != 3 {
                return Err(redis_error("ERR RESP version must be 2 or 3."));
            }
            r.set(v as u8);
            Ok(())
        })?,
    )?;
    // The log goes nowhere a learner would look; Redis writes it to its
    // log file. Checked like Redis checks it, then dropped.
    t.set(
        "log",
        lua.create_function(|_, args: Variadic<Value>| {
            if args.len() < 2 {
                return Err(redis_error(
                    "ERR redis.log() requires two arguments or more.",
                ));
            }
            // lua_isnumber: a numeric string is a number too.
            let level = args
                .first()
                .and_then(super::cjson::to_number)
                .map(|n| n as i64);
            match level {
                None => Err(redis_error(
                    "ERR First argument must be a number (log level).",
                )),
                Some(l) if !(0..=3).contains(&l) => Err(redis_error("ERR Invalid debug level.")),
                Some(_) => Ok(()),
            }
        })?,
    )?;
    // The debugger's entries (no debugger here: a breakpoint is never hit)
    // and replication's (every script replicates as its effects already).
    t.set(
        "breakpoint",
        lua.create_function(|_, _: Variadic<Value>| Ok(false))?,
    )?;
    t.set(
        "debug",
        lua.create_function(|_, _: Variadic<Value>| Ok(()))?,
    )?;
    t.set(
        "replicate_commands",
        lua.create_function(|_, _: Variadic<Value>| Ok(true))?,
    )?;
    t.set(
        "set_repl",
        lua.create_function(|_, args: Variadic<Value>| {
            if args.len() != 1 {
                return Err(redis_error("ERR redis.set_repl() requires one argument."));
            }
            match args.first() {
                Some(Value::Integer(i)) if (0..=3).contains(i) => Ok(()),
                Some(Value::Number(n)) if (0.0..=3.0).contains(n) => Ok(()),
                _ => Err(redis_error("ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.")),
            }
        })?,
    )?;
    for (name, v) in [
        ("LOG_DEBUG", 0),
        ("LOG_VERBOSE", 1),
        ("LOG_NOTICE", 2),
        ("LOG_WARNING", 3),
        ("REPL_NONE", 0),
        ("REPL_AOF", 1),
        ("REPL_SLAVE", 2),
        ("REPL_REPLICA", 2),
        ("REPL_ALL", 3),
    ] {
        t.set(name, v as f64)?;
    }
    t.set("REDIS_VERSION", "7.0.15")?;
    t.set("REDIS_VERSION_NUM", 0x07000f as f64)?;
    Ok(t)
}

/// An error table as Redis's `luaPushError` builds it.
pub fn err_table(lua: &Lua, text: &str) -> omnilua::Result<Table> {
    let t = lua.create_table()?;
    t.raw_set("err", lua.create_string(text)?)?;
    Ok(t)
}

/// Raise a Redis error (`ERR ...`, `WRONGTYPE ...`) from a host function:
/// the prelude's handler turns the marked string into the error table a C
/// function of Redis's would have raised.
pub fn redis_error(text: &str) -> omnilua::Error {
    omnilua::Error::from(omnilua::LuaError::runtime(format_args!(
        "\u{1}redis\u{1}{text}"
    )))
}

/// Raise a Lua library error (`bad argument #1 to ...`) from a host
/// function: the handler puts the script's position in front, as
/// `luaL_error` does for Lua's C libraries.
pub fn lua_error(text: &str) -> omnilua::Error {
    omnilua::Error::from(omnilua::LuaError::runtime(format_args!(
        "\u{1}where\u{1}{text}"
    )))
}

/// `-CODE message` to `CODE message`; a dash with no space after a word
/// gets the generic `ERR` code, as Redis's `luaPushErrorBuff` does.
pub fn error_code_text(text: &str) -> String {
    match text.strip_prefix('-') {
        Some(rest) => match rest.split_once(' ') {
            Some((code, msg)) => format!("{code} {}", msg.trim_matches(['\r', '\n'])),
            None => format!("ERR {}", rest.trim_matches(['\r', '\n'])),
        },
        None => format!("ERR {}", text.trim_matches(['\r', '\n'])),
    }
}

pub use super::sha1_hex;

// ----- math.random -------------------------------------------------------------

/// Redis replaces Lua's `math.random` with its own copy of POSIX `lrand48`
/// (a 48-bit linear congruential generator), so that scripts get the same
/// numbers on every platform.
pub(super) const RAND48_DEFAULT: u64 = 0x1234_ABCD_330E;

fn rand48_seed(seed: i32) -> u64 {
    ((u64::from(seed as u32) << 16) | 0x330E) & 0xFFFF_FFFF_FFFF
}

fn rand48_next(state: &Cell<u64>) -> i32 {
    let x = state.get().wrapping_mul(0x5DEE_CE66D).wrapping_add(0xB) & 0xFFFF_FFFF_FFFF;
    state.set(x);
    (x >> 17) as i32
}

pub(super) fn install_math(
    lua: &Lua,
    globals: &Table,
    rand: &Rc<Cell<u64>>,
) -> omnilua::Result<()> {
    let math: Table = globals.get("math")?;
    let r = Rc::clone(rand);
    math.raw_set(
        "random",
        lua.create_function(move |_, args: Variadic<Value>| {
            let max = i32::MAX;
            let r = f64::from(rand48_next(&r) % max) / f64::from(max);
            let int_arg = |n: usize| -> omnilua::Result<i64> {
                match args.get(n).and_then(lua_number) {
                    Some(f) => Ok(f as i64),
                    None => Err(lua_error(&format!(
                        "bad argument #{} to 'random' (number expected, got {})",
                        n + 1,
                        type_name(args.get(n))
                    ))),
                }
            };
            match args.len() {
                0 => Ok(r),
                1 => {
                    let u = int_arg(0)?;
                    if u < 1 {
                        return Err(arg_error(1, "random", "interval is empty"));
                    }
                    Ok((r * u as f64).floor() + 1.0)
                }
                2 => {
                    let l = int_arg(0)?;
                    let u = int_arg(1)?;
                    if l > u {
                        return Err(arg_error(2, "random", "interval is empty"));
                    }
                    // In floats: `u - l + 1` may not fit an integer.
                    Ok((r * (u as f64 - l as f64 + 1.0)).floor() + l as f64)
                }
                _ => Err(lua_error("wrong number of arguments")),
            }
        })?,
    )?;
    let r = Rc::clone(rand);
    math.raw_set(
        "randomseed",
        lua.create_function(move |_, args: Variadic<Value>| {
            let seed = match args.first().and_then(lua_number) {
                Some(f) => f as i64,
                None => {
                    return Err(lua_error(&format!(
                        "bad argument #1 to 'randomseed' (number expected, got {})",
                        type_name(args.first())
                    )))
                }
            };
            r.set(rand48_seed(seed as i32));
            Ok(())
        })?,
    )?;
    Ok(())
}

/// A number argument as Lua 5.1's `luaL_checknumber` takes it: a number,
/// or a string that reads as one (`"10"`, `" 0x1A "`, `"1e3"`).
fn lua_number(v: &Value) -> Option<f64> {
    match v {
        Value::Integer(i) => Some(*i as f64),
        Value::Number(f) => Some(*f),
        Value::String(s) => {
            let bytes = s.as_bytes().ok()?;
            let text = std::str::from_utf8(&bytes).ok()?.trim();
            let (neg, digits) = match text.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, text.strip_prefix('+').unwrap_or(text)),
            };
            if let Some(hex) = digits
                .strip_prefix("0x")
                .or_else(|| digits.strip_prefix("0X"))
            {
                let v = u64::from_str_radix(hex, 16).ok()? as f64;
                return Some(if neg { -v } else { v });
            }
            // Rust's float syntax is C's, bar words like "inf" and "nan".
            if text
                .chars()
                .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E'))
            {
                return None;
            }
            text.parse().ok()
        }
        _ => None,
    }
}

fn arg_error(n: usize, func: &str, msg: &str) -> omnilua::Error {
    lua_error(&format!("bad argument #{n} to '{func}' ({msg})"))
}

fn type_name(v: Option<&Value>) -> &'static str {
    match v {
        None => "no value",
        Some(Value::Nil) => "nil",
        Some(Value::Boolean(_)) => "boolean",
        Some(Value::Integer(_) | Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Table(_)) => "table",
        Some(Value::Function(_)) => "function",
        Some(Value::UserData(_) | Value::LightUserData(_)) => "userdata",
        Some(Value::Thread(_)) => "thread",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rand48_matches_posix() {
        // lrand48 after srand48(0): the first values glibc gives.
        let s = Cell::new(rand48_seed(0));
        let got: Vec<i32> = (0..3).map(|_| rand48_next(&s)).collect();
        assert_eq!(got, [366850414, 1610402240, 206956554]);
    }

    #[test]
    fn error_codes_as_redis_builds_them() {
        assert_eq!(error_code_text("-My Error"), "My Error");
        assert_eq!(error_code_text("-oops"), "ERR oops");
        assert_eq!(error_code_text("plain text"), "ERR plain text");
    }
}
