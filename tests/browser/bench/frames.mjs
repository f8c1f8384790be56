// `cargo xtask bench` (frames): the time from Enter to the picture
// updated, with 100,000 elements in the key, for LPUSH, ZADD, HSET and
// SADD, in headless chromium against the release build. A benchmark, not
// a test: it prints medians and never fails on a number.
//
// Environment (set by xtask): REDDISH_URL, REDDISH_CHROMIUM.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const URL = process.env.REDDISH_URL;
const EXECUTABLE = process.env.REDDISH_CHROMIUM || '/usr/bin/chromium';
const N = 100_000;
const RUNS = 15;
/** Quiet time before each timed command, as between a person's Enters. */
const IDLE_MS = 300;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Each case: the command that fills the key, then the one timed. */
const CASES = [
  { name: 'LPUSH', fill: "redis.call('RPUSH', 'big', i)", cmd: (i) => `LPUSH big new${i}` },
  { name: 'ZADD', fill: "redis.call('ZADD', 'big', i, 'm' .. i)", cmd: (i) => `ZADD big ${N / 2 + 0.5} new${i}` },
  { name: 'HSET', fill: "redis.call('HSET', 'big', 'f' .. i, i)", cmd: (i) => `HSET big new${i} v` },
  { name: 'SADD', fill: "redis.call('SADD', 'big', 'm' .. i)", cmd: (i) => `SADD big new${i}` },
];

/** The fill: one short script line, so the console holds no giant line
 * (whose layout would be measured along with the picture). */
function fillLine(c) {
  return `EVAL "for i = 1, ${N} do ${c.fill} end return 1" 0`;
}

async function timeLine(page, line, want) {
  return page.evaluate(async ([line, want]) => {
    const input = document.querySelector('input.cmd');
    const fig = () => document.querySelector('.picture-pane figure.picture');
    input.value = line;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await new Promise((resolve) => {
      const check = () => {
        if (fig()?.getAttribute('aria-label')?.includes(want)) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - t0;
  }, [line, want]);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const profile = await mkdtemp(path.join(os.tmpdir(), 'reddish-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, headless: true, args: ARGS });
try {
  console.log(`Enter to picture updated, ${N.toLocaleString('en')} elements in the key, median of ${RUNS} (one frame at 60 Hz: 16.7 ms)`);
  console.log('  command        median ms     p90 ms   frames (median)');
  for (const c of CASES) {
    const page = await context.newPage();
    await page.goto(URL);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator('input.cmd').waitFor();
    await timeLine(page, fillLine(c), `${N} `);
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      // A learner's Enters are far more than a frame apart: the page gets
      // the idle moment it uses to copy the present for undo.
      await page.waitForTimeout(IDLE_MS);
      times.push(await timeLine(page, c.cmd(i), `${N + i + 1} `));
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)];
    const m = median(times);
    console.log(`  ${c.name.padEnd(12)} ${m.toFixed(1).padStart(10)} ${p90.toFixed(1).padStart(10)} ${(m / 16.7).toFixed(1).padStart(10)}`);
    await page.close();
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
