import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";

/** Telegram's header carrying the webhook's secret token. */
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** Largest request body accepted: an update is a few kilobytes at most. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * How long a request waits for its update to be handled before Telegram is
 * answered anyway (grammY's own webhook default). The update goes on in the
 * background; Telegram would otherwise retry it.
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Remembers which updates were handled, so a retried delivery runs once. */
export interface UpdateDeduplicator {
  /** Resolves to `true` the first time an update id is seen, `false` after. */
  firstTime(updateId: number): Promise<boolean>;
}

/**
 * Deduplicates in this process's memory: remembers at least the last
 * `capacity` ids and at most twice as many, in two generations, so that
 * forgetting costs nothing per update. Telegram retries an update within
 * minutes, not days.
 */
export class MemoryDeduplicator implements UpdateDeduplicator {
  private current = new Set<number>();
  private previous = new Set<number>();
  constructor(private readonly capacity = 10_000) {}
  firstTime(updateId: number): Promise<boolean> {
    if (this.current.has(updateId) || this.previous.has(updateId)) return Promise.resolve(false);
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(updateId);
    return Promise.resolve(true);
  }
}

/** What the health endpoint reports besides the mode and uptime. */
export type HealthCheck = () => Promise<Record<string, unknown>>;

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /** Handles one update; a grammY bot's `handleUpdate`. */
  handleUpdate: (update: Update) => Promise<void>;
  /** Path Telegram posts to, from the webhook URL. */
  path: string;
  /** The secret_token given to setWebhook. */
  secret: string;
  /**
   * Secrets still accepted while a new one rolls out: instances that
   * already run with the new secret call setWebhook with it, while Telegram
   * may still send the old one to the others for a moment.
   */
  previousSecrets?: readonly string[];
  logger: Logger;
  dedupe?: UpdateDeduplicator;
  health?: HealthCheck;
  timeoutMs?: number;
  /** Answers other requests before they get 404, such as the Mini App's page; returns `false` to pass. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A running webhook endpoint. */
export interface WebhookServer {
  server: Server;
  /** Updates being handled right now. */
  inFlight(): number;
  /**
   * Stops accepting requests, then waits for the updates in flight,
   * including those whose request already timed out.
   */
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpFailure(413, "body too large"));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpFailure(413, "body too large"));
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseUpdate(body: Buffer): Update {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpFailure(400, "body is not JSON");
  }
  const id = (value as { update_id?: unknown } | null)?.update_id;
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Number.isSafeInteger(id)) {
    throw new HttpFailure(400, "body is not an update");
  }
  return value as Update;
}

function secretMatches(given: string | string[] | undefined, accepted: readonly Buffer[]): boolean {
  if (typeof given !== "string") return false;
  const actual = Buffer.from(given);
  return accepted.some((expected) => actual.length === expected.length && timingSafeEqual(actual, expected));
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) }).end(json);
}

/**
 * The HTTP endpoint Telegram delivers updates to, plus `GET /healthz`.
 *
 * Each request is checked before the bot sees it: a wrong or missing secret
 * gives 401, another method than POST 405, a body over 1 MiB 413, a body
 * that is not an update 400, all without logging the body. A delivery of an
 * update that was already handled is acknowledged and skipped. Telegram is
 * answered once the update is handled, or after `timeoutMs` at the latest.
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { handleUpdate, path, logger } = options;
  const secrets = [options.secret, ...(options.previousSecrets ?? [])].map((s) => Buffer.from(s));
  const dedupe = options.dedupe ?? new MemoryDeduplicator();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const running = new Set<Promise<void>>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? "/").split("?", 1)[0];
    if (pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      const extra = options.health === undefined ? {} : await options.health();
      send(res, 200, { status: "ok", mode: "webhook", uptime_s: Math.round((Date.now() - started) / 1000), ...extra });
      return;
    }
    if (pathname !== path) {
      if (options.routes?.(req, res) !== true) send(res, 404);
      return;
    }
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return send(res, 405);
    }
    if (!secretMatches(req.headers[SECRET_HEADER], secrets)) {
      logger.warn({ remote: req.socket.remoteAddress }, "webhook request with a wrong secret");
      return send(res, 401);
    }
    const update = parseUpdate(await readBody(req));
    if (!(await dedupe.firstTime(update.update_id))) {
      logger.info({ update_id: update.update_id }, "duplicate update skipped");
      return send(res, 200);
    }
    const work = handleUpdate(update).catch((err: unknown) => {
      logger.error({ update_id: update.update_id, err }, "update failed");
    });
    running.add(work);
    void work.finally(() => running.delete(work));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    if (await Promise.race([work.then(() => false), timedOut])) {
      logger.warn({ update_id: update.update_id, timeout_ms: timeoutMs }, "update still running; answered Telegram");
    }
    clearTimeout(timer);
    send(res, 200);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpFailure) {
        logger.warn({ status: err.status, reason: err.message }, "webhook request refused");
        send(res, err.status);
      } else {
        logger.error({ err }, "webhook request failed");
        send(res, 500);
      }
    });
  });
  // Telegram keeps connections open; they must not hold a shutdown.
  server.keepAliveTimeout = 5000;

  return {
    server,
    inFlight: () => running.size,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all([...running]);
    },
  };
}
