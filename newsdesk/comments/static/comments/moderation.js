// Keyboard shortcuts for the moderation queue. Every action is an ordinary form button, so the
// queue works without this file; here the keys press those buttons for the focused comment.
(function () {
  "use strict";

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(".mod-item"));
  }

  function current() {
    var active = document.activeElement;
    return active ? active.closest(".mod-item") : null;
  }

  function focusItem(item) {
    if (!item) return;
    item.focus();
    item.scrollIntoView({ block: "nearest" });
  }

  function submitWith(button) {
    // requestSubmit() sends the button's name and value, as a click would.
    button.form.requestSubmit(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var all = document.getElementById("mod-select-all");
    if (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll(".mod-select").forEach(function (box) {
          box.checked = all.checked;
        });
      });
    }
    // The first comment has the focus, so the keys work at once.
    focusItem(items()[0]);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
        (target.tagName === "INPUT" && target.type !== "checkbox"))) return;
    var list = items();
    if (!list.length) return;
    var item = current() || list[0];
    var index = list.indexOf(item);
    var key = event.key;
    if (key === "j" || key === "k") {
      focusItem(list[index + (key === "j" ? 1 : -1)] || item);
    } else if (key === "x") {
      var box = item.querySelector(".mod-select");
      box.checked = !box.checked;
    } else if (key === "A" || key === "R") {
      var bulk = document.querySelector('.mod-bulk button[value="' + (key === "A" ? "approve" : "reject") + '"]');
      if (!bulk || !document.querySelector(".mod-select:checked")) return;
      submitWith(bulk);
    } else if (/^[arse]$/.test(key)) {
      var button = item.querySelector('.mod-actions button[data-key="' + key + '"]');
      if (!button) return;
      submitWith(button);
    } else {
      return;
    }
    event.preventDefault();
  });
})();
