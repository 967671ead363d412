// The article form's media buttons: a new gallery (bulk upload and builder), a gallery or
// video from the library, or a new video open in a dialog above the article; what the editor
// picks there comes back as a "newsdesk:embed-chosen" event and lands at the cursor.
//
// Contract (docs/newsroom-medien.md):
// - The media pages post {source: "newsdesk", event: "newsdesk:embed-chosen",
//   detail: {type: "gallery"|"video", slug, title[, lead_image: {id, title}]}} to this window,
//   same origin only; lead_image (the gallery's cover, when asked for) fills the lead image.
// - This script dispatches a cancelable CustomEvent "newsdesk:embed-chosen" with that detail
//   on document. A body editor that handles it calls event.preventDefault(); otherwise the
//   line [[type:slug]] is put into the body textarea at the cursor.
(function () {
  "use strict";

  var MEDIA = "/newsroom/medien/";

  function setUp(body) {
    var cursor = { start: body.value.length, end: body.value.length };
    function remember() {
      cursor = { start: body.selectionStart, end: body.selectionEnd };
    }
    ["keyup", "click", "select", "input", "blur"].forEach(function (name) {
      body.addEventListener(name, remember);
    });

    var dialog = document.createElement("dialog");
    dialog.className = "media-dialog";
    dialog.setAttribute("aria-label", "Medien einfügen");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "media-dialog-close";
    close.textContent = "Schließen";
    close.addEventListener("click", function () {
      dialog.close();
    });
    var frame = document.createElement("iframe");
    frame.title = "Medien";
    dialog.append(close, frame);
    dialog.addEventListener("close", function () {
      frame.src = "about:blank";
      // With the body editor the textarea is hidden: the cursor lives in the editor.
      if (body.bodyEditor) {
        body.bodyEditor.editor.commands.focus();
        return;
      }
      body.focus();
      body.setSelectionRange(cursor.start, cursor.end);
    });
    document.body.append(dialog);

    function open(path) {
      var headline = document.getElementById("id_headline");
      var url = MEDIA + path + (path.indexOf("?") >= 0 ? "&" : "?") + "dialog=1";
      if (path.indexOf("bilderstrecke/neu/") === 0 && headline && headline.value.trim()) {
        url += "&titel=" + encodeURIComponent(headline.value.trim());
      }
      frame.src = url;
      dialog.showModal();
    }

    var bar = document.createElement("div");
    bar.className = "article-media-bar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Medien an der Schreibmarke einfügen");
    [
      ["Bilderstrecke hochladen", "bilderstrecke/neu/"],
      ["Video einfügen", "video/neu/"],
      ["Aus der Mediathek", ""],
    ].forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = entry[0];
      button.dataset.mediaPath = entry[1];
      button.addEventListener("click", function () {
        open(entry[1]);
      });
      bar.append(button);
    });
    body.parentNode.insertBefore(bar, body);
    // With the body editor, the bar sits on top of it, above its toolbar (the editor is set up
    // on DOMContentLoaded as well; by the next task it is there).
    setTimeout(function () {
      var editor = body.nextElementSibling;
      if (editor && editor.classList.contains("nd-editor")) editor.prepend(bar);
    }, 0);

    function insertLine(text) {
      var value = body.value;
      var before = value.slice(0, cursor.start);
      var after = value.slice(cursor.end);
      var lead = before === "" || before.slice(-2) === "\n\n" ? "" : before.slice(-1) === "\n" ? "\n" : "\n\n";
      var tail = after === "" || after.slice(0, 2) === "\n\n" ? "" : after.charAt(0) === "\n" ? "\n" : "\n\n";
      var inserted = lead + text + tail;
      body.value = before + inserted + after;
      var end = before.length + lead.length + text.length;
      cursor = { start: end, end: end };
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }

    // The lead image field is the admin's autocomplete (select2 on django.jQuery): the chosen
    // picture becomes its one selected option, and select2 is told of the change.
    function setLeadImage(id, title) {
      var select = document.getElementById("id_lead_image");
      if (!select) return;
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === id;
      });
      if (!option) {
        option = new Option(title, id);
        select.append(option);
      }
      select.value = id;
      if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
      else select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== window.location.origin || !data || data.source !== "newsdesk") return;
      if (data.event !== "newsdesk:embed-chosen" || !data.detail) return;
      var detail = data.detail;
      if (!/^(gallery|video)$/.test(detail.type) || !/^[-a-zA-Z0-9_]+$/.test(detail.slug)) return;
      var unhandled = document.dispatchEvent(
        new CustomEvent("newsdesk:embed-chosen", { detail: detail, cancelable: true })
      );
      if (unhandled) insertLine("[[" + detail.type + ":" + detail.slug + "]]");
      if (detail.lead_image && /^[0-9]+$/.test(String(detail.lead_image.id))) {
        setLeadImage(String(detail.lead_image.id), String(detail.lead_image.title || ""));
      }
      dialog.close();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    if (body && body.tagName === "TEXTAREA") setUp(body);
  });
})();
