// Pictures, time and history, as a learner meets them: type a command,
// read the picture's description (its accessible name) and the narration,
// press the time bar's buttons, undo and redo. Run by `cargo xtask test`.
//
// Each picture's screenshot goes to docs/pictures/ (shown in the README)
// when it is missing or REDDISH_SCREENSHOT=1, so runs do not churn the repo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { Browser, ROOT, listedKeys, narration, picture, pictureIs, reply, run } from './harness.mjs';

const browser = new Browser();
const T = { timeout: 30_000 };

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

/** Saves the picture pane as docs/pictures/<name>.png when asked to. */
async function shoot(page, name) {
  const file = path.join(ROOT, 'docs', 'pictures', `${name}.png`);
  if (process.env.REDDISH_SCREENSHOT !== '1' && existsSync(file)) return;
  await mkdir(path.dirname(file), { recursive: true });
  // After the animations (at most 1 s), as a learner sees it settled.
  await page.waitForTimeout(1_500);
  await page.locator('.picture-pane').screenshot({ path: file });
}

test('a list: pushes, pops and reads, each described and narrated', T, async () => {
  await browser.withPage('list-picture', {}, async (page) => {
    await reply(page, 'RPUSH queue green blue');
    await reply(page, 'LPUSH queue red');
    assert.equal(await pictureIs(page, 'list queue, 3 elements: "red", "green", "blue"'),
      'list queue, 3 elements: "red", "green", "blue"');
    assert.equal(await narration(page), 'LPUSH put "red" at the head of queue; queue now has 3 elements');
    // The pushed cell is marked with a word, not only a colour.
    assert.equal(await page.locator('.cells.row .cell.pushed .val').textContent(), 'red');
    assert.deepEqual(await page.locator('.cells.row .cell .idx').allTextContents(), ['0', '1', '2']);
    assert.deepEqual(await page.locator('.cells.row .cell .after').allTextContents(), ['-3', '-2', '-1']);
    await shoot(page, 'list');
    await run(page, 'LRANGE queue -2 -1');
    assert.equal(await narration(page), 'LRANGE read indexes 1 to 2 of queue');
    assert.deepEqual(await page.locator('.cells.row .cell.read .val').allTextContents(), ['green', 'blue']);
    assert.equal(await reply(page, 'RPOP queue'), '"blue"');
    assert.equal(await narration(page), 'RPOP took "blue" from the tail of queue; queue now has 2 elements');
    assert.equal(await page.locator('.cells.row .cell.gone .val').textContent(), 'blue');
  });
});

/** Where `locator`'s element is at the start and at the end of its animation. */
async function travel(locator) {
  return locator.evaluate((el) => {
    const [anim] = el.getAnimations();
    const at = (t) => {
      anim.currentTime = t;
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.left), y: Math.round(r.top) };
    };
    const end = anim.effect.getComputedTiming().endTime;
    return { name: anim.animationName, from: at(0), to: at(end) };
  });
}

async function rectOf(locator) {
  const r = await locator.evaluate((el) => el.getBoundingClientRect().toJSON());
  return { x: Math.round(r.left), y: Math.round(r.top) };
}

/** Two positions within 2 px of each other. */
function near(a, b) {
  return Math.abs(a.x - b.x) <= 2 && Math.abs(a.y - b.y) <= 2;
}

