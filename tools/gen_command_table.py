#!/usr/bin/env python3
"""Regenerate src/engine/commands.rs from a running redis-server 7.0.

Facts come from the server (COMMAND INFO: arity, flags, key positions, ACL
categories, tips; COMMAND DOCS: group, since, argument tree for the syntax
line). Words come from this file: summaries and complexities are ours.
Only commands listed in OURS are emitted: the table holds what we run.
The summaries and complexities, ACL categories, tips, groups and versions
go to src/engine/docs.txt, apart from the
table: the playground fetches them when first needed (HELP, COMMAND INFO,
COMMAND DOCS)
instead of carrying them in its first load; other builds include them.

    redis-server --port 7777 --save "" --daemonize yes
    python3 tools/gen_command_table.py 7777 > src/engine/commands.rs
"""
import socket
import sys

# name -> (summary in our words, complexity)
OURS = {
    # strings
    "get": ("Read the string stored at a key.", "O(1)"),
    "set": ("Store a string at a key, with optional conditions, expiry and the old value back.", "O(1)"),
    "getex": ("Read a string and change or drop its time to live.", "O(1)"),
    "getdel": ("Read a string and delete its key.", "O(1)"),
    "getset": ("Store a string and return the one it replaced.", "O(1)"),
    "mget": ("Read the strings of several keys at once.", "O(N) for N keys"),
    "mset": ("Store several key/string pairs in one step.", "O(N) for N keys"),
    "msetnx": ("Store several key/string pairs, only if none of the keys exists.", "O(N) for N keys"),
    "setnx": ("Store a string only if the key is absent.", "O(1)"),
    "setex": ("Store a string with a time to live in seconds.", "O(1)"),
    "psetex": ("Store a string with a time to live in milliseconds.", "O(1)"),
    "append": ("Add bytes to the end of a string, creating it if needed.", "O(1) amortized"),
    "strlen": ("Length in bytes of a string.", "O(1)"),
    "getrange": ("A slice of a string, by byte offsets (negative from the end).", "O(N) for the slice length"),
    "substr": ("Old name of GETRANGE.", "O(N) for the slice length"),
    "setrange": ("Overwrite part of a string at a byte offset, padding with zero bytes.", "O(1), O(M) to grow to M bytes"),
    # bitmaps (strings read bit by bit; in the "rest of the engine", see EXT_GROUPS)
    "setbit": ("Set or clear one bit of a string, growing it with zero bytes; answers the bit's old value.", "O(1)"),
    "getbit": ("Read one bit of a string (0 past its end).", "O(1)"),
    "bitcount": ("Count the set bits of a string, or of a byte or bit range of it.", "O(N) for the range's bytes"),
    "bitpos": ("Position of the first set or clear bit, optionally within a byte or bit range.", "O(N) for the range's bytes"),
    "bitop": ("AND, OR, XOR or NOT of strings bit by bit, stored at a key.", "O(N) for the longest string's bytes"),
    "bitfield": ("Read, write and add to integers of any width packed at bit offsets, with a choice of overflow.", "O(1) per operation"),
    "bitfield_ro": ("BITFIELD with GET operations only, for replicas and read-only scripts.", "O(1) per operation"),
    # watching the server (the rest of the engine too)
    "monitor": ("Show every command the server runs, as it runs, on this connection.", "O(N) for N commands shown"),
    "client|tracking": ("Turn client-side caching on or off: be told when keys this connection read (or, BCAST, any keys under some prefixes) change.", "O(1), O(N) for N prefixes"),
    "client|caching": ("With TRACKING OPTIN or OPTOUT: track (YES) or not (NO) what the next command reads.", "O(1)"),
    "client|getredir": ("The client this connection's invalidations go to (0: itself, -1: not tracking).", "O(1)"),
    "client|trackinginfo": ("This connection's tracking mode, redirect and prefixes.", "O(1)"),
    "client|pause": ("Hold back every client's commands (or only writes) for some milliseconds.", "O(1)"),
    "client|unpause": ("End a CLIENT PAUSE early: the held back commands run.", "O(N) for N held back commands"),
    "client|reply": ("Stop replies to this connection (OFF), skip the next one (SKIP), or send them again (ON).", "O(1)"),
    "client|kill": ("Close the connections of the clients that match an address, id, type or user.", "O(N) for N clients"),
    "slowlog": ("Read or clear the log of commands that ran longer than slowlog-log-slower-than.", "Depends on the subcommand"),
    "slowlog|get": ("The newest entries of the slow log (10, or as many as asked; -1 for all).", "O(N) for N entries"),
    "slowlog|len": ("How many entries the slow log holds.", "O(1)"),
    "slowlog|reset": ("Empty the slow log.", "O(N) for N entries"),
    "slowlog|help": ("What the SLOWLOG subcommands do.", "O(1)"),
    "latency": ("Read the latency monitor's samples and reports.", "Depends on the subcommand"),
    "latency|latest": ("The latest latency sample of each event.", "O(1)"),
    "latency|history": ("The latency samples of one event.", "O(1)"),
    "latency|reset": ("Forget the latency samples of some or all events.", "O(1)"),
    "latency|graph": ("An ASCII graph of one event's latency samples.", "O(1)"),
    "latency|doctor": ("A report on the latency samples, in words.", "O(1)"),
    "latency|help": ("What the LATENCY subcommands do.", "O(1)"),
    # geo (the rest of the engine too)
    "geoadd": ("Add places (longitude, latitude, name) to a sorted set scored by their geohash.", "O(log N) per place"),
    "geopos": ("Longitude and latitude of places, as the centre of their geohash cell.", "O(1) per place"),
    "geodist": ("Distance between two places, in m, km, ft or mi.", "O(1)"),
    "geohash": ("The standard 11-character geohash of places.", "O(1) per place"),
    "geosearch": ("Places within a radius or a box around a place or a point, optionally nearest first, with distances, hashes and positions.", "O(N + log M) for N places in the cells around, M places in all"),
    "geosearchstore": ("GEOSEARCH, storing the places (or their distances) as a sorted set.", "O(N + log M) for N places in the cells around, M places in all"),
    "georadius": ("Places within a radius of a point (the older form of GEOSEARCH), optionally stored.", "O(N + log M) for N places in the cells around, M places in all"),
    "georadius_ro": ("GEORADIUS without STORE.", "O(N + log M) for N places in the cells around, M places in all"),
    "georadiusbymember": ("Places within a radius of a place (the older form of GEOSEARCH), optionally stored.", "O(N + log M) for N places in the cells around, M places in all"),
    "georadiusbymember_ro": ("GEORADIUSBYMEMBER without STORE.", "O(N + log M) for N places in the cells around, M places in all"),
    # streams (the rest of the engine too)
    "xadd": ("Append an entry (field-value pairs) to a stream, with a new or given id, optionally trimming it.", "O(1) to add, O(N) for N entries trimmed"),
    "xlen": ("Number of entries in a stream.", "O(1)"),
    "xrange": ("Entries with ids between two bounds, oldest first.", "O(log N + M) for M entries returned"),
    "xrevrange": ("Entries with ids between two bounds, newest first.", "O(log N + M) for M entries returned"),
    "xdel": ("Delete entries by id; answers how many were there.", "O(log N) per entry"),
    "xtrim": ("Drop a stream's oldest entries past a length or below an id, exactly or by whole nodes (~).", "O(N) for N entries removed"),
    "xsetid": ("Set a stream's last id (and its added and deleted counters), as replication and AOF do.", "O(1)"),
    "xread": ("Entries after an id from one or more streams, optionally waiting for new ones.", "O(N) for N entries returned"),
    "xreadgroup": ("Read new entries for a consumer of a group (each delivered once, pending until acknowledged), or the consumer's own pending ones again.", "O(N) for N entries returned"),
    "xgroup": ("Manage a stream's consumer groups and their consumers.", "Depends on the subcommand"),
    "xgroup|create": ("Make a consumer group that starts after an id (or at the end), optionally making the stream.", "O(1)"),
    "xgroup|setid": ("Move a group's last delivered id.", "O(1)"),
    "xgroup|destroy": ("Delete a consumer group with its consumers and pending entries.", "O(N) for N pending entries"),
    "xgroup|createconsumer": ("Add a consumer to a group.", "O(1)"),
    "xgroup|delconsumer": ("Remove a consumer and its pending entries; answers how many it had.", "O(N) for N pending entries"),
    "xgroup|help": ("What the XGROUP subcommands do.", "O(1)"),
    "xack": ("Acknowledge entries a group delivered, removing them from its pending list.", "O(1) per id"),
    "xpending": ("A group's pending entries: a summary, or each with its consumer, idle time and delivery count.", "O(N) for N entries listed"),
    "xclaim": ("Take pending entries idle for long enough over for another consumer.", "O(log N) per id"),
    "xautoclaim": ("Scan a group's pending entries from an id and take over those idle long enough.", "O(1) per entry scanned"),
    "xinfo": ("Look inside a stream, its groups and their consumers.", "Depends on the subcommand"),
    "xinfo|stream": ("A stream's length, ids, counters and edges, or (FULL) everything with its groups.", "O(1), O(N) with FULL"),
    "xinfo|groups": ("A stream's consumer groups with their pending counts, last ids and lag.", "O(N) for N groups"),
    "xinfo|consumers": ("A group's consumers with their pending counts and idle times.", "O(N) for N consumers"),
    "xinfo|help": ("What the XINFO subcommands do.", "O(1)"),
    # HyperLogLog (the rest of the engine too)
    "pfadd": ("Add elements to a HyperLogLog, creating it; answers 1 if its estimate may have changed.", "O(1) per element"),
    "pfcount": ("Estimated number of distinct elements added to one HyperLogLog, or to the union of several.", "O(1) for one key (cached), O(N) for N keys"),
    "pfmerge": ("Store the union of HyperLogLogs at a key.", "O(N) for N HyperLogLogs"),
    "debug": ("The server's test hooks: digests of the data, a value's internals, a pause, test replies of every type.", "Depends on the subcommand"),
    "pfdebug": ("Look inside a HyperLogLog: its registers, its encoding, its sparse opcodes; or make it dense.", "O(N) for N registers"),
    "pfselftest": ("Run Redis's self-test of the HyperLogLog implementation.", "O(N), about ten million additions"),
    "incr": ("Add one to the integer in a string.", "O(1)"),
    "decr": ("Subtract one from the integer in a string.", "O(1)"),
    "incrby": ("Add an integer to the integer in a string.", "O(1)"),
    "decrby": ("Subtract an integer from the integer in a string.", "O(1)"),
    "incrbyfloat": ("Add a decimal number to the number in a string.", "O(1)"),
    "lcs": ("Longest common subsequence of two strings, its length or where it matches.", "O(N*M) for strings of N and M bytes"),
    # lists
    "lpush": ("Add elements at the head of a list, creating it if needed.", "O(1) per element"),
    "rpush": ("Add elements at the tail of a list, creating it if needed.", "O(1) per element"),
    "lpushx": ("Add elements at the head of a list, only if the list exists.", "O(1) per element"),
    "rpushx": ("Add elements at the tail of a list, only if the list exists.", "O(1) per element"),
    "lpop": ("Take one or several elements off the head of a list.", "O(N) for N elements taken"),
    "rpop": ("Take one or several elements off the tail of a list.", "O(N) for N elements taken"),
    "llen": ("Number of elements in a list.", "O(1)"),
    "lrange": ("The elements between two indexes (negative from the end), both included.", "O(S+N) for offset S and N elements"),
    "lindex": ("The element at an index (negative from the end).", "O(N) for the distance walked"),
    "lset": ("Replace the element at an index.", "O(N) for the distance walked"),
    "linsert": ("Insert an element before or after the first occurrence of another.", "O(N) for the elements passed"),
    "lrem": ("Remove occurrences of an element, from the head, the tail, or all.", "O(N+M) for N elements and M removed"),
    "ltrim": ("Keep only the elements between two indexes.", "O(N) for N elements removed"),
    "lpos": ("Indexes where an element occurs, counted from either end.", "O(N) for N elements scanned"),
    "lmove": ("Take an element off one end of a list and add it to an end of another (or the same).", "O(1)"),
    "rpoplpush": ("Take the tail of a list and add it at the head of another; LMOVE RIGHT LEFT.", "O(1)"),
    "blpop": ("Take the head of the first non-empty list among several keys, waiting for one if all are empty.", "O(N) for N keys"),
    "brpop": ("Take the tail of the first non-empty list among several keys, waiting for one if all are empty.", "O(N) for N keys"),
    "blmove": ("LMOVE that waits for the source list to get an element.", "O(1)"),
    "brpoplpush": ("RPOPLPUSH that waits for the source list to get an element; BLMOVE RIGHT LEFT.", "O(1)"),
    "blmpop": ("LMPOP that waits for one of the lists to get elements.", "O(N+M) for N keys and M elements"),
    "lmpop": ("Take elements from the first non-empty list among several keys.", "O(N+M) for N keys and M elements"),
    # hashes
    "hset": ("Set fields of a hash to values, creating the hash if needed.", "O(1) per field"),
    "hmset": ("Old form of HSET that answers OK.", "O(1) per field"),
    "hsetnx": ("Set a field of a hash only if it is not there yet.", "O(1)"),
    "hget": ("The value of one field of a hash.", "O(1)"),
    "hmget": ("The values of several fields of a hash.", "O(N) for N fields"),
    "hgetall": ("Every field and value of a hash.", "O(N) for a hash of N fields"),
    "hkeys": ("Every field name of a hash.", "O(N) for a hash of N fields"),
    "hvals": ("Every value of a hash.", "O(N) for a hash of N fields"),
    "hlen": ("Number of fields in a hash.", "O(1)"),
    "hexists": ("Whether a hash has a field.", "O(1)"),
    "hstrlen": ("Length in bytes of the value of a hash field.", "O(1)"),
    "hdel": ("Remove fields from a hash.", "O(N) for N fields"),
    "hincrby": ("Add an integer to the integer in a hash field.", "O(1)"),
    "hincrbyfloat": ("Add a decimal number to the number in a hash field.", "O(1)"),
    "hrandfield": ("Random fields of a hash, distinct or with repeats, optionally with values.", "O(N) for N fields returned"),
    "hscan": ("Walk the fields of a hash a few at a time with a cursor.", "O(1) per call, O(N) for a full walk"),
    # sets
    "sadd": ("Add members to a set, creating it if needed.", "O(1) per member"),
    "srem": ("Remove members from a set.", "O(1) per member"),
    "smembers": ("Every member of a set.", "O(N) for a set of N members"),
    "sismember": ("Whether a value is a member of a set.", "O(1)"),
    "smismember": ("For each value, whether it is a member of a set.", "O(N) for N values"),
    "scard": ("Number of members in a set.", "O(1)"),
    "spop": ("Remove and return random members of a set.", "O(N) for N members taken"),
    "srandmember": ("Random members of a set, distinct or with repeats, left in place.", "O(N) for N members returned"),
    "smove": ("Move a member from one set to another.", "O(1)"),
    "sinter": ("Members present in every one of the given sets.", "O(N*M): N for the smallest set, M sets"),
    "sintercard": ("How many members the intersection of sets has, optionally stopping at a limit.", "O(N*M): N for the smallest set, M sets"),
    "sinterstore": ("Store the intersection of sets under a key.", "O(N*M): N for the smallest set, M sets"),
    "sunion": ("Members present in any of the given sets.", "O(N) for N members in all"),
    "sunionstore": ("Store the union of sets under a key.", "O(N) for N members in all"),
    "sdiff": ("Members of the first set that are in none of the others.", "O(N) for N members in all"),
    "sdiffstore": ("Store the difference of sets under a key.", "O(N) for N members in all"),
    "sscan": ("Walk the members of a set a few at a time with a cursor.", "O(1) per call, O(N) for a full walk"),
    # sorted sets
    "zadd": ("Add members with scores to a sorted set, or change their scores, with conditions.", "O(log N) per member"),
    "zincrby": ("Add to the score of a member of a sorted set.", "O(log N)"),
    "zscore": ("The score of a member of a sorted set.", "O(1)"),
    "zmscore": ("The scores of several members of a sorted set.", "O(N) for N members"),
    "zcard": ("Number of members in a sorted set.", "O(1)"),
    "zcount": ("How many members have a score within a range.", "O(log N)"),
    "zlexcount": ("How many members fall within a range of names (for equal scores).", "O(log N)"),
    "zrank": ("Position of a member, lowest score first, from 0.", "O(log N)"),
    "zrevrank": ("Position of a member, highest score first, from 0.", "O(log N)"),
    "zrem": ("Remove members from a sorted set.", "O(log N) per member"),
    "zrange": ("Members by position, score or name range, in either direction, optionally with scores.", "O(log N + M) for M members returned"),
    "zrevrange": ("Members by position, highest score first.", "O(log N + M) for M members returned"),
    "zrangebyscore": ("Members with scores within a range, lowest first.", "O(log N + M) for M members returned"),
    "zrevrangebyscore": ("Members with scores within a range, highest first.", "O(log N + M) for M members returned"),
    "zrangebylex": ("Members within a range of names, for equal scores.", "O(log N + M) for M members returned"),
    "zrevrangebylex": ("Members within a range of names, in reverse, for equal scores.", "O(log N + M) for M members returned"),
    "zremrangebyrank": ("Remove the members between two positions.", "O(log N + M) for M members removed"),
    "zremrangebyscore": ("Remove the members with scores within a range.", "O(log N + M) for M members removed"),
    "zremrangebylex": ("Remove the members within a range of names.", "O(log N + M) for M members removed"),
    "zpopmin": ("Remove and return the members with the lowest scores.", "O(log N) per member"),
    "zpopmax": ("Remove and return the members with the highest scores.", "O(log N) per member"),
    "zrangestore": ("Store a range of a sorted set, by position, score or name, under another key.", "O(log N + M) for M members stored"),
    "zunion": ("Members of any of the given sorted sets, with combined scores.", "O(N) + O(M log M) for N inputs and M results"),
    "zinter": ("Members of every one of the given sorted sets, with combined scores.", "O(N*K) + O(M log M): N the smallest, K inputs"),
    "zdiff": ("Members of the first sorted set that are in none of the others.", "O(N) + O(M log M)"),
    "zunionstore": ("Store the union of sorted sets under a key.", "O(N) + O(M log M) for N inputs and M results"),
    "zinterstore": ("Store the intersection of sorted sets under a key.", "O(N*K) + O(M log M): N the smallest, K inputs"),
    "zdiffstore": ("Store the difference of sorted sets under a key.", "O(N) + O(M log M)"),
    "zintercard": ("How many members the intersection of sorted sets has, optionally stopping at a limit.", "O(N*K): N the smallest, K inputs"),
    "bzpopmin": ("Take the lowest-scored member of the first non-empty sorted set among several keys, waiting for one if all are empty.", "O(log N) for N members"),
    "bzpopmax": ("Take the highest-scored member of the first non-empty sorted set among several keys, waiting for one if all are empty.", "O(log N) for N members"),
    "bzmpop": ("ZMPOP that waits for one of the sorted sets to get members.", "O(K) + O(M log N)"),
    "zmpop": ("Take the lowest or highest members from the first non-empty sorted set among several keys.", "O(K) + O(M log N)"),
    "zrandmember": ("Random members of a sorted set, distinct or with repeats, optionally with scores.", "O(N) for N members returned"),
    "zscan": ("Walk the members and scores of a sorted set a few at a time with a cursor.", "O(1) per call, O(N) for a full walk"),
    # memory
    "memory": ("Report how memory is used.", "Depends on the subcommand"),
    "memory|usage": ("Bytes a key and its value take, as Redis would count them.", "O(N) for N samples"),
    "memory|stats": ("How memory is used: the dataset, the server's overheads, each database.", "O(1)"),
    "memory|doctor": ("What the memory doctor makes of how memory is used.", "O(1)"),
    "memory|malloc-stats": ("The allocator's own report.", "Depends on the allocator"),
    "memory|purge": ("Ask the allocator to give unused pages back.", "Depends on the allocator"),
    "memory|help": ("What the MEMORY subcommands do.", "O(1)"),
    # sort
    "sort": ("Sort a list, set or sorted set, by value or by other keys, optionally storing the result.", "O(N+M*log(M)) for N elements, M returned"),
    "sort_ro": ("SORT without STORE, for read-only use.", "O(N+M*log(M)) for N elements, M returned"),
    # keys
    "del": ("Remove keys of any type.", "O(N) for N keys, plus the size of each collection"),
    "unlink": ("Remove keys; Redis frees big values in the background.", "O(1) per key"),
    "exists": ("Count how many of the given keys exist (repeats count again).", "O(N) for N keys"),
    "type": ("Name of the type of the value at a key.", "O(1)"),
    "keys": ("Every key matching a glob pattern. Walks the whole keyspace.", "O(N) for N keys in the database"),
    "scan": ("Walk the keyspace a few keys at a time with a cursor.", "O(1) per call, O(N) for a full walk"),
    "randomkey": ("Any one key, picked at random.", "O(1)"),
    "rename": ("Give a key a new name, replacing whatever had that name.", "O(1)"),
    "renamenx": ("Give a key a new name, only if the name is free.", "O(1)"),
    "copy": ("Duplicate a value under another key, optionally in another database.", "O(N) for the size of the value"),
    "move": ("Move a key to another database if the name is free there.", "O(1)"),
    "touch": ("Mark keys as just used; count those that exist.", "O(N) for N keys"),
    "expire": ("Set a key's time to live in seconds.", "O(1)"),
    "pexpire": ("Set a key's time to live in milliseconds.", "O(1)"),
    "expireat": ("Set the Unix time, in seconds, at which a key expires.", "O(1)"),
    "pexpireat": ("Set the Unix time, in milliseconds, at which a key expires.", "O(1)"),
    "ttl": ("Seconds left before a key expires (-1 none, -2 no key).", "O(1)"),
    "pttl": ("Milliseconds left before a key expires (-1 none, -2 no key).", "O(1)"),
    "expiretime": ("Unix time in seconds at which a key expires.", "O(1)"),
    "pexpiretime": ("Unix time in milliseconds at which a key expires.", "O(1)"),
    "persist": ("Remove a key's time to live.", "O(1)"),
    "object": ("Look inside how a value is stored.", "Depends on the subcommand"),
    "object|encoding": ("Internal representation of a value (int, embstr, raw, listpack, ...).", "O(1)"),
    "object|freq": ("Access frequency counter, when an LFU eviction policy is set.", "O(1)"),
    "object|idletime": ("Seconds since the key was last read or written.", "O(1)"),
    "object|refcount": ("How many references share the value.", "O(1)"),
    "object|help": ("What the OBJECT subcommands do.", "O(1)"),
    # connection
    "ping": ("Check the connection; answers PONG or echoes its argument.", "O(1)"),
    "echo": ("Answer with the given message.", "O(1)"),
    "select": ("Switch this connection to another numbered database.", "O(1)"),
    "hello": ("Pick the protocol version (2 or 3), name the client, and learn about the server.", "O(1)"),
    "quit": ("Close the connection after the reply.", "O(1)"),
    "reset": ("Put the connection back to its fresh state.", "O(1)"),
    "client": ("Inspect and manage client connections.", "Depends on the subcommand"),
    "client|id": ("This connection's unique id.", "O(1)"),
    "client|setname": ("Give this connection a name.", "O(1)"),
    "client|getname": ("This connection's name.", "O(1)"),
    "client|list": ("One line of facts per connected client.", "O(N) for N clients"),
    "client|info": ("The CLIENT LIST line of this connection.", "O(1)"),
    "client|help": ("What the CLIENT subcommands do.", "O(1)"),
    "client|unblock": ("End another client's wait in a blocking command, as a timeout or with an error.", "O(log N) for N waiting clients"),
    "client|no-evict": ("Leave this connection out of client eviction (ON), or not (OFF).", "O(1)"),
    # server
    "swapdb": ("Exchange the contents of two databases.", "O(N) for clients watching keys"),
    "dbsize": ("Number of keys in the selected database.", "O(1)"),
    "flushdb": ("Delete every key of the selected database.", "O(N) for N keys"),
    "flushall": ("Delete every key of every database.", "O(N) for N keys"),
    "time": ("The server clock: Unix seconds and microseconds.", "O(1)"),
    "acl": ("Users and what each may run, read and write, and the log of refusals.", "Depends on the subcommand"),
    "acl|cat": ("The ACL categories, or the commands of one category.", "O(1)"),
    "acl|deluser": ("Delete users; their connections are closed.", "O(1) per user"),
    "acl|dryrun": ("Whether a user could run a command with these arguments, without running it.", "O(1)"),
    "acl|genpass": ("A random password from the server's generator: 256 bits as hex, or as many bits as asked.", "O(N) for N bits"),
    "acl|getuser": ("A user's flags, password hashes, commands, key and channel patterns, and selectors.", "O(N) for N rules"),
    "acl|help": ("What the ACL subcommands do.", "O(1)"),
    "acl|list": ("Every user, as the rules that would make it again.", "O(N) for N users"),
    "acl|load": ("Replace every user with those of the ACL file (aclfile); nothing changes if a line is wrong.", "O(N) for N users"),
    "acl|log": ("The newest refusals (commands, keys, channels, passwords), or RESET to empty the log.", "O(N) for N entries"),
    "acl|save": ("Write every user to the ACL file (aclfile).", "O(N) for N users"),
    "acl|setuser": ("Create a user or change one, rule by rule; all the rules apply or none.", "O(N) for N rules"),
    "acl|users": ("The names of the users.", "O(N) for N users"),
    "acl|whoami": ("The user this connection is authenticated as.", "O(1)"),
    "auth": ("Prove who the client is: the default user's password (requirepass), or a user name and password.", "O(N) for N passwords of the user"),
    "save": ("Write the whole dataset to the RDB file (dir/dbfilename) before answering.", "O(N) for N keys"),
    "bgsave": ("Write the RDB file in the background (here: before answering, as no fork is needed).", "O(N) for N keys"),
    "bgrewriteaof": ("Rewrite the append-only file: a new base with the data as it is, and a new file for the writes after it (here before answering).", "O(N) for N keys"),
    "dump": ("A key's value in Redis's serialized form, for RESTORE here or on another server.", "O(1) to find the key, O(N*M) to serialize N elements of M bytes"),
    "restore": ("Create a key from a DUMP payload, with an optional TTL, idle time or frequency.", "O(1) to create the key, O(N*M) to read N elements of M bytes"),
    "lastsave": ("Unix time of the last successful save.", "O(1)"),
    "lolwut": ("Computer art: Redis 7.0 shows its version; VERSION 5 draws Georg Nees's Schotter, VERSION 6 a city skyline.", "O(N) for N characters drawn"),
    "shutdown": ("Stop the server, saving first unless NOSAVE (the playground refuses, as a server that cannot stop would).", "O(N) when saving, N keys"),
    "info": ("Facts and counters about the server, by section.", "O(1)"),
    "config": ("Read and change server parameters.", "Depends on the subcommand"),
    "config|get": ("Parameters matching glob patterns, with their values.", "O(N) for N parameters"),
    "config|set": ("Change parameters at run time.", "O(N) for N parameters"),
    "config|resetstat": ("Zero the statistics INFO reports.", "O(1)"),
    "config|rewrite": ("Write the running configuration to the config file.", "O(1)"),
    "config|help": ("What the CONFIG subcommands do.", "O(1)"),
    "command": ("Facts about the commands this server runs.", "O(N) for N commands"),
    "command|count": ("How many commands the server runs.", "O(1)"),
    "command|info": ("Arity, flags, key positions and ACL categories of commands.", "O(N) for N commands asked"),
    "command|docs": ("Summary, group, version and complexity of commands.", "O(N) for N commands asked"),
    "command|list": ("Names of every command, optionally filtered.", "O(N) for N commands"),
    "command|getkeys": ("Which arguments of a full command are keys.", "O(N) for N arguments"),
    "command|getkeysandflags": ("Which arguments of a full command are keys, and how it uses each.", "O(N) for N arguments"),
    "command|help": ("What the COMMAND subcommands do.", "O(1)"),
    # pub/sub
    "subscribe": ("Listen to channels: their messages arrive as pushes.", "O(N) for N channels"),
    "unsubscribe": ("Stop listening to some channels, or to all of them.", "O(N) for N channels"),
    "psubscribe": ("Listen to every channel whose name matches glob patterns.", "O(N) for N patterns"),
    "punsubscribe": ("Stop listening by some patterns, or by all of them.", "O(N+M) for N patterns and M subscribed"),
    "ssubscribe": ("Listen to shard channels.", "O(N) for N shard channels"),
    "sunsubscribe": ("Stop listening to some shard channels, or to all of them.", "O(N) for N shard channels"),
    "publish": ("Send a message to a channel; the number of clients it reached.", "O(N+M) for N subscribers and M patterns"),
    "spublish": ("Send a message to a shard channel; the number of clients it reached.", "O(N) for N subscribers"),
    "pubsub": ("Look at channels, patterns and their subscribers.", "Depends on the subcommand"),
    "pubsub|channels": ("Channels with at least one subscriber, optionally matching a pattern.", "O(N) for N active channels"),
    "pubsub|numsub": ("Subscriber counts of channels (patterns not counted).", "O(N) for N channels asked"),
    "pubsub|numpat": ("Number of distinct patterns subscribed to.", "O(1)"),
    "pubsub|shardchannels": ("Shard channels with at least one subscriber, optionally matching a pattern.", "O(N) for N active shard channels"),
    "pubsub|shardnumsub": ("Subscriber counts of shard channels.", "O(N) for N shard channels asked"),
    "pubsub|help": ("What the PUBSUB subcommands do.", "O(1)"),
    "multi": ("Start queueing commands to run together at EXEC.", "O(1)"),
    # scripting
    "eval": ("Run a Lua script, atomically, with key names and arguments.", "Depends on the script"),
    "evalsha": ("Run a cached Lua script by its SHA1.", "Depends on the script"),
    "eval_ro": ("EVAL for scripts that only read.", "Depends on the script"),
    "evalsha_ro": ("EVALSHA for scripts that only read.", "Depends on the script"),
    "script": ("Manage the cache of Lua scripts.", "Depends on the subcommand"),
    "script|load": ("Compile a script and cache it without running it; answers its SHA1.", "O(N) for a script of N bytes"),
    "script|exists": ("Whether each SHA1 names a cached script.", "O(N) for N SHA1s"),
    "script|flush": ("Empty the script cache.", "O(N) for N cached scripts"),
    "script|kill": ("Stop the script that is running, if it has not written.", "O(1)"),
    "script|help": ("What the SCRIPT subcommands do.", "O(1)"),
    "fcall": ("Call a function from a loaded library.", "Depends on the function"),
    "fcall_ro": ("FCALL for functions that only read.", "Depends on the function"),
    "function": ("Manage libraries of Lua functions.", "Depends on the subcommand"),
    "function|dump": ("Every function library in serialized form, for FUNCTION RESTORE.", "O(N) for N functions"),
    "function|restore": ("Load libraries from a FUNCTION DUMP payload: appended, replacing, or instead of the present ones.", "O(N) for N functions"),
    "function|load": ("Load a library of functions from its source.", "O(1) plus the library's own loading"),
    "function|list": ("The loaded libraries and their functions, optionally with code.", "O(N) for N functions"),
    "function|delete": ("Remove a library and its functions.", "O(1)"),
    "function|flush": ("Remove every library.", "O(N) for N functions"),
    "function|kill": ("Stop the function that is running, if it has not written.", "O(1)"),
    "function|stats": ("What function is running, and how many libraries and functions there are.", "O(1)"),
    "function|help": ("What the FUNCTION subcommands do.", "O(1)"),
    # transactions
    "exec": ("Run the queued commands as one step, unless a watched key changed.", "O(N) for the queued commands"),
    "discard": ("Drop the queued commands and leave the transaction.", "O(N) for the queued commands"),
    "watch": ("Make the next EXEC fail if any of these keys changes first.", "O(1) per key"),
    "unwatch": ("Forget every watched key.", "O(N) for N watched keys"),
}

