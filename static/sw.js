// Groundwork's service worker. `cargo xtask post-build` fills in the version
// and the list of files; see xtask/src/postbuild.rs.
// It precaches the whole app so it opens and works offline, deletes caches of
// older versions, and waits for the person to choose "Update now" before a new
// version takes over. It never contacts another origin.
const VERSION = "__GW_VERSION__";
const PRECACHE = __GW_PRECACHE__;
const CACHE = "groundwork-" + VERSION;
const INDEX = new URL("./index.html", self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((path) => new URL(path, self.location).href))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("groundwork-") && name !== CACHE)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // Every page of the app is the same document: deep links work offline.
    // A real file (the neutral page quick exit goes to) is itself.
    event.respondWith(
      caches
        .match(request, { ignoreSearch: true })
        .then((own) => own || caches.match(INDEX))
        .then((cached) => cached || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((cached) => cached || fetch(request))
  );
});
