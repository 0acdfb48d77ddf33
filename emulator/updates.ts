import type { ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Activity } from "./activity.js";
import { ApiError } from "./errors.js";
import type { MethodContext, MethodTable } from "./methods/core.js";
import type { RawUpdate } from "./types.js";
import { clone } from "./util.js";
import type { Deliverable } from "./webhook.js";

/** An update waiting to be confirmed (polling) or accepted (webhook). */
export interface QueuedUpdate extends Deliverable {
  update: RawUpdate;
  type: string;
}

interface PendingPoll {
  res: ServerResponse | undefined;
  resolve: (updates: RawUpdate[]) => void;
  reject: (error: ApiError) => void;
  limit: number;
  timer: NodeJS.Timeout;
}

/** Update types Telegram leaves out when allowed_updates is not given. */
const DEFAULT_UPDATE_TYPES_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
/** getUpdates: "Defaults to 100". */
const DEFAULT_LIMIT = 100;

/** What the update queue needs to know of the webhook. */
export interface UpdateSink {
  /** allowed_updates of the webhook, when one is set. */
  allowedUpdates(): string[] | undefined;
  /** Whether a webhook is set (getUpdates is refused then). */
  webhookSet(): boolean;
  /** Tells the webhook there is something to deliver. */
  pump(): void;
}

/**
 * The updates queued for the bot and getUpdates: offsets confirm updates,
 * a long poll waits for the next one, and a second poll ends the first with
 * 409 as Telegram does.
 */
export class Updates {
  queue: QueuedUpdate[] = [];
  readonly listeners = new Set<(update: Update) => void>();
  private nextUpdateId = 700_000_001;
  private allowedUpdates: string[] | undefined;
  private poll: PendingPoll | undefined;
  /** Set once the emulator closes: polls then end at once. */
  closing = false;

  constructor(
    private readonly activity: Activity,
    private readonly sink: UpdateSink,
  ) {}

  /** getUpdates as a method table. */
  get methods(): MethodTable {
    return { getUpdates: (p, ctx) => this.getUpdates(p, ctx) };
  }

  /** Queues an update (the first key of `body` is its type) unless the bot does not take that type. */
  enqueue(body: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    const type = Object.keys(body)[0] ?? "unknown";
    const allowed = this.sink.allowedUpdates() ?? this.allowedUpdates;
    const wanted =
      allowed === undefined || allowed.length === 0 ? !DEFAULT_UPDATE_TYPES_EXCLUDED.has(type) : allowed.includes(type);
    if (!wanted) return update_id;
    this.queue.push({ update: { update_id, ...body }, type, delivered: false });
    for (const l of this.listeners) l(clone({ update_id, ...body }));
    this.activity.changed();
    if (this.poll !== undefined) setImmediate(() => this.flushPoll());
    this.sink.pump();
    return update_id;
  }

  /** Updates queued and not handed out yet. */
  get undelivered(): number {
    return this.queue.filter((u) => !u.delivered).length;
  }

  /** True while a getUpdates long poll is waiting for updates. */
  get polling(): boolean {
    return this.poll !== undefined;
  }

  /** Forgets every queued update (`drop_pending_updates`). */
  drop(): void {
    this.queue = [];
  }

  private async getUpdates(p: Record<string, unknown>, ctx: MethodContext): Promise<RawUpdate[]> {
    if (this.sink.webhookSet()) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    this.endPoll("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    const offset = typeof p.offset === "number" ? p.offset : undefined;
    if (offset !== undefined) {
      if (offset < 0) this.queue = this.queue.slice(Math.max(0, this.queue.length + offset));
      else this.queue = this.queue.filter((u) => u.update.update_id >= offset);
    }
    if (Array.isArray(p.allowed_updates))
      this.allowedUpdates = p.allowed_updates.filter((x): x is string => typeof x === "string");
    // The validator has brought `limit` into the spec's range.
    const limit = typeof p.limit === "number" ? p.limit : DEFAULT_LIMIT;
    const timeout = Math.max(0, typeof p.timeout === "number" ? p.timeout : 0);
    const ready = this.take(limit);
    if (ready.length > 0 || timeout === 0 || this.closing || ctx.res?.destroyed === true) return ready;
    return new Promise<RawUpdate[]>((resolve, reject) => {
      const poll: PendingPoll = {
        res: ctx.res,
        resolve,
        reject,
        limit,
        timer: setTimeout(() => {
          if (this.poll === poll) this.poll = undefined;
          resolve([]);
        }, timeout * 1000),
      };
      this.poll = poll;
      this.activity.changed();
      ctx.res?.on("close", () => {
        if (this.poll === poll) {
          this.poll = undefined;
          clearTimeout(poll.timer);
          resolve([]);
        }
      });
    });
  }

  /** Ends a waiting long poll with a 409 Conflict of this description. */
  endPoll(description: string): void {
    const old = this.poll;
    if (old === undefined) return;
    this.poll = undefined;
    clearTimeout(old.timer);
    old.reject(new ApiError(409, description));
  }

  private take(limit: number): RawUpdate[] {
    const batch = this.queue.slice(0, limit);
    for (const u of batch) u.delivered = true;
    this.activity.handedOut(batch.map((u) => u.update.update_id));
    return batch.map((u) => clone(u.update));
  }

  private flushPoll(): void {
    const poll = this.poll;
    if (poll === undefined || this.queue.length === 0) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    // A client that went away gets nothing, so nothing counts as handed out.
    poll.resolve(poll.res?.destroyed === true ? [] : this.take(poll.limit));
  }

  /** Answers a waiting long poll with no updates (the emulator is closing). */
  releasePoll(): void {
    const poll = this.poll;
    if (poll === undefined) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    poll.resolve([]);
  }
}