MODULE = {"zset": "zsets", "sorted-set": "zsets", "set": "sets", "hash": "hashes", "list": "lists", "string": "strings", "generic": "keys", "connection": "connection", "server": "server", "pubsub": "pubsub", "transactions": "transactions", "scripting": "scripting", "bitmap": "bits", "hyperloglog": "hll", "geo": "geo", "stream": "streams"}
# Groups whose handlers are "the rest of the engine": the playground's
# first load leaves them out (its 350 KB budget) and loads a build with
# them when a line first needs one. The table still lists them (COMMAND,
# HELP and hints know them); their handler is the stub `cmd::ext`,
# which finds and calls its EXT_HANDLERS entry when this build has them.
EXT_GROUPS = {"bitmap", "hyperloglog", "geo", "stream"}
# Single commands routed the same way: ones most visits never type, whose
# handlers are big enough to matter (SORT's options, LCS's matrix, the
# key finding of COMMAND GETKEYS, MEMORY USAGE's model of Redis's
# allocations), and SLOWLOG and LATENCY.
EXT_COMMANDS = {"debug", "lolwut", "command", "command|info", "command|getkeysandflags", "sort", "sort_ro", "lcs", "command|getkeys", "memory|usage", "memory|stats", "memory|doctor", "memory|malloc-stats", "memory|purge", "memory|help", "config|rewrite", "client|no-evict", "monitor", "client|kill", "client|reply", "client|pause", "client|unpause",
                "client|tracking", "client|caching", "client|getredir", "client|trackinginfo",
                # FUNCTION's libraries (FCALL stays in the first loads) and COPY:
                # typed on few visits, and big.
                "function|load", "function|list", "function|delete", "function|flush",
                "function|stats", "copy",
                # Persistence: DUMP and RESTORE, saving (the RDB format).
                "dump", "restore", "save", "bgsave", "function|dump", "function|restore",
                "bgrewriteaof",
                # Who the client is, and ACL: users and what each may run.
                "auth", "acl|cat", "acl|deluser", "acl|dryrun", "acl|genpass", "acl|getuser",
                "acl|help", "acl|list", "acl|load", "acl|log", "acl|save", "acl|setuser",
                "acl|users", "acl|whoami",
                # Random picks from a hash or a sorted set: rare in lessons
                # (SRANDMEMBER and SPOP, the classic ones, stay).
                "hrandfield", "zrandmember",
                # Sorted-set algebra (ZUNION, ZINTER, ZDIFF and their STORE
                # forms, ZINTERCARD), ZRANGESTORE, the multi-key pops, LPOS,
                # SINTERCARD and CLIENT LIST/INFO: not in any lesson, and
                # what made room in the first loads for maxmemory.
                "zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore",
                "zintercard", "zrangestore", "zmpop", "bzmpop", "lmpop", "blmpop", "lpos",
                "sintercard", "client|list", "client|info",
                # Lexicographic ranges by their own commands (ZRANGE ... BYLEX
                # stays), and the rarer siblings of common commands: room
                # for the AOF's logging in the first loads.
                "zrangebylex", "zrevrangebylex", "zlexcount", "zremrangebylex", "getex",
                "smismember", "zmscore", "hstrlen", "renamenx", "msetnx",
                # Rarer still, in no tutorial: room for ACL's check in
                # the first loads.
                "linsert", "lset", "smove", "zrevrangebyscore", "brpoplpush", "swapdb",
                "hsetnx", "lpushx", "rpushx", "psetex", "expiretime", "pexpiretime",
                "randomkey", "lastsave",
                "slowlog|get", "slowlog|len", "slowlog|reset", "slowlog|help",
                "latency|latest", "latency|history", "latency|reset", "latency|graph",
                "latency|doctor", "latency|help"}
