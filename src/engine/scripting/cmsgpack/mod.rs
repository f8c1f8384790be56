//! `cmsgpack`, the MessagePack library Redis 7.0 gives scripts
//! (lua-cmsgpack 0.4.0).
//!
//! Packed bytes get stored and compared, so encoding follows lua-cmsgpack
//! choice for choice: a number that survives a round trip through a 64-bit
//! integer is written as the smallest integer form, any other as a 32-bit
//! float when that loses nothing, else as a double; a table is an array
//! only when its keys are exactly 1..n (n within a C `int`), otherwise a
//! map; tables nested 16 deep are written as nil, which is also how it
//! survives cycles; functions and other unencodable values become nil.
//! Decoding knows the types lua-cmsgpack knows (no bin or ext types), reads
//! uint 64 through a signed integer as it does, and raises Lua's own
//! "table index is nil/NaN" errors for such map keys.
//!
//! lua-cmsgpack keeps every value it is working on on the Lua stack and
//! asks for room as it goes, so the only bound on results, arguments and
//! decoding depth is Lua 5.1's C stack limit; we count the same slots to
//! fail where it fails with its messages, and walk nested data with an
//! explicit stack, since that bound allows thousands of levels.
//!
//! Argument checks and error positions come from `cjson`'s stand-ins for
//! the Lua C API; string coercion and integer arguments from `structlib`.

use std::collections::BTreeMap;
use std::rc::Rc;

use omnilua::{Error, Lua, LuaError, Table, Value, Variadic};

use super::cjson::CallSite;
use super::structlib::{check_string, opt_integer, to_c_long};

/// Called once per VM, before the sandbox hides `debug`: the error texts
/// need the caller's name and position, which only `debug.getinfo` can
/// give a Rust function, so it is captured here.
pub(crate) fn install(lua: &Lua) -> omnilua::Result<Table> {
    let functions: &[(&str, Op)] = &[
        ("pack", pack),
        ("unpack", unpack),
        ("unpack_one", unpack_one),
        ("unpack_limit", unpack_limit),
    ];
    let table = super::cjson::library(lua, functions)?;
    table.raw_set("_NAME", "cmsgpack")?;
    table.raw_set("_VERSION", "lua-cmsgpack 0.4.0")?;
    table.raw_set("_COPYRIGHT", "Copyright (C) 2012, Salvatore Sanfilippo")?;
    table.raw_set("_DESCRIPTION", "MessagePack C implementation for Lua")?;
    Ok(table)
}

type Op = fn(&Lua, &CallSite, &[Value]) -> omnilua::Result<Variadic<Value>>;

/// Lua 5.1's LUAI_MAXCSTACK: the stack slots a C function may fill.
const LUA_C_STACK: usize = 8000;

/// Tables this deep are written as nil.
const MAX_NESTING: usize = 16;

/// A cap on `cmsgpack.pack`'s output. lua-cmsgpack has none: a table that
/// holds itself a few times over is written out to depth 16, which is
/// more than any memory, and Redis is stuck in C until it dies. We stop
/// with Lua's out-of-memory text instead, at the VM's heap limit, since
/// the result has to fit there (as `cjson.encode` does).
const PACK_LIMIT: usize = super::DEFAULT_MEMORY_LIMIT;

/// `luaL_checkstack`: fail, as Lua does, when `needed` more slots on top of
/// `used` would pass the C stack limit.
fn check_stack(site: &CallSite, used: usize, needed: usize, what: &str) -> omnilua::Result<()> {
    if used + needed > LUA_C_STACK {
        return Err(site.error(format_args!("stack overflow ({what})")));
    }
    Ok(())
}

/// `luaL_checkinteger`: a number truncated the C way, or a type error.
fn check_integer(site: &CallSite, args: &[Value], n: usize) -> omnilua::Result<i64> {
    match args.get(n.wrapping_sub(1)) {
        None | Some(Value::Nil) => Err(site.type_error(n, "number", args.get(n.wrapping_sub(1)))),
        Some(_) => opt_integer(site, args, n, 0),
    }
}

