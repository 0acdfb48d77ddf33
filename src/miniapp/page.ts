import { createHash } from "node:crypto";
import { type AppData, SEARCH_ENGINE_ID } from "./shape.js";

/** The app's compiled code and styles, as `npm run build` writes them to dist/app/. */
export interface AppAssets {
  /** The app itself, run as the page loads. */
  script: string;
  /** The search engine (app/engine.ts), run by the app when it builds its index. */
  search: string;
  style: string;
}

/** The files of {@link AppAssets} in their folder. */
export const ASSET_FILES = { script: "app.js", search: "search.js", style: "app.css" } as const;

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64");

/**
 * The page's content security policy: its inline scripts (by hash) and
 * nothing from anywhere, so the browser itself keeps the promise that the
 * page loads nothing and sends nothing. Styles may be inline because
 * Telegram's script adds one for Telegram Web.
 */
export function contentSecurityPolicy(scripts: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map((script) => `'sha256-${sha256(script)}'`).join(" ")}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** JSON that is safe inside a script element: no "</script>" or "<!--" can end it early. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

function refuseToEmbed(text: string, closing: string, what: string): string {
  if (text.toLowerCase().includes(closing)) throw new Error(`the app's ${what} contains "${closing}"`);
  return text;
}

/** The app's page, and the policy its server should send with it. */
export interface Page {
  html: string;
  /** The same policy the page states in its own meta tag. */
  contentSecurityPolicy: string;
}

/**
 * The Mini App as one self-contained HTML page: styles, code and data
 * inline, so that it opens with one request from any static host. The
 * search engine's code comes last and as inert text, which the browser
 * neither compiles nor runs until the app asks for it.
 */
export function renderPage(assets: AppAssets, data: AppData): Page {
  const script = refuseToEmbed(assets.script, "</script", "script");
  const search = refuseToEmbed(assets.search, "</script", "search engine");
  const style = refuseToEmbed(assets.style, "</style", "styles");
  const policy = contentSecurityPolicy([script, search]);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>Bot API or MTProto?</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
<div id="app"><noscript>This page needs JavaScript.</noscript></div>
<script id="app-data" type="application/json">${embeddedJson(data)}</script>
<script>${script}</script>
<script type="text/plain" id="${SEARCH_ENGINE_ID}">${search}</script>
</body>
</html>
`;
  return { html, contentSecurityPolicy: policy };
}
