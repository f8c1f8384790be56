//! `struct`, the binary packing library Redis 7.0 gives scripts (Roberto
//! Ierusalimschy's struct library, as Redis patched it).
//!
//! Scripts use it to build and read fixed binary layouts, so byte-exact
//! output matters, and so do its quirks, which come from the C types it is
//! written with on the x86-64 Linux build Redis ships: `int` sizes and
//! counts, `long` and `size_t` as 64 bits, little-endian as the native
//! order, 8 as the largest alignment, and the way x86 converts doubles that
//! do not fit an integer type (NaN and overflow give the "integer
//! indefinite" value). Integers wider than 8 bytes go through a 64-bit
//! value as in C: packing pads them with zero bytes, and unpacking keeps
//! the low 8 bytes and sign-extends with a shift count the CPU takes modulo
//! 64, which is what Redis really computes.
//!
//! The format string is a C string to the library: it ends at the first
//! NUL. Positions and sizes are `size_t`, so offsets before the start of
//! the data wrap around and fail the length check instead of reading
//! outside it.
//!
//! Argument checks come from `cjson`'s stand-ins for the Lua C API, so
//! error texts carry the script position and the name the script called
//! the function by.

use omnilua::{Error, Lua, LuaError, Table, Value, Variadic};

use super::cjson::{to_number, CallSite};
use super::convert::lua_number_text;

/// Called once per VM, before the sandbox hides `debug`: the error texts
/// need the caller's name and position, which only `debug.getinfo` can
/// give a Rust function, so it is captured here.
pub(crate) fn install(lua: &Lua) -> omnilua::Result<Table> {
    let functions: &[(&str, Op)] = &[("pack", pack), ("unpack", unpack), ("size", size)];
    super::cjson::library(lua, functions)
}

type Op = fn(&Lua, &CallSite, &[Value]) -> omnilua::Result<Variadic<Value>>;

/// The widest `i`/`I` the library accepts.
const MAX_INT_SIZE: i32 = 32;

/// The alignment `!` without a number asks for: the strictest alignment
/// of a C scalar on x86-64 (a double's).
const MAX_ALIGN: i32 = 8;

/// Lua 5.1's LUAI_MAXCSTACK: the stack slots a C function may fill.
/// `struct.unpack` leaves each result on the stack and asks for room
/// before every option, so a format with thousands of results fails with
/// Lua's stack overflow message, and so must ours.
const LUA_C_STACK: usize = 8000;

/// A stand-in for the raw format byte in error texts that name one: the
/// message has to be built as text first, and a byte of 0x80 or more is
/// not text. Never produced by anything else (U+FFFF is a noncharacter).
const BYTE_MARK: &str = "\u{ffff}";

// ---------------------------------------------------------------------------
// The C API pieces the library leans on.

/// `luaL_checklstring`: strings as they are, numbers as Lua 5.1 prints
/// them (`%.14g`), anything else refused.
pub(super) fn check_string(site: &CallSite, args: &[Value], n: usize) -> omnilua::Result<Vec<u8>> {
    let value = args.get(n.wrapping_sub(1));
    match value {
        Some(Value::String(s)) => s.as_bytes(),
        Some(Value::Number(x)) => Ok(lua_number_text(*x).into_bytes()),
        Some(Value::Integer(i)) => Ok(lua_number_text(*i as f64).into_bytes()),
        _ => Err(site.type_error(n, "string", value)),
    }
}

/// `luaL_checknumber`, numeric strings included.
fn check_number(site: &CallSite, args: &[Value], n: usize) -> omnilua::Result<f64> {
    let value = args.get(n.wrapping_sub(1));
    value
        .and_then(to_number)
        .ok_or_else(|| site.type_error(n, "number", value))
}

/// `luaL_optinteger`: nil or nothing gives `default`; otherwise a number
/// truncated to a 64-bit integer the way the C cast does on x86-64.
pub(super) fn opt_integer(
    site: &CallSite,
    args: &[Value],
    n: usize,
    default: i64,
) -> omnilua::Result<i64> {
    match args.get(n.wrapping_sub(1)) {
        None | Some(Value::Nil) => Ok(default),
        Some(value) => match to_number(value) {
            Some(x) => Ok(to_c_long(x)),
            None => Err(site.type_error(n, "number", Some(value))),
        },
    }
}