// ---------------------------------------------------------------------------
// Packing.

/// `cmsgpack.pack(...)`: every argument encoded in turn, the results
/// concatenated.
fn pack(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    let count = args.len();
    if count == 0 {
        return Err(site.arg_error(0, "MessagePack pack needs input."));
    }
    // It asks for as many free slots as there are arguments.
    if count * 2 > LUA_C_STACK {
        return Err(site.arg_error(0, "Too many arguments for MessagePack pack."));
    }
    let mut packer = Packer {
        site,
        out: Vec::new(),
        layouts: BTreeMap::new(),
    };
    for (i, value) in args.iter().enumerate() {
        // On the stack: the arguments, the strings packed so far, and the
        // copy of this argument being packed.
        let used = count + i;
        check_stack(site, used, 1, "in function mp_check")?;
        let entry = entry(value)?;
        packer.entry(&entry, 0, used + 1)?;
    }
    Ok(Variadic::from(vec![Value::String(
        lua.create_string(&packer.out)?,
    )]))
}

/// A value ready to write: anything but a table is encoded once, the same
/// at any depth; a table is written according to its depth.
enum Entry {
    Bytes(Vec<u8>),
    Table(Table),
}

fn entry(value: &Value) -> omnilua::Result<Entry> {
    let mut out = Vec::new();
    match value {
        Value::Table(table) => return Ok(Entry::Table(table.clone())),
        Value::String(s) => put_string(&mut out, &s.as_bytes()?),
        Value::Boolean(b) => out.push(if *b { 0xc3 } else { 0xc2 }),
        Value::Number(n) => put_number(&mut out, *n),
        Value::Integer(n) => put_number(&mut out, *n as f64),
        _ => out.push(0xc0),
    }
    Ok(Entry::Bytes(out))
}

/// A table's elements in index order, or its pairs in the VM's order.
enum Layout {
    Array(Vec<Entry>),
    Map(Vec<(Entry, Entry)>),
}

struct Packer<'a> {
    site: &'a CallSite,
    out: Vec<u8>,
    /// Each table's layout, worked out once per call: no Lua code runs
    /// while packing, so a table cannot change, and a table that holds
    /// itself is met again at every level of its cycle.
    layouts: BTreeMap<usize, Rc<Layout>>,
}

