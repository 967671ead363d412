// Autosave, restore, leave warning and presence for the newsroom's article form.
// Works on any field of the form: it listens to the form's input and change events, so an
// editor that writes into a hidden textarea and fires those events is covered as well.
(function () {
  "use strict";
  var configNode = document.getElementById("newsroom-collaboration");
  var form = document.getElementById("article_form");
  if (!configNode || !form) return;
  var config = JSON.parse(configNode.textContent);
  var csrf = (form.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "";
  // Every change goes to the server as it happens, without waiting for the save before it: a
  // killed browser then loses only what had not yet left it (waiting for the answer to the
  // previous save lost the last key in 3 of 50 crash runs). Each save carries this page's id
  // and a running number, so the server keeps the newest when two overtake each other.
  // More saves than this in flight (a slow server) wait and go as one.
  var MAX_IN_FLIGHT = config.maxInFlight || 4;
  // A body whose Markdown takes longer than this to write goes to the server after the
  // keystroke's frame is painted instead of inside the keystroke (long articles).
  var INLINE_SERIALISE_MS = 4;
  var KEEPALIVE_LIMIT = 60000;
  var status = document.getElementById("collab-status");
  // A change not yet stored for longer than this says so in words. The status is a polite live
  // region, so it is not rewritten on every keystroke of a fast server; its data-state says at
  // any moment whether the newest change is stored ("saved") or still on its way ("pending").
  var SLOW_SAVE_MS = 1500;
  var slowTimer = null;
  var initial, lastSent, idleTimer = null, inFlight = 0, again = false;
  var submitting = false, saveNumber = 0, storedNumber = 0, serialiseMs = 0;
  var pageId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  // When the server cannot take a save (no connection, session or cookies gone), the form is
  // kept in this browser instead, and offered from here when no server copy exists.
  var localKey = "newsdesk:arbeitskopie:" + config.user + ":" + (config.article || "neu");

  function skipped(el) {
    if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name.charAt(0) === "_") return true;
    return ["submit", "button", "file", "reset", "image"].indexOf(el.type) !== -1;
  }

  // The form as name -> list of values; unchecked boxes as an empty list.
  function snapshot() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skipped(el)) return;
      var values = data[el.name] || (data[el.name] = []);
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) values.push(el.value);
      } else if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.options, function (option) {
          if (option.selected) values.push(option.value);
        });
      } else if (el.bodyEditor && el.bodyEditor.getCurrentMarkdown) {
        // The rich editor writes its hidden textarea only after typing pauses: ask it directly.
        var started = performance.now();
        values.push(el.bodyEditor.getCurrentMarkdown());
        serialiseMs = performance.now() - started;
      } else {
        values.push(el.value);
      }
    });
    return data;
  }

  function serialise(data) { return JSON.stringify(data); }
  // A form shown again after a refused save holds text that is not saved yet.
  function dirty() { return config.unsaved || serialise(snapshot()) !== initial; }
  function say(text, warning) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("collab-warning", !!warning);
  }
  var beforePending = null;
  function pending() {
    if (!status) return;
    if (status.dataset.state !== "pending") {
      beforePending = {
        state: status.dataset.state || "", text: status.textContent,
        warning: status.classList.contains("collab-warning"),
      };
    }
    status.dataset.state = "pending";
    if (slowTimer === null) {
      slowTimer = setTimeout(function () {
        if (status.dataset.state === "pending") say("Wird gesichert …");
      }, SLOW_SAVE_MS);
    }
  }
  function settled(state) {
    clearTimeout(slowTimer);
    slowTimer = null;
    if (status) status.dataset.state = state;
  }
  // A change announced that turned out to send nothing (the same text again): back to what the
  // status said before.
  function unpend() {
    if (!status || status.dataset.state !== "pending" || inFlight > 0 || again) return;
    settled(beforePending.state);
    say(beforePending.text, beforePending.warning);
  }

  function post(url, payload, keepalive) {
    var body = JSON.stringify(payload);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!keepalive && body.length < KEEPALIVE_LIMIT,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body,
    });
  }

  // What the pickers show for the chosen ids, kept with a copy in this browser.
  function chosenLabels() {
    var labels = {};
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (el) {
      if (skipped(el)) return;
      Array.prototype.forEach.call(el.options, function (option) {
        if (!option.selected || !option.value) return;
        (labels[el.name] || (labels[el.name] = {}))[option.value] = option.text;
      });
    });
    return labels;
  }

  function keepLocally(data) {
    try {
      localStorage.setItem(localKey, JSON.stringify({
        data: data, labels: chosenLabels(), savedAt: new Date().toLocaleString("de-DE"), local: true,
      }));
    } catch (error) { /* storage full or disabled: the server copy is all there is */ }
  }
  function forgetLocally() {
    try { localStorage.removeItem(localKey); } catch (error) { /* nothing kept */ }
  }
  function localCopy() {
    try { return JSON.parse(localStorage.getItem(localKey) || "null"); } catch (error) { return null; }
  }

  function save(keepalive) {
    clearTimeout(idleTimer);
    idleTimer = null;
    if (submitting) return;
    var data = snapshot();
    var text = serialise(data);
    if (text === lastSent || (text === initial && lastSent === undefined && !config.unsaved)) {
      unpend();
      return;
    }
    pending();
    if (inFlight >= MAX_IN_FLIGHT && !keepalive) { again = true; return; }
    inFlight += 1;
    lastSent = text;
    var number = ++saveNumber;
    var order = { page: pageId, seq: number };
    post(config.autosaveUrl, { article: config.article, fields: data, order: order }, keepalive)
      .then(function (response) {
        // A refused CSRF token answers with an HTML page, not JSON.
        return response.json().catch(function () { return {}; })
          .then(function (answer) { return [response.status, answer]; });
      })
      .then(function (result) {
        if (result[0] === 200) {
          if (number > storedNumber) storedNumber = number;
          // Only when the newest change is stored is the copy in this browser no longer needed.
          if (storedNumber === saveNumber) {
            forgetLocally();
            settled("saved");
            say("Automatisch gesichert (Arbeitskopie): " + result[1].saved_at);
          }
          return;
        }
        failed();
        if (result[1].error === "session") {
          say("Ihre Sitzung ist abgelaufen. Ihr Text bleibt erhalten: Klicken Sie auf „Sichern“ und melden Sie sich an.", true);
        } else if (result[0] === 403) {
          say("Ihre Anmeldung gilt nicht mehr. Ihr Text ist in diesem Browser gesichert: Melden Sie sich in einem neuen Tab an und laden Sie dann diese Seite neu.", true);
        } else {
          say("Automatisches Sichern fehlgeschlagen (" + result[0] + "). Ihr Text ist in diesem Browser gesichert.", true);
        }
      })
      .catch(function () {
        failed();
        say("Keine Verbindung zum Server: Ihr Text ist in diesem Browser gesichert.", true);
      })
      .then(function () {
        inFlight -= 1;
        if (again) { again = false; schedule(); }
      });
  }

  // A save the server did not take: the form as it is now stays in this browser, and the next
  // change tries the server again.
  function failed() {
    settled("kept-locally");
    keepLocally(snapshot());
    lastSent = undefined;
  }

  function schedule() {
    if (submitting || idleTimer) return;
    idleTimer = setTimeout(function () { save(false); }, 0);
  }

  // A keystroke in the body editor: saved within the keystroke while that is cheap.
  function bodyEdited() {
    if (submitting) return;
    if (serialiseMs <= INLINE_SERIALISE_MS || document.visibilityState !== "visible") {
      save(false);
    } else if (!idleTimer) {
      pending();  // until the frame below sends it
      idleTimer = -1;  // taken; the frame callback below clears it
      requestAnimationFrame(function () {
        idleTimer = null;
        schedule();
      });
    }
  }

  // Labels of the ids a restored copy picks: search-as-you-type pickers only draw the option
  // that was chosen when the page was made, so a restored id needs its label from the server.
  var restoredLabels = {};

  function setValues(el, values) {
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = values.indexOf(el.value) !== -1;
    } else if (el.tagName === "SELECT") {
      var labels = restoredLabels[el.name] || {};
      values.forEach(function (value) {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        // An id without a label is gone (deleted) or not this editor's to pick: left out.
        if (!known && value && labels[value]) el.add(new Option(labels[value], value));
      });
      Array.prototype.forEach.call(el.options, function (option) {
        option.selected = values.indexOf(option.value) !== -1;
      });
    } else if (el.bodyEditor && el.bodyEditor.setMarkdown) {
      // The body's rich editor shows what it holds, not the hidden textarea: restore through it.
      el.bodyEditor.setMarkdown(values[0] !== undefined ? values[0] : "");
    } else {
      el.value = values[0] !== undefined ? values[0] : "";
    }
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function restore(data, labels) {
    var seen = {};
    restoredLabels = labels || {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skipped(el) && el.name !== "version") return;
      // Inline rows stay as the page drew them; their count must match the rows on the page.
      if (/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(el.name)) return;
      if (!Object.prototype.hasOwnProperty.call(data, el.name)) {
        // A posted form leaves unchecked boxes out; the working copy lists every field.
        if (el.type === "checkbox") el.checked = false;
        return;
      }
      if (el.type === "checkbox" || el.type === "radio" || el.tagName === "SELECT") {
        setValues(el, data[el.name]);
        return;
      }
      // Several inputs of one name (rare): fill them in order.
      var index = seen[el.name] || 0;
      seen[el.name] = index + 1;
      setValues(el, [data[el.name][index] !== undefined ? data[el.name][index] : ""]);
    });
  }

  function offerRestore(copy) {
    var box = document.getElementById("collab-restore");
    if (!box) return;
    var current = snapshot();
    var differs = Object.keys(copy.data).some(function (name) {
      return name !== "version" && current[name] !== undefined &&
        serialise(current[name]) !== serialise(copy.data[name]);
    });
    if (!differs) {
      if (copy.local) forgetLocally();
      return;
    }
    if (copy.local) {
      document.getElementById("collab-restore-question").textContent =
        "Ungesicherte Änderungen vom " + copy.savedAt + " (in diesem Browser) wiederherstellen?";
    }
    function done() {
      document.getElementById("collab-restore-question").hidden = true;
      document.getElementById("collab-restore-actions").hidden = true;
      document.getElementById("collab-restore-done").hidden = false;
    }
    box.hidden = false;
    if (copy.autoRestore) {
      restore(copy.data, copy.labels);
      lastSent = serialise(snapshot());
      done();
      return;
    }
    document.getElementById("collab-restore-yes").addEventListener("click", function () {
      restore(copy.data, copy.labels);
      if (copy.local) {
        schedule();  // now to the server as well
      } else {
        lastSent = serialise(snapshot());
      }
      done();
    });
    document.getElementById("collab-restore-no").addEventListener("click", function () {
      box.hidden = true;
      forgetLocally();
      post(config.discardUrl, { article: config.article });
    });
  }

  function beat(leaving) {
    if (!config.article) return;
    post(config.heartbeatUrl, { article: config.article, leaving: !!leaving }, leaving)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        var box = document.getElementById("collab-presence");
        document.getElementById("collab-presence-names").textContent = answer.others.join(", ");
        box.hidden = answer.others.length === 0;
      })
      .catch(function () {});
  }

  initial = serialise(snapshot());
  form.addEventListener("input", function () { save(false); });
  form.addEventListener("change", function () { save(false); });
  form.addEventListener("newsdesk:body-edited", bodyEdited);
  form.addEventListener("submit", function () {
    submitting = true;
    config.unsaved = false;
    clearTimeout(idleTimer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !dirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty()) save(true);
  });
  window.addEventListener("pagehide", function () {
    if (dirty()) save(true);
    beat(true);
  });
  var copy = config.copy || localCopy();
  if (copy) offerRestore(copy);
  if (config.unsaved) save(false);
  beat(false);
  setInterval(function () {
    if (document.visibilityState === "visible") beat(false);
  }, config.heartbeatSeconds * 1000);
})();
