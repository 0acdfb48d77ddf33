import type { Activity } from "./activity.js";
import { badRequest } from "./errors.js";
import { Described, type MethodTable } from "./methods/core.js";
import type { Updates } from "./updates.js";
import { clone, isLoopback, now, str } from "./util.js";
import { isRecord } from "./validate.js";
import { WebhookDispatcher } from "./webhook.js";

interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** setWebhook: "Defaults to 40". */
const DEFAULT_MAX_CONNECTIONS = 40;
/** Telegram's rule for secret_token characters (the spec states only its length, checked by the validator). */
const SECRET_RE = /^[A-Za-z0-9_-]*$/;

/**
 * setWebhook, deleteWebhook and getWebhookInfo, and the delivery of queued
 * updates to the webhook (see {@link WebhookDispatcher}). A method the
 * webhook returns in its answer is handed to `runReply`.
 */
export class Webhooks {
  private webhook: WebhookState | undefined;
  private dispatcher: WebhookDispatcher | undefined;
  /** Methods returned in webhook answers, running. */
  replies = 0;
  closing = false;

  constructor(
    private readonly updates: Updates,
    private readonly activity: Activity,
    private readonly options: { timeoutMs: number; retryMs: number },
    private readonly runReply: (method: string, params: Record<string, unknown>) => Promise<void>,
  ) {}

  get methods(): MethodTable {
    return {
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.info(),
    };
  }

  /** The current webhook URL, or "" when polling. */
  get url(): string {
    return this.webhook?.url ?? "";
  }

  get isSet(): boolean {
    return this.webhook !== undefined;
  }

  get allowedUpdates(): string[] | undefined {
    return this.webhook?.allowedUpdates;
  }

  /** Deliveries in progress right now. */
  get deliveries(): number {
    return this.dispatcher?.active ?? 0;
  }

  pump(): void {
    this.dispatcher?.pump();
  }

  /** Delivers queued updates now; resolves with the number the webhook accepted. */
  flush(): Promise<number> {
    return this.dispatcher === undefined ? Promise.resolve(0) : this.dispatcher.flush();
  }

  close(): void {
    this.closing = true;
    this.dispatcher?.close();
  }

  private setWebhook(p: Record<string, unknown>): Described {
    const url = str(p.url) ?? "";
    if (url === "") return this.deleteWebhook(p);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid webhook URL specified");
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (!isLoopback(parsed.hostname))
      throw badRequest("bad webhook: the emulator only delivers webhooks to 127.0.0.1, ::1 or localhost");
    if (p.certificate !== undefined)
      throw badRequest("bad webhook: custom certificates are not supported by the emulator");
    const secret = str(p.secret_token);
    if (secret !== undefined && !SECRET_RE.test(secret)) throw badRequest("secret token contains unallowed characters");
    const same = this.webhook?.url === url;
    this.updates.endPoll("Conflict: terminated by setWebhook request");
    if (p.drop_pending_updates === true) this.updates.drop();
    // The validator has brought max_connections into the spec's range.
    const maxConnections = typeof p.max_connections === "number" ? p.max_connections : DEFAULT_MAX_CONNECTIONS;
    const allowed = Array.isArray(p.allowed_updates)
      ? p.allowed_updates.filter((x): x is string => typeof x === "string")
      : this.webhook?.allowedUpdates;
    const w: WebhookState = { url, maxConnections };
    if (secret !== undefined) w.secretToken = secret;
    if (allowed !== undefined) w.allowedUpdates = allowed;
    this.webhook = w;
    this.dispatcher?.close();
    for (const u of this.updates.queue) u.delivered = false;
    const target = { url, maxConnections, ...(secret === undefined ? {} : { secretToken: secret }) };
    const dispatcher = new WebhookDispatcher(
      target,
      {
        queued: () => this.updates.queue,
        sent: (item) => this.activity.handedOut([item.update.update_id]),
        accepted: async (item, body) => {
          this.updates.queue = this.updates.queue.filter((u) => u !== item);
          // A method in the answer runs as part of the delivery.
          this.replies++;
          try {
            if (body.trim().startsWith("{")) await this.reply(body);
          } finally {
            this.replies--;
            this.activity.changed();
          }
        },
        failed: (_item, error) => {
          w.lastErrorDate = now();
          w.lastErrorMessage = error;
          this.activity.changed();
        },
      },
      this.options,
    );
    this.dispatcher = dispatcher;
    if (!this.closing) setImmediate(() => dispatcher.pump());
    return new Described(true, same ? "Webhook is already set" : "Webhook was set");
  }

  private deleteWebhook(p: Record<string, unknown>): Described {
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    this.dispatcher?.close();
    this.dispatcher = undefined;
    for (const u of this.updates.queue) u.delivered = false;
    if (p.drop_pending_updates === true) this.updates.drop();
    return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
  }

  private info(): Record<string, unknown> {
    const info: Record<string, unknown> = {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.updates.queue.length,
    };
    const w = this.webhook;
    if (w !== undefined) {
      info.ip_address = "127.0.0.1";
      info.max_connections = w.maxConnections;
      if (w.allowedUpdates !== undefined) info.allowed_updates = clone(w.allowedUpdates);
      if (w.lastErrorDate !== undefined) info.last_error_date = w.lastErrorDate;
      if (w.lastErrorMessage !== undefined) info.last_error_message = w.lastErrorMessage;
    }
    return info;
  }

  /** Runs a method returned in a webhook response body, as Telegram does. */
  private async reply(body: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (!isRecord(parsed) || typeof parsed.method !== "string") return;
    const { method, ...params } = parsed;
    await this.runReply(method, params);
  }
}
