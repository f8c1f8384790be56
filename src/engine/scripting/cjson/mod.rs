//! `cjson`, the JSON library Redis 7.0 gives scripts (lua-cjson 2.1.0).
//!
//! Scripts depend on its exact output (`cjson.encode` results are stored,
//! hashed and compared) and on its error texts, so this follows lua-cjson's
//! observable behaviour rather than JSON's ideal: numbers with `%.14g`,
//! `/` escaped, hex and `inf`/`nan` accepted when decoding, a C string's end
//! at the first NUL byte, and the same limits on nesting, including the
//! ones that in C come from the Lua stack running out of room.
//!
//! Both directions walk nested tables with an explicit stack instead of
//! recursion: the nesting limits can be raised by a script to several
//! thousand levels, and the wasm build runs on a small stack.
//!
//! The module also holds the pieces of the Lua C API a C library leans on
//! without noticing (`lua_tonumber` on strings, `luaL_argerror`'s wording,
//! `luaL_where`'s position prefix). `bit` needs the same, so it borrows them
//! from here.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use omnilua::{Error, Function, IntoLuaMulti, Lua, LuaError, LuaString, Table, Value, Variadic};

/// One per Lua VM: its settings then last as long as the VM, so a setting
/// one script changes is what the next script finds, as in Redis.
pub(super) fn install(lua: &Lua) -> omnilua::Result<Table> {
    module(lua, Rc::new(CallSite::capture(lua)))
}

/// What lua-cjson calls the module and its release; scripts can read both.
const MODULE_NAME: &str = "cjson";
const MODULE_VERSION: &str = "2.1.0";

/// The Lua stack a C function may use (LUAI_MAXCSTACK in Lua 5.1). lua-cjson
/// asks for a few slots per nesting level and fails with its nesting error
/// when they run out, which is the real depth limit once a script raises
/// `encode_max_depth`/`decode_max_depth`; we count the same slots.
const LUA_C_STACK: i64 = 8000;

/// A cap on `cjson.encode`'s output. lua-cjson has none (a table shared
/// many times over, or a huge sparse array with the sparse check off, would
/// have Redis allocate until it dies); we stop with Lua's own out-of-memory
/// text instead, at the VM's heap limit, since the result has to fit there.
const ENCODE_LIMIT: usize = super::DEFAULT_MEMORY_LIMIT;

/// `encode_invalid_numbers`: refuse NaN/Inf, write them as `nan`/`inf`, or
/// write `null`. Its option list, in the order of the settings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InvalidNumbers {
    Refuse,
    Allow,
    Null,
}
const INVALID_NUMBER_OPTIONS: &[&str] = &["off", "on", "null"];
const BOOL_OPTIONS: &[&str] = &["off", "on"];

/// One module instance's settings. lua-cjson keeps them per instance
/// (`cjson.new()` makes a fresh one), and they outlive the script that set
/// them, as in Redis, where they last until the Lua VM is recreated.
#[derive(Clone, Copy)]
struct Config {
    sparse_convert: bool,
    sparse_ratio: i32,
    sparse_safe: i32,
    encode_max_depth: i32,
    decode_max_depth: i32,
    number_precision: i32,
    keep_buffer: bool,
    encode_invalid: InvalidNumbers,
    decode_invalid: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sparse_convert: false,
            sparse_ratio: 2,
            sparse_safe: 10,
            encode_max_depth: 1000,
            decode_max_depth: 1000,
            number_precision: 14,
            keep_buffer: true,
            encode_invalid: InvalidNumbers::Refuse,
            decode_invalid: true,
        }
    }
}

type Settings = Rc<Cell<Config>>;
type Handler = fn(&Lua, &CallSite, &Settings, &[Value]) -> omnilua::Result<Variadic<Value>>;

fn module(lua: &Lua, site: Rc<CallSite>) -> omnilua::Result<Table> {
    let settings: Settings = Rc::new(Cell::new(Config::default()));
    let table = lua.create_table()?;
    let handlers: [(&str, Handler); 9] = [
        ("encode", encode),
        ("decode", decode),
        ("encode_sparse_array", cfg_encode_sparse_array),
        ("encode_max_depth", cfg_encode_max_depth),
        ("decode_max_depth", cfg_decode_max_depth),
        ("encode_number_precision", cfg_encode_number_precision),
        ("encode_keep_buffer", cfg_encode_keep_buffer),
        ("encode_invalid_numbers", cfg_encode_invalid_numbers),
        ("decode_invalid_numbers", cfg_decode_invalid_numbers),
    ];
    for (name, handler) in handlers {
        let site = Rc::clone(&site);
        let settings = Rc::clone(&settings);
        let function = lua.create_function(move |lua, args: Variadic<Value>| {
            handler(lua, &site, &settings, &args)
        })?;
        table.raw_set(name, function)?;
    }
    let new = lua.create_function(move |lua, _: Variadic<Value>| module(lua, Rc::clone(&site)))?;
    table.raw_set("new", new)?;
    table.raw_set("null", null())?;
    table.raw_set("_NAME", MODULE_NAME)?;
    table.raw_set("_VERSION", MODULE_VERSION)?;
    Ok(table)
}

/// JSON null as Lua sees it: a nil would vanish from tables, so lua-cjson
/// uses the NULL light userdata, which every decode shares and which
/// compares equal to `cjson.null`.
fn null() -> Value {
    Value::LightUserData(std::ptr::null_mut())
}

