import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { MemoryDeduplicator, type UpdateDeduplicator } from "./dedupe.js";
import { InFlight } from "./inflight.js";

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

/** What the health endpoint reports besides the mode and uptime. */
export type HealthCheck = () => Promise<Record<string, unknown>>;

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /**
   * Handles one update; a grammY bot's `handleUpdate`, with its errors
   * already handled: what it rejects with is logged by name and message
   * only, since a grammY `BotError` carries the token and the update.
   */
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
  /** How long Telegram waits for an answer at most, from the request's arrival; default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Answers other requests before they get 404, such as the Mini App's page; returns `false` to pass. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Updates given up on at a stop: given back to Telegram, or lost. */
export interface Abandoned {
  /** Telegram was answered 503 for these and delivers them again. */
  released: number[];
  /** Telegram was answered 200 for these (after the timeout): nobody will handle them. */
  lost: number[];
}

/** A running webhook endpoint. */
export interface WebhookServer {
  server: Server;
  /** Updates being handled right now. */
  inFlight(): number;
  /**
   * Stops taking updates: new requests, on kept-alive connections too, are
   * refused with 503 so that Telegram delivers them again (to another
   * instance), and every connection is closed after its answer. Resolves
   * once the updates in flight are handled, including those whose request
   * already timed out.
   */
  close(): Promise<void>;
  /**
   * Gives up on the updates still in flight, as a stop whose time ran out
   * must: those Telegram still waits an answer for are released, so that
   * another instance may take them, and Telegram is told 503, so that it
   * delivers them again; those already acknowledged (after `timeoutMs`)
   * cannot be saved. Resolves with the update_ids of both.
   */
  abandon(): Promise<Abandoned>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The client went away before its request was read: nobody to answer. */
class ClientGone extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpFailure(413, "body too large"));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpFailure(413, "body too large"));
        req.removeAllListeners("data");
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    // An update comes in one chunk nearly always: no copy then.
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on("aborted", () => reject(new ClientGone()));
    req.on("error", () => reject(new ClientGone()));
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

/** Whether a response can still be written: not sent yet, and its client still there. */
function open(res: ServerResponse): boolean {
  return !res.headersSent && !res.destroyed && !res.writableEnded;
}

function send(res: ServerResponse, status: number, body?: unknown, close = false): void {
  if (!open(res)) return;
  if (close) res.setHeader("connection", "close");
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) }).end(json);
}

/**
 * Answers and closes the connection without reading the rest of the body:
 * a client that is refused must not be able to keep streaming into the
 * server.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  if (!open(res)) return;
  res.setHeader("connection", "close");
  res.once("finish", () => req.socket.destroy());
  res.writeHead(status).end();
}

/** An error's name and message, and nothing it may carry besides (a grammY BotError holds the token). */
function summary(err: unknown): { type: string; message: string } {
  return err instanceof Error ? { type: err.name, message: err.message } : { type: typeof err, message: String(err) };
}

