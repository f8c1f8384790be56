// The tutorial page end to end (`?tutorial`, the page's second entry):
// the list, a step's Run buttons, checks and their reasons, hints, show
// me, forbidden commands, two clients, progress across a reload, opening
// at a step, and the sandbox leaving the playground's data alone. Run by
// `cargo xtask test` (see harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { BASE_URL, Browser, ROOT, lines, reply, run, waitForConsole } from './harness.mjs';

const browser = new Browser();
const T = { timeout: 60_000 };

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

const withTutorial = (search, options, fn) => browser.withAt(search, options, fn);

/** Waits for a tutorial step and its console. */
async function waitForStep(page) {
  await page.locator('.lesson h2').waitFor({ timeout: 20_000 });
  await waitForConsole(page);
}

const heading = (page) => page.locator('.lesson h2').textContent();

/** Each check as the page shows it: mark, check line, reason. */
async function checks(page) {
  return page.locator('.checks li').evaluateAll((els) =>
    els.map((el) => ({
      state: el.className,
      check: el.querySelector('code')?.textContent,
      reason: el.querySelector('.reason')?.textContent ?? null,
    })),
  );
}

test('the list shows every tutorial with its level, length and progress', T, async () => {
  await withTutorial('?tutorial', {}, async (page) => {
    await page.locator('.card').first().waitFor({ timeout: 20_000 });
    const cards = await page.locator('.card').count();
    // One card per tutorial the index lists.
    const listed = readFileSync(path.join(ROOT, 'tutorials', 'index.txt'), 'utf8').split('\n').filter((l) => l.trim()).length;
    assert.equal(cards, listed);
    const first = await page.locator('.card').first().innerText();
    assert.match(first, /First keys and strings/);
    assert.match(first, /beginner · 8 min · 6 steps/);
    assert.match(first, /not started/);
    await page.getByRole('link', { name: 'Start First keys and strings' }).click();
    await waitForStep(page);
    assert.equal(await heading(page), 'Step 1 of 6: Store a value');
  });
});

test('a Run button runs its command; the checks pass and say so', T, async () => {
  await withTutorial('?tutorial=first-keys', {}, async (page) => {
    await waitForStep(page);
    // Before the learner does anything, the checks are to do, not failures.
    assert.deepEqual(
      (await checks(page)).map((c) => c.state),
      ['todo', 'todo'],
    );
    await page.getByRole('button', { name: 'Run: SET name Ada' }).click();
    await page.locator('.success').waitFor();
    assert.match(await page.locator('.success').textContent(), /Step done\. You did it in 1 command/);
    const out = await lines(page);
    assert.deepEqual(out.map((l) => l.text), ['127.0.0.1:6379> SET name Ada', 'OK']);
    assert.deepEqual(
      (await checks(page)).map((c) => [c.state, c.check]),
      [['pass', 'exists name'], ['pass', 'type name string']],
    );
    // The pictures follow the sandbox like the playground's.
    assert.deepEqual(await page.locator('.key-button').allTextContents(), ['name']);
    await page.getByRole('button', { name: 'Next →' }).click();
    assert.match(await heading(page), /^Step 2 of 6: /);
    assert.ok(page.url().endsWith('?tutorial=first-keys&step=2'), page.url());
  });
});

test('a wrong attempt is told what was found and what is wanted; hints and show me', T, async () => {
  await withTutorial('?tutorial=first-keys', {}, async (page) => {
    await waitForStep(page);
    assert.equal(await reply(page, 'GET name'), '(nil)');
    const [exists] = await checks(page);
    assert.deepEqual(exists, {
      state: 'fail',
      check: 'exists name',
      reason: 'name does not exist; this step wants it',
    });
    assert.equal(await page.locator('.lesson-hint').count(), 0);
    await page.getByRole('button', { name: 'Hint' }).click();
    assert.equal(await page.locator('.lesson-hint').count(), 1);
    assert.ok((await page.locator('.lesson-hint').textContent()).length > 10);
    await page.getByRole('button', { name: 'Show me' }).click();
    await page.locator('.success').waitFor();
    const out = (await lines(page)).map((l) => l.text);
    assert.ok(out.includes('127.0.0.1:6379> SET name Ada'), JSON.stringify(out));
  });
});