impl Packer<'_> {
    /// Write `entry`, found `level` tables deep, while lua-cmsgpack would
    /// have `used` stack slots filled (the value on top). Recursion is
    /// bounded: tables at `MAX_NESTING` are written as nil, not entered.
    fn entry(&mut self, entry: &Entry, level: usize, used: usize) -> omnilua::Result<()> {
        match entry {
            Entry::Bytes(bytes) => self.put(bytes),
            Entry::Table(table) if level < MAX_NESTING => self.table(table, level, used),
            Entry::Table(_) => self.put(&[0xc0]),
        }
    }

    fn table(&mut self, table: &Table, level: usize, used: usize) -> omnilua::Result<()> {
        check_stack(self.site, used, 2, "in function table_is_an_array")?;
        let layout = self.layout(table)?;
        match &*layout {
            Layout::Array(items) => {
                self.header(items.len(), 0x90, 0xdc, 0xdd)?;
                check_stack(
                    self.site,
                    used,
                    1,
                    "in function mp_encode_lua_table_as_array",
                )?;
                for item in items {
                    self.entry(item, level + 1, used + 1)?;
                }
            }
            Layout::Map(pairs) => {
                check_stack(self.site, used, 3, "in function mp_encode_lua_table_as_map")?;
                self.header(pairs.len(), 0x80, 0xde, 0xdf)?;
                for (key, item) in pairs {
                    // On the stack: key, value, and a copy of the key.
                    self.entry(key, level + 1, used + 3)?;
                    self.entry(item, level + 1, used + 2)?;
                }
            }
        }
        Ok(())
    }

    fn layout(&mut self, table: &Table) -> omnilua::Result<Rc<Layout>> {
        let id = table.to_pointer()?;
        if let Some(layout) = self.layouts.get(&id) {
            return Ok(Rc::clone(layout));
        }
        let pairs = table.raw_pairs()?;
        let layout = Rc::new(match array_length(&pairs) {
            Some(len) => {
                // The keys are exactly 1..=len, so the walk already holds
                // every element; put them in index order.
                let mut items: Vec<Entry> = (0..len).map(|_| Entry::Bytes(vec![0xc0])).collect();
                for (key, item) in &pairs {
                    let index = match key {
                        Value::Number(n) => *n as usize,
                        Value::Integer(n) => *n as usize,
                        _ => 0,
                    };
                    if let Some(slot) = index.checked_sub(1).and_then(|i| items.get_mut(i)) {
                        *slot = entry(item)?;
                    }
                }
                Layout::Array(items)
            }
            None => Layout::Map(
                pairs
                    .iter()
                    .map(|(key, item)| Ok((entry(key)?, entry(item)?)))
                    .collect::<omnilua::Result<_>>()?,
            ),
        });
        self.layouts.insert(id, Rc::clone(&layout));
        Ok(layout)
    }

    /// Array and map headers share their size classes (fix up to 15, then
    /// 16 and 32 bits); only the type bytes differ.
    fn header(&mut self, count: usize, fix: u8, tag16: u8, tag32: u8) -> omnilua::Result<()> {
        let mut bytes = Vec::with_capacity(5);
        if count <= 15 {
            bytes.push(fix | count as u8);
        } else if count <= 0xffff {
            bytes.push(tag16);
            bytes.extend_from_slice(&(count as u16).to_be_bytes());
        } else {
            bytes.push(tag32);
            bytes.extend_from_slice(&(count as u32).to_be_bytes());
        }
        self.put(&bytes)
    }

    fn put(&mut self, bytes: &[u8]) -> omnilua::Result<()> {
        if bytes.len() > PACK_LIMIT.saturating_sub(self.out.len())
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

/// A number that survives a round trip through a 64-bit integer is an
/// integer; otherwise a float if that loses nothing, else a double.
fn put_number(out: &mut Vec<u8>, n: f64) {
    let whole = to_c_long(n);
    if !n.is_infinite() && whole as f64 == n {
        put_integer(out, whole);
        return;
    }
    let single = n as f32;
    if f64::from(single) == n {
        out.push(0xca);
        out.extend_from_slice(&single.to_be_bytes());
    } else {
        out.push(0xcb);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

/// The smallest form that holds `n`, fixints included.
fn put_integer(out: &mut Vec<u8>, n: i64) {
    let (tag, width): (Option<u8>, usize) = match n {
        -32..=0x7f => (None, 1),
        0x80..=0xff => (Some(0xcc), 1),
        0x100..=0xffff => (Some(0xcd), 2),
        0x1_0000..=0xffff_ffff => (Some(0xce), 4),
        0x1_0000_0000.. => (Some(0xcf), 8),
        -128..=-33 => (Some(0xd0), 1),
        -32768..=-129 => (Some(0xd1), 2),
        -2_147_483_648..=-32769 => (Some(0xd2), 4),
        _ => (Some(0xd3), 8),
    };
    out.extend(tag);
    out.extend_from_slice(n.to_be_bytes().get(8 - width..).unwrap_or_default());
}

/// A string with the smallest length header (fixstr, str 8, 16, 32).
fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    let len = bytes.len();
    if len < 32 {
        out.push(0xa0 | len as u8);
    } else if len <= 0xff {
        out.extend_from_slice(&[0xd9, len as u8]);
    } else if len <= 0xffff {
        out.push(0xda);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(0xdb);
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
    out.extend_from_slice(bytes);
}

/// lua-cmsgpack's array test: every key a number that is a whole number
/// from 1 to INT_MAX, and the largest equal to the count, so the keys are
/// exactly 1..n. The answer is n, or None for a map.
fn array_length(pairs: &[(Value, Value)]) -> Option<usize> {
    let mut largest: i64 = 0;
    let mut count: i64 = 0;
    for (key, _) in pairs {
        let n = match key {
            Value::Number(n) => *n,
            Value::Integer(n) => *n as f64,
            _ => return None,
        };
        if !(n > 0.0 && n < 2_147_483_648.0 && n.fract() == 0.0) {
            return None;
        }
        largest = largest.max(n as i64);
        count += 1;
    }
    (largest == count).then_some(count as usize)
}

// ---------------------------------------------------------------------------
// Unpacking.

/// `cmsgpack.unpack(s)`: every value in `s`.
fn unpack(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    // Extra arguments stay on the stack here, taking room from results.
    unpack_full(lua, site, args, 0, 0, args.len())
}

/// `cmsgpack.unpack_one(s [, offset])`: the next offset and one value.
fn unpack_one(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    let offset = opt_integer(site, args, 2, 0)?;
    unpack_full(lua, site, args, 1, offset, 1)
}

/// `cmsgpack.unpack_limit(s, limit [, offset])`: the next offset and up to
/// `limit` values.
fn unpack_limit(lua: &Lua, site: &CallSite, args: &[Value]) -> omnilua::Result<Variadic<Value>> {
    let limit = check_integer(site, args, 2)?;
    let offset = opt_integer(site, args, 3, 0)?;
    unpack_full(lua, site, args, limit, offset, 1)
}

/// The shared decoder. A limit and an offset of 0 mean "everything, and no
/// offset in the results" (so `unpack_limit(s, 0)` decodes it all);
/// otherwise the results start with the offset to continue from, -1 once
/// the input is used up. `stacked` is how many arguments are still on the
/// Lua stack.
fn unpack_full(
    lua: &Lua,
    site: &CallSite,
    args: &[Value],
    limit: i64,
    offset: i64,
    stacked: usize,
) -> omnilua::Result<Variadic<Value>> {
    let data = check_string(site, args, 1)?;
    let len = data.len();
    // Both messages print C `int`s, and the first shows the length where
    // it says limit; lua-cmsgpack's own slip, kept.
    if offset < 0 || limit < 0 {
        return Err(site.error(format_args!(
            "Invalid request to unpack with offset of {} and limit of {}.",
            offset as i32, len as i32
        )));
    }
    if offset as u64 > len as u64 {
        return Err(site.error(format_args!(
            "Start offset {} greater than input length {}.",
            offset as i32, len as i32
        )));
    }
    let decode_all = limit == 0 && offset == 0;
    let limit = if decode_all {
        i64::from(i32::MAX)
    } else {
        limit
    };
    let mut reader = Reader {
        lua,
        site,
        data: &data,
        pos: offset as usize,
    };
    let mut results: Vec<Value> = Vec::new();
    while reader.pos < len && (results.len() as i64) < limit {
        let used = stacked + results.len();
        match reader.value(used) {
            Ok(value) => results.push(value),
            Err(Failure::Eof) => return Err(site.error("Missing bytes in input.")),
            Err(Failure::BadFormat) => return Err(site.error("Bad data format in input.")),
            Err(Failure::Lua(err)) => return Err(err),
        }
    }
    if !decode_all {
        check_stack(
            site,
            stacked + results.len(),
            1,
            "in function mp_unpack_full",
        )?;
        let next = if reader.pos >= len {
            -1.0
        } else {
            reader.pos as f64
        };
        results.insert(0, Value::Number(next));
    }
    Ok(Variadic::from(results))
}

/// Why decoding stopped.
enum Failure {
    /// The data ended inside a value.
    Eof,
    /// A type byte lua-cmsgpack does not know.
    BadFormat,
    /// A Lua error raised on the spot (stack overflow, bad table key).
    Lua(Error),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        Failure::Lua(err)
    }
}

/// A table being filled, with the elements (or pairs) still to come.
enum Filling {
    Array {
        table: Table,
        left: u64,
        next: f64,
    },
    Map {
        table: Table,
        left: u64,
        key: Option<Value>,
    },
}

/// What the next bytes start: a whole value, or a table to fill.
enum Start {
    Value(Value),
    Table(Filling),
}

struct Reader<'a> {
    lua: &'a Lua,
    site: &'a CallSite,
    data: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    /// Running out of data is its own error ("Missing bytes"), distinct
    /// from a bad type byte, so every read goes through here.
    fn need(&self, n: usize) -> Result<&[u8], Failure> {
        let end = self.pos.checked_add(n).ok_or(Failure::Eof)?;
        self.data.get(self.pos..end).ok_or(Failure::Eof)
    }

    /// The `n` bytes after the type byte as a big-endian number; the type
    /// byte decides how they are read (signed, float, length).
    fn number_after_tag(&self, n: usize) -> Result<u64, Failure> {
        let bytes = self.need(1 + n)?;
        Ok(bytes
            .iter()
            .skip(1)
            .fold(0u64, |value, &b| (value << 8) | u64::from(b)))
    }

    fn string(&mut self, skip: usize, len: usize) -> Result<Value, Failure> {
        self.pos += skip;
        let bytes = self.need(len)?;
        let value = Value::String(self.lua.create_string(bytes)?);
        self.pos += len;
        Ok(value)
    }

    /// One complete value, tables filled, with `used` stack slots taken
    /// before it. Each table open adds its slots to `used` while it fills:
    /// the table and the index for an array element, the table for a map
    /// key, and the table and key for a map value.
    fn value(&mut self, used: usize) -> Result<Value, Failure> {
        let mut open: Vec<Filling> = Vec::new();
        let mut used = used;
        loop {
            let mut value = match self.start(used)? {
                Start::Value(value) => value,
                Start::Table(filling) => {
                    if let Filling::Array { .. } = filling {
                        check_stack(self.site, used + 1, 1, "in function mp_decode_to_lua_array")?;
                    }
                    used += 1;
                    open.push(filling);
                    match self.next_child(&mut open, &mut used)? {
                        Some(done) => done,
                        None => continue,
                    }
                }
            };
            // Hand finished values up until one starts another child.
            loop {
                let Some(filling) = open.last_mut() else {
                    return Ok(value);
                };
                match filling {
                    Filling::Array { table, next, .. } => {
                        table.raw_set(*next, value)?;
                        *next += 1.0;
                        used -= 1;
                    }
                    Filling::Map {
                        key: key @ None, ..
                    } => {
                        *key = Some(value);
                        used += 1;
                        break;
                    }
                    Filling::Map { table, key, .. } => {
                        let key = key.take().unwrap_or(Value::Nil);
                        set_field(table, key, value)?;
                        used -= 1;
                    }
                }
                match self.next_child(&mut open, &mut used)? {
                    Some(done) => value = done,
                    None => break,
                }
            }
        }
    }

    /// After a table opens or takes a value: either set up its next child
    /// (None: decode it next), or close it and give it back as a value.
    fn next_child(
        &mut self,
        open: &mut Vec<Filling>,
        used: &mut usize,
    ) -> Result<Option<Value>, Failure> {
        let more = match open.last_mut() {
            Some(Filling::Array { left, .. }) | Some(Filling::Map { left, .. }) if *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        };
        if more {
            if let Some(Filling::Array { .. }) = open.last() {
                *used += 1;
            }
            return Ok(None);
        }
        match open.pop() {
            Some(Filling::Array { table, .. }) | Some(Filling::Map { table, .. }) => {
                // The table's own slot now counts as the value's.
                *used -= 1;
                Ok(Some(Value::Table(table)))
            }
            None => Ok(Some(Value::Nil)),
        }
    }

    /// A value from its type byte on, or the start of a table. The stack
    /// check comes after the end-of-data check and before anything else,
    /// which decides the error when both apply. Bin, ext and 0xc1 are not
    /// lua-cmsgpack types: a format error.
    fn start(&mut self, used: usize) -> Result<Start, Failure> {
        let tag = *self.need(1)?.first().ok_or(Failure::Eof)?;
        check_stack(
            self.site,
            used,
            1,
            "too many return values at once; use unpack_one or unpack_limit instead.",
        )?;
        let value = match tag {
            0xc0 => self.scalar(1, Value::Nil),
            0xc2 => self.scalar(1, Value::Boolean(false)),
            0xc3 => self.scalar(1, Value::Boolean(true)),
            0xcc => {
                let n = self.number_after_tag(1)?;
                self.scalar(2, Value::Number(n as f64))
            }
            0xcd => {
                let n = self.number_after_tag(2)?;
                self.scalar(3, Value::Number(n as f64))
            }
            0xce => {
                let n = self.number_after_tag(4)?;
                self.scalar(5, Value::Number(n as f64))
            }
            // Pushed as a signed 64-bit integer, so 2^63 and up wrap.
            0xcf => {
                let n = self.number_after_tag(8)?;
                self.scalar(9, Value::Number(n as i64 as f64))
            }
            0xd0 => {
                let n = self.number_after_tag(1)?;
                self.scalar(2, Value::Number(f64::from(n as u8 as i8)))
            }
            0xd1 => {
                let n = self.number_after_tag(2)?;
                self.scalar(3, Value::Number(f64::from(n as u16 as i16)))
            }
            0xd2 => {
                let n = self.number_after_tag(4)?;
                self.scalar(5, Value::Number(f64::from(n as u32 as i32)))
            }
            0xd3 => {
                let n = self.number_after_tag(8)?;
                self.scalar(9, Value::Number(n as i64 as f64))
            }
            0xca => {
                let n = self.number_after_tag(4)?;
                self.scalar(5, Value::Number(f64::from(f32::from_bits(n as u32))))
            }
            0xcb => {
                let n = self.number_after_tag(8)?;
                self.scalar(9, Value::Number(f64::from_bits(n)))
            }
            0xd9 => {
                let len = self.number_after_tag(1)? as usize;
                self.string(2, len)
            }
            0xda => {
                let len = self.number_after_tag(2)? as usize;
                self.string(3, len)
            }
            0xdb => {
                let len = self.number_after_tag(4)? as usize;
                self.string(5, len)
            }
            0xdc..=0xdf => {
                let width = if tag & 1 == 0 { 2 } else { 4 };
                let len = self.number_after_tag(width)?;
                self.pos += 1 + width;
                return self.open(tag >= 0xde, len);
            }
            0x00..=0x7f => self.scalar(1, Value::Number(f64::from(tag))),
            0xe0..=0xff => self.scalar(1, Value::Number(f64::from(tag as i8))),
            0xa0..=0xbf => self.string(1, usize::from(tag & 0x1f)),
            0x90..=0x9f => {
                self.pos += 1;
                return self.open(false, u64::from(tag & 0x0f));
            }
            0x80..=0x8f => {
                self.pos += 1;
                return self.open(true, u64::from(tag & 0x0f));
            }
            _ => Err(Failure::BadFormat),
        }?;
        Ok(Start::Value(value))
    }

    fn scalar(&mut self, width: usize, value: Value) -> Result<Value, Failure> {
        self.pos += width;
        Ok(value)
    }

    fn open(&mut self, map: bool, left: u64) -> Result<Start, Failure> {
        let table = self.lua.create_table()?;
        Ok(Start::Table(if map {
            Filling::Map {
                table,
                left,
                key: None,
            }
        } else {
            Filling::Array {
                table,
                left,
                next: 1.0,
            }
        }))
    }
}

/// `lua_settable` on a fresh table: Lua refuses nil and NaN keys, with no
/// position in the message since the running function is a C one.
fn set_field(table: &Table, key: Value, value: Value) -> Result<(), Failure> {
    let refuse = |what: &str| {
        Failure::Lua(Error::from(LuaError::runtime(format_args!(
            "table index is {what}"
        ))))
    };
    match key {
        Value::Nil => Err(refuse("nil")),
        Value::Number(n) if n.is_nan() => Err(refuse("NaN")),
        key => Ok(table.raw_set(key, value)?),
    }
}

// ---------------------------------------------------------------------------
// Tests

#[cfg(test)]
mod tests;
