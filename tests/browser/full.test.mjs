// The page's full build (src/web/handover.rs): each first load leaves
// out the rest of the engine (bitmaps, ...) and a tab moves to the build
// that has it when a line there needs one. What a learner typed before,
// their data, settings and clients come along; the line that waited runs
// once there. Run by `cargo xtask test`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Browser, BASE_URL, lines, narration, pictureIs, reply, run, waitForConsole, prompt } from './harness.mjs';

const browser = new Browser();
const T = { timeout: 90_000 };

before(async () => {
  await browser.launch();
});

after(async () => {
  await browser.close();
});

/** Which build this tab runs: the wasm files it fetched since it loaded. */
const fullBuild = (page) =>
  page.evaluate(() =>
    performance.getEntriesByType('resource').some((e) => e.name.includes('reddish-full_bg.wasm')),
  );

/** Waits until this tab runs the full build (a first load may render
 *  before it moves). */
async function inFullBuild(page) {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    try {
      if (await fullBuild(page)) return;
    } catch {
      // The page is reloading into the full build: ask the new one.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the tab never moved to the full build');
}

/** Types `text` in `frame`'s console and waits for the reload it causes. */
async function typeAndReload(page, frame, text) {
  await frame.locator('input.cmd').fill(text);
  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), frame.locator('input.cmd').press('Enter')]);
}

/** Waits until a console line is `want`. */
async function seeLine(page, want, frame = page) {
  await frame
    .locator('.output pre.line', { hasText: want })
    .first()
    .waitFor({ timeout: 20_000 });
}

test('the playground moves to the full build for SETBIT, with its data, settings, clients and lines', T, async () => {
  await browser.withPage('full build', {}, async (page) => {
    assert.equal(await fullBuild(page), false, 'a first load is the small build');
    assert.equal(await reply(page, 'SET greeting hello'), 'OK');
    assert.equal(await reply(page, 'CONFIG SET notify-keyspace-events KEA'), 'OK');
    await typeAndReload(page, page, 'SETBIT flags 7 1');
    await waitForConsole(page);
    await seeLine(page, 'the rest of the engine is loaded');
    await seeLine(page, `${prompt()} SETBIT flags 7 1`);
    assert.equal(await fullBuild(page), true);
    const texts = (await lines(page)).map((l) => l.text);
    assert.ok(texts.includes(`${prompt()} SET greeting hello`), `the console came along: ${JSON.stringify(texts)}`);
    const at = texts.indexOf(`${prompt()} SETBIT flags 7 1`);
    assert.equal(texts[at + 1], '(integer) 0', 'the line that waited ran once there');
    assert.equal(await reply(page, 'GETBIT flags 7'), '(integer) 1');
    assert.equal(await reply(page, 'GET greeting'), '"hello"');
    const out = (await reply(page, 'CONFIG GET notify-keyspace-events')).split('\n');
    assert.deepEqual(out, ['1) "notify-keyspace-events"', '2) "AKE"'], 'the setting came along');
    // Its pictures: the bits a command wrote and read, a HyperLogLog's
    // registers; each described in words, as the narration says it.
    assert.equal(await reply(page, 'SETBIT flags 12 1'), '(integer) 0');
    assert.equal(
      await pictureIs(page, 'bitmap flags, 16 bits (2 set): bit 12 written'),
      'bitmap flags, 16 bits (2 set): bit 12 written',
    );
    assert.equal(await narration(page), 'SETBIT wrote bit 12 of flags');
    assert.equal(await reply(page, 'BITCOUNT flags 1 1'), '(integer) 1');
    assert.equal(
      await pictureIs(page, 'bitmap flags, 16 bits (2 set): bits 8 to 15 read'),
      'bitmap flags, 16 bits (2 set): bits 8 to 15 read',
    );
    await page.locator('.bitmap .bit.one.read').first().waitFor();
    assert.equal(await reply(page, 'PFADD visits a b c'), '(integer) 1');
    const sparse = 'HyperLogLog visits, sparse (27 bytes): 3 of 16384 registers set, estimate 3 ± 0.81%, cached count stale';
    assert.equal(await pictureIs(page, sparse), sparse);
    assert.match(await narration(page), /^PFADD raised 3 registers of visits \(\d+ to \d, \d+ to \d, \d+ to \d\)$/);
    assert.equal(await reply(page, 'PFCOUNT visits'), '(integer) 3');
    const cached = 'HyperLogLog visits, sparse (27 bytes): 3 of 16384 registers set, estimate 3 ± 0.81%, cached count 3';
    assert.equal(await pictureIs(page, cached), cached);
    assert.equal(
      await narration(page),
      'PFCOUNT worked out the count of visits from its registers and cached it in its header',
    );
    // The tab stays on the full build across reloads.
    await page.reload();
    await waitForConsole(page);
    assert.equal(await fullBuild(page), true);
    assert.equal(await reply(page, 'BITCOUNT flags'), '(integer) 2');
  });
});