fn one(value: Value) -> Variadic<Value> {
    Variadic::from(vec![value])
}

// ---------------------------------------------------------------------------
// The Lua C API, as a C library experiences it.

/// A library function: the call site, for its error texts, and the args.
pub(super) type LibraryFn<R> = fn(&Lua, &CallSite, &[Value]) -> omnilua::Result<R>;

/// A library table of host functions written as C library functions are:
/// each gets the call site (for its error texts) and its arguments.
pub(super) fn library<R: IntoLuaMulti + 'static>(
    lua: &Lua,
    functions: &[(&str, LibraryFn<R>)],
) -> omnilua::Result<Table> {
    let site = Rc::new(CallSite::capture(lua));
    let table = lua.create_table()?;
    for &(name, op) in functions {
        let site = Rc::clone(&site);
        let function =
            lua.create_function(move |lua, args: Variadic<Value>| op(lua, &site, &args))?;
        table.raw_set(name, function)?;
    }
    Ok(table)
}

/// What a C library learns from the Lua C API about its caller: the name
/// the call site used for the function (for "bad argument ... to 'name'")
/// and the script position `luaL_error` puts in front of every message.
/// Rust callbacks get neither from the VM, so we ask `debug.getinfo`, kept
/// from install time because scripts lose `debug` before they run.
pub(super) struct CallSite {
    getinfo: Option<Function>,
}

impl CallSite {
    pub(super) fn capture(lua: &Lua) -> CallSite {
        let getinfo = match lua.globals().raw_get::<_, Value>("debug") {
            Ok(Value::Table(debug)) => match debug.raw_get::<_, Value>("getinfo") {
                Ok(Value::Function(f)) => Some(f),
                _ => None,
            },
            _ => None,
        };
        CallSite { getinfo }
    }

    /// `debug.getinfo` seen from inside a Rust callback: level 1 is the
    /// callback itself, level 2 whoever called it.
    fn info(&self, level: i64, what: &str) -> Option<Table> {
        match self.getinfo.as_ref()?.call::<_, Value>((level, what)) {
            Ok(Value::Table(info)) => Some(info),
            _ => None,
        }
    }

    /// `luaL_where(L, 1)`: "chunk:line: " when a Lua function called us,
    /// nothing when a C function did (as with `pcall(cjson.decode, s)`).
    fn location(&self) -> String {
        let Some(info) = self.info(2, "Sl") else {
            return String::new();
        };
        let line = match info.raw_get::<_, Value>("currentline") {
            Ok(Value::Number(n)) => n as i64,
            Ok(Value::Integer(n)) => n,
            _ => -1,
        };
        if line <= 0 {
            return String::new();
        }
        let source = match info.raw_get::<_, Value>("short_src") {
            Ok(Value::String(s)) => lossy(&s),
            _ => return String::new(),
        };
        format!("{source}:{line}: ")
    }

    /// `luaL_error`: the message behind the caller's position.
    pub(super) fn error(&self, message: impl fmt::Display) -> Error {
        let location = self.location();
        Error::from(LuaError::runtime(format_args!("{location}{message}")))
    }

    /// `luaL_argerror`, including its renumbering for `obj:method()` calls,
    /// where the object is argument 1 but the script wrote none.
    pub(super) fn arg_error(&self, arg: usize, message: &str) -> Error {
        let (name, method) = match self.info(1, "n") {
            Some(info) => {
                let name = match info.raw_get::<_, Value>("name") {
                    Ok(Value::String(s)) => Some(lossy(&s)),
                    _ => None,
                };
                let method = matches!(
                    info.raw_get::<_, Value>("namewhat"),
                    Ok(Value::String(s)) if s.as_bytes().ok().as_deref() == Some(b"method")
                );
                (name, method)
            }
            None => (None, false),
        };
        let name = name.unwrap_or_else(|| "?".to_string());
        let mut arg = arg;
        if method {
            arg = arg.saturating_sub(1);
            if arg == 0 {
                return self.error(format_args!("calling '{name}' on bad self ({message})"));
            }
        }
        self.error(format_args!("bad argument #{arg} to '{name}' ({message})"))
    }

    /// `luaL_typerror`; `got` is None for an argument that was not passed.
    pub(super) fn type_error(&self, arg: usize, expected: &str, got: Option<&Value>) -> Error {
        let got = got.map_or("no value", type_name);
        self.arg_error(arg, &format!("{expected} expected, got {got}"))
    }
}

fn lossy(s: &LuaString) -> String {
    s.as_bytes()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// `lua_typename` of a value.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Nil => "nil",
        Value::Boolean(_) => "boolean",
        Value::Integer(_) | Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Table(_) => "table",
        Value::Function(_) => "function",
        Value::UserData(_) | Value::LightUserData(_) => "userdata",
        Value::Thread(_) => "thread",
    }
}

/// `lua_tonumber` in Redis's Lua 5.1: numbers as they are, strings the
/// way its `luaO_str2d` reads them (glibc `strtod`, so hex floats, `inf` and
/// `nan` count; surrounding whitespace allowed; the text ends at a NUL).
pub(super) fn to_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Integer(n) => Some(*n as f64),
        Value::String(s) => string_to_number(&s.as_bytes().ok()?),
        _ => None,
    }
}

