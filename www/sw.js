// The demo site's service worker: one versioned cache holding the page and everything the
// assistant needs, served cache-first (network when missing). scripts/site.mjs writes the list
// of files and a hash of their contents into the two lines below; a new build gets a new cache
// and the old one is deleted when the new worker takes over.
const PRECACHE = [];
const VERSION = 'unstamped';

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
  if (!URLS.has(key)) return;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
