// The newsroom's body editor. Enhances <textarea data-body-editor>: without JavaScript the form
// keeps the plain Markdown textarea; with it, editors write in a WYSIWYG editor whose document is
// serialised back into the textarea as Markdown, so the form posts exactly what it always did.
import { Editor } from "@tiptap/core";
import { parseMarkdown, serializeMarkdown } from "./markdown.js";
import { cleanPastedHtml } from "./paste.js";
import { Embed, extensions } from "./schema.js";
import { rememberTypography, typographyPreferred } from "./typography.js";

const KIND_LABELS = {
  gallery: "Bilderstrecke",
  video: "Video",
  product: "Produkt",
  article: "Artikel",
};
const WORDS_PER_MINUTE = 200;
const SYNC_DELAY_MS = 250;

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.filter(Boolean));
  return element;
}

/** Card data (title, state, thumbnail) for embeds, fetched from the newsroom in batches. */
class EmbedInfo {
  constructor(url) {
    this.url = url;
    this.known = new Map();
    this.waiting = new Map();
    this.timer = null;
  }

  remember(item) {
    this.known.set(`${item.kind}:${item.slug}`, item);
  }

  get(kind, slug) {
    const key = `${kind}:${slug}`;
    if (this.known.has(key)) return Promise.resolve(this.known.get(key));
    if (!this.waiting.has(key)) {
      let resolve;
      const promise = new Promise((r) => (resolve = r));
      this.waiting.set(key, { promise, resolve });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), 30);
    }
    return this.waiting.get(key).promise;
  }

  async flush() {
    const batch = new Map(this.waiting);
    this.waiting.clear();
    let results = [];
    try {
      const response = await fetch(`${this.url}?items=${encodeURIComponent([...batch.keys()].join(","))}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok) results = (await response.json()).results;
    } catch {
      // The card then says the object was not found; the stored line is untouched.
    }
    for (const item of results) this.remember(item);
    for (const [key, { resolve }] of batch) resolve(this.known.get(key) || null);
  }

  async search(kind, query) {
    const params = new URLSearchParams({ kind, q: query });
    const response = await fetch(`${this.url}?${params}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const results = (await response.json()).results;
    results.forEach((item) => this.remember(item));
    return results;
  }
}

function embedCard(info, moveBy, remove) {
  return ({ node, getPos, editor }) => {
    const title = el("strong", { class: "nd-embed-title", text: node.attrs.slug });
    const meta = el("span", { class: "nd-embed-meta" });
    const state = el("span", { class: "nd-embed-state" });
    const thumb = el("span", { class: "nd-embed-thumb", "aria-hidden": "true" });
    const label = KIND_LABELS[node.attrs.kind] || node.attrs.kind;
    const button = (text, aria, action) =>
      el("button", {
        type: "button",
        class: "nd-embed-action",
        "aria-label": `${label} ${aria}`,
        title: aria,
        text,
        onclick: (event) => {
          event.preventDefault();
          action(editor, getPos());
        },
      });
    const dom = el(
      "div",
      {
        class: "nd-embed-card",
        "data-kind": node.attrs.kind,
        "data-slug": node.attrs.slug,
        contenteditable: "false",
        role: "group",
        "aria-label": `${label}: ${node.attrs.slug}`,
      },
      thumb,
      el(
        "span",
        { class: "nd-embed-body" },
        el("span", { class: "nd-embed-kind", text: label }),
        title,
        meta,
        state,
        el("code", { class: "nd-embed-code", text: `[[${node.attrs.kind}:${node.attrs.slug}]]` }),
      ),
      el(
        "span",
        { class: "nd-embed-actions" },
        button("↑", "nach oben schieben", (ed, pos) => moveBy(ed, pos, -1)),
        button("↓", "nach unten schieben", (ed, pos) => moveBy(ed, pos, 1)),
        button("✕", "entfernen", remove),
      ),
    );
    info.get(node.attrs.kind, node.attrs.slug).then((item) => {
      if (!item) {
        state.textContent = "nicht gefunden";
        dom.classList.add("is-missing");
        return;
      }
      title.textContent = item.title;
      dom.setAttribute("aria-label", `${label}: ${item.title}`);
      meta.textContent = item.meta || "";
      state.textContent = item.published ? "veröffentlicht" : "nicht veröffentlicht";
      dom.classList.toggle("is-unpublished", !item.published);
      if (item.thumbnail) {
        const img = el("img", { src: item.thumbnail, alt: "", loading: "lazy" });
        img.addEventListener("error", () => img.remove());
        thumb.append(img);
      }
    });
    return {
      dom,
      selectNode: () => dom.classList.add("is-selected"),
      deselectNode: () => dom.classList.remove("is-selected"),
      stopEvent: (event) => event.target instanceof HTMLButtonElement,
      ignoreMutation: () => true,
    };
  };
}

/** Moves the top-level block at ``pos`` one place up (-1) or down (+1). */
function moveBlock(editor, pos, direction) {
  const { state } = editor;
  const $pos = state.doc.resolve(pos);
  const index = $pos.index(0);
  const node = state.doc.child(index);
  const target = index + direction;
  if (target < 0 || target >= state.doc.childCount) return;
  const other = state.doc.child(target);
  const tr = state.tr;
  if (direction < 0) {
    const start = pos - other.nodeSize;
    tr.replaceWith(start, pos + node.nodeSize, [node, other]);
    tr.setSelection(state.selection.constructor.near(tr.doc.resolve(start)));
    editor.view.dispatch(tr);
    editor.commands.setNodeSelection(start);
  } else {
    const end = pos + node.nodeSize + other.nodeSize;
    tr.replaceWith(pos, end, [other, node]);
    editor.view.dispatch(tr);
    editor.commands.setNodeSelection(pos + other.nodeSize);
  }
  editor.commands.focus();
}

function removeBlock(editor, pos) {
  const node = editor.state.doc.nodeAt(pos);
  editor.chain().focus().deleteRange({ from: pos, to: pos + node.nodeSize }).run();
}

function wordCount(doc) {
  const text = doc.textBetween(0, doc.content.size, " ", " ");
  const words = text.split(/\s+/).filter(Boolean).length;
  return words;
}

/** A modal dialog of our own: focus moves in, Escape closes, focus returns to the editor. */
function dialog(title, body, buttons) {
  const heading = el("h2", { class: "nd-dialog-title", text: title });
  heading.id = `nd-dialog-${Math.random().toString(36).slice(2)}`;
  const element = el(
    "dialog",
    { class: "nd-dialog", "aria-labelledby": heading.id },
    heading,
    body,
    el("div", { class: "nd-dialog-buttons" }, ...buttons),
  );
  document.body.append(element);
  return element;
}

function toolbarButton(label, { shortcut, onClick, isActive, group }) {
  const button = el("button", {
    type: "button",
    class: "nd-tool",
    "data-tool": label,
    title: shortcut ? `${label} (${shortcut})` : label,
    "aria-label": label,
    tabindex: "-1",
    text: label,
    onmousedown: (event) => event.preventDefault(),
    onclick: onClick,
  });
  if (isActive) button.setAttribute("aria-pressed", "false");
  return { button, isActive, group };
}

export function createBodyEditor(textarea) {
  const info = new EmbedInfo(textarea.dataset.embedSearch);
  const wrapper = el("div", { class: "nd-editor" });
  const toolbar = el("div", {
    class: "nd-toolbar",
    role: "toolbar",
    "aria-label": "Textformatierung",
    "aria-controls": `${textarea.id}-editor`,
  });
  const content = el("div", { class: "nd-editor-area" });
  const counter = el("p", { class: "nd-editor-count", id: `${textarea.id}-count` });
  wrapper.append(toolbar, content, counter);
  textarea.after(wrapper);
  textarea.hidden = true;
  textarea.setAttribute("aria-hidden", "true");

  const label = document.querySelector(`label[for="${textarea.id}"]`);
  // The field's help speaks of Markdown codes; with the editor, other words apply.
  const help = document.getElementById(`${textarea.id}_helptext`);
  if (help) {
    help.replaceChildren(
      el("div", {
        text:
          "Formatieren mit der Werkzeugleiste (Alt+F10) oder wie in Markdown: „## “ für einen " +
          "Zwischentitel, „- “ für eine Liste. Bilderstrecken, Videos, Produkte und Artikel über " +
          "„Einbetten“; Blöcke mit Alt+Pfeil hoch/runter verschieben.",
      }),
    );
  }
  let editor;
  let tools = [];
  let toolbarFrame = 0;
  let syncTimer = null;
  let dirty = false;
  let serialised = { doc: null, text: "" };

  const sync = () => {
    clearTimeout(syncTimer);
    if (!dirty) return;
    dirty = false;
    textarea.value =
      serialised.doc === editor.state.doc ? serialised.text : serializeMarkdown(editor.state.doc);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const updateCount = () => {
    const words = wordCount(editor.state.doc);
    const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
    counter.textContent = `${words.toLocaleString("de-DE")} Wörter · ${minutes} Min. Lesezeit`;
  };

  const embedExtension = Embed.extend({
    addNodeView: () => embedCard(info, moveBlock, removeBlock),
    addKeyboardShortcuts() {
      const move = (direction) => () => {
        const { selection } = this.editor.state;
        if (!selection.node || selection.node.type.name !== "embed") return false;
        moveBlock(this.editor, selection.from, direction);
        return true;
      };
      return { "Alt-ArrowUp": move(-1), "Alt-ArrowDown": move(1) };
    },
  });
  editor = new Editor({
    element: content,
    extensions: extensions().map((ext) => (ext.name === "embed" ? embedExtension : ext)),
    injectCSS: false,
    editorProps: {
      attributes: {
        id: `${textarea.id}-editor`,
        class: "nd-editor-content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label ? label.textContent.replace(/:\s*$/, "") : "Text",
        "aria-describedby": `${textarea.id}-count`,
        lang: document.documentElement.lang || "de",
        spellcheck: "true",
      },
      transformPastedHTML: cleanPastedHtml,
    },
    onUpdate: () => {
      dirty = true;
      // Autosave reads the body at once (getCurrentMarkdown) instead of waiting for the sync.
      textarea.dispatchEvent(new CustomEvent("newsdesk:body-edited", { bubbles: true }));
      clearTimeout(syncTimer);
      syncTimer = setTimeout(() => {
        sync();
        updateCount();
      }, SYNC_DELAY_MS);
    },
    onTransaction: () => scheduleToolbar(),
    onBlur: () => sync(),
  });
  editor.commands.setContent(parseMarkdown(editor.schema, textarea.value).toJSON(), {
    emitUpdate: false,
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());
  textarea.form?.addEventListener("submit", sync, true);
  textarea.form?.addEventListener("formdata", sync, true);
  editor.storage.germanTypography.enabled = typographyPreferred();
  // Other scripts (autosave, restore) read and replace the Markdown through this.
  textarea.bodyEditor = {
    editor,
    sync,
    getMarkdown: () => serializeMarkdown(editor.state.doc),
    // What the form would post now: the textarea until the text is edited, then the editor's
    // document (the textarea follows only after typing pauses).
    getCurrentMarkdown() {
      if (!dirty) return textarea.value;
      if (serialised.doc !== editor.state.doc) {
        serialised = { doc: editor.state.doc, text: serializeMarkdown(editor.state.doc) };
      }
      return serialised.text;
    },
    setMarkdown(text) {
      dirty = false;
      clearTimeout(syncTimer);
      textarea.value = text;
      editor.commands.setContent(parseMarkdown(editor.schema, text).toJSON(), { emitUpdate: false });
      updateCount();
    },
  };
  updateCount();

  const run = (fn) => (event) => {
    event.preventDefault();
    fn(editor.chain().focus()).run();
  };
  tools = [
    toolbarButton("Absatz", { onClick: run((c) => c.setParagraph()), isActive: () => editor.isActive("paragraph"), group: "block" }),
    toolbarButton("Zwischentitel", { shortcut: "Strg+Alt+2", onClick: run((c) => c.toggleHeading({ level: 2 })), isActive: () => editor.isActive("heading", { level: 2 }), group: "block" }),
    toolbarButton("Unterzeile", { shortcut: "Strg+Alt+3", onClick: run((c) => c.toggleHeading({ level: 3 })), isActive: () => editor.isActive("heading", { level: 3 }), group: "block" }),
    toolbarButton("Fett", { shortcut: "Strg+B", onClick: run((c) => c.toggleBold()), isActive: () => editor.isActive("bold"), group: "inline" }),
    toolbarButton("Kursiv", { shortcut: "Strg+I", onClick: run((c) => c.toggleItalic()), isActive: () => editor.isActive("italic"), group: "inline" }),
    toolbarButton("Link", { shortcut: "Strg+K", onClick: (e) => { e.preventDefault(); openLinkDialog(); }, isActive: () => editor.isActive("link"), group: "inline" }),
    toolbarButton("Aufzählung", { shortcut: "Strg+Umschalt+8", onClick: run((c) => c.toggleBulletList()), isActive: () => editor.isActive("bulletList"), group: "list" }),
    toolbarButton("Nummerierung", { shortcut: "Strg+Umschalt+7", onClick: run((c) => c.toggleOrderedList()), isActive: () => editor.isActive("orderedList"), group: "list" }),
    toolbarButton("Zitat", { shortcut: "Strg+Umschalt+B", onClick: run((c) => c.toggleBlockquote()), isActive: () => editor.isActive("blockquote"), group: "list" }),
    toolbarButton("Tabelle", { onClick: run((c) => c.insertTable({ rows: 3, cols: 2, withHeaderRow: true })), group: "table" }),
    toolbarButton("Zeile +", { onClick: run((c) => c.addRowAfter()), group: "in-table" }),
    toolbarButton("Spalte +", { onClick: run((c) => c.addColumnAfter()), group: "in-table" }),
    toolbarButton("Zeile −", { onClick: run((c) => c.deleteRow()), group: "in-table" }),
    toolbarButton("Spalte −", { onClick: run((c) => c.deleteColumn()), group: "in-table" }),
    toolbarButton("Tabelle löschen", { onClick: run((c) => c.deleteTable()), group: "in-table" }),
    toolbarButton("Quelle", { onClick: (e) => { e.preventDefault(); insertSource(); }, group: "insert" }),
    ...Object.entries(KIND_LABELS).map(([kind, kindLabel]) =>
      toolbarButton(kindLabel, { onClick: (e) => { e.preventDefault(); openPicker(kind); }, group: "embed" }),
    ),
    toolbarButton("Typografie", {
      onClick: (e) => {
        e.preventDefault();
        const storage = editor.storage.germanTypography;
        storage.enabled = !storage.enabled;
        rememberTypography(storage.enabled);
        refreshToolbar();
      },
      isActive: () => editor.storage.germanTypography.enabled,
      group: "typography",
    }),
    toolbarButton("Rückgängig", { shortcut: "Strg+Z", onClick: run((c) => c.undo()), group: "history" }),
    toolbarButton("Wiederholen", { shortcut: "Strg+Umschalt+Z", onClick: run((c) => c.redo()), group: "history" }),
  ];
  const groups = new Map();
  for (const tool of tools) {
    if (!groups.has(tool.group)) {
      const group = el("span", { class: "nd-group", "data-group": tool.group });
      if (tool.group === "embed") group.append(el("span", { class: "nd-toolbar-label", text: "Einbetten:" }));
      groups.set(tool.group, group);
      toolbar.append(group);
    }
    groups.get(tool.group).append(tool.button);
  }
  tools[0].button.tabIndex = 0;
  // One tab stop for the toolbar; arrow keys move inside it (WAI-ARIA toolbar pattern).
  toolbar.addEventListener("keydown", (event) => {
    const buttons = [...toolbar.querySelectorAll("button")].filter((b) => b.offsetParent !== null);
    const index = buttons.indexOf(document.activeElement);
    let next = null;
    if (event.key === "ArrowRight") next = buttons[(index + 1) % buttons.length];
    else if (event.key === "ArrowLeft") next = buttons[(index - 1 + buttons.length) % buttons.length];
    else if (event.key === "Home") next = buttons[0];
    else if (event.key === "End") next = buttons[buttons.length - 1];
    else if (event.key === "Escape") editor.commands.focus();
    if (next) {
      event.preventDefault();
      buttons.forEach((b) => (b.tabIndex = -1));
      next.tabIndex = 0;
      next.focus();
    }
  });
  // Alt+F10 reaches the toolbar from the text, as in most office editors.
  content.addEventListener("keydown", (event) => {
    if (event.altKey && event.key === "F10") {
      event.preventDefault();
      (toolbar.querySelector("button[tabindex='0']") || tools[0].button).focus();
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
      event.preventDefault();
      openLinkDialog();
    }
  });

  // Once per frame at most: the toolbar's state is not worth a keystroke's time.
  function scheduleToolbar() {
    if (!toolbarFrame) toolbarFrame = requestAnimationFrame(refreshToolbar);
  }
  function refreshToolbar() {
    toolbarFrame = 0;
    const inTable = editor.isActive("table");
    for (const tool of tools) {
      if (tool.isActive) tool.button.setAttribute("aria-pressed", String(Boolean(tool.isActive())));
    }
    const tableGroup = toolbar.querySelector("[data-group='in-table']");
    if (tableGroup) tableGroup.hidden = !inTable;
  }
  refreshToolbar();

  function insertSource() {
    const { $from } = editor.state.selection;
    const after = $from.depth ? $from.after(1) : editor.state.doc.content.size;
    editor
      .chain()
      .focus()
      .insertContentAt(after, { type: "paragraph", content: [{ type: "text", text: "Quelle: " }] })
      .setTextSelection(after + 1 + "Quelle: ".length)
      .run();
  }

  // Link dialog.
  const linkInput = el("input", { type: "url", id: `${textarea.id}-link-url`, class: "nd-input", placeholder: "https://" });
  const linkDialog = dialog(
    "Link setzen",
    el("p", {}, el("label", { for: linkInput.id, text: "Adresse (URL)" }), linkInput),
    [
      el("button", { type: "button", class: "nd-button nd-primary", text: "Übernehmen", onclick: () => applyLink() }),
      el("button", { type: "button", class: "nd-button", text: "Link entfernen", onclick: () => applyLink("") }),
      el("button", { type: "button", class: "nd-button", text: "Abbrechen", onclick: () => closeDialog(linkDialog) }),
    ],
  );
  linkInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      applyLink();
    }
  });
  function openLinkDialog() {
    linkInput.value = editor.getAttributes("link").href || "";
    linkDialog.showModal();
    linkInput.focus();
  }
  function applyLink(value = linkInput.value.trim()) {
    closeDialog(linkDialog);
    const chain = editor.chain().focus().extendMarkRange("link");
    if (!value) {
      chain.unsetLink().run();
      return;
    }
    const href = /^(https?:|mailto:|\/)/i.test(value) ? value : `https://${value}`;
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain.insertContent({ type: "text", text: value, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
  }
  function closeDialog(element) {
    element.close();
    editor.commands.focus();
  }

  // Embed picker.
  const searchInput = el("input", { type: "search", id: `${textarea.id}-embed-q`, class: "nd-input", autocomplete: "off" });
  const results = el("ul", { class: "nd-picker-results", id: `${textarea.id}-embed-results` });
  const status = el("p", { class: "nd-picker-status", role: "status" });
  const searchLabel = el("label", { for: searchInput.id, text: "Suchen" });
  const pickerDialog = dialog("Einbetten", el("div", {}, el("p", {}, searchLabel, searchInput), status, results), [
    el("button", { type: "button", class: "nd-button", text: "Abbrechen", onclick: () => closeDialog(pickerDialog) }),
  ]);
  // Escape closes a dialog without our buttons: the writing goes on where it stopped, not on
  // the toolbar button that opened the dialog.
  for (const element of [linkDialog, pickerDialog]) {
    element.addEventListener("close", () => {
      if (!editor.isFocused) editor.commands.focus();
    });
  }
  let pickerKind = "gallery";
  let searchTimer = null;
  let searchRound = 0;
  async function search() {
    const round = ++searchRound;
    status.textContent = "Suche läuft …";
    let items;
    try {
      items = await info.search(pickerKind, searchInput.value.trim());
    } catch {
      if (round === searchRound) status.textContent = "Die Suche ist fehlgeschlagen. Bitte erneut versuchen.";
      return;
    }
    if (round !== searchRound) return;
    // Hits redrawn while someone arrows through them keep the focus on the same hit (or go
    // back to the search field), never to the page behind the dialog.
    const focusedSlug = results.contains(document.activeElement) ? document.activeElement.dataset.slug : null;
    results.replaceChildren(
      ...items.map((item) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "nd-picker-item", "data-slug": item.slug, onclick: () => pick(item) },
            item.thumbnail ? el("img", { src: item.thumbnail, alt: "" }) : el("span", { class: "nd-picker-nothumb" }),
            el(
              "span",
              {},
              el("strong", { text: item.title }),
              el("span", { text: [item.meta, item.published ? "veröffentlicht" : "nicht veröffentlicht"].filter(Boolean).join(" · ") }),
            ),
          ),
        ),
      ),
    );
    status.textContent = items.length ? `${items.length} Treffer` : "Nichts gefunden.";
    if (focusedSlug !== null) {
      const same = [...results.querySelectorAll("button")].find((b) => b.dataset.slug === focusedSlug);
      (same || searchInput).focus();
    }
  }
  searchInput.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 200);
  });
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      results.querySelector("button")?.focus();
    }
  });
  results.addEventListener("keydown", (event) => {
    const buttons = [...results.querySelectorAll("button")];
    const index = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && index < buttons.length - 1) {
      event.preventDefault();
      buttons[index + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (index > 0 ? buttons[index - 1] : searchInput).focus();
    }
  });
  function openPicker(kind) {
    pickerKind = kind;
    pickerDialog.querySelector(".nd-dialog-title").textContent = `${KIND_LABELS[kind]} einbetten`;
    searchLabel.textContent = `${KIND_LABELS[kind]} suchen`;
    searchInput.value = "";
    results.replaceChildren();
    pickerDialog.showModal();
    searchInput.focus();
    search();
  }
  function pick(item) {
    closeDialog(pickerDialog);
    insertEmbed(item);
  }
  /** Puts the embed block at the cursor (replacing an empty paragraph) and writes on below it. */
  function insertEmbed(item) {
    const node = { type: "embed", attrs: { kind: item.kind, slug: item.slug } };
    const { $from } = editor.state.selection;
    const top = $from.depth ? $from.node(1) : null;
    let at;
    if (top && top.type.name === "paragraph" && top.content.size === 0) {
      at = $from.before(1);
      editor.chain().insertContentAt({ from: at, to: $from.after(1) }, node).run();
    } else {
      at = $from.depth ? $from.after(1) : editor.state.selection.to;
      editor.chain().insertContentAt(at, node).run();
    }
    // Writing goes on below the block, in the paragraph after it or a new one.
    const after = at + 1;
    const next = editor.state.doc.nodeAt(after);
    const chain = editor.chain().focus();
    if (!next || next.type.name !== "paragraph") chain.insertContentAt(after, { type: "paragraph" });
    chain.setTextSelection(after + 1).scrollIntoView().run();
  }

  // The media dialogs (galleries/article-embeds.js) announce a gallery or video made or picked
  // there; the editor takes it as a block at its cursor instead of a code line in the textarea.
  document.addEventListener("newsdesk:embed-chosen", (event) => {
    const { type, slug } = event.detail || {};
    if (!KIND_LABELS[type] || !/^[-a-zA-Z0-9_]+$/.test(slug || "")) return;
    event.preventDefault();
    insertEmbed({ kind: type, slug });
    sync();
  });

  return editor;
}

function start() {
  document.querySelectorAll("textarea[data-body-editor]").forEach((textarea) => {
    if (!textarea.bodyEditor) createBodyEditor(textarea);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
