import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Activity } from "./activity.js";
import { parseRequest, type ParsedBody } from "./body.js";
import type { Calls } from "./calls.js";
import { ApiError, badRequest } from "./errors.js";
import type { Outcome } from "./types.js";
import type { Validator } from "./validate.js";

/** Starts an HTTP server on 127.0.0.1 with a free port. */
export async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** What the HTTP front needs: the token, the methods' names, the calls, file downloads. */
export interface HttpHost {
  token: string;
  validator: Validator;
  calls: Calls;
  activity: Activity;
  /** Serves a download by its file_path; false when there is no such file. */
  serveFile(path: string, res: ServerResponse): boolean;
}

/**
 * The Bot API over HTTP: `/bot<token>/<method>` (GET or POST, JSON, urlencoded
 * or multipart) and `/file/bot<token>/<path>` downloads, answered with
 * Telegram's bodies and the HTTP status equal to `error_code`.
 */
export class HttpFront {
  /** Calls in progress, a waiting getUpdates aside. */
  inflight = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly server: Server,
    private readonly host: HttpHost,
  ) {
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      const p = this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` }));
        }
      });
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    });
  }

  /** Waits at most a second for requests in progress, then closes every connection. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.pending]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000))),
    ]);
    // The timer must not keep the process alive after that.
    clearTimeout(timer);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { token, validator, calls, activity } = this.host;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fileRoute = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (fileRoute) {
      if (fileRoute[1] !== token) send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      else if (!this.host.serveFile(decodeURIComponent(fileRoute[2] ?? ""), res))
        send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const route = /^\/bot([^/]*)\/([^/]*)\/?$/.exec(url.pathname);
    if (!route) {
      send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const methodName = route[2] ?? "";
    const isPoll = methodName.toLowerCase() === "getupdates";
    if (!isPoll) this.inflight++;
    activity.changed();
    const refuse = (method: string, error: ApiError): void => {
      calls.record(method, {}, { kind: "error", error }, "http");
      sendOutcome(res, { kind: "error", error });
    };
    try {
      if (route[1] !== token) {
        req.resume();
        refuse(methodName, new ApiError(401, "Unauthorized"));
        return;
      }
      const method = validator.resolveMethod(methodName);
      if (method === undefined) {
        req.resume();
        refuse(methodName, new ApiError(404, "Not Found"));
        return;
      }
      let body: ParsedBody;
      try {
        body = await parseRequest(req, url);
      } catch (err) {
        refuse(method, err instanceof ApiError ? err : badRequest(String(err)));
        return;
      }
      sendOutcome(res, await calls.execute(method, body, { res, files: body.files, source: "http" }));
    } finally {
      if (!isPoll) this.inflight--;
      activity.changed();
    }
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function sendOutcome(res: ServerResponse, outcome: Outcome): void {
  switch (outcome.kind) {
    case "drop":
      res.socket?.destroy();
      return;
    case "reset":
      res.socket?.resetAndDestroy();
      return;
    case "hang":
      return;
    case "raw":
      send(res, 200, outcome.body);
      return;
    case "ok": {
      const payload: Record<string, unknown> = { ok: true, result: outcome.result };
      if (outcome.description !== undefined) payload.description = outcome.description;
      send(res, 200, payload);
      return;
    }
    case "error": {
      const { error } = outcome;
      const payload: Record<string, unknown> = {
        ok: false,
        error_code: error.errorCode,
        description: error.description,
      };
      if (error.parameters !== undefined) payload.parameters = error.parameters;
      send(res, error.errorCode, payload);
    }
  }
}