test('LMOVE draws both lists and the element travelling between them', T, async () => {
  await browser.withPage('lmove', {}, async (page) => {
    await reply(page, 'RPUSH todo a b');
    await reply(page, 'RPUSH done z');
    assert.equal(await reply(page, 'LMOVE todo done LEFT RIGHT'), '"a"');
    const want = '"a" moved from the head of todo to the tail of done; '
      + 'list todo, 1 element: "b"; list done, 2 elements: "z", "a"';
    assert.equal(await pictureIs(page, want), want);
    assert.deepEqual(await page.locator('.transfer-side h4').allTextContents(), ['todo', 'done']);
    // The source shows what left, the destination what arrived.
    assert.equal(await page.locator('.transfer-side').first().locator('.cell.gone .val').textContent(), 'a');
    assert.equal(await page.locator('.transfer-side').last().locator('.cell.pushed .val').textContent(), 'a');
    // The element travels from the cell it left (the head of todo) to
    // the cell it arrived in (the tail of done).
    const traveller = page.locator('.transfer-picture > .traveller');
    assert.equal(await traveller.textContent(), 'a');
    const t = await travel(traveller);
    assert.equal(t.name, 'travel');
    const left = await rectOf(page.locator('.transfer-side').first().locator('.cell.gone'));
    const arrived = await rectOf(page.locator('.transfer-side').last().locator('.cell.pushed'));
    assert.ok(near(t.from, left) && near(t.to, arrived), JSON.stringify({ t, left, arrived }));
    await shoot(page, 'lmove');
    // The last element moved: the source is gone, as Redis deletes it.
    await reply(page, 'RPOPLPUSH todo done');
    assert.match(await picture(page), /^"b" moved from the tail of todo to the head of done; list todo is empty, so it no longer exists; list done, 3 elements/);
    // todo is gone but still shows the element leaving it.
    const back = await travel(page.locator('.transfer-picture > .traveller'));
    const from = await rectOf(page.locator('.transfer-side').first().locator('.cell.gone'));
    const head = await rectOf(page.locator('.transfer-side').last().locator('.cell.pushed'));
    assert.ok(near(back.from, from) && near(back.to, head), JSON.stringify({ back, from, head }));
    // A key picked in the panel shows alone.
    await page.locator('.key-button', { hasText: /^done$/ }).click();
    assert.equal(await picture(page), 'list done, 3 elements: "b", "z", "a"');
  });
});

test('hash, set with a Venn view, sorted set and string pictures', T, async () => {
  await browser.withPage('pictures', {}, async (page) => {
    await reply(page, 'CONFIG SET hash-max-listpack-entries 2');
    await reply(page, 'HSET user:1 name alice age 30');
    await reply(page, 'HSET user:1 city paris');
    assert.equal(await pictureIs(page, 'hash user:1, 3 fields: "name" = "alice", "age" = "30", "city" = "paris"'),
      'hash user:1, 3 fields: "name" = "alice", "age" = "30", "city" = "paris"');
    // The encoding change is said with the threshold that caused it.
    assert.match(await page.locator('.encoding-changed').textContent(),
      /from listpack to hashtable: more than hash-max-listpack-entries \(2\) fields/);
    assert.equal(await page.locator('.cells.grid .cell.set .val').textContent(), 'city');
    await shoot(page, 'hash');

    await reply(page, 'SADD a 1 2 3');
    await reply(page, 'SADD b 2 3 4');
    await run(page, 'SINTER a b', { expect: 2 });
    const venn = page.locator('.venn');
    await venn.waitFor();
    assert.equal(await venn.getAttribute('aria-label'), 'SINTER of a (3), b (3): 2 members');
    assert.equal(await narration(page), 'SINTER of a, b: 2 members in common');
    assert.deepEqual((await venn.locator('.cell .val').allTextContents()).sort(), ['2', '3']);
    await shoot(page, 'set-venn');

    await reply(page, 'ZADD board 10 ann 20 bob 30 cat');
    assert.equal(await reply(page, 'ZINCRBY board 25 ann'), '"35"');
    assert.equal(await narration(page),
      'ZINCRBY changed the score of "ann" in board from 10 to 35; it moved from rank 0 to rank 2');
    assert.equal(await pictureIs(page, 'sorted set board, 3 members: "bob" (20), "cat" (30), "ann" (35)'),
      'sorted set board, 3 members: "bob" (20), "cat" (30), "ann" (35)');
    assert.equal(await page.locator('.cells.bars .cell', { hasText: 'ann' }).locator('.badge').first().textContent(),
      'rank 0 → 2');
    await shoot(page, 'zset');

    await reply(page, 'SET greeting hello');
    assert.equal(await reply(page, 'SETRANGE greeting 6 world'), '(integer) 11');
    assert.equal(await pictureIs(page, 'string greeting, 11 bytes: "hello\\x00world"'),
      'string greeting, 11 bytes: "hello\\x00world"');
    assert.equal(await narration(page), 'SETRANGE wrote 5 bytes at offset 6 of greeting; it is now 11 bytes long');
    assert.equal(await page.locator('.cells.bytes .cell.written').count(), 5);
    assert.match(await page.locator('.encoding-why').textContent(), /^raw:/);
    await shoot(page, 'string');
  });
});

