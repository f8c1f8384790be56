//! Lua values to replies and back, by Redis's rules.

use omnilua::{Lua, Table, Value};

use crate::reply::Reply;

/// Deepest nesting of tables converted to a reply (and of replies converted
/// to tables). Redis stops where its C stack check does; we stop here with
/// an error instead of recursing without bound.
pub const MAX_DEPTH: usize = 1000;

/// A Lua argument of `redis.call` as Redis turns it into a command
/// argument: strings as they are, numbers as `%.17g`; anything else is
/// refused (`None`).
pub fn lua_arg(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => s.as_bytes().ok(),
        Value::Integer(i) => Some(i.to_string().into_bytes()),
        Value::Number(n) => Some(crate::resp::format_double(*n).into_bytes()),
        _ => None,
    }
}

pub(super) fn lua_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => s.as_bytes().ok(),
        Value::Integer(i) => Some(i.to_string().into_bytes()),
        Value::Number(n) => Some(lua_number_text(*n).into_bytes()),
        _ => None,
    }
}

/// A number as Lua 5.1's `tostring` writes it (`%.14g`).
pub fn lua_number_text(n: f64) -> String {
    // Most numbers scripts print are whole: skip the %e detour for those
    // that %.14g prints as plain digits (at most 14 of them).
    if n.fract() == 0.0 && n.abs() < 1e14 && !(n == 0.0 && n.is_sign_negative()) {
        return format!("{}", n as i64);
    }
    format_g(n, 14)
}

/// C's `printf("%.*g", precision, x)` as glibc prints it.
pub(crate) fn format_g(x: f64, precision: usize) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let precision = precision.max(1);
    // Rust rounds exactly, half to even, like glibc; the exponent after
    // rounding decides between the two styles, as %g specifies.
    let scientific = format!("{:.*e}", precision - 1, x);
    let (digits, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    if exponent < -4 || exponent >= precision as i64 {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{}e{sign}{:02}",
            trim_fraction(digits),
            exponent.unsigned_abs()
        )
    } else {
        let decimals = (precision as i64 - 1 - exponent).max(0) as usize;
        trim_fraction(&format!("{x:.decimals$}")).to_string()
    }
}

/// %g drops trailing zeros of the fraction, and the point if nothing is left.
fn trim_fraction(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// A reply handed to the script, in the protocol it chose with
/// `redis.setresp` (2 unless it asked for 3), by Redis's rules: nulls are
/// `false` in RESP2 and `nil` in RESP3, statuses and errors are tables
/// with `ok` / `err`, RESP3's richer types are tables naming their type.
pub fn reply_to_lua(lua: &Lua, reply: &Reply, resp: u8, depth: usize) -> omnilua::Result<Value> {
    if depth > MAX_DEPTH {
        return Err(omnilua::Error::from(omnilua::LuaError::runtime(
            format_args!("reached lua stack limit"),
        )));
    }
    let v3 = resp == 3;
    let table_with = |field: &str, v: Value| -> omnilua::Result<Value> {
        let t = lua.create_table()?;
        t.raw_set(field, v)?;
        Ok(Value::Table(t))
    };
    Ok(match reply {
        // No command a script may call sends attributes; the reply is what
        // counts.
        Reply::Attributed(_, reply) => reply_to_lua(lua, reply, resp, depth)?,
        Reply::Simple(s) => table_with("ok", Value::String(lua.create_string(s)?))?,
        Reply::Error(e) => table_with("err", Value::String(lua.create_string(e)?))?,
        Reply::Integer(i) => Value::Number(*i as f64),
        Reply::Bulk(b) => Value::String(lua.create_string(b)?),
        Reply::Null | Reply::NullArray => {
            if v3 {
                Value::Nil
            } else {
                Value::Boolean(false)
            }
        }
        Reply::Array(items) | Reply::Push(items) => array(lua, items, resp, depth)?,
        Reply::Set(items) if !v3 => array(lua, items, resp, depth)?,
        Reply::Set(items) => {
            let set = lua.create_table()?;
            for item in items {
                set.raw_set(reply_to_lua(lua, item, resp, depth + 1)?, true)?;
            }
            table_with("set", Value::Table(set))?
        }
        Reply::Map(pairs) if !v3 => {
            let t = lua.create_table()?;
            let mut i = 1i64;
            for (k, v) in pairs {
                t.raw_set(i, reply_to_lua(lua, k, resp, depth + 1)?)?;
                t.raw_set(i + 1, reply_to_lua(lua, v, resp, depth + 1)?)?;
                i += 2;
            }
            Value::Table(t)
        }
        Reply::Map(pairs) => {
            let map = lua.create_table()?;
            for (k, v) in pairs {
                map.raw_set(
                    reply_to_lua(lua, k, resp, depth + 1)?,
                    reply_to_lua(lua, v, resp, depth + 1)?,
                )?;
            }
            table_with("map", Value::Table(map))?
        }
        Reply::Double(d) if v3 => table_with("double", Value::Number(*d))?,
        Reply::Double(d) => Value::String(lua.create_string(crate::resp::format_double(*d))?),
        Reply::Boolean(b) if v3 => Value::Boolean(*b),
        Reply::Boolean(b) => Value::Number(if *b { 1.0 } else { 0.0 }),
        Reply::BigNumber(n) if v3 => {
            table_with("big_number", Value::String(lua.create_string(n)?))?
        }
        Reply::BigNumber(n) => Value::String(lua.create_string(n)?),
        Reply::Verbatim(format, text) if v3 => {
            let t = lua.create_table()?;
            t.raw_set("format", lua.create_string(format)?)?;
            t.raw_set("string", lua.create_string(text)?)?;
            table_with("verbatim_string", Value::Table(t))?
        }
        Reply::Verbatim(_, text) => Value::String(lua.create_string(text)?),
    })
}

fn array(lua: &Lua, items: &[Reply], resp: u8, depth: usize) -> omnilua::Result<Value> {
    let t = lua.create_table()?;
    for (i, item) in items.iter().enumerate() {
        t.raw_set(i as i64 + 1, reply_to_lua(lua, item, resp, depth + 1)?)?;
    }
    Ok(Value::Table(t))
}

/// What a script returned, as the reply its caller gets, by Redis's rules:
/// numbers are truncated to integers, `true` is 1 (or RESP3 true after
/// `redis.setresp(3)`), `false` and `nil` are null, a table is an error
/// (`err`), a status (`ok`), one of RESP3's types (`double`, `map`, `set`,
/// `big_number`, `verbatim_string`) or else an array of its elements up
/// to the first nil.
pub fn lua_to_reply(v: &Value, resp: u8, depth: usize) -> Reply {
    if depth > MAX_DEPTH {
        return Reply::err("ERR reached lua stack limit");
    }
    match v {
        Value::String(s) => Reply::Bulk(s.as_bytes().unwrap_or_default()),
        Value::Integer(i) => Reply::Integer(*i),
        Value::Number(n) => Reply::Integer(truncate(*n)),
        Value::Boolean(true) if resp == 3 => Reply::Boolean(true),
        Value::Boolean(false) if resp == 3 => Reply::Boolean(false),
        Value::Boolean(true) => Reply::Integer(1),
        Value::Table(t) => table_to_reply(t, resp, depth),
        _ => Reply::Null,
    }
}

/// C's `(long long)` cast of a double as x86-64 does it: out of range and
/// NaN give the "integer indefinite" value, i64::MIN (Redis on x86 returns
/// that for `return math.huge`).
fn truncate(n: f64) -> i64 {
    if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&n) {
        i64::MIN
    } else {
        n as i64
    }
}