/// A double cast to a signed 64-bit C integer on x86-64 (`cvttsd2si`):
/// truncation toward zero, and INT64_MIN for NaN and for anything out of
/// range, where C leaves the result undefined.
pub(super) fn to_c_long(x: f64) -> i64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_63..TWO_63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// A double cast to an unsigned 64-bit C integer as gcc compiles it for
/// x86-64: values from 2^63 up are shifted down by 2^63 first and the top
/// bit put back afterwards, everything else (NaN and negatives included)
/// goes through the signed conversion. So 2^64 and above give 0, NaN gives
/// 2^63, and -1 gives all ones.
fn to_c_ulong(x: f64) -> u64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if x >= TWO_63 {
        (to_c_long(x - TWO_63) as u64) ^ (1 << 63)
    } else {
        to_c_long(x) as u64
    }
}

/// Put the real format byte where `BYTE_MARK` stands in the message of an
/// error built as text.
fn with_raw_byte(err: Error, byte: u8) -> Error {
    let Some(message) = err.as_lua_error().message_bytes() else {
        return err;
    };
    let mark = BYTE_MARK.as_bytes();
    let Some(at) = message.windows(mark.len()).rposition(|w| w == mark) else {
        return err;
    };
    let mut bytes = Vec::with_capacity(message.len());
    bytes.extend_from_slice(message.get(..at).unwrap_or_default());
    bytes.push(byte);
    bytes.extend_from_slice(message.get(at + mark.len()..).unwrap_or_default());
    Error::from(LuaError::RuntimeMsg(bytes.into_boxed_slice()))
}

// ---------------------------------------------------------------------------
// Reading a format.

/// Byte order and maximum alignment, which options change as they go.
struct Header {
    little: bool,
    align: u64,
}

impl Default for Header {
    fn default() -> Self {
        Header {
            little: true,
            align: 1,
        }
    }
}

/// The format string being read. It is a C string to the library, so it
/// ends at the first NUL whatever follows.
struct Format {
    bytes: Vec<u8>,
    at: usize,
}

impl Format {
    fn new(mut bytes: Vec<u8>) -> Format {
        if let Some(end) = bytes.iter().position(|&b| b == 0) {
            bytes.truncate(end);
        }
        Format { bytes, at: 0 }
    }

    fn next_option(&mut self) -> Option<u8> {
        let option = self.bytes.get(self.at).copied()?;
        self.at += 1;
        Some(option)
    }

    /// The number written after an option, or `default` when there is
    /// none. It must fit a C `int`.
    fn number(&mut self, site: &CallSite, default: i32) -> omnilua::Result<i32> {
        let mut value: i32 = match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_digit() => 0,
            _ => return Ok(default),
        };
        while let Some(&b) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            let digit = i32::from(b - b'0');
            if value > i32::MAX / 10 || value * 10 > i32::MAX - digit {
                return Err(site.error("integral size overflow"));
            }
            value = value * 10 + digit;
            self.at += 1;
        }
        Ok(value)
    }

    /// The size of the item an option stands for (reading the number after
    /// `c`, `i` and `I`); 0 for options without a fixed-size item. Sizes
    /// and positions are 64-bit, as `size_t` is in Redis, whatever the
    /// width of `usize` here (the wasm build's is 32 bits).
    fn item_size(&mut self, site: &CallSite, option: u8) -> omnilua::Result<u64> {
        Ok(match option {
            b'b' | b'B' => 1,
            b'h' | b'H' => 2,
            b'l' | b'L' | b'T' | b'd' => 8,
            b'f' => 4,
            b'x' => 1,
            b'c' => self.number(site, 1)? as u64,
            b'i' | b'I' => {
                let size = self.number(site, 4)?;
                if size > MAX_INT_SIZE {
                    return Err(site.error(format_args!(
                        "integral size {size} is larger than limit of {MAX_INT_SIZE}"
                    )));
                }
                size as u64
            }
            _ => 0,
        })
    }

    /// The options that only change the header (or do nothing); anything
    /// else reaching here is not an option at all.
    fn control(&mut self, site: &CallSite, option: u8, header: &mut Header) -> omnilua::Result<()> {
        match option {
            b' ' => {}
            b'>' => header.little = false,
            b'<' => header.little = true,
            b'!' => {
                let align = self.number(site, MAX_ALIGN)?;
                if align <= 0 || align & (align - 1) != 0 {
                    return Err(site.error(format_args!("alignment {align} is not a power of 2")));
                }
                header.align = align as u64;
            }
            _ => {
                let message = format!("invalid format option '{BYTE_MARK}'");
                return Err(with_raw_byte(site.arg_error(1, &message), option));
            }
        }
        Ok(())
    }
}

