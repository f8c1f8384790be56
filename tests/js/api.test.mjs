// The JS API (src/js.rs) under Node: `cargo xtask test` builds the library
// for wasm32 with `--features js`, runs `wasm-bindgen --target nodejs` on it
// and points REDDISH_JS_PKG at the output folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';

const pkgDir = process.env.REDDISH_JS_PKG;
if (!pkgDir) {
  throw new Error('REDDISH_JS_PKG is not set: run these tests with `cargo xtask test`');
}
const require = createRequire(import.meta.url);
const { Reddish } = require(path.join(pkgDir, 'reddish.js'));

test('exec returns replies as JS values', () => {
  const r = new Reddish();
  assert.equal(r.exec(['SET', 'a', '1']), 'OK');
  assert.equal(r.exec(['INCR', 'a']), 2);
  assert.deepEqual(r.exec(['MGET', 'a', 'nope']), ['2', null]);
  assert.equal(r.exec(['GET', 'nope']), null);
});

test('exec throws an Error carrying the Redis error text', () => {
  const r = new Reddish();
  assert.throws(() => r.exec(['NOPE']), (e) => {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.equal(e.message, "ERR unknown command 'NOPE', with args beginning with: ");
    return true;
  });
  assert.throws(() => r.exec(['GET']), {
    message: "ERR wrong number of arguments for 'get' command",
  });
  // An error does not break the instance.
  assert.equal(r.exec(['PING']), 'PONG');
});

test('run prints what redis-cli prints', () => {
  const r = new Reddish();
  assert.equal(r.exec(['SET', 'a', '1']), 'OK');
  assert.equal(r.exec(['INCR', 'a']), 2);
  assert.equal(r.run('GET a'), '"2"');
  assert.equal(r.run('INCR a'), '(integer) 3');
  assert.equal(r.run('GET "a'), 'Invalid argument(s)');
  assert.equal(r.run(''), '');
  assert.equal(r.run('2 INCR a'), '(integer) 4\n(integer) 5');
  assert.equal(r.run('0 INCR a'), 'Invalid redis-cli repeat command option value.');
  assert.match(r.run('HELP GET'), /^\s*GET key\n/);
  // As a RESP2 connection receives them: a map as a flat list, a double as a string.
  r.run('HSET h f v');
  assert.equal(r.run('HGETALL h'), '1) "f"\n2) "v"');
  r.run('ZADD z 1.5 m');
  assert.equal(r.run('ZSCORE z m'), '"1.5"');
});

test('instances are separate engines', () => {
  const a = new Reddish();
  const b = new Reddish();
  a.exec(['SET', 'k', 'v']);
  assert.equal(b.exec(['GET', 'k']), null);
  assert.equal(a.exec(['GET', 'k']), 'v');
});

test('messages and transactions', () => {
  const r = new Reddish();
  // RESP3, so that the subscribed client may still PUBLISH.
  r.exec(['HELLO', '3']);
  assert.deepEqual(r.exec(['SUBSCRIBE', 'a', 'b']), ['subscribe', 'b', 2]);
  assert.equal(r.exec(['PUBLISH', 'a', 'hi']), 1);
  assert.deepEqual(r.messages(), [['subscribe', 'a', 1], ['message', 'a', 'hi']]);
  assert.deepEqual(r.messages(), []);
  r.exec(['UNSUBSCRIBE']);
  r.messages();
  r.exec(['HELLO', '2']);
  assert.equal(r.run('MULTI'), 'OK');
  assert.equal(r.run('INCR n'), 'QUEUED');
  assert.equal(r.run('EXEC'), '1) (integer) 1');
  assert.equal(
    r.run('SUBSCRIBE x y'),
    '1) "subscribe"\n2) "x"\n3) (integer) 1\n1) "subscribe"\n2) "y"\n3) (integer) 2',
  );
});

