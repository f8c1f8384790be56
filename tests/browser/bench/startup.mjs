// `cargo xtask bench` (startup): the time from navigation to a focused
// console, and the time 100,000 SETs pasted at once take to run, in
// headless chromium against the release build. A benchmark, not a test: it
// prints medians and never fails on a number, but it exits non-zero when
// the page does not do what a learner expects (no focused console, a
// paste that does not end with its last reply, DBSIZE not 100000).
//
// Environment (set by xtask): REDDISH_URL, REDDISH_CHROMIUM.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const URL = process.env.REDDISH_URL;
if (!URL) throw new Error('REDDISH_URL is not set: run this with `cargo xtask bench`');
const EXECUTABLE = process.env.REDDISH_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Loads in a fresh profile each (nothing cached, no service worker yet). */
const COLD_RUNS = 3;
/** Loads in one profile after a first visit (HTTP cache and service worker warm). */
const WARM_RUNS = 7;
const PASTE_RUNS = 3;
const N = 100_000;
/** The page's longest paste, in bytes (MAX_INPUT in src/web/model.rs). */
const MAX_PASTE = 1 << 20;
/** Longest wait for the console, and for the whole paste to be answered. */
const CONSOLE_TIMEOUT_MS = 20_000;
const PASTE_TIMEOUT_MS = 60_000;