# Names of the commands so routed, in EXT_HANDLERS' order.
EXT = []
# Commands whose handlers live in a file of their own rather than their group's.
OWN_MODULE = {"auth": "auth", "acl": "acl", "bgrewriteaof": "aof", "dump": "persist", "restore": "persist", "save": "persist", "bgsave": "persist",
              "function|dump": "persist", "function|restore": "persist",
              "debug": "debug", "lolwut": "lolwut", "info": "info", "command": "command",
              "command|count": "command", "command|info": "command", "command|docs": "command",
              "command|list": "command", "command|getkeys": "command",
              "command|getkeysandflags": "command", "command|help": "command", "client|tracking": "tracking", "client|caching": "tracking", "client|getredir": "tracking",
              "client|trackinginfo": "tracking", "sort": "sort", "sort_ro": "sort", "memory": "memory", "memory|usage": "memory",
              "memory|stats": "memory", "memory|doctor": "memory", "memory|malloc-stats": "memory", "memory|purge": "memory", "memory|help": "memory"}
OWN_MODULE.update({n: "acl" for n in OURS if n.startswith("acl|")})
OWN_MODULE.update({n: "watching" for n in ["client|no-evict", "monitor", "client|kill", "client|reply", "client|pause", "client|unpause", "slowlog", "slowlog|get", "slowlog|len", "slowlog|reset", "slowlog|help",
                                           "latency", "latency|latest", "latency|history", "latency|reset",
                                           "latency|graph", "latency|doctor", "latency|help"]})
