// Trunk post_build hook (Trunk.toml): minify the wasm-bindgen JS glue of a
// release build and the tutorial page's stylesheet, then give the service
// worker the list of built files. Trunk's own minifier cannot parse the glue's
// `export { initSync, __wbg_init as default }` and leaves it as written,
// 8 KB gzipped of the 350 KB first-load budget; terser takes about 2 KB
// off. The HTML names the glue with an integrity hash, which is brought
// in line with the minified file.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// terser is installed with the browser tests' tools (xtask runs `npm ci`).
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'package.json'));
const { minify } = require('terser');

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('TRUNK_STAGING_DIR is not set: run me from Trunk');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

/** The .js files under `dir`, with paths relative to the stage (the glue,
 * and the snippets wasm-bindgen writes in `snippets/`). */
async function scripts(dir) {
  const out = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...(await scripts(file)));
    else if (name.endsWith('.js')) out.push(path.relative(stage, file));
  }
  return out;
}

const htmlPath = path.join(stage, 'index.html');
let html = await readFile(htmlPath, 'utf8');
// sw.js is left as written: it is filled in below.
for (const name of (await scripts(stage)).filter((n) => n !== 'sw.js')) {
  const file = path.join(stage, name);
  const source = await readFile(file, 'utf8');
  // embed.js is a classic script (docs pages load it with <script src>).
  const module = name !== 'embed.js';
  const out = await minify(source, { module, compress: true, mangle: true });
  if (typeof out.code !== 'string') throw new Error(`terser gave nothing for ${name}`);
  await writeFile(file, out.code);
  const digest = createHash('sha384').update(out.code).digest('base64');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // <link ... href=/NAME ... integrity=sha384-...>, quoted or not.
  const tag = new RegExp(`(<link[^>]*href="?[^"\\s>]*${escaped}"?[^>]*integrity="?)sha384-[A-Za-z0-9+/=]+`, 'g');
  html = html.replace(tag, `$1sha384-${digest}`);
  console.log(`minify-glue: ${name} ${source.length} -> ${out.code.length} bytes`);
}
await writeFile(htmlPath, html);

// The other entries' stylesheets are copied, not processed by Trunk (the
// loader adds each only for its entry): comments and spaces out. Spaces
// are dropped only beside `{ } ; : ,`, which is safe for our own rules
// (none has a descendant selector starting with a colon).
for (const name of (await readdir(stage)).filter((n) => ['learn.css', 'pack.css', 'embed.css', 'full.css'].includes(n))) {
  const file = path.join(stage, name);
  const source = await readFile(file, 'utf8');
  const out = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};:,])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
  await writeFile(file, out);
  console.log(`minify-glue: ${name} ${source.length} -> ${out.length} bytes`);
}

// The service worker's list of files to keep for offline use, and its
// version: a digest of every built file, so a new build replaces the
// cache (www/sw.js says how it is used).
async function files(dir) {
  const out = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...(await files(file)));
    else out.push(path.relative(stage, file).split(path.sep).join('/'));
  }
  return out.sort();
}
const built = (await files(stage)).filter((f) => f !== 'sw.js');
const digest = createHash('sha256');
for (const f of built) digest.update(f).update(await readFile(path.join(stage, f)));
const version = digest.digest('hex').slice(0, 16);
const swPath = path.join(stage, 'sw.js');
const sw = (await readFile(swPath, 'utf8'))
  .replace("const VERSION = 'dev';", `const VERSION = '${version}';`)
  .replace('const FILES = [];', `const FILES = ${JSON.stringify(built)};`);
await writeFile(swPath, sw);
console.log(`minify-glue: sw.js lists ${built.length} files, version ${version}`);
