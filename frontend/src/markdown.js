// The body's Markdown dialect, read into and written from the editor's document.
//
// The same dialect as the reader pages (newsdesk/core/markup.py): CommonMark with raw HTML and
// pipe tables, and embed lines such as "[[gallery:slug]]" split off before parsing, exactly as
// split_body() does on the server. Raw HTML is kept verbatim in htmlBlock / htmlInline nodes, so
// nothing the renderer shows is lost on the way through the editor.
import MarkdownIt from "markdown-it";
import {
  MarkdownParser,
  MarkdownSerializer,
  MarkdownSerializerState,
  defaultMarkdownSerializer,
} from "prosemirror-markdown";

export const EMBED_KINDS = ["gallery", "video", "product", "article"];
// Mirrors EMBED_LINE in newsdesk/core/markup.py.
const EMBED_LINE = /^[ \t]*\[\[([a-z]+):([^\]\s]+)\]\][ \t]*$/gm;

function cellParagraphs(md) {
  // ProseMirror table cells hold blocks; markdown-it puts inline content straight into th/td.
  md.core.ruler.push("cell_paragraphs", (state) => {
    const out = [];
    for (const token of state.tokens) {
      if (token.type === "inline" && out.length && /^t[hd]_open$/.test(out[out.length - 1].type)) {
        out.push(new state.Token("paragraph_open", "p", 1));
        out.push(token);
        out.push(new state.Token("paragraph_close", "p", -1));
      } else {
        out.push(token);
      }
    }
    state.tokens = out;
  });
}

export function markdownIt() {
  const md = MarkdownIt("commonmark", { html: true, linkify: false, typographer: false });
  md.enable("table");
  md.use(cellParagraphs);
  return md;
}

function listIsTight(tokens, i) {
  while (++i < tokens.length) {
    if (tokens[i].type !== "list_item_open") return tokens[i].hidden;
  }
  return false;
}

const TOKENS = {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "listItem" },
  bullet_list: {
    block: "bulletList",
    getAttrs: (_tok, tokens, i) => ({ tight: listIsTight(tokens, i) }),
  },
  ordered_list: {
    block: "orderedList",
    getAttrs: (tok, tokens, i) => ({
      start: +tok.attrGet("start") || 1,
      tight: listIsTight(tokens, i),
    }),
  },
  heading: { block: "heading", getAttrs: (tok) => ({ level: +tok.tag.slice(1) }) },
  code_block: { block: "codeBlock", noCloseToken: true },
  fence: {
    block: "codeBlock",
    getAttrs: (tok) => ({ language: tok.info || null }),
    noCloseToken: true,
  },
  hr: { node: "horizontalRule" },
  image: {
    node: "image",
    getAttrs: (tok) => ({
      src: tok.attrGet("src"),
      title: tok.attrGet("title") || null,
      alt: (tok.children[0] && tok.children[0].content) || null,
    }),
  },
  hardbreak: { node: "hardBreak" },
  em: { mark: "italic" },
  strong: { mark: "bold" },
  link: {
    mark: "link",
    getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }),
  },
  code_inline: { mark: "code", noCloseToken: true },
  table: { block: "table" },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "tableRow" },
  th: { block: "tableHeader" },
  td: { block: "tableCell" },
  html_block: { node: "htmlBlock", getAttrs: (tok) => ({ html: tok.content }) },
  html_inline: { node: "htmlInline", getAttrs: (tok) => ({ html: tok.content }) },
};

/** The body as alternating Markdown chunks and embeds, like split_body() on the server. */
export function splitBody(text) {
  const parts = [];
  let position = 0;
  for (const match of text.matchAll(EMBED_LINE)) {
    if (!EMBED_KINDS.includes(match[1])) continue;
    const chunk = text.slice(position, match.index);
    if (chunk.trim()) parts.push(chunk);
    parts.push({ kind: match[1], slug: match[2] });
    position = match.index + match[0].length;
  }
  const rest = text.slice(position);
  if (rest.trim()) parts.push(rest);
  return parts;
}

/** Markdown (with embed lines) to a ProseMirror document of ``schema``. */
export function parseMarkdown(schema, text) {
  const parser = new MarkdownParser(schema, markdownIt(), TOKENS);
  const blocks = [];
  for (const part of splitBody(text.replace(/\r\n?/g, "\n"))) {
    if (typeof part === "string") {
      parser.parse(part).forEach((node) => blocks.push(node));
    } else {
      blocks.push(schema.nodes.embed.create(part));
    }
  }
  if (!blocks.length) blocks.push(schema.nodes.paragraph.create());
  return schema.nodes.doc.create(null, blocks);
}