// Set before any script of the page runs: the moment the console input
// first has the focus, in the page's clock (0 is the start of the
// navigation, performance.timeOrigin). A focusin listener catches the
// focus() call itself; the frame-by-frame check is there in case focus
// came without an event (a page that is not the focused window).
const WATCH_FOCUS = () => {
  window.__reddishFocusedAt = null;
  const seen = () => {
    if (window.__reddishFocusedAt === null) window.__reddishFocusedAt = performance.now();
  };
  const isConsole = (el) => el instanceof HTMLInputElement && el.classList.contains('cmd');
  window.addEventListener('focusin', (e) => { if (isConsole(e.target)) seen(); }, true);
  const check = () => {
    if (isConsole(document.activeElement)) seen();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (x) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(0)} ms`);

async function launch() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'reddish-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE, headless: true, args: ARGS, viewport: { width: 1280, height: 800 },
  });
  // A persistent context opens with one blank page; each load gets its own.
  for (const p of context.pages()) await p.close();
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One load of the playground in a new tab: the milestones of the
 * navigation, in ms from its start. Fails when the console never gets
 * the focus.
 */
async function timeLoad(context) {
  const page = await context.newPage();
  try {
    await page.addInitScript(WATCH_FOCUS);
    await page.goto(URL);
    await page.waitForFunction(() => window.__reddishFocusedAt !== null, null, { timeout: CONSOLE_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`the console input never had the focus within ${CONSOLE_TIMEOUT_MS} ms of the navigation`);
      });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.includes('_bg.wasm'));
      return {
        focused: window.__reddishFocusedAt,
        html: nav?.responseEnd,
        dcl: nav?.domContentLoadedEventEnd,
        wasm: wasm?.responseEnd,
        fromSw: nav ? nav.workerStart > 0 : false,
      };
    });
  } finally {
    await page.close();
  }
}

// The paste: 100,000 SETs of distinct keys, one per line. `SET key:N vN`
// would be 2 MB and the page refuses a paste over 1 MiB (as it should:
// it is a guard), so keys are numbers written in base 62 and the value is
// one byte: the shortest lines that still make 100,000 keys.
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function key(i) {
  let s = '';
  do {
    s = DIGITS[i % 62] + s;
    i = Math.floor(i / 62);
  } while (i > 0);
  return s;
}
const LINES = Array.from({ length: N }, (_, i) => `SET ${key(i)} 1`);
// The last line ends with a line break too, or it would stay in the input
// unsent (what follows the last break is left there to edit).
const PASTE = LINES.join('\n') + '\n';
const LAST = LINES[N - 1];
if (Buffer.byteLength(PASTE) > MAX_PASTE) throw new Error(`the paste is ${Buffer.byteLength(PASTE)} bytes, over the page's limit`);

/**
 * Pastes the 100,000 lines into the console, as the clipboard delivers a
 * paste (the way tests/browser/playground.test.mjs does), and times it in
 * the page until the last reply is painted and the input is ready again.
 */
async function timePaste(page) {
  return page.evaluate(async ([text, last, timeout]) => {
    const input = document.querySelector('input.cmd');
    input.focus();
    const data = new DataTransfer();
    data.setData('text', text);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    // Done: the last two lines on screen are the echo of the last SET and
    // its OK, and the input is there, focused and empty, for the next line.
    const done = () => {
      const out = document.querySelector('.output');
      const reply = out?.lastElementChild;
      const echo = reply?.previousElementSibling;
      const cmd = document.querySelector('input.cmd');
      return reply?.classList.contains('reply') && reply.textContent.trim() === 'OK'
        && echo?.classList.contains('input') && echo.textContent.endsWith(`> ${last}`)
        && cmd && !cmd.disabled && cmd.value === '' && document.activeElement === cmd;
    };
    const t0 = performance.now();
    input.dispatchEvent(event);
    const handled = performance.now() - t0;
    return new Promise((resolve, reject) => {
      const giveUp = setTimeout(() => {
        const tail = [...document.querySelectorAll('.output pre.line')].slice(-3).map((l) => l.textContent);
        reject(new Error(`the paste did not end with the reply to ${last} within ${timeout} ms; last lines: ${JSON.stringify(tail)}`));
      }, timeout);
      const check = () => {
        if (!done()) {
          requestAnimationFrame(check);
          return;
        }
        // The frame this callback belongs to is laid out and painted
        // after it: a message posted now is handled once that is over.
        const seen = performance.now() - t0;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          clearTimeout(giveUp);
          resolve({ handled, seen, painted: performance.now() - t0, lines: document.querySelectorAll('.output pre.line').length });
        };
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(check);
    });
  }, [PASTE, LAST, PASTE_TIMEOUT_MS]);
}

/**
 * Types `DBSIZE` and Enter the way frames.mjs types its commands; its
 * reply, and the time from Enter to that reply on screen.
 */
async function dbsize(page) {
  return page.evaluate(async () => {
    const input = document.querySelector('input.cmd');
    input.value = 'DBSIZE';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    // The console keeps its last 2,000 lines, so look at the end.
    const reply = () => {
      const last = document.querySelector('.output')?.lastElementChild;
      return last?.previousElementSibling?.textContent.endsWith('> DBSIZE') && !last.classList.contains('input')
        ? last.textContent.trim() : null;
    };
    return new Promise((resolve, reject) => {
      const giveUp = setTimeout(() => reject(new Error('no reply to DBSIZE after the paste within 10 s')), 10_000);
      const check = () => {
        const text = reply();
        if (text === null) {
          requestAnimationFrame(check);
          return;
        }
        clearTimeout(giveUp);
        resolve({ text, took: performance.now() - t0 });
      };
      check();
    });
  });
}

let failed = false;
try {
  // Cold: each load in its own new profile, as a first visit.
  const cold = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const b = await launch();
    try {
      cold.push(await timeLoad(b.context));
    } finally {
      await b.close();
    }
  }

  const b = await launch();
  try {
    // Warm: one visit first, then its service worker is left to finish
    // caching the build, so every timed load is a return visit.
    const first = await b.context.newPage();
    await first.goto(URL);
    await first.locator('input.cmd').waitFor({ timeout: CONSOLE_TIMEOUT_MS });
    // A build without a service worker (or one that failed to install)
    // is never ready: then the warm loads have the HTTP cache alone.
    const worker = await first.evaluate(() => Promise.race([
      navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : false,
      new Promise((resolve) => setTimeout(() => resolve(false), 5_000)),
    ]));
    await first.waitForTimeout(500);
    await first.close();
    const warm = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeLoad(b.context));

    const warmth = worker ? 'HTTP cache and service worker warm' : 'HTTP cache warm, no service worker';
    console.log(`Navigation to focused console (median; cold: ${COLD_RUNS} first visits, each in a new profile; warm: ${WARM_RUNS} return visits, ${warmth})`);
    console.log('| load | console focused | HTML in | DOMContentLoaded | wasm in |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [name, runs] of [['cold', cold], ['warm', warm]]) {
      const m = (f) => median(runs.map(f).filter((x) => x !== undefined && x !== null));
      console.log(`| ${name} | ${ms(m((r) => r.focused))} | ${ms(m((r) => r.html))} | ${ms(m((r) => r.dcl))} | ${ms(m((r) => r.wasm))} |`);
    }
    console.log(`  each run, cold: ${cold.map((r) => r.focused.toFixed(0)).join(', ')} ms; warm: ${warm.map((r) => r.focused.toFixed(0)).join(', ')} ms`);
    if (worker && !warm.every((r) => r.fromSw)) console.log('  (some warm loads did not go through the service worker)');

    // The paste, each run in a fresh tab with no saved data: the run
    // before saved its 100,000 keys, and a page that loaded them would
    // start with a full database (and take long to start).
    const runs = [];
    for (let i = 0; i < PASTE_RUNS; i++) {
      const page = await b.context.newPage();
      try {
        await page.addInitScript(() => localStorage.clear());
        await page.goto(URL);
        await page.locator('input.cmd').waitFor({ timeout: CONSOLE_TIMEOUT_MS });
        // A moment's quiet first, as before a person's paste: the page's
        // own start-up work is not counted in the paste.
        await page.waitForTimeout(300);
        const r = await timePaste(page);
        const size = await dbsize(page);
        if (size.text !== `(integer) ${N}`) {
          throw new Error(`DBSIZE after the paste says ${JSON.stringify(size.text)}, not (integer) ${N}`);
        }
        runs.push({ ...r, dbsize: size.took });
      } finally {
        await page.close();
      }
    }
    console.log('');
    console.log(`${N.toLocaleString('en')} SETs in one paste (${Buffer.byteLength(PASTE).toLocaleString('en')} bytes), median of ${PASTE_RUNS}`);
    console.log('| paste handler returned | last reply on screen | painted, input ready | then DBSIZE Enter to reply |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| ${ms(median(runs.map((r) => r.handled)))} | ${ms(median(runs.map((r) => r.seen)))} | ${ms(median(runs.map((r) => r.painted)))} | ${ms(median(runs.map((r) => r.dbsize)))} |`);
    console.log(`  each run, painted: ${runs.map((r) => r.painted.toFixed(0)).join(', ')} ms (${runs[0].lines} lines kept on screen)`);
  } finally {
    await b.close();
  }
} catch (err) {
  console.error(`startup bench: ${err.message}`);
  failed = true;
}
if (failed) process.exit(1);
