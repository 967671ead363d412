// Accessible names for admin widgets that render without one (axe-core rules "label" and
// "aria-input-field-name"): select2's comboboxes and search fields of the autocomplete fields,
// and the date and time inputs of a split date-time field. Loaded on every newsroom page.
(function () {
  "use strict";

  function labelFor(id) {
    return id ? document.querySelector('label[for="' + id + '"]') : null;
  }

  function text(label) {
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  /** The field's label, or in a tabular inline the header of its column. */
  function fieldName(element) {
    var own = text(labelFor(element.id));
    if (own) return own;
    var cell = element.closest("td");
    var match = cell && /(?:^|\s)field-(\S+)/.exec(cell.className);
    var header = match && cell.closest("table").querySelector("th.column-" + match[1]);
    return text(header);
  }

  function name(element, value) {
    if (value && !element.hasAttribute("aria-label")) element.setAttribute("aria-label", value);
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var value = fieldName(select);
      if (!value || !container || !container.classList.contains("select2")) return;
      // select2 names the box by its current value only, which is empty until one is chosen.
      container.querySelectorAll('[role="combobox"]').forEach(function (combobox) {
        combobox.removeAttribute("aria-labelledby");
        name(combobox, value);
      });
      container.querySelectorAll('[role="textbox"], .select2-search__field').forEach(function (field) {
        name(field, value);
      });
    });
  }

  function nameInlineFields() {
    document.querySelectorAll("td[class*='field-'] :is(input, select, textarea)").forEach(function (field) {
      if (field.type === "hidden" || labelFor(field.id)) return;
      name(field, fieldName(field));
    });
  }

  function nameSplitDateTimes() {
    document.querySelectorAll("p.datetime input").forEach(function (input) {
      if (input.hasAttribute("aria-label") || labelFor(input.id)) return;
      var row = input.closest(".form-row, .fieldBox, td");
      var field = text(row && row.querySelector("label"));
      var part = input.classList.contains("vTimeField") ? "Uhrzeit" : "Datum";
      input.setAttribute("aria-label", field ? field + ": " + part : part);
    });
  }

  var pending = 0;
  function nameAll() {
    pending = 0;
    nameAutocompletes();
    nameSplitDateTimes();
    nameInlineFields();
  }

  function start() {
    nameAll();
    // select2 renders its boxes after load and again on every choice; inlines add rows.
    new MutationObserver(function () {
      if (!pending) pending = requestAnimationFrame(nameAll);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