test('binary, emoji and giant values are shown as text, escaped or cut', T, async () => {
  await browser.withPage('bad-values', {}, async (page) => {
    await reply(page, 'RPUSH odd "\\xff\\x00" "🎉 party" "<b>bold</b>"');
    assert.equal(await pictureIs(page, 'list odd, 3 elements: "\\xff\\x00", "🎉 party", "<b>bold</b>"'),
      'list odd, 3 elements: "\\xff\\x00", "🎉 party", "<b>bold</b>"');
    assert.equal(await page.locator('.picture-pane b').count(), 0, 'HTML in a value is never interpreted');
    await page.locator('input.cmd').click();
    await page.evaluate(() => {
      const input = document.querySelector('input.cmd');
      input.value = `SET big ${'x'.repeat(5000)}`;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    await page.locator('input.cmd').press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('.picture-pane figure.picture')?.getAttribute('aria-label')?.startsWith('string big'));
    assert.match(await picture(page), /^string big, 5000 bytes: "x{40}… \(5000 bytes in all\)"$/);
  });
});

test('a big list is drawn a window at a time', { timeout: 60_000 }, async () => {
  await browser.withPage('big-list', {}, async (page) => {
    // One RPUSH of 100,000 elements (a 590 KB line, under the 1 MB limit).
    await page.locator('input.cmd').click();
    await page.evaluate(() => {
      const input = document.querySelector('input.cmd');
      input.value = 'RPUSH big ' + Array.from({ length: 100000 }, (_, i) => i + 1).join(' ');
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    await page.locator('input.cmd').press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.output pre.line')].at(-1)?.textContent === '(integer) 100000');
    await reply(page, 'LPUSH big head');
    assert.match(await picture(page), /^list big, 100001 elements: "head", "1", .* and 99991 more$/);
    assert.ok(await page.locator('.cells.row .cell').count() <= 61, 'only one window of cells is drawn');
    await page.getByRole('button', { name: 'Last page' }).click();
    assert.match(await picture(page), /^list big, 100001 elements from position 99941: "99941",/);
    assert.equal(await reply(page, 'LLEN big'), '(integer) 100001');
  });
});

test('the time bar: pause, jump, next expiry; keys expire visibly', T, async () => {
  await browser.withPage('timebar', {}, async (page) => {
    await reply(page, 'SET session:42 alice EX 30');
    assert.equal(await narration(page), 'SET wrote 5 bytes to session:42');
    await reply(page, 'EXPIRE session:42 30');
    assert.equal(await narration(page), 'EXPIRE: session:42 will be deleted in 30 s');
    await page.getByRole('button', { name: 'Pause' }).click();
    assert.match(await page.locator('.clock-state').textContent(), /paused/);
    await page.getByRole('button', { name: 'Forward 10 seconds' }).click();
    assert.equal(await reply(page, 'TTL session:42'), '(integer) 20');
    await page.waitForTimeout(1_200);
    assert.equal(await reply(page, 'TTL session:42'), '(integer) 20', 'a paused clock stands still');
    await page.getByRole('button', { name: 'next expiry' }).click();
    await page.waitForFunction(() => ![...document.querySelectorAll('.key-button')].some((b) => b.textContent === 'session:42'));
    assert.equal(await narration(page), 'session:42 expired and was deleted');
    assert.equal(await reply(page, 'EXISTS session:42'), '(integer) 0');
    // A jump of an hour, then of years, with nothing left to expire.
    await page.getByRole('button', { name: 'Forward 1 hour' }).click();
    assert.match(await page.locator('.ahead').textContent(), /\+1 h 0 min ahead/);
    await page.getByRole('button', { name: 'next expiry' }).click();
    assert.equal(await page.locator('.notice').textContent().then((t) => t.replace(/ok$/, '')),
      'No key has a TTL: nothing will expire.');
    await page.getByRole('button', { name: 'Resume' }).click();
    assert.match(await page.locator('.clock-state').textContent(), /running/);
  });
});

test('undo and redo step through commands, clock included', T, async () => {
  await browser.withPage('undo', {}, async (page) => {
    await reply(page, 'RPUSH q a');
    await reply(page, 'LPUSH q b');
    const undo = page.getByRole('button', { name: 'Undo LPUSH q b' });
    await undo.click();
    assert.equal((await run(page, 'LRANGE q 0 -1'))[0].text, '1) "a"');
    assert.ok((await page.locator('.output pre.line.note').allTextContents()).includes('(undone: LPUSH q b)'));
    await page.getByRole('button', { name: 'Redo LPUSH q b' }).click();
    assert.equal((await run(page, 'LRANGE q 0 -1'))[0].text, '1) "b"\n2) "a"');
    // Ctrl-Z from the page (not the input) undoes too.
    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('.key-button').length === 0);
    assert.deepEqual(await listedKeys(page), []);
    await page.keyboard.press('Control+Shift+Z');
    await page.waitForFunction(() => document.querySelectorAll('.key-button').length === 1);
    // Past the start, undo says so and changes nothing.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.notice');
    assert.match(await page.locator('.notice').textContent(), /Nothing to undo: this is the start of the history\./);
    // A time jump is a step too.
    await reply(page, 'SET t v EX 5');
    await page.getByRole('button', { name: 'Forward 1 minute' }).click();
    assert.equal(await reply(page, 'EXISTS t'), '(integer) 0');
    await page.getByRole('button', { name: /^Undo \+1 min/ }).click();
    assert.equal(await reply(page, 'EXISTS t'), '(integer) 1');
  });
});

test('PUBLISH reaches a second client, drawn in the clients picture', T, async () => {
  await browser.withPage('pubsub-picture', {}, async (page) => {
    await page.getByRole('button', { name: 'Open another client' }).click();
    await run(page, 'SUBSCRIBE news', { expect: 2 });
    await page.locator('.tab-name', { hasText: 'client 1' }).click();
    assert.equal(await reply(page, 'PUBLISH news hi'), '(integer) 1');
    assert.equal(await narration(page), 'PUBLISH sent "hi" on news to 1 subscriber');
    const channel = page.locator('.channels .channel');
    assert.equal(await channel.getAttribute('aria-label'), 'channel news, 1 subscriber: client 2');
    const card = page.locator('.client-card', { hasText: 'client 2' });
    assert.match(await card.getAttribute('aria-label'),
      /^client 2, id \d+, db 0: subscribed to 1; received ✉ "hi" on news$/);
    // The message travels along the channel's wire, then lands on the card.
    const envelope = channel.locator('.wire .envelope');
    assert.equal(await envelope.textContent(), '✉ hi');
    const t = await travel(envelope);
    assert.equal(t.name, 'along-wire');
    assert.ok(t.to.x > t.from.x, JSON.stringify(t));
    await page.waitForTimeout(1_500);
    await page.locator('.clients-pane').screenshot({ path: await clientsShotPath() }).catch(() => {});
    // A broken WATCH shows on the watching client the moment it breaks.
    await run(page, 'WATCH k', { expect: 1 });
    await page.locator('.tab-name', { hasText: 'client 2' }).click();
    await run(page, 'UNSUBSCRIBE', { expect: 1 });
    await reply(page, 'SET k 1');
    const first = page.locator('.client-card', { hasText: 'client 1' });
    assert.match(await first.getAttribute('aria-label'), /watching k: BROKEN, its EXEC will fail/);
  });
});

test('maxmemory: the gauge shows the limit, a write is refused, an eviction is narrated with its reason', T, async () => {
  await browser.withPage('maxmemory', {}, async (page) => {
    const gauge = page.locator('.memory span');
    // The page's own limit, so that a runaway loop meets OOM, not the tab's end.
    assert.match(await gauge.textContent(), /^memory [\d.]+[KM] of 64\.00M \(noeviction\)$/);
    await reply(page, 'SET a 1');
    assert.equal(await reply(page, 'CONFIG SET maxmemory 1'), 'OK');
    assert.match(await gauge.textContent(), /^memory [\d.]+[KM] of 1B \(noeviction\)$/);
    assert.equal(await reply(page, 'SET b 2'),
      "(error) OOM command not allowed when used memory > 'maxmemory'.");
    assert.equal(await reply(page, 'GET a'), '"1"');
    // A policy makes room at once: the narration says which key went and why.
    assert.equal(await reply(page, 'CONFIG SET maxmemory-policy allkeys-lru'), 'OK');
    assert.equal(await reply(page, 'CONFIG SET maxmemory 1'), 'OK');
    assert.match(await narration(page),
      /a was evicted to bring memory within maxmemory \(allkeys-lru\): unused for \d+ seconds?, the longest of the keys sampled/);
    assert.deepEqual(await listedKeys(page), []);
    assert.equal(await reply(page, 'CONFIG SET maxmemory 0'), 'OK');
    assert.match(await gauge.textContent(), /^memory [\d.]+[KM] \(no maxmemory\)$/);
  });
});

async function clientsShotPath() {
  const file = path.join(ROOT, 'docs', 'pictures', 'clients.png');
  if (process.env.REDDISH_SCREENSHOT !== '1' && existsSync(file)) return path.join(process.env.REDDISH_ARTIFACTS || '/tmp', 'clients.png');
  await mkdir(path.dirname(file), { recursive: true });
  return file;
}

test('each tab keeps its own typed text', T, async () => {
  await browser.withPage('tabs-text', {}, async (page) => {
    await page.locator('input.cmd').fill('GET half-typed');
    await page.getByRole('button', { name: 'Open another client' }).click();
    assert.equal(await page.locator('input.cmd').inputValue(), '', 'the new tab starts empty');
    await reply(page, 'SET mine 1');
    await page.locator('.tab-name', { hasText: 'client 1' }).click();
    const input = page.locator('input.cmd');
    assert.notEqual(await input.inputValue(), 'SET mine 1');
    await input.press('ArrowUp');
    assert.notEqual(await input.inputValue(), 'SET mine 1', "client 2's history is not client 1's");
  });
});

test('the console keeps scrolling once it holds its 2,000 lines', { timeout: 60_000 }, async () => {
  await browser.withPage('scroll', {}, async (page) => {
    const paste = Array.from({ length: 1100 }, (_, i) => `ECHO line${i}`).join('\n') + '\n';
    await page.locator('input.cmd').click();
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text', text);
      document.querySelector('input.cmd').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, paste);
    await page.waitForFunction(() => document.querySelectorAll('.output pre.line').length === 2000, null, { timeout: 20_000 });
    await page.locator('input.cmd').fill('ECHO last');
    await page.locator('input.cmd').press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.output pre.line')].at(-1)?.textContent === '"last"');
    const atBottom = await page.locator('.output').evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
    assert.ok(atBottom, 'the newest line is in view');
  });
});

test('no uncaught errors on any page', () => {
  assert.deepEqual(browser.pageErrors, []);
  assert.deepEqual(browser.consoleErrors, []);
});
