import { join } from "node:path";
import { build } from "esbuild";
import type { AppAssets } from "../src/miniapp/page.js";

/** The app's entry point. */
const ENTRY = join(import.meta.dirname, "..", "app", "index.tsx");

/**
 * Compiles the Mini App (app/) into one script and one stylesheet, minified,
 * for the browsers of Telegram's apps: Android's WebView and iOS's WKWebView
 * of the last few years, and desktop browsers.
 */
export async function bundleApp(): Promise<AppAssets> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    write: false,
    outdir: "out",
    format: "iife",
    platform: "browser",
    target: ["chrome100", "safari15", "firefox100"],
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    charset: "utf8",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const script = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text;
  const style = result.outputFiles.find((f) => f.path.endsWith(".css"))?.text;
  if (script === undefined || style === undefined) throw new Error("esbuild wrote no script or no styles");
  return { script, style };
}