test('scripts and functions', () => {
  const r = new Reddish();
  assert.equal(r.exec(['EVAL', "return redis.call('SET', KEYS[1], ARGV[1])", '1', 'k', 'v']), 'OK');
  assert.deepEqual(r.exec(['EVAL', "return {1, 'x', {2}}", '0']), [1, 'x', [2]]);
  const sha = r.exec(['SCRIPT', 'LOAD', "return redis.call('GET', KEYS[1])"]);
  assert.equal(r.exec(['EVALSHA', sha, '1', 'k']), 'v');
  assert.throws(() => r.exec(['EVAL', "error('no')", '0']), /user_script:1: no script: /);
  const lib = "#!lua name=lib\nredis.register_function('hi', function(keys, args) return 'hi ' .. args[1] end)";
  assert.equal(r.exec(['FUNCTION', 'LOAD', lib]), 'lib');
  assert.equal(r.exec(['FCALL', 'hi', '0', 'you']), 'hi you');
  assert.match(r.run('EVAL "while true do end" 0'), /^\(error\) ERR Script killed: it ran past the budget/);
});

test('toRdb and loadRdb carry the dataset as a dump.rdb', () => {
  const a = new Reddish();
  a.exec(['SET', 'greeting', 'hello']);
  a.exec(['RPUSH', 'queue', 'one', 'two', '3']);
  a.exec(['HSET', 'user:1', 'name', 'Ada', 'visits', '7']);
  a.exec(['ZADD', 'board', '10', 'ada', '7.5', 'bob']);
  a.exec(['SET', 'session', 'x', 'EX', '1000']);
  a.exec(['SELECT', '2']);
  a.exec(['SADD', 'tags', 'red', 'blue']);
  const bytes = a.toRdb();
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes.slice(0, 9)), 'REDIS0010');

  const b = new Reddish();
  b.exec(['SET', 'old', 'gone after the load']);
  b.loadRdb(bytes);
  assert.equal(b.exec(['GET', 'old']), null);
  assert.equal(b.exec(['GET', 'greeting']), 'hello');
  assert.deepEqual(b.exec(['LRANGE', 'queue', '0', '-1']), ['one', 'two', '3']);
  assert.equal(b.exec(['HGET', 'user:1', 'name']), 'Ada');
  assert.deepEqual(b.exec(['ZRANGE', 'board', '0', '-1']), ['bob', 'ada']);
  assert.ok(b.exec(['TTL', 'session']) > 990);
  b.exec(['SELECT', '2']);
  assert.deepEqual(b.exec(['SMEMBERS', 'tags']).sort(), ['blue', 'red']);

  // A damaged file throws and changes nothing.
  const damaged = bytes.slice();
  damaged[Math.floor(damaged.length / 2)] ^= 0x55;
  assert.throws(() => b.loadRdb(damaged), /not a dump\.rdb this engine reads: wrong RDB checksum/);
  assert.throws(() => b.loadRdb(new Uint8Array([1, 2, 3])), /not a dump\.rdb this engine reads/);
  b.exec(['SELECT', '0']);
  assert.equal(b.exec(['GET', 'greeting']), 'hello');
});

test('exec takes numbers and bytes, and any size of argument', () => {
  const r = new Reddish();
  assert.equal(r.exec(['SET', 'n', 41]), 'OK');
  assert.equal(r.exec(['INCRBY', 'n', 1n]), 42);
  // Bytes in, bytes out: not UTF-8 comes back as a Uint8Array.
  const raw = new Uint8Array([0xff, 0x00, 0xfe]);
  r.exec(['SET', 'raw', raw]);
  assert.deepEqual(r.exec(['GET', 'raw']), raw);
  // Text beyond ASCII, both ways.
  r.exec(['SET', 'ключ', 'значение ☃']);
  assert.equal(r.exec(['GET', 'ключ']), 'значение ☃');
  assert.equal(r.exec(['STRLEN', 'ключ']), 20); // 8 two-byte letters, a space, a 3-byte snowman
  // Bigger than the call buffer (4 KB) and than what it keeps (64 KB).
  for (const size of [5000, 100_000, 3_000_000]) {
    const big = 'é'.repeat(size);
    r.exec(['SET', 'big', big]);
    assert.equal(r.exec(['STRLEN', 'big']), 2 * size);
    assert.equal(r.exec(['GET', 'big']), big);
  }
  // Integers past 2^53 as BigInt, in arrays and maps too.
  r.exec(['SET', 'huge', '9007199254740993']);
  assert.equal(r.exec(['INCR', 'huge']), 9007199254740994n);
  r.exec(['HSET', 'h', 'a', '1']);
  r.exec(['HELLO', '3']);
  assert.deepEqual(r.exec(['HGETALL', 'h']), new Map([['a', '1']]));
  assert.equal(r.exec(['HINCRBYFLOAT', 'h', 'a', '0.5']), '1.5');
});

