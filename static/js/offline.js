/* Offline reading (README "Offline lesen"): registers /sw.js, shows when a stored copy was saved, asks the worker
   to refresh stored pages when online, and lists stored pages on the offline page. Texts come from the page. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  var root = document.documentElement;
  var lang = root.lang || "de";
  navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () {});

  function formatDate(iso) {
    var date = new Date(iso);
    if (isNaN(date)) return iso;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length) {
        return date.toLocaleString(lang, {dateStyle: "long", timeStyle: "short"});
      }
    } catch (e) { /* fall through */ }
    return iso.slice(0, 16).replace("T", " ");
  }

  var saved = root.getAttribute("data-offline-saved-at");
  var notice = document.getElementById("offline-notice");
  var main = document.getElementById("main");
  if (saved && notice && main) {
    var p = notice.content.firstElementChild.cloneNode(true);
    var parts = p.textContent.split("{date}");
    p.textContent = parts[0];
    var time = document.createElement("time");
    time.dateTime = saved;
    time.textContent = formatDate(saved);
    p.appendChild(time);
    p.appendChild(document.createTextNode(parts.slice(1).join("")));
    main.insertBefore(p, main.firstChild);
  }

  // The stored copy was shown because the network was slow, and the late answer differs.
  navigator.serviceWorker.addEventListener("message", function (event) {
    var newer = document.getElementById("offline-newer");
    if (event.data !== "newer" || !newer || !main || document.querySelector(".notice--newer")) return;
    main.insertBefore(newer.content.firstElementChild.cloneNode(true), main.firstChild);
  });

  function revalidate(reason) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage({type: "revalidate", reason: reason});
    });
  }
  if (navigator.onLine && !saved) revalidate("load");
  window.addEventListener("online", function () { revalidate("online"); });

  var list = document.getElementById("offline-pages");
  if (!list) return;
  var prefix = location.origin + "/" + (list.getAttribute("data-language") || lang) + "/";
  caches.open("akm-pages-v1").then(function (cache) {
    return cache.keys().then(function (requests) {
      var pages = requests.filter(function (request) {
        return request.url.indexOf(prefix) === 0 && request.url !== prefix + "offline/";
      });
      return Promise.all(pages.map(function (request) {
        return cache.match(request).then(function (response) {
          if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) return null;
          return response.text().then(function (html) {
            var title = new DOMParser().parseFromString(html, "text/html").title.split(" – ")[0].trim();
            return {url: request.url, title: title || request.url};
          });
        });
      }));
    });
  }).then(function (pages) {
    pages = pages.filter(Boolean).sort(function (a, b) { return a.title.localeCompare(b.title, lang); });
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      link.textContent = page.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    var none = document.getElementById("offline-pages-none");
    if (none && pages.length) none.hidden = true;
  }).catch(function () {});
})();