/**
 * The HTTP endpoint Telegram delivers updates to, plus `GET /healthz`.
 *
 * Each request is checked before the bot sees it: a wrong or missing secret
 * gives 401 and a body over 1 MiB 413 (both close the connection without
 * reading on), another method than POST 405, a body that is not an update
 * 400, all without logging the body. A delivery of an update that was
 * already handled is acknowledged and skipped; one that another instance
 * is handling right now gets 503, so that Telegram tries again later.
 * Telegram is answered once the update is handled, or `timeoutMs` after
 * the request arrived at the latest (up to a tenth of it earlier: one timer
 * looks for late updates every tenth of `timeoutMs`, where a timer per
 * request would cost more than the rest of the server's work for it).
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { handleUpdate, path, logger } = options;
  const secrets = [options.secret, ...(options.previousSecrets ?? [])].map((s) => Buffer.from(s));
  const dedupe = options.dedupe ?? new MemoryDeduplicator();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const inFlight = new InFlight();
  /** Responses still owed to Telegram for updates in flight, by update_id, with when each request arrived. */
  const waiting = new Map<number, { res: ServerResponse; arrived: number }>();
  const sweepMs = Math.max(1, Math.floor(timeoutMs / 10));
  let sweeper: NodeJS.Timeout | undefined;
  /** Answers Telegram for the updates still running at their time; they go on in the background. */
  const sweep = () => {
    const due = Date.now() - timeoutMs + sweepMs;
    for (const [id, { res, arrived }] of waiting) {
      if (arrived > due || abandoned.has(id)) continue;
      waiting.delete(id);
      logger.warn({ update_id: id, timeout_ms: timeoutMs }, "update still running; answered Telegram");
      send(res, 200, undefined, closing);
      // Telegram, answered, will not deliver it again: a later delivery is a duplicate.
      dedupe.done(id).catch((err: unknown) => logger.warn({ update_id: id, err: summary(err) }, "dedupe failed"));
    }
    if (waiting.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  /** Updates in flight that were given up on. */
  const abandoned = new Set<number>();
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const arrived = Date.now();
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    if (pathname === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      const extra = options.health === undefined ? {} : await options.health();
      const status = closing ? "stopping" : "ok";
      send(res, closing ? 503 : 200, {
        status,
        mode: "webhook",
        uptime_s: Math.round((arrived - started) / 1000),
        ...extra,
      });
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
      return refuse(req, res, 401);
    }
    if (closing) return refuse(req, res, 503);
    const update = parseUpdate(await readBody(req));
    const id = update.update_id;
    const claim = await dedupe.claim(id);
    if (claim === "done") {
      logger.info({ update_id: id }, "duplicate update skipped");
      return send(res, 200, undefined, closing);
    }
    if (claim === "busy") {
      logger.info({ update_id: id }, "update being handled by another instance; Telegram will deliver it again");
      return send(res, 503, undefined, closing);
    }
    if (closing) {
      // Stopped while claiming: give it back rather than start it now.
      await dedupe.release(id);
      return refuse(req, res, 503);
    }
    waiting.set(id, { res, arrived });
    if (sweeper === undefined) {
      sweeper = setInterval(sweep, sweepMs);
      sweeper.unref();
    }
    const work = inFlight.track(
      id,
      handleUpdate(update).catch((err: unknown) => {
        logger.error({ update_id: id, err: summary(err) }, "update failed");
      }),
    );
    await work;
    // Answered already: late, by the sweep, or given back at a stop.
    if (!waiting.delete(id) || abandoned.has(id)) return;
    send(res, 200, undefined, closing);
    // Telegram, answered, will not deliver it again: a later delivery is a duplicate.
    await dedupe.done(id);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof ClientGone) {
        logger.debug("webhook client went away before its request was read");
      } else if (err instanceof HttpFailure) {
        logger.warn({ status: err.status, reason: err.message }, "webhook request refused");
        if (err.status === 413) refuse(req, res, 413);
        else send(res, err.status, undefined, closing);
      } else {
        logger.error({ err: summary(err) }, "webhook request failed");
        send(res, 500, undefined, closing);
      }
    });
  });
  // Telegram keeps connections open; they must not hold a shutdown.
  server.keepAliveTimeout = 5000;

  return {
    server,
    inFlight: () => inFlight.size,
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await inFlight.idle();
      // Connections still busy close after their answer; idle ones now.
      server.closeIdleConnections();
      await closed;
    },
    async abandon() {
      // Those Telegram still waits for are given back; the others were acknowledged, and are lost.
      const ids = [...waiting.keys()];
      for (const id of ids) abandoned.add(id);
      await Promise.all(ids.map((id) => dedupe.release(id).catch(() => undefined)));
      for (const id of ids) {
        const owed = waiting.get(id);
        waiting.delete(id);
        if (owed !== undefined) send(owed.res, 503, undefined, true);
      }
      server.closeAllConnections();
      return { released: ids, lost: inFlight.ids().filter((id) => !abandoned.has(id)) };
    },
  };
}
