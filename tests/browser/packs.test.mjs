// Exercise packs (`?pack`, the page's fourth entry): a pack opened from
// its address and from a file, exercises solved (and one hard-coded),
// results downloaded and graded on every variant, work kept across a
// reload, the teacher's re-grading of several results files (an edited
// one caught, a broken one named) and its CSV, bad packs, and the
// instructor reset. Run by `cargo xtask test` (see harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdtemp, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { BASE_URL, Browser, ROOT, run, waitForConsole } from './harness.mjs';

const browser = new Browser();
const T = { timeout: 90_000 };
const PACK = '?pack=packs/queues-and-sets.md';

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

const withPack = (search, options, fn) => browser.withAt(search, options, fn);

const heading = (page) => page.locator('.lesson h2').textContent();

async function waitForExercise(page) {
  await page.locator('.lesson h2').waitFor({ timeout: 20_000 });
  await waitForConsole(page);
}

/** Clicks `button` and returns the files it downloads, by name. */
async function downloads(page, button, count) {
  const files = {};
  const done = new Promise((resolve) => {
    page.on('download', async (d) => {
      files[d.suggestedFilename()] = await readFile(await d.path(), 'utf8');
      if (Object.keys(files).length === count) resolve();
    });
  });
  await button.click();
  await done;
  return files;
}

let results;

test('a pack from its address: exercises graded on every variant, results downloaded', T, async () => {
  await withPack(PACK, {}, async (page) => {
    await waitForExercise(page);
    assert.equal(await heading(page), 'Exercise 1 of 5 (2 points): Take the oldest job into processing');
    // The checks are shown with this variant's values.
    assert.ok(
      (await page.locator('.checks code').allTextContents()).includes(
        'member processing job-17 | the job taken is the oldest, the head of jobs',
      ),
    );
    // The pack hides its solutions.
    assert.equal(await page.getByRole('button', { name: 'Show me' }).count(), 0);
    await run(page, 'LMOVE jobs processing LEFT RIGHT');
    await page.locator('.success').waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    assert.match(await heading(page), /^Exercise 2 of 5 \(2 points\): All the tags/);
    // Each exercise starts from its own data.
    assert.deepEqual((await page.locator('.key-button').allTextContents()).sort(), ['tags:post:1', 'tags:post:2']);
    // Typed back from what is on screen: it passes here...
    await run(page, 'SADD tags:all redis cache nosql');
    await page.locator('.success').waitFor();
    await page.locator('#learner-name').fill('Ada');
    const files = await downloads(page, page.getByRole('button', { name: 'Download my results' }), 2);
    results = files['queues-and-sets-results.json'];
    const r = JSON.parse(results);
    assert.equal(r.learner, 'Ada');
    assert.equal(r.points, 2);
    assert.equal(r.max, 8);
    assert.deepEqual(
      r.exercises.map((e) => [e.status, e.points]),
      [['passed', 2], ['failed', 0], ['not tried', 0], ['not tried', 0], ['not tried', 0]],
    );
    // ...but not on the other variant.
    assert.match(r.exercises[1].reason, /\(variant 2 of 2\)$/);
    assert.deepEqual(r.exercises[0].commands, [{ client: 1, text: 'LMOVE jobs processing LEFT RIGHT' }]);
    assert.match(files['queues-and-sets-results.txt'], /^Ada: Queues, sets and counters \(graded\) \(queues-and-sets\), 2 of 8 points/);
    assert.match(await page.locator('.notice').textContent(), /2 of 8 points/);
  });
});

test('work on a pack survives a reload', T, async () => {
  await withPack(PACK, { keep: true }, async (page) => {
    await waitForExercise(page);
    // The first exercise's commands are played again, and it passes.
    await page.locator('.success').waitFor();
    const out = await page.locator('.output pre.line').allTextContents();
    assert.ok(out.includes('127.0.0.1:6379> LMOVE jobs processing LEFT RIGHT'), JSON.stringify(out));
    await page.locator('.dots .dot').nth(1).click();
    assert.match(await heading(page), /All the tags/);
    await page.locator('.output pre.line', { hasText: 'SADD tags:all' }).first().waitFor();
  });
});

