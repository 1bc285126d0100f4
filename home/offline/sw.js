/* AK Migration Hochrhein: the service worker (README "Offline lesen"). Served at /sw.js by offline/views.py,
   which fills in the site's languages. Pages: network first (3 s), then the stored copy, then the offline page
   of the URL's language. Hashed static files and media images: cache first. Never /admin/, never non-GET,
   never a private page. Stored copies are revalidated with ETag/Last-Modified when the visitor is online. */
"use strict";
const PAGES = "akm-pages-v1";
const STATIC = "akm-static-v1";
const LANGUAGES = __LANGUAGES__;
const DEFAULT_LANGUAGE = LANGUAGES[0];
const TIMEOUT = __TIMEOUT__;
const REVALIDATE_EVERY = 10 * 60 * 1000;
const NEVER = ["/admin/", "/django-admin/", "/sw.js", "/healthz", "/api/"];
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
let revalidated = 0;

const languageOf = (url) => {
  const first = url.pathname.split("/")[1];
  return LANGUAGES.includes(first) ? first : DEFAULT_LANGUAGE;
};
const keyOf = (url) => { const u = new URL(url); u.hash = ""; return u.href; };
const offlineUrl = (language) => `${self.location.origin}/${language}/offline/`;

function storable(response) {
  const type = response.headers.get("Content-Type") || "";
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  const path = new URL(response.url).pathname;
  return response.status === 200 && response.type === "basic" && !response.headers.has("Set-Cookie")
    && (type.startsWith("text/html") || type.startsWith("text/calendar"))
    && !control.includes("private") && !control.includes("no-store") && !NEVER.some((p) => path.startsWith(p));
}

/* The response with X-Offline-Saved-At (the contract with the "save for offline" button). */
async function store(key, response) {
  const headers = new Headers(response.headers);
  // Kept by address alone (the language is in the path): with Vary, a refreshed copy stored without the
  // navigation's request headers would sit next to the old one instead of replacing it.
  headers.delete("Vary");
  headers.set("X-Offline-Saved-At", new Date().toISOString().replace(/\.\d+Z$/, "Z"));
  const body = await response.blob();
  const cache = await caches.open(PAGES);
  await cache.put(key, new Response(body, {status: 200, statusText: "OK", headers}));
}

async function storeOfflinePage(language) {
  const url = offlineUrl(language);
  const cache = await caches.open(PAGES);
  if (await cache.match(url, {ignoreVary: true})) return;
  const response = await fetch(url, {credentials: "omit"});
  if (storable(response)) await store(url, response);
}

/* A stored page marked so the page's script shows when it was saved (no inline script: an attribute). */
async function marked(stored) {
  const saved = stored.headers.get("X-Offline-Saved-At") || "";
  const html = (await stored.text()).replace("<html ", `<html data-offline-saved-at="${saved.replace(/[^0-9TZ:.-]/g, "")}" `);
  const headers = new Headers(stored.headers);
  headers.delete("Content-Length");
  return new Response(html, {status: 200, headers});
}

async function offlinePage(url) {
  const cache = await caches.open(PAGES);
  const page = await cache.match(offlineUrl(languageOf(url)), {ignoreVary: true})
    || await cache.match(offlineUrl(DEFAULT_LANGUAGE), {ignoreVary: true});
  if (page) return new Response(await page.blob(), {status: 503, headers: page.headers});
  return new Response("Offline", {status: 503, headers: {"Content-Type": "text/plain; charset=utf-8"}});
}

async function navigate(event, url) {
  const key = keyOf(url);
  let shown; // the ETag of the stored copy answered instead of a slow network
  const network = fetch(event.request);
  // Cloned before the page reads the body; stored whenever it arrives, even after the stored copy was shown.
  const copy = network.then((response) => (storable(response) ? response.clone() : null));
  event.waitUntil(copy.then(async (response) => {
    if (!response) return;
    await store(keyOf(response.url), response);
    await storeOfflinePage(languageOf(new URL(response.url)));
    if (shown !== undefined && shown !== response.headers.get("ETag")) {
      const client = await self.clients.get(event.resultingClientId);
      if (client) client.postMessage("newer"); // the page offers to load the newer version
    }
  }).catch(() => {}));
  const timeout = new Promise((resolve) => setTimeout(resolve, TIMEOUT, "timeout"));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== "timeout") return first;
    const stored = await caches.match(key, {cacheName: PAGES, ignoreVary: true});
    if (!stored) return await network;
    shown = stored.headers.get("ETag");
    return marked(stored);
  } catch (error) {
    const stored = await caches.match(key, {cacheName: PAGES, ignoreVary: true});
    return stored ? marked(stored) : offlinePage(url);
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(STATIC);
  const stored = await cache.match(request);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.status === 200 && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function networkThenCache(request) {
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === "basic") {
      const copy = response.clone();
      caches.open(STATIC).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    const stored = await caches.match(request, {cacheName: STATIC});
    if (stored) return stored;
    throw error;
  }
}

/* Every stored page asked again with its ETag/Last-Modified: 304 keeps it, 200 replaces it (new saved-at),
   404/410 removes it. Pages stored by the "save for offline" button are refreshed the same way. */
async function revalidate(force, attempt = 0) {
  if (!force && Date.now() - revalidated < REVALIDATE_EVERY) return;
  revalidated = Date.now();
  const cache = await caches.open(PAGES);
  for (const request of await cache.keys()) {
    const stored = await cache.match(request);
    const headers = {};
    if (stored.headers.get("ETag")) headers["If-None-Match"] = stored.headers.get("ETag");
    if (stored.headers.get("Last-Modified")) headers["If-Modified-Since"] = stored.headers.get("Last-Modified");
    try {
      const response = await fetch(request.url, {headers, credentials: "omit", cache: "no-store", redirect: "error"});
      if (response.status === 200 && storable(response)) await store(request.url, response);
      else if (response.status === 404 || response.status === 410) await cache.delete(request);
    } catch (error) {
      // The "online" event often comes before the connection carries: try again a few times, then wait for the next.
      if (attempt < 4) {
        await new Promise((resolve) => setTimeout(resolve, 2000 * (attempt + 1)));
        return revalidate(true, attempt + 1);
      }
      return;
    }
  }
}

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(storeOfflinePage(DEFAULT_LANGUAGE).catch(() => {}));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim().then(() => revalidate(true)).catch(() => {}));
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "revalidate") event.waitUntil(revalidate(event.data.reason === "online"));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.some((p) => url.pathname.startsWith(p))) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/media/images/")) {
    event.respondWith(HASHED.test(url.pathname) || url.pathname.startsWith("/media/images/")
      ? cacheFirst(request) : networkThenCache(request));
  }
});
