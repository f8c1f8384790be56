// Shared set-up for the browser tests: headless Debian chromium driven by
// playwright-core, against the release build `cargo xtask test` serves.
//
// Environment (set by xtask):
//   REDDISH_URL        the served dist folder, e.g. http://127.0.0.1:41234/
//   REDDISH_CHROMIUM   the browser binary (default /usr/bin/chromium)
//   REDDISH_ARTIFACTS  where a failing test leaves a screenshot (optional)
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE_URL = process.env.REDDISH_URL;
if (!BASE_URL) {
  throw new Error('REDDISH_URL is not set: run the browser tests with `cargo xtask test`');
}
const EXECUTABLE = process.env.REDDISH_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = process.env.REDDISH_ARTIFACTS;

// The flags docs/design.md lists for headless Debian chromium; the fresh
// profile folder is launchPersistentContext's first argument (playwright
// refuses --user-data-dir in args).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Prompt of a client in db 0, and in db N. */
export const prompt = (db = 0) => (db === 0 ? '127.0.0.1:6379>' : `127.0.0.1:6379[${db}]>`);

export class Browser {
  /** Every uncaught exception of every page, as `url: message`. */
  pageErrors = [];
  consoleErrors = [];

  async launch() {
    this.profile = await mkdtemp(path.join(os.tmpdir(), 'reddish-chromium-'));
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: EXECUTABLE,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      // Reddish follows the system theme; pin one for stable screenshots.
      colorScheme: 'light',
    });
    // A persistent context opens with one blank page; we open our own.
    for (const p of this.context.pages()) await p.close();
  }

  async close() {
    await this.context?.close();
    if (this.profile) await rm(this.profile, { recursive: true, force: true });
  }

  /**
   * Opens the playground in a new tab and waits for the console. With
   * `fresh`, saved state is wiped first (localStorage is shared by all tabs
   * of the profile). Use `withPage` so the tab is closed again: two live
   * tabs would both save their state.
   */
  /** A new tab whose uncaught errors and console errors are recorded. */
  async newPage() {
    const page = await this.context.newPage();
    page.on('pageerror', (err) => this.pageErrors.push(`${page.url()}: ${err.stack || err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    return page;
  }

  async open({ fresh = true, viewport } = {}) {
    const page = await this.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(BASE_URL);
    if (fresh) {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
    }
    await waitForConsole(page);
    return page;
  }

  /**
   * A new tab at `search` (`?tutorial=...`, `?pack=...`, relative to the
   * served build), with saved state wiped first unless `keep`; nothing
   * is waited for.
   */
  async openAt(search, { keep = false } = {}) {
    const page = await this.newPage();
    await page.goto(BASE_URL);
    if (!keep) await page.evaluate(() => localStorage.clear());
    await page.goto(new URL(search, BASE_URL).href);
    return page;
  }

  /** Runs `fn(page)` in a tab from `openAt`, and closes it. */
  async withAt(search, options, fn) {
    const page = await this.openAt(search, options);
    try {
      return await fn(page);
    } finally {
      await page.close();
    }
  }

  /** Runs `fn(page)` in a new tab, leaves a screenshot when it throws, closes the tab. */
  async withPage(name, options, fn) {
    const page = await this.open(options);
    try {
      return await fn(page);
    } catch (err) {
      if (ARTIFACTS) {
        await mkdir(ARTIFACTS, { recursive: true });
        const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        console.error(`screenshot of the failing page: ${file}`);
      }
      throw err;
    } finally {
      await page.close();
    }
  }
}

export async function waitForConsole(page) {
  await page.locator('input.cmd').waitFor({ state: 'visible', timeout: 20_000 });
}

/** Texts of the console's output lines, with their kind (input, reply, error, note). */
export async function lines(page) {
  return page.locator('.output pre.line').evaluateAll((els) =>
    els.map((el) => ({
      kind: [...el.classList].find((c) => c !== 'line'),
      // A reply ends with the newline redis-cli prints; compare without it.
      // A giant line's "… N more" toggle is not part of its text.
      text: (() => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('summary').forEach((s) => s.remove());
        return copy.textContent.replace(/\n$/, '');
      })(),
    })),
  );
}

/**
 * Types `command` into the console and presses Enter; returns the lines it
 * added (the echoed input line first), once at least `expect` have come.
 */
export async function run(page, command, { expect = 2 } = {}) {
  const before = await page.locator('.output pre.line').count();
  const input = page.locator('input.cmd');
  await input.fill(command);
  await input.press('Enter');
  await page.waitForFunction(
    ([n]) => document.querySelectorAll('.output pre.line').length >= n,
    [before + expect],
    { timeout: 5_000 },
  );
  const added = (await lines(page)).slice(before);
  assert.equal(added[0]?.kind, 'input', `first line after Enter should echo the input: ${JSON.stringify(added)}`);
  assert.ok(added[0].text.endsWith(`> ${command}`), `echo ${JSON.stringify(added[0].text)} should end with the command`);
  assert.equal(await input.inputValue(), '', 'the input is emptied after Enter');
  return added.slice(1);
}

/** Runs `command` and returns the text of its single reply line. */
export async function reply(page, command) {
  const out = await run(page, command);
  assert.equal(out.length, 1, `one reply line expected for ${command}: ${JSON.stringify(out)}`);
  return out[0].text;
}

/** The key names the keyspace panel lists. */
export async function listedKeys(page) {
  return page.locator('.key-button').allTextContents();
}

/** The accessible name (text description) of the key picture on screen. */
export async function picture(page) {
  const fig = page.locator('.picture-pane figure.picture');
  await fig.waitFor({ timeout: 5_000 });
  return fig.getAttribute('aria-label');
}

/** Waits until the key picture's description is `want`, and returns it. */
export async function pictureIs(page, want, timeout = 5_000) {
  await page.waitForFunction(
    ([w]) => document.querySelector('.picture-pane figure.picture')?.getAttribute('aria-label') === w,
    [want],
    { timeout },
  ).catch(() => {});
  return picture(page);
}

/** The narration line under the picture. */
export async function narration(page) {
  return (await page.locator('.narration').textContent()).trim();
}
