// The playground end to end: the release build in headless chromium.
// Run by `cargo xtask test` (see harness.mjs for the environment). The
// tests run in order in one browser profile; each opens its own tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { Browser, ROOT, listedKeys, lines, picture, prompt, reply, run } from './harness.mjs';

const browser = new Browser();
const T = { timeout: 30_000 };

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

test('the page loads with the console input focused', T, async () => {
  await browser.withPage('loads', {}, async (page) => {
    await page.waitForFunction(() => document.activeElement?.classList.contains('cmd'), null, { timeout: 5_000 });
    assert.equal(await page.locator('label.prompt').textContent(), prompt(0));
    assert.equal(await page.locator('.output pre.line').count(), 0);
    assert.deepEqual(await listedKeys(page), []);
  });
});

test('replies print as redis-cli prints them', T, async () => {
  await browser.withPage('replies', {}, async (page) => {
    assert.equal(await reply(page, 'SET k v'), 'OK');
    assert.equal(await reply(page, 'GET k'), '"v"');
    assert.equal(await reply(page, 'INCR n'), '(integer) 1');
    assert.equal(await reply(page, 'GET missing'), '(nil)');
    const [err] = await run(page, 'NOPE foo');
    assert.equal(err.kind, 'error');
    assert.equal(err.text, "(error) ERR unknown command 'NOPE', with args beginning with: 'foo' ");
    const [bad] = await run(page, 'GET "unclosed');
    assert.equal(bad.text, 'Invalid argument(s)');
    // The echoed input line carries the prompt.
    const all = await lines(page);
    assert.equal(all[0].text, `${prompt(0)} SET k v`);
  });
});

test('Up and Down walk the history', T, async () => {
  await browser.withPage('history', {}, async (page) => {
    await reply(page, 'SET a 1');
    await reply(page, 'INCR a');
    const input = page.locator('input.cmd');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'INCR a');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'SET a 1');
    await input.press('ArrowDown');
    assert.equal(await input.inputValue(), 'INCR a');
    // Enter on a recalled line runs it.
    await input.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.output pre.line').length >= 6);
    assert.equal((await lines(page)).at(-1).text, '(integer) 3');
  });
});

test('Tab completes commands and the hint shows the syntax', T, async () => {
  await browser.withPage('completion', {}, async (page) => {
    const input = page.locator('input.cmd');
    await input.click();
    await page.keyboard.type('conf');
    await page.keyboard.press('Tab');
    assert.equal(await input.inputValue(), 'CONFIG');
    // Tab again cycles through the other candidates (the subcommands).
    await page.keyboard.press('Tab');
    assert.match(await input.inputValue(), /^CONFIG [A-Z]+$/);
    // Focus stays in the input: Tab is taken, not used to move focus.
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cmd')));

    await input.fill('');
    await page.keyboard.type('GET ');
    assert.match(await page.locator('.hint-text').textContent(), /key/);
  });
});

test('keyboard only: Tab on an empty line and Shift+Tab leave the console', T, async () => {
  await browser.withPage('keyboard', {}, async (page) => {
    const input = page.locator('input.cmd');
    await input.focus();
    await page.keyboard.press('Shift+Tab');
    assert.ok(!(await page.evaluate(() => document.activeElement?.classList.contains('cmd'))), 'Shift+Tab moved on');
    await input.focus();
    await page.keyboard.press('Tab');
    assert.ok(!(await page.evaluate(() => document.activeElement?.classList.contains('cmd'))), 'Tab on an empty line moved on');
  });
});

test('Reset asks first, then empties keys, clients and history', T, async () => {
  await browser.withPage('reset', {}, async (page) => {
    await reply(page, 'SET k v');
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    let asked = 0;
    const answer = { accept: false };
    page.on('dialog', async (d) => {
      asked += 1;
      if (answer.accept) await d.accept(); else await d.dismiss();
    });
    await page.getByRole('button', { name: 'Reset' }).click();
    assert.equal(asked, 1);
    assert.equal(await page.locator('.tab').count(), 2, 'declined: nothing changes');
    assert.deepEqual(await listedKeys(page), ['k']);
    answer.accept = true;
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 1);
    await page.waitForFunction(() => document.querySelectorAll('.key-button').length === 0);
    assert.equal(await reply(page, 'DBSIZE'), '(integer) 0');
    await page.reload();
    await page.locator('input.cmd').waitFor();
    assert.equal(await reply(page, 'EXISTS k'), '(integer) 0', 'the reset was saved');
  });
});