fn is_integer_option(option: u8) -> bool {
    matches!(
        option,
        b'b' | b'B' | b'h' | b'H' | b'l' | b'L' | b'T' | b'i' | b'I'
    )
}

/// Zero bytes needed before an item of `size` at offset `len`: items align
/// to their own size, capped by the header's alignment; strings never
/// align. The arithmetic is the C library's, which for sizes that are not
/// powers of two (`i3`, say) gives odd but reproducible paddings.
fn padding(len: u64, header: &Header, option: u8, size: u64) -> u64 {
    if size == 0 || option == b'c' {
        return 0;
    }
    let size = size.min(header.align);
    let mask = size.wrapping_sub(1);
    size.wrapping_sub(len & mask) & mask
}

// ---------------------------------------------------------------------------
// struct.pack

fn pack(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    let mut format = Format::new(check_string(site, args, 1)?);
    // The C function pushes a nil right after its arguments before it
    // reads them, so the first missing one is reported as nil, not as
    // "no value" (it never reads further than that).
    let mut args = args.to_vec();
    args.push(Value::Nil);
    let args = args.as_slice();
    let mut header = Header::default();
    let mut arg = 2;
    let mut total: u64 = 0;
    let mut out = Vec::new();
    while let Some(option) = format.next_option() {
        let mut size = format.item_size(site, option)?;
        let pad = padding(total, &header, option, size);
        total = total.wrapping_add(pad);
        // At most 31 zero bytes: the alignment is capped by the item size.
        out.extend((0..pad).map(|_| 0u8));
        match option {
            _ if is_integer_option(option) => {
                let n = check_number(site, args, arg)?;
                arg += 1;
                put_integer(&mut out, n, header.little, size);
            }
            b'x' => out.push(0),
            b'f' => {
                let n = check_number(site, args, arg)? as f32;
                arg += 1;
                out.extend_from_slice(&if header.little {
                    n.to_le_bytes()
                } else {
                    n.to_be_bytes()
                });
            }
            b'd' => {
                let n = check_number(site, args, arg)?;
                arg += 1;
                out.extend_from_slice(&if header.little {
                    n.to_le_bytes()
                } else {
                    n.to_be_bytes()
                });
            }
            b'c' | b's' => {
                let text = check_string(site, args, arg)?;
                arg += 1;
                if size == 0 {
                    size = text.len() as u64;
                }
                // The library has already moved on to the next argument
                // when it checks, so the error names that one.
                let part = usize::try_from(size).ok().and_then(|n| text.get(..n));
                let Some(part) = part else {
                    return Err(site.arg_error(arg, "string too short"));
                };
                out.extend_from_slice(part);
                if option == b's' {
                    out.push(0);
                    size += 1;
                }
            }
            _ => format.control(site, option, &mut header)?,
        }
        total = total.wrapping_add(size);
    }
    Ok(Variadic::from(vec![Value::String(
        lua.create_string(&out)?,
    )]))
}

/// An integer item: the number as a 64-bit value (negative numbers through
/// the signed conversion, others through the unsigned one), its low bytes
/// in the chosen order, zeros beyond the eighth byte.
fn put_integer(out: &mut Vec<u8>, n: f64, little: bool, size: u64) {
    let value = if n < 0.0 {
        to_c_long(n) as u64
    } else {
        to_c_ulong(n)
    };
    let low_first = value.to_le_bytes();
    let start = out.len();
    out.extend((0..size).map(|i| low_first.get(i as usize).copied().unwrap_or(0)));
    if !little {
        if let Some(item) = out.get_mut(start..) {
            item.reverse();
        }
    }
}

// ---------------------------------------------------------------------------
// struct.unpack