test('an embedded console seeded with bitmaps starts in the full build', T, async () => {
  await browser.withAt('?embed=1&seed=SETBIT%20b%203%201&run=BITCOUNT%20b', {}, async (page) => {
    await page.getByRole('button', { name: 'Run BITCOUNT b' }).click({ timeout: 20_000 });
    await seeLine(page, '(integer) 1');
    assert.equal(await fullBuild(page), true);
  });
});

test('an embedded console moves when the reader types SETBIT, replaying what they ran', T, async () => {
  await browser.withAt('?embed=1&seed=SET%20n%2010', {}, async (page) => {
    await waitForConsole(page);
    assert.equal(await reply(page, 'INCR n'), '(integer) 11');
    await typeAndReload(page, page, 'SETBIT bits 0 1');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} SETBIT bits 0 1`);
    assert.equal(await fullBuild(page), true);
    // INCR ran once more, quietly, on the seeded data: 11, not 12.
    assert.equal(await reply(page, 'GET n'), '"11"');
    assert.equal(await reply(page, 'GETBIT bits 0'), '(integer) 1');
  });
});

test('a tutorial on bitmaps opens in the full build, and its Run buttons work', T, async () => {
  await browser.withAt('?tutorial=bitmaps', {}, async (page) => {
    await inFullBuild(page);
    await page.locator('.lesson h2').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.lesson h2').textContent(), 'Step 1 of 7: One bit per user');
    await page.getByRole('button', { name: /^Run/ }).first().click();
    await page.locator('.checks li.pass').nth(2).waitFor({ timeout: 10_000 });
  });
});

test('a tutorial moves when the learner types SETBIT, their work replayed', T, async () => {
  await browser.withAt('?tutorial=first-keys', {}, async (page) => {
    await page.locator('.lesson h2').waitFor({ timeout: 30_000 });
    await waitForConsole(page);
    assert.equal(await reply(page, 'SET mine 42'), 'OK');
    await typeAndReload(page, page, 'SETBIT b 1 1');
    await page.locator('.lesson h2').waitFor({ timeout: 30_000 });
    await seeLine(page, `${prompt()} SETBIT b 1 1`);
    assert.equal(await fullBuild(page), true);
    assert.equal(await reply(page, 'GET mine'), '"42"');
    assert.equal(await reply(page, 'GETBIT b 1'), '(integer) 1');
  });
});

test('an exercise pack moves mid-pack: the exercise in the address, its lines replayed', T, async () => {
  await browser.withAt('?pack=packs/queues-and-sets.md', {}, async (page) => {
    await waitForConsole(page);
    await page.getByRole('button', { name: /Next/ }).first().click();
    await waitForConsole(page);
    assert.equal(await reply(page, 'SADD mine a b'), '(integer) 2');
    await typeAndReload(page, page, 'SETBIT b 1 1');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} SETBIT b 1 1`);
    assert.equal(await fullBuild(page), true);
    assert.match(page.url(), /[?&]exercise=2(&|$)/);
    assert.equal(await reply(page, 'SCARD mine'), '(integer) 2');
    assert.equal(await reply(page, 'GETBIT b 1'), '(integer) 1');
  });
});

