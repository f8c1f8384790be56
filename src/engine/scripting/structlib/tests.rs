//! structlib as redis-server 7.0.15 showed it: the expected values were
//! recorded from the real server.
use super::*;

/// The Lua run around each case: it calls the case inside `pcall` and
/// prints the outcome canonically (tables with sorted keys, bytes and
/// error texts escaped, numbers exactly). The expected outputs below
/// are what this same text printed under EVAL on redis-server 7.0.15,
/// so a case sits on line 22 of `@user_script` there and here, and
/// error positions line up.
const BEFORE: &str = r#"local function esc(s) return (string.gsub(s, '.', function(c) local b = string.byte(c) if b < 32 or b > 126 or c == '"' or c == '\\' then return string.format('\\x%02x', b) end end)) end
local function hex(s) return (string.gsub(s, '.', function(c) return string.format('%02x', string.byte(c)) end)) end
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
  elseif t == 'boolean' then return tostring(v)
  else return t end
end
local function all(...) return {n = select('#', ...), ...} end
local ok, r = pcall(function()"#;
const AFTER: &str = r#"end)
if ok then return dump(r) else return 'E:' .. esc(tostring(r)) end"#;

fn vm() -> Lua {
    super::super::recorded::vm("struct", install)
}

fn check(cases: &[(&str, &str)]) {
    super::super::recorded::check(&vm(), BEFORE, AFTER, cases);
}

#[test]
fn every_integer_and_float_format_matches_redis() {
    check(FORMATS);
}

#[test]
fn strings_alignment_offsets_and_errors_match_redis() {
    check(CASES);
}

#[test]
fn scripted_round_trips_match_redis() {
    check(ROUND_TRIPS);
}

#[test]
fn random_formats_match_redis() {
    check(RANDOM);
}

#[test]
fn c_conversions_match_x86() {
    let longs: &[(f64, i64)] = &[
        (0.0, 0),
        (-0.5, 0),
        (2.9, 2),
        (-2.9, -2),
        (9_223_372_036_854_774_784.0, 9_223_372_036_854_774_784),
        (9_223_372_036_854_775_808.0, i64::MIN),
        (-9_223_372_036_854_775_808.0, i64::MIN),
        (-1e300, i64::MIN),
        (f64::NAN, i64::MIN),
        (f64::INFINITY, i64::MIN),
    ];
    for (x, want) in longs {
        assert_eq!(to_c_long(*x), *want, "long {x:e}");
    }
    let ulongs: &[(f64, u64)] = &[
        (1.5, 1),
        (-1.0, u64::MAX),
        (9_223_372_036_854_775_808.0, 1 << 63),
        (18_446_744_073_709_549_568.0, 18_446_744_073_709_549_568),
        (18_446_744_073_709_551_616.0, 0),
        (1e30, 0),
        (f64::INFINITY, 0),
        (f64::NAN, 1 << 63),
    ];
    for (x, want) in ulongs {
        assert_eq!(to_c_ulong(*x), *want, "ulong {x:e}");
    }
    let texts: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "-0"),
        (1.5, "1.5"),
        (100.0, "100"),
        (1e14, "1e+14"),
        (99_999_999_999_999.0, "99999999999999"),
        (123_456_789_012_345.0, "1.2345678901234e+14"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (0.1 + 0.2, "0.3"),
        (1e100, "1e+100"),
        (-1.0 / 3.0, "-0.33333333333333"),
        (5e-324, "4.9406564584125e-324"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (-f64::NAN, "-nan"),
    ];
    for (x, want) in texts {
        assert_eq!(
            super::super::convert::lua_number_text(*x),
            *want,
            "text {x:e}"
        );
    }
}

/// A small deterministic generator, so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn bytes(&mut self, max: u64) -> Vec<u8> {
        (0..self.below(max + 1))
            .map(|_| self.next() as u8)
            .collect()
    }
}

/// Formats of every option, digit runs up to overflow, NULs and high
/// bytes, against short random data and arguments of every type,
/// calling the functions directly so a panic cannot be caught and
/// turned into a Lua error on the way.
#[test]
fn random_inputs_do_not_panic() {
    let lua = vm();
    let site = CallSite::capture(&lua);
    let pieces: &[&[u8]] = &[
        b"b",
        b"B",
        b"h",
        b"H",
        b"l",
        b"L",
        b"T",
        b"i",
        b"I",
        b"f",
        b"d",
        b"x",
        b"s",
        b"c",
        b"<",
        b">",
        b"!",
        b" ",
        b"0",
        b"3",
        b"8",
        b"9",
        b"16",
        b"32",
        b"33",
        b"2147483647",
        b"99999999999",
        b"\0",
        b"\xff",
        b"z",
        b"=",
    ];
    let numbers = [
        0.0,
        -1.0,
        0.5,
        1e300,
        -1e300,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        9_223_372_036_854_775_808.0,
        18_446_744_073_709_551_616.0,
        -9_223_372_036_854_775_808.0,
        2_147_483_648.0,
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let mut format = Vec::new();
        for _ in 0..rng.below(10) {
            let piece = pieces[rng.below(pieces.len() as u64) as usize];
            format.extend_from_slice(piece);
        }
        let mut args = vec![Value::String(lua.create_string(&format).expect("format"))];
        for _ in 0..rng.below(6) {
            args.push(match rng.below(5) {
                0 => Value::Number(numbers[rng.below(numbers.len() as u64) as usize]),
                1 => Value::Number(rng.next() as i64 as f64),
                2 => Value::String(lua.create_string(rng.bytes(12)).expect("string")),
                3 => Value::Nil,
                _ => Value::Boolean(true),
            });
        }
        let _ = pack(&lua, &site, &args);
        let _ = size(&lua, &site, &args[..1]);
        let mut unpack_args = vec![
            args[0].clone(),
            Value::String(lua.create_string(rng.bytes(40)).expect("data")),
        ];
        if rng.below(2) == 0 {
            unpack_args.push(Value::Number(
                numbers[rng.below(numbers.len() as u64) as usize],
            ));
        } else if rng.below(2) == 0 {
            unpack_args.push(Value::Number(rng.below(50) as f64 - 5.0));
        }
        let _ = unpack(&lua, &site, &unpack_args);
    }
}

