//! lua-cjson's behaviour as redis-server 7.0.15 showed it: the expected
//! values were recorded from the real server.
use super::*;
use crate::engine::scripting::convert::format_g;

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
    super::super::recorded::vm("cjson", install)
}

fn check(cases: &[(&str, &str)]) {
    super::super::recorded::check(&vm(), BEFORE, AFTER, cases);
}

#[test]
fn encode_matches_redis() {
    check(ENCODE);
}

#[test]
fn decode_matches_redis() {
    check(DECODE);
}

#[test]
fn settings_match_redis() {
    check(CONFIG);
}

#[test]
fn module_matches_redis() {
    check(MODULE);
}

/// cjson.encode: values, escaping, arrays and objects, nesting, errors.
const ENCODE: &[(&str, &str)] = &[
    (r#"return cjson.encode(nil)"#, r#""null""#),
    (r#"return cjson.encode(true)"#, r#""true""#),
    (r#"return cjson.encode(false)"#, r#""false""#),
    (r#"return cjson.encode(0)"#, r#""0""#),
    (r#"local z = 0 return cjson.encode(-z)"#, r#""-0""#),
    (r#"return cjson.encode(1)"#, r#""1""#),
    (r#"return cjson.encode(-1)"#, r#""-1""#),
    (r#"return cjson.encode(1.5)"#, r#""1.5""#),
    (r#"return cjson.encode(0.1)"#, r#""0.1""#),
    (r#"return cjson.encode(1/3)"#, r#""0.33333333333333""#),
    (r#"return cjson.encode(-2/3)"#, r#""-0.66666666666667""#),
    (r#"return cjson.encode(100)"#, r#""100""#),
    (r#"return cjson.encode(1e14)"#, r#""1e+14""#),
    (r#"return cjson.encode(1e15)"#, r#""1e+15""#),
    (r#"return cjson.encode(1e16)"#, r#""1e+16""#),
    (
        r#"return cjson.encode(123456789012345)"#,
        r#""1.2345678901234e+14""#,
    ),
    (
        r#"return cjson.encode(1234567890123456)"#,
        r#""1.2345678901235e+15""#,
    ),
    (r#"return cjson.encode(99999999999999.5)"#, r#""1e+14""#),
    (r#"return cjson.encode(2^53)"#, r#""9.007199254741e+15""#),
    (r#"return cjson.encode(2^63)"#, r#""9.2233720368548e+18""#),
    (r#"return cjson.encode(-2^31)"#, r#""-2147483648""#),
    (r#"return cjson.encode(1e100)"#, r#""1e+100""#),
    (r#"return cjson.encode(-1e-100)"#, r#""-1e-100""#),
    (r#"return cjson.encode(1e-5)"#, r#""1e-05""#),
    (r#"return cjson.encode(1e-4)"#, r#""0.0001""#),
    (r#"return cjson.encode(0.0001234)"#, r#""0.0001234""#),
    (r#"return cjson.encode(0.00001234)"#, r#""1.234e-05""#),
    (r#"return cjson.encode(123456.789)"#, r#""123456.789""#),
    (
        r#"return cjson.encode(5e-324)"#,
        r#""4.9406564584125e-324""#,
    ),
    (
        r#"return cjson.encode(1.7976931348623157e308)"#,
        r#""1.7976931348623e+308""#,
    ),
    (
        r#"return cjson.encode(3.14159265358979)"#,
        r#""3.1415926535898""#,
    ),
    (r#"return cjson.encode(1e21)"#, r#""1e+21""#),
    (
        r#"return cjson.encode(12345678901234567890)"#,
        r#""1.2345678901235e+19""#,
    ),
    (r#"return cjson.encode(0.5)"#, r#""0.5""#),
    (r#"return cjson.encode(2.5)"#, r#""2.5""#),
    (
        r#"return cjson.encode(1/0)"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (
        r#"return cjson.encode(-1/0)"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (
        r#"return cjson.encode(0/0)"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (
        r#"return cjson.encode({1/0})"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (
        r#"return cjson.encode({a=0/0})"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (r#"return cjson.encode('')"#, r#""\x22\x22""#),
    (r#"return cjson.encode('hello')"#, r#""\x22hello\x22""#),
    (r#"return cjson.encode('a/b')"#, r#""\x22a\x5c/b\x22""#),
    (
        r#"return cjson.encode('quote" back\\ slash/')"#,
        r#""\x22quote\x5c\x22 back\x5c\x5c slash\x5c/\x22""#,
    ),
    (
        r#"return cjson.encode('\0\1\2\3\4\5\6\7\8\9\10\11\12\13\14\15\16\17\18\19\20\21\22\23\24\25\26\27\28\29\30\31')"#,
        r#""\x22\x5cu0000\x5cu0001\x5cu0002\x5cu0003\x5cu0004\x5cu0005\x5cu0006\x5cu0007\x5cb\x5ct\x5cn\x5cu000b\x5cf\x5cr\x5cu000e\x5cu000f\x5cu0010\x5cu0011\x5cu0012\x5cu0013\x5cu0014\x5cu0015\x5cu0016\x5cu0017\x5cu0018\x5cu0019\x5cu001a\x5cu001b\x5cu001c\x5cu001d\x5cu001e\x5cu001f\x22""#,
    ),
    (
        r#"return cjson.encode(' !#$%&()*+,-.:;<=>?@[]^_`{|}~')"#,
        r#""\x22 !#$%&()*+,-.:;<=>?@[]^_`{|}~\x22""#,
    ),
    (
        r#"return cjson.encode('\127\128\129\191\192\255')"#,
        r#""\x22\x5cu007f\x80\x81\xbf\xc0\xff\x22""#,
    ),
    (
        r#"return cjson.encode('caf\195\169 \226\130\172 \240\159\152\128')"#,
        r#""\x22caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\x22""#,
    ),
    (
        r#"return cjson.encode(string.rep('x', 1000))"#,
        r#""\x22xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\x22""#,
    ),
    (r#"return cjson.encode(cjson.null)"#, r#""null""#),
    (r#"return cjson.encode({cjson.null})"#, r#""[null]""#),
    (
        r#"return cjson.encode({a=cjson.null})"#,
        r#""{\x22a\x22:null}""#,
    ),
    (
        r#"return cjson.encode(function() end)"#,
        r#"E:user_script:29: Cannot serialise function: type not supported"#,
    ),
    (
        r#"return cjson.encode({function() end})"#,
        r#"E:user_script:29: Cannot serialise function: type not supported"#,
    ),
    (
        r#"return cjson.encode(coroutine.create(function() end))"#,
        r#"E:user_script:29: Cannot serialise thread: type not supported"#,
    ),
    (r#"return cjson.encode({})"#, r#""{}""#),
    (r#"return cjson.encode({{}})"#, r#""[{}]""#),
    (r#"return cjson.encode({{},{}})"#, r#""[{},{}]""#),
    (r#"return cjson.encode({1,2,3})"#, r#""[1,2,3]""#),
    (
        r#"return cjson.encode({'a','b',true,false,1.5})"#,
        r#""[\x22a\x22,\x22b\x22,true,false,1.5]""#,
    ),
    (r#"return cjson.encode({[1]=1,[3]=3})"#, r#""[1,null,3]""#),
    (
        r#"return cjson.encode({[1]=1,[2]=2,[4]=4})"#,
        r#""[1,2,null,4]""#,
    ),
    (
        r#"return cjson.encode({[1]=1,[20]=1})"#,
        r#"E:user_script:29: Cannot serialise table: excessively sparse array"#,
    ),
    (
        r#"return cjson.encode({[11]=1})"#,
        r#"E:user_script:29: Cannot serialise table: excessively sparse array"#,
    ),
    (
        r#"return cjson.encode({[10]=1})"#,
        r#""[null,null,null,null,null,null,null,null,null,1]""#,
    ),
    (
        r#"return cjson.encode({[6]=1})"#,
        r#""[null,null,null,null,null,1]""#,
    ),
    (
        r#"return cjson.encode({[5]=1})"#,
        r#""[null,null,null,null,1]""#,
    ),
    (
        r#"return cjson.encode({[1]=1,[2]=1,[3]=1,[4]=1,[5]=1,[6]=1,[13]=1})"#,
        r#""[1,1,1,1,1,1,null,null,null,null,null,null,1]""#,
    ),
    (
        r#"return cjson.encode({[1]=1,[2]=1,[3]=1,[4]=1,[5]=1,[6]=1,[12]=1})"#,
        r#""[1,1,1,1,1,1,null,null,null,null,null,1]""#,
    ),
    (r#"return cjson.encode({[0]=1})"#, r#""{\x220\x22:1}""#),
    (r#"return cjson.encode({[-1]=1})"#, r#""{\x22-1\x22:1}""#),
    (r#"return cjson.encode({[1.5]=1})"#, r#""{\x221.5\x22:1}""#),
    (
        r#"return cjson.encode({[1e20]=1})"#,
        r#""{\x221e+20\x22:1}""#,
    ),
    (
        r#"return cjson.encode({[2^31]=1})"#,
        r#""{\x222147483648\x22:1}""#,
    ),
    (
        r#"return cjson.encode({[2^31-1]=1})"#,
        r#"E:user_script:29: Cannot serialise table: excessively sparse array"#,
    ),
    (
        r#"return cjson.encode({[2^32+1]=1})"#,
        r#""{\x224294967297\x22:1}""#,
    ),
    (
        r#"return cjson.encode({[1e10]=1})"#,
        r#""{\x2210000000000\x22:1}""#,
    ),
    (
        r#"return cjson.encode({[1/0]=1})"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (
        r#"return cjson.encode({[-1/0]=1})"#,
        r#"E:user_script:29: Cannot serialise number: must not be NaN or Inf"#,
    ),
    (
        r#"return cjson.encode({[1/3]=1})"#,
        r#""{\x220.33333333333333\x22:1}""#,
    ),
    (r#"return cjson.encode({x=1})"#, r#""{\x22x\x22:1}""#),
    (
        r#"return cjson.encode({['a/b']='c"d'})"#,
        r#""{\x22a\x5c/b\x22:\x22c\x5c\x22d\x22}""#,
    ),
    (
        r#"return cjson.encode({[true]=1})"#,
        r#"E:user_script:29: Cannot serialise boolean: table key must be a number or string"#,
    ),
    (
        r#"return cjson.encode({[{}]=1})"#,
        r#"E:user_script:29: Cannot serialise table: table key must be a number or string"#,
    ),
    (
        r#"return cjson.encode({[cjson.null]=1})"#,
        r#"E:user_script:29: Cannot serialise userdata: table key must be a number or string"#,
    ),
    (
        r#"return cjson.encode({[1]=1,[true]=1})"#,
        r#"E:user_script:29: Cannot serialise boolean: table key must be a number or string"#,
    ),
    (
        r#"local s = cjson.encode({a=1,b={1,2},c={d='e'}}) return {#s, cjson.decode(s)}"#,
        r#"{1=31,2={"a"=1,"b"={1=1,2=2},"c"={"d"="e"}}}"#,
    ),
    (
        r#"local s = cjson.encode({1,2,x=3}) return {#s, cjson.decode(s)}"#,
        r#"{1=19,2={"1"=1,"2"=2,"x"=3}}"#,
    ),
    (
        r#"local s = cjson.encode({[1]=1,[2]=2,['3']=3}) return {#s, cjson.decode(s)}"#,
        r#"{1=19,2={"1"=1,"2"=2,"3"=3}}"#,
    ),
    (
        r#"return cjson.encode({a={b={c={}}}})"#,
        r#""{\x22a\x22:{\x22b\x22:{\x22c\x22:{}}}}""#,
    ),
    (r#"return cjson.encode({{{{{{}}}}}})"#, r#""[[[[[{}]]]]]""#),
    (
        r#"return cjson.encode(setmetatable({}, {__index={1,2,3}}))"#,
        r#""{}""#,
    ),
    (
        r#"return cjson.encode(setmetatable({1,2}, {__len=function() return 5 end}))"#,
        r#""[1,2]""#,
    ),
    (
        r#"return cjson.encode(setmetatable({}, {__tojson=function() return 'x' end}))"#,
        r#""{}""#,
    ),
    (
        r#"local t = {} local c = t for i = 1, 999 do c[1] = {} c = c[1] end local s = cjson.encode(t) return {#s, string.sub(s, 1, 5)}"#,
        r#"{1=2000,2="[[[[["}"#,
    ),
    (
        r#"local t = {} local c = t for i = 1, 1000 do c[1] = {} c = c[1] end return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (1001)"#,
    ),
    (
        r#"local t = {} local c = t for i = 1, 999 do c.a = {} c = c.a end local s = cjson.encode(t) return {#s, string.sub(s, 1, 12)}"#,
        r#"{1=5996,2="{\x22a\x22:{\x22a\x22:{\x22"}"#,
    ),
    (
        r#"local t = {} local c = t for i = 1, 1000 do c.a = {} c = c.a end return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (1001)"#,
    ),
    (
        r#"local t = {} t[1] = t return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (1001)"#,
    ),
    (
        r#"local t = {} t.a = t return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (1001)"#,
    ),
    (
        r#"return cjson.encode()"#,
        r#"E:user_script:29: bad argument #1 to 'encode' (expected 1 argument)"#,
    ),
    (
        r#"return cjson.encode(1, 2)"#,
        r#"E:user_script:29: bad argument #1 to 'encode' (expected 1 argument)"#,
    ),
    (
        r#"return cjson.encode(nil, nil)"#,
        r#"E:user_script:29: bad argument #1 to 'encode' (expected 1 argument)"#,
    ),
    (r#"return cjson.encode({1, nil, 3})"#, r#""[1,null,3]""#),
    (
        r#"return cjson.encode({nil, nil, 3})"#,
        r#""[null,null,3]""#,
    ),
    (r#"return cjson.encode({n=1, [1]='x'}) == nil"#, r#"false"#),
    (r#"return cjson.encode({'\0'})"#, r#""[\x22\x5cu0000\x22]""#),
    (
        r#"local big = {} for i = 1, 10000 do big[i] = i end local s = cjson.encode(big) local d = cjson.decode(s) return {#s, #d, d[10000]}"#,
        r#"{1=48895,2=10000,3=10000}"#,
    ),
    (
        r#"local s = cjson.encode({'\0', '\255', '\u{1}'}) return s"#,
        r#""[\x22\x5cu0000\x22,\x22\xff\x22,\x22u{1}\x22]""#,
    ),
    (
        r#"return cjson.decode(cjson.encode('\0\1\127\128\255"\\/'))"#,
        r#""\x00\x01\x7f\x80\xff\x22\x5c/""#,
    ),
    (r#"local e = cjson.encode return e({1})"#, r#""[1]""#),
    (
        r#"local e = cjson.encode return e()"#,
        r#"E:user_script:29: bad argument #1 to 'e' (expected 1 argument)"#,
    ),
    (
        r#"local e = cjson.encode return (e())"#,
        r#"E:user_script:29: bad argument #1 to 'e' (expected 1 argument)"#,
    ),
    (
        r#"local t = {enc = cjson.encode} return t.enc()"#,
        r#"E:user_script:29: bad argument #1 to 'enc' (expected 1 argument)"#,
    ),
    (
        r#"local t = {enc = cjson.encode} return t:enc()"#,
        r#"E:user_script:29: Cannot serialise function: type not supported"#,
    ),
    (
        r#"return select(2, pcall(cjson.encode))"#,
        r#""bad argument #1 to '?' (expected 1 argument)""#,
    ),
    (r#"return cjson.encode({true, false})"#, r#""[true,false]""#),
    (
        r#"return cjson.encode(cjson.decode('[1.5,"x",[],{},null,true]'))"#,
        r#""[1.5,\x22x\x22,{},{},null,true]""#,
    ),
    (
        r#"return cjson.encode(cjson.decode('{"k":[1,{"n":null}]}'))"#,
        r#""{\x22k\x22:[1,{\x22n\x22:null}]}""#,
    ),
    (
        r#"return cjson.encode({[1]='a',[2]='b',[3.0]='c'})"#,
        r#""[\x22a\x22,\x22b\x22,\x22c\x22]""#,
    ),
    (r#"return cjson.encode({[2]=2})"#, r#""[null,2]""#),
    (
        r#"return cjson.encode({[1]=1,[2^31]=2})"#,
        r#""{\x221\x22:1,\x222147483648\x22:2}""#,
    ),
    (r#"return cjson.encode(0.1 + 0.2)"#, r#""0.3""#),
    (r#"return cjson.encode(100000000000000)"#, r#""1e+14""#),
    (r#"return cjson.encode(1e-300)"#, r#""1e-300""#),
    (
        r#"return cjson.encode(2.2250738585072014e-308)"#,
        r#""2.2250738585072e-308""#,
    ),
    (r#"return cjson.encode(-123.456e-7)"#, r#""-1.23456e-05""#),
    (
        r#"local t = {} for i = 0, 255 do t[#t+1] = string.char(i) end return cjson.encode(table.concat(t))"#,
        r#""\x22\x5cu0000\x5cu0001\x5cu0002\x5cu0003\x5cu0004\x5cu0005\x5cu0006\x5cu0007\x5cb\x5ct\x5cn\x5cu000b\x5cf\x5cr\x5cu000e\x5cu000f\x5cu0010\x5cu0011\x5cu0012\x5cu0013\x5cu0014\x5cu0015\x5cu0016\x5cu0017\x5cu0018\x5cu0019\x5cu001a\x5cu001b\x5cu001c\x5cu001d\x5cu001e\x5cu001f !\x5c\x22#$%&'()*+,-.\x5c/0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\x5c\x5c]^_`abcdefghijklmnopqrstuvwxyz{|}~\x5cu007f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff\x22""#,
    ),
    (
        r#"local t = {} for i = 0, 255 do t[#t+1] = string.char(i) end local s = table.concat(t) return cjson.decode(cjson.encode(s)) == s"#,
        r#"true"#,
    ),
    (
        r#"return cjson.encode({[1]={[1]={}}, [2]={a={}}})"#,
        r#""[[{}],{\x22a\x22:{}}]""#,
    ),
    (
        r#"return cjson.encode({{a={1,{b=2}}}})"#,
        r#""[{\x22a\x22:[1,{\x22b\x22:2}]}]""#,
    ),
    (
        r#"return cjson.encode({1, 'two', {3}, {four=4}, true, cjson.null})"#,
        r#""[1,\x22two\x22,[3],{\x22four\x22:4},true,null]""#,
    ),
    (
        r#"return cjson.encode({[1]=1, [2]=2, [3]=3, [4]=4, [5]=5, [6]=6, [7]=7, [8]=8, [9]=9, [10]=10, [11]=11})"#,
        r#""[1,2,3,4,5,6,7,8,9,10,11]""#,
    ),
    (
        r#"return cjson.encode({[1]=1,[2]=2,[3]=3,[4]=4,[5]=5,[100]=100})"#,
        r#"E:user_script:29: Cannot serialise table: excessively sparse array"#,
    ),
    (
        r#"return cjson.encode({[-0.5]=1})"#,
        r#""{\x22-0.5\x22:1}""#,
    ),
    (
        r#"return cjson.encode({[1e300]=1})"#,
        r#""{\x221e+300\x22:1}""#,
    ),
    (
        r#"return cjson.encode({[2.5]='x'})"#,
        r#""{\x222.5\x22:\x22x\x22}""#,
    ),
    (
        r#"return cjson.encode({['']=''})"#,
        r#""{\x22\x22:\x22\x22}""#,
    ),
    (
        r#"return cjson.encode({['\0']='\0'})"#,
        r#""{\x22\x5cu0000\x22:\x22\x5cu0000\x22}""#,
    ),
    (
        r#"return cjson.encode({[123456789012345]=1})"#,
        r#""{\x221.2345678901234e+14\x22:1}""#,
    ),
    (r#"return cjson.encode(-0.0001)"#, r#""-0.0001""#),
    (r#"return cjson.encode(1e-4 * 0.99999)"#, r#""9.9999e-05""#),
    (
        r#"return cjson.encode(123456789.123456789)"#,
        r#""123456789.12346""#,
    ),
    (r#"return cjson.encode(-1e15 - 0.5)"#, r#""-1e+15""#),
    (
        r#"return cjson.encode(2^-1074)"#,
        r#""4.9406564584125e-324""#,
    ),
    (
        r#"return cjson.encode(2^-1022)"#,
        r#""2.2250738585072e-308""#,
    ),
    (
        r#"return cjson.encode(4503599627370497)"#,
        r#""4.5035996273705e+15""#,
    ),
    (
        r#"return cjson.encode({0.1, 0.2, 0.3, 0.7, 1.1, 2.2})"#,
        r#""[0.1,0.2,0.3,0.7,1.1,2.2]""#,
    ),
];

/// cjson.decode: tokens, numbers, strings and escapes, nesting, errors.
const DECODE: &[(&str, &str)] = &[
    (
        r#"return cjson.decode(string.rep('[', 1000) .. string.rep(']', 1000)) ~= nil"#,
        r#"true"#,
    ),
    (
        r#"return cjson.decode(string.rep('[', 1001) .. string.rep(']', 1001))"#,
        r#"E:user_script:29: Found too many nested data structures (1001) at character 1001"#,
    ),
    (
        r#"return cjson.decode(string.rep('[', 1001))"#,
        r#"E:user_script:29: Found too many nested data structures (1001) at character 1001"#,
    ),
    (
        r#"return cjson.decode(string.rep('{"a":', 1001))"#,
        r#"E:user_script:29: Found too many nested data structures (1001) at character 5001"#,
    ),
    (
        r#"return cjson.decode(string.rep('{"a":', 1000) .. '1' .. string.rep('}', 1000)) ~= nil"#,
        r#"true"#,
    ),
    (
        r#"return cjson.decode(string.rep('[', 1000))"#,
        r#"E:user_script:29: Expected value but found T_END at character 1001"#,
    ),
    (r#"return cjson.decode('1')"#, r#"1"#),
    (r#"return cjson.decode('-1')"#, r#"-1"#),
    (r#"return cjson.decode('1.5')"#, r#"6755399441055744p-52"#),
    (r#"return cjson.decode('1e3')"#, r#"1000"#),
    (r#"return cjson.decode('1E+3')"#, r#"1000"#),
    (r#"return cjson.decode('1e-3')"#, r#"4611686018427388p-62"#),
    (r#"return cjson.decode('-0')"#, r#"-0"#),
    (r#"return cjson.decode('0.1')"#, r#"7205759403792794p-56"#),
    (
        r#"return cjson.decode('123456789012345678901234567890')"#,
        r#"7017705969039166p44"#,
    ),
    (r#"return cjson.decode(string.rep('1', 400))"#, r#"inf"#),
    (
        r#"return cjson.decode('0.' .. string.rep('0', 400) .. '1')"#,
        r#"0"#,
    ),
    (
        r#"return cjson.decode('1.7976931348623157e308')"#,
        r#"9007199254740991p971"#,
    ),
    (r#"return cjson.decode('1.7976931348623159e308')"#, r#"inf"#),
    (
        r#"return cjson.decode('4.9e-324')"#,
        r#"4503599627370496p-1126"#,
    ),
    (r#"return cjson.decode('2.4e-324')"#, r#"0"#),
    (
        r#"return cjson.decode('2.5e-324')"#,
        r#"4503599627370496p-1126"#,
    ),
    (r#"return cjson.decode('1e-400')"#, r#"0"#),
    (r#"return cjson.decode('1e400')"#, r#"inf"#),
    (r#"return cjson.decode('-1e400')"#, r#"-inf"#),
    (r#"return cjson.decode('1e99999999999999999999')"#, r#"inf"#),
    (r#"return cjson.decode('1e-99999999999999999999')"#, r#"0"#),
    (
        r#"return cjson.decode('0.30000000000000004')"#,
        r#"5404319552844596p-54"#,
    ),
    (
        r#"return cjson.decode('9007199254740993')"#,
        r#"4503599627370496p1"#,
    ),
    (r#"return cjson.decode('1.')"#, r#"1"#),
    (
        r#"return cjson.decode('.5')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (r#"return cjson.decode('1.e3')"#, r#"1000"#),
    (
        r#"return cjson.decode('1e')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 2"#,
    ),
    (
        r#"return cjson.decode('1e+')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 2"#,
    ),
    (
        r#"return cjson.decode('1ex')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 2"#,
    ),
    (
        r#"return cjson.decode('1.5.5')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('0x')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 2"#,
    ),
    (r#"return cjson.decode('0x10')"#, r#"16"#),
    (r#"return cjson.decode('0X1F')"#, r#"31"#),
    (r#"return cjson.decode('-0x10')"#, r#"-16"#),
    (r#"return cjson.decode('0x1p3')"#, r#"8"#),
    (r#"return cjson.decode('0x1.8p1')"#, r#"3"#),
    (r#"return cjson.decode('0x.8')"#, r#"4503599627370496p-53"#),
    (
        r#"return cjson.decode('0x1P-1074')"#,
        r#"4503599627370496p-1126"#,
    ),
    (r#"return cjson.decode('0x1P-1075')"#, r#"0"#),
    (
        r#"return cjson.decode('0x1.8P-1074')"#,
        r#"4503599627370496p-1125"#,
    ),
    (r#"return cjson.decode('0x1p1024')"#, r#"inf"#),
    (
        r#"return cjson.decode('0x1.fffffffffffff8p1023')"#,
        r#"inf"#,
    ),
    (
        r#"return cjson.decode('0x1.fffffffffffff7p1023')"#,
        r#"9007199254740991p971"#,
    ),
    (
        r#"return cjson.decode('0x10000000000000001')"#,
        r#"4503599627370496p12"#,
    ),
    (
        r#"return cjson.decode('0x20000000000001')"#,
        r#"4503599627370496p1"#,
    ),
    (
        r#"return cjson.decode('0x20000000000003')"#,
        r#"4503599627370498p1"#,
    ),
    (
        r#"return cjson.decode('0x1p')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('0xg')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 2"#,
    ),
    (r#"return cjson.decode('+1')"#, r#"1"#),
    (r#"return cjson.decode('+0x10')"#, r#"16"#),
    (r#"return cjson.decode('01')"#, r#"1"#),
    (r#"return cjson.decode('00012')"#, r#"12"#),
    (
        r#"return cjson.decode('-01.5')"#,
        r#"-6755399441055744p-52"#,
    ),
    (r#"return cjson.decode('inf')"#, r#"inf"#),
    (r#"return cjson.decode('-inf')"#, r#"-inf"#),
    (r#"return cjson.decode('+inf')"#, r#"inf"#),
    (r#"return cjson.decode('Inf')"#, r#"inf"#),
    (r#"return cjson.decode('INFINITY')"#, r#"inf"#),
    (r#"return cjson.decode('infinity')"#, r#"inf"#),
    (
        r#"return cjson.decode('infinit')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('infx')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (r#"return cjson.decode('nan')"#, r#"nan"#),
    (r#"return cjson.decode('-nan')"#, r#"nan"#),
    (r#"return cjson.decode('NaN')"#, r#"nan"#),
    (r#"return cjson.decode('nan(123abc_)')"#, r#"nan"#),
    (
        r#"return cjson.decode('nan(')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('nan(1 2)')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('nanx')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('[1, NaN]')[2] ~= cjson.decode('[1, NaN]')[2]"#,
        r#"true"#,
    ),
    (
        r#"return cjson.decode('-')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"return cjson.decode('--1')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"return cjson.decode('- 1')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"return cjson.decode('-x')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"return cjson.decode('-i')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"return cjson.decode('123abc')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (
        r#"return cjson.decode('1 2')"#,
        r#"E:user_script:29: Expected the end but found T_NUMBER at character 3"#,
    ),
    (r#"return cjson.decode('"abc"')"#, r#""abc""#),
    (r#"return cjson.decode('""')"#, r#""""#),
    (
        r#"return cjson.decode('"\\"\\\\\\/\\b\\f\\n\\r\\t"')"#,
        r#""\x22\x5c/\x08\x0c\x0a\x0d\x09""#,
    ),
    (
        r#"return cjson.decode('"\\u0041\\u00e9\\u20ac\\uFFFF\\u0000x"')"#,
        r#""A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf\x00x""#,
    ),
    (
        r#"return cjson.decode('"\\u0080\\u07ff\\u0800"')"#,
        r#""\xc2\x80\xdf\xbf\xe0\xa0\x80""#,
    ),
    (
        r#"return cjson.decode('"\\ud83d\\ude00"')"#,
        r#""\xf0\x9f\x98\x80""#,
    ),
    (
        r#"return cjson.decode('"\\uD834\\uDD1E"')"#,
        r#""\xf0\x9d\x84\x9e""#,
    ),
    (
        r#"return cjson.decode('"\\udbff\\udfff"')"#,
        r#""\xf4\x8f\xbf\xbf""#,
    ),
    (
        r#"return cjson.decode('"\\ud800\\udc00"')"#,
        r#""\xf0\x90\x80\x80""#,
    ),
    (
        r#"return cjson.decode('"\\ud83d"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"ab\\ude00"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 4"#,
    ),
    (
        r#"return cjson.decode('"\\ud83dx"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\ud83d\\u0041"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\ud83d\\ud83d"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\ud83d\\n"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\u12"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\u12')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\uZZZZ"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\U0041"')"#,
        r#"E:user_script:29: Expected value but found invalid escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\x41"')"#,
        r#"E:user_script:29: Expected value but found invalid escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\a"')"#,
        r#"E:user_script:29: Expected value but found invalid escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\\'"')"#,
        r#"E:user_script:29: Expected value but found invalid escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\')"#,
        r#"E:user_script:29: Expected value but found invalid escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"abc')"#,
        r#"E:user_script:29: Expected value but found unexpected end of string at character 5"#,
    ),
    (
        r#"return cjson.decode('"')"#,
        r#"E:user_script:29: Expected value but found unexpected end of string at character 2"#,
    ),
    (
        r#"return cjson.decode('"a\0b"')"#,
        r#"E:user_script:29: Expected value but found unexpected end of string at character 3"#,
    ),
    (
        r#"return cjson.decode('"\1\9\10\31\127"')"#,
        r#""\x01\x09\x0a\x1f\x7f""#,
    ),
    (
        r#"return cjson.decode('"\195\169\255\128"')"#,
        r#""\xc3\xa9\xff\x80""#,
    ),
    (r#"return cjson.decode('true')"#, r#"true"#),
    (r#"return cjson.decode('false')"#, r#"false"#),
    (r#"return cjson.decode('null')"#, r#"NULL"#),
    (r#"return cjson.decode('null') == cjson.null"#, r#"true"#),
    (
        r#"return cjson.decode('tru')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('truex')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 5"#,
    ),
    (
        r#"return cjson.decode('nul')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('nullx')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 5"#,
    ),
    (
        r#"return cjson.decode('falsey')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 6"#,
    ),
    (
        r#"return cjson.decode('TRUE')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('True')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('t')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('f')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('N')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('x')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode(' ')"#,
        r#"E:user_script:29: Expected value but found T_END at character 2"#,
    ),
    (
        r#"return cjson.decode('')"#,
        r#"E:user_script:29: Expected value but found T_END at character 1"#,
    ),
    (r#"return cjson.decode(' \t\r\n 1 \t\r\n ')"#, r#"1"#),
    (
        r#"return cjson.decode('\v1')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode('\f1')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"return cjson.decode(']')"#,
        r#"E:user_script:29: Expected value but found T_ARR_END at character 1"#,
    ),
    (
        r#"return cjson.decode('}')"#,
        r#"E:user_script:29: Expected value but found T_OBJ_END at character 1"#,
    ),
    (
        r#"return cjson.decode(',')"#,
        r#"E:user_script:29: Expected value but found T_COMMA at character 1"#,
    ),
    (
        r#"return cjson.decode(':')"#,
        r#"E:user_script:29: Expected value but found T_COLON at character 1"#,
    ),
    (
        r#"return cjson.decode('\0')"#,
        r#"E:user_script:29: Expected value but found T_END at character 1"#,
    ),
    (
        r#"return cjson.decode('\0\0')"#,
        r#"E:user_script:29: JSON parser does not support UTF-16 or UTF-32"#,
    ),
    (
        r#"return cjson.decode('1\0')"#,
        r#"E:user_script:29: JSON parser does not support UTF-16 or UTF-32"#,
    ),
    (
        r#"return cjson.decode('\0' .. '1')"#,
        r#"E:user_script:29: JSON parser does not support UTF-16 or UTF-32"#,
    ),
    (r#"return cjson.decode('12\0abc')"#, r#"12"#),
    (r#"return cjson.decode('1 \0 x')"#, r#"1"#),
    (
        r#"return cjson.decode('[1\0]')"#,
        r#"E:user_script:29: Expected comma or array end but found T_END at character 3"#,
    ),
    (r#"return cjson.decode('[]')"#, r#"{}"#),
    (r#"return cjson.decode('{}')"#, r#"{}"#),
    (r#"return cjson.decode('[1,2,3]')"#, r#"{1=1,2=2,3=3}"#),
    (
        r#"return cjson.decode('[ 1 , 2 , 3 ]')"#,
        r#"{1=1,2=2,3=3}"#,
    ),
    (
        r#"return cjson.decode('[null,null]')"#,
        r#"{1=NULL,2=NULL}"#,
    ),
    (r#"return #cjson.decode('[1,null,3]')"#, r#"3"#),
    (
        r#"return cjson.decode('[1,2,]')"#,
        r#"E:user_script:29: Expected value but found T_ARR_END at character 6"#,
    ),
    (
        r#"return cjson.decode('[,]')"#,
        r#"E:user_script:29: Expected value but found T_COMMA at character 2"#,
    ),
    (
        r#"return cjson.decode('[1 2]')"#,
        r#"E:user_script:29: Expected comma or array end but found T_NUMBER at character 4"#,
    ),
    (
        r#"return cjson.decode('[1:2]')"#,
        r#"E:user_script:29: Expected comma or array end but found T_COLON at character 3"#,
    ),
    (
        r#"return cjson.decode('[')"#,
        r#"E:user_script:29: Expected value but found T_END at character 2"#,
    ),
    (
        r#"return cjson.decode('[1')"#,
        r#"E:user_script:29: Expected comma or array end but found T_END at character 3"#,
    ),
    (
        r#"return cjson.decode('[1,')"#,
        r#"E:user_script:29: Expected value but found T_END at character 4"#,
    ),
    (
        r#"return cjson.decode('[}')"#,
        r#"E:user_script:29: Expected value but found T_OBJ_END at character 2"#,
    ),
    (r#"return cjson.decode('{"a":1}')"#, r#"{"a"=1}"#),
    (
        r#"return cjson.decode('{"a":1,"b":[1,2,{"c":null}],"d":{}}')"#,
        r#"{"a"=1,"b"={1=1,2=2,3={"c"=NULL}},"d"={}}"#,
    ),
    (r#"return cjson.decode('{"a":1,"a":2}')"#, r#"{"a"=2}"#),
    (r#"return cjson.decode('{"a":null}')"#, r#"{"a"=NULL}"#),
    (r#"return cjson.decode('{"":1}')"#, r#"{""=1}"#),
    (
        r#"return cjson.decode('{"1":1,"2":2}')"#,
        r#"{"1"=1,"2"=2}"#,
    ),
    (
        r#"return cjson.decode('{"a":1,}')"#,
        r#"E:user_script:29: Expected object key string but found T_OBJ_END at character 8"#,
    ),
    (
        r#"return cjson.decode('{"a" 1}')"#,
        r#"E:user_script:29: Expected colon but found T_NUMBER at character 6"#,
    ),
    (
        r#"return cjson.decode('{"a":1 "b":2}')"#,
        r#"E:user_script:29: Expected comma or object end but found T_STRING at character 8"#,
    ),
    (
        r#"return cjson.decode('{1:2}')"#,
        r#"E:user_script:29: Expected object key string but found T_NUMBER at character 2"#,
    ),
    (
        r#"return cjson.decode('{"a":}')"#,
        r#"E:user_script:29: Expected value but found T_OBJ_END at character 6"#,
    ),
    (
        r#"return cjson.decode('{"a"')"#,
        r#"E:user_script:29: Expected colon but found T_END at character 5"#,
    ),
    (
        r#"return cjson.decode('{"a":')"#,
        r#"E:user_script:29: Expected value but found T_END at character 6"#,
    ),
    (
        r#"return cjson.decode('{"a":1')"#,
        r#"E:user_script:29: Expected comma or object end but found T_END at character 7"#,
    ),
    (
        r#"return cjson.decode('{')"#,
        r#"E:user_script:29: Expected object key string but found T_END at character 2"#,
    ),
    (
        r#"return cjson.decode('{]')"#,
        r#"E:user_script:29: Expected object key string but found T_ARR_END at character 2"#,
    ),
    (
        r#"return cjson.decode('{"a":1]')"#,
        r#"E:user_script:29: Expected comma or object end but found T_ARR_END at character 7"#,
    ),
    (
        r#"return cjson.decode('{"a\\q":1}')"#,
        r#"E:user_script:29: Expected object key string but found invalid escape code at character 4"#,
    ),
    (
        r#"return cjson.decode('{null:1}')"#,
        r#"E:user_script:29: Expected object key string but found T_NULL at character 2"#,
    ),
    (
        r#"return cjson.decode('[1, "\\q"]')"#,
        r#"E:user_script:29: Expected value but found invalid escape code at character 6"#,
    ),
    (
        r#"return cjson.decode('[1, x]')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 5"#,
    ),
    (
        r#"return cjson.decode('[true, tru]')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 8"#,
    ),
    (
        r#"return cjson.decode('[1, 0x]')"#,
        r#"E:user_script:29: Expected comma or array end but found invalid token at character 6"#,
    ),
    (
        r#"return cjson.decode('[1, -]')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 5"#,
    ),
    (
        r#"return cjson.decode(' [1] x')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 6"#,
    ),
    (
        r#"return cjson.decode('[1] [2]')"#,
        r#"E:user_script:29: Expected the end but found T_ARR_BEGIN at character 5"#,
    ),
    (r#"return cjson.decode(123)"#, r#"123"#),
    (r#"return cjson.decode(1.5)"#, r#"6755399441055744p-52"#),
    (
        r#"return cjson.decode(nil)"#,
        r#"E:user_script:29: bad argument #1 to 'decode' (string expected, got nil)"#,
    ),
    (
        r#"return cjson.decode()"#,
        r#"E:user_script:29: bad argument #1 to 'decode' (expected 1 argument)"#,
    ),
    (
        r#"return cjson.decode('1', 2)"#,
        r#"E:user_script:29: bad argument #1 to 'decode' (expected 1 argument)"#,
    ),
    (
        r#"return cjson.decode({})"#,
        r#"E:user_script:29: bad argument #1 to 'decode' (string expected, got table)"#,
    ),
    (
        r#"return cjson.decode(true)"#,
        r#"E:user_script:29: bad argument #1 to 'decode' (string expected, got boolean)"#,
    ),
    (
        r#"return cjson.decode(cjson.null)"#,
        r#"E:user_script:29: bad argument #1 to 'decode' (string expected, got userdata)"#,
    ),
    (
        r#"local t = cjson.decode('[1,2,3]') t[4] = 4 return #t"#,
        r#"4"#,
    ),
    (r#"return cjson.null == cjson.decode('null')"#, r#"true"#),
    (
        r#"return cjson.decode('[null]')[1] == cjson.null"#,
        r#"true"#,
    ),
    (
        r#"return cjson.decode('{"a":null}').a == cjson.null"#,
        r#"true"#,
    ),
    (
        r#"return select(2, pcall(cjson.decode, '{'))"#,
        r#""Expected object key string but found T_END at character 2""#,
    ),
    (
        r#"local e = cjson.decode return select(2, pcall(function() return e('[') end))"#,
        r#""user_script:29: Expected value but found T_END at character 2""#,
    ),
    (r#"local z = 0 return cjson.decode(-(z/z))"#, r#"nan"#),
    (r#"return cjson.decode(1/0)"#, r#"inf"#),
    (r#"return cjson.decode(-1/0)"#, r#"-inf"#),
    (r#"return cjson.decode(2^53)"#, r#"4503599627370500p1"#),
    (r#"return cjson.decode(0.1)"#, r#"7205759403792794p-56"#),
    (
        r#"return cjson.decode('-\200')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"return cjson.decode('[-\200]')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\u00"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\ud800\\udc0"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('[1,2],')"#,
        r#"E:user_script:29: Expected the end but found T_COMMA at character 6"#,
    ),
    (
        r#"return cjson.decode('{"a":[1,{"b":[true,false,null]}],"c":"d"}')"#,
        r#"{"a"={1=1,2={"b"={1=true,2=false,3=NULL}}},"c"="d"}"#,
    ),
    (
        r#"return cjson.decode('[1,[2,[3,[4,[5]]]],{"a":{"b":{"c":[]}}}]')"#,
        r#"{1=1,2={1=2,2={1=3,2={1=4,2={1=5}}}},3={"a"={"b"={"c"={}}}}}"#,
    ),
    (
        r#"return cjson.decode('{"a":[],"b":{},"c":[{}],"d":[[]]}')"#,
        r#"{"a"={},"b"={},"c"={1={}},"d"={1={}}}"#,
    ),
    (r#"return cjson.decode('{"\\u0000":1}')"#, r#"{"\x00"=1}"#),
    (
        r#"return cjson.decode('{"x":1,"y":2,"z":{"x":[1,2,3]}}').z.x[3]"#,
        r#"3"#,
    ),
    (
        r#"return cjson.decode('[' .. string.rep('1,', 5000) .. '1]')[5001]"#,
        r#"1"#,
    ),
    (
        r#"return cjson.decode('"' .. string.rep('\\u00e9', 100) .. '"') == string.rep('\195\169', 100)"#,
        r#"true"#,
    ),
    (r#"return cjson.decode('  "a"  ')"#, r#""a""#),
    (r#"return cjson.decode('\r\n[\r\n1\r\n]\r\n')"#, r#"{1=1}"#),
    (
        r#"return cjson.decode('[1e2, 1E-2, -0.0, 0e0, 10E+1]')"#,
        r#"{1=100,2=5764607523034235p-59,3=-0,4=0,5=100}"#,
    ),
    (
        r#"return cjson.decode('[-1e-7, 1.25E2]')"#,
        r#"{1=-7555786372591432p-76,2=125}"#,
    ),
    (r#"return cjson.decode('1.0')"#, r#"1"#),
    (r#"return cjson.decode('-1.0e+0')"#, r#"-1"#),
    (r#"return cjson.decode('0.1e1')"#, r#"1"#),
    (r#"return cjson.decode('1e0001')"#, r#"10"#),
    (r#"return cjson.decode('[0x10, 1]')"#, r#"{1=16,2=1}"#),
    (r#"return cjson.decode('[+1, -1]')"#, r#"{1=1,2=-1}"#),
    (r#"return cjson.decode('[nan, inf]')[2]"#, r#"inf"#),
    (
        r#"return cjson.decode('{"a":nan}').a ~= cjson.decode('{"a":nan}').a"#,
        r#"true"#,
    ),
    (
        r#"return cjson.decode('[Infinity, -Infinity]')"#,
        r#"{1=inf,2=-inf}"#,
    ),
    (
        r#"return cjson.decode('[1]x')"#,
        r#"E:user_script:29: Expected the end but found invalid token at character 4"#,
    ),
    (r#"return cjson.decode('"\\/"')"#, r#""/""#),
    (r#"return cjson.decode('"\\u002F\\u005c"')"#, r#""/\x5c""#),
    (
        r#"return cjson.decode('"\\uDFFF"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 2"#,
    ),
    (
        r#"return cjson.decode('"\\uDBFF\\uDFFF\\uD800\\uDC00"')"#,
        r#""\xf4\x8f\xbf\xbf\xf0\x90\x80\x80""#,
    ),
    (
        r#"return cjson.decode('"a\\ud800\\u"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 3"#,
    ),
    (
        r#"return cjson.decode('"\\u0041\\u004"')"#,
        r#"E:user_script:29: Expected value but found invalid unicode escape code at character 8"#,
    ),
    (
        r#"return cjson.decode('{"a":1,"b":}')"#,
        r#"E:user_script:29: Expected value but found T_OBJ_END at character 12"#,
    ),
    (
        r#"return cjson.decode('{"a":1,"b"}')"#,
        r#"E:user_script:29: Expected colon but found T_OBJ_END at character 11"#,
    ),
    (
        r#"return cjson.decode('{"a":1,"b":2,}')"#,
        r#"E:user_script:29: Expected object key string but found T_OBJ_END at character 14"#,
    ),
    (
        r#"return cjson.decode('{"a":[1,2}')"#,
        r#"E:user_script:29: Expected comma or array end but found T_OBJ_END at character 10"#,
    ),
    (
        r#"return cjson.decode('[{"a":1]')"#,
        r#"E:user_script:29: Expected comma or object end but found T_ARR_END at character 8"#,
    ),
    (
        r#"return cjson.decode('{"a" : 1 , "b" : [ true , false ] }')"#,
        r#"{"a"=1,"b"={1=true,2=false}}"#,
    ),
    (
        r#"return cjson.decode('[true,false,null,"",0]')"#,
        r#"{1=true,2=false,3=NULL,4="",5=0}"#,
    ),
];

/// The setting functions, and what each setting changes.
const CONFIG: &[(&str, &str)] = &[
    (
        r#"return {cjson.encode_sparse_array()}"#,
        r#"{1=false,2=2,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(true)}"#,
        r#"{1=true,2=2,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array('on')}"#,
        r#"{1=true,2=2,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array('off')}"#,
        r#"{1=false,2=2,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(false)}"#,
        r#"{1=false,2=2,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 5)}"#,
        r#"{1=false,2=5,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, nil, 5)}"#,
        r#"{1=false,2=2,3=5}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 0, 0)}"#,
        r#"{1=false,2=0,3=0}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, '3', 2.9)}"#,
        r#"{1=false,2=3,3=2}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array('x')}"#,
        r#"E:user_script:29: bad argument #1 to 'encode_sparse_array' (invalid option 'x')"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(1)}"#,
        r#"E:user_script:29: bad argument #1 to 'encode_sparse_array' (invalid option '1')"#,
    ),
    (
        r#"return {cjson.encode_sparse_array({})}"#,
        r#"E:user_script:29: bad argument #1 to 'encode_sparse_array' (string expected, got table)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, -1)}"#,
        r#"E:user_script:29: bad argument #1 to 'encode_sparse_array' (expected integer between 0 and 2147483647)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, nil, -1)}"#,
        r#"E:user_script:29: bad argument #1 to 'encode_sparse_array' (expected integer between 0 and 2147483647)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 'x')}"#,
        r#"E:user_script:29: bad argument #2 to 'encode_sparse_array' (number expected, got string)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, {})}"#,
        r#"E:user_script:29: bad argument #2 to 'encode_sparse_array' (number expected, got table)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 2^31)}"#,
        r#"E:user_script:29: bad argument #1 to 'encode_sparse_array' (expected integer between 0 and 2147483647)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 2^31-1)}"#,
        r#"{1=false,2=2147483647,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 2^32+3)}"#,
        r#"{1=false,2=3,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 1e30)}"#,
        r#"{1=false,2=0,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, -0.5)}"#,
        r#"{1=false,2=0,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 0/0)}"#,
        r#"{1=false,2=0,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(1, 2, 3, 4)}"#,
        r#"E:user_script:29: bad argument #4 to 'encode_sparse_array' (found too many arguments)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, nil, nil, nil)}"#,
        r#"E:user_script:29: bad argument #4 to 'encode_sparse_array' (found too many arguments)"#,
    ),
    (
        r#"cjson.encode_sparse_array(true) return cjson.encode({[20]=1})"#,
        r#""{\x2220\x22:1}""#,
    ),
    (
        r#"cjson.encode_sparse_array(true) return cjson.encode({[11]=1})"#,
        r#""{\x2211\x22:1}""#,
    ),
    (
        r#"cjson.encode_sparse_array(true) local s = cjson.encode({[1]=1, [20]=2}) return {#s, cjson.decode(s)}"#,
        r#"{1=14,2={"1"=1,"20"=2}}"#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 0) return cjson.encode({[20]=1})"#,
        r#""[null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,1]""#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 2, 100) return cjson.encode({[20]=1})"#,
        r#""[null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,1]""#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 1, 0) return cjson.encode({[2]=1})"#,
        r#"E:user_script:29: Cannot serialise table: excessively sparse array"#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 1, 0) return cjson.encode({[1]=1})"#,
        r#""[1]""#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 3, 0) return cjson.encode({[1]=1,[6]=1})"#,
        r#""[1,null,null,null,null,1]""#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 3, 0) return cjson.encode({[1]=1,[7]=1})"#,
        r#"E:user_script:29: Cannot serialise table: excessively sparse array"#,
    ),
    (r#"return cjson.encode_max_depth()"#, r#"1000"#),
    (r#"return cjson.encode_max_depth(5)"#, r#"5"#),
    (
        r#"return cjson.encode_max_depth(0)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_max_depth' (expected integer between 1 and 2147483647)"#,
    ),
    (
        r#"return cjson.encode_max_depth(-1)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_max_depth' (expected integer between 1 and 2147483647)"#,
    ),
    (r#"return cjson.encode_max_depth(1.9)"#, r#"1"#),
    (r#"return cjson.encode_max_depth('7')"#, r#"7"#),
    (r#"return cjson.encode_max_depth(' 0x10 ')"#, r#"16"#),
    (
        r#"return cjson.encode_max_depth('x')"#,
        r#"E:user_script:29: bad argument #1 to 'encode_max_depth' (number expected, got string)"#,
    ),
    (
        r#"return cjson.encode_max_depth(true)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_max_depth' (number expected, got boolean)"#,
    ),
    (r#"return cjson.encode_max_depth(2^31-1)"#, r#"2147483647"#),
    (
        r#"return cjson.encode_max_depth(2^31)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_max_depth' (expected integer between 1 and 2147483647)"#,
    ),
    (r#"return cjson.encode_max_depth(2^32+5)"#, r#"5"#),
    (
        r#"return cjson.encode_max_depth(1, 2)"#,
        r#"E:user_script:29: bad argument #2 to 'encode_max_depth' (found too many arguments)"#,
    ),
    (r#"return cjson.encode_max_depth(nil)"#, r#"1000"#),
    (
        r#"cjson.encode_max_depth(1) return cjson.encode({})"#,
        r#""{}""#,
    ),
    (
        r#"cjson.encode_max_depth(1) return cjson.encode({{}})"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (2)"#,
    ),
    (
        r#"cjson.encode_max_depth(1) return cjson.encode({a={}})"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (2)"#,
    ),
    (
        r#"cjson.encode_max_depth(2) return cjson.encode({{1}})"#,
        r#""[[1]]""#,
    ),
    (
        r#"cjson.encode_max_depth(2) return cjson.encode({{{}}})"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (3)"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 8000 do c[1] = {} c = c[1] end return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (7998)"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 7996 do c[1] = {} c = c[1] end return #cjson.encode(t)"#,
        r#"15994"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 7997 do c[1] = {} c = c[1] end return #cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (7998)"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 5000 do c.a = {} c = c.a end return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (4000)"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 3998 do c.a = {} c = c.a end return #cjson.encode(t)"#,
        r#"23990"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 3999 do c.a = {} c = c.a end return #cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (4000)"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 3000 do c.a = {} c = c.a c[1] = {} c = c[1] end return cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (5332)"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 2664 do c.a = {} c = c.a c[1] = {} c = c[1] end return #cjson.encode(t)"#,
        r#"21314"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 2665 do c.a = {} c = c.a c[1] = {} c = c[1] end return #cjson.encode(t)"#,
        r#"21322"#,
    ),
    (
        r#"cjson.encode_max_depth(100000) local t = {} local c = t for i = 1, 2666 do c.a = {} c = c.a c[1] = {} c = c[1] end return #cjson.encode(t)"#,
        r#"E:user_script:29: Cannot serialise, excessive nesting (5332)"#,
    ),
    (r#"return cjson.decode_max_depth()"#, r#"1000"#),
    (r#"return cjson.decode_max_depth(3)"#, r#"3"#),
    (
        r#"return cjson.decode_max_depth(0)"#,
        r#"E:user_script:29: bad argument #1 to 'decode_max_depth' (expected integer between 1 and 2147483647)"#,
    ),
    (
        r#"return cjson.decode_max_depth('x')"#,
        r#"E:user_script:29: bad argument #1 to 'decode_max_depth' (number expected, got string)"#,
    ),
    (
        r#"return cjson.decode_max_depth(1, 1)"#,
        r#"E:user_script:29: bad argument #2 to 'decode_max_depth' (found too many arguments)"#,
    ),
    (
        r#"cjson.decode_max_depth(1) return cjson.decode('[1]')"#,
        r#"{1=1}"#,
    ),
    (
        r#"cjson.decode_max_depth(1) return cjson.decode('[[1]]')"#,
        r#"E:user_script:29: Found too many nested data structures (2) at character 2"#,
    ),
    (
        r#"cjson.decode_max_depth(1) return cjson.decode('{"a":{"b":1}}')"#,
        r#"E:user_script:29: Found too many nested data structures (2) at character 6"#,
    ),
    (
        r#"cjson.decode_max_depth(1) return cjson.decode('  [ [1]]')"#,
        r#"E:user_script:29: Found too many nested data structures (2) at character 5"#,
    ),
    (
        r#"cjson.decode_max_depth(2) return cjson.decode('[[[1]]]')"#,
        r#"E:user_script:29: Found too many nested data structures (3) at character 3"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('[', 9000))"#,
        r#"E:user_script:29: Found too many nested data structures (7999) at character 7999"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('[', 7998))"#,
        r#"E:user_script:29: Expected value but found T_END at character 7999"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('[', 7999))"#,
        r#"E:user_script:29: Found too many nested data structures (7999) at character 7999"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('{"a":', 5000))"#,
        r#"E:user_script:29: Found too many nested data structures (4000) at character 19996"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('{"a":', 3998))"#,
        r#"E:user_script:29: Expected value but found T_END at character 19991"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('{"a":', 3999))"#,
        r#"E:user_script:29: Expected value but found T_END at character 19996"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('{"a":[', 3000))"#,
        r#"E:user_script:29: Found too many nested data structures (5333) at character 15997"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('{"a":[', 2666))"#,
        r#"E:user_script:29: Expected value but found T_END at character 15997"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('{"a":[', 2667))"#,
        r#"E:user_script:29: Found too many nested data structures (5333) at character 15997"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('[{"a":', 2666))"#,
        r#"E:user_script:29: Expected value but found T_END at character 15997"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('[{"a":', 2667))"#,
        r#"E:user_script:29: Found too many nested data structures (5333) at character 15997"#,
    ),
    (
        r#"cjson.decode_max_depth(100000) return cjson.decode(string.rep('[{"a":', 2668))"#,
        r#"E:user_script:29: Found too many nested data structures (5333) at character 15997"#,
    ),
    (r#"return cjson.encode_number_precision()"#, r#"14"#),
    (r#"return cjson.encode_number_precision(1)"#, r#"1"#),
    (
        r#"return cjson.encode_number_precision(0)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)"#,
    ),
    (
        r#"return cjson.encode_number_precision(15)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)"#,
    ),
    (r#"return cjson.encode_number_precision(14.9)"#, r#"14"#),
    (
        r#"cjson.encode_number_precision(1) return cjson.encode({123.456, 0.5, 1.5, 2.5, 15, 0.05})"#,
        r#""[1e+02,0.5,2,2,2e+01,0.05]""#,
    ),
    (
        r#"cjson.encode_number_precision(3) return cjson.encode({1/3, 1000, 12345, 0.0001, 1e-5, 99.99, 999.5})"#,
        r#""[0.333,1e+03,1.23e+04,0.0001,1e-05,100,1e+03]""#,
    ),
    (
        r#"cjson.encode_number_precision(10) return cjson.encode({1/3, 2^40, 1e10})"#,
        r#""[0.3333333333,1.099511628e+12,1e+10]""#,
    ),
    (
        r#"cjson.encode_number_precision(14) return cjson.encode({1/3, 2^50})"#,
        r#""[0.33333333333333,1.1258999068426e+15]""#,
    ),
    (r#"return cjson.encode_keep_buffer()"#, r#"true"#),
    (r#"return cjson.encode_keep_buffer(false)"#, r#"false"#),
    (r#"return cjson.encode_keep_buffer('off')"#, r#"false"#),
    (r#"return cjson.encode_keep_buffer('on')"#, r#"true"#),
    (
        r#"return cjson.encode_keep_buffer('null')"#,
        r#"E:user_script:29: bad argument #1 to 'encode_keep_buffer' (invalid option 'null')"#,
    ),
    (
        r#"return cjson.encode_keep_buffer(0)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_keep_buffer' (invalid option '0')"#,
    ),
    (
        r#"return cjson.encode_keep_buffer(true, 1)"#,
        r#"E:user_script:29: bad argument #2 to 'encode_keep_buffer' (found too many arguments)"#,
    ),
    (
        r#"cjson.encode_keep_buffer(false) return cjson.encode({1,'a'})"#,
        r#""[1,\x22a\x22]""#,
    ),
    (r#"return cjson.encode_invalid_numbers()"#, r#"false"#),
    (r#"return cjson.encode_invalid_numbers(true)"#, r#"true"#),
    (
        r#"return cjson.encode_invalid_numbers('null')"#,
        r#""null""#,
    ),
    (r#"return cjson.encode_invalid_numbers('on')"#, r#"true"#),
    (r#"return cjson.encode_invalid_numbers('off')"#, r#"false"#),
    (
        r#"return cjson.encode_invalid_numbers('NULL')"#,
        r#"E:user_script:29: bad argument #1 to 'encode_invalid_numbers' (invalid option 'NULL')"#,
    ),
    (
        r#"return cjson.encode_invalid_numbers(2)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_invalid_numbers' (invalid option '2')"#,
    ),
    (
        r#"cjson.encode_invalid_numbers(true) return cjson.encode({1/0, -1/0, 0/0, 1})"#,
        r#""[inf,-inf,nan,1]""#,
    ),
    (
        r#"cjson.encode_invalid_numbers(true) local z = 0 return cjson.encode(-(z/z))"#,
        r#""nan""#,
    ),
    (
        r#"cjson.encode_invalid_numbers(true) return cjson.encode({[1/0]=1})"#,
        r#""{\x22inf\x22:1}""#,
    ),
    (
        r#"cjson.encode_invalid_numbers(true) return cjson.encode({[-1/0]=1})"#,
        r#""{\x22-inf\x22:1}""#,
    ),
    (
        r#"cjson.encode_invalid_numbers('null') return cjson.encode({1/0, -1/0, 0/0, 1})"#,
        r#""[null,null,null,1]""#,
    ),
    (
        r#"cjson.encode_invalid_numbers('null') return cjson.encode({[1/0]=1})"#,
        r#""{\x22null\x22:1}""#,
    ),
    (
        r#"cjson.encode_invalid_numbers('null') return cjson.encode(0/0)"#,
        r#""null""#,
    ),
    (r#"return cjson.decode_invalid_numbers()"#, r#"true"#),
    (r#"return cjson.decode_invalid_numbers(false)"#, r#"false"#),
    (
        r#"return cjson.decode_invalid_numbers('null')"#,
        r#"E:user_script:29: bad argument #1 to 'decode_invalid_numbers' (invalid option 'null')"#,
    ),
    (r#"return cjson.decode_invalid_numbers('on')"#, r#"true"#),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('0x10')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('+1')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('01')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('-01')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('00')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('0')"#,
        r#"0"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('-0')"#,
        r#"-0"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('0.5')"#,
        r#"4503599627370496p-53"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('-inf')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('inf')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('nan')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('NaN')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('Infinity')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('[1, -Infinity]')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 5"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('-nan')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('1e5')"#,
        r#"100000"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('-')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('0X1')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('-0x1')"#,
        r#"E:user_script:29: Expected value but found invalid number at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('n')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('i')"#,
        r#"E:user_script:29: Expected value but found invalid token at character 1"#,
    ),
    (
        r#"cjson.decode_invalid_numbers(false) return cjson.decode('[1.5e3]')"#,
        r#"{1=1500}"#,
    ),
    (
        r#"local c = cjson.new() c.encode_max_depth(3) return {c.encode_max_depth(), cjson.encode_max_depth()}"#,
        r#"{1=3,2=1000}"#,
    ),
    (
        r#"local c = cjson.new() cjson.encode_max_depth(7) return {c.encode_max_depth(), cjson.encode_max_depth()}"#,
        r#"{1=1000,2=7}"#,
    ),
    (
        r#"local c = cjson.new(1, 2, 3) return c.encode_max_depth()"#,
        r#"1000"#,
    ),
    (
        r#"return cjson:encode_max_depth()"#,
        r#"E:user_script:29: calling 'encode_max_depth' on bad self (number expected, got table)"#,
    ),
    (
        r#"return select(2, pcall(cjson.encode_max_depth, 0))"#,
        r#""bad argument #1 to '?' (expected integer between 1 and 2147483647)""#,
    ),
    (
        r#"return {cjson.encode_sparse_array(true, 3, 4)}"#,
        r#"{1=true,2=3,3=4}"#,
    ),
    (
        r#"return {cjson.encode_keep_buffer(), cjson.encode_invalid_numbers(), cjson.decode_invalid_numbers()}"#,
        r#"{1=true,2=false,3=true}"#,
    ),
    (
        r#"cjson.encode_sparse_array(false, 0) return cjson.encode({[2^31]=2})"#,
        r#""{\x222147483648\x22:2}""#,
    ),
    (
        r#"cjson.encode_number_precision(14) return cjson.encode(123456789012345678)"#,
        r#""1.2345678901235e+17""#,
    ),
    (
        r#"cjson.encode_number_precision(2) return cjson.encode({[1.234]=5.678})"#,
        r#""{\x221.2\x22:5.7}""#,
    ),
    (
        r#"return cjson:encode_sparse_array()"#,
        r#"E:user_script:29: calling 'encode_sparse_array' on bad self (string expected, got table)"#,
    ),
    (
        r#"return cjson:encode_keep_buffer()"#,
        r#"E:user_script:29: calling 'encode_keep_buffer' on bad self (string expected, got table)"#,
    ),
    (
        r#"return cjson:encode_invalid_numbers()"#,
        r#"E:user_script:29: calling 'encode_invalid_numbers' on bad self (string expected, got table)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, 1.5, '7')}"#,
        r#"{1=false,2=1,3=7}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, ' 4 ', nil)}"#,
        r#"{1=false,2=4,3=10}"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(nil, '0x', nil)}"#,
        r#"E:user_script:29: bad argument #2 to 'encode_sparse_array' (number expected, got string)"#,
    ),
    (
        r#"return {cjson.encode_sparse_array(true, 2, 'x')}"#,
        r#"E:user_script:29: bad argument #3 to 'encode_sparse_array' (number expected, got string)"#,
    ),
    (
        r#"local ok = pcall(cjson.encode_sparse_array, true, 5, 'x') return {ok, cjson.encode_sparse_array()}"#,
        r#"{1=false,2=true,3=5,4=10}"#,
    ),
    (
        r#"local ok = pcall(cjson.encode_sparse_array, 'bad', 5) return {ok, cjson.encode_sparse_array()}"#,
        r#"{1=false,2=false,3=2,4=10}"#,
    ),
    (r#"return cjson.encode_number_precision('5')"#, r#"5"#),
    (r#"return cjson.encode_number_precision(' 3 ')"#, r#"3"#),
    (r#"return cjson.encode_number_precision(nil)"#, r#"14"#),
    (r#"return cjson.encode_invalid_numbers(false)"#, r#"false"#),
    (r#"return cjson.encode_invalid_numbers(nil)"#, r#"false"#),
    (
        r#"return cjson.decode_invalid_numbers(0)"#,
        r#"E:user_script:29: bad argument #1 to 'decode_invalid_numbers' (invalid option '0')"#,
    ),
    (
        r#"return cjson.decode_invalid_numbers({})"#,
        r#"E:user_script:29: bad argument #1 to 'decode_invalid_numbers' (string expected, got table)"#,
    ),
    (
        r#"return cjson.encode_keep_buffer(1.5)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_keep_buffer' (invalid option '1.5')"#,
    ),
    (
        r#"return cjson.encode_invalid_numbers(1e300)"#,
        r#"E:user_script:29: bad argument #1 to 'encode_invalid_numbers' (invalid option '1e+300')"#,
    ),
    (
        r#"return cjson.encode_invalid_numbers('on', 2)"#,
        r#"E:user_script:29: bad argument #2 to 'encode_invalid_numbers' (found too many arguments)"#,
    ),
    (
        r#"local c = cjson.new() c.decode_invalid_numbers(false) return {pcall(c.decode, '0x1'), cjson.decode('0x1')}"#,
        r#"{1=false,2=1}"#,
    ),
    (
        r#"local c = cjson.new() c.encode_sparse_array(true) return {c.encode({[20]=1}), pcall(cjson.encode, {[20]=1})}"#,
        r#"{1="{\x2220\x22:1}",2=false,3="Cannot serialise table: excessively sparse array"}"#,
    ),
    (
        r#"local c = cjson.new() c.encode_number_precision(3) return {c.encode(1/3), cjson.encode(1/3)}"#,
        r#"{1="0.333",2="0.33333333333333"}"#,
    ),
    (r#"return cjson.new().encode_sparse_array()"#, r#"false"#),
];

/// The table itself: null, names, `new`, how errors name the function.
const MODULE: &[(&str, &str)] = &[
    (r#"return type(cjson.null)"#, r#""userdata""#),
    (r#"return cjson._NAME"#, r#""cjson""#),
    (r#"return cjson._VERSION"#, r#""2.1.0""#),
    (r#"return type(cjson.new)"#, r#""function""#),
    (
        r#"local c = cjson.new() return {type(c), type(c.encode), c._NAME, c._VERSION, c.null == cjson.null, type(c.new), c ~= cjson}"#,
        r#"{1="table",2="function",3="cjson",4="2.1.0",5=true,6="function",7=true}"#,
    ),
    (
        r#"local c = cjson.new() return {c.encode({1,2}), c.decode('[3]')}"#,
        r#"{1="[1,2]",2={1=3}}"#,
    ),
    (
        r#"local c = cjson.new().new() return c.encode({true})"#,
        r#""[true]""#,
    ),
    (
        r#"local r = {} for k, v in pairs(cjson.new()) do r[#r+1] = k end table.sort(r) return r"#,
        r#"{10="encode_number_precision",11="encode_sparse_array",12="new",13="null",1="_NAME",2="_VERSION",3="decode",4="decode_invalid_numbers",5="decode_max_depth",6="encode",7="encode_invalid_numbers",8="encode_keep_buffer",9="encode_max_depth"}"#,
    ),
    (
        r#"return cjson:encode()"#,
        r#"E:user_script:29: Cannot serialise function: type not supported"#,
    ),
    (
        r#"return cjson:decode()"#,
        r#"E:user_script:29: calling 'decode' on bad self (string expected, got table)"#,
    ),
];

/// `printf("%.Ng")` outputs from glibc (via `string.format` in Redis's
/// Lua) for precisions 1, 2, 5, 14 and 17.
#[test]
fn format_g_matches_glibc() {
    let values = [
        0.1,
        1.0 / 3.0,
        2.0 / 3.0,
        1e15,
        1e16,
        123456789012345.0,
        99999999999999.5,
        999999999999995.0,
        0.000123456789,
        1.5e-5,
        9.9999999999999e-5,
        9.999999999999999e-5,
        5e-324,
        1.7976931348623157e308,
        9223372036854775808.0,
        -9223372036854775808.0,
        12345.678,
        0.5,
        1.25,
        2.675,
        1e21,
        1e-7,
        123e-20,
    ];
    let glibc = "0.1 0.3 0.7 1e+15 1e+16 1e+14 1e+14 1e+15 0.0001 2e-05 0.0001 0.0001 5e-324 2e+308 9e+18 -9e+18 1e+04 0.5 1 3 1e+21 1e-07 1e-18 \
        0.1 0.33 0.67 1e+15 1e+16 1.2e+14 1e+14 1e+15 0.00012 1.5e-05 0.0001 0.0001 4.9e-324 1.8e+308 9.2e+18 -9.2e+18 1.2e+04 0.5 1.2 2.7 1e+21 1e-07 1.2e-18 \
        0.1 0.33333 0.66667 1e+15 1e+16 1.2346e+14 1e+14 1e+15 0.00012346 1.5e-05 0.0001 0.0001 4.9407e-324 1.7977e+308 9.2234e+18 -9.2234e+18 12346 0.5 1.25 2.675 1e+21 1e-07 1.23e-18 \
        0.1 0.33333333333333 0.66666666666667 1e+15 1e+16 1.2345678901234e+14 1e+14 1e+15 0.000123456789 1.5e-05 9.9999999999999e-05 0.0001 4.9406564584125e-324 1.7976931348623e+308 9.2233720368548e+18 -9.2233720368548e+18 12345.678 0.5 1.25 2.675 1e+21 1e-07 1.23e-18 \
        0.10000000000000001 0.33333333333333331 0.66666666666666663 1000000000000000 10000000000000000 123456789012345 99999999999999.5 999999999999995 0.000123456789 1.5e-05 9.9999999999999002e-05 9.9999999999999991e-05 4.9406564584124654e-324 1.7976931348623157e+308 9.2233720368547758e+18 -9.2233720368547758e+18 12345.678 0.5 1.25 2.6749999999999998 1e+21 9.9999999999999995e-08 1.23e-18";
    let mut expected = glibc.split_whitespace();
    for precision in [1, 2, 5, 14, 17] {
        for x in values {
            assert_eq!(
                Some(format_g(x, precision).as_str()),
                expected.next(),
                "%.{precision}g of {x:e}"
            );
        }
    }
    assert_eq!(format_g(f64::INFINITY, 14), "inf");
    assert_eq!(format_g(f64::NEG_INFINITY, 14), "-inf");
    assert_eq!(format_g(-0.0, 14), "-0");
}

/// How much of a text glibc's `strtod` takes (seen in Redis as the
/// character a decode error points at).
#[test]
fn strtod_prefixes() {
    let cases: &[(&str, Option<usize>)] = &[
        ("1e", Some(1)),
        ("1e+", Some(1)),
        ("0x", Some(1)),
        ("0xg", Some(1)),
        ("0x1p", Some(3)),
        ("0x1.8p1", Some(7)),
        ("infinit", Some(3)),
        ("INFINITY", Some(8)),
        ("nan(", Some(3)),
        ("nan(1 2)", Some(3)),
        ("nan(123abc_)", Some(12)),
        ("1.5.5", Some(3)),
        ("-.5e-3x", Some(6)),
        ("5.", Some(2)),
        ("+", None),
        ("-", None),
        (".", None),
        ("- 1", None),
        ("", None),
    ];
    for (text, used) in cases {
        assert_eq!(
            parse_c_double(text.as_bytes()).map(|(_, n)| n),
            *used,
            "{text:?}"
        );
    }
    assert_eq!(string_to_number(b" 0x10 "), Some(16.0));
    assert_eq!(string_to_number(b"12\0abc"), Some(12.0));
    assert_eq!(string_to_number(b"0x"), None);
    assert_eq!(string_to_number(b""), None);
}

/// A tiny deterministic generator, so failures can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() as usize % items.len()]
    }
}

/// Whatever the text, decode returns a value or a Lua error, never a
/// Rust panic (which the VM would report as "Rust callback panicked").
#[test]
fn decode_survives_garbage() {
    let lua = vm();
    let cjson: Table = lua.globals().get("cjson").expect("cjson");
    let decode: Function = cjson.get("decode").expect("decode");
    let switch: Function = cjson.get("decode_invalid_numbers").expect("setting");
    let pieces: &[&[u8]] = &[
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"\"",
        b"\\",
        b"\\u",
        b"\\ud83d",
        b"\\ude00",
        b"0",
        b"1",
        b"9",
        b"-",
        b"+",
        b".",
        b"e",
        b"E",
        b"x",
        b"p",
        b"true",
        b"false",
        b"null",
        b"nan",
        b"inf",
        b"Infinity",
        b"0x1",
        b"1e999",
        b" ",
        b"\t",
        b"\n",
        b"\0",
        b"\x80",
        b"\xff",
        b"a",
        b"\"k\":",
    ];
    let mut rng = Lcg(7);
    for round in 0..20_000 {
        if round % 1000 == 0 {
            let _: Value = switch.call(round % 2000 == 0).expect("setting");
        }
        let mut text = Vec::new();
        for _ in 0..rng.next() % 24 {
            text.extend_from_slice(rng.pick(pieces));
        }
        let text = lua.create_string(&text).expect("string");
        if let Err(err) = decode.call::<_, Value>(text) {
            let message = err.to_string();
            assert!(!message.contains("panicked"), "{message}");
        }
    }
}

/// Tables with every kind of key and value, cycles and odd numbers:
/// encode returns JSON or a Lua error, never a Rust panic.
#[test]
fn encode_survives_odd_tables() {
    let lua = vm();
    let script = r#"
        local seed = 12345
        local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
        local shared = {1, 2}
        local scalars = { 0, -0.5, 1, 2^31, 2^53, 1/0, -1/0, 0/0, 'x', '', '\0\255', true, false,
                          cjson.null, function() end, shared }
        local keys = { 1, 2, 3, 0, -1, 1.5, 2^31, 2^40, 1/0, 'k', '', true, shared }
        local failures, built = {}, 0
        local function make(depth)
            local t = {}
            for _ = 1, rand(6) do
                local v = scalars[rand(#scalars) + 1]
                if depth < 4 and rand(3) == 0 then v = make(depth + 1) end
                t[keys[rand(#keys) + 1]] = v
            end
            if rand(20) == 0 then t[1] = t end
            return t
        end
        for i = 1, 3000 do
            if i % 500 == 0 then cjson.encode_sparse_array(i % 1000 == 0, rand(3), rand(12)) end
            local ok, out = pcall(cjson.encode, make(0))
            built = built + 1
            if not ok and string.find(out, 'panicked', 1, true) then failures[#failures + 1] = out end
        end
        return #failures, built
    "#;
    let (failures, built): (i64, i64) = lua.load(script).eval().expect("script");
    assert_eq!((failures, built), (0, 3000));
}

/// The cap on encode's output stops a runaway encode with an error.
#[test]
fn encode_output_is_capped() {
    let lua = vm();
    let big: Table = lua
        .load("local t = {} for i = 1, 100 do t[i] = i end return t")
        .eval()
        .expect("table");
    let site = CallSite { getinfo: None };
    let mut encoder = Encoder {
        site: &site,
        config: Config::default(),
        out: Vec::new(),
        limit: 64,
        open: Vec::new(),
        slots: 1,
    };
    let err = encoder.run(Value::Table(big)).expect_err("over the cap");
    assert_eq!(err.to_string(), "not enough memory");
    assert!(encoder.out.len() <= 64);
}