test('a subcommand of the rest of the engine moves the tab too (COMMAND GETKEYS), COMMAND COUNT does not', T, async () => {
  await browser.withPage('full build subcommand', {}, async (page) => {
    assert.match(await reply(page, 'COMMAND COUNT'), /^\(integer\) \d+$/);
    assert.equal(await fullBuild(page), false);
    await typeAndReload(page, page, 'COMMAND GETKEYS SORT k STORE dst');
    await waitForConsole(page);
    await seeLine(page, '1) "k"\n2) "dst"');
    assert.equal(await fullBuild(page), true);
  });
});

test('a geo key is drawn as a map in the full build: the places marked, the circle of a search and what it found', T, async () => {
  await browser.withPage('geo map', {}, async (page) => {
    await typeAndReload(page, page, 'GEOADD shops 13.3777 52.5163 bakery 13.4050 52.5200 cafe');
    await waitForConsole(page);
    await seeLine(page, '(integer) 2');
    const placed = 'map of shops, 2 places: marked "bakery", "cafe"';
    assert.equal(await pictureIs(page, placed), placed);
    assert.equal(await reply(page, 'GEOSEARCH shops FROMLONLAT 13.40 52.52 BYRADIUS 1 km ASC'), '1) "cafe"');
    const searched = 'map of shops, 2 places: searched within 1 km of 13.40000,52.52000 and found "cafe"';
    assert.equal(await pictureIs(page, searched), searched);
    assert.equal(await narration(page), 'GEOSEARCH looked within 1 km on shops and found "cafe"');
    assert.equal(await page.locator('.geo-map .place.found').count(), 1);
    assert.equal(await page.locator('.geo-map ellipse.area').count(), 1);
  });
});

test('a stream is drawn with its groups, and saved data holding one opens in the full build in a new tab', T, async () => {
  await browser.withPage('streams', {}, async (page) => {
    await typeAndReload(page, page, 'XADD jobs 1-0 task resize');
    await waitForConsole(page);
    await seeLine(page, '"1-0"');
    const added = 'stream jobs, 1 entry, last id 1-0; added 1-0';
    assert.equal(await pictureIs(page, added), added);
    assert.equal(await narration(page), 'XADD added entry 1-0 in jobs; it holds 1 entry now');
    assert.equal(await reply(page, 'XADD jobs 2-0 task crop'), '"2-0"');
    assert.equal(await reply(page, 'XGROUP CREATE jobs workers 0'), 'OK');
    assert.equal(
      await reply(page, 'XREADGROUP GROUP workers alice COUNT 1 STREAMS jobs >'),
      ['1) 1) "jobs"', '   2) 1) 1) "1-0"', '         2) 1) "task"', '            2) "resize"'].join('\n'),
    );
    const delivered =
      'stream jobs, 2 entries, last id 2-0; group "workers" delivered 1-0 to "alice"; ' +
      'group "workers": last delivered 1-0, 1 consumer, 1 pending (alice 1), lag 1';
    assert.equal(await pictureIs(page, delivered), delivered);
    assert.equal(await page.locator('.stream-entries .entry.delivered').count(), 1);
    assert.equal(await page.locator('.stream-entries .pending-tag').count(), 1);
    // A new tab of the same site: a first load, whose saved data holds a
    // stream, so it moves to the full build before loading it.
    await page.reload();
    await waitForConsole(page);
    const other = await browser.newPage();
    try {
      await other.goto(BASE_URL);
      await inFullBuild(other);
      await waitForConsole(other);
      assert.equal(await reply(other, 'XLEN jobs'), '(integer) 2');
      assert.equal(
        await reply(other, 'XPENDING jobs workers'),
        ['1) (integer) 1', '2) "1-0"', '3) "1-0"', '4) 1) 1) "alice"', '      2) "1"'].join('\n'),
        'the group and who holds what came along',
      );
      // Leave no stream in the profile's saved data: every later first
      // load would move to the full build.
      assert.equal(await reply(other, 'FLUSHALL'), 'OK');
    } finally {
      await other.close();
    }
    assert.equal(await reply(page, 'FLUSHALL'), 'OK');
  });
});