/// Every integer and float option, each endianness, all the sizes
/// `i`/`I` take and the conversions at their edges.
const FORMATS: &[(&str, &str)] = &[
    (
        r##"return all(hex(struct.pack('<b', 0)), hex(struct.pack('<b', 1)), hex(struct.pack('<b', -1)), hex(struct.pack('<b', 127)), hex(struct.pack('<b', 128)), hex(struct.pack('<b', 255)), hex(struct.pack('<b', 256)), hex(struct.pack('<b', -128)), hex(struct.pack('<b', -129)), hex(struct.pack('<b', 32767)), hex(struct.pack('<b', 32768)), hex(struct.pack('<b', 65535)), hex(struct.pack('<b', 65536)), hex(struct.pack('<b', -32768)), hex(struct.pack('<b', -32769)), hex(struct.pack('<b', 2^31-1)), hex(struct.pack('<b', 2^31)), hex(struct.pack('<b', 2^32-1)), hex(struct.pack('<b', 2^32)), hex(struct.pack('<b', -2^31)), hex(struct.pack('<b', -2^31-1)), hex(struct.pack('<b', 2^53)), hex(struct.pack('<b', 2^53+1)))"##,
        r##"{"n"=23,10="ff",11="00",12="ff",13="00",14="00",15="ff",16="ff",17="00",18="ff",19="00",1="00",20="00",21="ff",22="00",23="00",2="01",3="ff",4="7f",5="80",6="ff",7="00",8="80",9="7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<b', 2^63)), hex(struct.pack('<b', 2^63+2^11)), hex(struct.pack('<b', 2^64)), hex(struct.pack('<b', 2^64+2^12)), hex(struct.pack('<b', -2^63)), hex(struct.pack('<b', -2^64)), hex(struct.pack('<b', 1e30)), hex(struct.pack('<b', -1e30)), hex(struct.pack('<b', 1.5)), hex(struct.pack('<b', -1.5)), hex(struct.pack('<b', 2.7)), hex(struct.pack('<b', -2.7)), hex(struct.pack('<b', 0.5)), hex(struct.pack('<b', -0.5)), hex(struct.pack('<b', 0/0)), hex(struct.pack('<b', -(0/0))), hex(struct.pack('<b', 1/0)), hex(struct.pack('<b', -1/0)), hex(struct.pack('<b', '12')), hex(struct.pack('<b', ' 0x10 ')), hex(struct.pack('<b', '-3')), hex(struct.pack('<b', '1e3')))"##,
        r##"{"n"=22,10="ff",11="02",12="fe",13="00",14="00",15="00",16="00",17="00",18="00",19="0c",1="00",20="10",21="fd",22="e8",2="00",3="00",4="00",5="00",6="00",7="00",8="00",9="01"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<B', 0)), hex(struct.pack('<B', 1)), hex(struct.pack('<B', -1)), hex(struct.pack('<B', 127)), hex(struct.pack('<B', 128)), hex(struct.pack('<B', 255)), hex(struct.pack('<B', 256)), hex(struct.pack('<B', -128)), hex(struct.pack('<B', -129)), hex(struct.pack('<B', 32767)), hex(struct.pack('<B', 32768)), hex(struct.pack('<B', 65535)), hex(struct.pack('<B', 65536)), hex(struct.pack('<B', -32768)), hex(struct.pack('<B', -32769)), hex(struct.pack('<B', 2^31-1)), hex(struct.pack('<B', 2^31)), hex(struct.pack('<B', 2^32-1)), hex(struct.pack('<B', 2^32)), hex(struct.pack('<B', -2^31)), hex(struct.pack('<B', -2^31-1)), hex(struct.pack('<B', 2^53)), hex(struct.pack('<B', 2^53+1)))"##,
        r##"{"n"=23,10="ff",11="00",12="ff",13="00",14="00",15="ff",16="ff",17="00",18="ff",19="00",1="00",20="00",21="ff",22="00",23="00",2="01",3="ff",4="7f",5="80",6="ff",7="00",8="80",9="7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<B', 2^63)), hex(struct.pack('<B', 2^63+2^11)), hex(struct.pack('<B', 2^64)), hex(struct.pack('<B', 2^64+2^12)), hex(struct.pack('<B', -2^63)), hex(struct.pack('<B', -2^64)), hex(struct.pack('<B', 1e30)), hex(struct.pack('<B', -1e30)), hex(struct.pack('<B', 1.5)), hex(struct.pack('<B', -1.5)), hex(struct.pack('<B', 2.7)), hex(struct.pack('<B', -2.7)), hex(struct.pack('<B', 0.5)), hex(struct.pack('<B', -0.5)), hex(struct.pack('<B', 0/0)), hex(struct.pack('<B', -(0/0))), hex(struct.pack('<B', 1/0)), hex(struct.pack('<B', -1/0)), hex(struct.pack('<B', '12')), hex(struct.pack('<B', ' 0x10 ')), hex(struct.pack('<B', '-3')), hex(struct.pack('<B', '1e3')))"##,
        r##"{"n"=22,10="ff",11="02",12="fe",13="00",14="00",15="00",16="00",17="00",18="00",19="0c",1="00",20="10",21="fd",22="e8",2="00",3="00",4="00",5="00",6="00",7="00",8="00",9="01"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<h', 0)), hex(struct.pack('<h', 1)), hex(struct.pack('<h', -1)), hex(struct.pack('<h', 127)), hex(struct.pack('<h', 128)), hex(struct.pack('<h', 255)), hex(struct.pack('<h', 256)), hex(struct.pack('<h', -128)), hex(struct.pack('<h', -129)), hex(struct.pack('<h', 32767)), hex(struct.pack('<h', 32768)), hex(struct.pack('<h', 65535)), hex(struct.pack('<h', 65536)), hex(struct.pack('<h', -32768)), hex(struct.pack('<h', -32769)), hex(struct.pack('<h', 2^31-1)), hex(struct.pack('<h', 2^31)), hex(struct.pack('<h', 2^32-1)), hex(struct.pack('<h', 2^32)), hex(struct.pack('<h', -2^31)), hex(struct.pack('<h', -2^31-1)), hex(struct.pack('<h', 2^53)), hex(struct.pack('<h', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f",11="0080",12="ffff",13="0000",14="0080",15="ff7f",16="ffff",17="0000",18="ffff",19="0000",1="0000",20="0000",21="ffff",22="0000",23="0000",2="0100",3="ffff",4="7f00",5="8000",6="ff00",7="0001",8="80ff",9="7fff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<h', 2^63)), hex(struct.pack('<h', 2^63+2^11)), hex(struct.pack('<h', 2^64)), hex(struct.pack('<h', 2^64+2^12)), hex(struct.pack('<h', -2^63)), hex(struct.pack('<h', -2^64)), hex(struct.pack('<h', 1e30)), hex(struct.pack('<h', -1e30)), hex(struct.pack('<h', 1.5)), hex(struct.pack('<h', -1.5)), hex(struct.pack('<h', 2.7)), hex(struct.pack('<h', -2.7)), hex(struct.pack('<h', 0.5)), hex(struct.pack('<h', -0.5)), hex(struct.pack('<h', 0/0)), hex(struct.pack('<h', -(0/0))), hex(struct.pack('<h', 1/0)), hex(struct.pack('<h', -1/0)), hex(struct.pack('<h', '12')), hex(struct.pack('<h', ' 0x10 ')), hex(struct.pack('<h', '-3')), hex(struct.pack('<h', '1e3')))"##,
        r##"{"n"=22,10="ffff",11="0200",12="feff",13="0000",14="0000",15="0000",16="0000",17="0000",18="0000",19="0c00",1="0000",20="1000",21="fdff",22="e803",2="0008",3="0000",4="0000",5="0000",6="0000",7="0000",8="0000",9="0100"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<H', 0)), hex(struct.pack('<H', 1)), hex(struct.pack('<H', -1)), hex(struct.pack('<H', 127)), hex(struct.pack('<H', 128)), hex(struct.pack('<H', 255)), hex(struct.pack('<H', 256)), hex(struct.pack('<H', -128)), hex(struct.pack('<H', -129)), hex(struct.pack('<H', 32767)), hex(struct.pack('<H', 32768)), hex(struct.pack('<H', 65535)), hex(struct.pack('<H', 65536)), hex(struct.pack('<H', -32768)), hex(struct.pack('<H', -32769)), hex(struct.pack('<H', 2^31-1)), hex(struct.pack('<H', 2^31)), hex(struct.pack('<H', 2^32-1)), hex(struct.pack('<H', 2^32)), hex(struct.pack('<H', -2^31)), hex(struct.pack('<H', -2^31-1)), hex(struct.pack('<H', 2^53)), hex(struct.pack('<H', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f",11="0080",12="ffff",13="0000",14="0080",15="ff7f",16="ffff",17="0000",18="ffff",19="0000",1="0000",20="0000",21="ffff",22="0000",23="0000",2="0100",3="ffff",4="7f00",5="8000",6="ff00",7="0001",8="80ff",9="7fff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<H', 2^63)), hex(struct.pack('<H', 2^63+2^11)), hex(struct.pack('<H', 2^64)), hex(struct.pack('<H', 2^64+2^12)), hex(struct.pack('<H', -2^63)), hex(struct.pack('<H', -2^64)), hex(struct.pack('<H', 1e30)), hex(struct.pack('<H', -1e30)), hex(struct.pack('<H', 1.5)), hex(struct.pack('<H', -1.5)), hex(struct.pack('<H', 2.7)), hex(struct.pack('<H', -2.7)), hex(struct.pack('<H', 0.5)), hex(struct.pack('<H', -0.5)), hex(struct.pack('<H', 0/0)), hex(struct.pack('<H', -(0/0))), hex(struct.pack('<H', 1/0)), hex(struct.pack('<H', -1/0)), hex(struct.pack('<H', '12')), hex(struct.pack('<H', ' 0x10 ')), hex(struct.pack('<H', '-3')), hex(struct.pack('<H', '1e3')))"##,
        r##"{"n"=22,10="ffff",11="0200",12="feff",13="0000",14="0000",15="0000",16="0000",17="0000",18="0000",19="0c00",1="0000",20="1000",21="fdff",22="e803",2="0008",3="0000",4="0000",5="0000",6="0000",7="0000",8="0000",9="0100"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<l', 0)), hex(struct.pack('<l', 1)), hex(struct.pack('<l', -1)), hex(struct.pack('<l', 127)), hex(struct.pack('<l', 128)), hex(struct.pack('<l', 255)), hex(struct.pack('<l', 256)), hex(struct.pack('<l', -128)), hex(struct.pack('<l', -129)), hex(struct.pack('<l', 32767)), hex(struct.pack('<l', 32768)), hex(struct.pack('<l', 65535)), hex(struct.pack('<l', 65536)), hex(struct.pack('<l', -32768)), hex(struct.pack('<l', -32769)), hex(struct.pack('<l', 2^31-1)), hex(struct.pack('<l', 2^31)), hex(struct.pack('<l', 2^32-1)), hex(struct.pack('<l', 2^32)), hex(struct.pack('<l', -2^31)), hex(struct.pack('<l', -2^31-1)), hex(struct.pack('<l', 2^53)), hex(struct.pack('<l', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f000000000000",11="0080000000000000",12="ffff000000000000",13="0000010000000000",14="0080ffffffffffff",15="ff7fffffffffffff",16="ffffff7f00000000",17="0000008000000000",18="ffffffff00000000",19="0000000001000000",1="0000000000000000",20="00000080ffffffff",21="ffffff7fffffffff",22="0000000000002000",23="0000000000002000",2="0100000000000000",3="ffffffffffffffff",4="7f00000000000000",5="8000000000000000",6="ff00000000000000",7="0001000000000000",8="80ffffffffffffff",9="7fffffffffffffff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<l', 2^63)), hex(struct.pack('<l', 2^63+2^11)), hex(struct.pack('<l', 2^64)), hex(struct.pack('<l', 2^64+2^12)), hex(struct.pack('<l', -2^63)), hex(struct.pack('<l', -2^64)), hex(struct.pack('<l', 1e30)), hex(struct.pack('<l', -1e30)), hex(struct.pack('<l', 1.5)), hex(struct.pack('<l', -1.5)), hex(struct.pack('<l', 2.7)), hex(struct.pack('<l', -2.7)), hex(struct.pack('<l', 0.5)), hex(struct.pack('<l', -0.5)), hex(struct.pack('<l', 0/0)), hex(struct.pack('<l', -(0/0))), hex(struct.pack('<l', 1/0)), hex(struct.pack('<l', -1/0)), hex(struct.pack('<l', '12')), hex(struct.pack('<l', ' 0x10 ')), hex(struct.pack('<l', '-3')), hex(struct.pack('<l', '1e3')))"##,
        r##"{"n"=22,10="ffffffffffffffff",11="0200000000000000",12="feffffffffffffff",13="0000000000000000",14="0000000000000000",15="0000000000000080",16="0000000000000080",17="0000000000000000",18="0000000000000080",19="0c00000000000000",1="0000000000000080",20="1000000000000000",21="fdffffffffffffff",22="e803000000000000",2="0008000000000080",3="0000000000000000",4="0000000000000000",5="0000000000000080",6="0000000000000080",7="0000000000000000",8="0000000000000080",9="0100000000000000"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<L', 0)), hex(struct.pack('<L', 1)), hex(struct.pack('<L', -1)), hex(struct.pack('<L', 127)), hex(struct.pack('<L', 128)), hex(struct.pack('<L', 255)), hex(struct.pack('<L', 256)), hex(struct.pack('<L', -128)), hex(struct.pack('<L', -129)), hex(struct.pack('<L', 32767)), hex(struct.pack('<L', 32768)), hex(struct.pack('<L', 65535)), hex(struct.pack('<L', 65536)), hex(struct.pack('<L', -32768)), hex(struct.pack('<L', -32769)), hex(struct.pack('<L', 2^31-1)), hex(struct.pack('<L', 2^31)), hex(struct.pack('<L', 2^32-1)), hex(struct.pack('<L', 2^32)), hex(struct.pack('<L', -2^31)), hex(struct.pack('<L', -2^31-1)), hex(struct.pack('<L', 2^53)), hex(struct.pack('<L', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f000000000000",11="0080000000000000",12="ffff000000000000",13="0000010000000000",14="0080ffffffffffff",15="ff7fffffffffffff",16="ffffff7f00000000",17="0000008000000000",18="ffffffff00000000",19="0000000001000000",1="0000000000000000",20="00000080ffffffff",21="ffffff7fffffffff",22="0000000000002000",23="0000000000002000",2="0100000000000000",3="ffffffffffffffff",4="7f00000000000000",5="8000000000000000",6="ff00000000000000",7="0001000000000000",8="80ffffffffffffff",9="7fffffffffffffff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<L', 2^63)), hex(struct.pack('<L', 2^63+2^11)), hex(struct.pack('<L', 2^64)), hex(struct.pack('<L', 2^64+2^12)), hex(struct.pack('<L', -2^63)), hex(struct.pack('<L', -2^64)), hex(struct.pack('<L', 1e30)), hex(struct.pack('<L', -1e30)), hex(struct.pack('<L', 1.5)), hex(struct.pack('<L', -1.5)), hex(struct.pack('<L', 2.7)), hex(struct.pack('<L', -2.7)), hex(struct.pack('<L', 0.5)), hex(struct.pack('<L', -0.5)), hex(struct.pack('<L', 0/0)), hex(struct.pack('<L', -(0/0))), hex(struct.pack('<L', 1/0)), hex(struct.pack('<L', -1/0)), hex(struct.pack('<L', '12')), hex(struct.pack('<L', ' 0x10 ')), hex(struct.pack('<L', '-3')), hex(struct.pack('<L', '1e3')))"##,
        r##"{"n"=22,10="ffffffffffffffff",11="0200000000000000",12="feffffffffffffff",13="0000000000000000",14="0000000000000000",15="0000000000000080",16="0000000000000080",17="0000000000000000",18="0000000000000080",19="0c00000000000000",1="0000000000000080",20="1000000000000000",21="fdffffffffffffff",22="e803000000000000",2="0008000000000080",3="0000000000000000",4="0000000000000000",5="0000000000000080",6="0000000000000080",7="0000000000000000",8="0000000000000080",9="0100000000000000"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<T', 0)), hex(struct.pack('<T', 1)), hex(struct.pack('<T', -1)), hex(struct.pack('<T', 127)), hex(struct.pack('<T', 128)), hex(struct.pack('<T', 255)), hex(struct.pack('<T', 256)), hex(struct.pack('<T', -128)), hex(struct.pack('<T', -129)), hex(struct.pack('<T', 32767)), hex(struct.pack('<T', 32768)), hex(struct.pack('<T', 65535)), hex(struct.pack('<T', 65536)), hex(struct.pack('<T', -32768)), hex(struct.pack('<T', -32769)), hex(struct.pack('<T', 2^31-1)), hex(struct.pack('<T', 2^31)), hex(struct.pack('<T', 2^32-1)), hex(struct.pack('<T', 2^32)), hex(struct.pack('<T', -2^31)), hex(struct.pack('<T', -2^31-1)), hex(struct.pack('<T', 2^53)), hex(struct.pack('<T', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f000000000000",11="0080000000000000",12="ffff000000000000",13="0000010000000000",14="0080ffffffffffff",15="ff7fffffffffffff",16="ffffff7f00000000",17="0000008000000000",18="ffffffff00000000",19="0000000001000000",1="0000000000000000",20="00000080ffffffff",21="ffffff7fffffffff",22="0000000000002000",23="0000000000002000",2="0100000000000000",3="ffffffffffffffff",4="7f00000000000000",5="8000000000000000",6="ff00000000000000",7="0001000000000000",8="80ffffffffffffff",9="7fffffffffffffff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<T', 2^63)), hex(struct.pack('<T', 2^63+2^11)), hex(struct.pack('<T', 2^64)), hex(struct.pack('<T', 2^64+2^12)), hex(struct.pack('<T', -2^63)), hex(struct.pack('<T', -2^64)), hex(struct.pack('<T', 1e30)), hex(struct.pack('<T', -1e30)), hex(struct.pack('<T', 1.5)), hex(struct.pack('<T', -1.5)), hex(struct.pack('<T', 2.7)), hex(struct.pack('<T', -2.7)), hex(struct.pack('<T', 0.5)), hex(struct.pack('<T', -0.5)), hex(struct.pack('<T', 0/0)), hex(struct.pack('<T', -(0/0))), hex(struct.pack('<T', 1/0)), hex(struct.pack('<T', -1/0)), hex(struct.pack('<T', '12')), hex(struct.pack('<T', ' 0x10 ')), hex(struct.pack('<T', '-3')), hex(struct.pack('<T', '1e3')))"##,
        r##"{"n"=22,10="ffffffffffffffff",11="0200000000000000",12="feffffffffffffff",13="0000000000000000",14="0000000000000000",15="0000000000000080",16="0000000000000080",17="0000000000000000",18="0000000000000080",19="0c00000000000000",1="0000000000000080",20="1000000000000000",21="fdffffffffffffff",22="e803000000000000",2="0008000000000080",3="0000000000000000",4="0000000000000000",5="0000000000000080",6="0000000000000080",7="0000000000000000",8="0000000000000080",9="0100000000000000"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i', 0)), hex(struct.pack('<i', 1)), hex(struct.pack('<i', -1)), hex(struct.pack('<i', 127)), hex(struct.pack('<i', 128)), hex(struct.pack('<i', 255)), hex(struct.pack('<i', 256)), hex(struct.pack('<i', -128)), hex(struct.pack('<i', -129)), hex(struct.pack('<i', 32767)), hex(struct.pack('<i', 32768)), hex(struct.pack('<i', 65535)), hex(struct.pack('<i', 65536)), hex(struct.pack('<i', -32768)), hex(struct.pack('<i', -32769)), hex(struct.pack('<i', 2^31-1)), hex(struct.pack('<i', 2^31)), hex(struct.pack('<i', 2^32-1)), hex(struct.pack('<i', 2^32)), hex(struct.pack('<i', -2^31)), hex(struct.pack('<i', -2^31-1)), hex(struct.pack('<i', 2^53)), hex(struct.pack('<i', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f0000",11="00800000",12="ffff0000",13="00000100",14="0080ffff",15="ff7fffff",16="ffffff7f",17="00000080",18="ffffffff",19="00000000",1="00000000",20="00000080",21="ffffff7f",22="00000000",23="00000000",2="01000000",3="ffffffff",4="7f000000",5="80000000",6="ff000000",7="00010000",8="80ffffff",9="7fffffff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i', 2^63)), hex(struct.pack('<i', 2^63+2^11)), hex(struct.pack('<i', 2^64)), hex(struct.pack('<i', 2^64+2^12)), hex(struct.pack('<i', -2^63)), hex(struct.pack('<i', -2^64)), hex(struct.pack('<i', 1e30)), hex(struct.pack('<i', -1e30)), hex(struct.pack('<i', 1.5)), hex(struct.pack('<i', -1.5)), hex(struct.pack('<i', 2.7)), hex(struct.pack('<i', -2.7)), hex(struct.pack('<i', 0.5)), hex(struct.pack('<i', -0.5)), hex(struct.pack('<i', 0/0)), hex(struct.pack('<i', -(0/0))), hex(struct.pack('<i', 1/0)), hex(struct.pack('<i', -1/0)), hex(struct.pack('<i', '12')), hex(struct.pack('<i', ' 0x10 ')), hex(struct.pack('<i', '-3')), hex(struct.pack('<i', '1e3')))"##,
        r##"{"n"=22,10="ffffffff",11="02000000",12="feffffff",13="00000000",14="00000000",15="00000000",16="00000000",17="00000000",18="00000000",19="0c000000",1="00000000",20="10000000",21="fdffffff",22="e8030000",2="00080000",3="00000000",4="00000000",5="00000000",6="00000000",7="00000000",8="00000000",9="01000000"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<I', 0)), hex(struct.pack('<I', 1)), hex(struct.pack('<I', -1)), hex(struct.pack('<I', 127)), hex(struct.pack('<I', 128)), hex(struct.pack('<I', 255)), hex(struct.pack('<I', 256)), hex(struct.pack('<I', -128)), hex(struct.pack('<I', -129)), hex(struct.pack('<I', 32767)), hex(struct.pack('<I', 32768)), hex(struct.pack('<I', 65535)), hex(struct.pack('<I', 65536)), hex(struct.pack('<I', -32768)), hex(struct.pack('<I', -32769)), hex(struct.pack('<I', 2^31-1)), hex(struct.pack('<I', 2^31)), hex(struct.pack('<I', 2^32-1)), hex(struct.pack('<I', 2^32)), hex(struct.pack('<I', -2^31)), hex(struct.pack('<I', -2^31-1)), hex(struct.pack('<I', 2^53)), hex(struct.pack('<I', 2^53+1)))"##,
        r##"{"n"=23,10="ff7f0000",11="00800000",12="ffff0000",13="00000100",14="0080ffff",15="ff7fffff",16="ffffff7f",17="00000080",18="ffffffff",19="00000000",1="00000000",20="00000080",21="ffffff7f",22="00000000",23="00000000",2="01000000",3="ffffffff",4="7f000000",5="80000000",6="ff000000",7="00010000",8="80ffffff",9="7fffffff"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<I', 2^63)), hex(struct.pack('<I', 2^63+2^11)), hex(struct.pack('<I', 2^64)), hex(struct.pack('<I', 2^64+2^12)), hex(struct.pack('<I', -2^63)), hex(struct.pack('<I', -2^64)), hex(struct.pack('<I', 1e30)), hex(struct.pack('<I', -1e30)), hex(struct.pack('<I', 1.5)), hex(struct.pack('<I', -1.5)), hex(struct.pack('<I', 2.7)), hex(struct.pack('<I', -2.7)), hex(struct.pack('<I', 0.5)), hex(struct.pack('<I', -0.5)), hex(struct.pack('<I', 0/0)), hex(struct.pack('<I', -(0/0))), hex(struct.pack('<I', 1/0)), hex(struct.pack('<I', -1/0)), hex(struct.pack('<I', '12')), hex(struct.pack('<I', ' 0x10 ')), hex(struct.pack('<I', '-3')), hex(struct.pack('<I', '1e3')))"##,
        r##"{"n"=22,10="ffffffff",11="02000000",12="feffffff",13="00000000",14="00000000",15="00000000",16="00000000",17="00000000",18="00000000",19="0c000000",1="00000000",20="10000000",21="fdffffff",22="e8030000",2="00080000",3="00000000",4="00000000",5="00000000",6="00000000",7="00000000",8="00000000",9="01000000"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>h', 0)), hex(struct.pack('>h', 1)), hex(struct.pack('>h', -1)), hex(struct.pack('>h', 127)), hex(struct.pack('>h', 128)), hex(struct.pack('>h', 255)), hex(struct.pack('>h', 256)), hex(struct.pack('>h', -128)), hex(struct.pack('>h', -129)), hex(struct.pack('>h', 32767)), hex(struct.pack('>h', 32768)), hex(struct.pack('>h', 65535)), hex(struct.pack('>h', 65536)), hex(struct.pack('>h', -32768)), hex(struct.pack('>h', -32769)), hex(struct.pack('>h', 2^31-1)), hex(struct.pack('>h', 2^31)), hex(struct.pack('>h', 2^32-1)), hex(struct.pack('>h', 2^32)), hex(struct.pack('>h', -2^31)), hex(struct.pack('>h', -2^31-1)), hex(struct.pack('>h', 2^53)), hex(struct.pack('>h', 2^53+1)))"##,
        r##"{"n"=23,10="7fff",11="8000",12="ffff",13="0000",14="8000",15="7fff",16="ffff",17="0000",18="ffff",19="0000",1="0000",20="0000",21="ffff",22="0000",23="0000",2="0001",3="ffff",4="007f",5="0080",6="00ff",7="0100",8="ff80",9="ff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>h', 2^63)), hex(struct.pack('>h', 2^63+2^11)), hex(struct.pack('>h', 2^64)), hex(struct.pack('>h', 2^64+2^12)), hex(struct.pack('>h', -2^63)), hex(struct.pack('>h', -2^64)), hex(struct.pack('>h', 1e30)), hex(struct.pack('>h', -1e30)), hex(struct.pack('>h', 1.5)), hex(struct.pack('>h', -1.5)), hex(struct.pack('>h', 2.7)), hex(struct.pack('>h', -2.7)), hex(struct.pack('>h', 0.5)), hex(struct.pack('>h', -0.5)), hex(struct.pack('>h', 0/0)), hex(struct.pack('>h', -(0/0))), hex(struct.pack('>h', 1/0)), hex(struct.pack('>h', -1/0)), hex(struct.pack('>h', '12')), hex(struct.pack('>h', ' 0x10 ')), hex(struct.pack('>h', '-3')), hex(struct.pack('>h', '1e3')))"##,
        r##"{"n"=22,10="ffff",11="0002",12="fffe",13="0000",14="0000",15="0000",16="0000",17="0000",18="0000",19="000c",1="0000",20="0010",21="fffd",22="03e8",2="0800",3="0000",4="0000",5="0000",6="0000",7="0000",8="0000",9="0001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>H', 0)), hex(struct.pack('>H', 1)), hex(struct.pack('>H', -1)), hex(struct.pack('>H', 127)), hex(struct.pack('>H', 128)), hex(struct.pack('>H', 255)), hex(struct.pack('>H', 256)), hex(struct.pack('>H', -128)), hex(struct.pack('>H', -129)), hex(struct.pack('>H', 32767)), hex(struct.pack('>H', 32768)), hex(struct.pack('>H', 65535)), hex(struct.pack('>H', 65536)), hex(struct.pack('>H', -32768)), hex(struct.pack('>H', -32769)), hex(struct.pack('>H', 2^31-1)), hex(struct.pack('>H', 2^31)), hex(struct.pack('>H', 2^32-1)), hex(struct.pack('>H', 2^32)), hex(struct.pack('>H', -2^31)), hex(struct.pack('>H', -2^31-1)), hex(struct.pack('>H', 2^53)), hex(struct.pack('>H', 2^53+1)))"##,
        r##"{"n"=23,10="7fff",11="8000",12="ffff",13="0000",14="8000",15="7fff",16="ffff",17="0000",18="ffff",19="0000",1="0000",20="0000",21="ffff",22="0000",23="0000",2="0001",3="ffff",4="007f",5="0080",6="00ff",7="0100",8="ff80",9="ff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>H', 2^63)), hex(struct.pack('>H', 2^63+2^11)), hex(struct.pack('>H', 2^64)), hex(struct.pack('>H', 2^64+2^12)), hex(struct.pack('>H', -2^63)), hex(struct.pack('>H', -2^64)), hex(struct.pack('>H', 1e30)), hex(struct.pack('>H', -1e30)), hex(struct.pack('>H', 1.5)), hex(struct.pack('>H', -1.5)), hex(struct.pack('>H', 2.7)), hex(struct.pack('>H', -2.7)), hex(struct.pack('>H', 0.5)), hex(struct.pack('>H', -0.5)), hex(struct.pack('>H', 0/0)), hex(struct.pack('>H', -(0/0))), hex(struct.pack('>H', 1/0)), hex(struct.pack('>H', -1/0)), hex(struct.pack('>H', '12')), hex(struct.pack('>H', ' 0x10 ')), hex(struct.pack('>H', '-3')), hex(struct.pack('>H', '1e3')))"##,
        r##"{"n"=22,10="ffff",11="0002",12="fffe",13="0000",14="0000",15="0000",16="0000",17="0000",18="0000",19="000c",1="0000",20="0010",21="fffd",22="03e8",2="0800",3="0000",4="0000",5="0000",6="0000",7="0000",8="0000",9="0001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>l', 0)), hex(struct.pack('>l', 1)), hex(struct.pack('>l', -1)), hex(struct.pack('>l', 127)), hex(struct.pack('>l', 128)), hex(struct.pack('>l', 255)), hex(struct.pack('>l', 256)), hex(struct.pack('>l', -128)), hex(struct.pack('>l', -129)), hex(struct.pack('>l', 32767)), hex(struct.pack('>l', 32768)), hex(struct.pack('>l', 65535)), hex(struct.pack('>l', 65536)), hex(struct.pack('>l', -32768)), hex(struct.pack('>l', -32769)), hex(struct.pack('>l', 2^31-1)), hex(struct.pack('>l', 2^31)), hex(struct.pack('>l', 2^32-1)), hex(struct.pack('>l', 2^32)), hex(struct.pack('>l', -2^31)), hex(struct.pack('>l', -2^31-1)), hex(struct.pack('>l', 2^53)), hex(struct.pack('>l', 2^53+1)))"##,
        r##"{"n"=23,10="0000000000007fff",11="0000000000008000",12="000000000000ffff",13="0000000000010000",14="ffffffffffff8000",15="ffffffffffff7fff",16="000000007fffffff",17="0000000080000000",18="00000000ffffffff",19="0000000100000000",1="0000000000000000",20="ffffffff80000000",21="ffffffff7fffffff",22="0020000000000000",23="0020000000000000",2="0000000000000001",3="ffffffffffffffff",4="000000000000007f",5="0000000000000080",6="00000000000000ff",7="0000000000000100",8="ffffffffffffff80",9="ffffffffffffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>l', 2^63)), hex(struct.pack('>l', 2^63+2^11)), hex(struct.pack('>l', 2^64)), hex(struct.pack('>l', 2^64+2^12)), hex(struct.pack('>l', -2^63)), hex(struct.pack('>l', -2^64)), hex(struct.pack('>l', 1e30)), hex(struct.pack('>l', -1e30)), hex(struct.pack('>l', 1.5)), hex(struct.pack('>l', -1.5)), hex(struct.pack('>l', 2.7)), hex(struct.pack('>l', -2.7)), hex(struct.pack('>l', 0.5)), hex(struct.pack('>l', -0.5)), hex(struct.pack('>l', 0/0)), hex(struct.pack('>l', -(0/0))), hex(struct.pack('>l', 1/0)), hex(struct.pack('>l', -1/0)), hex(struct.pack('>l', '12')), hex(struct.pack('>l', ' 0x10 ')), hex(struct.pack('>l', '-3')), hex(struct.pack('>l', '1e3')))"##,
        r##"{"n"=22,10="ffffffffffffffff",11="0000000000000002",12="fffffffffffffffe",13="0000000000000000",14="0000000000000000",15="8000000000000000",16="8000000000000000",17="0000000000000000",18="8000000000000000",19="000000000000000c",1="8000000000000000",20="0000000000000010",21="fffffffffffffffd",22="00000000000003e8",2="8000000000000800",3="0000000000000000",4="0000000000000000",5="8000000000000000",6="8000000000000000",7="0000000000000000",8="8000000000000000",9="0000000000000001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>I', 0)), hex(struct.pack('>I', 1)), hex(struct.pack('>I', -1)), hex(struct.pack('>I', 127)), hex(struct.pack('>I', 128)), hex(struct.pack('>I', 255)), hex(struct.pack('>I', 256)), hex(struct.pack('>I', -128)), hex(struct.pack('>I', -129)), hex(struct.pack('>I', 32767)), hex(struct.pack('>I', 32768)), hex(struct.pack('>I', 65535)), hex(struct.pack('>I', 65536)), hex(struct.pack('>I', -32768)), hex(struct.pack('>I', -32769)), hex(struct.pack('>I', 2^31-1)), hex(struct.pack('>I', 2^31)), hex(struct.pack('>I', 2^32-1)), hex(struct.pack('>I', 2^32)), hex(struct.pack('>I', -2^31)), hex(struct.pack('>I', -2^31-1)), hex(struct.pack('>I', 2^53)), hex(struct.pack('>I', 2^53+1)))"##,
        r##"{"n"=23,10="00007fff",11="00008000",12="0000ffff",13="00010000",14="ffff8000",15="ffff7fff",16="7fffffff",17="80000000",18="ffffffff",19="00000000",1="00000000",20="80000000",21="7fffffff",22="00000000",23="00000000",2="00000001",3="ffffffff",4="0000007f",5="00000080",6="000000ff",7="00000100",8="ffffff80",9="ffffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>I', 2^63)), hex(struct.pack('>I', 2^63+2^11)), hex(struct.pack('>I', 2^64)), hex(struct.pack('>I', 2^64+2^12)), hex(struct.pack('>I', -2^63)), hex(struct.pack('>I', -2^64)), hex(struct.pack('>I', 1e30)), hex(struct.pack('>I', -1e30)), hex(struct.pack('>I', 1.5)), hex(struct.pack('>I', -1.5)), hex(struct.pack('>I', 2.7)), hex(struct.pack('>I', -2.7)), hex(struct.pack('>I', 0.5)), hex(struct.pack('>I', -0.5)), hex(struct.pack('>I', 0/0)), hex(struct.pack('>I', -(0/0))), hex(struct.pack('>I', 1/0)), hex(struct.pack('>I', -1/0)), hex(struct.pack('>I', '12')), hex(struct.pack('>I', ' 0x10 ')), hex(struct.pack('>I', '-3')), hex(struct.pack('>I', '1e3')))"##,
        r##"{"n"=22,10="ffffffff",11="00000002",12="fffffffe",13="00000000",14="00000000",15="00000000",16="00000000",17="00000000",18="00000000",19="0000000c",1="00000000",20="00000010",21="fffffffd",22="000003e8",2="00000800",3="00000000",4="00000000",5="00000000",6="00000000",7="00000000",8="00000000",9="00000001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i4', 0)), hex(struct.pack('>i4', 1)), hex(struct.pack('>i4', -1)), hex(struct.pack('>i4', 127)), hex(struct.pack('>i4', 128)), hex(struct.pack('>i4', 255)), hex(struct.pack('>i4', 256)), hex(struct.pack('>i4', -128)), hex(struct.pack('>i4', -129)), hex(struct.pack('>i4', 32767)), hex(struct.pack('>i4', 32768)), hex(struct.pack('>i4', 65535)), hex(struct.pack('>i4', 65536)), hex(struct.pack('>i4', -32768)), hex(struct.pack('>i4', -32769)), hex(struct.pack('>i4', 2^31-1)), hex(struct.pack('>i4', 2^31)), hex(struct.pack('>i4', 2^32-1)), hex(struct.pack('>i4', 2^32)), hex(struct.pack('>i4', -2^31)), hex(struct.pack('>i4', -2^31-1)), hex(struct.pack('>i4', 2^53)), hex(struct.pack('>i4', 2^53+1)))"##,
        r##"{"n"=23,10="00007fff",11="00008000",12="0000ffff",13="00010000",14="ffff8000",15="ffff7fff",16="7fffffff",17="80000000",18="ffffffff",19="00000000",1="00000000",20="80000000",21="7fffffff",22="00000000",23="00000000",2="00000001",3="ffffffff",4="0000007f",5="00000080",6="000000ff",7="00000100",8="ffffff80",9="ffffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i4', 2^63)), hex(struct.pack('>i4', 2^63+2^11)), hex(struct.pack('>i4', 2^64)), hex(struct.pack('>i4', 2^64+2^12)), hex(struct.pack('>i4', -2^63)), hex(struct.pack('>i4', -2^64)), hex(struct.pack('>i4', 1e30)), hex(struct.pack('>i4', -1e30)), hex(struct.pack('>i4', 1.5)), hex(struct.pack('>i4', -1.5)), hex(struct.pack('>i4', 2.7)), hex(struct.pack('>i4', -2.7)), hex(struct.pack('>i4', 0.5)), hex(struct.pack('>i4', -0.5)), hex(struct.pack('>i4', 0/0)), hex(struct.pack('>i4', -(0/0))), hex(struct.pack('>i4', 1/0)), hex(struct.pack('>i4', -1/0)), hex(struct.pack('>i4', '12')), hex(struct.pack('>i4', ' 0x10 ')), hex(struct.pack('>i4', '-3')), hex(struct.pack('>i4', '1e3')))"##,
        r##"{"n"=22,10="ffffffff",11="00000002",12="fffffffe",13="00000000",14="00000000",15="00000000",16="00000000",17="00000000",18="00000000",19="0000000c",1="00000000",20="00000010",21="fffffffd",22="000003e8",2="00000800",3="00000000",4="00000000",5="00000000",6="00000000",7="00000000",8="00000000",9="00000001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i2', 0)), hex(struct.pack('>i2', 1)), hex(struct.pack('>i2', -1)), hex(struct.pack('>i2', 127)), hex(struct.pack('>i2', 128)), hex(struct.pack('>i2', 255)), hex(struct.pack('>i2', 256)), hex(struct.pack('>i2', -128)), hex(struct.pack('>i2', -129)), hex(struct.pack('>i2', 32767)), hex(struct.pack('>i2', 32768)), hex(struct.pack('>i2', 65535)), hex(struct.pack('>i2', 65536)), hex(struct.pack('>i2', -32768)), hex(struct.pack('>i2', -32769)), hex(struct.pack('>i2', 2^31-1)), hex(struct.pack('>i2', 2^31)), hex(struct.pack('>i2', 2^32-1)), hex(struct.pack('>i2', 2^32)), hex(struct.pack('>i2', -2^31)), hex(struct.pack('>i2', -2^31-1)), hex(struct.pack('>i2', 2^53)), hex(struct.pack('>i2', 2^53+1)))"##,
        r##"{"n"=23,10="7fff",11="8000",12="ffff",13="0000",14="8000",15="7fff",16="ffff",17="0000",18="ffff",19="0000",1="0000",20="0000",21="ffff",22="0000",23="0000",2="0001",3="ffff",4="007f",5="0080",6="00ff",7="0100",8="ff80",9="ff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i2', 2^63)), hex(struct.pack('>i2', 2^63+2^11)), hex(struct.pack('>i2', 2^64)), hex(struct.pack('>i2', 2^64+2^12)), hex(struct.pack('>i2', -2^63)), hex(struct.pack('>i2', -2^64)), hex(struct.pack('>i2', 1e30)), hex(struct.pack('>i2', -1e30)), hex(struct.pack('>i2', 1.5)), hex(struct.pack('>i2', -1.5)), hex(struct.pack('>i2', 2.7)), hex(struct.pack('>i2', -2.7)), hex(struct.pack('>i2', 0.5)), hex(struct.pack('>i2', -0.5)), hex(struct.pack('>i2', 0/0)), hex(struct.pack('>i2', -(0/0))), hex(struct.pack('>i2', 1/0)), hex(struct.pack('>i2', -1/0)), hex(struct.pack('>i2', '12')), hex(struct.pack('>i2', ' 0x10 ')), hex(struct.pack('>i2', '-3')), hex(struct.pack('>i2', '1e3')))"##,
        r##"{"n"=22,10="ffff",11="0002",12="fffe",13="0000",14="0000",15="0000",16="0000",17="0000",18="0000",19="000c",1="0000",20="0010",21="fffd",22="03e8",2="0800",3="0000",4="0000",5="0000",6="0000",7="0000",8="0000",9="0001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>I8', 0)), hex(struct.pack('>I8', 1)), hex(struct.pack('>I8', -1)), hex(struct.pack('>I8', 127)), hex(struct.pack('>I8', 128)), hex(struct.pack('>I8', 255)), hex(struct.pack('>I8', 256)), hex(struct.pack('>I8', -128)), hex(struct.pack('>I8', -129)), hex(struct.pack('>I8', 32767)), hex(struct.pack('>I8', 32768)), hex(struct.pack('>I8', 65535)), hex(struct.pack('>I8', 65536)), hex(struct.pack('>I8', -32768)), hex(struct.pack('>I8', -32769)), hex(struct.pack('>I8', 2^31-1)), hex(struct.pack('>I8', 2^31)), hex(struct.pack('>I8', 2^32-1)), hex(struct.pack('>I8', 2^32)), hex(struct.pack('>I8', -2^31)), hex(struct.pack('>I8', -2^31-1)), hex(struct.pack('>I8', 2^53)), hex(struct.pack('>I8', 2^53+1)))"##,
        r##"{"n"=23,10="0000000000007fff",11="0000000000008000",12="000000000000ffff",13="0000000000010000",14="ffffffffffff8000",15="ffffffffffff7fff",16="000000007fffffff",17="0000000080000000",18="00000000ffffffff",19="0000000100000000",1="0000000000000000",20="ffffffff80000000",21="ffffffff7fffffff",22="0020000000000000",23="0020000000000000",2="0000000000000001",3="ffffffffffffffff",4="000000000000007f",5="0000000000000080",6="00000000000000ff",7="0000000000000100",8="ffffffffffffff80",9="ffffffffffffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>I8', 2^63)), hex(struct.pack('>I8', 2^63+2^11)), hex(struct.pack('>I8', 2^64)), hex(struct.pack('>I8', 2^64+2^12)), hex(struct.pack('>I8', -2^63)), hex(struct.pack('>I8', -2^64)), hex(struct.pack('>I8', 1e30)), hex(struct.pack('>I8', -1e30)), hex(struct.pack('>I8', 1.5)), hex(struct.pack('>I8', -1.5)), hex(struct.pack('>I8', 2.7)), hex(struct.pack('>I8', -2.7)), hex(struct.pack('>I8', 0.5)), hex(struct.pack('>I8', -0.5)), hex(struct.pack('>I8', 0/0)), hex(struct.pack('>I8', -(0/0))), hex(struct.pack('>I8', 1/0)), hex(struct.pack('>I8', -1/0)), hex(struct.pack('>I8', '12')), hex(struct.pack('>I8', ' 0x10 ')), hex(struct.pack('>I8', '-3')), hex(struct.pack('>I8', '1e3')))"##,
        r##"{"n"=22,10="ffffffffffffffff",11="0000000000000002",12="fffffffffffffffe",13="0000000000000000",14="0000000000000000",15="8000000000000000",16="8000000000000000",17="0000000000000000",18="8000000000000000",19="000000000000000c",1="8000000000000000",20="0000000000000010",21="fffffffffffffffd",22="00000000000003e8",2="8000000000000800",3="0000000000000000",4="0000000000000000",5="8000000000000000",6="8000000000000000",7="0000000000000000",8="8000000000000000",9="0000000000000001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i3', 0)), hex(struct.pack('>i3', 1)), hex(struct.pack('>i3', -1)), hex(struct.pack('>i3', 127)), hex(struct.pack('>i3', 128)), hex(struct.pack('>i3', 255)), hex(struct.pack('>i3', 256)), hex(struct.pack('>i3', -128)), hex(struct.pack('>i3', -129)), hex(struct.pack('>i3', 32767)), hex(struct.pack('>i3', 32768)), hex(struct.pack('>i3', 65535)), hex(struct.pack('>i3', 65536)), hex(struct.pack('>i3', -32768)), hex(struct.pack('>i3', -32769)), hex(struct.pack('>i3', 2^31-1)), hex(struct.pack('>i3', 2^31)), hex(struct.pack('>i3', 2^32-1)), hex(struct.pack('>i3', 2^32)), hex(struct.pack('>i3', -2^31)), hex(struct.pack('>i3', -2^31-1)), hex(struct.pack('>i3', 2^53)), hex(struct.pack('>i3', 2^53+1)))"##,
        r##"{"n"=23,10="007fff",11="008000",12="00ffff",13="010000",14="ff8000",15="ff7fff",16="ffffff",17="000000",18="ffffff",19="000000",1="000000",20="000000",21="ffffff",22="000000",23="000000",2="000001",3="ffffff",4="00007f",5="000080",6="0000ff",7="000100",8="ffff80",9="ffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i3', 2^63)), hex(struct.pack('>i3', 2^63+2^11)), hex(struct.pack('>i3', 2^64)), hex(struct.pack('>i3', 2^64+2^12)), hex(struct.pack('>i3', -2^63)), hex(struct.pack('>i3', -2^64)), hex(struct.pack('>i3', 1e30)), hex(struct.pack('>i3', -1e30)), hex(struct.pack('>i3', 1.5)), hex(struct.pack('>i3', -1.5)), hex(struct.pack('>i3', 2.7)), hex(struct.pack('>i3', -2.7)), hex(struct.pack('>i3', 0.5)), hex(struct.pack('>i3', -0.5)), hex(struct.pack('>i3', 0/0)), hex(struct.pack('>i3', -(0/0))), hex(struct.pack('>i3', 1/0)), hex(struct.pack('>i3', -1/0)), hex(struct.pack('>i3', '12')), hex(struct.pack('>i3', ' 0x10 ')), hex(struct.pack('>i3', '-3')), hex(struct.pack('>i3', '1e3')))"##,
        r##"{"n"=22,10="ffffff",11="000002",12="fffffe",13="000000",14="000000",15="000000",16="000000",17="000000",18="000000",19="00000c",1="000000",20="000010",21="fffffd",22="0003e8",2="000800",3="000000",4="000000",5="000000",6="000000",7="000000",8="000000",9="000001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>I5', 0)), hex(struct.pack('>I5', 1)), hex(struct.pack('>I5', -1)), hex(struct.pack('>I5', 127)), hex(struct.pack('>I5', 128)), hex(struct.pack('>I5', 255)), hex(struct.pack('>I5', 256)), hex(struct.pack('>I5', -128)), hex(struct.pack('>I5', -129)), hex(struct.pack('>I5', 32767)), hex(struct.pack('>I5', 32768)), hex(struct.pack('>I5', 65535)), hex(struct.pack('>I5', 65536)), hex(struct.pack('>I5', -32768)), hex(struct.pack('>I5', -32769)), hex(struct.pack('>I5', 2^31-1)), hex(struct.pack('>I5', 2^31)), hex(struct.pack('>I5', 2^32-1)), hex(struct.pack('>I5', 2^32)), hex(struct.pack('>I5', -2^31)), hex(struct.pack('>I5', -2^31-1)), hex(struct.pack('>I5', 2^53)), hex(struct.pack('>I5', 2^53+1)))"##,
        r##"{"n"=23,10="0000007fff",11="0000008000",12="000000ffff",13="0000010000",14="ffffff8000",15="ffffff7fff",16="007fffffff",17="0080000000",18="00ffffffff",19="0100000000",1="0000000000",20="ff80000000",21="ff7fffffff",22="0000000000",23="0000000000",2="0000000001",3="ffffffffff",4="000000007f",5="0000000080",6="00000000ff",7="0000000100",8="ffffffff80",9="ffffffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>I5', 2^63)), hex(struct.pack('>I5', 2^63+2^11)), hex(struct.pack('>I5', 2^64)), hex(struct.pack('>I5', 2^64+2^12)), hex(struct.pack('>I5', -2^63)), hex(struct.pack('>I5', -2^64)), hex(struct.pack('>I5', 1e30)), hex(struct.pack('>I5', -1e30)), hex(struct.pack('>I5', 1.5)), hex(struct.pack('>I5', -1.5)), hex(struct.pack('>I5', 2.7)), hex(struct.pack('>I5', -2.7)), hex(struct.pack('>I5', 0.5)), hex(struct.pack('>I5', -0.5)), hex(struct.pack('>I5', 0/0)), hex(struct.pack('>I5', -(0/0))), hex(struct.pack('>I5', 1/0)), hex(struct.pack('>I5', -1/0)), hex(struct.pack('>I5', '12')), hex(struct.pack('>I5', ' 0x10 ')), hex(struct.pack('>I5', '-3')), hex(struct.pack('>I5', '1e3')))"##,
        r##"{"n"=22,10="ffffffffff",11="0000000002",12="fffffffffe",13="0000000000",14="0000000000",15="0000000000",16="0000000000",17="0000000000",18="0000000000",19="000000000c",1="0000000000",20="0000000010",21="fffffffffd",22="00000003e8",2="0000000800",3="0000000000",4="0000000000",5="0000000000",6="0000000000",7="0000000000",8="0000000000",9="0000000001"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i7', 0)), hex(struct.pack('>i7', 1)), hex(struct.pack('>i7', -1)), hex(struct.pack('>i7', 127)), hex(struct.pack('>i7', 128)), hex(struct.pack('>i7', 255)), hex(struct.pack('>i7', 256)), hex(struct.pack('>i7', -128)), hex(struct.pack('>i7', -129)), hex(struct.pack('>i7', 32767)), hex(struct.pack('>i7', 32768)), hex(struct.pack('>i7', 65535)), hex(struct.pack('>i7', 65536)), hex(struct.pack('>i7', -32768)), hex(struct.pack('>i7', -32769)), hex(struct.pack('>i7', 2^31-1)), hex(struct.pack('>i7', 2^31)), hex(struct.pack('>i7', 2^32-1)), hex(struct.pack('>i7', 2^32)), hex(struct.pack('>i7', -2^31)), hex(struct.pack('>i7', -2^31-1)), hex(struct.pack('>i7', 2^53)), hex(struct.pack('>i7', 2^53+1)))"##,
        r##"{"n"=23,10="00000000007fff",11="00000000008000",12="0000000000ffff",13="00000000010000",14="ffffffffff8000",15="ffffffffff7fff",16="0000007fffffff",17="00000080000000",18="000000ffffffff",19="00000100000000",1="00000000000000",20="ffffff80000000",21="ffffff7fffffff",22="20000000000000",23="20000000000000",2="00000000000001",3="ffffffffffffff",4="0000000000007f",5="00000000000080",6="000000000000ff",7="00000000000100",8="ffffffffffff80",9="ffffffffffff7f"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>i7', 2^63)), hex(struct.pack('>i7', 2^63+2^11)), hex(struct.pack('>i7', 2^64)), hex(struct.pack('>i7', 2^64+2^12)), hex(struct.pack('>i7', -2^63)), hex(struct.pack('>i7', -2^64)), hex(struct.pack('>i7', 1e30)), hex(struct.pack('>i7', -1e30)), hex(struct.pack('>i7', 1.5)), hex(struct.pack('>i7', -1.5)), hex(struct.pack('>i7', 2.7)), hex(struct.pack('>i7', -2.7)), hex(struct.pack('>i7', 0.5)), hex(struct.pack('>i7', -0.5)), hex(struct.pack('>i7', 0/0)), hex(struct.pack('>i7', -(0/0))), hex(struct.pack('>i7', 1/0)), hex(struct.pack('>i7', -1/0)), hex(struct.pack('>i7', '12')), hex(struct.pack('>i7', ' 0x10 ')), hex(struct.pack('>i7', '-3')), hex(struct.pack('>i7', '1e3')))"##,
        r##"{"n"=22,10="ffffffffffffff",11="00000000000002",12="fffffffffffffe",13="00000000000000",14="00000000000000",15="00000000000000",16="00000000000000",17="00000000000000",18="00000000000000",19="0000000000000c",1="00000000000000",20="00000000000010",21="fffffffffffffd",22="000000000003e8",2="00000000000800",3="00000000000000",4="00000000000000",5="00000000000000",6="00000000000000",7="00000000000000",8="00000000000000",9="00000000000001"}"##,
    ),
    (r##"return hex(struct.pack('h', 258))"##, r##""0201""##),
    (
        r##"return hex(struct.pack('L', 258))"##,
        r##""0201000000000000""##,
    ),
    (r##"return hex(struct.pack('i', 258))"##, r##""02010000""##),
    (r##"return hex(struct.pack('f', 258))"##, r##""00008143""##),
    (
        r##"return hex(struct.pack('d', 258))"##,
        r##""0000000000207040""##,
    ),
    (
        r##"return all(hex(struct.pack('<i0', -2)), hex(struct.pack('>i0', -2)), hex(struct.pack('<I0', 0x0102030405060708)), hex(struct.pack('>I0', 258)))"##,
        r##"{"n"=4,1="",2="",3="",4=""}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i1', -2)), hex(struct.pack('>i1', -2)), hex(struct.pack('<I1', 0x0102030405060708)), hex(struct.pack('>I1', 258)))"##,
        r##"{"n"=4,1="fe",2="fe",3="00",4="02"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i2', -2)), hex(struct.pack('>i2', -2)), hex(struct.pack('<I2', 0x0102030405060708)), hex(struct.pack('>I2', 258)))"##,
        r##"{"n"=4,1="feff",2="fffe",3="0007",4="0102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i3', -2)), hex(struct.pack('>i3', -2)), hex(struct.pack('<I3', 0x0102030405060708)), hex(struct.pack('>I3', 258)))"##,
        r##"{"n"=4,1="feffff",2="fffffe",3="000706",4="000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i4', -2)), hex(struct.pack('>i4', -2)), hex(struct.pack('<I4', 0x0102030405060708)), hex(struct.pack('>I4', 258)))"##,
        r##"{"n"=4,1="feffffff",2="fffffffe",3="00070605",4="00000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i5', -2)), hex(struct.pack('>i5', -2)), hex(struct.pack('<I5', 0x0102030405060708)), hex(struct.pack('>I5', 258)))"##,
        r##"{"n"=4,1="feffffffff",2="fffffffffe",3="0007060504",4="0000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i6', -2)), hex(struct.pack('>i6', -2)), hex(struct.pack('<I6', 0x0102030405060708)), hex(struct.pack('>I6', 258)))"##,
        r##"{"n"=4,1="feffffffffff",2="fffffffffffe",3="000706050403",4="000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i7', -2)), hex(struct.pack('>i7', -2)), hex(struct.pack('<I7', 0x0102030405060708)), hex(struct.pack('>I7', 258)))"##,
        r##"{"n"=4,1="feffffffffffff",2="fffffffffffffe",3="00070605040302",4="00000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i8', -2)), hex(struct.pack('>i8', -2)), hex(struct.pack('<I8', 0x0102030405060708)), hex(struct.pack('>I8', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff",2="fffffffffffffffe",3="0007060504030201",4="0000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i9', -2)), hex(struct.pack('>i9', -2)), hex(struct.pack('<I9', 0x0102030405060708)), hex(struct.pack('>I9', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00",2="00fffffffffffffffe",3="000706050403020100",4="000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i10', -2)), hex(struct.pack('>i10', -2)), hex(struct.pack('<I10', 0x0102030405060708)), hex(struct.pack('>I10', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000",2="0000fffffffffffffffe",3="00070605040302010000",4="00000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i11', -2)), hex(struct.pack('>i11', -2)), hex(struct.pack('<I11', 0x0102030405060708)), hex(struct.pack('>I11', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000",2="000000fffffffffffffffe",3="0007060504030201000000",4="0000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i12', -2)), hex(struct.pack('>i12', -2)), hex(struct.pack('<I12', 0x0102030405060708)), hex(struct.pack('>I12', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000",2="00000000fffffffffffffffe",3="000706050403020100000000",4="000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i13', -2)), hex(struct.pack('>i13', -2)), hex(struct.pack('<I13', 0x0102030405060708)), hex(struct.pack('>I13', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000",2="0000000000fffffffffffffffe",3="00070605040302010000000000",4="00000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i14', -2)), hex(struct.pack('>i14', -2)), hex(struct.pack('<I14', 0x0102030405060708)), hex(struct.pack('>I14', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000",2="000000000000fffffffffffffffe",3="0007060504030201000000000000",4="0000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i15', -2)), hex(struct.pack('>i15', -2)), hex(struct.pack('<I15', 0x0102030405060708)), hex(struct.pack('>I15', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000000000",2="00000000000000fffffffffffffffe",3="000706050403020100000000000000",4="000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i16', -2)), hex(struct.pack('>i16', -2)), hex(struct.pack('<I16', 0x0102030405060708)), hex(struct.pack('>I16', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000000000",2="0000000000000000fffffffffffffffe",3="00070605040302010000000000000000",4="00000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i17', -2)), hex(struct.pack('>i17', -2)), hex(struct.pack('<I17', 0x0102030405060708)), hex(struct.pack('>I17', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000000000",2="000000000000000000fffffffffffffffe",3="0007060504030201000000000000000000",4="0000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i18', -2)), hex(struct.pack('>i18', -2)), hex(struct.pack('<I18', 0x0102030405060708)), hex(struct.pack('>I18', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000000000000000",2="00000000000000000000fffffffffffffffe",3="000706050403020100000000000000000000",4="000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i19', -2)), hex(struct.pack('>i19', -2)), hex(struct.pack('<I19', 0x0102030405060708)), hex(struct.pack('>I19', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000000000000000",2="0000000000000000000000fffffffffffffffe",3="00070605040302010000000000000000000000",4="00000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i20', -2)), hex(struct.pack('>i20', -2)), hex(struct.pack('<I20', 0x0102030405060708)), hex(struct.pack('>I20', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000000000000000",2="000000000000000000000000fffffffffffffffe",3="0007060504030201000000000000000000000000",4="0000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i21', -2)), hex(struct.pack('>i21', -2)), hex(struct.pack('<I21', 0x0102030405060708)), hex(struct.pack('>I21', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000000000000000000000",2="00000000000000000000000000fffffffffffffffe",3="000706050403020100000000000000000000000000",4="000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i22', -2)), hex(struct.pack('>i22', -2)), hex(struct.pack('<I22', 0x0102030405060708)), hex(struct.pack('>I22', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000000000000000000000",2="0000000000000000000000000000fffffffffffffffe",3="00070605040302010000000000000000000000000000",4="00000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i23', -2)), hex(struct.pack('>i23', -2)), hex(struct.pack('<I23', 0x0102030405060708)), hex(struct.pack('>I23', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000000000000000000000",2="000000000000000000000000000000fffffffffffffffe",3="0007060504030201000000000000000000000000000000",4="0000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i24', -2)), hex(struct.pack('>i24', -2)), hex(struct.pack('<I24', 0x0102030405060708)), hex(struct.pack('>I24', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000000000000000000000000000",2="00000000000000000000000000000000fffffffffffffffe",3="000706050403020100000000000000000000000000000000",4="000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i25', -2)), hex(struct.pack('>i25', -2)), hex(struct.pack('<I25', 0x0102030405060708)), hex(struct.pack('>I25', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000000000000000000000000000",2="0000000000000000000000000000000000fffffffffffffffe",3="00070605040302010000000000000000000000000000000000",4="00000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i26', -2)), hex(struct.pack('>i26', -2)), hex(struct.pack('<I26', 0x0102030405060708)), hex(struct.pack('>I26', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000000000000000000000000000",2="000000000000000000000000000000000000fffffffffffffffe",3="0007060504030201000000000000000000000000000000000000",4="0000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i27', -2)), hex(struct.pack('>i27', -2)), hex(struct.pack('<I27', 0x0102030405060708)), hex(struct.pack('>I27', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000000000000000000000000000000000",2="00000000000000000000000000000000000000fffffffffffffffe",3="000706050403020100000000000000000000000000000000000000",4="000000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i28', -2)), hex(struct.pack('>i28', -2)), hex(struct.pack('<I28', 0x0102030405060708)), hex(struct.pack('>I28', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000000000000000000000000000000000",2="0000000000000000000000000000000000000000fffffffffffffffe",3="00070605040302010000000000000000000000000000000000000000",4="00000000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i29', -2)), hex(struct.pack('>i29', -2)), hex(struct.pack('<I29', 0x0102030405060708)), hex(struct.pack('>I29', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000000000000000000000000000000000",2="000000000000000000000000000000000000000000fffffffffffffffe",3="0007060504030201000000000000000000000000000000000000000000",4="0000000000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i30', -2)), hex(struct.pack('>i30', -2)), hex(struct.pack('<I30', 0x0102030405060708)), hex(struct.pack('>I30', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff00000000000000000000000000000000000000000000",2="00000000000000000000000000000000000000000000fffffffffffffffe",3="000706050403020100000000000000000000000000000000000000000000",4="000000000000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i31', -2)), hex(struct.pack('>i31', -2)), hex(struct.pack('<I31', 0x0102030405060708)), hex(struct.pack('>I31', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff0000000000000000000000000000000000000000000000",2="0000000000000000000000000000000000000000000000fffffffffffffffe",3="00070605040302010000000000000000000000000000000000000000000000",4="00000000000000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i32', -2)), hex(struct.pack('>i32', -2)), hex(struct.pack('<I32', 0x0102030405060708)), hex(struct.pack('>I32', 258)))"##,
        r##"{"n"=4,1="feffffffffffffff000000000000000000000000000000000000000000000000",2="000000000000000000000000000000000000000000000000fffffffffffffffe",3="0007060504030201000000000000000000000000000000000000000000000000",4="0000000000000000000000000000000000000000000000000000000000000102"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<i33', -2)), hex(struct.pack('>i33', -2)), hex(struct.pack('<I33', 0x0102030405060708)), hex(struct.pack('>I33', 258)))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('<i0', string.rep('\255', 0)), struct.unpack('>I0', string.rep('\255', 0)))"##,
        r##"{"n"=3,1=0,2=0,3=1}"##,
    ),
    (
        r##"return all(struct.unpack('<i0', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i0', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=0,2=0,3=1}"##,
    ),
    (
        r##"return all(struct.unpack('<i0', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i0', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=0,2=0,3=1}"##,
    ),
    (
        r##"return all(struct.unpack('<i1', string.rep('\255', 1)), struct.unpack('>I1', string.rep('\255', 1)))"##,
        r##"{"n"=3,1=-1,2=255,3=2}"##,
    ),
    (
        r##"return all(struct.unpack('<i1', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i1', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=1,2=0,3=2}"##,
    ),
    (
        r##"return all(struct.unpack('<i1', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i1', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=0,2=0,3=2}"##,
    ),
    (
        r##"return all(struct.unpack('<i2', string.rep('\255', 2)), struct.unpack('>I2', string.rep('\255', 2)))"##,
        r##"{"n"=3,1=-1,2=65535,3=3}"##,
    ),
    (
        r##"return all(struct.unpack('<i2', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i2', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=513,2=0,3=3}"##,
    ),
    (
        r##"return all(struct.unpack('<i2', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i2', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=3}"##,
    ),
    (
        r##"return all(struct.unpack('<i3', string.rep('\255', 3)), struct.unpack('>I3', string.rep('\255', 3)))"##,
        r##"{"n"=3,1=-1,2=16777215,3=4}"##,
    ),
    (
        r##"return all(struct.unpack('<i3', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i3', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=197121,2=0,3=4}"##,
    ),
    (
        r##"return all(struct.unpack('<i3', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i3', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=4}"##,
    ),
    (
        r##"return all(struct.unpack('<i4', string.rep('\255', 4)), struct.unpack('>I4', string.rep('\255', 4)))"##,
        r##"{"n"=3,1=-1,2=4294967295,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('<i4', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i4', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=67305985,2=0,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('<i4', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i4', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('<i5', string.rep('\255', 5)), struct.unpack('>I5', string.rep('\255', 5)))"##,
        r##"{"n"=3,1=-1,2=1099511627775,3=6}"##,
    ),
    (
        r##"return all(struct.unpack('<i5', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i5', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=21542142465,2=0,3=6}"##,
    ),
    (
        r##"return all(struct.unpack('<i5', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i5', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=6}"##,
    ),
    (
        r##"return all(struct.unpack('<i6', string.rep('\255', 6)), struct.unpack('>I6', string.rep('\255', 6)))"##,
        r##"{"n"=3,1=-1,2=281474976710655,3=7}"##,
    ),
    (
        r##"return all(struct.unpack('<i6', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i6', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=6618611909121,2=0,3=7}"##,
    ),
    (
        r##"return all(struct.unpack('<i6', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i6', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=7}"##,
    ),
    (
        r##"return all(struct.unpack('<i7', string.rep('\255', 7)), struct.unpack('>I7', string.rep('\255', 7)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p4,3=8}"##,
    ),
    (
        r##"return all(struct.unpack('<i7', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i7', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=1976943448883713,2=0,3=8}"##,
    ),
    (
        r##"return all(struct.unpack('<i7', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i7', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=8}"##,
    ),
    (
        r##"return all(struct.unpack('<i8', string.rep('\255', 8)), struct.unpack('>I8', string.rep('\255', 8)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=9}"##,
    ),
    (
        r##"return all(struct.unpack('<i8', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i8', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-9005268645904191p10,2=0,3=9}"##,
    ),
    (
        r##"return all(struct.unpack('<i8', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i8', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=9}"##,
    ),
    (
        r##"return all(struct.unpack('<i9', string.rep('\255', 9)), struct.unpack('>I9', string.rep('\255', 9)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=10}"##,
    ),
    (
        r##"return all(struct.unpack('<i9', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i9', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-127,2=0,3=10}"##,
    ),
    (
        r##"return all(struct.unpack('<i9', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i9', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=-128,2=0,3=10}"##,
    ),
    (
        r##"return all(struct.unpack('<i10', string.rep('\255', 10)), struct.unpack('>I10', string.rep('\255', 10)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=11}"##,
    ),
    (
        r##"return all(struct.unpack('<i10', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i10', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-32255,2=0,3=11}"##,
    ),
    (
        r##"return all(struct.unpack('<i10', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i10', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=11}"##,
    ),
    (
        r##"return all(struct.unpack('<i11', string.rep('\255', 11)), struct.unpack('>I11', string.rep('\255', 11)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=12}"##,
    ),
    (
        r##"return all(struct.unpack('<i11', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i11', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-8191487,2=0,3=12}"##,
    ),
    (
        r##"return all(struct.unpack('<i11', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i11', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=12}"##,
    ),
    (
        r##"return all(struct.unpack('<i12', string.rep('\255', 12)), struct.unpack('>I12', string.rep('\255', 12)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=13}"##,
    ),
    (
        r##"return all(struct.unpack('<i12', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i12', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-2080177663,2=0,3=13}"##,
    ),
    (
        r##"return all(struct.unpack('<i12', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i12', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=13}"##,
    ),
    (
        r##"return all(struct.unpack('<i13', string.rep('\255', 13)), struct.unpack('>I13', string.rep('\255', 13)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=14}"##,
    ),
    (
        r##"return all(struct.unpack('<i13', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i13', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-528213671423,2=0,3=14}"##,
    ),
    (
        r##"return all(struct.unpack('<i13', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i13', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=14}"##,
    ),
    (
        r##"return all(struct.unpack('<i14', string.rep('\255', 14)), struct.unpack('>I14', string.rep('\255', 14)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=15}"##,
    ),
    (
        r##"return all(struct.unpack('<i14', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i14', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-134118876446207,2=0,3=15}"##,
    ),
    (
        r##"return all(struct.unpack('<i14', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i14', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=15}"##,
    ),
    (
        r##"return all(struct.unpack('<i15', string.rep('\255', 15)), struct.unpack('>I15', string.rep('\255', 15)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=16}"##,
    ),
    (
        r##"return all(struct.unpack('<i15', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i15', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-8512963392520064p2,2=0,3=16}"##,
    ),
    (
        r##"return all(struct.unpack('<i15', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i15', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=16}"##,
    ),
    (
        r##"return all(struct.unpack('<i16', string.rep('\255', 16)), struct.unpack('>I16', string.rep('\255', 16)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=17}"##,
    ),
    (
        r##"return all(struct.unpack('<i16', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i16', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-9005268645904191p10,2=0,3=17}"##,
    ),
    (
        r##"return all(struct.unpack('<i16', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i16', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=17}"##,
    ),
    (
        r##"return all(struct.unpack('<i17', string.rep('\255', 17)), struct.unpack('>I17', string.rep('\255', 17)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=18}"##,
    ),
    (
        r##"return all(struct.unpack('<i17', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i17', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-127,2=0,3=18}"##,
    ),
    (
        r##"return all(struct.unpack('<i17', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i17', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=-128,2=0,3=18}"##,
    ),
    (
        r##"return all(struct.unpack('<i18', string.rep('\255', 18)), struct.unpack('>I18', string.rep('\255', 18)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=19}"##,
    ),
    (
        r##"return all(struct.unpack('<i18', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i18', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-32255,2=0,3=19}"##,
    ),
    (
        r##"return all(struct.unpack('<i18', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i18', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=19}"##,
    ),
    (
        r##"return all(struct.unpack('<i19', string.rep('\255', 19)), struct.unpack('>I19', string.rep('\255', 19)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=20}"##,
    ),
    (
        r##"return all(struct.unpack('<i19', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i19', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-8191487,2=0,3=20}"##,
    ),
    (
        r##"return all(struct.unpack('<i19', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i19', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=20}"##,
    ),
    (
        r##"return all(struct.unpack('<i20', string.rep('\255', 20)), struct.unpack('>I20', string.rep('\255', 20)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=21}"##,
    ),
    (
        r##"return all(struct.unpack('<i20', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i20', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-2080177663,2=0,3=21}"##,
    ),
    (
        r##"return all(struct.unpack('<i20', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i20', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=21}"##,
    ),
    (
        r##"return all(struct.unpack('<i21', string.rep('\255', 21)), struct.unpack('>I21', string.rep('\255', 21)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=22}"##,
    ),
    (
        r##"return all(struct.unpack('<i21', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i21', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-528213671423,2=0,3=22}"##,
    ),
    (
        r##"return all(struct.unpack('<i21', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i21', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=22}"##,
    ),
    (
        r##"return all(struct.unpack('<i22', string.rep('\255', 22)), struct.unpack('>I22', string.rep('\255', 22)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=23}"##,
    ),
    (
        r##"return all(struct.unpack('<i22', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i22', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-134118876446207,2=0,3=23}"##,
    ),
    (
        r##"return all(struct.unpack('<i22', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i22', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=23}"##,
    ),
    (
        r##"return all(struct.unpack('<i23', string.rep('\255', 23)), struct.unpack('>I23', string.rep('\255', 23)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=24}"##,
    ),
    (
        r##"return all(struct.unpack('<i23', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i23', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-8512963392520064p2,2=0,3=24}"##,
    ),
    (
        r##"return all(struct.unpack('<i23', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i23', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=24}"##,
    ),
    (
        r##"return all(struct.unpack('<i24', string.rep('\255', 24)), struct.unpack('>I24', string.rep('\255', 24)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=25}"##,
    ),
    (
        r##"return all(struct.unpack('<i24', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i24', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-9005268645904191p10,2=0,3=25}"##,
    ),
    (
        r##"return all(struct.unpack('<i24', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i24', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=25}"##,
    ),
    (
        r##"return all(struct.unpack('<i25', string.rep('\255', 25)), struct.unpack('>I25', string.rep('\255', 25)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=26}"##,
    ),
    (
        r##"return all(struct.unpack('<i25', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i25', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-127,2=-127,3=26}"##,
    ),
    (
        r##"return all(struct.unpack('<i25', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i25', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=-128,2=0,3=26}"##,
    ),
    (
        r##"return all(struct.unpack('<i26', string.rep('\255', 26)), struct.unpack('>I26', string.rep('\255', 26)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=27}"##,
    ),
    (
        r##"return all(struct.unpack('<i26', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i26', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-32255,2=-32510,3=27}"##,
    ),
    (
        r##"return all(struct.unpack('<i26', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i26', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=27}"##,
    ),
    (
        r##"return all(struct.unpack('<i27', string.rep('\255', 27)), struct.unpack('>I27', string.rep('\255', 27)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=28}"##,
    ),
    (
        r##"return all(struct.unpack('<i27', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i27', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-8191487,2=-8322557,3=28}"##,
    ),
    (
        r##"return all(struct.unpack('<i27', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i27', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=28}"##,
    ),
    (
        r##"return all(struct.unpack('<i28', string.rep('\255', 28)), struct.unpack('>I28', string.rep('\255', 28)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=29}"##,
    ),
    (
        r##"return all(struct.unpack('<i28', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i28', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-2080177663,2=-2130574588,3=29}"##,
    ),
    (
        r##"return all(struct.unpack('<i28', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i28', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=29}"##,
    ),
    (
        r##"return all(struct.unpack('<i29', string.rep('\255', 29)), struct.unpack('>I29', string.rep('\255', 29)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=30}"##,
    ),
    (
        r##"return all(struct.unpack('<i29', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i29', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-528213671423,2=-545427094523,3=30}"##,
    ),
    (
        r##"return all(struct.unpack('<i29', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i29', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=30}"##,
    ),
    (
        r##"return all(struct.unpack('<i30', string.rep('\255', 30)), struct.unpack('>I30', string.rep('\255', 30)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=31}"##,
    ),
    (
        r##"return all(struct.unpack('<i30', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i30', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-134118876446207,2=-139629336197882,3=31}"##,
    ),
    (
        r##"return all(struct.unpack('<i30', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i30', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=31}"##,
    ),
    (
        r##"return all(struct.unpack('<i31', string.rep('\255', 31)), struct.unpack('>I31', string.rep('\255', 31)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=32}"##,
    ),
    (
        r##"return all(struct.unpack('<i31', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i31', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-8512963392520064p2,2=-8936277516664446p2,3=32}"##,
    ),
    (
        r##"return all(struct.unpack('<i31', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i31', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=32}"##,
    ),
    (
        r##"return all(struct.unpack('<i32', string.rep('\255', 32)), struct.unpack('>I32', string.rep('\255', 32)))"##,
        r##"{"n"=3,1=-1,2=4503599627370496p12,3=33}"##,
    ),
    (
        r##"return all(struct.unpack('<i32', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i32', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=3,1=-9005268645904191p10,2=-8936277516664446p10,3=33}"##,
    ),
    (
        r##"return all(struct.unpack('<i32', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i32', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"{"n"=3,1=256,2=0,3=33}"##,
    ),
    (
        r##"return all(struct.unpack('<i33', string.rep('\255', 33)), struct.unpack('>I33', string.rep('\255', 33)))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('<i33', '\1\2\3\4\5\6\7\128' .. string.rep('\0', 30)), struct.unpack('>i33', string.rep('\0', 24) .. '\129\2\3\4\5\6\7\8\9'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('<i33', '\0\1' .. string.rep('\0', 31)), struct.unpack('<i33', '\0\0\0\0\0\0\0\0\1' .. string.rep('\0', 31)))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(hex(struct.pack('<f', 0)), hex(struct.pack('<f', -1/(1/0))), hex(struct.pack('<f', 1)), hex(struct.pack('<f', -1)), hex(struct.pack('<f', 0.1)), hex(struct.pack('<f', 1/3)), hex(struct.pack('<f', 1e38)), hex(struct.pack('<f', 3.5e38)), hex(struct.pack('<f', 1e-40)), hex(struct.pack('<f', 1e-46)), hex(struct.pack('<f', 1e300)), hex(struct.pack('<f', 1/0)), hex(struct.pack('<f', -1/0)), hex(struct.pack('<f', 0/0)), hex(struct.pack('<f', -(0/0))), hex(struct.pack('<f', 16777217)), hex(struct.pack('<f', '2.5')))"##,
        r##"{"n"=17,10="00000000",11="0000807f",12="0000807f",13="000080ff",14="0000c0ff",15="0000c07f",16="0000804b",17="00002040",1="00000000",2="00000080",3="0000803f",4="000080bf",5="cdcccc3d",6="abaaaa3e",7="9976967e",8="0000807f",9="c2160100"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>f', 0)), hex(struct.pack('>f', -1/(1/0))), hex(struct.pack('>f', 1)), hex(struct.pack('>f', -1)), hex(struct.pack('>f', 0.1)), hex(struct.pack('>f', 1/3)), hex(struct.pack('>f', 1e38)), hex(struct.pack('>f', 3.5e38)), hex(struct.pack('>f', 1e-40)), hex(struct.pack('>f', 1e-46)), hex(struct.pack('>f', 1e300)), hex(struct.pack('>f', 1/0)), hex(struct.pack('>f', -1/0)), hex(struct.pack('>f', 0/0)), hex(struct.pack('>f', -(0/0))), hex(struct.pack('>f', 16777217)), hex(struct.pack('>f', '2.5')))"##,
        r##"{"n"=17,10="00000000",11="7f800000",12="7f800000",13="ff800000",14="ffc00000",15="7fc00000",16="4b800000",17="40200000",1="00000000",2="80000000",3="3f800000",4="bf800000",5="3dcccccd",6="3eaaaaab",7="7e967699",8="7f800000",9="000116c2"}"##,
    ),
    (
        r##"return all(hex(struct.pack('<d', 0)), hex(struct.pack('<d', -1/(1/0))), hex(struct.pack('<d', 1)), hex(struct.pack('<d', -1)), hex(struct.pack('<d', 0.1)), hex(struct.pack('<d', 1/3)), hex(struct.pack('<d', 1e38)), hex(struct.pack('<d', 3.5e38)), hex(struct.pack('<d', 1e-40)), hex(struct.pack('<d', 1e-46)), hex(struct.pack('<d', 1e300)), hex(struct.pack('<d', 1/0)), hex(struct.pack('<d', -1/0)), hex(struct.pack('<d', 0/0)), hex(struct.pack('<d', -(0/0))), hex(struct.pack('<d', 16777217)), hex(struct.pack('<d', '2.5')))"##,
        r##"{"n"=17,10="61552c24ce446236",11="9c7500883ce4377e",12="000000000000f07f",13="000000000000f0ff",14="000000000000f8ff",15="000000000000f87f",16="0000001000007041",17="0000000000000440",1="0000000000000000",2="0000000000000080",3="000000000000f03f",4="000000000000f0bf",5="9a9999999999b93f",6="555555555555d53f",7="b1a1162ad3ced247",8="7bcdd3c4f874f047",9="9c577727266ca137"}"##,
    ),
    (
        r##"return all(hex(struct.pack('>d', 0)), hex(struct.pack('>d', -1/(1/0))), hex(struct.pack('>d', 1)), hex(struct.pack('>d', -1)), hex(struct.pack('>d', 0.1)), hex(struct.pack('>d', 1/3)), hex(struct.pack('>d', 1e38)), hex(struct.pack('>d', 3.5e38)), hex(struct.pack('>d', 1e-40)), hex(struct.pack('>d', 1e-46)), hex(struct.pack('>d', 1e300)), hex(struct.pack('>d', 1/0)), hex(struct.pack('>d', -1/0)), hex(struct.pack('>d', 0/0)), hex(struct.pack('>d', -(0/0))), hex(struct.pack('>d', 16777217)), hex(struct.pack('>d', '2.5')))"##,
        r##"{"n"=17,10="366244ce242c5561",11="7e37e43c8800759c",12="7ff0000000000000",13="fff0000000000000",14="fff8000000000000",15="7ff8000000000000",16="4170000010000000",17="4004000000000000",1="0000000000000000",2="8000000000000000",3="3ff0000000000000",4="bff0000000000000",5="3fb999999999999a",6="3fd5555555555555",7="47d2ced32a16a1b1",8="47f074f8c4d3cd7b",9="37a16c262777579c"}"##,
    ),
    (
        r##"return all(hex(struct.pack('f', 0)), hex(struct.pack('f', -1/(1/0))), hex(struct.pack('f', 1)), hex(struct.pack('f', -1)), hex(struct.pack('f', 0.1)), hex(struct.pack('f', 1/3)), hex(struct.pack('f', 1e38)), hex(struct.pack('f', 3.5e38)), hex(struct.pack('f', 1e-40)), hex(struct.pack('f', 1e-46)), hex(struct.pack('f', 1e300)), hex(struct.pack('f', 1/0)), hex(struct.pack('f', -1/0)), hex(struct.pack('f', 0/0)), hex(struct.pack('f', -(0/0))), hex(struct.pack('f', 16777217)), hex(struct.pack('f', '2.5')))"##,
        r##"{"n"=17,10="00000000",11="0000807f",12="0000807f",13="000080ff",14="0000c0ff",15="0000c07f",16="0000804b",17="00002040",1="00000000",2="00000080",3="0000803f",4="000080bf",5="cdcccc3d",6="abaaaa3e",7="9976967e",8="0000807f",9="c2160100"}"##,
    ),
    (
        r##"return all(hex(struct.pack('d', 0)), hex(struct.pack('d', -1/(1/0))), hex(struct.pack('d', 1)), hex(struct.pack('d', -1)), hex(struct.pack('d', 0.1)), hex(struct.pack('d', 1/3)), hex(struct.pack('d', 1e38)), hex(struct.pack('d', 3.5e38)), hex(struct.pack('d', 1e-40)), hex(struct.pack('d', 1e-46)), hex(struct.pack('d', 1e300)), hex(struct.pack('d', 1/0)), hex(struct.pack('d', -1/0)), hex(struct.pack('d', 0/0)), hex(struct.pack('d', -(0/0))), hex(struct.pack('d', 16777217)), hex(struct.pack('d', '2.5')))"##,
        r##"{"n"=17,10="61552c24ce446236",11="9c7500883ce4377e",12="000000000000f07f",13="000000000000f0ff",14="000000000000f8ff",15="000000000000f87f",16="0000001000007041",17="0000000000000440",1="0000000000000000",2="0000000000000080",3="000000000000f03f",4="000000000000f0bf",5="9a9999999999b93f",6="555555555555d53f",7="b1a1162ad3ced247",8="7bcdd3c4f874f047",9="9c577727266ca137"}"##,
    ),
    (
        r##"return all(struct.unpack('<f', struct.pack('<f', 0)), struct.unpack('<f', struct.pack('<f', -1/(1/0))), struct.unpack('<f', struct.pack('<f', 1)), struct.unpack('<f', struct.pack('<f', -1)), struct.unpack('<f', struct.pack('<f', 0.1)), struct.unpack('<f', struct.pack('<f', 1/3)), struct.unpack('<f', struct.pack('<f', 1e38)), struct.unpack('<f', struct.pack('<f', 3.5e38)), struct.unpack('<f', struct.pack('<f', 1e-40)), struct.unpack('<f', struct.pack('<f', 1e-46)), struct.unpack('<f', struct.pack('<f', 1e300)), struct.unpack('<f', struct.pack('<f', 1/0)), struct.unpack('<f', struct.pack('<f', -1/0)), struct.unpack('<f', struct.pack('<f', 0/0)), struct.unpack('<f', struct.pack('<f', -(0/0))), struct.unpack('<f', struct.pack('<f', 16777217)), struct.unpack('<f', struct.pack('<f', '2.5')))"##,
        r##"{"n"=18,10=0,11=inf,12=inf,13=-inf,14=nan,15=nan,16=16777216,17=5629499534213120p-51,18=5,1=0,2=-0,3=1,4=-1,5=7205759511166976p-56,6=6004799682117632p-54,7=5293955751084032p74,8=inf,9=4903959298834432p-185}"##,
    ),
    (
        r##"return all(struct.unpack('>f', struct.pack('>f', 0)), struct.unpack('>f', struct.pack('>f', -1/(1/0))), struct.unpack('>f', struct.pack('>f', 1)), struct.unpack('>f', struct.pack('>f', -1)), struct.unpack('>f', struct.pack('>f', 0.1)), struct.unpack('>f', struct.pack('>f', 1/3)), struct.unpack('>f', struct.pack('>f', 1e38)), struct.unpack('>f', struct.pack('>f', 3.5e38)), struct.unpack('>f', struct.pack('>f', 1e-40)), struct.unpack('>f', struct.pack('>f', 1e-46)), struct.unpack('>f', struct.pack('>f', 1e300)), struct.unpack('>f', struct.pack('>f', 1/0)), struct.unpack('>f', struct.pack('>f', -1/0)), struct.unpack('>f', struct.pack('>f', 0/0)), struct.unpack('>f', struct.pack('>f', -(0/0))), struct.unpack('>f', struct.pack('>f', 16777217)), struct.unpack('>f', struct.pack('>f', '2.5')))"##,
        r##"{"n"=18,10=0,11=inf,12=inf,13=-inf,14=nan,15=nan,16=16777216,17=5629499534213120p-51,18=5,1=0,2=-0,3=1,4=-1,5=7205759511166976p-56,6=6004799682117632p-54,7=5293955751084032p74,8=inf,9=4903959298834432p-185}"##,
    ),
    (
        r##"return all(struct.unpack('<d', struct.pack('<d', 0)), struct.unpack('<d', struct.pack('<d', -1/(1/0))), struct.unpack('<d', struct.pack('<d', 1)), struct.unpack('<d', struct.pack('<d', -1)), struct.unpack('<d', struct.pack('<d', 0.1)), struct.unpack('<d', struct.pack('<d', 1/3)), struct.unpack('<d', struct.pack('<d', 1e38)), struct.unpack('<d', struct.pack('<d', 3.5e38)), struct.unpack('<d', struct.pack('<d', 1e-40)), struct.unpack('<d', struct.pack('<d', 1e-46)), struct.unpack('<d', struct.pack('<d', 1e300)), struct.unpack('<d', struct.pack('<d', 1/0)), struct.unpack('<d', struct.pack('<d', -1/0)), struct.unpack('<d', struct.pack('<d', 0/0)), struct.unpack('<d', struct.pack('<d', -(0/0))), struct.unpack('<d', struct.pack('<d', 16777217)), struct.unpack('<d', struct.pack('<d', '2.5')))"##,
        r##"{"n"=18,10=5142201741628769p-205,11=6724873095247260p944,12=inf,13=-inf,14=nan,15=nan,16=16777217,17=5629499534213120p-51,18=9,1=0,2=-0,3=1,4=-1,5=7205759403792794p-56,6=6004799503160661p-54,7=5293955920339377p74,8=4632211430296955p76,9=4903985730770844p-185}"##,
    ),
    (
        r##"return all(struct.unpack('>d', struct.pack('>d', 0)), struct.unpack('>d', struct.pack('>d', -1/(1/0))), struct.unpack('>d', struct.pack('>d', 1)), struct.unpack('>d', struct.pack('>d', -1)), struct.unpack('>d', struct.pack('>d', 0.1)), struct.unpack('>d', struct.pack('>d', 1/3)), struct.unpack('>d', struct.pack('>d', 1e38)), struct.unpack('>d', struct.pack('>d', 3.5e38)), struct.unpack('>d', struct.pack('>d', 1e-40)), struct.unpack('>d', struct.pack('>d', 1e-46)), struct.unpack('>d', struct.pack('>d', 1e300)), struct.unpack('>d', struct.pack('>d', 1/0)), struct.unpack('>d', struct.pack('>d', -1/0)), struct.unpack('>d', struct.pack('>d', 0/0)), struct.unpack('>d', struct.pack('>d', -(0/0))), struct.unpack('>d', struct.pack('>d', 16777217)), struct.unpack('>d', struct.pack('>d', '2.5')))"##,
        r##"{"n"=18,10=5142201741628769p-205,11=6724873095247260p944,12=inf,13=-inf,14=nan,15=nan,16=16777217,17=5629499534213120p-51,18=9,1=0,2=-0,3=1,4=-1,5=7205759403792794p-56,6=6004799503160661p-54,7=5293955920339377p74,8=4632211430296955p76,9=4903985730770844p-185}"##,
    ),
];

/// Strings, alignment, offsets, `c0`, the stack limit, `size`, and
/// every error text, including how they name the function.
const CASES: &[(&str, &str)] = &[
    (
        r##"return all(struct.pack('c0', 'hello'), struct.pack('c1', 'hello'), struct.pack('c5', 'hello'), struct.pack('c', 'hello'), struct.pack('c2c3', 'ab', 'cde'))"##,
        r##"{"n"=5,1="hello",2="h",3="hello",4="h",5="abcde"}"##,
    ),
    (
        r##"return struct.pack('c6', 'hello')"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return struct.pack('c', '')"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return struct.pack('>c', '')"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return all(struct.pack('s', 'hi'), struct.pack('s', ''), struct.pack('s', 'a\0b'), struct.pack('ss', 'x', 'y'))"##,
        r##"{"n"=4,1="hi\x00",2="\x00",3="a\x00b\x00",4="x\x00y\x00"}"##,
    ),
    (
        r##"return all(struct.pack('s', 12), struct.pack('s', 1.5), struct.pack('s', 1e100), struct.pack('s', -0.1), struct.pack('s', 123456789012345), struct.pack('s', 2^63), struct.pack('s', 1/0), struct.pack('s', -1/0), struct.pack('c0', 0/0), struct.pack('c0', 1e-5), struct.pack('c0', 1e-4), struct.pack('c0', 0.1+0.2), struct.pack('c0', 100000000000000), struct.pack('c0', 1e15))"##,
        r##"{"n"=14,10="1e-05",11="0.0001",12="0.3",13="1e+14",14="1e+15",1="12\x00",2="1.5\x00",3="1e+100\x00",4="-0.1\x00",5="1.2345678901234e+14\x00",6="9.2233720368548e+18\x00",7="inf\x00",8="-inf\x00",9="-nan"}"##,
    ),
    (
        r##"return all(struct.pack('c0', -1/(1/0)), struct.pack('c0', 3.14159265358979), struct.pack('c0', 2^53), struct.pack('c0', -2^63), struct.pack('c0', 5e-324), struct.pack('c0', 1.7976931348623157e308), struct.pack('c0', 99999999999999.5), struct.pack('c0', 0.000099999999999999))"##,
        r##"{"n"=8,1="-0",2="3.1415926535898",3="9.007199254741e+15",4="-9.2233720368548e+18",5="4.9406564584125e-324",6="1.7976931348623e+308",7="1e+14",8="9.9999999999999e-05"}"##,
    ),
    (
        r##"return struct.pack('s', nil)"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return struct.pack('s')"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return struct.pack('s', {})"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got table)"##,
    ),
    (
        r##"return struct.pack('c0', true)"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got boolean)"##,
    ),
    (
        r##"return struct.pack('i')"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return struct.pack('i', nil)"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return struct.pack('i', 'abc')"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return struct.pack('i', {})"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got table)"##,
    ),
    (
        r##"return struct.pack('b', function() end)"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got function)"##,
    ),
    (
        r##"return struct.pack('f')"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return struct.pack('d', 'x')"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return struct.pack('i i', 1)"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return struct.pack()"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (string expected, got no value)"##,
    ),
    (
        r##"return struct.pack(nil)"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return struct.pack({})"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (string expected, got table)"##,
    ),
    (
        r##"return hex(struct.pack(12, 1))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '1')"##,
    ),
    (
        r##"return hex(struct.pack(4, 1))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '4')"##,
    ),
    (r##"return hex(struct.pack(''))"##, r##""""##),
    (r##"return hex(struct.pack('   '))"##, r##""""##),
    (r##"return hex(struct.pack('<>< >'))"##, r##""""##),
    (r##"return hex(struct.pack('x'))"##, r##""00""##),
    (r##"return hex(struct.pack('xxx'))"##, r##""000000""##),
    (
        r##"return hex(struct.pack('x3'))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '3')"##,
    ),
    (
        r##"return hex(struct.pack('bxh', 1, 2))"##,
        r##""01000200""##,
    ),
    (
        r##"return hex(struct.pack('!bxh', 1, 2))"##,
        r##""01000200""##,
    ),
    (
        r##"return hex(struct.pack('!2bh', 1, 2))"##,
        r##""01000200""##,
    ),
    (
        r##"return hex(struct.pack('!4bhbibd', 1, 2, 3, 4, 5, 6))"##,
        r##""010002000300000004000000050000000000000000001840""##,
    ),
    (
        r##"return hex(struct.pack('!bhbibdbf', 1, 2, 3, 4, 5, 6, 7, 8))"##,
        r##""0100020003000000040000000500000000000000000018400700000000000041""##,
    ),
    (
        r##"return hex(struct.pack('!8bhbibdbf', 1, 2, 3, 4, 5, 6, 7, 8))"##,
        r##""0100020003000000040000000500000000000000000018400700000000000041""##,
    ),
    (
        r##"return hex(struct.pack('!16bi16', 1, 2))"##,
        r##""0100000000000000000000000000000002000000000000000000000000000000""##,
    ),
    (
        r##"return hex(struct.pack('!16bi32', 1, 2))"##,
        r##""010000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000""##,
    ),
    (
        r##"return hex(struct.pack('!16bI8', 1, 2))"##,
        r##""01000000000000000200000000000000""##,
    ),
    (
        r##"return hex(struct.pack('!1bhbibd', 1, 2, 3, 4, 5, 6))"##,
        r##""0102000304000000050000000000001840""##,
    ),
    (
        r##"return hex(struct.pack('!8bi3', 1, 2))"##,
        r##""010000020000""##,
    ),
    (
        r##"return hex(struct.pack('!8bbi3', 1, 2, 3))"##,
        r##""0102030000""##,
    ),
    (
        r##"return hex(struct.pack('!8bbbi3', 1, 2, 3, 4))"##,
        r##""010203040000""##,
    ),
    (
        r##"return hex(struct.pack('!8bi5', 1, 2))"##,
        r##""01000000000200000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bi6', 1, 2))"##,
        r##""010000000000020000000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bi7', 1, 2))"##,
        r##""0100000000000002000000000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bbi6', 1, 2, 3))"##,
        r##""010200000000030000000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bbbi7', 1, 2, 3, 4))"##,
        r##""0102030000000004000000000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bbbbbi6', 1, 2, 3, 4, 5, 6))"##,
        r##""010203040500060000000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bs h', 1, 'abc', 2))"##,
        r##""0161626300000200""##,
    ),
    (
        r##"return hex(struct.pack('!8bc3 h', 1, 'abc', 2))"##,
        r##""016162630200""##,
    ),
    (
        r##"return hex(struct.pack('!8bc0 i', 1, 'abc', 2))"##,
        r##""0161626302000000""##,
    ),
    (
        r##"return hex(struct.pack('!8bx i', 1, 2))"##,
        r##""0100000002000000""##,
    ),
    (
        r##"return hex(struct.pack('!8b T', 1, 2))"##,
        r##""01000000000000000200000000000000""##,
    ),
    (
        r##"return hex(struct.pack('!4b!2h!1i', 1, 2, 3))"##,
        r##""0100020003000000""##,
    ),
    (
        r##"return hex(struct.pack('!4b >h <i', 1, 2, 3))"##,
        r##""0100000203000000""##,
    ),
    (
        r##"return hex(struct.pack('!1073741824bd', 1, 2))"##,
        r##""01000000000000000000000000000040""##,
    ),
    (
        r##"return struct.pack('!3')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return struct.pack('!0')"##,
        r##"E:user_script:22: alignment 0 is not a power of 2"##,
    ),
    (
        r##"return struct.pack('!6b', 1)"##,
        r##"E:user_script:22: alignment 6 is not a power of 2"##,
    ),
    (
        r##"return struct.pack('!2147483647')"##,
        r##"E:user_script:22: alignment 2147483647 is not a power of 2"##,
    ),
    (
        r##"return struct.pack('!2147483648')"##,
        r##"E:user_script:22: integral size overflow"##,
    ),
    (
        r##"return struct.pack('!99999999999')"##,
        r##"E:user_script:22: integral size overflow"##,
    ),
    (
        r##"return struct.pack('c2147483647', 'x')"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return struct.pack('c2147483648', 'x')"##,
        r##"E:user_script:22: integral size overflow"##,
    ),
    (
        r##"return struct.pack('i2147483647', 1)"##,
        r##"E:user_script:22: integral size 2147483647 is larger than limit of 32"##,
    ),
    (
        r##"return struct.pack('i33', 1)"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return struct.pack('I40', 1)"##,
        r##"E:user_script:22: integral size 40 is larger than limit of 32"##,
    ),
    (
        r##"return struct.pack('i032', 1)"##,
        r##""\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00""##,
    ),
    (
        r##"return hex(struct.pack('i032', 1))"##,
        r##""0100000000000000000000000000000000000000000000000000000000000000""##,
    ),
    (r##"return hex(struct.pack('i0000', 1))"##, r##""""##),
    (r##"return hex(struct.pack('i00001', 1))"##, r##""01""##),
    (
        r##"return struct.pack('z')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (
        r##"return struct.pack('bz', 1)"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (
        r##"return struct.pack('5', 1)"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '5')"##,
    ),
    (
        r##"return struct.pack('s5', 'a')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '5')"##,
    ),
    (
        r##"return struct.pack('#')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return struct.pack('\200')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '\xc8')"##,
    ),
    (
        r##"return struct.pack('\255')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '\xff')"##,
    ),
    (
        r##"return struct.pack('a\255')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'a')"##,
    ),
    (
        r##"return struct.pack('=')"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '=')"##,
    ),
    (
        r##"return struct.pack('j', 1)"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'j')"##,
    ),
    (
        r##"return struct.pack('n', 1)"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'n')"##,
    ),
    (
        r##"return struct.pack('z', 1, 2, 3)"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (r##"return hex(struct.pack('b\0z', 1))"##, r##""01""##),
    (r##"return hex(struct.pack('\0z'))"##, r##""""##),
    (r##"return hex(struct.pack('b', 1, 2, 3))"##, r##""01""##),
    (
        r##"return hex(struct.pack('>i', 1, 'extra'))"##,
        r##""00000001""##,
    ),
    (
        r##"return struct:pack('i')"##,
        r##"E:user_script:22: calling 'pack' on bad self (string expected, got table)"##,
    ),
    (
        r##"return struct:pack()"##,
        r##"E:user_script:22: calling 'pack' on bad self (string expected, got table)"##,
    ),
    (
        r##"return struct:unpack('i')"##,
        r##"E:user_script:22: calling 'unpack' on bad self (string expected, got table)"##,
    ),
    (
        r##"return struct:size()"##,
        r##"E:user_script:22: calling 'size' on bad self (string expected, got table)"##,
    ),
    (
        r##"return struct.pack('c3', 'a')"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return struct.pack('bc3', 1, 'a')"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (string too short)"##,
    ),
    (
        r##"return struct.pack('bbbc3', 1, 2, 3, 'a')"##,
        r##"E:user_script:22: bad argument #6 to 'pack' (string too short)"##,
    ),
    (
        r##"return struct.pack('bbbs', 1, 2, 3)"##,
        r##"E:user_script:22: bad argument #5 to 'pack' (string expected, got nil)"##,
    ),
    (r##"return struct.pack('b', 1, 2) .. ''"##, r##""\x01""##),
    (r##"return select('#', struct.pack('b', 1))"##, r##"1"##),
    (r##"return type(struct.pack('b', 1))"##, r##""string""##),
    (
        r##"return all(struct.unpack('b', '\1'))"##,
        r##"{"n"=2,1=1,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('b', '\255'))"##,
        r##"{"n"=2,1=-1,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('B', '\255'))"##,
        r##"{"n"=2,1=255,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('bBhHlLTiI', string.rep('\255', 48)))"##,
        r##"{"n"=10,10=39,1=-1,2=255,3=-1,4=65535,5=-1,6=4503599627370496p12,7=4503599627370496p12,8=-1,9=4294967295}"##,
    ),
    (
        r##"return all(struct.unpack('>bBhHlLTiI', string.rep('\128', 48)))"##,
        r##"{"n"=10,10=39,1=-128,2=128,3=-32640,4=32896,5=-8971876904722400p10,6=4521260802379792p11,7=4521260802379792p11,8=-2139062144,9=2155905152}"##,
    ),
    (
        r##"return all(struct.unpack('<bBhHlLTiI', string.rep('\128', 48)))"##,
        r##"{"n"=10,10=39,1=-128,2=128,3=-32640,4=32896,5=-8971876904722400p10,6=4521260802379792p11,7=4521260802379792p11,8=-2139062144,9=2155905152}"##,
    ),
    (
        r##"return all(struct.unpack('<h', '\1\2'))"##,
        r##"{"n"=2,1=513,2=3}"##,
    ),
    (
        r##"return all(struct.unpack('>h', '\1\2'))"##,
        r##"{"n"=2,1=258,2=3}"##,
    ),
    (
        r##"return all(struct.unpack('h', '\1\2'))"##,
        r##"{"n"=2,1=513,2=3}"##,
    ),
    (
        r##"return all(struct.unpack('<l', '\1\2\3\4\5\6\7\8'))"##,
        r##"{"n"=2,1=4519044498064900p7,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>l', '\1\2\3\4\5\6\7\8'))"##,
        r##"{"n"=2,1=4538991236898928p4,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>L', '\255\255\255\255\255\255\255\255'))"##,
        r##"{"n"=2,1=4503599627370496p12,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>L', '\128\0\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=4503599627370496p11,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>l', '\128\0\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=-4503599627370496p11,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>L', '\0\32\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=4503599627370496p1,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>L', '\0\31\255\255\255\255\255\255'))"##,
        r##"{"n"=2,1=9007199254740991,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('>l', '\255\224\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=-9007199254740991,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('b', ''))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('i', '123'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('i', '1234'))"##,
        r##"{"n"=2,1=875770417,2=5}"##,
    ),
    (
        r##"return all(struct.unpack('i', '12345'))"##,
        r##"{"n"=2,1=875770417,2=5}"##,
    ),
    (
        r##"return all(struct.unpack('i', '12345', 2))"##,
        r##"{"n"=2,1=892613426,2=6}"##,
    ),
    (
        r##"return all(struct.unpack('i', '12345', 3))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('i', '12345', 6))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 6))"##,
        r##"{"n"=1,1=6}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 7))"##,
        r##"{"n"=1,1=7}"##,
    ),
    (
        r##"return all(struct.unpack('x', '12345', 6))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 100))"##,
        r##"{"n"=1,1=100}"##,
    ),
    (r##"return all(struct.unpack('', ''))"##, r##"{"n"=1,1=1}"##),
    (
        r##"return all(struct.unpack('', '', 1))"##,
        r##"{"n"=1,1=1}"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', 0))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', -1))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', -1))"##,
        r##"{"n"=1,1=-1}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', -2^63))"##,
        r##"{"n"=1,1=-4503599627370496p11}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 2^63))"##,
        r##"{"n"=1,1=-4503599627370496p11}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 2^64))"##,
        r##"{"n"=1,1=-4503599627370496p11}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 0/0))"##,
        r##"{"n"=1,1=-4503599627370496p11}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 1/0))"##,
        r##"{"n"=1,1=-4503599627370496p11}"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 0.5))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return all(struct.unpack('', '12345', 1.9))"##,
        r##"{"n"=1,1=1}"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', 2.9))"##,
        r##"{"n"=2,1=50,2=3}"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', '3'))"##,
        r##"{"n"=2,1=51,2=4}"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', ' 0x4 '))"##,
        r##"{"n"=2,1=52,2=5}"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', 'x'))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', {}))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (number expected, got table)"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', nil))"##,
        r##"{"n"=2,1=49,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', false))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (number expected, got boolean)"##,
    ),
    (
        r##"return all(struct.unpack('b', '12345', 1, 'extra'))"##,
        r##"{"n"=2,1=49,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('b'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (string expected, got no value)"##,
    ),
    (
        r##"return all(struct.unpack('b', nil))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (string expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('b', {}))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (string expected, got table)"##,
    ),
    (
        r##"return all(struct.unpack(nil, ''))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (string expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack())"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (string expected, got no value)"##,
    ),
    (
        r##"return all(struct.unpack(1, '1'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '1')"##,
    ),
    (
        r##"return all(struct.unpack('b', 12))"##,
        r##"{"n"=2,1=49,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('c0', 1.5))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('c2c0', 1.5))"##,
        r##"{"n"=2,1="5",2=4}"##,
    ),
    (
        r##"return all(struct.unpack('xc0', 1.5))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('c3', 'abcdef'))"##,
        r##"{"n"=2,1="abc",2=4}"##,
    ),
    (
        r##"return all(struct.unpack('c3c3', 'abcdef'))"##,
        r##"{"n"=3,1="abc",2="def",3=7}"##,
    ),
    (
        r##"return all(struct.unpack('c3c4', 'abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('c', 'abcdef'))"##,
        r##"{"n"=2,1="a",2=2}"##,
    ),
    (
        r##"return all(struct.unpack('c0', 'abcdef'))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('bc0', '\3abcdef'))"##,
        r##"{"n"=2,1="abc",2=5}"##,
    ),
    (
        r##"return all(struct.unpack('bc0', '\7abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('bc0', '\6abcdef'))"##,
        r##"{"n"=2,1="abcdef",2=8}"##,
    ),
    (
        r##"return all(struct.unpack('bc0', '\0abcdef'))"##,
        r##"{"n"=2,1="",2=2}"##,
    ),
    (
        r##"return all(struct.unpack('bc0', '\255abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('Bc0', '\255abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('bc0b', '\2abcdef'))"##,
        r##"{"n"=3,1="ab",2=99,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('c1c0', '3abcdef'))"##,
        r##"{"n"=2,1="abc",2=5}"##,
    ),
    (
        r##"return all(struct.unpack('c1c0', 'xabcdef'))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('c2c0', ' 2abcdef'))"##,
        r##"{"n"=2,1="ab",2=5}"##,
    ),
    (
        r##"return all(struct.unpack('c3c0', '0x2abcdef'))"##,
        r##"{"n"=2,1="ab",2=6}"##,
    ),
    (
        r##"return all(struct.unpack('c0c0', 'abcdef'))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('bc0c0', '\1\2abcdef'))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('bc0bc0', '\1a\2bcdef'))"##,
        r##"{"n"=3,1="a",2="bc",3=6}"##,
    ),
    (
        r##"return all(struct.unpack('bxc0', '\1\2abcdef'))"##,
        r##"{"n"=2,1="a",2=4}"##,
    ),
    (
        r##"return all(struct.unpack('b<c0', '\1\2abcdef'))"##,
        r##"{"n"=2,1="\x02",2=3}"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 2.9) .. 'abcdef'))"##,
        r##"{"n"=2,1="ab",2=11}"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', -1) .. 'abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 0/0) .. 'abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 2^64) .. 'abcdef'))"##,
        r##"{"n"=2,1="",2=9}"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 2^64 + 2^13) .. 'abcdef'))"##,
        r##"{"n"=2,1="",2=9}"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 2^63) .. 'abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 1/0) .. 'abcdef'))"##,
        r##"{"n"=2,1="",2=9}"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', -1/0) .. 'abcdef'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', 2^65) .. 'abcdef'))"##,
        r##"{"n"=2,1="",2=9}"##,
    ),
    (
        r##"return all(struct.unpack('<dc0', struct.pack('<d', -0.5) .. 'abcdef'))"##,
        r##"{"n"=2,1="",2=9}"##,
    ),
    (
        r##"return all(struct.unpack('s', 'abc\0def'))"##,
        r##"{"n"=2,1="abc",2=5}"##,
    ),
    (
        r##"return all(struct.unpack('ss', 'abc\0def\0'))"##,
        r##"{"n"=3,1="abc",2="def",3=9}"##,
    ),
    (
        r##"return all(struct.unpack('ss', 'abc\0def'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return all(struct.unpack('s', ''))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return all(struct.unpack('s', '\0'))"##,
        r##"{"n"=2,1="",2=2}"##,
    ),
    (
        r##"return all(struct.unpack('bs', '\1\0'))"##,
        r##"{"n"=3,1=1,2="",3=3}"##,
    ),
    (
        r##"return all(struct.unpack('s', 'abc\0', 4))"##,
        r##"{"n"=2,1="",2=5}"##,
    ),
    (
        r##"return all(struct.unpack('s', 'abc\0', 5))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return all(struct.unpack('s', 'abc\0', 6))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('x', 'a'))"##,
        r##"{"n"=1,1=2}"##,
    ),
    (
        r##"return all(struct.unpack('xx', 'a'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('xb', 'ab'))"##,
        r##"{"n"=2,1=98,2=3}"##,
    ),
    (
        r##"return all(struct.unpack('!bh', '\1\0\2\0'))"##,
        r##"{"n"=3,1=1,2=2,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('!bh', '\1\0\2'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('!4bi', '\1\0\0\0\2\0\0\0'))"##,
        r##"{"n"=3,1=1,2=2,3=9}"##,
    ),
    (
        r##"return all(struct.unpack('!4bi', '\1\0\0\0\2\0\0\0', 2))"##,
        r##"{"n"=3,1=0,2=2,3=9}"##,
    ),
    (
        r##"return all(struct.unpack('!4bi', '\1\0\0\0\2\0\0\0\3\0\0\0', 2))"##,
        r##"{"n"=3,1=0,2=2,3=9}"##,
    ),
    (
        r##"return all(struct.unpack('!8bd', struct.pack('!8bd', 7, 1.25)))"##,
        r##"{"n"=3,1=7,2=5629499534213120p-52,3=17}"##,
    ),
    (
        r##"return all(struct.unpack('!8bi3b', '\1\2\3\4\5\6\7\8\9'))"##,
        r##"{"n"=4,1=1,2=394500,3=7,4=8}"##,
    ),
    (
        r##"return all(struct.unpack('!8bbi3b', '\1\2\3\4\5\6\7\8\9\10'))"##,
        r##"{"n"=5,1=1,2=2,3=328707,4=6,5=7}"##,
    ),
    (
        r##"return all(struct.unpack('!8bbbi3b', '\1\2\3\4\5\6\7\8\9\10\11'))"##,
        r##"{"n"=6,1=1,2=2,3=3,4=394500,5=7,6=8}"##,
    ),
    (
        r##"return all(struct.unpack('!8bi6', '\1\2\3\4\5\6\7\8\9\10\11\12\13\14\15\16'))"##,
        r##"{"n"=3,1=1,2=13241552537607,3=13}"##,
    ),
    (
        r##"return all(struct.unpack('!8bbbbbi6', '\1\2\3\4\5\6\7\8\9\10\11\12\13\14\15\16'))"##,
        r##"{"n"=7,1=1,2=2,3=3,4=4,5=5,6=13241552537607,7=13}"##,
    ),
    (
        r##"return all(struct.unpack('z', 'abc'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option 'z')"##,
    ),
    (
        r##"return all(struct.unpack('bz', 'abc'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option 'z')"##,
    ),
    (
        r##"return all(struct.unpack('b#', 'abc'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('!3', 'abc'))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return all(struct.unpack('i33', 'abc'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('i99999999999', 'abc'))"##,
        r##"E:user_script:22: integral size overflow"##,
    ),
    (
        r##"return all(struct.unpack('\255', 'abc'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '\xff')"##,
    ),
    (
        r##"return all(struct.unpack('b\0z', 'abc'))"##,
        r##"{"n"=2,1=97,2=2}"##,
    ),
    (
        r##"return all(struct.unpack('>bhi', struct.pack('>bhi', -1, -2, -3)))"##,
        r##"{"n"=4,1=-1,2=-2,3=-3,4=8}"##,
    ),
    (
        r##"return all(struct.unpack('<BHI', struct.pack('<bhi', -1, -2, -3)))"##,
        r##"{"n"=4,1=255,2=65534,3=4294967293,4=8}"##,
    ),
    (
        r##"return all(struct.unpack('<i3', struct.pack('<i3', -5)))"##,
        r##"{"n"=2,1=-5,2=4}"##,
    ),
    (
        r##"return all(struct.unpack('>I3', struct.pack('>i3', -5)))"##,
        r##"{"n"=2,1=16777211,2=4}"##,
    ),
    (
        r##"return all(struct.unpack('<i5 >i6 <I7', struct.pack('<i5 >i6 <I7', -2^35, 2^40 + 7, 2^55 - 1)))"##,
        r##"{"n"=4,1=-34359738368,2=1099511627783,3=4503599627370496p3,4=19}"##,
    ),
    (
        r##"return all(struct.unpack('<I8', struct.pack('<I8', 2^64 - 2^11)))"##,
        r##"{"n"=2,1=9007199254740991p11,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('<i8', struct.pack('<I8', 2^64 - 2^11)))"##,
        r##"{"n"=2,1=-2048,2=9}"##,
    ),
    (
        r##"return all(struct.unpack('c0', ''))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('i0', ''))"##,
        r##"{"n"=2,1=0,2=1}"##,
    ),
    (
        r##"return all(struct.unpack('i0i0', 'abc'))"##,
        r##"{"n"=3,1=0,2=0,3=1}"##,
    ),
    (
        r##"return all(struct.unpack('I0', 'abc', 4))"##,
        r##"{"n"=2,1=0,2=4}"##,
    ),
    (
        r##"return all(struct.unpack('I0', 'abc', 5))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7996), string.rep('\1', 8000)))"##,
        r##"7997"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7997), string.rep('\1', 8000)))"##,
        r##"7998"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7995), string.rep('\1', 8000), 1))"##,
        r##"7996"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7996), string.rep('\1', 8000), 1))"##,
        r##"7997"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7996) .. 'x', string.rep('\1', 8000)))"##,
        r##"7997"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7995) .. 'x', string.rep('\1', 8000)))"##,
        r##"7996"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7995) .. ' x', string.rep('\1', 8000)))"##,
        r##"7996"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('b', 7995) .. 'bc0', string.rep('\1', 8000)))"##,
        r##"7997"##,
    ),
    (
        r##"return select('#', struct.unpack(string.rep('x', 20000), string.rep('\1', 20000)))"##,
        r##"1"##,
    ),
    (
        r##"return select('#', struct.unpack('b', 'x', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))"##,
        r##"2"##,
    ),
    (r##"return struct.size('')"##, r##"0"##),
    (r##"return struct.size('b')"##, r##"1"##),
    (r##"return struct.size('bBhHlLTiIfdx')"##, r##"51"##),
    (r##"return struct.size('!bBhHlLTiIfdx')"##, r##"57"##),
    (r##"return struct.size('!4bBhHlLTiIfdx')"##, r##"53"##),
    (r##"return struct.size('!2bBhHlLTiIfdx')"##, r##"51"##),
    (r##"return struct.size('<>! ')"##, r##"0"##),
    (r##"return struct.size('c10')"##, r##"10"##),
    (r##"return struct.size('c10c20')"##, r##"30"##),
    (r##"return struct.size('c')"##, r##"1"##),
    (r##"return struct.size('i3i5i7i32')"##, r##"47"##),
    (r##"return struct.size('!i3i5i7i32')"##, r##"56"##),
    (r##"return struct.size('!8bi3')"##, r##"6"##),
    (r##"return struct.size('z')"##, r##"0"##),
    (r##"return struct.size('zZaA09')"##, r##"0"##),
    (r##"return struct.size('5b')"##, r##"1"##),
    (r##"return struct.size('i0')"##, r##"0"##),
    (
        r##"return struct.size('s')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return struct.size('bs')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return struct.size('c0')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return struct.size('bc0')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return struct.size('#')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return struct.size('b#')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return struct.size('\128')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '\x80')"##,
    ),
    (
        r##"return struct.size('!3')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (r##"return struct.size('!')"##, r##"0"##),
    (r##"return struct.size('!b!d')"##, r##"16"##),
    (
        r##"return struct.size('i33')"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return struct.size('c99999999999')"##,
        r##"E:user_script:22: integral size overflow"##,
    ),
    (
        r##"return struct.size('c2147483647c2147483647c2147483647')"##,
        r##"6442450941"##,
    ),
    (
        r##"return struct.size('c2147483647c2147483647c2147483647c2147483647c2147483647c2147483647c2147483647c2147483647c2147483647')"##,
        r##"19327352823"##,
    ),
    (
        r##"return struct.size()"##,
        r##"E:user_script:22: bad argument #1 to 'size' (string expected, got no value)"##,
    ),
    (
        r##"return struct.size(nil)"##,
        r##"E:user_script:22: bad argument #1 to 'size' (string expected, got nil)"##,
    ),
    (
        r##"return struct.size({})"##,
        r##"E:user_script:22: bad argument #1 to 'size' (string expected, got table)"##,
    ),
    (r##"return struct.size(123)"##, r##"0"##),
    (r##"return struct.size(4)"##, r##"0"##),
    (r##"return struct.size('b\0s')"##, r##"1"##),
    (r##"return struct.size('b', 'extra')"##, r##"1"##),
    (r##"return all(struct.size('b'))"##, r##"{"n"=1,1=1}"##),
    (r##"return type(struct.size('b'))"##, r##""number""##),
    (r##"return type(struct.size)"##, r##""function""##),
    (
        r##"return struct.pack('<i', 7) == struct.pack('<i4', 7)"##,
        r##"true"##,
    ),
    (
        r##"local f = struct.pack return f('z')"##,
        r##"E:user_script:22: bad argument #1 to 'f' (invalid format option 'z')"##,
    ),
    (
        r##"local f = struct.pack return f('i')"##,
        r##"E:user_script:22: bad argument #2 to 'f' (number expected, got nil)"##,
    ),
    (
        r##"local t = {p = struct.pack} return t.p('i')"##,
        r##"E:user_script:22: bad argument #2 to 'p' (number expected, got nil)"##,
    ),
    (
        r##"local t = {p = struct.pack} return t:p('i')"##,
        r##"E:user_script:22: calling 'p' on bad self (string expected, got table)"##,
    ),
    (
        r##"local t = {p = struct.pack} return t:p()"##,
        r##"E:user_script:22: calling 'p' on bad self (string expected, got table)"##,
    ),
    (
        r##"local t = {u = struct.unpack} return t:u('b')"##,
        r##"E:user_script:22: calling 'u' on bad self (string expected, got table)"##,
    ),
    (
        r##"local t = {u = struct.unpack} return t:u()"##,
        r##"E:user_script:22: calling 'u' on bad self (string expected, got table)"##,
    ),
    (
        r##"local s = struct return s.unpack('b', 'x', 0)"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return select(2, pcall(struct.pack, 'z'))"##,
        r##""bad argument #1 to '?' (invalid format option 'z')""##,
    ),
    (
        r##"return select(2, pcall(struct.pack, 'i'))"##,
        r##""bad argument #2 to '?' (number expected, got nil)""##,
    ),
    (
        r##"return select(2, pcall(struct.pack, '!3'))"##,
        r##""alignment 3 is not a power of 2""##,
    ),
    (
        r##"return select(2, pcall(struct.unpack, 'b', ''))"##,
        r##""bad argument #2 to '?' (data string too short)""##,
    ),
    (
        r##"return select(2, pcall(struct.unpack, 'c0', ''))"##,
        r##""format 'c0' needs a previous size""##,
    ),
    (
        r##"return select(2, pcall(struct.size, 's'))"##,
        r##""bad argument #1 to '?' (option 's' has no fixed size)""##,
    ),
    (
        r##"return select(2, pcall(struct.size, '\255'))"##,
        r##""bad argument #1 to '?' (invalid format option '\xff')""##,
    ),
    (
        r##"local f = struct.unpack return select(2, pcall(function() return f('i', '') end))"##,
        r##""user_script:22: bad argument #2 to 'f' (data string too short)""##,
    ),
    (
        r##"return struct.unpack('>H', struct.pack('>H', 0xbeef))"##,
        r##"48879"##,
    ),
    (
        r##"return all(struct.unpack('<HHH', struct.pack('<HHH', 1, 2, 3)))"##,
        r##"{"n"=4,1=1,2=2,3=3,4=7}"##,
    ),
    (
        r##"return all(struct.unpack('c2 c2', 'ab cd'))"##,
        r##"{"n"=3,1="ab",2=" c",3=5}"##,
    ),
    (
        r##"return all(struct.unpack('!2 b h', '\1\0\2\0'))"##,
        r##"{"n"=3,1=1,2=2,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('bhld', struct.pack('bhld', -8, 1000, -123456789, 0.25)))"##,
        r##"{"n"=5,1=-8,2=1000,3=-123456789,4=4503599627370496p-54,5=20}"##,
    ),
    (
        r##"return all(struct.unpack('>bhld', struct.pack('>bhld', -8, 1000, -123456789, 0.25)))"##,
        r##"{"n"=5,1=-8,2=1000,3=-123456789,4=4503599627370496p-54,5=20}"##,
    ),
    (
        r##"return all(struct.unpack('s c0', struct.pack('s b c0', 'name', 3, 'abc')))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('b c0', struct.pack('b c0', 3, 'abc')))"##,
        r##"{"n"=2,1="abc",2=5}"##,
    ),
    (
        r##"return all(struct.unpack('>I2 c0', struct.pack('>I2 c0', 5, 'hello')))"##,
        r##"{"n"=2,1="hello",2=8}"##,
    ),
    (
        r##"return all(struct.unpack('<i9', '\0\1\0\0\0\0\0\0\0'))"##,
        r##"{"n"=2,1=-128,2=10}"##,
    ),
    (
        r##"return all(struct.unpack('<i9', '\127\0\0\0\0\0\0\0\0'))"##,
        r##"{"n"=2,1=127,2=10}"##,
    ),
    (
        r##"return all(struct.unpack('<i9', '\128\0\0\0\0\0\0\0\0'))"##,
        r##"{"n"=2,1=-128,2=10}"##,
    ),
    (
        r##"return all(struct.unpack('<I9', '\128\0\0\0\0\0\0\0\255'))"##,
        r##"{"n"=2,1=128,2=10}"##,
    ),
    (
        r##"return all(struct.unpack('>i12', '\255\255\255\255\0\0\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=1,2=13}"##,
    ),
    (
        r##"return all(struct.unpack('>i12', '\0\0\0\0\255\0\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=-2147483647,2=13}"##,
    ),
    (
        r##"return all(struct.unpack('>i10', '\0\0\0\0\0\0\0\0\0\1'))"##,
        r##"{"n"=2,1=1,2=11}"##,
    ),
    (
        r##"return all(struct.unpack('>i10', '\0\0\0\0\0\0\0\0\128\1'))"##,
        r##"{"n"=2,1=-32767,2=11}"##,
    ),
    (
        r##"return all(struct.unpack('>i10', '\0\0\0\0\0\0\0\0\127\1'))"##,
        r##"{"n"=2,1=32513,2=11}"##,
    ),
    (
        r##"return all(struct.unpack('>i24', string.rep('\0', 21) .. '\1\0\0'))"##,
        r##"{"n"=2,1=65536,2=25}"##,
    ),
    (
        r##"return all(struct.unpack('>i24', string.rep('\0', 21) .. '\128\0\0'))"##,
        r##"{"n"=2,1=8388608,2=25}"##,
    ),
    (
        r##"return all(struct.unpack('>i32', string.rep('\0', 31) .. '\1'))"##,
        r##"{"n"=2,1=1,2=33}"##,
    ),
    (
        r##"return all(struct.unpack('>i32', string.rep('\0', 24) .. '\128' .. string.rep('\0', 7)))"##,
        r##"{"n"=2,1=-4503599627370496p11,2=33}"##,
    ),
    (
        r##"return all(struct.unpack('>i17', string.rep('\0', 14) .. '\1\0\0'))"##,
        r##"{"n"=2,1=-128,2=18}"##,
    ),
    (
        r##"return hex(struct.pack('<i9', -2^63))"##,
        r##""000000000000008000""##,
    ),
    (
        r##"return hex(struct.pack('>i9', -1))"##,
        r##""00ffffffffffffffff""##,
    ),
    (
        r##"return hex(struct.pack('>I10', 2^64-2^11))"##,
        r##""0000fffffffffffff800""##,
    ),
];

/// Pseudo-random pack/unpack loops written in Lua, checksummed.
const ROUND_TRIPS: &[(&str, &str)] = &[
    (
        r##"local seed = 2024 local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end local opts = {'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I', 'i3', 'I5', 'i7', 'f', 'd', 's', 'c3', 'x', '<', '>', '!', '!2', '!4', ' '} local sum, bad = 0, 0 for i = 1, 300 do local fmt, args = '', {} for j = 1, rnd(8) do local o = opts[1 + rnd(#opts)] fmt = fmt .. o local c = o:sub(1, 1) if c == 's' or c == 'c' then args[#args + 1] = string.rep(string.char(65 + rnd(26)), 3 + rnd(5)) elseif c:match('[bBhHlLTiIfd]') then args[#args + 1] = rnd(200) - 100 end end local p = struct.pack(fmt, unpack(args)) for j = 1, #p do sum = (sum * 31 + p:byte(j)) % 2147483647 end local r = {struct.unpack(fmt, p)} if r[#r] ~= #p + 1 then bad = bad + 1 end if struct.size((fmt:gsub('s', 'c3'))) < 0 then bad = bad + 1 end end return all(sum, bad)"##,
        r##"{"n"=2,1=632678914,2=0}"##,
    ),
    (
        r##"local seed = 5 local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end local sum = 0 for i = 1, 400 do local n = rnd(2147483647) * 2 ^ (rnd(60) - 20) * (rnd(2) == 1 and -1 or 1) local fmt = ({'<l', '>L', '<i4', '>I2', 'b', '<d', '>f', '<i16', '>I9', 'T'})[1 + rnd(10)] local p = struct.pack(fmt, n) local v = struct.unpack(fmt, p) for j = 1, #p do sum = (sum * 31 + p:byte(j)) % 2147483647 end sum = (sum * 3 + (v == n and 1 or 0)) % 2147483647 end return sum"##,
        r##"694274843"##,
    ),
    (
        r##"local seed = 77 local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end local chars = 'bBhHlLTiIfdxcs <>!0123456789z#' local sum = 0 for i = 1, 400 do local fmt = '' for j = 1, 1 + rnd(6) do local k = 1 + rnd(#chars) fmt = fmt .. chars:sub(k, k) end local data = '' for j = 1, rnd(20) do data = data .. string.char(rnd(256)) end local ok, r = pcall(function() return {struct.unpack(fmt, data)} end) local ok2, r2 = pcall(struct.size, fmt) local text = ok and tostring(#r) or r sum = (sum * 31 + #text + (ok2 and 7 or 3)) % 1000000007 end return sum"##,
        r##"959791582"##,
    ),
];

/// Random formats, data and arguments, mostly invalid.
const RANDOM: &[(&str, &str)] = &[
    (
        r##"return all(struct.unpack('B= !8zi33', '\128\210\127X\223\017\026;=\242E\173\0028'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (
        r##"return all(struct.unpack('i33Txi3iI12#', '\246\193\249\129\0138}\212\092\227\001\233J%\153\171\245\253\1530\029\143\169M\171\190H'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('#c5xhi0<c5', '~\140', 829300063609, 65536.25, '~\016\007\215', 1053858370264, 180))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('Bi9I2c5', -140, '41', '\226m', '34'))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('!8B=!L>i9', 'q\092EM\008'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (
        r##"return struct.size('c5i1!3>>I5b')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return struct.size('h!16!16i16 #!8')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('xHs', '\201\210!T\030'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return hex(struct.pack('lc!2 '))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (r##"return struct.size(' <')"##, r##"0"##),
    (
        r##"return all(struct.unpack('sI2fI5', '\226\228_\000\224_q\182\2195X\180\151|\251\175\003\186\168N\207\187q'))"##,
        r##"{"n"=5,1="\xe2\xe4_",2=24544,3=7730452043399168p-72,4=1080127108184,5=16}"##,
    ),
    (
        r##"return hex(struct.pack(' h', 846491953722, '29', '', -93))"##,
        r##""3a2a""##,
    ),
    (
        r##"return all(struct.unpack('!16c0i16i9', 'v2F\245\179\031\168xmv\224\130{Xa\004\163<\203^\166\168\153 M', 7))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('i9d!i0I5l', '\224\206m\039\179\150\202\140\153]oZ9\179\231\226\1723\030s\007\182\151\234\028\128\027'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('x', '\204\248\219\136\024\255\243\008SQ1\252\015\225\255\011\192\188\228\185t\017|\244\254\221\0161C\166'))"##,
        r##"{"n"=1,1=2}"##,
    ),
    (
        r##"return all(struct.unpack('i16#c0I12i', '\200\225\212\2426~\029`uZ\008'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return struct.size('sH<I5i9c')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('c0H', '\229=\027\241\178w`J:u\158\178\134\145', -1))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('#', true, -706209064073, 727301154585, 2^64, 0.5))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('x', '\134\133\2059\215@%PY\0203C\182\227\141\213\009GE\209', 2))"##,
        r##"{"n"=1,1=3}"##,
    ),
    (
        r##"return hex(struct.pack('bi3di3'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('#fx', '"\207\189::\173L\207\006\165>\2411\015'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('s >', 1001187788038, 183))"##,
        r##""3130303131383737383830333800""##,
    ),
    (
        r##"return hex(struct.pack('i16i9di16=', -74719506088, '81', '39'))"##,
        r##"E:user_script:22: bad argument #5 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('sdh!8', '\156\166\149f#\165A\202\178/\213\028\179'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return hex(struct.pack('i33!16bi1', -257226843383, -51))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (r##"return struct.size('I5>i16')"##, r##"21"##),
    (
        r##"return struct.size('B!8Bi33 ')"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('!3b', '', -160, 49560324652))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return struct.size('s')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return hex(struct.pack('!3i3i1s', '36', 0.5))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return all(struct.unpack('I', '\237\254W\215\246\206\254\179.\190\176-\182\231\187s\216\007x%l\166\192$2\172j@'))"##,
        r##"{"n"=2,1=3612868333,2=5}"##,
    ),
    (
        r##"return all(struct.unpack('L#ilc2i0', '\186,\2305\207\255\162\009\234\235\161\135\206Q\203h\012\010v8^\140\246'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('I', -258781144206, -722398101226, -1054990533244, nil, -682867684183))"##,
        r##""721b71bf""##,
    ),
    (
        r##"return hex(struct.pack('c5I5xI5 I12I12', -248, -114, -937533310687))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return all(struct.unpack('I5', '\155^X\1920\209\137?\134\238\186:\030\241\151\132\251\196]\149\146\023\156o(\145', -2))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('I2I12', '\170\013&!$\187\008#\221\241\164\155'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('TBc5i0'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('!16i1I2!8c0hs', 'g|\017\194', 65536.25, -219737659267, -226674333181))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('I5I5', 'z\177\229\249\026q\039\232\176\144\144;f\224n\253:\219?\007`\181\173'))"##,
        r##"{"n"=3,1=115861729658,2=621443295089,3=11}"##,
    ),
    (
        r##"return all(struct.unpack('I12c0bic2I5', '\167\021\247\014Q\173Z\171|\178\195\215x\255\228\194\130'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('I>h><I12', '\127\156\204\234B'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('c5c', 'b\230,\174\241\251[\197\007t\174B\227\148\221\157\255\136\015\158\146\129\201\193\133\229\196 /\209\030"\179\163\139\219'))"##,
        r##"{"n"=3,1="b\xe6,\xae\xf1",2="\xfb",3=7}"##,
    ),
    (
        r##"return all(struct.unpack('!8i9xs!8', '\219F\021\253\028+\2176\195"T\169\200\020;3\154\226k\235Xc\165c\176B\252T$\204\016\198\129\138&\242~_\181'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return hex(struct.pack('ii9', '66', 65536.25, -608903473285, 1/0, true, nil))"##,
        r##""42000000000001000000000000""##,
    ),
    (
        r##"return all(struct.unpack('c2<!4f#', 'y\039\225r\023\204b\017z\188\204yS\137b\226\002\011\171A\136\190\212h\220$\003\189t\217@\214 Di\201'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('i', 2^64, -958412510265, -1/0, 623091114690, 1009046685960, '\238\220\010'))"##,
        r##""00000000""##,
    ),
    (
        r##"return all(struct.unpack('b<!3I', ')\159\183\127'))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return hex(struct.pack('==B', -334583424671, -86266487503, '7'))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '=')"##,
    ),
    (
        r##"return all(struct.unpack('i33d', '$6H\209a\218\240\137NE\254>\150*\214D\232D\169X\251_4\192\161\187\195'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (r##"return struct.size('ci3x<T')"##, r##"13"##),
    (
        r##"return hex(struct.pack('I12', 'k2; i', 152664316178, 246, '3'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('Hsc5T', '\170\234\203\181A\031\184\161g[>\204\240\224\129\238\127`\175g\208ny~\244-\238\137'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return hex(struct.pack('c', true, nil))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got boolean)"##,
    ),
    (
        r##"return hex(struct.pack('f!8hc2#', 172058305798, 919966411452, -934287299361, '15', 217818127718, 119785078889))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return struct.size('i33xc0')"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('xi16c2!16dx!2', '\157\255?\229\172\145{\211\023\161\138\239\255in0\2441\196\006\177\181\017\128\176\195\203\191\220\241'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('!2<!8', '\187\242\206\017cA6', -2))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('sIcTi9', '\170\245\139\139\237\174\223\205\131\160'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return hex(struct.pack('!3', 2^31, 422448392259, -622236714671, 334481503123, '\026F\249\017b', 216, 202442354293))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return hex(struct.pack('Hcfb', -29905648813, -1.5, 257209866975, -277, '67', -1073918835431, '78'))"##,
        r##""53032d9c8b6f52eb""##,
    ),
    (
        r##"return all(struct.unpack('!8#', '\190\005\225', 6))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (r##"return struct.size('hTc5')"##, r##"15"##),
    (
        r##"return all(struct.unpack('i9>x', '\003P4\151\002\019\138\244\208(\1936\151\168#\219\138_\169\159\004y\149\158\027\240#\138v\240\226\240\027'))"##,
        r##"{"n"=2,1=-125,2=11}"##,
    ),
    (
        r##"return hex(struct.pack('I2s', '13', 2^63, -279, 1/0, 2^63, -335413441940))"##,
        r##""0d00392e32323333373230333638353438652b313800""##,
    ),
    (
        r##"return all(struct.unpack('cL', ''))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('sz!c5i', 1e300))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (
        r##"return all(struct.unpack('hhcc0', '\194\253gR#\207\159\195N8\232h\190y\192F\018\221\186s\161\238n\181d', 9))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('c0xc0', '\164_Qo\235\171\207\008\018\2010^\200\210\000\194\187\205\162\031\2130\131U\170\248\185\013\169\175\009\252', 7))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('i33x', '\168T\193\127\176\129F\143\215\179\132,K\192Ll[^'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('d', 'S\230\252\156&\143\232[\151\210\202'))"##,
        r##"{"n"=2,1=6912795446404691p395,2=9}"##,
    ),
    (
        r##"return hex(struct.pack('!8!3cii9B', '56', {}, nil, '57', 0.5, -296))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return hex(struct.pack('c <hi1zI12', '14', 6, true))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (number expected, got boolean)"##,
    ),
    (
        r##"return all(struct.unpack('i1!8flsc!2', 'l3\233\237y\024\031\238\150\136b\147.y\247\177)+\163[\223\202\163\217m\222\188\2273\002\014^\178\238\001\016'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return all(struct.unpack('>!2i16 ', '?\005^t'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return struct.size('i9ci16cI5c0c')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('i33i33!', '\240\190\240\022\217\207\131`\016\194\2030?c\165\188\011\002\226r\237\208L\186\208\147'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('c2i0c', '\172\027\001\209\161\249\205A8', 9))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return struct.size('I2I2!3')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return struct.size('L#bc')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('c0!8icBxB', true))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got boolean)"##,
    ),
    (
        r##"return all(struct.unpack(' fb#!16', '\213z\022\008\168\191\236\242C\151F\210M\153\196%\252&\157\127\146\019d\227\001YEA\209\230v'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('I12i1!16!2<', '\214\025Hw\238\144\189z\013^\132~\154`\174\001\2269\00905\026U', 3))"##,
        r##"{"n"=3,1=6618367157091230p10,2=-82,3=16}"##,
    ),
    (
        r##"return hex(struct.pack('x', '57', -339314849357, 222, 1025697256347))"##,
        r##""00""##,
    ),
    (
        r##"return all(struct.unpack('= ', 'iC\252\218Z\016\252N~\007\207F\167\195&\146E\186\159Q\147'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('i1L!8i0c0i9l', '85', '\196W', '\162'))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('i1!8!i0', '\135\196\003\216\003\018\246\0258/\250\230\247\150.\130)B\133\202(P\243\174\237\004\221\143\193\006\173\203\209\223\156', 2))"##,
        r##"{"n"=3,1=-60,2=0,3=3}"##,
    ),
    (
        r##"return hex(struct.pack('i0Bi3c', 629928093627, '\206', '', -138177353413, -1079351100040, 1e300, 227))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('<IcI2=', '\183\153\2105\022\217\005\187\187|\240\220L\137T\218j\153\169U\244('))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('dc5c0c0I5>', 460061302454, '\153\207\154\147%', nil))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('>c< !16', true, true, 263576711750))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got boolean)"##,
    ),
    (
        r##"return all(struct.unpack(' HH', 'W\252:\171\161{:2\163\136\127\165\206\203\194\238\092>\188C\165BJ5\223\239Q\231\237\229\153\026\092'))"##,
        r##"{"n"=3,1=64599,2=43834,3=5}"##,
    ),
    (
        r##"return all(struct.unpack('c0', '4,', 1))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return hex(struct.pack('h>!16'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return struct.size('d#')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('T', '\21823W\244\023\016V\211\128\209&\247\092\011\130&\210\173\141+T\145i\186\221m\023}I}\139rG'))"##,
        r##"{"n"=2,1=6056135766691021p10,2=9}"##,
    ),
    (
        r##"return hex(struct.pack('zI2!!4!4<B', -1.5, '\006cN\171\158', '%v\160\177', '\224\139*', -288))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (
        r##"return all(struct.unpack('i9#i0i1', 'PF\179H\202lA\004v\225\023\186\156wO\003#\144t\000Ry\166\021\000\001\202\186\187p\224!iU\203\252'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('cTL!TcI', '\030%', '#\206\244\026\150', -870912294997, 990011871814))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return struct.size('I5s')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('i3BI2i0=dc5', '\153\173\160\173:W\209\1703\021\210G-B\160\177-\203_$#\242|\243L\245\198\247\189/\139\173\254\200\127E'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (r##"return struct.size('I2Tf')"##, r##"14"##),
    (
        r##"return all(struct.unpack(' sb!8', '\010y\164\130\019a"\146?\177*\202\201\136\170\009\148c\188JT*\129'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return struct.size('B=I5')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '=')"##,
    ),
    (r##"return struct.size('i16')"##, r##"16"##),
    (
        r##"return struct.size('B#')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('b', '`\231', 246, 2^53+1, {}, {}, -387066331469, true))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (r##"return struct.size('c5ci16l')"##, r##"30"##),
    (
        r##"return hex(struct.pack('B!16I5li33c5!', '59', -77362992795, 777418778741, true))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack(' b=c', 2^31, 269381585200))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('i3'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('c0>c=dL!', -236))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('H!16!8zhH', 'Jj\028\175\129\132\235\006\233', 9))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('L!', '{\020\236\225W\209\161\179\236 \176p\229%\246\160\131\127`\011\141\013\130\161'))"##,
        r##"{"n"=2,1=6320242665733507p11,2=9}"##,
    ),
    (r##"return struct.size('cI5<')"##, r##"6"##),
    (r##"return struct.size('c5h!LxTI12')"##, r##"44"##),
    (
        r##"return struct.size('c5I5!2!3z')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (r##"return struct.size('i9c2B ')"##, r##"12"##),
    (
        r##"return hex(struct.pack('>i33=!8>', '25', -867410822161, 'g', '34', {}))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('I5x', 715207713838))"##,
        r##""2ea4b385a600""##,
    ),
    (
        r##"return struct.size('I2i33c5!8')"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('!3i!2'))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return hex(struct.pack('#i33!2!2x', 1e300, {}, -1/0, -179158157665, -664600735373, -801070518732))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('Ixlhh', '(\208\238\178\159\179G'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return struct.size('c0')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return hex(struct.pack('xi1!8c5 i16', -465212133407, 135829959674, 473898163161))"##,
        r##""00e1313335383200d91b88566e0000000000000000000000""##,
    ),
    (
        r##"return hex(struct.pack('i9', -125665991219, '85', 211343738177, 362572518419, nil, -717549477661))"##,
        r##""cd25b9bde2ffffff00""##,
    ),
    (
        r##"return all(struct.unpack('xd!8!', 'EQ\154)\028\218\251\021\137\182\194I\200\017Vl\135Qh\026'))"##,
        r##"{"n"=2,1=-6187888704854609p-930,2=10}"##,
    ),
    (
        r##"return all(struct.unpack('di16i1', '\238\168\184\002\223P \012A\163`\179r\2330\183\0209\237\176t\0250Z;\206\212\151,\015\235\180\207\129\189O'))"##,
        r##"{"n"=4,1=4592518380955886p-881,2=-5123473522501591p10,3=59,4=26}"##,
    ),
    (r##"return struct.size('i!!2')"##, r##"4"##),
    (
        r##"return hex(struct.pack('Lc!4 !i0', '1'))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('cxLB!3', '\021\015!\136\128\246\001\171\135\001\156\155\142\217i\183\175\197MZ'))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return hex(struct.pack('L<I5i33', 821659650241, -2^63, -923749638833, '27', 680700387946, 2^64))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('i0i3#!3', -670104648577, -901589507433, 913348603499, -2^63, '48'))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('ii33', -30, -90, 1/0, '\229C\248', -79658767285))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('sI12c0', '$\003\173\179c\025'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (r##"return hex(struct.pack('<'))"##, r##""""##),
    (
        r##"return hex(struct.pack(' I12Lxc0'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('T l', -47564436864, 1055800189381, -978482436030, -480751209771))"##,
        r##""804af0ecf4ffffffc56198d2f5000000""##,
    ),
    (
        r##"return hex(struct.pack('BI2!8', -481094584370, 876770493902, '87', -792884142358, '25', 156661115920, {}))"##,
        r##""cece05""##,
    ),
    (
        r##"return all(struct.unpack('i9i0!16', '\246\155\008\211\180\240\127\183\240\232\142l\194\206\004a?5\004u\142[\226\186\192"\171\211\173v|\199\008k\1743\1980', 1))"##,
        r##"{"n"=3,1=-10,2=0,3=10}"##,
    ),
    (
        r##"return all(struct.unpack('!8!2', '\205\205\014\206\005\014\194\202\153\030v\188\197\136\188\146!\245R\205\147\2330\003\139\242\213i\180\199\224O0\214\200'))"##,
        r##"{"n"=1,1=1}"##,
    ),
    (
        r##"return hex(struct.pack('#', ''))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('sBc2T>', 'oO\207\176\195\010\160\155\159\009\192Qz\129\227\228\179:\018\186\164AF\226\019\244\002Y\141\201Hd+sf\130U\143'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (r##"return struct.size('c2i9i3c5T')"##, r##"27"##),
    (
        r##"return all(struct.unpack('ii33!3i1T', '/\185\236\205r\006\252\039\022\252\233\207\092Y$~yG\171'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('h!8I5', -918794702337))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('!16i1', '53', 1/0, {}, '32'))"##,
        r##""35""##,
    ),
    (
        r##"return hex(struct.pack('<i9i16Ib='))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('Li0i33ci33Bi1', '3\209\012\194{\234=\252\015\215\179\211\254\243q\004\137n\180\211\191\166PGJ\226B\243\236'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('Bi1i1I2 !16 ', '\133w\232\018\239\021\137\214\216\218\023\192\233\168\2046\215V\019%\1685\159\232\225IQ\254'))"##,
        r##"{"n"=5,1=133,2=119,3=-24,4=61202,5=6}"##,
    ),
    (
        r##"return all(struct.unpack('i33sz ', 'zQ\193\239\240\228w\179t\136\175\154\178\219\159\143N', -1))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('dl', '\242\022\017ce\209\194\157\201\163\242C\150\003\241ot\246\213\130j\171\169\157\030~\147\195\190\144]'))"##,
        r##"{"n"=3,1=-5296782964758258p-599,2=7877180030778537p10,3=17}"##,
    ),
    (
        r##"return hex(struct.pack('d', 65536.25, '', -1014464665237))"##,
        r##""000000000400f040""##,
    ),
    (
        r##"return hex(struct.pack('l', nil))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('i0!', -549987846380, '\185\245\237\213', 151, 888898331394, 774519998743))"##,
        r##""""##,
    ),
    (
        r##"return all(struct.unpack('c2', '\029'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('i33I5Tb#', 761497180642))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('!bh', '\014e\194s{'))"##,
        r##"{"n"=3,1=14,2=29634,3=5}"##,
    ),
    (
        r##"return hex(struct.pack('I12!16 =i!4L', 641668077186, '68', -1.5))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('lBi9c2', 739780124703, '27', -363147487141, 292804206534, 417862695030, '\162\186Q\028\021', -228))"##,
        r##""1fe0543eac0000001b5b18b972abffffff003239""##,
    ),
    (r##"return struct.size('!16')"##, r##"0"##),
    (
        r##"return all(struct.unpack('c2i1c', '\202R!\205', 9))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('L'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return struct.size('csc5')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('xI12!4c2', '\019W', 2))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('i0i3HxLTc2', -347701095253, -2^31, 5, '52', '\137\206y'))"##,
        r##"E:user_script:22: bad argument #6 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return struct.size('c0')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('!16I5i33I2i1', '\204\212GbW\137\161(\026KI\017', -2))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('i16!8i9I2', '1\170\205\176\002\025Cd\021\136-\228\201\243\214\151'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('i9cHc2T', '_\026\009\175q\020Z'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('c5!3=d!', -664375761369, 896967899412, '', true, '\235hnN', 91))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return struct.size('!16i16>!3!<c')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return all(struct.unpack('=II5i9I12', '\203\028\182\023\242\246\014\168z'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('i16c0!3dsi3', -804701918616, 117))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return all(struct.unpack('xI2zc0', '\146q\193\228\147\199\151=\147g.\177\250\172\213\213\164\016', 0))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return hex(struct.pack('L', 1/0, 545410095031, -354656100119, -1047222109557))"##,
        r##""0000000000000000""##,
    ),
    (
        r##"return hex(struct.pack('Li3'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('f<!4!8x!4', '\189\215\246\147\182\247\018\203k'))"##,
        r##"{"n"=2,1=-8685006377451520p-140,2=6}"##,
    ),
    (
        r##"return all(struct.unpack('i3Ti16 ', '\029L\021\165=', 6))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack(' i0'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack(' c5I12cI5I5T'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('Id', 751859065308, {}, '1', true))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got table)"##,
    ),
    (
        r##"return hex(struct.pack('I12!2lxc5!16d'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('I12Ti1c', '\184\209\151m\213N\165A\145Tz\008N\018\247\208^1\193\1913C05p3c%\227\234\019\001\214ph'))"##,
        r##"{"n"=5,1=4619407873238516p10,2=6746767292505826p11,3=51,4="C",5=23}"##,
    ),
    (
        r##"return all(struct.unpack(' !8>sl', '[\177\190\201\217\020q\161\169\015<k\246\230\152S\017/\027\223K\135W\210Ke\039\133\146\000\164\159\220\029\221\239', 0))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return all(struct.unpack('bII12i', '\236g\028-5\148V(\146\134Q\230\025L\000\253', 9))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('l=i0xi9I', '{W\239\210\198\168_\132.OH\176\136\000\143\148\151)\212\009L', 0))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return hex(struct.pack('l', true, 0/0, true, 59, nil, '\215'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got boolean)"##,
    ),
    (
        r##"return all(struct.unpack('ix', '\179\001*4\227\168\168],\218\207\006\228\191<\163C\161\184\017>\020\162o'))"##,
        r##"{"n"=2,1=875168179,2=6}"##,
    ),
    (
        r##"return hex(struct.pack('i3i9i33ci16hi33', 611957594202, -138, -301224695417, -809568845683, '\171', '59', -362874019172))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('i33zlc0=!h', 87009892497, {}, 2^53+1, -205667459951))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('cx', '~\190\018<}\242%\142\136\165E\165\248\203\197E\173\221', 5))"##,
        r##"{"n"=2,1="}",2=7}"##,
    ),
    (
        r##"return hex(struct.pack('i9'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('>s', '\193}>o\134i\007\196\030!\134\206\164\165N#\174\141\230V\022Q\243\017\243\028N\000O'))"##,
        r##"{"n"=2,1="\xc1}>o\x86i\x07\xc4\x1e!\x86\xce\xa4\xa5N#\xae\x8d\xe6V\x16Q\xf3\x11\xf3\x1cN",2=29}"##,
    ),
    (
        r##"return hex(struct.pack('LTi0fc', -1/0, -913447427536, -571335811900, -56, '', {}))"##,
        r##"E:user_script:22: bad argument #7 to 'pack' (string too short)"##,
    ),
    (
        r##"return all(struct.unpack('!2cci3', ''))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('!3c0i9ii', '\0144d\142'))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return all(struct.unpack('!4', '\222JK&<'))"##,
        r##"{"n"=1,1=1}"##,
    ),
    (
        r##"return hex(struct.pack('!16f', '69', 'e\212='))"##,
        r##""00008a42""##,
    ),
    (r##"return struct.size('ch!8i9b')"##, r##"18"##),
    (
        r##"return hex(struct.pack('bxII2c0', -412759513004, 2^31))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('# zi1BB', '6~\137>A\014UCU\003W\018\228\164\239\148P\022e\174'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('sTI2LL', '\015\171\016\219\214\177\023\145g\158\039\130C0\161', 5))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return struct.size('x#I2c2IT<')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('c0z!8I12c0I5', -403732691152))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (
        r##"return struct.size('i16i16!3')"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return hex(struct.pack('c2', -300, -826805000333, 165836978861, 2^53+1))"##,
        r##""2d33""##,
    ),
    (
        r##"return all(struct.unpack('c', 'B\255\156\231\021'))"##,
        r##"{"n"=2,1="B",2=2}"##,
    ),
    (
        r##"return hex(struct.pack('xi3#', '39', 2^63, -988108167017, -280033945813, 25190920368, 2^63))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (r##"return struct.size('i16Tfi9c2')"##, r##"39"##),
    (
        r##"return hex(struct.pack('LI5i9', 65536.25, '98', true, -303235563784))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (number expected, got boolean)"##,
    ),
    (
        r##"return hex(struct.pack('f Ic!16i1s', -676930598948, 198426104616))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('!4s!', {}, 'o\224\243F', 11, {}))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got table)"##,
    ),
    (
        r##"return all(struct.unpack('c0H', '\197\226\170=\152\015i\015:'))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('d!3f', ')qU^\127\176\014\145=F\199wC\192\174\174\018\128\162', 0))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (
        r##"return hex(struct.pack('!2c0!2'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (string expected, got nil)"##,
    ),
    (
        r##"return struct.size('c0!8#i')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('bi9c2c0', '\188\205\250t@,Q\189\213\201\211\227<\211>'))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return struct.size('i16i33hx')"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('xLi1', '\195\148E\008\150\129\001\218\031~\192^\010\223\191\141\165\192\001;q\196\247\002>#G\131\196\177-'))"##,
        r##"{"n"=3,1=8965424281946182p8,2=126,3=11}"##,
    ),
    (
        r##"return all(struct.unpack('zhi3i0xc', '\193\199G\173\234\222-\234\139-`\236\193I\243T\149\202%\023\181MI\132\128H\196P01\009\223', 0))"##,
        r##"E:user_script:22: bad argument #3 to 'unpack' (offset must be 1 or greater)"##,
    ),
    (r##"return struct.size('T')"##, r##"8"##),
    (r##"return struct.size('I5bI12')"##, r##"18"##),
    (
        r##"return all(struct.unpack('i9#zi1i16', '\019\220\1594I\206\215\179\028<\152\136e\186\190@\020y\226\156=\008o\172Y\209b!\004\195\250\127Y\128tr\229'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('xT !16z B', '\018s\157O\166\159S3\197,U\014a\140$\004\163\154vi0\132\202', 5))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option 'z')"##,
    ),
    (
        r##"return hex(struct.pack('i9I!16!3!4!4i1'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('b!>i33', -372464695098))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return hex(struct.pack('!8!#', -284))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('i9c2s', '\013\021\159\014\152|\153T|z'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('l!16 i9h!16', -2^31, true, -869560490144, -387400657241, 436506373088, 207, {}))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got boolean)"##,
    ),
    (r##"return struct.size('!d')"##, r##"8"##),
    (
        r##"return all(struct.unpack('lb', '\199S\217\155*\159\142\248\226h\163\026\186\236a\218O,\229\251\139\220c\219e\176_Dz\0292'))"##,
        r##"{"n"=3,1=-8379942191536817p6,2=-30,3=10}"##,
    ),
    (
        r##"return struct.size('i1c0i16!2I2x')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('i9i1', '\145.\230\146`mQ\223\214g\251\234\234n*\190\031\019\092\242\245\199_O\230\147\155m\229<I', 4))"##,
        r##"{"n"=3,1=-110,2=-22,3=14}"##,
    ),
    (
        r##"return all(struct.unpack('i16c2!!3 !c5', '\009%\221\167\222s\248\039\208'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('I5x!3x', '\2468:\150\138\223\154\1737\137\2482\190\144{\245\167\022\177\231'))"##,
        r##"E:user_script:22: alignment 3 is not a power of 2"##,
    ),
    (
        r##"return all(struct.unpack('i1I5 ', '\136\245\002\015\149v\173\131\247n\170\227\021\175\231\230\025\134\155\164\193\013'))"##,
        r##"{"n"=3,1=-120,2=509306929909,3=7}"##,
    ),
    (
        r##"return all(struct.unpack('i9', 'J\127\178\009Q\1921\139/\181(\246SU\039'))"##,
        r##"{"n"=2,1=-54,2=10}"##,
    ),
    (
        r##"return hex(struct.pack('fi3', '', {}, true, 137, true, '39', 433402165796))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return hex(struct.pack('i1dI12c2', '68', 'd\146\218\211', 164578973415, -890768695988, 2^53+1))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return hex(struct.pack('i', '66', '\140', 83914017863, -134))"##,
        r##""42000000""##,
    ),
    (
        r##"return all(struct.unpack('dlci3H', '\255\232\253\246\014\133u\021\179'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('zh!16!3', '.+J+i\161\220h\145#\251C\147\021s\199\189\222\016\181\159\160]\167\214beX`h]??\212!'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option 'z')"##,
    ),
    (
        r##"return struct.size('!4sLxh')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 's' has no fixed size)"##,
    ),
    (
        r##"return hex(struct.pack('Lc2>i1'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('z c5Lc!3', ',\254b\222k\135\205h\191\242\020\142\008', 4))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option 'z')"##,
    ),
    (
        r##"return hex(struct.pack('d>LI5s', ' \138'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('!2li9I', ''))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('Hi33i', ''))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return struct.size('c0I5c0I12di3')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (option 'c0' has no fixed size)"##,
    ),
    (
        r##"return all(struct.unpack('bifi9i0i3i9', 'r>\231d\238\138\023\233]\157\166x\005\216\1893=\092\185\152.[\1879*G\1362Nr\212&N+\006)|tw'))"##,
        r##"{"n"=8,1=114,2=-295377090,3=8201193880813568p8,4=-99,5=0,6=3053753,7=-37,8=31}"##,
    ),
    (
        r##"return all(struct.unpack('I=!8fIc2', '\136\245R\017"L\164', 6))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return struct.size('cii33= ')"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return struct.size('T>=')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '=')"##,
    ),
    (
        r##"return all(struct.unpack('i16zTc5', '\240_\030D\194\137\206\164\018'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('L!16I2BIT', -9, 61))"##,
        r##"E:user_script:22: bad argument #4 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return hex(struct.pack('l TdzBi', 222108392150, {}, 394016559168, 2^53+1, 'A\177', 1043868847865, true))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got table)"##,
    ),
    (
        r##"return hex(struct.pack('L!2<', '\208\029', '25'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return hex(struct.pack('HbTz', 601870821496, 651407228437, 460880924036, '33', 806627985298, 1e300))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option 'z')"##,
    ),
    (
        r##"return hex(struct.pack('!2', '!\228', '14', -1.5))"##,
        r##""""##,
    ),
    (
        r##"return hex(struct.pack('=!3', -1/0, 'Le\192\149', -246, '\208\233', 697156063777, -370361193534))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('!!8sI ', '', true, -218, 91357729757))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got boolean)"##,
    ),
    (
        r##"return all(struct.unpack('B!16 i9i0l', '%\174\243E\139\199\020tvt\215k\204\141\030\022\092s\159`\153\137}\180Vx'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('#cc2bB', 223, nil, '', 583395943742, -201, 0.5, '\228\137\004'))"##,
        r##"E:user_script:22: bad argument #1 to 'pack' (invalid format option '#')"##,
    ),
    (
        r##"return hex(struct.pack('i16T', 38, 'e\018\212\212'))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return all(struct.unpack('##c2zBx', '\004\136\182z\234\165\169\128\013\039\171\205\201K\2387\164\233\177Z\227\205\160\150\253\228QJ\246\159\198\016\163'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '#')"##,
    ),
    (
        r##"return all(struct.unpack('i1c2b', '\207\181\022\151\13765\024\215T27\192\248\132\004c'))"##,
        r##"{"n"=4,1=-49,2="\xb5\x16",3=-105,4=5}"##,
    ),
    (
        r##"return hex(struct.pack('Lbxd<', 1027190673636, 346592721155, 20, -1/0))"##,
        r##""e4d05529ef00000003000000000000003440""##,
    ),
    (
        r##"return all(struct.unpack('i16fcI5i', '\245\008\145\235e'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (r##"return struct.size('z!4I5cBx')"##, r##"8"##),
    (r##"return struct.size('!16I2B')"##, r##"3"##),
    (
        r##"return all(struct.unpack('ic2i9', ')1\130\154\247\222\016\229\211\131q\092\231\0070\193\150\212\145\180\216\215\176\213\159\2475\165\004\225'))"##,
        r##"{"n"=4,1=-1702743767,2="\xf7\xde",3=-112,4=16}"##,
    ),
    (
        r##"return hex(struct.pack('i33I12i1T!8', -557190878731, nil))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('BxTd', 'W\246 \180\155\192{\131\201Z\221\209\004\128\199K\182\187\240=7\171$V:Kh~\224\022'))"##,
        r##"{"n"=4,1=87,2=6388578614519533p10,3=-6275769706009053p-120,4=19}"##,
    ),
    (
        r##"return struct.size('c5i9=#I')"##,
        r##"E:user_script:22: bad argument #1 to 'size' (invalid format option '=')"##,
    ),
    (
        r##"return all(struct.unpack('cis', 'l\161\240\022/\133\234'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
    (
        r##"return hex(struct.pack('I12c2', 's', '86', 0/0, -82, -30885015844, -1050187740871))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got string)"##,
    ),
    (
        r##"return hex(struct.pack('c0c0!!8i33x', -2^31, 65536.25, '77', 696548777078, 168565545864, -104, -81))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (
        r##"return all(struct.unpack('i9!', 'C\159O\187\210\175\145\021\159:(\203\206\025\021\185{\156\092'))"##,
        r##"{"n"=2,1=-61,2=10}"##,
    ),
    (
        r##"return hex(struct.pack('c!3=', '', -706846318603))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (string too short)"##,
    ),
    (
        r##"return hex(struct.pack('sI5ci16', 110202683825, -518777448512, -494618949713, -1031781288057))"##,
        r##""31313032303236383338323500c0577436872d87f70ac50fffffff0000000000000000""##,
    ),
    (
        r##"return hex(struct.pack(' c0', '53', 1044765506977))"##,
        r##""3533""##,
    ),
    (
        r##"return all(struct.unpack('xI5I2is!8', '\187\208\221\007\177_H\136r\236\240\145', 2))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('c0I5i=c5', ''))"##,
        r##"E:user_script:22: format 'c0' needs a previous size"##,
    ),
    (
        r##"return all(struct.unpack('z=', '0B@\202\191\008DH\185\133j49\020\025\198\010bd\191A\220\030\186\186\190\190<!\003c\243\238f'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option 'z')"##,
    ),
    (
        r##"return all(struct.unpack('< !2!2I12Bd', 'U\022)z'))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return all(struct.unpack('c5', '\240-x\187\244\132'))"##,
        r##"{"n"=2,1="\xf0-x\xbb\xf4",2=6}"##,
    ),
    (
        r##"return all(struct.unpack('I2', 'm\210O\240Q\166.\223E)\147\232\193'))"##,
        r##"{"n"=2,1=53869,2=3}"##,
    ),
    (
        r##"return hex(struct.pack(' <c', '72', 951782083366, 611593125714, 265541210590, 186, nil))"##,
        r##""37""##,
    ),
    (
        r##"return hex(struct.pack('<ih', -1013020674245, -468253677681, {}))"##,
        r##""3b3743238fe7""##,
    ),
    (
        r##"return hex(struct.pack('fi0', 296, -338606132493, nil, 1013359569782, '40', -60))"##,
        r##""00009443""##,
    ),
    (
        r##"return all(struct.unpack('c2!!8>c', '\165C\240\250\143\200\007\020\128\149\152\245\229Ub\229', -2))"##,
        r##"E:user_script:22: bad argument #2 to 'unpack' (data string too short)"##,
    ),
    (
        r##"return hex(struct.pack('i16!8x!8i3I', -165, true, '\170\196y\014\155', '\252i\165s\208', '\0169', 536087443379))"##,
        r##"E:user_script:22: bad argument #3 to 'pack' (number expected, got boolean)"##,
    ),
    (
        r##"return hex(struct.pack('!8d'))"##,
        r##"E:user_script:22: bad argument #2 to 'pack' (number expected, got nil)"##,
    ),
    (
        r##"return all(struct.unpack('!4=!16!3!2i', '\158\203\229\230=\185'))"##,
        r##"E:user_script:22: bad argument #1 to 'unpack' (invalid format option '=')"##,
    ),
    (
        r##"return hex(struct.pack('i3i33b', -53, 522960653141, 746935410578, '61'))"##,
        r##"E:user_script:22: integral size 33 is larger than limit of 32"##,
    ),
    (r##"return struct.size('BH')"##, r##"3"##),
    (
        r##"return all(struct.unpack('!16', '\1491\160^\158mkdIa\004\142\1638\171\008J;\198\191\020XE\136\019i\008\229>\013\142\006\231\219'))"##,
        r##"{"n"=1,1=1}"##,
    ),
    (
        r##"return all(struct.unpack('xsi1!3H!8!', 'RC\217\1709\207\243\191J/\2170\217]\160\020\001\204\140J^\149'))"##,
        r##"E:user_script:22: unfinished string in data"##,
    ),
];