test('SELECT changes the prompt; another client has its own db', T, async () => {
  await browser.withPage('clients', {}, async (page) => {
    await reply(page, 'SET k v');
    const firstId = await reply(page, 'CLIENT ID');
    assert.equal(await reply(page, 'SELECT 2'), 'OK');
    assert.equal(await page.locator('label.prompt').textContent(), prompt(2));
    assert.equal(await reply(page, 'GET k'), '(nil)');
    assert.equal((await lines(page)).at(-2).text, `${prompt(2)} GET k`);

    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    assert.equal(await page.locator('label.prompt').textContent(), prompt(0), 'a new client starts in db 0');
    assert.equal(await page.locator('.output pre.line').count(), 0, 'a new client starts with an empty console');
    await page.waitForFunction(() => document.activeElement?.classList.contains('cmd'), null, { timeout: 5_000 });
    assert.equal(await reply(page, 'GET k'), '"v"');
    const secondId = await reply(page, 'CLIENT ID');
    assert.notEqual(secondId, firstId, 'each tab is its own connection');

    // Back to the first client: still in db 2, its console as it was.
    await page.locator('.tab .tab-name').first().click();
    assert.equal(await page.locator('label.prompt').textContent(), prompt(2));
    assert.equal((await lines(page)).at(-1).text, '(nil)');
  });
});

test('a message published in one tab shows in the subscriber\'s tab', T, async () => {
  await browser.withPage('pubsub', {}, async (page) => {
    assert.equal(await reply(page, 'SUBSCRIBE news'), '1) "subscribe"\n2) "news"\n3) (integer) 1');
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    assert.equal(await reply(page, 'PUBLISH news hello'), '(integer) 1');
    await page.locator('.tab .tab-name').first().click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('.output pre.line')].some((l) => l.textContent.includes('"hello"')),
      null,
      { timeout: 5_000 },
    );
    assert.equal((await lines(page)).at(-1).text, '1) "message"\n2) "news"\n3) "hello"');
    // Subscribed mode refuses other commands, as redis-cli's server would.
    assert.match(await reply(page, 'GET k'), /only \(P\|S\)SUBSCRIBE/);
  });
});

