// Classroom-ready: after one visit the playground, a tutorial, a pack and
// the Lua module work with the network off (the service worker, sw.js),
// and the same build works under a path prefix (`/reddish/`, served by
// xtask as REDDISH_PREFIXED_URL). Run by `cargo xtask test`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, Browser, reply, waitForConsole } from './harness.mjs';

const PREFIXED = process.env.REDDISH_PREFIXED_URL;
const browser = new Browser();
const T = { timeout: 90_000 };

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

const page = () => browser.newPage();

test('after one visit, the playground, a tutorial, a pack and scripts work offline', T, async () => {
  const p = await page();
  try {
    await p.goto(BASE_URL);
    await waitForConsole(p);
    // The worker has installed (every built file cached) and controls the
    // page once it is loaded again.
    await p.evaluate(() => navigator.serviceWorker.ready);
    await p.reload();
    await waitForConsole(p);
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await browser.context.setOffline(true);
    try {
      await p.reload();
      await waitForConsole(p);
      assert.equal(await reply(p, 'SET offline yes'), 'OK');
      // The Lua module comes from the cache too.
      await p.locator('input.cmd').fill('EVAL "return 6 * 7" 0');
      await p.locator('input.cmd').press('Enter');
      await p.locator('.output pre.line', { hasText: '(integer) 42' }).waitFor({ timeout: 20_000 });
      await p.goto(new URL('?tutorial=first-keys&step=2', BASE_URL).href);
      await p.locator('.lesson h2').waitFor({ timeout: 20_000 });
      assert.match(await p.locator('.lesson h2').textContent(), /^Step 2 of 6/);
      await p.goto(new URL('?pack=packs/queues-and-sets.md', BASE_URL).href);
      await p.locator('.lesson h2').waitFor({ timeout: 20_000 });
      assert.match(await p.locator('.lesson h2').textContent(), /^Exercise 1 of 5/);
    } finally {
      await browser.context.setOffline(false);
    }
  } finally {
    await p.close();
  }
});

test('the build works under a path prefix', T, async (t) => {
  if (!PREFIXED) {
    t.skip('REDDISH_PREFIXED_URL is not set');
    return;
  }
  const p = await page();
  try {
    await p.goto(PREFIXED);
    await waitForConsole(p);
    assert.equal(await reply(p, 'INCR visits'), '(integer) 1');
    // The command docs come from beside the page.
    const help = await p.evaluate(async () => (await fetch('docs.txt')).ok);
    assert.ok(help);
    await p.goto(`${PREFIXED}?tutorial=expiry`);
    await p.locator('.lesson h2').waitFor({ timeout: 20_000 });
    await p.goto(`${PREFIXED}?embed=1&run=PING`);
    await p.getByRole('button', { name: 'Run PING' }).click();
    await p.locator('.output pre.line', { hasText: 'PONG' }).waitFor();
    await p.goto(`${PREFIXED}embed-demo.html`);
    await p.frameLocator('iframe.reddish-console').first().locator('input.cmd').waitFor({ timeout: 20_000 });
  } finally {
    await p.close();
  }
});

test('no uncaught errors offline or under a prefix', () => {
  assert.deepEqual(browser.pageErrors, []);
});
