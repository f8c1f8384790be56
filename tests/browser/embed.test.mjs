// Embedded consoles (`?embed=1`, the page's third entry) inside iframes
// of a plain HTML page, www/embed-demo.html: both ways of embedding
// (`<pre class="reddish">` turned into consoles by embed.js, and an
// iframe written by hand), seeded data, Run buttons, a pre-typed example,
// height messages growing and shrinking, lazy start, no dialogs, blocking
// commands, pub/sub and scripts between two clients, and the
// playground's saved data left alone. Run by `cargo xtask test`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { BASE_URL, Browser, ROOT, prompt } from './harness.mjs';

const browser = new Browser();
const T = { timeout: 60_000 };

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

/** The demo page in a new tab; every dialog it opens is recorded. */
async function demo(fn) {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  try {
    await page.goto(new URL('embed-demo.html', BASE_URL).href);
    await fn(page);
    assert.deepEqual(dialogs, [], 'an embedded console opens no dialog');
  } finally {
    await page.close();
  }
}

/** Console lines of a frame. */
const outputOf = (frame) => frame.locator('.output pre.line').allTextContents();

/** Types a line in a frame's console and waits for `expect` new lines. */
async function type(frame, text, expect = 2) {
  const before = await frame.locator('.output pre.line').count();
  await frame.locator('input.cmd').fill(text);
  await frame.locator('input.cmd').press('Enter');
  await frame.locator('.output pre.line').nth(before + expect - 1).waitFor({ timeout: 10_000 });
  return (await outputOf(frame)).slice(before);
}

const heightOf = (page, selector) =>
  page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);

test('a <pre class="reddish"> block becomes a seeded console with Run buttons and a picture', T, async () => {
  await demo(async (page) => {
    const frame = page.frameLocator('iframe.reddish-console').first();
    await frame.locator('input.cmd').waitFor({ timeout: 20_000 });
    // The seed ran unseen: the console starts empty.
    assert.deepEqual(await outputOf(frame), []);
    await frame.getByRole('button', { name: 'Run LRANGE jobs 0 -1' }).click();
    await frame.locator('.output pre.line').nth(1).waitFor();
    assert.deepEqual(await outputOf(frame), [
      `${prompt()} LRANGE jobs 0 -1`,
      '1) "resize-1"\n2) "resize-2"',
    ]);
    await frame.getByRole('button', { name: 'Run LPOP jobs' }).click();
    await frame.locator('.output pre.line').nth(3).waitFor();
    // data-picture: the picture of the last key touched.
    const fig = frame.locator('figure.picture');
    await fig.waitFor();
    assert.match(await fig.getAttribute('aria-label'), /jobs/);
    // No renaming (a prompt) in an embedded console.
    assert.equal(await frame.locator('.tab-icon[aria-label^="Rename"]').count(), 0);
  });
});

test('the console tells the page its height, growing and shrinking', T, async () => {
  await demo(async (page) => {
    const frame = page.frameLocator('iframe.reddish-console').first();
    await frame.locator('input.cmd').waitFor({ timeout: 20_000 });
    // The first message replaces the 300 px the script starts with.
    await page.waitForFunction(() => document.querySelector('iframe.reddish-console').style.height !== '300px');
    const start = await heightOf(page, 'iframe.reddish-console');
    for (let i = 0; i < 6; i++) await type(frame, `RPUSH more ${i}`);
    await page.waitForFunction(
      (h) => document.querySelector('iframe.reddish-console').getBoundingClientRect().height > h,
      start,
    );
    const grown = await heightOf(page, 'iframe.reddish-console');
    // The frame is as tall as its content: nothing scrolls inside it.
    const inner = await frame.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
    assert.ok(Math.abs(grown - inner) <= 2, `frame ${grown}px, content ${inner}px`);
    await frame.locator('input.cmd').fill('clear');
    await frame.locator('input.cmd').press('Enter');
    await page.waitForFunction(
      (h) => document.querySelector('iframe.reddish-console').getBoundingClientRect().height < h,
      grown,
    );
  });
});

test('an iframe written by hand: seed, pre-typed example, Run buttons', T, async () => {
  await demo(async (page) => {
    const frame = page.frameLocator('#by-hand');
    await frame.locator('input.cmd').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('input.cmd').inputValue(), 'STRLEN greeting');
    await frame.getByRole('button', { name: 'Run GET greeting' }).click();
    await frame.locator('.output pre.line').nth(1).waitFor();
    assert.deepEqual((await outputOf(frame)).slice(1), ['"Hello, Redis"']);
    await frame.locator('input.cmd').press('Enter');
    await frame.locator('.output pre.line').nth(3).waitFor();
    assert.deepEqual((await outputOf(frame)).slice(2), [`${prompt()} STRLEN greeting`, '(integer) 12']);
  });
});