// Beyond prosemirror-markdown's own escaping: what would otherwise turn typed text into raw
// HTML, an entity or (inside tables) a cell boundary.
const defaultEsc = MarkdownSerializerState.prototype.esc;
MarkdownSerializerState.prototype.esc = function esc(str, startOfLine = false) {
  let out = defaultEsc.call(this, str, startOfLine);
  out = out.replace(/<(?=[A-Za-z/!?])/g, "\\<").replace(/&(?=#?\w+;)/g, "\\&");
  if (this.inTableCell) out = out.replace(/\|/g, "\\|");
  return out;
};

function listMarkerFor(state, node, markers) {
  // Two lists in a row stay two lists only with a different marker (CommonMark 5.3).
  state.listMarkers ??= new Map();
  const adjacent = state.closed && state.closed.type === node.type;
  const previous = adjacent ? state.listMarkers.get(state.closed) : null;
  const marker = previous === markers[0] ? markers[1] : markers[0];
  state.listMarkers.set(node, marker);
  return marker;
}

function serializeCell(state, cell) {
  const sub = new MarkdownSerializerState(state.nodes, state.marks, state.options);
  sub.inTableCell = true;
  cell.forEach((block, _offset, index) => {
    if (index) sub.write("<br>");
    if (block.isTextblock) sub.renderInline(block);
    else sub.out += block.textContent;
  });
  return sub.out.replace(/\n/g, " ").trim();
}

const NODES = {
  blockquote(state, node) {
    state.wrapBlock("> ", null, node, () => state.renderContent(node));
  },
  codeBlock(state, node) {
    const backticks = node.textContent.match(/`{3,}/gm);
    const fence = backticks ? backticks.sort().slice(-1)[0] + "`" : "```";
    state.write(fence + (node.attrs.language || "") + "\n");
    state.text(node.textContent, false);
    state.write("\n");
    state.write(fence);
    state.closeBlock(node);
  },
  heading(state, node) {
    state.write(state.repeat("#", node.attrs.level) + " ");
    state.renderInline(node, false);
    state.closeBlock(node);
  },
  horizontalRule(state, node) {
    state.write("---");
    state.closeBlock(node);
  },
  bulletList(state, node) {
    const marker = listMarkerFor(state, node, ["- ", "* "]);
    state.renderList(node, "  ", () => marker);
  },
  orderedList(state, node) {
    const start = node.attrs.start ?? 1;
    const delimiter = listMarkerFor(state, node, [". ", ") "]);
    const width = String(start + node.childCount - 1).length;
    const space = state.repeat(" ", width + 2);
    state.renderList(node, space, (i) => {
      const number = String(start + i);
      return state.repeat(" ", width - number.length) + number + delimiter;
    });
  },
  listItem(state, node) {
    state.renderContent(node);
  },
  paragraph(state, node) {
    state.renderInline(node);
    state.closeBlock(node);
  },
  image: defaultMarkdownSerializer.nodes.image,
  hardBreak: defaultMarkdownSerializer.nodes.hard_break,
  text(state, node) {
    state.text(node.text, !state.inAutolink);
  },
  table(state, node) {
    node.forEach((row, _offset, index) => {
      const cells = [];
      row.forEach((cell) => cells.push(serializeCell(state, cell)));
      state.write("| " + cells.join(" | ") + " |");
      state.ensureNewLine();
      if (index === 0) {
        state.write("|" + cells.map(() => " --- ").join("|") + "|");
        state.ensureNewLine();
      }
    });
    state.closeBlock(node);
  },
  tableRow() {},
  tableHeader() {},
  tableCell() {},
  embed(state, node) {
    state.write(`[[${node.attrs.kind}:${node.attrs.slug}]]`);
    state.closeBlock(node);
  },
  htmlBlock(state, node) {
    state.text(node.attrs.html.replace(/\n+$/, ""), false);
    state.closeBlock(node);
  },
  htmlInline(state, node) {
    state.write(node.attrs.html);
  },
};

const MARKS = {
  italic: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
  bold: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
  link: defaultMarkdownSerializer.marks.link,
  code: defaultMarkdownSerializer.marks.code,
};

const serializer = new MarkdownSerializer(NODES, MARKS);

/** A ProseMirror document back to the stored Markdown. */
export function serializeMarkdown(doc) {
  const text = serializer.serialize(doc, { tightLists: true });
  return text ? text.replace(/\s+$/, "") + "\n" : "";
}