test('the streams tutorial opens in the full build, and its pending checks say who holds what', T, async () => {
  await browser.withAt('?tutorial=streams&step=6', {}, async (page) => {
    await inFullBuild(page);
    await page.locator('.lesson h2').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.lesson h2').textContent(), 'Step 6 of 10: Two workers share the jobs');
    await waitForConsole(page);
    await run(page, 'XREADGROUP GROUP workers alice COUNT 3 STREAMS tasks >');
    await page
      .locator('.checks li', {
        hasText: 'consumer "alice" of group "workers" holds 3 pending entries; this step wants 2',
      })
      .waitFor({ timeout: 10_000 });
    await page.locator('.checks li', { hasText: 'group "workers" has no consumer "bob"' }).waitFor();
  });
});

test('MONITOR in one tab shows what another tab runs, after the tab moved to the full build', T, async () => {
  await browser.withPage('monitor', {}, async (page) => {
    await typeAndReload(page, page, 'MONITOR');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} MONITOR`);
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    assert.equal(await reply(page, 'SET greeting "hello world"'), 'OK');
    await page.locator('.tab .tab-name').first().click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('.output pre.line')].some((l) => l.textContent.includes('"greeting"')),
      null,
      { timeout: 5_000 },
    );
    assert.match(
      (await lines(page)).at(-1).text,
      /^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "greeting" "hello world"$/,
    );
    // A monitoring client may not touch the keyspace, as in Redis.
    assert.equal(await reply(page, 'GET greeting'), "(error) ERR Replica can't interact with the keyspace");
    // The clients picture says which client watches everything.
    const card = page.locator('.client-card', { hasText: 'client 1' });
    assert.match(await card.getAttribute('aria-label'), /: in MONITOR: shown every command the server runs/);
  });
});

test('client-side caching: a tab that tracks what it read is told when another tab changes it', T, async () => {
  await browser.withPage('tracking', {}, async (page) => {
    await typeAndReload(page, page, 'CLIENT TRACKING ON');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} CLIENT TRACKING ON`);
    assert.equal((await reply(page, 'HELLO 3')).split('\n')[0], '1# "server" => "redis"');
    assert.equal(await reply(page, 'GET price'), '(nil)');
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    assert.equal(await reply(page, 'SET price 4'), 'OK');
    await page.locator('.tab .tab-name').first().click();
    await seeLine(page, "-> invalidate: 'price'");
    // Told once: the key is forgotten until it is read again.
    await page.locator('.tab .tab-name').nth(1).click();
    assert.equal(await reply(page, 'SET price 5'), 'OK');
    await page.locator('.tab .tab-name').first().click();
    const told = (await lines(page)).filter((l) => l.text === "-> invalidate: 'price'");
    assert.equal(told.length, 1);
    const card = page.locator('.client-card', { hasText: 'client 1' });
    assert.match(await card.getAttribute('aria-label'), /: tracking what it reads \(client-side caching\)/);
  });
});

