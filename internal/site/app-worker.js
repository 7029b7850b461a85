// tenantatlas's service worker: go-app's Handler.ServiceWorkerTemplate, in
// which go-app fills in the site's version and its list of files to keep
// (internal/site/worker.go).
//
// It keeps the shell at install (app.wasm, go-app's scripts, boot.js, the
// stylesheet, icons, the snapshots page and catalog): the files every page
// needs, and few. Pages and snapshots are fetched from the network when
// asked, and the answer kept, so that a reviewer can reopen offline what
// they have read. go-app's own worker kept every snapshot at install, while
// app.wasm was downloading (docs/performance.md, "Takeover and the service
// worker").
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k))))
      // A page's request starts while the worker starts, not after.
      .then(() => self.registration.navigationPreload && self.registration.navigationPreload.enable())
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return; // the browser's own handling
  }
  if (request.mode === "navigate" || url.pathname.includes("/snapshots/")) {
    event.respondWith(networkFirst(event));
    return;
  }
  event.respondWith(cacheFirst(request));
});

// A page or a snapshot is never served stale while the site answers: the
// site sends them uncached. Offline, what was read before is served.
async function networkFirst(event) {
  const request = event.request;
  try {
    const response = (await event.preloadResponse) || (await fetch(request));
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(cacheName).then((cache) => cache.put(request, copy)).catch(() => {}));
    }
    return response;
  } catch (err) {
    const cached = await caches.match(request);
    if (cached) {
      return cached;
    }
    throw err;
  }
}

// The shell's files change only with a new version of the site, and so of
// this worker, which starts a new cache.
async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached || fetch(request);
}