# Commands flagged may_replicate in Redis 7.0's sources (src/commands/*.json),
# a flag COMMAND INFO does not show.
MAY_REPLICATE = {"eval", "evalsha", "fcall", "pfcount", "publish", "spublish"}
RUST_KEYWORDS = {"type", "move", "ref", "box", "self", "use", "match"}


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.f = self.s.makefile("rb")

    def cmd(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a.encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.s.sendall(out)
        return self.read()

    def read(self):
        line = self.f.readline()[:-2]
        t, rest = line[:1], line[1:]
        if t == b"+":
            return rest.decode()
        if t == b"-":
            raise RuntimeError(rest.decode())
        if t == b":":
            return int(rest)
        if t == b"$":
            n = int(rest)
            return None if n < 0 else self.f.read(n + 2)[:-2].decode()
        if t == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise ValueError(line)


def pairs(flat):
    return dict(zip(flat[0::2], flat[1::2]))


def render(args):
    return " ".join(render_arg(pairs(a)) for a in args)


def render_arg(a):
    flags = a.get("flags", [])
    typ = a["type"]
    if typ == "pure-token":
        body = a["token"]
    elif typ == "oneof":
        body = " | ".join(render_arg(pairs(x)) for x in a["arguments"])
        if a.get("token"):
            body = a["token"] + " " + body
    elif typ == "block":
        body = render(a["arguments"])
        if a.get("token"):
            body = a["token"] + " " + body
    else:
        body = a["name"]
        if a.get("token"):
            body = a["token"] + " " + body
    if "multiple" in flags:
        if "multiple_token" in flags and a.get("token"):
            body = f"{body} [{body} ...]"
        else:
            rep = body if not a.get("token") or "multiple_token" in flags else body[len(a["token"]) + 1:]
            body = f"{body} [{rep} ...]"
    if "optional" in flags:
        return f"[{body}]"
    if typ == "oneof" and len(a["arguments"]) > 1:
        return f"<{body}>"
    return body


def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Redis 7.0's order of command flags (`addReplyFlagsForCommand`), which
# COMMAND INFO lists them in, then the one it hides; `table::flag` gives
# each a bit in this order.
FLAG_ORDER = ["write", "readonly", "denyoom", "module", "admin", "pubsub", "noscript",
              "blocking", "loading", "stale", "skip_monitor", "skip_slowlog", "asking", "fast",
              "no_auth", "no_mandatory_keys", "no_async_loading", "no_multi", "movablekeys",
              "allow_busy", "may_replicate"]


def emit(info, docs, indent):
    name, arity, flags, first, last, step, acl, tips = info[:8]
    subs = info[9] if len(info) > 9 else []
    KEYSPECS[name] = [pairs(sp) for sp in (info[8] if len(info) > 8 else [])]
    d = pairs(docs)
    display = name.replace("|", " ").upper()
    syntax = (display + " " + render(d.get("arguments", []))).strip()
    module = OWN_MODULE.get(name, MODULE[d["group"]])
    fn = name.replace("|", "_").replace("-", "_")
    if fn in RUST_KEYWORDS:
        fn += "_"
    p = " " * indent
    out = [f"{p}Command {{"]
    out.append(f"{p}    name: {rs(name)},")
    out.append(f"{p}    arity: {arity},")
    out.append(f"{p}    keys: ({first}, {last}, {step}),")
    # Redis hides one flag from COMMAND INFO that it acts on (CLIENT PAUSE
    # WRITE holds these back, a monitor may not run them): the table
    # keeps it, and COMMAND INFO leaves it out again.
    if name in MAY_REPLICATE:
        flags = list(flags) + ["may_replicate"]
    # Flags as bits (`table::flag`): dispatch tests several on every
    # command, and a bit test costs nothing where splitting words did.
    unknown = [f for f in flags if f not in FLAG_ORDER]
    if unknown:
        raise SystemExit(f"{name}: flags the table has no bit for: {unknown}")
    out.append(f"{p}    flags: " + (" | ".join("flag::" + f.upper() for f in flags) or "0") + ",")
    FACTS[name] = (" ".join(acl), " ".join(tips), d["group"], d["since"])
    # The syntax line, for the console's hint. The rest of the engine's
    # commands keep theirs in docs.txt (an eighth column): a first load
    # cannot run them, so it need not carry their hint either
    # (Command::syntax reads it from the docs). The rest goes to docs.txt
    # (see write_docs), which the playground fetches after its first load.
    if d["group"] in EXT_GROUPS or name in EXT_COMMANDS:
        FACTS[name] = FACTS[name] + (syntax,)
        syntax = ""
    out.append(f"{p}    syntax: {rs(syntax)},")
    sub_docs = pairs(d.get("subcommands", []))
    ours = [s for s in subs if s[0] in OURS]
    if ours:
        # A container that also runs alone (COMMAND) has arity -1; its own
        # handler may be the rest of the engine's too.
        handler = f"cmd::{module}::{fn}" if arity == -1 else "cmd::no_handler"
        if arity == -1 and name in EXT_COMMANDS:
            EXT.append((name, handler))
            handler = "cmd::ext"
        out.append(f"{p}    handler: {handler},")
        out.append(f"{p}    subcommands: &[")
        for s in sorted(ours, key=lambda s: s[0]):
            out.extend(emit(s, sub_docs[s[0]], indent + 8))
        out.append(f"{p}    ],")
    elif d["group"] in EXT_GROUPS or name in EXT_COMMANDS:
        out.append(f"{p}    handler: cmd::ext,")
        EXT.append((name, f"cmd::{module}::{fn}"))
        out.append(f"{p}    subcommands: &[],")
    else:
        out.append(f"{p}    handler: cmd::{module}::{fn},")
        out.append(f"{p}    subcommands: &[],")
    out.append(f"{p}}},")
    return out


# ACL categories, tips, group and since of each command emitted, for docs.txt.
FACTS = {}
# Key specifications of each command emitted (COMMAND INFO's ninth element).
KEYSPECS = {}
# Key specs' notes, in our words (what each note explains, said our way).
NOTES = {
    "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort":
        "Keys named by BY and GET patterns: unknown, since their names come from the sorted values",
    "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array":
        "The STORE destination: unknown, since the option may come anywhere among the arguments",
    "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS":
        "A script's keys: how it uses them is unknown, so read and accessed is assumed",
    "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE":
        "A script's keys: how it uses them is unknown, so read, written and updated is assumed",
    "UPDATE instead of INSERT because of the optional trimming feature":
        "Update rather than insert: the same call may also trim the stream",
    "RW and UPDATE because it changes the TTL":
        "Written and updated: the time to live may change",
    "This command allows both access and modification of the key":
        "The key may be both read and changed",
    "RW because it may change the internal representation of the key, and propagate to replicas":
        "Written: counting may rewrite the value's cached estimate, which replicas receive",
    "RW and ACCESS due to the optional `GET` argument":
        "Read and accessed too, for the GET option",
}


def emit_key_specs():
    """KEY_SPECS: each command's key specifications, by name."""
    def begin(b):
        b = pairs(b)
        spec = pairs(b["spec"])
        if b["type"] == "index":
            return f"Begin::Index({spec['index']})"
        if b["type"] == "keyword":
            return f"Begin::Keyword({rs(spec['keyword'])}, {spec['startfrom']})"
        return "Begin::Unknown"

    def find(fk):
        fk = pairs(fk)
        spec = pairs(fk["spec"])
        if fk["type"] == "range":
            return f"Find::Range({spec['lastkey']}, {spec['keystep']}, {spec['limit']})"
        if fk["type"] == "keynum":
            return f"Find::Keynum({spec['keynumidx']}, {spec['firstkey']}, {spec['keystep']})"
        return "Find::Unknown"

    print()
    print("/// Each command's key specifications (COMMAND INFO, COMMAND GETKEYS), by")
    print("/// name: only the rest of the engine reads them.")
    print("pub static KEY_SPECS: &[(&str, &[KeySpec])] = &[")
    for name in sorted(KEYSPECS):
        specs = KEYSPECS[name]
        if not specs:
            continue
        items = []
        for sp in specs:
            notes = NOTES[sp["notes"]] if "notes" in sp else ""
            items.append(f"KeySpec {{ notes: {rs(notes)}, flags: {rs(' '.join(sp['flags']))}, "
                         f"begin: {begin(sp['begin_search'])}, find: {find(sp['find_keys'])} }}")
        print(f"    ({rs(name)}, &[")
        for it in items:
            print(f"        {it},")
        print("    ]),")
    print("];")


def emit_acl_table(c):
    """ACL_TABLE: every command and subcommand of redis-server 7.0, ours or
    not, with its ACL categories as bits in ACL_CATEGORIES' order. A user's
    rules cover every command Redis knows, so that ACL LIST describes a
    user the way Redis would (its best fit of categories counts commands
    we do not run too)."""
    cats = ["keyspace", "read", "write", "set", "sortedset", "list", "hash", "string",
            "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting"]
    rows = []
    noscript = set()

    def walk(info):
        name, acl = info[0], info[6]
        bits = 0
        for a in acl:
            bits |= 1 << cats.index(a.lstrip("@"))
        rows.append((name, bits))
        if "noscript" in info[2] and name.split("|")[0] not in OURS:
            noscript.add(name)
        for sub in (info[9] if len(info) > 9 else []):
            walk(sub)

    for info in c.cmd("COMMAND"):
        walk(info)
    rows.sort()
    print()
    print("/// ACL's categories, in Redis's order (ACL CAT lists them so, and")
    print("/// describing a user tries them so).")
    print("pub static ACL_CATEGORIES: &[&str] = &[")
    for cat in cats:
        print(f"    {rs(cat)},")
    print("];")
    print()
    print("/// Every command and subcommand of Redis 7.0 by name, with its ACL")
    print("/// categories (bit i: ACL_CATEGORIES[i]); a command's place here is its")
    print("/// bit in a user's rules. Only ACL reads it.")
    print("pub static ACL_TABLE: &[(&str, u32)] = &[")
    for name, bits in rows:
        print(f"    ({rs(name)}, {bits:#x}),")
    print("];")
    print()
    print("/// Commands and subcommands of Redis 7.0 not run here that are flagged")
    print("/// `noscript`: a script calling one is refused as Redis refuses it, not")
    print("/// told the command is unknown.")
    print("pub static NOSCRIPT_ELSEWHERE: &[&str] = &[")
    for name in sorted(noscript):
        print(f"    {rs(name)},")
    print("];")


def write_docs():
    """src/engine/docs.txt: `name TAB summary TAB complexity TAB acl TAB
    tips TAB group TAB since [TAB syntax]`, one line per command and
    subcommand in OURS, sorted by name; the syntax only for the rest of
    the engine's commands."""
    import os
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "engine", "docs.txt")
    with open(path, "w") as f:
        f.write("# @generated by tools/gen_command_table.py: each command's summary (our words) and complexity, then its ACL categories, tips, group and since (redis-server 7.0's COMMAND INFO/DOCS), and for the rest of the engine's commands their syntax.\n")
        for name in sorted(OURS):
            fields = OURS[name] + FACTS[name]
            assert all("\t" not in x and "\n" not in x for x in fields)
            f.write(name + "\t" + "\t".join(fields) + "\n")


