//! `bit`, the bitwise library Redis 7.0 gives scripts (LuaBitOp 1.0.2).
//!
//! Lua 5.1 has only doubles, so LuaBitOp works on 32-bit integers made
//! from them and hands results back as signed 32-bit values. Scripts see
//! those exact numbers (and its argument errors), so we reproduce how it
//! turns a double into 32 bits: add 2^52 + 2^51 and keep the low word of
//! the sum, which rounds fractions half to even and wraps everything else
//! modulo 2^32.
//!
//! Argument checks borrow the C API stand-ins from `cjson`, so error texts
//! name the function the way the script called it, as Lua does.

use omnilua::{Lua, Table, Value};

use super::cjson::{to_number, CallSite};

/// Build the `bit` table.
pub(super) fn install(lua: &Lua) -> omnilua::Result<Table> {
    let functions: &[(&str, Op)] = &[
        ("tobit", tobit),
        ("tohex", tohex),
        ("bnot", bnot),
        ("band", band),
        ("bor", bor),
        ("bxor", bxor),
        ("lshift", lshift),
        ("rshift", rshift),
        ("arshift", arshift),
        ("rol", rol),
        ("ror", ror),
        ("bswap", bswap),
    ];
    super::cjson::library(lua, functions)
}

type Op = fn(&Lua, &CallSite, &[Value]) -> omnilua::Result<Value>;

/// Argument `n` (1-based) as LuaBitOp's 32 bits. Anything `lua_tonumber`
/// cannot read is refused, numeric strings included as Lua 5.1 reads them.
fn arg(site: &CallSite, args: &[Value], n: usize) -> omnilua::Result<u32> {
    let value = args.get(n.wrapping_sub(1));
    match value.and_then(to_number) {
        Some(number) => Ok(to_bits(number)),
        None => Err(site.type_error(n, "number", value)),
    }
}

/// LuaBitOp's conversion: the low 32 bits of `x + 2^52 + 2^51`. NaN
/// keeps the default NaN's low bits, which are zero.
fn to_bits(x: f64) -> u32 {
    if x.is_nan() {
        return 0;
    }
    (x + 6_755_399_441_055_744.0).to_bits() as u32
}

/// A result as scripts get it: the bits read as a signed 32-bit number.
fn result(bits: u32) -> omnilua::Result<Value> {
    Ok(Value::Number(f64::from(bits as i32)))
}

fn tobit(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    result(arg(site, args, 1)?)
}

/// `bit.tohex(x [, n])`: the low `|n|` hex digits (at most 8, default 8),
/// upper case when `n` is negative.
fn tohex(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    let bits = arg(site, args, 1)?;
    let count = if args.len() < 2 {
        8
    } else {
        arg(site, args, 2)? as i32
    };
    // In C, negating INT_MIN overflows; Redis's build ends up treating it
    // as "more than 8", so it gives 8 upper-case digits, as this does.
    let upper = count < 0;
    let count = count.unsigned_abs().min(8) as usize;
    let text = if upper {
        format!("{bits:08X}")
    } else {
        format!("{bits:08x}")
    };
    let digits = text.get(8 - count..).unwrap_or_default();
    Ok(Value::String(lua.create_string(digits)?))
}

fn bnot(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    result(!arg(site, args, 1)?)
}

/// band/bor/bxor fold every argument in, checking the first and then the
/// rest from the last one back, which decides which bad argument is named.
fn fold(site: &CallSite, args: &[Value], combine: fn(u32, u32) -> u32) -> omnilua::Result<Value> {
    let mut bits = arg(site, args, 1)?;
    for n in (2..=args.len()).rev() {
        bits = combine(bits, arg(site, args, n)?);
    }
    result(bits)
}

fn band(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    fold(site, args, |a, b| a & b)
}

fn bor(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    fold(site, args, |a, b| a | b)
}

fn bxor(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    fold(site, args, |a, b| a ^ b)
}

/// The shifts and rotations use the count's low five bits, so 32 acts as
/// 0 and -1 as 31.
fn shift(site: &CallSite, args: &[Value], apply: fn(u32, u32) -> u32) -> omnilua::Result<Value> {
    let bits = arg(site, args, 1)?;
    let count = arg(site, args, 2)? & 31;
    result(apply(bits, count))
}

fn lshift(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    shift(site, args, |b, n| b << n)
}

fn rshift(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    shift(site, args, |b, n| b >> n)
}

fn arshift(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    shift(site, args, |b, n| ((b as i32) >> n) as u32)
}

fn rol(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    shift(site, args, u32::rotate_left)
}

fn ror(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    shift(site, args, u32::rotate_right)
}

