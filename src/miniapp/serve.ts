import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
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
      style: readFileSync(join(dir, ASSET_FILES.style), "utf8"),
    };
  } catch {
    throw new MiniAppMissingError(`the Mini App is not built in ${dir} (npm run build writes it)`);
  }
}

/** Answers a request if it is for the app; `false` leaves it to the caller. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

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
 */
export function miniAppHandler(path: string, page: Page): RequestHandler {
  const paths = pathsOf(path);
  const body = Buffer.from(page.html, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  const compressed = new Map<string, Buffer>();
  const encoded = (encoding: "br" | "gzip"): Buffer => {
    let known = compressed.get(encoding);
    if (known === undefined) {
      known = encoding === "br" ? brotliCompressSync(body) : gzipSync(body, { level: 9 });
      compressed.set(encoding, known);
    }
    return known;
  };
  const headers = {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-cache",
    etag,
    vary: "accept-encoding",
    "content-security-policy": page.contentSecurityPolicy,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };

  return (req, res) => {
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
    const encoding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : undefined;
    const payload = encoding === undefined ? body : encoded(encoding);
    res.writeHead(200, {
      ...headers,
      ...(encoding === undefined ? {} : { "content-encoding": encoding }),
      "content-length": payload.length,
    });
    res.end(req.method === "HEAD" ? undefined : payload);
    return true;
  };
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
