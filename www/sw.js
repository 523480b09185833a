// The demo site's service worker: one versioned cache holding the page and everything the
// assistant needs, served cache-first (network when missing). scripts/site.mjs writes the list
// of files, a hash of their contents and the pattern of the index's shard names into the three
// lines below; a new build gets a new cache and the old one is deleted when the new worker takes
// over.
//
// Which shards are cached when, and why: a sharded index's root is precached with the page (every
// question needs it); its shards are cached the first time a question fetches them, in the same
// cache. Precaching every shard would download the whole index (megabytes for a large site) for a
// visitor who asks one question; caching what was fetched keeps every question asked before
// answerable offline. Shard names are content hashes of this build, so a cached shard is never
// stale: cache-first is safe, and the old build's shards go with the old cache.
const PRECACHE = [];
const VERSION = 'unstamped';
const SHARDS = null;

const CACHE = `qa-widget-demo-${VERSION}`;
const scope = self.registration.scope;
const URLS = new Set(PRECACHE.map((path) => new URL(path, scope).href));
const PAGE = new URL('./', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // `reload`: take the files from the server, not from a possibly older HTTP cache.
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('qa-widget-demo-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const key = url.href === `${PAGE}index.html` ? PAGE : url.href;
  if (URLS.has(key)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(key)).then((cached) => cached ?? fetch(request)));
  } else if (SHARDS?.test(url.pathname) && url.href.startsWith(scope)) {
    event.respondWith(cachedShard(request, key));
  }
});

/** A shard from the cache, or from the network and then kept (only whole, successful answers). */
async function cachedShard(request, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(key, response.clone());
  return response;
}
