// Bundles the body editor for Django's static files: `npm run build` (the Makefile runs it).
import * as esbuild from "esbuild";

await esbuild.build({
  entryPoints: { editor: "src/editor.js", "editor-style": "src/editor.css" },
  outdir: "../newsdesk/articles/static/articles/editor",
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  logLevel: "warning",
});
