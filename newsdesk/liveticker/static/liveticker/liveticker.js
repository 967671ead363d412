// Reader page of a running ticker: polls the cached fragment and merges new, changed and
// deleted entries without stealing focus or moving what the reader is looking at.
(() => {
  "use strict";
  const root = document.querySelector(".liveticker[data-fragment]");
  if (!root || root.dataset.state !== "live" || !window.fetch) return;
  const list = root.querySelector(".ticker-entries");
  const status = root.querySelector(".ticker-status");
  const pause = root.querySelector(".ticker-pause");
  const reload = root.querySelector(".ticker-reload");
  const oldestFirst = root.dataset.order === "oldest";
  const interval = parseInt(root.dataset.poll, 10) || 2000;
  let version = parseInt(root.dataset.version, 10) || 0;
  let paused = false;
  let timer = null;
  let etag = null;

  // This script keeps the scroll position itself (below); the browser's own scroll anchoring,
  // where there is one, would move the page a second time.
  document.documentElement.style.overflowAnchor = "none";

  const known = new Map();
  list.querySelectorAll(".ticker-entry").forEach((el) => {
    known.set(el.dataset.id, parseInt(el.dataset.version, 10));
  });

  if (reload) reload.hidden = true;
  if (pause) {
    pause.hidden = false;
    pause.addEventListener("click", () => {
      paused = !paused;
      pause.setAttribute("aria-pressed", String(paused));
      pause.textContent = paused ? "Aktualisierung fortsetzen" : "Aktualisierung anhalten";
      if (!paused) poll();
    });
  }

  const parse = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  };

  // The first entry the reader can see stays where it is, whatever changes above it. A reader
  // who sees the top of the list sees new entries arrive there instead.
  const keepingScroll = (_element, change) => {
    if (list.getBoundingClientRect().top >= 0) {
      change();
      return;
    }
    const anchor = Array.from(list.querySelectorAll(".ticker-entry")).find(
      (el) => el.getBoundingClientRect().bottom > 0,
    );
    const before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected && before < window.innerHeight) {
      const shift = anchor.getBoundingClientRect().top - before;
      if (shift) window.scrollBy({ top: shift, behavior: "instant" });
    }
  };

  // Whether `el` stands below `node` in the page's order. data-sort is the server's order
  // (time to the microsecond, then id): the visible time has whole seconds, and two entries
  // posted in the same second would otherwise swap.
  const comesAfter = (el, node) =>
    oldestFirst ? el.dataset.sort > node.dataset.sort : el.dataset.sort < node.dataset.sort;

  const insert = (node) => {
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    const siblings = Array.from(list.querySelectorAll(".ticker-entry"));
    const after = siblings.find((el) => comesAfter(el, node));
    const anchor = after || null;
    const reference = anchor || (oldestFirst ? null : list.firstElementChild);
    keepingScroll(reference || list, () => list.insertBefore(node, anchor));
  };

  // Pinned entries stand once more above the list; keep that copy in step.
  const updatePinned = (entry) => {
    let section = root.querySelector(".ticker-pinned");
    const old = section && section.querySelector(`.ticker-entry[data-id="${entry.id}"]`);
    if (old) old.remove();
    if (entry.deleted || !entry.pinned || !entry.pinned_html) {
      if (section && !section.querySelector(".ticker-entry")) section.remove();
      return;
    }
    if (!section) {
      section = document.createElement("section");
      section.className = "ticker-pinned";
      section.setAttribute("aria-label", "Angeheftet");
      root.insertBefore(section, root.querySelector(".ticker-controls"));
    }
    section.prepend(parse(entry.pinned_html));
  };

  // "Das Wichtigste" lists key events in the page's order; keep its lines in step.
  const keyEvents = root.querySelector(".ticker-key-events");
  const updateKeyEvent = (entry) => {
    if (!keyEvents) return;
    const items = keyEvents.querySelector("ul");
    const old = items.querySelector(`li[data-id="${entry.id}"]`);
    if (old) old.remove();
    if (!entry.deleted && entry.key_event && entry.key_event_html) {
      const line = parse(entry.key_event_html);
      const after = Array.from(items.children).find((el) => comesAfter(el, line));
      items.insertBefore(line, after || null);
    }
    keyEvents.hidden = !items.children.length;
  };

  const showSummary = (html) => {
    if (!html || root.querySelector(".ticker-summary")) return;
    const summary = parse(html);
    if (summary) keepingScroll(null, () => keyEvents.before(summary));
  };

  const apply = (data) => {
    let added = 0;
    let changed = 0;
    for (const entry of data.entries) {
      const id = String(entry.id);
      const current = list.querySelector(`.ticker-entry[data-id="${id}"]`);
      if (known.has(id) && known.get(id) >= entry.version) continue;
      known.set(id, entry.version);
      keepingScroll(null, () => {
        updatePinned(entry);
        updateKeyEvent(entry);
      });
      if (entry.deleted) {
        if (current) keepingScroll(current, () => current.remove());
        continue;
      }
      const node = parse(entry.html);
      if (current) {
        keepingScroll(current, () => current.replaceWith(node));
        changed += 1;
      } else {
        insert(node);
        added += 1;
      }
    }
    version = Math.max(version, data.version);
    if (status && (added || changed)) {
      const parts = [];
      if (added) parts.push(added === 1 ? "1 neuer Eintrag" : `${added} neue Einträge`);
      if (changed) parts.push(changed === 1 ? "1 Eintrag geändert" : `${changed} Einträge geändert`);
      status.textContent = parts.join(", ");
    }
    if (data.state !== "live") {
      // The ticker has ended: frozen, with its summary on top as a fresh page shows it.
      if (keyEvents) showSummary(data.summary_html);
      root.dataset.state = data.state;
      paused = true;
      if (pause) pause.hidden = true;
      if (reload) {
        reload.hidden = false;
        reload.textContent = "Ticker beendet – Seite neu laden";
      }
      if (status) status.textContent = "Der Ticker ist beendet.";
    }
  };

  const poll = async () => {
    clearTimeout(timer);
    if (paused) return;
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(root.dataset.fragment, { cache: "no-cache", headers });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        let data = await response.json();
        if (data.since > version) {
          // Away longer than the cached fragment reaches: ask for everything since.
          const full = await fetch(`${root.dataset.fragment}?seit=${version}`, { cache: "no-store" });
          if (full.ok) data = await full.json();
        }
        apply(data);
      }
    } catch (error) {
      // Offline for a moment: try again on the next tick.
    }
    if (!paused && !document.hidden) timer = setTimeout(poll, interval);
  };

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && !paused) poll();
  });

  if (root.dataset.events && window.EventSource) {
    // Where the operator enables server-sent events, a version push triggers the fetch.
    const source = new EventSource(root.dataset.events);
    source.addEventListener("version", (event) => {
      if (parseInt(event.data, 10) > version) poll();
    });
  }
  timer = setTimeout(poll, interval);
})();