test('the teacher re-grades results files: an edited one is caught, a broken one named; CSV', T, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reddish-results-'));
  const honest = path.join(dir, 'ada.json');
  const edited = path.join(dir, 'bob.json');
  const broken = path.join(dir, 'eve.json');
  await writeFile(honest, results);
  const r = JSON.parse(results);
  r.learner = 'Bob';
  r.exercises[1].status = 'passed';
  r.exercises[1].points = 2;
  await writeFile(edited, JSON.stringify(r));
  await writeFile(broken, '{ not json');
  // A learner who used a script: graded with the Lua module, which the
  // teacher's page loads first.
  const scripted = path.join(dir, 'carl.json');
  const c = JSON.parse(results);
  c.learner = 'Carl';
  c.exercises[2].status = 'passed';
  c.exercises[2].points = 1;
  c.exercises[2].commands = [{ client: 1, text: `EVAL "return redis.call('INCR', KEYS[1])" 1 views:home` }];
  await writeFile(scripted, JSON.stringify(c));
  await withPack(PACK, {}, async (page) => {
    await waitForExercise(page);
    await page.locator('details.teacher summary').click();
    await page.locator('details.teacher input[type=file]').setInputFiles([honest, edited, broken, scripted]);
    await page.locator('table.grades tbody tr').nth(3).waitFor({ timeout: 30_000 });
    const rows = await page.locator('table.grades tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    assert.deepEqual(rows[0], ['Ada', '2', '0', '0', '0', '0', '2 / 8', '']);
    assert.deepEqual(rows[1], ['Bob', '2', '0', '0', '0', '0', '2 / 8', 'exercise 2 claims passed, 2 points; re-graded: failed, 0']);
    assert.deepEqual(rows[2], ['eve.json', '', 'not graded: it is not JSON']);
    assert.deepEqual(rows[3], ['Carl', '2', '0', '1', '0', '0', '3 / 8', '']);
    // docs/pack.png (shown in the README), written only when missing or
    // with REDDISH_SCREENSHOT=1.
    const shot = path.join(ROOT, 'docs', 'pack.png');
    if (process.env.REDDISH_SCREENSHOT === '1' || !existsSync(shot)) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator('details.teacher').scrollIntoViewIfNeeded();
      await mkdir(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot });
    }
    const files = await downloads(page, page.getByRole('button', { name: 'Download as CSV' }), 1);
    const csv = files['queues-and-sets-grades.csv'].split('\n');
    assert.equal(csv[1], 'Ada,2,0,0,0,0,2,8,');
    assert.equal(csv[2], 'Bob,2,0,0,0,0,2,8,"exercise 2 claims passed, 2 points; re-graded: failed, 0"');
    assert.equal(csv[3], 'eve.json,,,,,,,,not graded: it is not JSON');
  });
});

test('a pack opened from a file; a tutorial or a broken file is refused with the reason', T, async () => {
  await withPack('?pack', {}, async (page) => {
    const input = page.locator('input[type=file]');
    await input.waitFor({ state: 'attached', timeout: 20_000 });
    await input.setInputFiles(path.join(ROOT, 'packs', 'queues-and-sets.md'));
    await waitForExercise(page);
    assert.match(await heading(page), /^Exercise 1 of 5/);
  });
  await withPack('?pack=tutorials/first-keys.md', {}, async (page) => {
    const banner = page.locator('.banner[role=alert]');
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.textContent(), /"First keys and strings" is a tutorial, not an exercise pack/);
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reddish-pack-'));
  const bad = path.join(dir, 'bad.md');
  const text = await readFile(path.join(ROOT, 'packs', 'queues-and-sets.md'), 'utf8');
  await writeFile(bad, text.replace('len processing 1', 'length processing 1'));
  await withPack('?pack', {}, async (page) => {
    const input = page.locator('input[type=file]');
    await input.waitFor({ state: 'attached', timeout: 20_000 });
    await input.setInputFiles(bad);
    const banner = page.locator('.banner[role=alert]');
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.textContent(), /the pack could not be read: line \d+: unknown check `length`/);
  });
});

test('the instructor reset clears all progress after confirmation', T, async () => {
  await withPack(PACK, {}, async (page) => {
    await waitForExercise(page);
    await run(page, 'LMOVE jobs processing LEFT RIGHT');
    await page.waitForFunction(() => localStorage.getItem('reddish:v1:pack:queues-and-sets'));
    await page.locator('details.teacher summary').click();
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Reset all progress' }).click();
    await waitForExercise(page);
    // Nothing of the learner's commands is left (an empty list is saved
    // again as the pack opens).
    assert.ok(!(await page.evaluate(() => localStorage.getItem('reddish:v1:pack:queues-and-sets'))));
    assert.equal(await page.locator('.success').count(), 0);
  });
});

test('no uncaught errors on the pack pages', () => {
  assert.deepEqual(browser.pageErrors, []);
});