test('a tab waits in BLPOP until another tab pushes; Cancel and Ctrl-C end a wait', T, async () => {
  await browser.withPage('blocking', {}, async (page) => {
    const send = async (line) => {
      const input = page.locator('input.cmd');
      await input.fill(line);
      await input.press('Enter');
    };
    await send('BLPOP jobs 0');
    const waiting = page.getByRole('status');
    await waiting.waitFor({ timeout: 5_000 });
    assert.match(await waiting.textContent(), /Waiting: BLPOP on jobs \(no timeout\)/);
    assert.equal(await page.locator('input.cmd').count(), 0, 'no input line while waiting');
    assert.equal(await page.locator('.tab.waiting').count(), 1);
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cancel')));

    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    assert.equal(await reply(page, 'RPUSH jobs j1'), '(integer) 1');
    await page.locator('.tab .tab-name').first().click();
    await page.locator('input.cmd').waitFor({ timeout: 5_000 });
    assert.equal((await lines(page)).at(-1).text, '1) "jobs"\n2) "j1"');
    assert.equal(await page.locator('.tab.waiting').count(), 0);
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cmd')));

    // The Cancel button answers as a timeout would, and the input is back.
    await send('BRPOP other 100');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('input.cmd').waitFor({ timeout: 5_000 });
    let out = (await lines(page)).map((l) => l.text);
    assert.equal(out.at(-1), '(nil)');
    assert.match(out.at(-2), /^\(cancelled/);
    // So does Ctrl-C, as it stops redis-cli.
    await send('BZPOPMIN z 0');
    await waiting.waitFor({ timeout: 5_000 });
    await page.keyboard.press('Control+c');
    await page.locator('input.cmd').waitFor({ timeout: 5_000 });
    out = (await lines(page)).map((l) => l.text);
    assert.equal(out.at(-1), '(nil)');
    // A timeout on the clock ends a wait with nobody typing.
    await send('BLPOP q 0.3');
    await page.locator('input.cmd').waitFor({ timeout: 5_000 });
    assert.equal((await lines(page)).at(-1).text, '(nil)');
  });
});

test('scripts run in the page; a runaway one is stopped and the page keeps working', { timeout: 60_000 }, async () => {
  await browser.withPage('scripting', {}, async (page) => {
    // The Lua VM is a second module, fetched on the first script: the
    // page says so, then runs the command once it is there.
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    assert.ok(!fetched.some((p) => p.includes('reddish-lua')), 'the Lua module is not loaded up front');
    const before = await page.locator('.output pre.line').count();
    const first = `EVAL "return redis.call('SET', KEYS[1], ARGV[1])" 1 k v`;
    await page.locator('input.cmd').fill(first);
    await page.locator('input.cmd').press('Enter');
    await page.waitForFunction(([n]) => document.querySelectorAll('.output pre.line').length >= n, [before + 3], { timeout: 15_000 });
    const added = (await lines(page)).slice(before);
    assert.deepEqual(added.map((l) => l.kind), ['note', 'input', 'reply']);
    assert.match(added[0].text, /loading Lua scripting/);
    assert.ok(added[1].text.endsWith(first));
    assert.equal(added[2].text, 'OK');
    assert.ok(fetched.some((p) => p.endsWith('reddish-lua_bg.wasm')), `fetched: ${fetched}`);
    // From then on, scripts answer at once.
    assert.equal(await reply(page, 'GET k'), '"v"');
    assert.equal(await reply(page, 'EVAL "return {1, 2.5, \'x\', true}" 0'), '1) (integer) 1\n2) (integer) 2\n3) "x"\n4) (integer) 1');
    assert.equal(await reply(page, 'EVALSHA ffffffffffffffffffffffffffffffffffffffff 0'), '(error) NOSCRIPT No matching script. Please use EVAL.');
    // A script that never ends is stopped by the instruction budget.
    assert.match(await reply(page, 'EVAL "while true do end" 0'), /^\(error\) ERR Script killed: it ran past the budget/);
    // Deep recursion stops with Lua's error, not a crashed page.
    assert.match(
      await reply(page, 'EVAL "return setmetatable({}, {__index = function(t, k) return t[k] end}).x" 0'),
      /^\(error\) ERR /,
    );
    assert.equal(await reply(page, 'EVAL "return redis.sha1hex(\'abc\')" 0'), '"a9993e364706816aba3e25717850c26c9cd0d89d"');
    assert.equal(await reply(page, 'DBSIZE'), '(integer) 1');
  });
});

test('a multi-line paste runs each line; Ctrl-L clears', T, async () => {
  await browser.withPage('paste', {}, async (page) => {
    const input = page.locator('input.cmd');
    await input.click();
    // A paste event with line breaks, as the clipboard would deliver it.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text', 'SET p1 a\nSET p2 b\nGET p');
      const el = document.querySelector('input.cmd');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelectorAll('.output pre.line').length >= 4);
    const texts = (await lines(page)).map((l) => l.text);
    assert.deepEqual(texts, [`${prompt(0)} SET p1 a`, 'OK', `${prompt(0)} SET p2 b`, 'OK']);
    // What follows the last line break stays in the input, unsent.
    assert.equal(await input.inputValue(), 'GET p');
    await input.fill('');

    // HELP may wait for the command docs (fetched on demand): its text
    // comes after the loading note.
    await input.fill('HELP GET');
    await input.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.output pre.line.note')]
      .some((l) => l.textContent.includes('GET key') && l.textContent.includes('summary: Read the string')));

    await input.press('Control+l');
    await page.waitForFunction(() => document.querySelectorAll('.output pre.line').length === 0);
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cmd')));
  });
});

test('a paste of over 1 MB is refused and the page keeps working', T, async () => {
  await browser.withPage('bigpaste', {}, async (page) => {
    await page.locator('input.cmd').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text', `SET big ${'x'.repeat(1_100_000)}\nGET big\n`);
      const el = document.querySelector('input.cmd');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelectorAll('.output pre.line.error').length >= 1);
    const last = (await lines(page)).at(-1);
    assert.match(last.text, /over the 1048576 byte limit/);
    assert.equal(await reply(page, 'EXISTS big'), '(integer) 0', 'nothing of the refused paste ran');
  });
});