fn string_to_number(bytes: &[u8]) -> Option<f64> {
    let text = bytes.split(|&b| b == 0).next().unwrap_or_default();
    let start = text.iter().position(|&b| !is_c_space(b))?;
    let text = text.get(start..)?;
    let (number, used) = parse_c_double(text)?;
    let rest = text.get(used..).unwrap_or_default();
    rest.iter().all(|&b| is_c_space(b)).then_some(number)
}

/// C's `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `lua_tolstring` of a number: Lua 5.1 prints numbers with `%.14g`.
fn number_to_string(n: f64) -> Vec<u8> {
    super::convert::format_g(n, 14).into_bytes()
}

/// The longest prefix of `text` that glibc's `strtod` accepts (no leading
/// whitespace), with its value and length; None when it accepts nothing.
fn parse_c_double(text: &[u8]) -> Option<(f64, usize)> {
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let (negative, mut i) = match at(0) {
        b'-' => (true, 1),
        b'+' => (false, 1),
        _ => (false, 0),
    };
    let signed = |v: f64| if negative { -v } else { v };
    let rest = text.get(i..).unwrap_or_default();
    if starts_with_ignore_case(rest, b"inf") {
        let mut end = i + 3;
        if starts_with_ignore_case(text.get(end..).unwrap_or_default(), b"inity") {
            end += 5;
        }
        return Some((signed(f64::INFINITY), end));
    }
    if starts_with_ignore_case(rest, b"nan") {
        let mut end = i + 3;
        if at(end) == b'(' {
            let mut j = end + 1;
            while at(j).is_ascii_alphanumeric() || at(j) == b'_' {
                j += 1;
            }
            if at(j) == b')' {
                end = j + 1;
            }
        }
        return Some((signed(f64::NAN), end));
    }
    if at(i) == b'0' && (at(i + 1) | 0x20) == b'x' {
        if let Some((value, end)) = parse_hex_float(text, i + 2) {
            return Some((signed(value), end));
        }
        // "0x" with no hex digits after it: strtod takes just the "0".
    }
    let start = i;
    let mut digits = 0;
    while at(i).is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if at(i) == b'.' {
        let mut j = i + 1;
        while at(j).is_ascii_digit() {
            j += 1;
            digits += 1;
        }
        if digits > 0 {
            i = j;
        }
    }
    if digits == 0 {
        return None;
    }
    if (at(i) | 0x20) == b'e' {
        let mut j = i + 1;
        if at(j) == b'+' || at(j) == b'-' {
            j += 1;
        }
        if at(j).is_ascii_digit() {
            while at(j).is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    // What is left is plain decimal, which Rust reads with the same
    // correct rounding as glibc.
    let literal = std::str::from_utf8(text.get(start..i)?).ok()?;
    let value: f64 = literal.parse().ok()?;
    Some((signed(value), i))
}

fn starts_with_ignore_case(text: &[u8], word: &[u8]) -> bool {
    text.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
}

/// The hex float after "0x" (`1f`, `1.8p3`, `.8`), rounded to nearest-even
/// like glibc; None if there is not a single hex digit.
fn parse_hex_float(text: &[u8], from: usize) -> Option<(f64, usize)> {
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let hex = |b: u8| (b as char).to_digit(16).map(u64::from);
    let mut mantissa: u64 = 0;
    let mut exponent: i64 = 0;
    let mut sticky = false;
    let mut any = false;
    let mut i = from;
    let mut seen_point = false;
    loop {
        let b = at(i);
        if b == b'.' && !seen_point {
            seen_point = true;
            i += 1;
            continue;
        }
        let Some(d) = hex(b) else { break };
        any = true;
        // Keep the first 60-odd significant bits; later digits only move
        // the binary point or make the value a hair larger (`sticky`).
        if mantissa >> 60 == 0 {
            mantissa = mantissa * 16 + d;
            if seen_point {
                exponent -= 4;
            }
        } else {
            sticky |= d != 0;
            if !seen_point {
                exponent += 4;
            }
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if (at(i) | 0x20) == b'p' {
        let mut j = i + 1;
        let negative = match at(j) {
            b'-' => {
                j += 1;
                true
            }
            b'+' => {
                j += 1;
                false
            }
            _ => false,
        };
        if at(j).is_ascii_digit() {
            let mut power: i64 = 0;
            while let Some(d) = (at(j) as char).to_digit(10) {
                // Far past any finite double; saturate rather than overflow.
                power = (power * 10 + i64::from(d)).min(1 << 20);
                j += 1;
            }
            exponent += if negative { -power } else { power };
            i = j;
        }
    }
    Some((scale_binary(mantissa, exponent, sticky), i))
}

/// `mantissa * 2^exponent`, rounded to the nearest double (ties to even),
/// where `sticky` says some nonzero bits below `mantissa` were dropped.
fn scale_binary(mantissa: u64, exponent: i64, sticky: bool) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let leading = i64::from(mantissa.leading_zeros());
    let m = mantissa << leading;
    // The value lies in [2^top, 2^(top+1)).
    let top = 63 - leading + exponent;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Bits a double can hold at this magnitude: 53, fewer when subnormal.
    let keep = if top >= -1022 { 53 } else { top + 1075 };
    if keep <= 0 {
        // Below the smallest subnormal: 0, or that subnormal when more
        // than half of it.
        let above_half = keep == 0 && (m > 1 << 63 || (m == 1 << 63 && sticky));
        return if above_half { f64::from_bits(1) } else { 0.0 };
    }
    let shift = 64 - keep;
    let kept = m >> shift;
    let rest = m & ((1u64 << shift) - 1);
    let half = 1u64 << (shift - 1);
    let round_up = rest > half || (rest == half && (sticky || kept & 1 == 1));
    let kept = kept + u64::from(round_up);
    times_power_of_two(kept as f64, top - keep + 1)
}

/// `x * 2^power`, exact whenever the result is representable.
fn times_power_of_two(mut x: f64, mut power: i64) -> f64 {
    let two_to = |p: i64| f64::from_bits(((p + 1023) as u64) << 52);
    while power > 1000 {
        x *= two_to(1000);
        power -= 1000;
    }
    while power < -1000 {
        x *= two_to(-1000);
        power += 1000;
    }
    x * two_to(power)
}

// ---------------------------------------------------------------------------
// Configuration functions.

/// lua-cjson's check on the number of arguments of a setting function;
/// missing ones count as nil.
fn setting_args<'a, const N: usize>(
    site: &CallSite,
    args: &'a [Value],
) -> omnilua::Result<[&'a Value; N]> {
    if args.len() > N {
        return Err(site.arg_error(N + 1, "found too many arguments"));
    }
    const NIL: &Value = &Value::Nil;
    Ok(std::array::from_fn(|i| args.get(i).unwrap_or(NIL)))
}

/// An on/off style setting: a boolean or one of `options` by name (the
/// index is the setting); answered with a boolean for 0 and 1, otherwise
/// the option's name.
fn option_setting(
    lua: &Lua,
    site: &CallSite,
    arg: usize,
    value: &Value,
    setting: &mut usize,
    options: &[&str],
) -> omnilua::Result<Value> {
    match value {
        Value::Nil => {}
        Value::Boolean(b) => *setting = usize::from(*b),
        other => {
            let name = match other {
                Value::String(s) => s.as_bytes()?,
                Value::Number(n) => number_to_string(*n),
                Value::Integer(n) => number_to_string(*n as f64),
                _ => return Err(site.type_error(arg, "string", Some(other))),
            };
            match options.iter().position(|o| o.as_bytes() == name.as_slice()) {
                Some(index) => *setting = index,
                None => {
                    let name = String::from_utf8_lossy(&name);
                    return Err(site.arg_error(arg, &format!("invalid option '{name}'")));
                }
            }
        }
    }
    Ok(match options.get(*setting) {
        Some(name) if *setting > 1 => Value::String(lua.create_string(name)?),
        _ => Value::Boolean(*setting == 1),
    })
}

/// A numeric setting within `min..=max`. The value goes through Lua's
/// `luaL_checkinteger` and then a C `int`, so fractions truncate and big
/// numbers wrap, as they do in Redis; a range error always names
/// argument 1 (lua-cjson's own slip).
fn integer_setting(
    site: &CallSite,
    arg: usize,
    value: &Value,
    setting: &mut i32,
    min: i32,
    max: i32,
) -> omnilua::Result<Value> {
    if !matches!(value, Value::Nil) {
        let Some(n) = to_number(value) else {
            return Err(site.type_error(arg, "number", Some(value)));
        };
        // x86-64's conversion yields i64::MIN for NaN and out of range
        // values; the C `int` then keeps the low 32 bits.
        let two_63 = -(i64::MIN as f64);
        let wide = if (-two_63..two_63).contains(&n) {
            n as i64
        } else {
            i64::MIN
        };
        let narrow = wide as i32;
        if narrow < min || narrow > max {
            return Err(site.arg_error(1, &format!("expected integer between {min} and {max}")));
        }
        *setting = narrow;
    }
    Ok(Value::Number(f64::from(*setting)))
}

fn cfg_encode_sparse_array(
    lua: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    let [convert_arg, ratio_arg, safe_arg] = setting_args(site, args)?;
    // lua-cjson stores each setting as soon as it is read, so a bad later
    // argument leaves the earlier ones changed.
    let mut config = settings.get();
    let mut convert = usize::from(config.sparse_convert);
    let convert_result = option_setting(lua, site, 1, convert_arg, &mut convert, BOOL_OPTIONS)?;
    config.sparse_convert = convert == 1;
    settings.set(config);
    let ratio = integer_setting(site, 2, ratio_arg, &mut config.sparse_ratio, 0, i32::MAX)?;
    settings.set(config);
    let safe = integer_setting(site, 3, safe_arg, &mut config.sparse_safe, 0, i32::MAX)?;
    settings.set(config);
    Ok(Variadic::from(vec![convert_result, ratio, safe]))
}

/// The settings that are one integer within a range.
fn one_integer_setting(
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
    field: fn(&mut Config) -> &mut i32,
    (min, max): (i32, i32),
) -> omnilua::Result<Variadic<Value>> {
    let [value] = setting_args(site, args)?;
    let mut config = settings.get();
    let result = integer_setting(site, 1, value, field(&mut config), min, max)?;
    settings.set(config);
    Ok(one(result))
}

fn cfg_encode_max_depth(
    _: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    one_integer_setting(
        site,
        settings,
        args,
        |c| &mut c.encode_max_depth,
        (1, i32::MAX),
    )
}

fn cfg_decode_max_depth(
    _: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    one_integer_setting(
        site,
        settings,
        args,
        |c| &mut c.decode_max_depth,
        (1, i32::MAX),
    )
}

fn cfg_encode_number_precision(
    _: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    one_integer_setting(site, settings, args, |c| &mut c.number_precision, (1, 14))
}

/// Only a buffer-reuse switch in C, with no effect on results; kept so
/// scripts can set and read it.
fn cfg_encode_keep_buffer(
    lua: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    let [value] = setting_args(site, args)?;
    let mut config = settings.get();
    let mut keep = usize::from(config.keep_buffer);
    let result = option_setting(lua, site, 1, value, &mut keep, BOOL_OPTIONS)?;
    config.keep_buffer = keep == 1;
    settings.set(config);
    Ok(one(result))
}

fn cfg_encode_invalid_numbers(
    lua: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    let [value] = setting_args(site, args)?;
    let mut config = settings.get();
    let mut mode = match config.encode_invalid {
        InvalidNumbers::Refuse => 0,
        InvalidNumbers::Allow => 1,
        InvalidNumbers::Null => 2,
    };
    let result = option_setting(lua, site, 1, value, &mut mode, INVALID_NUMBER_OPTIONS)?;
    config.encode_invalid = match mode {
        0 => InvalidNumbers::Refuse,
        1 => InvalidNumbers::Allow,
        _ => InvalidNumbers::Null,
    };
    settings.set(config);
    Ok(one(result))
}

fn cfg_decode_invalid_numbers(
    lua: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    let [value] = setting_args(site, args)?;
    let mut config = settings.get();
    let mut allow = usize::from(config.decode_invalid);
    let result = option_setting(lua, site, 1, value, &mut allow, BOOL_OPTIONS)?;
    config.decode_invalid = allow == 1;
    settings.set(config);
    Ok(one(result))
}

// ---------------------------------------------------------------------------
// Encoding.

fn encode(
    lua: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    let [value] = args else {
        return Err(site.arg_error(1, "expected 1 argument"));
    };
    let mut encoder = Encoder {
        site,
        config: settings.get(),
        out: Vec::new(),
        limit: ENCODE_LIMIT,
        open: Vec::new(),
        slots: 1,
    };
    encoder.run(value.clone())?;
    Ok(one(Value::String(lua.create_string(&encoder.out)?)))
}

/// A table being written: an array walks indexes 1..=len with raw reads
/// (holes become null); an object walks the pairs in the VM's own order.
enum Open {
    Array {
        table: Table,
        len: i32,
        next: i32,
    },
    Object {
        pairs: std::vec::IntoIter<(Value, Value)>,
        first: bool,
    },
}

impl Open {
    /// Lua stack slots lua-cjson holds while inside this table: the
    /// element for an array, key and value for an object.
    fn slots(&self) -> i64 {
        match self {
            Open::Array { .. } => 1,
            Open::Object { .. } => 2,
        }
    }
}

struct Encoder<'a> {
    site: &'a CallSite,
    config: Config,
    out: Vec<u8>,
    limit: usize,
    open: Vec<Open>,
    /// Lua stack slots lua-cjson would be using (the argument, plus what
    /// each open table holds), for its stack-space check.
    slots: i64,
}

impl Encoder<'_> {
    fn run(&mut self, value: Value) -> omnilua::Result<()> {
        self.value(value)?;
        loop {
            let next = match self.open.last_mut() {
                None => return Ok(()),
                Some(Open::Array { table, len, next }) => {
                    if *next > *len {
                        None
                    } else {
                        let index = *next;
                        *next += 1;
                        let table = table.clone();
                        if index > 1 {
                            self.put(b",")?;
                        }
                        Some(table.raw_get::<_, Value>(i64::from(index))?)
                    }
                }
                Some(Open::Object { pairs, first }) => match pairs.next() {
                    None => None,
                    Some((key, value)) => {
                        let comma = !*first;
                        *first = false;
                        if comma {
                            self.put(b",")?;
                        }
                        self.key(&key)?;
                        Some(value)
                    }
                },
            };
            match next {
                Some(value) => self.value(value)?,
                None => {
                    if let Some(done) = self.open.pop() {
                        self.slots -= done.slots();
                        self.put(match done {
                            Open::Array { .. } => b"]",
                            Open::Object { .. } => b"}",
                        })?;
                    }
                }
            }
        }
    }

    fn value(&mut self, value: Value) -> omnilua::Result<()> {
        match value {
            Value::Nil => self.put(b"null"),
            Value::Boolean(true) => self.put(b"true"),
            Value::Boolean(false) => self.put(b"false"),
            Value::Number(n) => self.number(n),
            Value::Integer(n) => self.number(n as f64),
            Value::String(s) => self.string(&s.as_bytes()?),
            Value::LightUserData(p) if p.is_null() => self.put(b"null"),
            Value::Table(table) => self.open_table(table),
            other => Err(self.site.error(format_args!(
                "Cannot serialise {}: type not supported",
                type_name(&other)
            ))),
        }
    }

    fn open_table(&mut self, table: Table) -> omnilua::Result<()> {
        let depth = self.open.len() + 1;
        if depth > self.config.encode_max_depth as usize || self.slots + 3 > LUA_C_STACK {
            return Err(self.site.error(format_args!(
                "Cannot serialise, excessive nesting ({depth})"
            )));
        }
        let pairs = table.raw_pairs()?;
        let open = match self.array_length(&pairs)? {
            Some(len) if len > 0 => {
                self.put(b"[")?;
                Open::Array {
                    table,
                    len,
                    next: 1,
                }
            }
            _ => {
                self.put(b"{")?;
                Open::Object {
                    pairs: pairs.into_iter(),
                    first: true,
                }
            }
        };
        self.slots += open.slots();
        self.open.push(open);
        Ok(())
    }

    /// lua-cjson's array test: every key a whole number >= 1, and not too
    /// sparse. It tracks the largest key in a C `int`, so a key of 2^31 or
    /// more turns into INT_MIN (x86's answer) and, depending on where it
    /// comes in the walk, makes the table an object; we walk in the same
    /// order we write, so this stays consistent with our own output.
    fn array_length(&self, pairs: &[(Value, Value)]) -> omnilua::Result<Option<i32>> {
        let mut max: i32 = 0;
        let mut items: i32 = 0;
        for (key, _) in pairs {
            let k = match key {
                Value::Number(n) => *n,
                Value::Integer(n) => *n as f64,
                _ => return Ok(None),
            };
            if k == 0.0 || k.floor() != k || k < 1.0 {
                return Ok(None);
            }
            if k > f64::from(max) {
                max = if k < 2_147_483_648.0 {
                    k as i32
                } else {
                    i32::MIN
                };
            }
            items = items.wrapping_add(1);
        }
        let config = &self.config;
        if config.sparse_ratio > 0
            && max > items.wrapping_mul(config.sparse_ratio)
            && max > config.sparse_safe
        {
            if !config.sparse_convert {
                return Err(self
                    .site
                    .error("Cannot serialise table: excessively sparse array"));
            }
            return Ok(None);
        }
        Ok(Some(max))
    }

    fn key(&mut self, key: &Value) -> omnilua::Result<()> {
        match key {
            Value::Number(n) => self.number_key(*n),
            Value::Integer(n) => self.number_key(*n as f64),
            Value::String(s) => {
                self.string(&s.as_bytes()?)?;
                self.put(b":")
            }
            other => Err(self.site.error(format_args!(
                "Cannot serialise {}: table key must be a number or string",
                type_name(other)
            ))),
        }
    }

    fn number_key(&mut self, n: f64) -> omnilua::Result<()> {
        self.put(b"\"")?;
        self.number(n)?;
        self.put(b"\":")
    }

    fn number(&mut self, n: f64) -> omnilua::Result<()> {
        if n.is_nan() || n.is_infinite() {
            match self.config.encode_invalid {
                InvalidNumbers::Refuse => {
                    return Err(self
                        .site
                        .error("Cannot serialise number: must not be NaN or Inf"));
                }
                // Always "nan": the sign of a NaN is noise.
                InvalidNumbers::Allow if n.is_nan() => return self.put(b"nan"),
                InvalidNumbers::Allow => {}
                InvalidNumbers::Null => return self.put(b"null"),
            }
        }
        let text = super::convert::format_g(n, self.config.number_precision.clamp(1, 14) as usize);
        self.put(text.as_bytes())
    }

    fn string(&mut self, bytes: &[u8]) -> omnilua::Result<()> {
        self.put(b"\"")?;
        let mut plain_from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'/' => b"\\/",
                b'\x08' => b"\\b",
                b'\x0c' => b"\\f",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1f | 0x7f => b"",
                _ => continue,
            };
            self.put(bytes.get(plain_from..i).unwrap_or_default())?;
            plain_from = i + 1;
            if escape.is_empty() {
                self.put(format!("\\u{b:04x}").as_bytes())?;
            } else {
                self.put(escape)?;
            }
        }
        self.put(bytes.get(plain_from..).unwrap_or_default())?;
        self.put(b"\"")
    }

    fn put(&mut self, bytes: &[u8]) -> omnilua::Result<()> {
        if bytes.len() > self.limit.saturating_sub(self.out.len())
            || self.out.try_reserve(bytes.len()).is_err()
        {
            return Err(Error::from(LuaError::runtime(format_args!(
                "not enough memory"
            ))));
        }
        self.out.extend_from_slice(bytes);
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Decoding.

fn decode(
    lua: &Lua,
    site: &CallSite,
    settings: &Settings,
    args: &[Value],
) -> omnilua::Result<Variadic<Value>> {
    let [value] = args else {
        return Err(site.arg_error(1, "expected 1 argument"));
    };
    let text = match value {
        Value::String(s) => s.as_bytes()?,
        Value::Number(n) => number_to_string(*n),
        Value::Integer(n) => number_to_string(*n as f64),
        other => return Err(site.type_error(1, "string", Some(other))),
    };
    // JSON text always starts with an ASCII character, so a NUL among the
    // first two bytes means UTF-16 or UTF-32.
    if text.len() >= 2 && (text.first() == Some(&0) || text.get(1) == Some(&0)) {
        return Err(site.error("JSON parser does not support UTF-16 or UTF-32"));
    }
    let mut decoder = Decoder {
        lua,
        site,
        config: settings.get(),
        text: &text,
        pos: 0,
        open: Vec::new(),
        slots: 1,
    };
    Ok(one(decoder.run()?))
}

#[derive(Debug)]
enum Token {
    ObjectBegin,
    ObjectEnd,
    ArrayBegin,
    ArrayEnd,
    String(Vec<u8>),
    Number(f64),
    Boolean(bool),
    Null,
    Colon,
    Comma,
    End,
    /// A token that could not be read, with lua-cjson's description.
    Error(&'static str),
}

impl Token {
    /// How lua-cjson names a token it did not expect.
    fn describe(&self) -> &'static str {
        match self {
            Token::ObjectBegin => "T_OBJ_BEGIN",
            Token::ObjectEnd => "T_OBJ_END",
            Token::ArrayBegin => "T_ARR_BEGIN",
            Token::ArrayEnd => "T_ARR_END",
            Token::String(_) => "T_STRING",
            Token::Number(_) => "T_NUMBER",
            Token::Boolean(_) => "T_BOOLEAN",
            Token::Null => "T_NULL",
            Token::Colon => "T_COLON",
            Token::Comma => "T_COMMA",
            Token::End => "T_END",
            Token::Error(what) => what,
        }
    }
}

/// A table being filled: an array with the next index to set, or an
/// object with the key whose value is being read.
enum Filling {
    Array { table: Table, next: i64 },
    Object { table: Table, key: Value },
}

impl Filling {
    /// Lua stack slots lua-cjson holds while inside this table.
    fn slots(&self) -> i64 {
        match self {
            Filling::Array { .. } => 1,
            Filling::Object { .. } => 2,
        }
    }
}

struct Decoder<'a> {
    lua: &'a Lua,
    site: &'a CallSite,
    config: Config,
    text: &'a [u8],
    pos: usize,
    open: Vec<Filling>,
    slots: i64,
}

