-- Run once, with the VM's own globals, before any script. It builds the
-- world Redis 7.0 gives scripts out of the stock Lua 5.1 one: no way out
-- to the host, globals and libraries that cannot be created or changed,
-- Redis's pcall, and an error handler that records where a script failed.
-- The Rust side passes in what it built (`redis`, `cjson`, `bit`, and a
-- table to share state through) and gets back the pieces it drives.
local lib_redis, lib_cjson, lib_bit, hooks, lib_struct, lib_cmsgpack = ...

-- Everything the prelude itself uses, captured before anything is hidden.
local getinfo, setfenv, getfenv = debug.getinfo, setfenv, getfenv
local setmetatable, getmetatable, rawget, rawset = setmetatable, getmetatable, rawget, rawset
local type, tostring, select, unpack, error = type, tostring, select, unpack, error
local pairs, ipairs, next, xpcall, raw_pcall = pairs, ipairs, next, xpcall, pcall
local gsub, sub, find, byte, match = string.gsub, string.sub, string.find, string.byte, string.match
local concat = table.concat
local raw_loadstring, raw_load = loadstring, load
local debug_setmetatable = debug.setmetatable

local READONLY = "Attempt to modify a readonly table"

local function refuse()
  error(READONLY, 2)
end

-- Read-only views. Redis 7.0 marks its tables read-only inside the VM;
-- here a view (an empty table whose metatable reads through) stands in,
-- and the functions that would look past a metatable (pairs, next,
-- rawget, rawset, setmetatable) are taught to see through views.
local original = setmetatable({}, { __mode = "k" })

local function frozen(t)
  local view = setmetatable({}, { __index = t, __newindex = refuse, __metatable = false })
  original[view] = t
  return view
end

local function seen(t)
  return original[t] or t
end

-- Errors raised by the host's functions (written in Rust) are strings
-- with a marker in front, since only Lua can raise a table: "\1redis\1"
-- for a Redis error (it becomes the error table `{err = ...}` a C
-- function would have raised), "\1where\1" for a Lua library error that
-- needs the caller's position in front of it, as luaL_error would add.
local REDIS_MARK, WHERE_MARK = "^\1redis\1", "^\1where\1"

local function packed(...)
  return select("#", ...), { ... }
end

-- Redis 7.0's pcall hands back an error table's `err` text rather than
-- the table; the markers go too.
local function unmarked(e)
  if type(e) == "string" then
    local n
    e, n = gsub(e, REDIS_MARK, "", 1)
    if n == 0 then e = gsub(e, WHERE_MARK, "", 1) end
  elseif type(e) == "table" and type(rawget(e, "err")) == "string" then
    e = rawget(e, "err")
  end
  return e
end

