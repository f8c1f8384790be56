// Reddish's service worker: after one visit the playground, the tutorials,
// the packs and the on-demand modules (Lua, Markdown) work offline. The
// release build's hook (tools/minify-glue.mjs) writes the list of built
// files and a version made from their contents below; a new build is a
// new version, which replaces the old cache as soon as the browser sees
// it. A new version waits until no page runs the old one (no
// skipWaiting, no claim), so an open page never mixes two builds' files.
// Development builds leave the list empty: nothing is cached.
const VERSION = 'dev';
const FILES = [];
const CACHE = 'reddish-' + VERSION;
const scope = () => self.registration.scope;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new URL(f, scope()).href))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('reddish-') && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !FILES.length) return;
  const url = new URL(request.url);
  if (!url.href.startsWith(scope())) return;
  if (request.mode === 'navigate') {
    // The page: the network first, so a new build shows at once; the
    // cached page offline, whatever its query (?tutorial=..., ?embed=1).
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(new URL('index.html', scope()).href)),
      ),
    );
    return;
  }
  // Built files: from the cache, else the network.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true })).then((hit) => hit || fetch(request)),
  );
});