fn bswap(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Value> {
    result(arg(site, args, 1)?.swap_bytes())
}

// ---------------------------------------------------------------------------
// Tests

#[cfg(test)]
mod tests {
    use super::*;

    /// The Lua run around each case: it calls the case inside `pcall` and
    /// prints the outcome canonically (tables with sorted keys, bytes
    /// escaped). The expected outputs below are what this same text printed
    /// under EVAL on redis-server 7.0.15, so a case sits on line 28 of
    /// `@user_script`, as it did there, and error positions line up.
    const BEFORE: &str = r#"local null = cjson and cjson.null
local function esc(s) return (string.gsub(s, '.', function(c) local b = string.byte(c) if b < 32 or b > 126 or c == '"' or c == '\\' then return string.format('\\x%02x', b) end end)) end
local dump
dump = function(v)
  local t = type(v)
  if t == 'string' then return '"' .. esc(v) .. '"'
  elseif t == 'number' then
    if v ~= v then return 'nan' elseif v == 1/0 then return 'inf' elseif v == -1/0 then return '-inf'
    elseif v == 0 then if 1/v < 0 then return '-0' else return '0' end
    elseif v == math.floor(v) and v > -2^53 and v < 2^53 then return string.format('%.0f', v)
    else local m, e = math.frexp(v) return string.format('%.0f', m * 2^53) .. 'p' .. (e - 53) end
  elseif t == 'table' then
    local items = {}
    for k, x in pairs(v) do items[#items+1] = dump(k) .. '=' .. dump(x) end
    table.sort(items)
    return '{' .. table.concat(items, ',') .. '}'
  elseif t == 'userdata' then if v == null then return 'NULL' else return 'userdata' end
  elseif t == 'boolean' then return tostring(v)
  else return tostring(t) end
end
local function reset()
  if cjson then
    cjson.encode_sparse_array(false, 2, 10) cjson.encode_max_depth(1000) cjson.decode_max_depth(1000)
    cjson.encode_number_precision(14) cjson.encode_keep_buffer(true) cjson.encode_invalid_numbers(false)
    cjson.decode_invalid_numbers(true)
  end
end
local ok, r = pcall(function()"#;
    const AFTER: &str = r#"end)
reset()
if ok then return dump(r) else return 'E:' .. tostring(r) end"#;

    fn vm() -> Lua {
        super::super::recorded::vm("bit", install)
    }

    fn check(cases: &[(&str, &str)]) {
        super::super::recorded::check(&vm(), BEFORE, AFTER, cases);
    }

    #[test]
    fn bit_matches_redis() {
        check(CASES);
    }

    /// Every function, conversions at the edges, errors and how they name the function.
    const CASES: &[(&str, &str)] = &[
        (r#"return bit.tobit(0)"#, r#"0"#),
        (r#"return bit.tobit(1)"#, r#"1"#),
        (r#"return bit.tobit(-1)"#, r#"-1"#),
        (r#"return bit.tobit(2^31)"#, r#"-2147483648"#),
        (r#"return bit.tobit(2^31-1)"#, r#"2147483647"#),
        (r#"return bit.tobit(2^32)"#, r#"0"#),
        (r#"return bit.tobit(2^32+1)"#, r#"1"#),
        (r#"return bit.tobit(-2^31)"#, r#"-2147483648"#),
        (r#"return bit.tobit(-2^31-1)"#, r#"2147483647"#),
        (r#"return bit.tobit(0xffffffff)"#, r#"-1"#),
        (r#"return bit.tobit(1.5)"#, r#"2"#),
        (r#"return bit.tobit(2.5)"#, r#"2"#),
        (r#"return bit.tobit(3.5)"#, r#"4"#),
        (r#"return bit.tobit(-1.5)"#, r#"-2"#),
        (r#"return bit.tobit(-2.5)"#, r#"-2"#),
        (r#"return bit.tobit(0.5)"#, r#"0"#),
        (r#"return bit.tobit(0.49999999999999994)"#, r#"0"#),
        (r#"return bit.tobit(-0.5)"#, r#"0"#),
        (r#"return bit.tobit(1.4999)"#, r#"1"#),
        (r#"return bit.tobit(2^51)"#, r#"0"#),
        (r#"return bit.tobit(2^51+1)"#, r#"0"#),
        (r#"return bit.tobit(2^52)"#, r#"0"#),
        (r#"return bit.tobit(2^52+1)"#, r#"0"#),
        (r#"return bit.tobit(2^53)"#, r#"0"#),
        (r#"return bit.tobit(2^53+2)"#, r#"1"#),
        (r#"return bit.tobit(-2^51)"#, r#"0"#),
        (r#"return bit.tobit(-2^51-1)"#, r#"-2"#),
        (r#"return bit.tobit(-2^52)"#, r#"0"#),
        (r#"return bit.tobit(-2^53)"#, r#"0"#),
        (r#"return bit.tobit(1e20)"#, r#"2025163840"#),
        (r#"return bit.tobit(-1e20)"#, r#"2025163840"#),
        (r#"return bit.tobit(1e300)"#, r#"-2013235812"#),
        (r#"return bit.tobit(1/0)"#, r#"0"#),
        (r#"return bit.tobit(-1/0)"#, r#"0"#),
        (r#"return bit.tobit(0/0)"#, r#"0"#),
        (r#"local z = 0 return bit.tobit(-z)"#, r#"0"#),
        (r#"return bit.tobit(5e-324)"#, r#"0"#),
        (r#"return bit.tobit(123456789012)"#, r#"-1097262572"#),
        (r#"return bit.tobit(-123456789012)"#, r#"1097262572"#),
        (r#"return bit.tobit('12')"#, r#"12"#),
        (r#"return bit.tobit(' 12 ')"#, r#"12"#),
        (r#"return bit.tobit('0x7fffffff')"#, r#"2147483647"#),
        (r#"return bit.tobit('0x80000000')"#, r#"-2147483648"#),
        (r#"return bit.tobit('0xffffffff')"#, r#"-1"#),
        (r#"return bit.tobit('-0x10')"#, r#"-16"#),
        (r#"return bit.tobit('1e3')"#, r#"1000"#),
        (r#"return bit.tobit('2.5')"#, r#"2"#),
        (r#"return bit.tobit('inf')"#, r#"0"#),
        (r#"return bit.tobit('nan')"#, r#"0"#),
        (r#"return bit.tobit('0x1p4')"#, r#"16"#),
        (r#"return bit.tobit('12\0abc')"#, r#"12"#),
        (r#"return bit.tobit('0')"#, r#"0"#),
        (
            r#"return bit.tobit('abc')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit('')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit(' ')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit('0x')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit('1e')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit('12 x')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit(nil)"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got nil)"#,
        ),
        (
            r#"return bit.tobit()"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got no value)"#,
        ),
        (
            r#"return bit.tobit(true)"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got boolean)"#,
        ),
        (
            r#"return bit.tobit({})"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got table)"#,
        ),
        (
            r#"return bit.tobit(function() end)"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got function)"#,
        ),
        (
            r#"return bit.tobit(coroutine.create(function() end))"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got thread)"#,
        ),
        (r#"return bit.tobit(1, 2)"#, r#"1"#),
        (r#"return bit.tobit(1, nil, {})"#, r#"1"#),
        (r#"return bit.tohex(1)"#, r#""00000001""#),
        (r#"return bit.tohex(-1)"#, r#""ffffffff""#),
        (r#"return bit.tohex(0)"#, r#""00000000""#),
        (r#"return bit.tohex(0x12345678)"#, r#""12345678""#),
        (r#"return bit.tohex(0xabcdef)"#, r#""00abcdef""#),
        (r#"return bit.tohex(2^32+255)"#, r#""000000ff""#),
        (r#"return bit.tohex(255, 2)"#, r#""ff""#),
        (r#"return bit.tohex(255, -2)"#, r#""FF""#),
        (r#"return bit.tohex(0x12345678, 4)"#, r#""5678""#),
        (r#"return bit.tohex(0x12345678, -4)"#, r#""5678""#),
        (r#"return bit.tohex(0xabcdef01, 0)"#, r#""""#),
        (r#"return bit.tohex(0xabcdef01, 1)"#, r#""1""#),
        (r#"return bit.tohex(0xabcdef01, -1)"#, r#""1""#),
        (r#"return bit.tohex(0xabcdef01, 8)"#, r#""abcdef01""#),
        (r#"return bit.tohex(0xabcdef01, 9)"#, r#""abcdef01""#),
        (r#"return bit.tohex(0xabcdef01, 100)"#, r#""abcdef01""#),
        (r#"return bit.tohex(0xabcdef01, -8)"#, r#""ABCDEF01""#),
        (r#"return bit.tohex(0xabcdef01, -9)"#, r#""ABCDEF01""#),
        (r#"return bit.tohex(0xabcdef01, -100)"#, r#""ABCDEF01""#),
        (r#"return bit.tohex(0xabcdef01, 2^32+3)"#, r#""f01""#),
        (r#"return bit.tohex(0xabcdef01, 2^32-3)"#, r#""F01""#),
        (r#"return bit.tohex(0xabcdef01, 2.5)"#, r#""01""#),
        (r#"return bit.tohex(0xabcdef01, '3')"#, r#""f01""#),
        (
            r#"return bit.tohex(0xabcdef01, nil)"#,
            r#"E:user_script:29: bad argument #2 to 'tohex' (number expected, got nil)"#,
        ),
        (
            r#"return bit.tohex(0xabcdef01, 'x')"#,
            r#"E:user_script:29: bad argument #2 to 'tohex' (number expected, got string)"#,
        ),
        (
            r#"return bit.tohex(nil, 'x')"#,
            r#"E:user_script:29: bad argument #1 to 'tohex' (number expected, got nil)"#,
        ),
        (
            r#"return bit.tohex()"#,
            r#"E:user_script:29: bad argument #1 to 'tohex' (number expected, got no value)"#,
        ),
        (r#"return bit.tohex('255')"#, r#""000000ff""#),
        (
            r#"return bit.tohex('ff')"#,
            r#"E:user_script:29: bad argument #1 to 'tohex' (number expected, got string)"#,
        ),
        (r#"return bit.tohex(1, 2, 3)"#, r#""01""#),
        (r#"return bit.bnot(0)"#, r#"-1"#),
        (r#"return bit.bnot(-1)"#, r#"0"#),
        (r#"return bit.bnot(5)"#, r#"-6"#),
        (r#"return bit.bnot(2^31)"#, r#"2147483647"#),
        (r#"return bit.bnot(0x7fffffff)"#, r#"-2147483648"#),
        (r#"return bit.bnot(1.5)"#, r#"-3"#),
        (r#"return bit.bnot('7')"#, r#"-8"#),
        (
            r#"return bit.bnot()"#,
            r#"E:user_script:29: bad argument #1 to 'bnot' (number expected, got no value)"#,
        ),
        (
            r#"return bit.bnot(nil)"#,
            r#"E:user_script:29: bad argument #1 to 'bnot' (number expected, got nil)"#,
        ),
        (
            r#"return bit.bnot({})"#,
            r#"E:user_script:29: bad argument #1 to 'bnot' (number expected, got table)"#,
        ),
        (
            r#"return bit.band()"#,
            r#"E:user_script:29: bad argument #1 to 'band' (number expected, got no value)"#,
        ),
        (r#"return bit.band(7)"#, r#"7"#),
        (r#"return bit.band(0xff, 0x0f)"#, r#"15"#),
        (r#"return bit.band(7, 3, 1, 5)"#, r#"1"#),
        (r#"return bit.band(-1, 2^31)"#, r#"-2147483648"#),
        (r#"return bit.band(0xffffffff, 0xffffffff)"#, r#"-1"#),
        (
            r#"return bit.band(1, nil)"#,
            r#"E:user_script:29: bad argument #2 to 'band' (number expected, got nil)"#,
        ),
        (
            r#"return bit.band(nil, nil, {})"#,
            r#"E:user_script:29: bad argument #1 to 'band' (number expected, got nil)"#,
        ),
        (
            r#"return bit.band(1, nil, {})"#,
            r#"E:user_script:29: bad argument #3 to 'band' (number expected, got table)"#,
        ),
        (
            r#"return bit.band(1, 'x', 2)"#,
            r#"E:user_script:29: bad argument #2 to 'band' (number expected, got string)"#,
        ),
        (
            r#"return bit.band(1, 2, 'x')"#,
            r#"E:user_script:29: bad argument #3 to 'band' (number expected, got string)"#,
        ),
        (r#"return bit.band(1, '3')"#, r#"1"#),
        (
            r#"return bit.bor()"#,
            r#"E:user_script:29: bad argument #1 to 'bor' (number expected, got no value)"#,
        ),
        (r#"return bit.bor(1)"#, r#"1"#),
        (r#"return bit.bor(1, 2, 4, 8)"#, r#"15"#),
        (r#"return bit.bor(0x80000000, 1)"#, r#"-2147483647"#),
        (
            r#"return bit.bor(1, true)"#,
            r#"E:user_script:29: bad argument #2 to 'bor' (number expected, got boolean)"#,
        ),
        (
            r#"return bit.bxor()"#,
            r#"E:user_script:29: bad argument #1 to 'bxor' (number expected, got no value)"#,
        ),
        (r#"return bit.bxor(5, 3)"#, r#"6"#),
        (r#"return bit.bxor(-1, 1)"#, r#"-2"#),
        (r#"return bit.bxor(1, 2, 3)"#, r#"0"#),
        (
            r#"return bit.bxor(1, {})"#,
            r#"E:user_script:29: bad argument #2 to 'bxor' (number expected, got table)"#,
        ),
        (r#"return bit.lshift(1, 0)"#, r#"1"#),
        (r#"return bit.lshift(1, 1)"#, r#"2"#),
        (r#"return bit.lshift(1, 31)"#, r#"-2147483648"#),
        (r#"return bit.lshift(1, 32)"#, r#"1"#),
        (r#"return bit.lshift(1, 33)"#, r#"2"#),
        (r#"return bit.lshift(1, -1)"#, r#"-2147483648"#),
        (r#"return bit.lshift(0xff, 28)"#, r#"-268435456"#),
        (r#"return bit.lshift(-1, 4)"#, r#"-16"#),
        (r#"return bit.lshift(1, 1.5)"#, r#"4"#),
        (r#"return bit.lshift(1, 2^32+2)"#, r#"4"#),
        (r#"return bit.rshift(-1, 0)"#, r#"-1"#),
        (r#"return bit.rshift(-1, 1)"#, r#"2147483647"#),
        (r#"return bit.rshift(-1, 28)"#, r#"15"#),
        (r#"return bit.rshift(-1, 31)"#, r#"1"#),
        (r#"return bit.rshift(-1, 32)"#, r#"-1"#),
        (r#"return bit.rshift(0x80000000, 31)"#, r#"1"#),
        (r#"return bit.rshift(256, 4)"#, r#"16"#),
        (r#"return bit.rshift(256, -28)"#, r#"16"#),
        (r#"return bit.arshift(-256, 4)"#, r#"-16"#),
        (r#"return bit.arshift(-1, 31)"#, r#"-1"#),
        (r#"return bit.arshift(-1, 0)"#, r#"-1"#),
        (r#"return bit.arshift(0x80000000, 1)"#, r#"-1073741824"#),
        (r#"return bit.arshift(256, 4)"#, r#"16"#),
        (r#"return bit.arshift(0x7fffffff, 30)"#, r#"1"#),
        (r#"return bit.arshift(-256, 36)"#, r#"-16"#),
        (r#"return bit.rol(0x12345678, 0)"#, r#"305419896"#),
        (r#"return bit.rol(0x12345678, 4)"#, r#"591751041"#),
        (r#"return bit.rol(0x12345678, 8)"#, r#"878082066"#),
        (r#"return bit.rol(0x12345678, 32)"#, r#"305419896"#),
        (r#"return bit.rol(0x12345678, 36)"#, r#"591751041"#),
        (r#"return bit.rol(0x12345678, -4)"#, r#"-2128394905"#),
        (r#"return bit.rol(-1, 5)"#, r#"-1"#),
        (r#"return bit.rol(0x80000000, 1)"#, r#"1"#),
        (r#"return bit.ror(0x12345678, 0)"#, r#"305419896"#),
        (r#"return bit.ror(0x12345678, 4)"#, r#"-2128394905"#),
        (r#"return bit.ror(0x12345678, 8)"#, r#"2014458966"#),
        (r#"return bit.ror(0x12345678, 32)"#, r#"305419896"#),
        (r#"return bit.ror(0x12345678, -4)"#, r#"591751041"#),
        (r#"return bit.ror(1, 1)"#, r#"-2147483648"#),
        (r#"return bit.bswap(0x12345678)"#, r#"2018915346"#),
        (r#"return bit.bswap(-1)"#, r#"-1"#),
        (r#"return bit.bswap(0)"#, r#"0"#),
        (r#"return bit.bswap(0xff)"#, r#"-16777216"#),
        (r#"return bit.bswap(0x80)"#, r#"-2147483648"#),
        (
            r#"return bit.bswap()"#,
            r#"E:user_script:29: bad argument #1 to 'bswap' (number expected, got no value)"#,
        ),
        (r#"return bit.bswap(1, 2)"#, r#"16777216"#),
        (
            r#"return bit.lshift(1)"#,
            r#"E:user_script:29: bad argument #2 to 'lshift' (number expected, got no value)"#,
        ),
        (
            r#"return bit.lshift()"#,
            r#"E:user_script:29: bad argument #1 to 'lshift' (number expected, got no value)"#,
        ),
        (
            r#"return bit.lshift(nil, 1)"#,
            r#"E:user_script:29: bad argument #1 to 'lshift' (number expected, got nil)"#,
        ),
        (
            r#"return bit.lshift(1, nil)"#,
            r#"E:user_script:29: bad argument #2 to 'lshift' (number expected, got nil)"#,
        ),
        (
            r#"return bit.lshift('x', 'y')"#,
            r#"E:user_script:29: bad argument #1 to 'lshift' (number expected, got string)"#,
        ),
        (
            r#"return bit.rshift(1, {})"#,
            r#"E:user_script:29: bad argument #2 to 'rshift' (number expected, got table)"#,
        ),
        (
            r#"return bit.arshift(true, 1)"#,
            r#"E:user_script:29: bad argument #1 to 'arshift' (number expected, got boolean)"#,
        ),
        (
            r#"return bit.rol(1)"#,
            r#"E:user_script:29: bad argument #2 to 'rol' (number expected, got no value)"#,
        ),
        (
            r#"return bit.ror({}, 1)"#,
            r#"E:user_script:29: bad argument #1 to 'ror' (number expected, got table)"#,
        ),
        (r#"return bit.lshift(1, 2, 3)"#, r#"4"#),
        (
            r#"local f = bit.band return f(nil)"#,
            r#"E:user_script:29: bad argument #1 to 'f' (number expected, got nil)"#,
        ),
        (
            r#"local f = bit.band return (f(nil))"#,
            r#"E:user_script:29: bad argument #1 to 'f' (number expected, got nil)"#,
        ),
        (
            r#"local f = bit.tobit local function g() return f() end return g()"#,
            r#"E:user_script:29: bad argument #1 to 'f' (number expected, got no value)"#,
        ),
        (
            r#"local t = {x = bit.bnot} return t.x()"#,
            r#"E:user_script:29: bad argument #1 to 'x' (number expected, got no value)"#,
        ),
        (
            r#"local t = {x = bit.bnot} return t:x()"#,
            r#"E:user_script:29: calling 'x' on bad self (number expected, got table)"#,
        ),
        (
            r#"return bit:band()"#,
            r#"E:user_script:29: calling 'band' on bad self (number expected, got table)"#,
        ),
        (
            r#"return bit:tobit()"#,
            r#"E:user_script:29: calling 'tobit' on bad self (number expected, got table)"#,
        ),
        (
            r#"return bit:band(1, nil)"#,
            r#"E:user_script:29: calling 'band' on bad self (number expected, got table)"#,
        ),
        (
            r#"return bit:lshift(1)"#,
            r#"E:user_script:29: calling 'lshift' on bad self (number expected, got table)"#,
        ),
        (
            r#"return bit:lshift()"#,
            r#"E:user_script:29: calling 'lshift' on bad self (number expected, got table)"#,
        ),
        (
            r#"return bit:tohex(1, 'x')"#,
            r#"E:user_script:29: calling 'tohex' on bad self (number expected, got table)"#,
        ),
        (
            r#"return select(2, pcall(bit.band))"#,
            r#""bad argument #1 to '?' (number expected, got no value)""#,
        ),
        (
            r#"return select(2, pcall(bit.band, 1, 'x'))"#,
            r#""bad argument #2 to '?' (number expected, got string)""#,
        ),
        (
            r#"return select(2, pcall(bit.tobit, {}))"#,
            r#""bad argument #1 to '?' (number expected, got table)""#,
        ),
        (
            r#"local f = bit.bor return select(2, pcall(function() return f('x') end))"#,
            r#""user_script:29: bad argument #1 to 'f' (number expected, got string)""#,
        ),
        (r#"return bit.tohex(bit.bnot(0x0f0f0f0f))"#, r#""f0f0f0f0""#),
        (r#"return bit.band(bit.bor(0x12, 0x34), 0x3c)"#, r#"52"#),
        (
            r#"return bit.tobit(bit.tobit(2^31) + 2^32)"#,
            r#"-2147483648"#,
        ),
        (
            r#"local r = {} for i = 0, 40 do r[#r+1] = bit.lshift(3, i) end return r"#,
            r#"{10=1536,11=3072,12=6144,13=12288,14=24576,15=49152,16=98304,17=196608,18=393216,19=786432,1=3,20=1572864,21=3145728,22=6291456,23=12582912,24=25165824,25=50331648,26=100663296,27=201326592,28=402653184,29=805306368,2=6,30=1610612736,31=-1073741824,32=-2147483648,33=3,34=6,35=12,36=24,37=48,38=96,39=192,3=12,40=384,41=768,4=24,5=48,6=96,7=192,8=384,9=768}"#,
        ),
        (
            r#"local r = {} for i = -3, 35 do r[#r+1] = bit.arshift(-12345678, i) end return r"#,
            r#"{10=-192902,11=-96451,12=-48226,13=-24113,14=-12057,15=-6029,16=-3015,17=-1508,18=-754,19=-377,1=-1,20=-189,21=-95,22=-48,23=-24,24=-12,25=-6,26=-3,27=-2,28=-1,29=-1,2=-1,30=-1,31=-1,32=-1,33=-1,34=-1,35=-1,36=-12345678,37=-6172839,38=-3086420,39=-1543210,3=-1,4=-12345678,5=-6172839,6=-3086420,7=-1543210,8=-771605,9=-385803}"#,
        ),
        (
            r#"local r = {} for i = 0, 33 do r[#r+1] = bit.tohex(bit.rol(0x8421f0a5, i)) end return table.concat(r, ' ')"#,
            r#""8421f0a5 0843e14b 1087c296 210f852c 421f0a58 843e14b0 087c2961 10f852c2 21f0a584 43e14b08 87c29610 0f852c21 1f0a5842 3e14b084 7c296108 f852c210 f0a58421 e14b0843 c2961087 852c210f 0a58421f 14b0843e 2961087c 52c210f8 a58421f0 4b0843e1 961087c2 2c210f85 58421f0a b0843e14 61087c29 c210f852 8421f0a5 0843e14b""#,
        ),
        (r#"return type(bit.tobit(1))"#, r#""number""#),
        (r#"return type(bit.tohex(1))"#, r#""string""#),
        (r#"return bit._NAME"#, r#"nil"#),
        (
            r#"return bit.band(-1, -1, -1, -1, -1, -1, -1, -1, -1, 255)"#,
            r#"255"#,
        ),
        (
            r#"return bit.bor(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)"#,
            r#"2047"#,
        ),
        (r#"return bit.bxor(1, 1, 1, 1, 1)"#, r#"1"#),
        (
            r#"return bit.band(1, 2, nil, 'x', {})"#,
            r#"E:user_script:29: bad argument #5 to 'band' (number expected, got table)"#,
        ),
        (
            r#"return bit.band(1, 2, nil, 3)"#,
            r#"E:user_script:29: bad argument #3 to 'band' (number expected, got nil)"#,
        ),
        (r#"return bit.tohex(0xabcdef01, '-4')"#, r#""EF01""#),
        (
            r#"return bit.tohex(0xabcdef01, -2^31 + 1)"#,
            r#""ABCDEF01""#,
        ),
        (r#"return bit.tohex(-1, -8)"#, r#""FFFFFFFF""#),
        (r#"return bit.tohex(0x1234, -0)"#, r#""""#),
        (r#"return bit.tohex(2^53)"#, r#""00000000""#),
        (r#"return bit.tohex(-2^31)"#, r#""80000000""#),
        (r#"return bit.tohex(0.5)"#, r#""00000000""#),
        (r#"return bit.tohex(1.5)"#, r#""00000002""#),
        (r#"return bit.lshift('1', '4')"#, r#"16"#),
        (r#"return bit.rshift(-2^31, 31)"#, r#"1"#),
        (r#"return bit.arshift(-2^31, 31)"#, r#"-1"#),
        (r#"return bit.rol(1, 31)"#, r#"-2147483648"#),
        (r#"return bit.ror(1, 31)"#, r#"2"#),
        (r#"return bit.rol(0x12345678, 2^32 + 4)"#, r#"591751041"#),
        (r#"return bit.bswap(0x01020304)"#, r#"67305985"#),
        (r#"return bit.bswap(bit.bswap(0x01020304))"#, r#"16909060"#),
        (r#"return bit.bnot(bit.bnot(12345))"#, r#"12345"#),
        (r#"return bit.tobit(' \t0x10\n')"#, r#"16"#),
        (r#"return bit.tobit('1e2 ')"#, r#"100"#),
        (
            r#"return bit.tobit('- 1')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (
            r#"return bit.tobit('--1')"#,
            r#"E:user_script:29: bad argument #1 to 'tobit' (number expected, got string)"#,
        ),
        (r#"return bit.tobit('0x1P+4')"#, r#"16"#),
        (r#"return bit.tobit('Infinity')"#, r#"0"#),
        (r#"return bit.tobit('-nan')"#, r#"0"#),
        (r#"return bit.tobit('.5')"#, r#"0"#),
        (r#"return bit.tobit('5.')"#, r#"5"#),
        (r#"return bit.tobit('1e400')"#, r#"0"#),
        (r#"return bit.tobit('0x100000000')"#, r#"0"#),
        (r#"return bit.tobit('4294967295')"#, r#"-1"#),
        (r#"return bit.tobit('-4294967295')"#, r#"1"#),
        (
            r#"return bit.tobit('123456789012345678901234567890')"#,
            r#"-9684802"#,
        ),
        (r#"return bit.tobit(2^31 + 0.5)"#, r#"-2147483648"#),
        (r#"return bit.tobit(-2^31 - 0.5)"#, r#"-2147483648"#),
        (r#"return bit.tobit(2^32 - 0.5)"#, r#"0"#),
        (r#"return bit.tobit(0.5000000000000001)"#, r#"1"#),
        (r#"return bit.tobit(1e15 + 0.5)"#, r#"-1530494976"#),
        (r#"return bit.tobit(-1e15 - 0.5)"#, r#"1530494976"#),
        (
            r#"local r = {} for i = 1, 40 do r[#r+1] = bit.tobit(i * 123456789.5) end return r"#,
            r#"{10=1234567895,11=1358024684,12=1481481474,13=1604938264,14=1728395053,15=1851851842,16=1975308632,17=2098765422,18=-2072745085,19=-1949288296,1=123456790,20=-1825831506,21=-1702374716,22=-1578917927,23=-1455461138,24=-1332004348,25=-1208547558,26=-1085090769,27=-961633980,28=-838177190,29=-714720400,2=246913579,30=-591263611,31=-467806822,32=-344350032,33=-220893242,34=-97436453,35=26020336,36=149477126,37=272933916,38=396390705,39=519847494,3=370370368,40=643304284,4=493827158,5=617283948,6=740740737,7=864197526,8=987654316,9=1111111106}"#,
        ),
        (
            r#"local r = {} for i = -20, 20 do r[#r+1] = bit.tobit(i / 4) end return r"#,
            r#"{10=-3,11=-2,12=-2,13=-2,14=-2,15=-2,16=-1,17=-1,18=-1,19=0,1=-5,20=0,21=0,22=0,23=0,24=1,25=1,26=1,27=2,28=2,29=2,2=-5,30=2,31=2,32=3,33=3,34=3,35=4,36=4,37=4,38=4,39=4,3=-4,40=5,41=5,4=-4,5=-4,6=-4,7=-4,8=-3,9=-3}"#,
        ),
        (
            r#"local r = {} for i = 0, 32 do r[#r+1] = bit.rshift(0x87654321, i) end return r"#,
            r#"{10=4436641,11=2218320,12=1109160,13=554580,14=277290,15=138645,16=69322,17=34661,18=17330,19=8665,1=-2023406815,20=4332,21=2166,22=1083,23=541,24=270,25=135,26=67,27=33,28=16,29=8,2=1135780240,30=4,31=2,32=1,33=-2023406815,3=567890120,4=283945060,5=141972530,6=70986265,7=35493132,8=17746566,9=8873283}"#,
        ),
        (
            r#"local r = {} for i = 0, 32 do r[#r+1] = bit.ror(0x87654321, i) end return r"#,
            r#"{10=-1866222943,11=-933111472,12=1680927912,13=840463956,14=420231978,15=210115989,16=-2042425654,17=1126270821,18=-1584348238,19=1355309529,1=-2023406815,20=-1469828884,21=1412569206,22=706284603,23=-1794341347,24=-897170674,25=1698898311,26=-1298034493,27=-649017247,28=-324508624,29=1985229336,2=-1011703408,30=992614668,31=496307334,32=248153667,33=-2023406815,3=1641631944,4=820815972,5=410407986,6=205203993,7=-2044881652,8=1125042822,9=562521411}"#,
        ),
        (
            r#"local r = {} for i = 0, 9 do r[#r+1] = bit.tohex(0x87654321, i) .. '/' .. bit.tohex(0x87654321, -i) end return table.concat(r, ' ')"#,
            r#""/ 1/1 21/21 321/321 4321/4321 54321/54321 654321/654321 7654321/7654321 87654321/87654321 87654321/87654321""#,
        ),
    ];

    /// The double-to-32-bit conversion at its edges, against LuaBitOp's
    /// results in Redis (`bit.tobit`).
    #[test]
    fn conversion_matches_luabitop() {
        let cases: &[(f64, i32)] = &[
            (0.5, 0),
            (1.5, 2),
            (2.5, 2),
            (-0.5, 0),
            (-1.5, -2),
            (2147483648.0, -2147483648),
            (4294967296.0, 0),
            (4294967297.0, 1),
            (1e20, 2025163840),
            (-1e20, 2025163840),
            (1e300, -2013235812),
            (123456789012.0, -1097262572),
            (2251799813685248.0, 0),
            (9007199254740994.0, 1),
            (f64::INFINITY, 0),
            (f64::NEG_INFINITY, 0),
            (f64::NAN, 0),
        ];
        for (x, want) in cases {
            assert_eq!(to_bits(*x) as i32, *want, "{x:e}");
        }
    }
}