-- The globals every script shares (EVAL's add KEYS and ARGV).
local base = {}
for _, name in ipairs({
  "assert", "collectgarbage", "coroutine", "error", "gcinfo", "getmetatable", "ipairs",
  "next", "pairs", "rawequal", "rawget", "rawset", "select",
  "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "_VERSION",
}) do
  base[name] = _G[name]
end

base.pcall = function(...)
  local n, r = packed(raw_pcall(...))
  if not r[1] then r[2] = unmarked(r[2]) end
  return unpack(r, 1, n)
end
-- Iterating a view walks its original without ever handing the original
-- out (as the state argument of `next` would): the original is writable.
base.pairs = function(t)
  local o = original[t]
  if o == nil then return next, t, nil end
  return function(_, k) return next(o, k) end, t, nil
end
base.next = function(t, k)
  return next(seen(t), k)
end
base.ipairs = function(t)
  local o = original[t]
  if o == nil then return ipairs(t) end
  return function(_, i)
    i = i + 1
    local v = rawget(o, i)
    if v ~= nil then return i, v end
  end, t, 0
end
base.rawget = function(t, k)
  return rawget(seen(t), k)
end
base.rawset = function(t, k, v)
  if original[t] then error(READONLY, 0) end
  return rawset(t, k, v)
end
base.setmetatable = function(t, mt)
  if original[t] then error(READONLY, 0) end
  return setmetatable(t, mt)
end

-- What loadstring says of a chunk it will not take: Redis's Lua refuses
-- precompiled chunks (CVE-2015-4335) by reading them as text.
local function refused(s)
  local line = match(s, "^[^%z\n]*") or ""
  if #line > 45 then line = sub(line, 1, 42) .. "..." end
  return nil, '[string "' .. line .. '"]:1: unexpected symbol near \'char(27)\''
end

-- loadstring and load for one world: text only, and the chunk runs with
-- that world's globals (never the VM's own, whatever the caller is).
local function loaders(env)
  local function loadstring(s, name)
    if type(s) == "string" and byte(s, 1) == 27 then return refused(s) end
    local f, e = raw_loadstring(s, name)
    if f then setfenv(f, env) end
    return f, e
  end
  local function load(reader, name)
    if type(reader) ~= "function" then
      error("bad argument #1 to 'load' (function expected, got " .. (reader == nil and "no value" or type(reader)) .. ")", 2)
    end
    local parts = {}
    while true do
      local piece = reader()
      if piece == nil or piece == "" then break end
      if type(piece) ~= "string" then return nil, "reader function must return a string" end
      parts[#parts + 1] = piece
    end
    return loadstring(concat(parts), name or "=(load)")
  end
  return loadstring, load
end

base.string = frozen(string)
base.table = frozen(table)
base.math = frozen(math)
base.coroutine = frozen(coroutine)
base.cjson = frozen(lib_cjson)
base.bit = frozen(lib_bit)
base.struct = frozen(lib_struct)
base.cmsgpack = frozen(lib_cmsgpack)

-- Strings' metatable is shared by every script: getmetatable('') gives a
-- read-only view of it.
local string_mt = getmetatable("")
string_mt.__index = base.string
string_mt.__metatable = frozen({ __index = base.string })

-- FUNCTION callbacks see a redis library without the debugger's entries.
local fn_redis = {}
for k, v in pairs(lib_redis) do
  if k ~= "breakpoint" and k ~= "debug" and k ~= "replicate_commands" then fn_redis[k] = v end
end

local function nonexistent(name)
  return "Script attempted to access nonexistent global variable '" .. tostring(name) .. "'"
end

-- A world: its globals table and the read-only view scripts get as _G,
-- which also refuses names that do not exist (a typo, not a silent nil).
local function world(redis_lib)
  local g = {}
  for k, v in pairs(base) do g[k] = v end
  g.redis = frozen(redis_lib)
  local view = setmetatable({}, {
    -- The error is raised in __index itself: level 2 is then the
    -- script's frame, which gives the message its position.
    __index = function(_, name)
      local v = g[name]
      if v == nil then error(nonexistent(name), 2) end
      return v
    end,
    __newindex = refuse,
    __metatable = false,
  })
  original[view] = g
  g._G = view
  return g, view
end

local eval_globals, env = world(lib_redis)
eval_globals.loadstring, eval_globals.load = loaders(env)
local fn_globals = world(fn_redis)

-- The message handler: turn any error into an error table and note the
-- first frame of the script's own code (errors raised by redis.call or a
-- library function come from deeper frames).
local function annotate(err)
  local source, line
  for level = 2, 40 do
    local info = getinfo(level, "Sl")
    if info == nil then break end
    if info.source == "@user_script" or info.source == "@user_function" then
      source, line = info.source, info.currentline
      break
    end
  end
  if type(err) == "string" then
    local text, n = gsub(err, REDIS_MARK, "", 1)
    if n > 0 then
      err = { err = text }
    else
      text, n = gsub(err, WHERE_MARK, "", 1)
      if n > 0 and source then
        text = sub(source, 2) .. ":" .. tostring(line) .. ": " .. text
      end
      err = { err = "ERR " .. text }
    end
  elseif type(err) ~= "table" then
    err = { err = "ERR " .. tostring(err) }
  end
  err.source, err.line = source, line
  -- Kept for the host: when the budget stops a script, the error reaches
  -- it without this table.
  hooks.last_error = err
  return err
end

eval_globals.__redis__err__handler = annotate

local function run(f, ...)
  local n = select("#", ...)
  -- EVAL passes nothing: no closure to make (and collect) per run.
  if n == 0 then return xpcall(f, annotate) end
  local args = { ... }
  return xpcall(function() return f(unpack(args, 1, n)) end, annotate)
