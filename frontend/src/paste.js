// Clipboard HTML from Word, LibreOffice, Google Docs and web pages, cleaned to what the body's
// Markdown can hold: headings, bold, italic, links, lists, quotes, tables. Styles, classes,
// scripts and tracking parameters go; Word's paragraph "lists" become real lists.

const DROP = "script, style, meta, link, title, xml, iframe, object, embed, form, noscript, svg";
const KEEP_ATTRIBUTES = { A: ["href", "title"], IMG: ["src", "alt", "title"], TD: ["colspan", "rowspan"], TH: ["colspan", "rowspan"], OL: ["start"] };
const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi)$/i;

function styleOf(element) {
  return (element.getAttribute("style") || "").toLowerCase().replace(/\s+/g, "");
}

function cleanHref(href) {
  try {
    const url = new URL(href);
    for (const key of [...url.searchParams.keys()]) {
      if (TRACKING.test(key)) url.searchParams.delete(key);
    }
    // Google Docs wraps outbound links in its own redirect.
    if (url.hostname === "www.google.com" && url.pathname === "/url" && url.searchParams.get("q")) {
      return cleanHref(url.searchParams.get("q"));
    }
    return url.toString();
  } catch {
    return href;
  }
}

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function rename(element, tag) {
  const replacement = element.ownerDocument.createElement(tag);
  replacement.append(...element.childNodes);
  element.replaceWith(replacement);
  return replacement;
}

/** Word and LibreOffice write list items as paragraphs with "mso-list" styles and a marker. */
function wordLists(root) {
  const items = [...root.querySelectorAll("p")].filter(
    (p) => /mso-list:/.test(styleOf(p)) || /MsoListParagraph/.test(p.className),
  );
  let list = null;
  for (const p of items) {
    const marker = p.querySelector("span[style*='mso-list' i]");
    const markerText = (marker ? marker.textContent : "").trim();
    if (marker) marker.remove();
    const tag = /^[\da-z]{1,3}[.)]$/i.test(markerText) ? "OL" : "UL";
    // Items join the list right before them; anything in between starts a new one.
    if (!list || p.previousElementSibling !== list || list.tagName !== tag) {
      list = root.ownerDocument.createElement(tag);
      p.before(list);
    }
    const li = root.ownerDocument.createElement("li");
    li.append(...p.childNodes);
    list.append(li);
    p.remove();
  }
  // Text nodes holding only non-breaking spaces Word puts after markers.
  root.querySelectorAll("li").forEach((li) => {
    if (li.firstChild && li.firstChild.nodeType === 3) {
      li.firstChild.textContent = li.firstChild.textContent.replace(/^[\s\u00a0]+/, "");
    }
  });
}

export function cleanPastedHtml(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const root = doc.body;
  root.querySelectorAll(DROP).forEach((el) => el.remove());
  // Comments (Word's conditional blocks among them).
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
  wordLists(root);
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
  root.querySelectorAll("b[id^='docs-internal-guid']").forEach(unwrap);
  for (const el of [...root.querySelectorAll("*")]) {
    const style = styleOf(el);
    if (el.tagName === "SPAN" || el.tagName === "FONT") {
      let inner = el;
      if (/font-weight:(bold|[6-9]00)/.test(style)) inner = wrapIn(inner, "strong");
      if (/font-style:italic/.test(style)) inner = wrapIn(inner, "em");
      unwrap(el);
      continue;
    }
    if (el.tagName === "B" && /font-weight:(normal|400)/.test(style)) {
      unwrap(el);
      continue;
    }
    if (el.tagName.includes(":")) {
      // <o:p>, <w:…>: Office's own namespaces.
      unwrap(el);
      continue;
    }
    if (el.tagName === "H1") {
      cleanAttributes(rename(el, "h2"));
      continue;
    }
    if (el.tagName === "DIV" || el.tagName === "SECTION" || el.tagName === "ARTICLE") {
      if (!el.querySelector("p, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote")) {
        cleanAttributes(rename(el, "p"));
      } else {
        unwrap(el);
      }
      continue;
    }
    cleanAttributes(el);
  }
  return root.innerHTML;
}

function wrapIn(el, tag) {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...el.childNodes);
  el.append(wrapper);
  return wrapper;
}

function cleanAttributes(el) {
  const keep = KEEP_ATTRIBUTES[el.tagName] || [];
  for (const attribute of [...el.attributes]) {
    if (!keep.includes(attribute.name)) el.removeAttribute(attribute.name);
  }
  if (el.tagName === "A" && el.hasAttribute("href")) {
    el.setAttribute("href", cleanHref(el.getAttribute("href")));
  }
}
