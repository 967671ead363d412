// Slugs typed from German headlines: "Prüfung" becomes "pruefung", not Django's "prufung".
// Wraps Django's URLify, which the admin's prepopulated fields call on every keystroke.
(function () {
  "use strict";
  var urlify = window.URLify;
  if (typeof urlify !== "function") return;
  var german = { "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss" };
  window.URLify = function (text, numChars, allowUnicode) {
    return urlify(text.replace(/[äöüÄÖÜß]/g, function (ch) { return german[ch]; }), numChars, allowUnicode);
  };
})();
