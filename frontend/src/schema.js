// The editor's document model: Tiptap extensions limited to what the body's Markdown can hold.
import { InputRule, Node, mergeAttributes } from "@tiptap/core";
import Document from "@tiptap/extension-document";
import StarterKit from "@tiptap/starter-kit";
import Image from "@tiptap/extension-image";
import { Table, TableRow, TableHeader, TableCell } from "@tiptap/extension-table";
import { BulletList, OrderedList } from "@tiptap/extension-list";
import { EMBED_KINDS } from "./markdown.js";
import { GermanTypography } from "./typography.js";

const tight = {
  tight: {
    default: true,
    parseHTML: (element) => element.getAttribute("data-tight") !== "false",
    renderHTML: (attributes) => ({ "data-tight": attributes.tight ? "true" : "false" }),
  },
};

/** Gallery, video, product box or related article: stored as an "[[kind:slug]]" line. */
export const Embed = Node.create({
  name: "embed",
  group: "embed",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      kind: { default: "gallery", parseHTML: (el) => el.getAttribute("data-kind") },
      slug: { default: "", parseHTML: (el) => el.getAttribute("data-slug") },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-embed]" }];
  },
  renderHTML({ node }) {
    return [
      "div",
      { "data-embed": "", "data-kind": node.attrs.kind, "data-slug": node.attrs.slug },
      `[[${node.attrs.kind}:${node.attrs.slug}]]`,
    ];
  },
  addInputRules() {
    // Typing a code the old way still makes a block.
    const find = new RegExp(`^\\[\\[(${EMBED_KINDS.join("|")}):([^\\]\\s]+)\\]\\]$`);
    return [
      new InputRule({
        find,
        handler: ({ state, range, match }) => {
          const $from = state.doc.resolve(range.from);
          if ($from.depth !== 1) return null;
          const node = this.type.create({ kind: match[1], slug: match[2] });
          state.tr.replaceWith($from.before(), $from.after(), node);
        },
      }),
    ];
  },
});

/** Raw HTML kept verbatim from the stored Markdown (imported WordPress figures, for example). */
export const HtmlBlock = Node.create({
  name: "htmlBlock",
  group: "block",
  atom: true,
  addAttributes() {
    return { html: { default: "", parseHTML: (el) => el.getAttribute("data-html") || "" } };
  },
  parseHTML() {
    return [{ tag: "div[data-html-block]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "div",
      mergeAttributes(HTMLAttributes, { "data-html-block": "", class: "nd-html-block" }),
      ["code", node.attrs.html],
    ];
  },
});

export const HtmlInline = Node.create({
  name: "htmlInline",
  group: "inline",
  inline: true,
  atom: true,
  addAttributes() {
    return { html: { default: "", parseHTML: (el) => el.getAttribute("data-html") || "" } };
  },
  parseHTML() {
    return [{ tag: "span[data-html-inline]" }];
  },
  renderHTML({ node }) {
    return [
      "span",
      { "data-html-inline": "", "data-html": node.attrs.html, class: "nd-html-inline" },
      node.attrs.html,
    ];
  },
});

export function extensions() {
  return [
    Document.extend({ content: "(block | embed)+" }),
    StarterKit.configure({
      document: false,
      strike: false,
      underline: false,
      bulletList: false,
      orderedList: false,
      heading: { levels: [1, 2, 3, 4, 5, 6] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        // No custom protocols: http, https and mailto are linkify's own, and registering them
        // again made linkify warn "already initialized" in the console on every editor start.
        HTMLAttributes: { rel: null, target: null, class: null },
      },
    }),
    BulletList.extend({ addAttributes: () => ({ ...tight }) }),
    OrderedList.extend({
      addAttributes() {
        return { ...this.parent?.(), ...tight };
      },
    }),
    Image.configure({ inline: true }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    Embed,
    HtmlBlock,
    HtmlInline,
    GermanTypography,
  ];
}
