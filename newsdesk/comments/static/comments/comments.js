// Progressive enhancement for the comment form: the page may come from a cache and be hours
// old, so when the reader starts writing, the form fetches a fresh signed time stamp from this
// site (no cookie, no third party). Without this file the rendered time stamp is used.
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
