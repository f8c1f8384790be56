// The JS API beside ioredis-mock in one Node process: `cargo xtask bench`
// runs this as `node js-api.mjs PKG_DIR`. Each test sends N commands one
// by one (ioredis-mock's awaited, as a test suite awaits them), rounds
// alternate between the two, and the median round counts. It prints, it
// does not judge.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const pkg = process.argv[2];
if (!pkg) {
  console.error("usage: node js-api.mjs PKG_DIR");
  process.exit(2);
}
const { Reddish } = require(path.resolve(pkg, "reddish.js"));
const RedisMock = require("ioredis-mock");

const N = Number(process.env.REDDISH_BENCH_N ?? 20000);
const ROUNDS = Number(process.env.REDDISH_BENCH_ROUNDS ?? 5);

// redis-benchmark's tests, with its key names and its `-r 100000` keys.
let seed = 1;
function rand() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % 100000;
}
const TESTS = [
  ["SET", () => ["SET", `key:${rand()}`, "xxx"]],
  ["GET", () => ["GET", `key:${rand()}`]],
  ["INCR", () => ["INCR", `counter:${rand()}`]],
  ["LPUSH", () => ["LPUSH", "mylist", "xxx"]],
  ["LRANGE_100", () => ["LRANGE", "mylist", "0", "99"]],
  ["SADD", () => ["SADD", "myset", `element:${rand()}`]],
  ["HSET", () => ["HSET", "myhash", `element:${rand()}`, "xxx"]],
  ["ZADD", () => ["ZADD", "myzset", String(rand()), `element:${rand()}`]],
  ["EXPIRE", () => ["EXPIRE", `key:${rand()}`, "100"]],
  ["DEL", () => ["DEL", `key:${rand()}`]],
];

// Every round makes the same commands for both sides.
function commands(make) {
  const out = new Array(N);
  for (let i = 0; i < N; i++) out[i] = make();
  return out;
}

function timeReddish(r, cmds, how) {
  const t0 = process.hrtime.bigint();
  if (how === "exec") {
    for (const c of cmds) r.exec(c);
  } else {
    // One batch of all of them, as a pipeline.
    r.execMany(cmds);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function timeMock(m, cmds) {
  const t0 = process.hrtime.bigint();
  for (const [name, ...args] of cmds) await m[name.toLowerCase()](...args);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const paths = ["exec", "execMany"];
const reddish = Object.fromEntries(paths.map((p) => [p, new Reddish()]));
const mock = new RedisMock();
const rows = [];
for (const [name, make] of TESTS) {
  const times = { mock: [] };
  for (const p of paths) times[p] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cmds = commands(make);
    for (const p of paths) times[p].push(timeReddish(reddish[p], cmds, p));
    times.mock.push(await timeMock(mock, cmds));
  }
  const rate = (t) => N / median(t);
  rows.push([name, rate(times.mock), ...paths.map((p) => rate(times[p]))]);
}

const fmt = (x) => Math.round(x).toLocaleString("en-US");
console.log(
  `\n${N} commands a test, one by one, median of ${ROUNDS} alternating rounds; Node ${process.version}, ioredis-mock ${require("ioredis-mock/package.json").version}\n`,
);
console.log(
  `| command | ioredis-mock cmd/s | ${paths.map((p) => `${p} cmd/s | ${p}/mock`).join(" | ")} |`,
);
console.log(`| --- | --- | ${paths.map(() => "--- | ---").join(" | ")} |`);
for (const [name, m, ...ours] of rows) {
  console.log(
    `| ${name} | ${fmt(m)} | ${ours.map((o) => `${fmt(o)} | ${(o / m).toFixed(2)}`).join(" | ")} |`,
  );
}
