// The service worker that makes Article Annotator work offline. The build (tools/trunk-post-build.sh)
// fills in VERSION (a hash of the page, which names every content-hashed file) and ASSETS (every
// file of the build). Nothing here ever leaves this origin.
const VERSION = "__VERSION__";
const ASSETS = __ASSETS__;
const CACHE = `article-annotator-${VERSION}`;

// First visit, or a new build: keep every file of this build, then take over at once.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

// Drop the caches of earlier builds.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith("article-annotator-") && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The page itself from the network when there is one (so a new build shows at once), else
    // this build's copy.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match("./"))),
    );
    return;
  }
  // Everything else is named by its content: the cached copy is the right one.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request))),
  );
});
