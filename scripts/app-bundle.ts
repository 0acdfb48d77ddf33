import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { ASSET_FILES, type AppAssets } from "../src/miniapp/page.js";

/** The app's entry points, and the notice of what each bundles, kept at the top of its script. */
const ENTRIES = {
  script: {
    file: join(import.meta.dirname, "..", "app", "index.tsx"),
    notice: "/*! Bundled: preact (MIT), @twa-dev/sdk (MIT, with Telegram's telegram-web-app.js) */",
  },
  search: {
    file: join(import.meta.dirname, "..", "app", "engine.ts"),
    notice:
      "/*! Bundled: minisearch (MIT, Luca Ongaro)," +
      " snowball-stemmers (ISC, Oleg Mazko; Snowball algorithms BSD, Martin Porter and Richard Boulton) */",
  },
} as const;

/** The stemmers the bot's search creates (src/matrix/search.ts): the reference's languages. */
export const STEMMERS = ["english", "russian"] as const;

/**
 * snowball-stemmers is one file with the stemmers of 24 languages (330 KB
 * minified), which no bundler can tree-shake. This drops the languages the
 * search does not use as the file is bundled: each is one block
 * (`var <language>Stemmer = function (...) {` … `}(SnowballStemmer);`) and
 * one entry of the map in `newStemmer`. The file's layout is checked, so a
 * new version of the package that changes it fails the build rather than
 * the page.
 */
export function onlyStemmers(keep: readonly string[]): Plugin {
  return {
    name: "only-stemmers",
    setup(b) {
      b.onLoad({ filter: /[\\/]snowball-stemmers[\\/]snowball-stemmers\.js$/ }, async (args) => {
        const lines = (await readFile(args.path, "utf8")).split("\n");
        const out: string[] = [];
        const seen = new Set<string>();
        const dropped = new Set<string>();
        let skipping: string | undefined;
        for (const line of lines) {
          if (skipping !== undefined) {
            if (line === "    }(SnowballStemmer);") skipping = undefined;
            continue;
          }
          const start = /^ {4}var ([a-z]+)Stemmer = function \(_SnowballStemmer\d*\) \{$/.exec(line);
          if (start?.[1] !== undefined) seen.add(start[1]);
          if (start?.[1] !== undefined && !keep.includes(start[1])) {
            skipping = start[1];
            dropped.add(start[1]);
            continue;
          }
          const entry = /^ {12}([a-z]+): ([a-z]+)Stemmer,?$/.exec(line);
          if (entry?.[1] !== undefined && entry[1] === entry[2] && !keep.includes(entry[1])) {
            if (!dropped.has(entry[1])) throw new Error(`snowball-stemmers: no block for "${entry[1]}"`);
            continue;
          }
          out.push(line);
        }
        const contents = out.join("\n");
        for (const language of keep) {
          if (
            !contents.includes(`var ${language}Stemmer = function`) ||
            !contents.includes(`${language}: ${language}Stemmer`)
          )
            throw new Error(`snowball-stemmers: the ${language} stemmer is not where it was expected`);
        }
        if (skipping !== undefined || dropped.size === 0 || dropped.size + keep.length !== seen.size)
          throw new Error("snowball-stemmers: the file's layout changed");
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * Compiles the Mini App (app/) into two scripts, the app and its search
 * engine, and one stylesheet, minified, for the browsers of Telegram's apps:
 * Android's WebView and iOS's WKWebView of the last few years, and desktop
 * browsers.
 */
export async function bundleApp(): Promise<AppAssets> {
  const result = await build({
    entryPoints: { app: ENTRIES.script.file, search: ENTRIES.search.file },
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
    // Telegram's script logs every event it exchanges with the client; where
    // something listens to the console, that log delayed the first paint.
    pure: ["console.log"],
    plugins: [onlyStemmers(STEMMERS)],
    logLevel: "silent",
  });
  // Named by the entry points: app.js, app.css and search.js, the files of ASSET_FILES.
  const output = (file: string) => result.outputFiles.find((f) => f.path.endsWith(`/${file}`))?.text;
  const script = output(ASSET_FILES.script);
  const search = output(ASSET_FILES.search);
  const style = output(ASSET_FILES.style);
  if (script === undefined || search === undefined || style === undefined)
    throw new Error("esbuild wrote no script, no search engine or no styles");
  return {
    script: `${ENTRIES.script.notice}\n${script}`,
    search: `${ENTRIES.search.notice}\n${search}`,
    style,
  };
}