end

-- FUNCTION LOAD runs a library's code with almost nothing in reach:
-- `redis` with only register_function, log and the constants. The
-- callbacks it registers see the full globals when FCALL runs them, so
-- the libraries' environment switches between the two.
local loading = false
local registered = nil

local function fail(text)
  error({ err = "ERR " .. text })
end

local FLAGS = {
  ["no-writes"] = true, ["allow-oom"] = true, ["allow-stale"] = true,
  ["no-cluster"] = true, ["allow-cross-slot-keys"] = true,
}

local function valid_name(name)
  return type(name) == "string" and #name > 0 and not find(name, "[^%w_]")
end

local function register_function(...)
  -- A library that kept `redis` in an upvalue reaches this from FCALL.
  if not loading then fail("redis.register_function can only be called on FUNCTION LOAD command") end
  local n = select("#", ...)
  local name, callback, flags, description
  if n == 1 then
    local spec = ...
    if type(spec) ~= "table" then
      fail("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).")
    end
    for k, v in pairs(spec) do
      if type(k) ~= "string" then
        fail("named argument key given to redis.register_function is not a string")
      elseif k == "function_name" then
        if type(v) ~= "string" then fail("function_name argument given to redis.register_function must be a string") end
        name = v
      elseif k == "description" then
        if type(v) ~= "string" then fail("description argument given to redis.register_function must be a string") end
        description = v
      elseif k == "callback" then
        if type(v) ~= "function" then fail("callback argument given to redis.register_function must be a function") end
        callback = v
      elseif k == "flags" then
        if type(v) ~= "table" then fail("flags argument to redis.register_function must be a table representing function flags") end
        flags = v
      else
        fail("unknown argument given to redis.register_function")
      end
    end
    if name == nil then fail("redis.register_function must get a function name argument") end
    if callback == nil then fail("redis.register_function must get a callback argument") end
  elseif n == 2 then
    name, callback = ...
    if type(name) ~= "string" then fail("first argument to redis.register_function must be a string") end
    if type(callback) ~= "function" then fail("second argument to redis.register_function must be a function") end
  else
    fail("wrong number of arguments to redis.register_function")
  end
  local list = {}
  for _, f in ipairs(flags or {}) do
    if type(f) ~= "string" or not FLAGS[f] then fail("unknown flag given") end
    list[#list + 1] = f
  end
  if not valid_name(name) then
    fail("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long")
  end
  for _, r in ipairs(registered) do
    if r.name == name then fail("Function already exists in the library") end
  end
  registered[#registered + 1] = { name = name, callback = callback, flags = list, description = description }
end

local load_redis = setmetatable({}, {
  __index = function(_, name)
    if name == "register_function" then return register_function end
    if name == "log" or name == "REDIS_VERSION" or name == "REDIS_VERSION_NUM"
      or name == "LOG_DEBUG" or name == "LOG_VERBOSE" or name == "LOG_NOTICE" or name == "LOG_WARNING" then
      return lib_redis[name]
    end
    error(nonexistent(name), 2)
  end,
  __newindex = refuse,
  __metatable = false,
})

-- The libraries' environment: the load API while loading, the FUNCTION
-- world when their callbacks run.
local library_env = setmetatable({}, {
  __index = function(_, name)
    if loading then
      if name == "redis" then return load_redis end
      error(nonexistent(name), 2)
    end
    local v = fn_globals[name]
    if v == nil then error(nonexistent(name), 2) end
    return v
  end,
  __newindex = refuse,
  __metatable = false,
})
original[library_env] = fn_globals
fn_globals._G = library_env
fn_globals.loadstring, fn_globals.load = loaders(library_env)

-- Run a compiled library; true and the list of what it registered, or
-- false and the error table.
local function load_library(f)
  setfenv(f, library_env)
  loading, registered = true, {}
  local ok, err = xpcall(f, annotate)
  loading = false
  local list = registered
  registered = nil
  if not ok then return false, err end
  return true, list
end

local function adopt(f)
  setfenv(f, env)
  return f
end

return run, adopt, load_library, eval_globals
