/* "Für offline speichern" (issue 21, offlinepacks/): stores a section, the directory or the calendar in
   Cache Storage for reading without a connection. The list of addresses and their true sizes come from
   the server (/<lang>/offline/paket/<kind>/<id>/); every text comes from the page's HTML, in the
   visitor's language. Cache names and the pack record follow the contract with the service worker:
   pages and .ics in "akm-pages-v1" (with X-Offline-Saved-At), files in "akm-static-v1", packs in
   "akm-packs-v1". Without a service worker or Cache Storage the button stays hidden. */
(function () {
  "use strict";
  var PAGES = "akm-pages-v1";
  var STATIC = "akm-static-v1";
  var PACKS = "akm-packs-v1";
  var root = document.querySelector(".offline-save");
  if (!root || !("serviceWorker" in navigator && "caches" in window)) {
    return;
  }
  var data = root.dataset;
  var lang = data.lang || document.documentElement.lang;
  var part = function (name) { return root.querySelector(".offline-save__" + name); };
  var status = part("status");
  var pending = null;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function number(value, options) {
    try {
      return new Intl.NumberFormat([lang, "de"], options).format(value);
    } catch (error) {
      return String(value);
    }
  }

  function megabytes(bytes) {
    var value = Math.max(bytes / 1000000, 0.1);
    try {
      return new Intl.NumberFormat([lang, "de"], {
        style: "unit", unit: "megabyte", minimumFractionDigits: 1, maximumFractionDigits: 1
      }).format(value);
    } catch (error) {
      return number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " MB";
    }
  }

  function absolute(url) {
    var resolved = new URL(url, location.href);
    resolved.hash = "";
    return resolved.href;
  }

  function savedAt() {
    return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function show(name, visible) {
    part(name).hidden = !visible;
  }

  function stamped(response, time) {
    // A Response's headers cannot be changed: re-wrap it with the time it was stored.
    return response.blob().then(function (body) {
      var headers = new Headers(response.headers);
      // Kept by address alone, as the service worker keeps pages: its refreshed copy then replaces this one.
      headers.delete("Vary");
      headers.set("X-Offline-Saved-At", time);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
    });
  }

  function fetchOk(url) {
    return fetch(url, { credentials: "omit", cache: "no-cache" }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response;
    });
  }

  function readPacks() {
    return caches.open(PACKS).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) {
            return response.json().then(function (pack) {
              pack.key = new URL(request.url).pathname;
              return pack;
            });
          });
        }));
      });
    });
  }

  function renderList() {
    return readPacks().then(function (packs) {
      var mine = packs.filter(function (pack) { return pack.lang === lang; });
      var list = part("list");
      list.textContent = "";
      mine.forEach(function (pack) {
        var item = document.createElement("li");
        var title = document.createElement("span");
        title.textContent = pack.title + " (" + megabytes(pack.bytes) + ")";
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "offline-save__remove";
        remove.textContent = data.remove;
        remove.addEventListener("click", function () { removePack(pack.key); });
        item.append(title, " ", remove);
        list.append(item);
      });
      show("saved", mine.length > 0);
    });
  }

  function removePack(key) {
    return readPacks().then(function (packs) {
      var target = packs.filter(function (pack) { return pack.key === key; })[0];
      if (!target) {
        return null;
      }
      var needed = new Set();
      packs.forEach(function (pack) {
        if (pack.key !== key) {
          pack.urls.forEach(function (url) { needed.add(url); });
        }
      });
      var gone = target.urls.filter(function (url) { return !needed.has(url); });
      return Promise.all([caches.open(PAGES), caches.open(STATIC), caches.open(PACKS)]).then(function (opened) {
        return Promise.all(gone.map(function (url) {
          return Promise.all([opened[0].delete(url), opened[1].delete(url)]);
        })).then(function () { return opened[2].delete(key); });
      });
    }).then(renderList);
  }

  function store(pack) {
    var items = pack.pages.map(function (item) { return { url: absolute(item.url), page: true }; })
      .concat(pack.files.map(function (item) { return { url: absolute(item.url), page: false }; }));
    var total = items.length;
    var done = 0;
    var progress = part("progress").querySelector("progress");
    var count = part("count");
    progress.max = total;
    show("progress", true);
    function step() {
      progress.value = done;
      count.textContent = fill(data.progress, { done: number(done), total: number(total) });
    }
    step();
    return Promise.all([caches.open(PAGES), caches.open(STATIC)]).then(function (opened) {
      var time = savedAt();
      return items.reduce(function (chain, item) {
        return chain.then(function () {
          return fetchOk(item.url).then(function (response) {
            return item.page ? stamped(response, time).then(function (wrapped) {
              return opened[0].put(item.url, wrapped);
            }) : opened[1].put(item.url, response);
          }).then(function () {
            done += 1;
            step();
          });
        });
      }, Promise.resolve()).then(function () {
        var record = {
          title: pack.title, lang: pack.lang, bytes: pack.bytes, saved_at: time,
          urls: items.map(function (item) { return item.url; })
        };
        return caches.open(PACKS).then(function (cache) {
          return cache.put(data.packKey, new Response(JSON.stringify(record), {
            headers: { "Content-Type": "application/json" }
          }));
        });
      });
    });
  }

  part("button").addEventListener("click", function () {
    status.textContent = "";
    part("button").disabled = true;
    fetchOk(data.packUrl).then(function (response) { return response.json(); }).then(function (pack) {
      if (pack.over_budget) {
        status.textContent = fill(data.tooBig, { size: megabytes(pack.bytes), budget: megabytes(pack.budget) });
        part("button").disabled = false;
        return;
      }
      pending = pack;
      part("size").textContent = fill(data.confirm, { size: megabytes(pack.bytes) });
      show("start", false);
      show("question", true);
      part("yes").focus();
    }).catch(function () {
      status.textContent = data.failed;
      part("button").disabled = false;
    });
  });

  part("no").addEventListener("click", function () {
    pending = null;
    show("question", false);
    show("start", true);
    part("button").disabled = false;
    part("button").focus();
  });

  part("yes").addEventListener("click", function () {
    var pack = pending;
    pending = null;
    show("question", false);
    store(pack).then(function () {
      status.textContent = data.done;
      return renderList();
    }).catch(function () {
      status.textContent = data.failed;
    }).then(function () {
      show("start", true);
      part("button").disabled = false;
    });
  });

  root.hidden = false;
  renderList();
}());
