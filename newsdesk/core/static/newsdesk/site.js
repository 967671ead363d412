// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Videos: the provider's player loads only after the reader clicks the poster.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.video-consent[data-embed-url]");
    if (!link) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = link.getAttribute("data-embed-url");
    frame.title = link.textContent.trim();
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.className = "video-frame";
    link.replaceWith(frame);
    // Keep keyboard users where they were: on the player that replaced the link.
    frame.focus();
  });

  // Slideshow: arrow keys step through the images.
  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-slideshow]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var link = document.querySelector('.slide-nav a[data-key="' + event.key + '"]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });
})();

// Comment form (issue 4a): the page may come from a cache and be hours old, so when the reader
// starts writing, the form fetches a fresh signed time stamp from this site (no cookie, no third
// party). Without this file the time stamp rendered into the page is used.
(function () {
  "use strict";

  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form[data-timestamp-url]");
    if (!form || form.getAttribute("data-timestamp-fresh")) return;
    form.setAttribute("data-timestamp-fresh", "1");
    fetch(form.getAttribute("data-timestamp-url"), { credentials: "omit", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        var field = form.querySelector('input[name="ts"]');
        if (data && data.ts && field) field.value = data.ts;
      })
      .catch(function () { /* keep the rendered time stamp */ });
  });
})();

// "Meistgelesen" (issue 11): an article page counts one reading on this site once it has
// loaded and is shown, with no cookie and nothing about the reader. Cached and baked pages count
// too, since the count is a request of its own. Without this file nothing is counted.
(function () {
  "use strict";

  function send() {
    var marker = document.querySelector("[data-read-url]");
    if (!marker || !window.fetch) return;
    fetch(marker.getAttribute("data-read-url"), {
      method: "POST",
      mode: "same-origin",
      credentials: "omit",
      cache: "no-store",
      keepalive: true
    }).catch(function () { /* a reading not counted changes nothing for the reader */ });
  }

  // A prerendered or background tab is not a reading until the reader looks at it.
  function whenShown() {
    if (document.visibilityState === "visible") {
      send();
      return;
    }
    document.addEventListener("visibilitychange", function shown() {
      if (document.visibilityState !== "visible") return;
      document.removeEventListener("visibilitychange", shown);
      send();
    });
  }

  if (document.readyState === "complete") whenShown();
  else window.addEventListener("load", whenShown);
})();
