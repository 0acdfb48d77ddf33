import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { brotliCompress, constants, gzip } from "node:zlib";
import { ASSET_FILES, type AppAssets, type Page } from "./page.js";

/** Thrown when the compiled app is not where the server looks for it. */
export class MiniAppMissingError extends Error {
  override name = "MiniAppMissingError";
}

/**
 * Reads the compiled app from `dir` (dist/app/, written by `npm run build`).
 *
 * @throws {MiniAppMissingError} when a file is missing
 */
export function readAssets(dir: string): AppAssets {
  try {
    return {
      script: readFileSync(join(dir, ASSET_FILES.script), "utf8"),
      search: readFileSync(join(dir, ASSET_FILES.search), "utf8"),
      style: readFileSync(join(dir, ASSET_FILES.style), "utf8"),
    };
  } catch {
    throw new MiniAppMissingError(`the Mini App is not built in ${dir} (npm run build writes it)`);
  }
}

/** Answers a request if it is for the app; `false` leaves it to the caller. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The page's request handler, and when its compressed copies are ready. */
export type PageHandler = RequestHandler & { compressed: Promise<void> };

const ACCEPTS = { br: /\bbr\b/, gzip: /\bgzip\b/ } as const;

/** The addresses the page answers at: the path itself, with a slash and as index.html. */
function pathsOf(path: string): Set<string> {
  const base = path.replace(/\/+$/, "");
  return new Set([base === "" ? "/" : base, `${base}/`, `${base}/index.html`]);
}

/**
 * Serves the Mini App's page (one self-contained HTML file) at `path`: GET
 * and HEAD, compressed with Brotli or gzip when the browser takes them,
 * revalidated by ETag, with a content security policy that lets the page
 * load and send nothing. Other requests are left to the caller.
 *
 * The page is compressed once, at the highest levels, in the background
 * (libuv's threads): it is served as it is until that is done.
 */
export function miniAppHandler(path: string, page: Page): PageHandler {
  const paths = pathsOf(path);
  const body = Buffer.from(page.html, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  const compressed = new Map<keyof typeof ACCEPTS, Buffer>();
  const done = Promise.all([
    new Promise<void>((resolve) =>
      brotliCompress(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }, (err, result) => {
        if (err === null) compressed.set("br", result);
        resolve();
      }),
    ),
    new Promise<void>((resolve) =>
      gzip(body, { level: 9 }, (err, result) => {
        if (err === null) compressed.set("gzip", result);
        resolve();
      }),
    ),
  ]).then(() => undefined);
  const headers = {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-cache",
    etag,
    vary: "accept-encoding",
    "content-security-policy": page.contentSecurityPolicy,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };

  const handler = (req: IncomingMessage, res: ServerResponse): boolean => {
    const pathname = (req.url ?? "/").split("?", 1)[0] ?? "/";
    if (!paths.has(pathname)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return true;
    }
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag, "cache-control": headers["cache-control"], vary: headers.vary }).end();
      return true;
    }
    const accepted = String(req.headers["accept-encoding"] ?? "");
    const encoding = (["br", "gzip"] as const).find((e) => compressed.has(e) && ACCEPTS[e].test(accepted));
    const payload = (encoding && compressed.get(encoding)) ?? body;
    res.writeHead(200, {
      ...headers,
      ...(encoding === undefined ? {} : { "content-encoding": encoding }),
      "content-length": payload.length,
    });
    res.end(req.method === "HEAD" ? undefined : payload);
    return true;
  };
  return Object.assign(handler, { compressed: done });
}

/**
 * A small HTTP server for the app alone, for long polling, where the bot has
 * no webhook server to serve it from. Anything else gets 404.
 */
export function createMiniAppServer(handler: RequestHandler): Server {
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  });
  server.keepAliveTimeout = 5000;
  return server;
}