test('ACL: a second tab logs in as a read-only user, is refused a write, and the clients picture says who it is', T, async () => {
  await browser.withPage('acl', {}, async (page) => {
    assert.equal(await reply(page, 'SET greeting hello'), 'OK');
    await typeAndReload(page, page, 'ACL SETUSER reader on >pw ~* +@read');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} ACL SETUSER reader on >pw ~* +@read`);
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    assert.equal(await reply(page, 'AUTH reader wrong'), '(error) WRONGPASS invalid username-password pair or user is disabled.');
    assert.equal(await reply(page, 'AUTH reader pw'), 'OK');
    assert.equal(await reply(page, 'GET greeting'), '"hello"');
    assert.equal(
      await reply(page, 'SET greeting hi'),
      "(error) NOPERM this user has no permissions to run the 'set' command",
    );
    const card = page.locator('.client-card', { hasText: 'client 2' });
    assert.match(await card.getAttribute('aria-label'), /: authenticated as the ACL user reader/);
    // The first tab is still the default user, and the log has both refusals.
    await page.locator('.tab .tab-name').first().click();
    assert.equal(await reply(page, 'GET greeting'), '"hello"');
    const log = (await run(page, 'ACL LOG')).map((l) => l.text).join('\n');
    assert.match(log, /"command"/);
    assert.match(log, /"auth"/);
  });
});

/** Runs `use(run, dir)` against a redis-server 7.0 of its own (a free
 *  port, no saving) started in a fresh directory that `prepare(dir)` may
 *  fill first; `run(args)` is one redis-cli call, its trimmed reply. */
function withRedisServer(prepare, use) {
  const dir = mkdtempSync(join(tmpdir(), 'reddish-rdb-'));
  prepare(dir);
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const run = (args) => execFileSync('redis-cli', ['-p', port, ...args]).toString().trim();
  execFileSync('redis-server', ['--port', port, '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'yes', '--logfile', join(dir, 'log')]);
  try {
    for (let i = 0; i < 50; i++) {
      try {
        if (run(['PING']) === 'PONG') break;
      } catch {
        // Not up yet.
      }
      execFileSync('sleep', ['0.1']);
    }
    return use(run, dir);
  } finally {
    try {
      run(['SHUTDOWN', 'NOSAVE']);
    } catch {
      // Gone already.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What redis-server 7.0 finds in `file`: it starts on the file and
 *  answers `commands`, one reply each. */
const redisLoads = (file, commands) =>
  withRedisServer(
    (dir) => copyFileSync(file, join(dir, 'dump.rdb')),
    (run) => commands.map(run),
  );

test('the full build offers the data as a dump.rdb that redis-server 7.0 loads', T, async () => {
  await browser.withPage('dump.rdb', {}, async (page) => {
    assert.equal(await page.getByRole('button', { name: 'dump.rdb', exact: true }).count(), 0, 'a first load has no RDB writer');
    assert.equal(await reply(page, 'SET greeting hello'), 'OK');
    assert.equal(await reply(page, 'RPUSH jobs a b c'), '(integer) 3');
    await typeAndReload(page, page, 'SETBIT seen 7 1');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} SETBIT seen 7 1`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'dump.rdb', exact: true }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'dump.rdb');
    const file = await download.path();
    assert.equal(readFileSync(file).subarray(0, 9).toString(), 'REDIS0010');
    assert.deepEqual(redisLoads(file, [['GET', 'greeting'], ['LRANGE', 'jobs', '0', '-1'], ['GETBIT', 'seen', '7']]), [
      'hello',
      'a\nb\nc',
      '1',
    ]);
  });
});

