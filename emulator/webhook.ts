import { Agent, request } from "node:http";

/** Where and how updates are posted, as setWebhook set it. */
export interface WebhookTarget {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** An update waiting to be delivered, as the emulator queues it. */
export interface Deliverable {
  update: Record<string, unknown> & { update_id: number };
  delivered: boolean;
}

/** What the dispatcher needs of the emulator's queue. */
export interface DeliveryHost {
  /** Updates in the order they were queued; the dispatcher picks the next ones it may send. */
  queued(): readonly Deliverable[];
  /** An update is being posted: the bot has it now. */
  sent(item: Deliverable): void;
  /** The webhook answered 2xx: the update leaves the queue; `body` may carry a method to run. */
  accepted(item: Deliverable, body: string): Promise<void>;
  /** The webhook failed or answered otherwise: Telegram's getWebhookInfo shows `error`. */
  failed(item: Deliverable, error: string): void;
}

/**
 * Whose updates must arrive in order: a chat's, or a user's when the update
 * has no chat (inline queries, buttons on inline messages).
 */
export function orderKey(update: Record<string, unknown>): string {
  for (const [kind, value] of Object.entries(update)) {
    if (kind === "update_id" || typeof value !== "object" || value === null) continue;
    const v = value as { chat?: { id?: number }; message?: { chat?: { id?: number } }; from?: { id?: number } };
    const chat = v.chat?.id ?? v.message?.chat?.id;
    if (chat !== undefined) return `chat:${String(chat)}`;
    if (v.from?.id !== undefined) return `user:${String(v.from.id)}`;
  }
  return "none";
}

/**
 * Delivers queued updates to a webhook as Telegram does: POSTs over at most
 * `maxConnections` connections at once, kept alive between requests, with
 * the secret token header. Updates of one chat (or of one user, when there
 * is no chat) go one at a time and in order; others in parallel. After a
 * failed delivery nothing is sent for `retryMs`, then the failed update is
 * sent again.
 */
export class WebhookDispatcher {
  private readonly agent: Agent;
  private readonly inFlight = new Map<Deliverable, AbortController>();
  private readonly busy = new Set<string>();
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private accepted = 0;
  private readonly idleWaiters = new Set<() => void>();

  constructor(
    readonly target: WebhookTarget,
    private readonly host: DeliveryHost,
    private readonly options: { timeoutMs: number; retryMs: number },
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: target.maxConnections });
  }

  /** Updates being posted right now. */
  get active(): number {
    return this.inFlight.size;
  }

  /** Sends what may be sent now; called whenever an update is queued. */
  pump(): void {
    if (this.closed) return;
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    for (const item of this.host.queued()) {
      if (this.inFlight.size >= this.target.maxConnections) break;
      if (item.delivered) continue;
      const key = orderKey(item.update);
      if (this.busy.has(key)) continue;
      this.send(item, key);
    }
  }

  /**
   * Sends everything deliverable now, retry pause or not, and resolves once
   * nothing is in flight and nothing more can be sent, with the number of
   * updates the webhook accepted meanwhile.
   */
  async flush(): Promise<number> {
    const before = this.accepted;
    // Deliveries already under way finish first (a failure among them pauses delivery).
    await this.idle();
    this.pausedUntil = 0;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    // Then one go: every success sends on, a failure pauses, as Telegram would.
    this.pump();
    await this.idle();
    return this.accepted - before;
  }

  /** Resolves once nothing is being delivered. */
  private idle(): Promise<void> {
    if (this.inFlight.size === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Stops: deliveries in flight are aborted and their connections closed. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const abort of this.inFlight.values()) abort.abort();
    this.agent.destroy();
    this.notifyIdle(true);
  }

  private notifyIdle(force = false): void {
    if (!force && this.inFlight.size > 0) return;
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }

  private send(item: Deliverable, key: string): void {
    const abort = new AbortController();
    item.delivered = true;
    this.inFlight.set(item, abort);
    this.busy.add(key);
    this.host.sent(item);
    void this.post(JSON.stringify(item.update), abort.signal).then(async (outcome) => {
      this.inFlight.delete(item);
      this.busy.delete(key);
      if (this.closed) return this.notifyIdle(true);
      if (outcome.error === undefined) {
        this.accepted++;
        await this.host.accepted(item, outcome.body);
      } else {
        item.delivered = false;
        this.pausedUntil = Date.now() + this.options.retryMs;
        this.host.failed(item, outcome.error);
      }
      this.pump();
      this.notifyIdle();
    });
  }

  private post(body: string, signal: AbortSignal): Promise<{ body: string; error?: string }> {
    const url = new URL(this.target.url);
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    };
    if (this.target.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = this.target.secretToken;
    return new Promise((resolve) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy();
      }, this.options.timeoutMs);
      let settled = false;
      const done = (outcome: { body: string; error?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const req = request(
        {
          agent: this.agent,
          host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
          port: url.port,
          path: url.pathname + url.search,
          method: "POST",
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", () => undefined);
          res.on("close", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            if (!res.complete) done({ body: "", error: timedOut ? "Read timeout expired" : "Connection reset" });
            else if (status < 200 || status > 299)
              done({
                body: text,
                error: `Wrong response from the webhook: ${status} ${res.statusMessage ?? ""}`.trim(),
              });
            else done({ body: text });
          });
        },
      );
      req.on("error", (err) =>
        done({
          body: "",
          error: timedOut ? "Read timeout expired" : `Connection refused (${err.message})`,
        }),
      );
      signal.addEventListener("abort", () => req.destroy(), { once: true });
      req.end(body);
    });
  }
}