test('consoles far down the page start only when scrolled near', T, async () => {
  await demo(async (page) => {
    await page.locator('iframe.reddish-console').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('pre.reddish#far').count(), 1, 'still a plain block');
    await page.locator('pre.reddish#far').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('iframe.reddish-console').length === 2);
    assert.equal(await page.locator('pre.reddish').count(), 0);
  });
});

test('blocking commands, pub/sub and scripts work between two embedded clients', T, async () => {
  await demo(async (page) => {
    const frame = page.frameLocator('#by-hand');
    await frame.locator('input.cmd').waitFor({ timeout: 20_000 });
    await frame.locator('input.cmd').fill('');
    await frame.getByRole('button', { name: 'Open another client' }).click();
    await frame.locator('.tab').nth(1).waitFor();
    // Client 2 waits; client 1 pushes; client 2 is served.
    await frame.locator('input.cmd').fill('BLPOP q 0');
    await frame.locator('input.cmd').press('Enter');
    await frame.locator('.tab.waiting').waitFor();
    await frame.locator('.tab-name').first().click();
    await type(frame, 'RPUSH q job');
    await frame.locator('.tab-name').nth(1).click();
    await frame.locator('.output pre.line', { hasText: 'job' }).first().waitFor();
    // Client 2 subscribes; client 1 publishes.
    await type(frame, 'SUBSCRIBE news', 2);
    await frame.locator('.tab-name').first().click();
    assert.deepEqual(await type(frame, 'PUBLISH news hi'), [`${prompt()} PUBLISH news hi`, '(integer) 1']);
    await frame.locator('.tab-name').nth(1).click();
    await frame.locator('.output pre.line', { hasText: 'hi' }).first().waitFor();
    // A script, in client 1 (the Lua module loads on demand).
    await frame.locator('.tab-name').first().click();
    await frame.locator('input.cmd').fill('EVAL "return redis.call(\'INCRBY\', KEYS[1], 41) + 1" 1 n');
    await frame.locator('input.cmd').press('Enter');
    await frame.locator('.output pre.line', { hasText: '(integer) 42' }).waitFor({ timeout: 30_000 });
  });
});

test("an embedded console leaves the playground's saved data alone", T, async () => {
  await browser.withPage('embed-saved', {}, async (page) => {
    await page.locator('input.cmd').fill('SET mine 1');
    await page.locator('input.cmd').press('Enter');
    await page.waitForFunction(() => (localStorage.getItem('reddish:v1:data') || '').includes('mine'));
  });
  const page = await browser.newPage();
  try {
    const before = await (async () => {
      await page.goto(BASE_URL);
      return page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    })();
    await page.goto(new URL('?embed=1&seed=FLUSHALL&run=SET%20theirs%202', BASE_URL).href);
    await page.locator('input.cmd').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Run SET theirs 2' }).click();
    await page.locator('.output pre.line').nth(1).waitFor();
    await page.waitForTimeout(700);
    const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    assert.equal(after, before);
  } finally {
    await page.close();
  }
});

// docs/embed.png (shown in the README), written only when missing or with
// REDDISH_SCREENSHOT=1.
test('screenshot of a docs page with a console for the README', T, async (t) => {
  const file = path.join(ROOT, 'docs', 'embed.png');
  if (process.env.REDDISH_SCREENSHOT !== '1' && existsSync(file)) {
    t.skip('docs/embed.png exists (REDDISH_SCREENSHOT=1 rewrites it)');
    return;
  }
  await demo(async (page) => {
    await page.setViewportSize({ width: 900, height: 760 });
    const frame = page.frameLocator('iframe.reddish-console').first();
    await frame.locator('input.cmd').waitFor({ timeout: 20_000 });
    await frame.getByRole('button', { name: 'Run LRANGE jobs 0 -1' }).click();
    await frame.getByRole('button', { name: 'Run LPOP jobs' }).click();
    await frame.locator('figure.picture').waitFor();
    await page.waitForTimeout(300);
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
  });
});

test('no uncaught errors in embedded consoles', () => {
  assert.deepEqual(browser.pageErrors, []);
});
