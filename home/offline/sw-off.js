/* OFFLINE_ENABLED is off: this worker replaces the one visitors have, deletes what it stored and unregisters. */
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith("akm-")) await caches.delete(name);
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({type: "window"})) client.navigate(client.url);
  })());
});