test('exec refuses what is not a list of arguments, and goes on', () => {
  const r = new Reddish();
  assert.throws(() => r.exec('GET a'), TypeError);
  assert.throws(() => r.exec(['GET', null]), { name: 'TypeError', message: /argument 1 is null/ });
  assert.throws(() => r.exec(['SET', 'a', { v: 1 }]), /argument 2 is object/);
  assert.equal(r.exec(['PING']), 'PONG');
});

test('execMany runs commands in order, errors in place', () => {
  const r = new Reddish();
  const replies = r.execMany([
    ['SET', 'a', '1'],
    ['INCR', 'a'],
    ['NOPE'],
    ['LPUSH', 'a', 'x'],
    ['GET', 'a'],
    ['MGET', 'a', 'b'],
  ]);
  assert.equal(replies.length, 6);
  assert.deepEqual(replies.slice(0, 2), ['OK', 2]);
  assert.ok(replies[2] instanceof Error);
  assert.match(replies[2].message, /^ERR unknown command 'NOPE'/);
  assert.equal(replies[3].message, 'WRONGTYPE Operation against a key holding the wrong kind of value');
  assert.deepEqual(replies.slice(4), ['2', ['2', null]]);
  assert.deepEqual(r.execMany([]), []);
  // Many at once, past every buffer size.
  const many = [];
  for (let i = 0; i < 50_000; i++) many.push(['SET', `k:${i}`, i]);
  assert.ok(r.execMany(many).every((x) => x === 'OK'));
  assert.equal(r.exec(['DBSIZE']), 50_001);
  // A transaction inside a batch.
  assert.deepEqual(r.execMany([['MULTI'], ['INCR', 'a'], ['INCR', 'a'], ['EXEC']]), ['OK', 'QUEUED', 'QUEUED', [3, 4]]);
  assert.throws(() => r.execMany([['GET', 'a'], 'GET a']), TypeError);
  assert.throws(() => r.execMany('GET a'), TypeError);
});

test('replies keep every character; over-large calls are refused up front', () => {
  const r = new Reddish();
  // A leading byte-order mark is text like any other.
  r.exec(['SET', 'bom', '\uFEFFx']);
  assert.equal(r.exec(['GET', 'bom']), '\uFEFFx');
  assert.deepEqual(r.execMany([['GET', 'bom']]), ['\uFEFFx']);
  // A lone surrogate is sent as U+FFFD, as TextEncoder sends it.
  r.exec(['SET', 'lone', 'a\uD800b']);
  assert.equal(r.exec(['GET', 'lone']), 'a\uFFFDb');
  // RESP3 big numbers: digits as BigInt, anything else as text.
  r.exec(['HELLO', '3']);
  assert.equal(r.exec(['EVAL', "return {big_number='123456789012345678901234567890'}", '0']), 123456789012345678901234567890n);
  assert.equal(r.exec(['EVAL', "return {big_number='é'}", '0']), 'é');
  // 2 GiB and more in one call: a RangeError before anything is copied.
  const chunk = new Uint8Array(2 ** 21);
  const huge = ['MSET'];
  for (let i = 0; i < 1100; i++) huge.push(`k${i}`, chunk);
  assert.throws(() => r.exec(huge), RangeError);
  assert.throws(() => r.execMany([huge]), RangeError);
  assert.equal(r.exec(['PING']), 'PONG');
});