test('DEBUG in the playground: OBJECT shows how a list is held, SLEEP keeps another tab waiting', T, async () => {
  await browser.withPage('debug', {}, async (page) => {
    assert.equal(await reply(page, 'RPUSH jobs a b c'), '(integer) 3');
    await typeAndReload(page, page, 'DEBUG OBJECT jobs');
    await waitForConsole(page);
    await seeLine(page, 'encoding:quicklist');
    assert.match(
      (await lines(page)).at(-1).text,
      /^Value at:0x[0-9a-f]+ refcount:1 encoding:quicklist serializedlength:\d+ lru:\d+ lru_seconds_idle:\d+ ql_nodes:1 ql_avg_node:3\.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:\d+$/,
    );
    assert.match(await reply(page, 'DEBUG DIGEST'), /^[0-9a-f]{40}$/);
    // The server sleeps: another client's command waits, then runs.
    assert.equal(await reply(page, 'DEBUG SLEEP 1.5'), 'OK');
    await page.getByRole('button', { name: 'Open another client' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tab').length === 2);
    await page.locator('input.cmd').fill('LLEN jobs');
    await page.locator('input.cmd').press('Enter');
    await page.getByText('Waiting: LLEN until the server wakes from DEBUG SLEEP').waitFor({ timeout: 5_000 });
    const card = page.locator('.client-card', { hasText: 'client 2' });
    assert.match(await card.getAttribute('aria-label'), /: LLEN held back until the server wakes from DEBUG SLEEP/);
    await seeLine(page, '(integer) 3');
  });
});

test('the time bar crashes the server and cuts its power; the AOF picture shows what a power cut loses', T, async () => {
  await browser.withPage('crash', {}, async (page) => {
    assert.equal(await page.locator('.durability').count(), 0, 'no disk yet, nothing to crash against');
    assert.equal(await reply(page, 'SET cart:1 book'), 'OK');
    await typeAndReload(page, page, 'SAVE');
    await waitForConsole(page);
    await seeLine(page, `${prompt()} SAVE`);
    const atRisk = page.locator('.at-risk');
    await atRisk.getByText('A crash now loses nothing: no change since the last save').waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    assert.equal(await reply(page, 'SET cart:2 lamp'), 'OK');
    assert.match(await atRisk.textContent(), /^A crash now loses 1 change made since the last save \(/);
    // A crash of the process: what the snapshot held comes back, no more.
    await page.getByRole('button', { name: 'Crash' }).click();
    await seeLine(page, '(the server closed this connection; this tab is connected again as a new client)');
    assert.match(
      await narration(page),
      /^The server process crashed \(as kill -9 does\) and started again from dump\.rdb: 1 key\. Lost: the 1 change made since the last save or start \(.* UTC\)\. Every client was disconnected\.$/,
    );
    assert.equal(await reply(page, 'EXISTS cart:1 cart:2'), '(integer) 1');
    // The AOF: its picture lists the writes, under a line once not flushed.
    assert.equal(await reply(page, 'CONFIG SET appendonly yes'), 'OK');
    assert.equal(await reply(page, 'SET cart:2 lamp'), 'OK');
    const aof = page.getByRole('region', { name: 'The append-only file' });
    await aof.locator('li.unflushed', { hasText: 'SET cart:2 lamp' }).waitFor({ timeout: 5_000 });
    assert.match(await aof.textContent(), /1 write below the line is not yet flushed to the disk \(appendfsync everysec\)/);
    assert.equal(
      await atRisk.textContent(),
      'A crash now loses nothing; a power cut loses 1 write not yet flushed (appendfsync everysec)',
    );
    await page.getByRole('button', { name: 'Forward 1 second' }).click();
    await aof.locator('li.on-disk', { hasText: 'SET cart:2 lamp' }).waitFor({ timeout: 5_000 });
    assert.equal(await reply(page, 'SET cart:3 pen'), 'OK');
    await page.getByRole('button', { name: 'Power cut' }).click();
    await page.getByText('The power went out').waitFor({ timeout: 5_000 });
    assert.equal(
      await narration(page),
      'The power went out; the server started again from the AOF: 2 keys. Lost: 1 write written to the AOF but not yet flushed to the disk (appendfsync everysec flushes once a second). Every client was disconnected.',
    );
    assert.equal(await reply(page, 'EXISTS cart:3'), '(integer) 0');
    assert.equal(await reply(page, 'GET cart:2'), '"lamp"');
  });
});

/** A dump.rdb that redis-server 7.0 writes after `commands`: its bytes. */
const redisWrites = (commands) =>
  withRedisServer(
    () => {},
    (run, dir) => {
      for (const c of [...commands, ['SAVE']]) run(c);
      return readFileSync(join(dir, 'dump.rdb'));
    },
  );

test('a dump.rdb that redis-server 7.0 wrote opens in the full build; a damaged one changes nothing', T, async () => {
  const file = redisWrites([
    ['RPUSH', 'jobs', 'a', 'b', 'c'],
    ['HSET', 'user:1', 'name', 'Ada'],
    ['XADD', 'events', '1-0', 'kind', 'login'],
  ]);
  await browser.withPage('open rdb', {}, async (page) => {
    assert.equal(await page.locator('input[type=file][accept^=".rdb"]').count(), 0, 'a first load has no RDB reader');
    assert.equal(await reply(page, 'SET mine 1'), 'OK');
    assert.equal(await reply(page, 'SET seen 1'), 'OK');
    // The first load's button moves the tab to the full build.
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      page.getByRole('button', { name: 'dump.rdb…' }).click(),
    ]);
    await waitForConsole(page);
    await seeLine(page, "(loading the page's full build, which reads and writes dump.rdb files");
    await inFullBuild(page);
    const input = page.locator('input[type=file][accept^=".rdb"]');
    const damaged = Buffer.from(file);
    damaged[damaged.length - 12] ^= 0xff;
    await input.setInputFiles({ name: 'dump.rdb', mimeType: 'application/octet-stream', buffer: damaged });
    const notice = page.getByRole('alert').filter({ hasText: 'nothing was changed' });
    await notice.waitFor({ timeout: 5_000 });
    assert.match(await notice.textContent(), /^That file is not a dump\.rdb this server can load \(.+\); nothing was changed\./);
    assert.equal(await reply(page, 'EXISTS mine seen'), '(integer) 2');
    await input.setInputFiles({ name: 'dump.rdb', mimeType: 'application/octet-stream', buffer: file });
    await seeLine(page, ': 3 keys)');
    assert.equal(await narration(page), 'The data is now what the dump.rdb you opened holds: 3 keys');
    assert.equal(await reply(page, 'EXISTS mine seen'), '(integer) 0');
    assert.equal(await reply(page, 'HGET user:1 name'), '"Ada"');
    assert.equal(await reply(page, 'LLEN jobs'), '(integer) 3');
    assert.equal(await reply(page, 'XLEN events'), '(integer) 1');
    // One undo step puts the page's own data back.
    await page.getByRole('button', { name: /^Undo open dump\.rdb/ }).click();
    assert.equal(await reply(page, 'EXISTS mine seen jobs'), '(integer) 2');
  });
});

test('the persistence tutorial: a power cut from the time bar loses the write the last second had not flushed', T, async () => {
  await browser.withAt('?tutorial=persistence&step=5', {}, async (page) => {
    // Steps 1 to 4 need the full build: the tab moves there, then the step shows.
    await page.getByRole('heading', { name: 'Step 5 of 7: Pull the plug' }).waitFor({ timeout: 60_000 });
    await waitForConsole(page);
    await inFullBuild(page);
    const atRisk = page.locator('.at-risk');
    assert.equal(await reply(page, 'SET cart:5 mug'), 'OK');
    await atRisk.getByText('a power cut loses 1 write not yet flushed (appendfsync everysec)').waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Forward 1 second' }).click();
    await atRisk.getByText('A crash or a power cut now loses nothing').waitFor({ timeout: 5_000 });
    assert.equal(await reply(page, 'SET cart:6 cap'), 'OK');
    await page.getByRole('button', { name: 'Power cut' }).click();
    await page.locator('.success').waitFor({ timeout: 10_000 });
    assert.match(await narration(page), /^The power went out; the server started again from the AOF: \d+ keys\. Lost: 1 write written to the AOF/);
  });
});
