// Reads a JSON list of Markdown bodies on stdin and prints each after a trip through the
// editor's document (parse, then serialise). Used by newsdesk/articles/tests/test_editor.py.
import { getSchema } from "@tiptap/core";
import { parseMarkdown, serializeMarkdown } from "./src/markdown.js";
import { extensions } from "./src/schema.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const schema = getSchema(extensions());
const bodies = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const out = bodies.map((body) => serializeMarkdown(parseMarkdown(schema, body)));
process.stdout.write(JSON.stringify(out));