impl Decoder<'_> {
    /// The byte at `i`, 0 past the end: lua-cjson reads a C string, so the
    /// end and an embedded NUL look the same.
    fn at(&self, i: usize) -> u8 {
        self.text.get(i).copied().unwrap_or(0)
    }

    fn run(&mut self) -> omnilua::Result<Value> {
        let (mut token, mut index) = self.token();
        'value: loop {
            let mut value = match token {
                Token::String(bytes) => Value::String(self.lua.create_string(&bytes)?),
                Token::Number(n) => Value::Number(n),
                Token::Boolean(b) => Value::Boolean(b),
                Token::Null => null(),
                Token::ObjectBegin => {
                    self.descend(3)?;
                    let table = self.lua.create_table()?;
                    let (next, next_index) = self.token();
                    if matches!(next, Token::ObjectEnd) {
                        Value::Table(table)
                    } else {
                        let key = self.key(next, next_index)?;
                        self.push(Filling::Object { table, key });
                        (token, index) = self.token();
                        continue 'value;
                    }
                }
                Token::ArrayBegin => {
                    self.descend(2)?;
                    let table = self.lua.create_table()?;
                    let (next, next_index) = self.token();
                    if matches!(next, Token::ArrayEnd) {
                        Value::Table(table)
                    } else {
                        self.push(Filling::Array { table, next: 1 });
                        (token, index) = (next, next_index);
                        continue 'value;
                    }
                }
                other => return Err(self.unexpected("value", &other, index)),
            };
            // A value is complete: store it in the table around it, then
            // see whether that table goes on or is complete too.
            loop {
                match self.open.last_mut() {
                    None => {
                        let (next, next_index) = self.token();
                        if !matches!(next, Token::End) {
                            return Err(self.unexpected("the end", &next, next_index));
                        }
                        return Ok(value);
                    }
                    Some(Filling::Array { table, next }) => {
                        table.raw_set(*next, value)?;
                        *next += 1;
                        let (after, after_index) = self.token();
                        match after {
                            Token::ArrayEnd => value = self.pop(),
                            Token::Comma => {
                                (token, index) = self.token();
                                continue 'value;
                            }
                            other => {
                                return Err(self.unexpected(
                                    "comma or array end",
                                    &other,
                                    after_index,
                                ))
                            }
                        }
                    }
                    Some(Filling::Object { table, key }) => {
                        table.raw_set(key.clone(), value)?;
                        let (after, after_index) = self.token();
                        match after {
                            Token::ObjectEnd => value = self.pop(),
                            Token::Comma => {
                                let (next, next_index) = self.token();
                                let new_key = self.key(next, next_index)?;
                                if let Some(Filling::Object { key, .. }) = self.open.last_mut() {
                                    *key = new_key;
                                }
                                (token, index) = self.token();
                                continue 'value;
                            }
                            other => {
                                return Err(self.unexpected(
                                    "comma or object end",
                                    &other,
                                    after_index,
                                ))
                            }
                        }
                    }
                }
            }
        }
    }

    /// An object key and the colon after it.
    fn key(&mut self, token: Token, index: usize) -> omnilua::Result<Value> {
        let Token::String(bytes) = token else {
            return Err(self.unexpected("object key string", &token, index));
        };
        let key = Value::String(self.lua.create_string(&bytes)?);
        let (colon, colon_index) = self.token();
        if !matches!(colon, Token::Colon) {
            return Err(self.unexpected("colon", &colon, colon_index));
        }
        Ok(key)
    }

    /// Entering a table: within the depth limit, and within the Lua stack
    /// space lua-cjson would ask for (`slots` more).
    fn descend(&mut self, slots: i64) -> omnilua::Result<()> {
        let depth = self.open.len() + 1;
        if depth > self.config.decode_max_depth as usize || self.slots + slots > LUA_C_STACK {
            return Err(self.site.error(format_args!(
                "Found too many nested data structures ({depth}) at character {}",
                self.pos
            )));
        }
        Ok(())
    }

    fn push(&mut self, filling: Filling) {
        self.slots += filling.slots();
        self.open.push(filling);
    }

    fn pop(&mut self) -> Value {
        match self.open.pop() {
            Some(filling) => {
                self.slots -= filling.slots();
                match filling {
                    Filling::Array { table, .. } | Filling::Object { table, .. } => {
                        Value::Table(table)
                    }
                }
            }
            None => Value::Nil,
        }
    }

    fn unexpected(&self, expected: &str, found: &Token, index: usize) -> Error {
        self.site.error(format_args!(
            "Expected {expected} but found {} at character {}",
            found.describe(),
            index + 1
        ))
    }

    /// The next token and where it starts (where a bad one was noticed).
    fn token(&mut self) -> (Token, usize) {
        while matches!(self.at(self.pos), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
        let start = self.pos;
        let single = match self.at(start) {
            0 => return (Token::End, start),
            b'{' => Some(Token::ObjectBegin),
            b'}' => Some(Token::ObjectEnd),
            b'[' => Some(Token::ArrayBegin),
            b']' => Some(Token::ArrayEnd),
            b':' => Some(Token::Colon),
            b',' => Some(Token::Comma),
            _ => None,
        };
        if let Some(token) = single {
            self.pos += 1;
            return (token, start);
        }
        let c = self.at(start);
        let rest = self.text.get(start..).unwrap_or_default();
        match c {
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => {
                if !self.config.decode_invalid && self.is_invalid_number() {
                    return (Token::Error("invalid number"), start);
                }
                self.number()
            }
            b'f' | b'i' | b'I' | b'n' | b'N' | b't' | b'+' => {
                for (word, token) in [
                    (&b"true"[..], Token::Boolean(true)),
                    (b"false", Token::Boolean(false)),
                    (b"null", Token::Null),
                ] {
                    if rest.starts_with(word) {
                        self.pos += word.len();
                        return (token, start);
                    }
                }
                if self.config.decode_invalid && self.is_invalid_number() {
                    return self.number();
                }
                (Token::Error("invalid token"), start)
            }
            _ => (Token::Error("invalid token"), start),
        }
    }

    /// lua-cjson's test for number forms JSON forbids (a plus sign, hex,
    /// leading zeros, inf, nan). Its C compares a signed `char` with '9',
    /// so a byte of 0x80 or more after a minus passes as "ordinary".
    fn is_invalid_number(&self) -> bool {
        let mut p = self.pos;
        match self.at(p) {
            b'+' => return true,
            b'-' => p += 1,
            _ => {}
        }
        let c = self.at(p);
        if c == b'0' {
            let next = self.at(p + 1);
            return (next | 0x20) == b'x' || next.is_ascii_digit();
        }
        if (c as i8) <= b'9' as i8 {
            return false;
        }
        let rest = self.text.get(p..).unwrap_or_default();
        starts_with_ignore_case(rest, b"inf") || starts_with_ignore_case(rest, b"nan")
    }

    fn number(&mut self) -> (Token, usize) {
        let start = self.pos;
        match parse_c_double(self.text.get(start..).unwrap_or_default()) {
            Some((value, used)) => {
                self.pos += used;
                (Token::Number(value), start)
            }
            None => (Token::Error("invalid number"), start),
        }
    }

    /// A string token; errors point at the offending byte or escape.
    fn string(&mut self) -> (Token, usize) {
        let start = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            match self.at(self.pos) {
                b'"' => break,
                0 => return (Token::Error("unexpected end of string"), self.pos),
                b'\\' => {
                    let plain = match self.at(self.pos + 1) {
                        b'"' => b'"',
                        b'\\' => b'\\',
                        b'/' => b'/',
                        b'b' => b'\x08',
                        b'f' => b'\x0c',
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => match self.unicode_escape() {
                            Some((code_point, length)) => {
                                let mut buf = [0u8; 4];
                                out.extend_from_slice(code_point.encode_utf8(&mut buf).as_bytes());
                                self.pos += length;
                                continue;
                            }
                            None => return (Token::Error("invalid unicode escape code"), self.pos),
                        },
                        _ => return (Token::Error("invalid escape code"), self.pos),
                    };
                    out.push(plain);
                    self.pos += 2;
                }
                b => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
        self.pos += 1;
        (Token::String(out), start)
    }

    /// `\uXXXX` at `pos`, or a surrogate pair of two: the character and the
    /// escape's length. A lone or reversed surrogate is an error.
    fn unicode_escape(&self) -> Option<(char, usize)> {
        let first = self.hex4(self.pos + 2)?;
        if first & 0xF800 != 0xD800 {
            return Some((char::from_u32(first)?, 6));
        }
        if first & 0x400 != 0 || self.at(self.pos + 6) != b'\\' || self.at(self.pos + 7) != b'u' {
            return None;
        }
        let second = self.hex4(self.pos + 8)?;
        if second & 0xFC00 != 0xDC00 {
            return None;
        }
        let code_point = (((first & 0x3FF) << 10) | (second & 0x3FF)) + 0x10000;
        Some((char::from_u32(code_point)?, 12))
    }

    fn hex4(&self, from: usize) -> Option<u32> {
        (from..from + 4).try_fold(0u32, |acc, i| {
            Some(acc * 16 + (self.at(i) as char).to_digit(16)?)
        })
    }
}

// ---------------------------------------------------------------------------
// Tests

#[cfg(test)]
mod tests;
