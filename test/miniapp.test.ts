import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onlyStemmers, STEMMERS } from "../scripts/app-bundle.js";
import { loadCatalog } from "../src/matrix/load.js";
import { normalizeTerm } from "../src/matrix/search.js";
import { appData } from "../src/miniapp/data.js";
import { renderPage } from "../src/miniapp/page.js";
import { createMiniAppServer, miniAppHandler } from "../src/miniapp/serve.js";
import { type AppData, SEARCH_ENGINE_ID } from "../src/miniapp/shape.js";
import { STRINGS } from "../app/strings.js";
import { tr } from "./harness.js";
import { appAssets } from "./support/miniapp.js";

/** The page with its data must stay under this, gzipped. */
const PAGE_BUDGET = 150 * 1024;

/** The data embedded in a page, read back as the browser reads it. */
function embeddedData(html: string): AppData {
  const start = html.indexOf('<script id="app-data" type="application/json">');
  const end = html.indexOf("</script>", start);
  return JSON.parse(html.slice(html.indexOf(">", start) + 1, end)) as AppData;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the Mini App's data", () => {
  const catalog = loadCatalog("data");
  const data = appData(catalog, "compare_test_bot");

  it("holds every section and row of data/ in both languages, in order", () => {
    expect(data.bot).toBe("compare_test_bot");
    for (const locale of ["en", "ru"] as const) {
      const matrix = catalog.get(locale);
      const ours = data.locales[locale];
      expect(ours.sections.map((s) => s.title)).toEqual(matrix.sections.map((s) => s.title));
      expect(ours.rows.map((r) => r.slug)).toEqual(catalog.slugs);
      ours.rows.forEach((row, i) => {
        const source = matrix.rows[i];
        expect(row.title).toBe(source?.title);
        expect(row.needs).toBe(source?.needs);
        expect(Object.keys(row.sides)).toEqual(["bot_api", "mtproto_bot", "mtproto_user"]);
        expect(Object.values(row.sides).map((s) => s.mark)).toEqual(source?.sides.map((s) => s.mark));
        expect(row.links.map((l) => l.url)).toEqual(source?.links.map((l) => l.url));
      });
    }
    expect(data.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("cannot end its script element early, whatever the text", async () => {
    const evil = structuredClone(data);
    const row = evil.locales.en.rows[0];
    if (row === undefined) throw new Error("no rows");
    row.title = `</script><script>alert(1)</script><!-- ${row.title}`;
    const { html } = renderPage(await appAssets(), evil);
    // The data, the app and the search engine's text: nothing more.
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(embeddedData(html).locales.en.rows[0]?.title).toBe(row.title);
  });

  it("carries the search engine as text, out of the script that draws the page", async () => {
    const assets = await appAssets();
    // Messages of the stemmers' and MiniSearch's own code, which survive minifying.
    for (const code of ["Snowball: faulty slice", "MiniSearch: document"]) {
      expect(assets.script).not.toContain(code);
      expect(assets.search).toContain(code);
    }
    const { html, contentSecurityPolicy } = renderPage(assets, data);
    const inert = `<script type="text/plain" id="${SEARCH_ENGINE_ID}">${assets.search}</script>`;
    expect(html.indexOf(inert)).toBeGreaterThan(html.indexOf(`<script>${assets.script}</script>`));
    expect(contentSecurityPolicy.match(/'sha256-[^']+'/g)).toHaveLength(2);
  });

  it(`is under ${PAGE_BUDGET / 1024} KB gzipped with the page`, async () => {
    const { html } = renderPage(await appAssets(), data);
    const gzipped = gzipSync(html, { level: 9 }).length;
    expect(gzipped).toBeLessThan(PAGE_BUDGET);
  });
});

describe("the app's words", () => {
  it("name the sides and marks as the bot does", () => {
    for (const locale of ["en", "ru"] as const) {
      const s = STRINGS[locale];
      const bare = (key: string) => tr(locale, key).replace(/^\S+ /u, "");
      expect(s.sides).toEqual({
        bot_api: bare("side-bot-api"),
        mtproto_bot: bare("side-mtproto-bot"),
        mtproto_user: bare("side-mtproto-user"),
      });
      for (const mark of ["yes", "partly", "local", "no"] as const)
        expect(s.marks[mark]).toBe(tr(locale, `mark-${mark}`));
      expect(s.same).toEqual({
        mtproto_bot: tr(locale, "same-mtproto-bot"),
        mtproto_user: tr(locale, "same-mtproto-user"),
      });
    }
  });
});

describe("the bundled stemmers", () => {
  it("stem every word of data/ as the bot's own search does", async () => {
    // normalizeTerm bundled as the page bundles it, with only the stemmers it uses.
    const result = await build({
      stdin: { contents: `export { normalizeTerm } from "./src/matrix/search.ts";`, resolveDir: ".", loader: "ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      plugins: [onlyStemmers(STEMMERS)],
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.text ?? "";
    expect(code).not.toContain("frenchStemmer");
    const bundled = (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as {
      normalizeTerm: typeof normalizeTerm;
    };
    const catalog = loadCatalog("data");
    const words = new Set<string>();
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows) {
        const text = [row.title, row.summary, ...row.keywords, ...row.sides.flatMap((s) => s.lines)].join(" ");
        for (const w of text.split(/[^\p{L}\p{N}]+/u)) if (w !== "") words.add(w);
      }
    }
    expect(words.size).toBeGreaterThan(100);
    for (const word of words) expect(bundled.normalizeTerm(word), word).toEqual(normalizeTerm(word));
  });
});

describe("serving the page", () => {
  let port: number;
  let close: () => Promise<void>;
  let html: string;
  let policy: string;

  beforeAll(async () => {
    const page = renderPage(await appAssets(), appData(loadCatalog("data"), "compare_test_bot"));
    html = page.html;
    policy = page.contentSecurityPolicy;
    const handler = miniAppHandler("/app/", page);
    const server = createMiniAppServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await handler.compressed;
    port = (server.address() as AddressInfo).port;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it("answers at its path, with a slash and as index.html, and 404 elsewhere", async () => {
    for (const path of ["/app", "/app/", "/app/index.html", "/app?bot=other_bot"]) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(200);
      expect(answer.body.toString("utf8")).toBe(html);
    }
    expect((await get(port, "/")).status).toBe(404);
    expect((await get(port, "/app/app.js")).status).toBe(404);
    const posted = await get(port, "/app", {}, "POST");
    expect(posted.status).toBe(405);
    expect(posted.headers["allow"]).toBe("GET, HEAD");
  });

  it("sends its content security policy: nothing may load or be sent anywhere", async () => {
    const answer = await get(port, "/app");
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["content-security-policy"]).toBe(policy);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/https?:/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy}">`);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("compresses with Brotli or gzip, and answers 304 to a page the browser has", async () => {
    const br = await get(port, "/app", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString("utf8")).toBe(html);
    const gz = await get(port, "/app", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString("utf8")).toBe(html);
    expect(gz.body.length).toBeLessThan(PAGE_BUDGET);
    const etag = String(gz.headers["etag"]);
    const again = await get(port, "/app", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get(port, "/app", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(html));
  });
});

describe("npm run build:app", () => {
  it("writes a static copy: one index.html with the reference and the bot's name", () => {
    const out = mkdtempSync(join(tmpdir(), "app-"));
    try {
      const printed = execFileSync(
        process.execPath,
        ["--import", "tsx", join("scripts", "build-app.ts"), `--out=${out}`, "--bot=@compare_test_bot"],
        { encoding: "utf8" },
      );
      expect(printed).toMatch(/index\.html: [\d.]+ KB, [\d.]+ KB gzipped/);
      const html = readFileSync(join(out, "index.html"), "utf8");
      const data = embeddedData(html);
      expect(data.bot).toBe("compare_test_bot");
      expect(data.locales.ru.rows.map((r) => r.slug)).toEqual(loadCatalog("data").slugs);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses a name that is no bot's username", () => {
    expect(() =>
      execFileSync(process.execPath, ["--import", "tsx", join("scripts", "build-app.ts"), "--bot=no"], {
        stdio: "pipe",
      }),
    ).toThrow(/--bot must be/);
  }, 60_000);
});