pub(super) fn field(t: &Table, name: &str) -> Value {
    t.raw_get::<_, Value>(name).unwrap_or(Value::Nil)
}

fn table_to_reply(t: &Table, resp: u8, depth: usize) -> Reply {
    if let Value::String(s) = field(t, "err") {
        let text = String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).into_owned();
        return Reply::err(text);
    }
    if let Value::String(s) = field(t, "ok") {
        let text =
            String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).replace(['\r', '\n'], " ");
        return Reply::Simple(text);
    }
    match field(t, "double") {
        Value::Number(n) => return Reply::Double(n),
        Value::Integer(i) => return Reply::Double(i as f64),
        _ => {}
    }
    if let Value::String(s) = field(t, "big_number") {
        let text =
            String::from_utf8_lossy(&s.as_bytes().unwrap_or_default()).replace(['\r', '\n'], " ");
        return Reply::BigNumber(text);
    }
    if let Value::Table(v) = field(t, "verbatim_string") {
        if let (Value::String(f), Value::String(s)) = (field(&v, "format"), field(&v, "string")) {
            // RESP3 gives the format exactly three bytes.
            let raw = f.as_bytes().unwrap_or_default();
            let format = String::from_utf8_lossy(raw.get(..3).unwrap_or(&raw)).into_owned();
            return Reply::Verbatim(format, s.as_bytes().unwrap_or_default());
        }
    }
    if let Value::Table(m) = field(t, "map") {
        let pairs = m
            .raw_pairs()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| {
                (
                    lua_to_reply(k, resp, depth + 1),
                    lua_to_reply(v, resp, depth + 1),
                )
            })
            .collect();
        return Reply::Map(pairs);
    }
    if let Value::Table(s) = field(t, "set") {
        let items = s
            .raw_pairs()
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| lua_to_reply(k, resp, depth + 1))
            .collect();
        return Reply::Set(items);
    }
    let mut items = Vec::new();
    let mut i = 1i64;
    loop {
        match t.raw_get::<_, Value>(i) {
            Ok(Value::Nil) | Err(_) => break,
            Ok(v) => items.push(lua_to_reply(&v, resp, depth + 1)),
        }
        i += 1;
    }
    Reply::Array(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lua_numbers_print_as_14g() {
        assert_eq!(lua_number_text(3.0), "3");
        assert_eq!(lua_number_text(0.1), "0.1");
        assert_eq!(lua_number_text(1e15), "1e+15");
        assert_eq!(lua_number_text(1.0 / 3.0), "0.33333333333333");
        assert_eq!(lua_number_text(1e-5), "1e-05");
        assert_eq!(lua_number_text(123456.789), "123456.789");
        assert_eq!(lua_number_text(-0.0), "-0");
        assert_eq!(lua_number_text(1e14), "1e+14");
        assert_eq!(lua_number_text(99_999_999_999_999.0), "99999999999999");
    }
}