test('a giant line shows its start, and the rest when opened', T, async () => {
  await browser.withPage('giantline', {}, async (page) => {
    const value = 'x'.repeat(10_000);
    assert.equal(await reply(page, `SET big ${value}`), 'OK');
    // The whole reply is in the line; the screen lays out 4,000 bytes.
    assert.equal(await reply(page, 'GET big'), `"${value}"`);
    const more = page.locator('.output pre.line.reply details.more').last();
    assert.equal(await more.locator('summary').textContent(), '… 6002 more characters');
    assert.equal(await more.evaluate((d) => d.open), false);
    await more.locator('summary').click();
    assert.equal(await more.evaluate((d) => d.open), true);
    // The echoed input is cut the same way; short lines are not.
    assert.equal(await page.locator('.output pre.line.input details.more').count(), 1);
    assert.equal(await reply(page, 'STRLEN big'), '(integer) 10000');
    assert.equal(await page.locator('.output pre.line details.more').count(), 2);
  });
});

test('HELP and COMMAND DOCS fetch the command docs the first time', T, async () => {
  await browser.withPage('docs', {}, async (page) => {
    // Typed at once, before the docs are there: said, then answered.
    const input = page.locator('input.cmd');
    await input.fill('HELP SET');
    await input.press('Enter');
    await page.waitForFunction(() => document.querySelector('.output').textContent.includes('summary: Store a string'));
    const notes = await page.locator('.output pre.line.note').allTextContents();
    assert.equal(notes[0], '(loading the command docs: the command runs as soon as they are here)');
    assert.match(notes.at(-1), /SET key value \[NX\|XX\][\s\S]*summary: Store a string/);
    // From then on, at once.
    const docs = await run(page, 'COMMAND DOCS GET');
    assert.ok(docs.some((l) => l.text.includes('"Read the string stored at a key."')), JSON.stringify(docs));
  });
});

test('the keyspace panel lists keys and shows a value', T, async () => {
  await browser.withPage('keyspace', {}, async (page) => {
    await reply(page, 'SET k v');
    await reply(page, 'SET counter 10');
    await page.waitForFunction(() => document.querySelectorAll('.key-button').length === 2);
    assert.deepEqual((await listedKeys(page)).sort(), ['counter', 'k']);
    await page.locator('.key-button', { hasText: /^k$/ }).click();
    assert.equal(await picture(page), 'string k, 1 byte: "v"');
    await reply(page, 'DEL k');
    await page.waitForFunction(() => document.querySelectorAll('.key-button').length === 1);
  });
});

test('collections show in the keyspace panel and the inspector', T, async () => {
  await browser.withPage('collections', {}, async (page) => {
    assert.equal(await reply(page, 'RPUSH queue job1 job2'), '(integer) 2');
    assert.equal(await reply(page, 'HSET user:1 name alice'), '(integer) 1');
    assert.equal(await reply(page, 'SADD tags 3 1 2'), '(integer) 3');
    assert.equal(await reply(page, 'ZADD board 10 bob 20 amy'), '(integer) 2');
    const out = await run(page, 'ZRANGE board 0 -1 WITHSCORES');
    assert.equal(out[0].text, '1) "bob"\n2) "10"\n3) "amy"\n4) "20"');
    await page.waitForFunction(() => document.querySelectorAll('.key-button').length === 4);
    const row = (name) => page.locator('tr', { has: page.locator('.key-button', { hasText: new RegExp(`^${name}$`) }) });
    assert.match(await row('queue').textContent(), /list.*quicklist/);
    assert.match(await row('tags').textContent(), /set.*intset/);
    assert.match(await row('board').textContent(), /zset.*listpack/);
    await page.locator('.key-button', { hasText: /^queue$/ }).click();
    assert.equal(await picture(page), 'list queue, 2 elements: "job1", "job2"');
    await page.locator('.key-button', { hasText: /^user:1$/ }).click();
    assert.equal(await picture(page), 'hash user:1, 1 field: "name" = "alice"');
    await page.locator('.key-button', { hasText: /^tags$/ }).click();
    assert.equal(await picture(page), 'set tags, 3 members: "1", "2", "3"');
    await page.locator('.key-button', { hasText: /^board$/ }).click();
    assert.equal(await picture(page), 'sorted set board, 2 members: "bob" (10), "amy" (20)');
    // They survive a reload (saved as the commands that rebuild them).
    await page.reload();
    await page.locator('input.cmd').waitFor();
    assert.equal(await reply(page, 'ZSCORE board amy'), '"20"');
    assert.equal(await reply(page, 'LLEN queue'), '(integer) 2');
    await page.evaluate(() => localStorage.clear());
  });
});