def main():
    c = Conn(int(sys.argv[1]))
    top = sorted(n for n in OURS if "|" not in n)
    print("// @generated by tools/gen_command_table.py from redis-server 7.0's COMMAND")
    print("// INFO/DOCS (facts) and that script's own summaries. Edit the script, not this.")
    print()
    print("use super::cmd;")
    print("use super::keyspecs::{Begin, Find, KeySpec};")
    print("use super::table::{flag, Command, Handler};")
    print()
    print("pub static COMMANDS: &[Command] = &[")
    for n in top:
        info = c.cmd("COMMAND", "INFO", n)[0]
        docs = pairs(c.cmd("COMMAND", "DOCS", n))[n]
        print("\n".join(emit(info, docs, 4)))
    print("];")
    print()
    print("/// The commands whose handlers are the rest of the engine (EXT_GROUPS in")
    print("/// the generator), in `EXT_HANDLERS`' order: what a build without them")
    print("/// must load before running one.")
    print("pub static EXT_NAMES: &[&str] = &[")
    # Sorted: cmd::ext finds a name by binary search.
    EXT.sort()
    for n, _ in EXT:
        print(f"    {rs(n)},")
    print("];")
    print()
    print("/// Their handlers. Only `ext::install` names this table, so a build that")
    print("/// never calls it leaves them all out.")
    print("pub static EXT_HANDLERS: &[Handler] = &[")
    for _, h in EXT:
        print(f"    {h},")
    print("];")
    emit_key_specs()
    emit_acl_table(c)
    write_docs()


if __name__ == "__main__":
    main()
