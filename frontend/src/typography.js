// German typography as you type: „quotes“, the spaced dash, … and a non-breaking space between
// a number and its unit. Switchable from the toolbar; the choice is kept in the browser.
import { Extension, InputRule } from "@tiptap/core";

const STORAGE_KEY = "newsdesk.editor.typography";
const UNITS = "mAh|Wh|kWh|GB|TB|MB|kB|Zoll|Euro|Cent|€|%|W|V|Hz|kHz|MHz|GHz|mm|cm|m|km|g|kg|fps|Mbit/s|Gbit/s|ms|s|h";

export function typographyPreferred() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

export function rememberTypography(enabled) {
  try {
    window.localStorage.setItem(STORAGE_KEY, enabled ? "on" : "off");
  } catch {
    // Private windows may refuse storage; the switch then lasts for this page.
  }
}

export const GermanTypography = Extension.create({
  name: "germanTypography",
  addStorage() {
    return { enabled: true };
  },
  addInputRules() {
    const storage = this.storage;
    const rule = (find, replace) =>
      new InputRule({
        find,
        handler: ({ state, range, match }) => {
          if (!storage.enabled) return null;
          const { from, to, text } = replace(match, range);
          state.tr.insertText(text, from, to);
        },
      });
    // The match's last character is the typed one (already in the document or not yet).
    const typed = (match, range) => ({ from: range.from + match[0].length - 1, to: range.to });
    return [
      rule(/(?:^|[\s([{\u2013/])"$/, (match, range) => ({ ...typed(match, range), text: "\u201e" })),
      rule(/[^\s]"$/, (match, range) => ({ ...typed(match, range), text: "\u201c" })),
      // Literal spaces, not \s: Tiptap runs input rules on Enter too, with the text "\n".
      rule(/ - $/, (match, range) => ({ from: range.from, to: range.to, text: " \u2013 " })),
      rule(/\.\.\.$/, (match, range) => ({ from: range.from, to: range.to, text: "\u2026" })),
      rule(
        new RegExp(`(\\d) (${UNITS})([ .,;:!?)])$`),
        (match, range) => ({
          from: range.from,
          to: range.to,
          text: `${match[1]}\u00a0${match[2]}${match[3]}`,
        }),
      ),
    ];
  },
});