test('100,000 keys: the panel pages through them and the console keeps answering', { timeout: 60_000 }, async () => {
  await browser.withPage('manykeys', {}, async (page) => {
    await page.locator('input.cmd').click();
    // 100 MSET lines of 1,000 keys each, pasted at once (under the 1 MiB limit).
    await page.evaluate(() => {
      const out = [];
      for (let l = 0; l < 100; l++) {
        const words = ['MSET'];
        for (let i = 0; i < 1000; i++) words.push(`k${String(l * 1000 + i).padStart(5, '0')}`, '1');
        out.push(words.join(' '));
      }
      const data = new DataTransfer();
      data.setData('text', out.join('\n') + '\n');
      document.querySelector('input.cmd').dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await page.waitForFunction(() => document.querySelectorAll('.output pre.line').length >= 200, null, { timeout: 30_000 });
    await page.locator('.side', { hasText: '100000 keys in db0' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.key-button').count(), 100, 'one page of keys is drawn, not all');
    assert.equal(await page.locator('.pager span').textContent(), 'page 1 of 1000');
    assert.equal(await page.locator('.key-button').first().textContent(), 'k00000');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('.pager span', { hasText: 'page 2 of 1000' }).waitFor();
    assert.equal(await page.locator('.key-button').first().textContent(), 'k00100');
    await page.getByLabel('Filter keys').fill('k9999');
    await page.locator('.side', { hasText: '10 keys in db0' }).waitFor();
    assert.equal(await reply(page, 'DBSIZE'), '(integer) 100000');
    assert.equal(await reply(page, 'GET k54321'), '"1"');
    await page.evaluate(() => localStorage.clear());
  });
});

test('keys, clients and history survive a reload', T, async () => {
  await browser.withPage('reload', {}, async (page) => {
    await reply(page, 'SET k v');
    await reply(page, 'INCR visits');
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    await reply(page, 'SELECT 3');
    await page.locator('.tab .tab-name').first().click();

    await page.reload();
    await page.locator('input.cmd').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    // Whichever tab is active after the reload, pick the first.
    await page.locator('.tab .tab-name').first().click();
    assert.equal(await page.locator('label.prompt').textContent(), prompt(0));
    await page.locator('.key-button', { hasText: /^k$/ }).waitFor({ timeout: 5_000 });
    assert.equal(await reply(page, 'GET k'), '"v"');
    const input = page.locator('input.cmd');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'GET k');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'INCR visits', 'history from before the reload');
    await input.fill('');

    await page.locator('.tab .tab-name').nth(1).click();
    assert.equal(await page.locator('label.prompt').textContent(), prompt(3), 'the second client is back in db 3');
  });
});

/** Resolves once localStorage says where the dataset is (`idb` or null). */
async function savedIn(page, where) {
  await page.waitForFunction((w) => localStorage.getItem('reddish:v1:where') === w, where, { timeout: 10_000 });
}

/** `read()`'s first non-null answer within 5 s (null if none). */
async function eventually(read) {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** The text IndexedDB holds under `key`, or null. */
async function idbText(page, key) {
  return page.evaluate((key) => new Promise((resolve, reject) => {
    const open = indexedDB.open('reddish', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('saves').objectStore('saves').get(key);
      get.onsuccess = () => { open.result.close(); resolve(get.result ?? null); };
      get.onerror = () => reject(get.error);
    };
  }), key);
}

test('a dataset too big for localStorage goes to IndexedDB and comes back', { timeout: 60_000 }, async () => {
  await browser.withPage('indexeddb', {}, async (page) => {
    // 10,000 elements of 200 bytes: about 2 MB of saved text.
    const value = 'v'.repeat(200);
    const input = page.locator('input.cmd');
    await input.fill(`10000 RPUSH big ${value}`);
    await input.press('Enter');
    await page.waitForFunction(() => document.querySelector('.output')?.textContent.includes('(integer) 10000'));
    // 10,000 replies fill the console; clear it so replies can be read.
    await input.press('Control+l');
    await savedIn(page, 'idb');
    assert.equal(await page.evaluate(() => localStorage.getItem('reddish:v1:data')), null,
      'the small copy is gone once IndexedDB has the big one');
    assert.match(await idbText(page, 'data'), /^SELECT 0\nRPUSH big /);

    await page.reload();
    await page.locator('input.cmd').waitFor();
    await page.locator('.key-button', { hasText: /^big$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.banner[role=status]').count(), 0, 'the loading banner has gone');
    assert.equal(await reply(page, 'LLEN big'), '(integer) 10000');

    // Small again: back in localStorage, IndexedDB's copy forgotten.
    assert.equal(await reply(page, 'DEL big'), '(integer) 1');
    assert.equal(await reply(page, 'SET small 1'), 'OK');
    await savedIn(page, null);
    await page.waitForFunction(() => (localStorage.getItem('reddish:v1:data') || '').includes('small'));
    await page.reload();
    await page.locator('.key-button', { hasText: /^small$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await reply(page, 'EXISTS big'), '(integer) 0');
  });
});

test('when localStorage refuses the data, IndexedDB keeps it', T, async () => {
  await browser.withPage('quota', {}, async (page) => {
    // A full localStorage, as the browser reports it.
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === 'reddish:v1:data') throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, k, v);
      };
    });
    await page.reload();
    await page.locator('input.cmd').waitFor();
    assert.equal(await reply(page, 'SET k v'), 'OK');
    await savedIn(page, 'idb');
    assert.equal(await page.locator('.banner[role=alert]').count(), 0, 'no "not saved" banner');
    await page.reload();
    await page.locator('.key-button', { hasText: /^k$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await reply(page, 'GET k'), '"v"');
  });
});

test('a big save that cannot be loaded is kept aside and offered', T, async () => {
  await browser.withPage('idb-broken', {}, async (page) => {
    await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('reddish', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('saves');
      open.onsuccess = () => {
        const tx = open.result.transaction('saves', 'readwrite');
        tx.objectStore('saves').put('FLUSHALL\n', 'data');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await page.evaluate(() => localStorage.setItem('reddish:v1:where', 'idb'));
    await page.reload();
    const banner = page.locator('.banner[role=alert]', { hasText: 'could not be loaded' });
    await banner.waitFor({ timeout: 10_000 });
    assert.match(await banner.textContent(), /line 1: unexpected command/);
    assert.equal(await banner.getByRole('button', { name: 'Download it' }).count(), 1);
    assert.equal(await eventually(() => idbText(page, 'broken')), 'FLUSHALL\n', 'kept under its own name');
    // The page works, and the next save does not lose the kept copy.
    assert.equal(await reply(page, 'SET fresh 1'), 'OK');
    await page.waitForTimeout(1_500);
    assert.equal(await idbText(page, 'broken'), 'FLUSHALL\n');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await banner.count(), 0);
  });
});

/** A browser of its own (empty storage), for what a link's receiver sees. */
async function freshBrowser() {
  const { chromium } = await import('playwright-core');
  const b = await chromium.launch({ executablePath: process.env.REDDISH_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const context = await b.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  return { context, close: () => b.close() };
}

/** Load `url` afresh (a change of `#...` alone would not restart the page). */
async function load(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
}

async function shareLink(page) {
  await page.getByRole('button', { name: 'Share' }).click();
  await page.locator('.notice', { hasText: 'The link to this state is in the address bar' }).waitFor({ timeout: 10_000 });
  const url = page.url();
  assert.match(url, /#state=[A-Za-z0-9_-]+$/);
  return url;
}

test('a share link opens the same state in another browser, and leaves its own data alone', { timeout: 60_000 }, async () => {
  let link;
  await browser.withPage('share', {}, async (page) => {
    assert.equal(await reply(page, 'SET k v PX 600000'), 'OK');
    assert.equal(await reply(page, 'RPUSH q a b'), '(integer) 2');
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    link = await shareLink(page);
    // A reload after Share is the sharer's own page, not a shared state.
    await page.reload();
    await page.locator('input.cmd').waitFor();
    await page.locator('.key-button', { hasText: /^q$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.banner', { hasText: 'shared state' }).count(), 0);
    assert.ok(!page.url().includes('#state='), page.url());
    assert.equal(await reply(page, 'SET after-reload 1'), 'OK');
    await page.waitForFunction(() => (localStorage.getItem('reddish:v1:data') || '').includes('after-reload'));
  });
  const other = await freshBrowser();
  try {
    const page = await other.context.newPage();
    // The receiver has data of their own.
    await load(page, link.split('#')[0]);
    await page.locator('input.cmd').waitFor();
    assert.equal(await reply(page, 'SET mine 1'), 'OK');
    await page.waitForFunction(() => (localStorage.getItem('reddish:v1:data') || '').includes('mine'));
    await load(page, link);
    const banner = page.locator('.banner', { hasText: 'You are looking at a shared state' });
    await banner.waitFor({ timeout: 10_000 });
    assert.deepEqual((await listedKeys(page)).sort(), ['k', 'q']);
    assert.equal(await page.locator('.tab').count(), 2);
    assert.equal(await reply(page, 'LRANGE q 0 -1'), '1) "a"\n2) "b"');
    const ttl = Number((await reply(page, 'TTL k')).replace('(integer) ', ''));
    assert.ok(ttl > 500 && ttl <= 600, `the TTL came with the link: ${ttl}`);
    // Nothing of the shared state was saved over theirs.
    assert.match(await page.evaluate(() => localStorage.getItem('reddish:v1:data')), /mine/);
    await banner.getByRole('button', { name: 'Back to my data' }).click();
    await page.locator('.key-button', { hasText: /^mine$/ }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await listedKeys(page), ['mine']);
    assert.ok(!page.url().includes('#state='));
    // Kept: it becomes their data.
    await load(page, link);
    await banner.waitFor({ timeout: 10_000 });
    await banner.getByRole('button', { name: 'Keep this as my data' }).click();
    await page.waitForFunction(() => !(localStorage.getItem('reddish:v1:data') || '').includes('mine'));
    await load(page, link.split('#')[0]);
    await page.locator('.key-button', { hasText: /^q$/ }).waitFor({ timeout: 10_000 });
    assert.deepEqual((await listedKeys(page)).sort(), ['k', 'q']);
  } finally {
    await other.close();
  }
});

test('a damaged link opens nothing and says why; a state too big for a link is a file that Open takes back', { timeout: 60_000 }, async () => {
  await browser.withPage('share-bad', {}, async (page) => {
    assert.equal(await reply(page, 'SET mine 1'), 'OK');
    const base = page.url().split('#')[0];
    for (const [code, why] of [['AAAA', 'damaged or cut short'], ['***', 'not a complete link']]) {
      await load(page, `${base}#state=${code}`);
      const banner = page.locator('.banner', { hasText: 'This link could not be opened' });
      await banner.waitFor({ timeout: 10_000 });
      assert.match(await banner.textContent(), new RegExp(why));
      assert.match(await banner.textContent(), /your own data is as it was/);
      assert.deepEqual(await listedKeys(page), ['mine']);
    }
    // Random bytes do not compress: a 60,000-character value makes a link
    // over the limit, offered as a file instead.
    await load(page, base);
    await page.locator('input.cmd').waitFor();
    const noise = await page.evaluate(() => {
      const b = new Uint8Array(45_000);
      crypto.getRandomValues(b);
      return btoa(String.fromCharCode(...b));
    });
    assert.equal(await reply(page, `SET noise ${noise}`), 'OK');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Share' }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'reddish-state.txt');
    await page.locator('.notice', { hasText: 'too long to share' }).waitFor();
    assert.ok(!page.url().includes('#state='));
    // Open takes the file back, as a link would: shown, not saved until kept.
    await reply(page, 'DEL noise');
    await page.locator('input[type=file]').setInputFiles(await download.path());
    await page.locator('.banner', { hasText: 'You are looking at a shared state' }).waitFor({ timeout: 10_000 });
    assert.deepEqual((await listedKeys(page)).sort(), ['mine', 'noise']);
    assert.equal(await reply(page, 'STRLEN noise'), `(integer) ${noise.length}`);
  });
});

test('a key with a TTL disappears with nobody typing', T, async () => {
  await browser.withPage('ttl', {}, async (page) => {
    assert.equal(await reply(page, 'SET t v PX 1500'), 'OK');
    const key = page.locator('.key-button', { hasText: /^t$/ });
    await key.waitFor();
    const started = Date.now();
    // The TTL column counts down.
    const ttlCell = page.locator('tr', { has: key }).locator('td.ttl');
    const ttl = await ttlCell.textContent();
    assert.match(ttl, /^[0-9.]+s$/);
    // It counts down with nobody typing (the clock's timer must not read a
    // stale copy of the state).
    await page.waitForTimeout(600);
    const later = await ttlCell.textContent().catch(() => '0s');
    assert.ok(parseFloat(later) < parseFloat(ttl), `TTL ${ttl} then ${later}: not counting down`);
    await page.waitForTimeout(2_500);
    assert.equal(await key.count(), 0, `key t still listed ${Date.now() - started} ms after SET ... PX 1500`);
    assert.equal(await reply(page, 'EXISTS t'), '(integer) 0');
  });
});

test('HTML in keys and values is shown as text', T, async () => {
  await browser.withPage('html', {}, async (page) => {
    assert.equal(await reply(page, 'SET x "<b>hi</b>"'), 'OK');
    assert.equal(await reply(page, 'GET x'), '"<b>hi</b>"');
    assert.equal(await reply(page, 'SET "<i>k</i>" "<img src=x onerror=alert(1)>"'), 'OK');
    await page.locator('.key-button', { hasText: '<i>k</i>' }).click();
    assert.equal(await page.locator('.string-picture .text').textContent(), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('.output b, .output i, .output img, .side b, .side i, .side img').count(), 0);
  });
});

test('corrupt saved data shows an alert and the page still works', T, async () => {
  await browser.withPage('corrupt', {}, async (page) => {
    await page.evaluate(() => localStorage.setItem('reddish:v1:data', 'SET "broken'));
    await page.reload();
    await page.locator('input.cmd').waitFor();
    const banner = page.locator('.banner[role="alert"]');
    await banner.waitFor();
    assert.match(await banner.textContent(), /could not be loaded/);
    assert.equal(await reply(page, 'SET a 1'), 'OK');
    assert.equal(await reply(page, 'GET a'), '"1"');
    // What failed to load is kept aside, not overwritten by the next save.
    assert.equal(await page.evaluate(() => localStorage.getItem('reddish:v1:broken')), 'SET "broken');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await banner.count(), 0);
    await page.evaluate(() => localStorage.clear());
  });
});

test('at 360 px wide the console is visible and usable', T, async () => {
  const viewport = { width: 360, height: 740 };
  await browser.withPage('narrow', { viewport }, async (page) => {
    const input = page.locator('input.cmd');
    assert.ok(await input.isVisible());
    const box = await input.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width + 0.5, `input box ${JSON.stringify(box)}`);
    assert.ok(box.y + box.height <= viewport.height, `input below the fold: ${JSON.stringify(box)}`);
    assert.ok(box.width >= 100, `input too narrow to type in: ${box.width}px`);
    assert.equal(await reply(page, 'SET w 1'), 'OK');
    assert.equal(await reply(page, 'INCR w'), '(integer) 2');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= viewport.width, `the page scrolls sideways: ${scrollWidth}px wide`);
  });
});

// docs/screenshot.png (shown in the README) is written only when it is
// missing or REDDISH_SCREENSHOT=1, so test runs do not churn the repo.
test('a hint shown before the command docs arrive leaves HELP @group whole once they do', T, async () => {
  await browser.withPage('help after an early hint', {}, async (page) => {
    // The first keystrokes come before the docs (fetched a few seconds
    // after the page starts): the hint is made from the table alone.
    await page.locator('input.cmd').type('GET');
    await page.locator('.hint', { hasText: 'key' }).first().waitFor({ timeout: 5_000 });
    await page.locator('input.cmd').fill('');
    await page.locator('input.cmd').fill('help @string');
    await page.locator('input.cmd').press('Enter');
    // HELP waits for the docs, then prints the group's commands.
    await page.locator('.output pre.line', { hasText: 'summary:' }).first().waitFor({ timeout: 15_000 });
    const text = (await lines(page)).map((l) => l.text).join('\n');
    assert.match(text, /\n {2}GET key\n {2}summary: /, text);
    assert.match(text, /since: 1\.0\.0/, text);
  });
});

test('screenshot for the README', T, async (t) => {
  const file = path.join(ROOT, 'docs', 'screenshot.png');
  if (process.env.REDDISH_SCREENSHOT !== '1' && existsSync(file)) {
    t.skip('docs/screenshot.png exists (REDDISH_SCREENSHOT=1 rewrites it)');
    return;
  }
  await browser.withPage('screenshot', { viewport: { width: 1280, height: 720 } }, async (page) => {
    for (const cmd of [
      'SET greeting "Hello, Redis"',
      'GET greeting',
      'INCR visits',
      'INCR visits',
      'SET session:42 alice EX 3600',
      'TTL session:42',
      'MGET greeting visits nope',
    ]) {
      await run(page, cmd);
    }
    await page.locator('input.cmd').fill('SET ');
    await page.locator('.key-button', { hasText: /^greeting$/ }).click();
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
  });
});

test('no uncaught errors on any page', () => {
  assert.deepEqual(browser.pageErrors, []);
  if (browser.consoleErrors.length) {
    console.log(`console errors (not failures):\n  ${browser.consoleErrors.join('\n  ')}`);
  }
});