fn unpack(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    let mut format = Format::new(check_string(site, args, 1)?);
    let data = check_string(site, args, 2)?;
    // An offset below 1 wraps around as a `size_t`; only 0 is refused
    // here, the rest fail the length check.
    let start = opt_integer(site, args, 3, 1)? as u64;
    if start == 0 {
        return Err(site.arg_error(3, "offset must be 1 or greater"));
    }
    let mut pos = start - 1;
    let mut header = Header::default();
    let mut results: Vec<Value> = Vec::new();
    while let Some(option) = format.next_option() {
        let mut size = format.item_size(site, option)?;
        pos = pos.wrapping_add(padding(pos, &header, option, size));
        let mut item = slice(&data, pos, size).ok_or_else(|| data_too_short(site))?;
        if args.len() + results.len() + 2 > LUA_C_STACK {
            return Err(site.error("stack overflow (too many results)"));
        }
        match option {
            _ if is_integer_option(option) => {
                let signed = option.is_ascii_lowercase();
                let n = get_integer(item, header.little, signed);
                results.push(Value::Number(n));
            }
            b'x' => {}
            b'f' => {
                let mut bytes = [0u8; 4];
                bytes.copy_from_slice(item.get(..4).unwrap_or(&[0; 4]));
                let f = if header.little {
                    f32::from_le_bytes(bytes)
                } else {
                    f32::from_be_bytes(bytes)
                };
                results.push(Value::Number(f64::from(f)));
            }
            b'd' => {
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(item.get(..8).unwrap_or(&[0; 8]));
                let d = if header.little {
                    f64::from_le_bytes(bytes)
                } else {
                    f64::from_be_bytes(bytes)
                };
                results.push(Value::Number(d));
            }
            b'c' => {
                if size == 0 {
                    // `c0` takes its length from the result just before it
                    // (a number, or a string that reads as one), which it
                    // then replaces.
                    let previous = results.last().and_then(to_number);
                    let Some(length) = previous else {
                        return Err(site.error("format 'c0' needs a previous size"));
                    };
                    size = to_c_ulong(length);
                    results.pop();
                    item = slice(&data, pos, size).ok_or_else(|| data_too_short(site))?;
                }
                results.push(Value::String(lua.create_string(item)?));
            }
            b's' => {
                // `pos` is within the data: the check above passed for size 0.
                let rest = data.get(pos as usize..).unwrap_or_default();
                let Some(end) = rest.iter().position(|&b| b == 0) else {
                    return Err(site.error("unfinished string in data"));
                };
                let text = rest.get(..end).unwrap_or_default();
                results.push(Value::String(lua.create_string(text)?));
                size = end as u64 + 1;
            }
            _ => format.control(site, option, &mut header)?,
        }
        pos = pos.wrapping_add(size);
    }
    results.push(Value::Number(pos.wrapping_add(1) as i64 as f64));
    Ok(Variadic::from(results))
}

/// The item's bytes, checked the way the library checks (no sum that
/// could wrap), so a position that wrapped around fails instead of
/// reading somewhere else.
fn slice(data: &[u8], pos: u64, size: u64) -> Option<&[u8]> {
    let len = data.len() as u64;
    if size > len || pos > len - size {
        return None;
    }
    data.get(pos as usize..(pos + size) as usize)
}

fn data_too_short(site: &CallSite) -> Error {
    site.arg_error(2, "data string too short")
}

/// An integer item read into 64 bits, most significant byte first, so
/// only the last 8 bytes of a wider item survive. The sign extension
/// shifts all ones left by `size * 8 - 1`, a count x86 takes modulo 64:
/// for 16 bytes that is bit 63, for 9 bytes bit 7 (any of bits 7..63 set
/// then reads as negative), for a 0-byte item bit 63 of nothing.
fn get_integer(item: &[u8], little: bool, signed: bool) -> f64 {
    let fold = |value: u64, b: &u8| (value << 8) | u64::from(*b);
    let value = if little {
        item.iter().rev().fold(0, fold)
    } else {
        item.iter().fold(0, fold)
    };
    if !signed {
        return value as f64;
    }
    let shift = (item.len() as u32).wrapping_mul(8).wrapping_sub(1) & 63;
    let mask = u64::MAX << shift;
    let value = if value & mask != 0 {
        value | mask
    } else {
        value
    };
    value as i64 as f64
}

// ---------------------------------------------------------------------------
// struct.size

fn size(_: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    let mut format = Format::new(check_string(site, args, 1)?);
    let mut header = Header::default();
    let mut pos: u64 = 0;
    while let Some(option) = format.next_option() {
        let size = format.item_size(site, option)?;
        pos = pos.wrapping_add(padding(pos, &header, option, size));
        if option == b's' {
            return Err(site.arg_error(1, "option 's' has no fixed size"));
        }
        if option == b'c' && size == 0 {
            return Err(site.arg_error(1, "option 'c0' has no fixed size"));
        }
        // Letters and digits it does not know are let through as size 0;
        // only other bytes get the invalid-option error.
        if !option.is_ascii_alphanumeric() {
            format.control(site, option, &mut header)?;
        }
        pos = pos.wrapping_add(size);
    }
    Ok(Variadic::from(vec![Value::Number(pos as i64 as f64)]))
}

// ---------------------------------------------------------------------------
// Tests

#[cfg(test)]
mod tests;