test('"Check my work" shows the reasons before anything is typed', T, async () => {
  await withTutorial('?tutorial=first-keys', {}, async (page) => {
    await waitForStep(page);
    await page.getByRole('button', { name: 'Check my work' }).click();
    await page.locator('.checks .reason').first().waitFor();
    assert.deepEqual(
      (await checks(page)).map((c) => c.reason),
      ['name does not exist; this step wants it', 'name does not exist; this step wants a string'],
    );
  });
});

test('a step that forbids a command refuses it with a note', T, async () => {
  await withTutorial('?tutorial=scan&step=2', {}, async (page) => {
    await waitForStep(page);
    const out = await run(page, 'KEYS *');
    assert.deepEqual(out, [{ kind: 'note', text: '(this step asks you not to use KEYS: find another way)' }]);
    // SCAN, which the step is about, runs.
    const [first] = await run(page, 'SCAN 0');
    assert.equal(first.kind, 'reply');
  });
});

test('opening at a step plays the steps before it; a blocking Run block uses two clients', T, async () => {
  await withTutorial('?tutorial=lists-queues&step=4', {}, async (page) => {
    await waitForStep(page);
    assert.equal(await heading(page), 'Step 4 of 7: A worker that waits');
    const out = await lines(page);
    assert.deepEqual(out, [
      { kind: 'note', text: '(steps 1 to 3 were played for you: the data is as they leave it)' },
    ]);
    await page.getByRole('button', { name: 'Run all 2: DEL jobs; @2 BLPOP jobs 0' }).click();
    // The second client opened for the `@2` line, waits, and is in front.
    await page.locator('.tab.waiting').waitFor();
    assert.equal(await page.locator('.tab').count(), 2);
    assert.equal(await page.locator('.tab.active').getAttribute('class'), 'tab active waiting');
    await page.locator('.success').waitFor();
    assert.deepEqual(await checks(page), [{ state: 'pass', check: 'blocked @2', reason: null }]);
  });
});

test('progress survives a reload; the list shows it', T, async () => {
  await withTutorial('?tutorial=first-keys', {}, async (page) => {
    await waitForStep(page);
    await page.getByRole('button', { name: 'Run: SET name Ada' }).click();
    await page.locator('.success').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.reload();
    await waitForStep(page);
    assert.match(await heading(page), /^Step 2 of 6: /);
    const dot = page.locator('.dots .dot').first();
    assert.equal(await dot.getAttribute('aria-label'), 'Step 1: Store a value (done)');
    // The data the first step left is there again.
    assert.deepEqual(await page.locator('.key-button').allTextContents(), ['name']);
  });
  await withTutorial('?tutorial', { keep: true }, async (page) => {
    await page.locator('.card').first().waitFor({ timeout: 20_000 });
    assert.match(await page.locator('.card').first().innerText(), /1 of 6 steps done/);
    assert.ok(await page.getByRole('link', { name: 'Continue First keys and strings' }).isVisible());
  });
});

test('Share links to the step with what the learner ran; the link replays it', T, async () => {
  let link;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
  await withTutorial('?tutorial=first-keys', {}, async (page) => {
    await waitForStep(page);
    assert.equal(await reply(page, 'SET name Grace'), 'OK');
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.locator('.notice', { hasText: 'A link to this step' }).waitFor();
    link = page.url();
    assert.ok(link.includes('?tutorial=first-keys&step=2#work='), link);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  });
  await withTutorial(link.replace(BASE_URL, ''), {}, async (page) => {
    await waitForStep(page);
    assert.match(await heading(page), /^Step 2 of 6/);
    assert.deepEqual(await lines(page), [
      { kind: 'note', text: "(step 1 was played as the link's author ran it)" },
    ]);
    assert.equal(await reply(page, 'GET name'), '"Grace"');
    // The link's work is in the sandbox; the address is the step's.
    assert.ok(page.url().endsWith('?tutorial=first-keys&step=2'), page.url());
  });
  // Cut short: the step opens without the work, and says why.
  await withTutorial(link.replace(BASE_URL, '').slice(0, -6), {}, async (page) => {
    await waitForStep(page);
    await page.locator('.notice', { hasText: "The link's work was not replayed (it is cut short)" }).waitFor();
    assert.equal(await reply(page, 'GET name'), '"Ada"');
  });
});

test('a tutorial leaves the playground data alone', T, async () => {
  await browser.withPage('sandbox', {}, async (page) => {
    assert.equal(await reply(page, 'SET mine 1'), 'OK');
    // Saved on the next tick.
    await page.waitForTimeout(600);
  });
  await withTutorial('?tutorial=first-keys', { keep: true }, async (page) => {
    await waitForStep(page);
    assert.deepEqual(await page.locator('.key-button').allTextContents(), []);
    assert.equal(await reply(page, 'SET other 2'), 'OK');
    assert.equal(await reply(page, 'DEL mine'), '(integer) 0');
    await page.getByRole('link', { name: 'Playground' }).click();
    await waitForConsole(page);
    await page.locator('.key-button').first().waitFor();
    assert.deepEqual(await page.locator('.key-button').allTextContents(), ['mine']);
  });
});

test('an unknown tutorial says so and links back to the list', T, async () => {
  await withTutorial('?tutorial=no-such-thing', {}, async (page) => {
    const banner = page.locator('.banner[role=alert]');
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.textContent(), /the tutorial "no-such-thing" could not be fetched: the server answered 404/);
  });
  await withTutorial('?tutorial=..%2Fsecret', {}, async (page) => {
    const banner = page.locator('.banner[role=alert]');
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.textContent(), /there is no tutorial called/);
  });
});

test('at 360 px wide a step and its console fit', T, async () => {
  await withTutorial('?tutorial=first-keys', {}, async (page) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await waitForStep(page);
    await page.getByRole('button', { name: 'Run: SET name Ada' }).click();
    await page.locator('.success').waitFor();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `the page scrolls sideways: ${scrollWidth}px wide`);
    assert.equal(await reply(page, 'GET name'), '"Ada"');
  });
});

test('the playground links to the tutorials', T, async () => {
  await browser.withPage('tutorials-link', {}, async (page) => {
    await page.getByRole('link', { name: 'Tutorials' }).click();
    await page.locator('.card').first().waitFor({ timeout: 20_000 });
    assert.ok(page.url().endsWith('?tutorial'), page.url());
  });
});

// docs/tutorial.png (shown in the README), written only when missing or
// with REDDISH_SCREENSHOT=1.
test('screenshot of a tutorial step for the README', T, async (t) => {
  const file = path.join(ROOT, 'docs', 'tutorial.png');
  if (process.env.REDDISH_SCREENSHOT !== '1' && existsSync(file)) {
    t.skip('docs/tutorial.png exists (REDDISH_SCREENSHOT=1 rewrites it)');
    return;
  }
  await withTutorial('?tutorial=lists-queues&step=2', {}, async (page) => {
    await page.setViewportSize({ width: 1280, height: 760 });
    await waitForStep(page);
    await run(page, 'LPOP jobs');
    await run(page, 'LPUSH jobs late');
    await page.getByRole('button', { name: 'Check my work' }).click();
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
  });
});

test('no uncaught errors on the tutorial pages', () => {
  assert.deepEqual(browser.pageErrors, []);
  assert.deepEqual(
    browser.consoleErrors.filter((e) => !e.includes('404')),
    [],
  );
});
