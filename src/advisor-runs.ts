import type { Reply } from "./matrix/advisor.js";

/** A /choose run left alone this long ends; a later tap on it reads "closed". */
export const ADVISOR_IDLE_SECONDS = 60 * 60;

/**
 * Where one user's /choose run stands: all the advisor keeps between two
 * updates. The questions and the verdict follow from `replies` alone
 * (`replay` in matrix/advisor.ts), so nothing is replayed.
 */
export interface AdvisorRun {
  /**
   * The run's id, which {@link AdvisorRuns.move} compares: an update that
   * read one run cannot move another that started since.
   */
  run: string;
  /**
   * How many moves (answers and Backs) the run has made, modulo
   * {@link STEP_MODULUS}, carried by the buttons of its question: a button
   * of an earlier step, or a second tap on the same one, is closed.
   */
  step: number;
  /** The replies so far, in the order the questions were asked. */
  replies: readonly Reply[];
  /** The question's message in the user's private chat; 0 while it is being sent. */
  messageId: number;
}

/** Steps count modulo this, so that they fit the two digits of the buttons' data. */
export const STEP_MODULUS = 100;

/** The step after `step`. */
export const nextStep = (step: number): number => (step + 1) % STEP_MODULUS;

/** A value, or a promise of it: the store in memory answers at once. */
type Awaitable<T> = T | Promise<T>;

/**
 * The users' /choose runs, one per user, by user id, forgotten
 * {@link ADVISOR_IDLE_SECONDS} after their last change. On several
 * instances it is shared (Redis), and {@link move} and {@link take} are
 * atomic there, so two updates of one run meeting on two instances cannot
 * both take the same step. A store that cannot be reached fails as
 * `StorageUnavailableError`.
 */
export interface AdvisorRuns {
  /** The user's run, or `undefined` when none is in progress. */
  get(userId: number): Awaitable<AdvisorRun | undefined>;
  /** Starts a run for the user, replacing any other. */
  start(userId: number, run: AdvisorRun): Awaitable<void>;
  /**
   * Moves the user's run to `next`, or ends it with `undefined`, only if it
   * still stands at `from`'s run and step; `false` if it does not (it
   * moved on, ended, or was never this run).
   */
  move(userId: number, from: Pick<AdvisorRun, "run" | "step">, next: AdvisorRun | undefined): Awaitable<boolean>;
  /** Ends the user's run and returns it, or `undefined` if none was in progress (or another update ended it first). */
  take(userId: number): Awaitable<AdvisorRun | undefined>;
}

/**
 * The runs in this process's memory, for one instance: updates of one user
 * come one after the other there. By user id as a number (no key string to
 * build on every tap); a run's entry is kept and moved to the end on each
 * change, so that runs left alone are the first ones, dropped as new runs
 * start.
 */
export class MemoryAdvisorRuns implements AdvisorRuns {
  private readonly runs = new Map<number, { run: AdvisorRun; expires: number }>();

  constructor(
    private readonly ttlMs = ADVISOR_IDLE_SECONDS * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many runs are in progress. */
  get size(): number {
    this.dropExpired();
    return this.runs.size;
  }

  get(userId: number): AdvisorRun | undefined {
    const entry = this.runs.get(userId);
    if (entry === undefined) return undefined;
    if (entry.expires > this.now()) return entry.run;
    this.runs.delete(userId);
    return undefined;
  }

  start(userId: number, run: AdvisorRun): void {
    this.dropExpired();
    this.runs.delete(userId);
    this.runs.set(userId, { run, expires: this.now() + this.ttlMs });
  }

  move(userId: number, from: Pick<AdvisorRun, "run" | "step">, next: AdvisorRun | undefined): boolean {
    const entry = this.runs.get(userId);
    const now = this.now();
    if (entry === undefined || entry.expires <= now || entry.run.run !== from.run || entry.run.step !== from.step)
      return false;
    this.runs.delete(userId);
    if (next === undefined) return true;
    entry.run = next;
    entry.expires = now + this.ttlMs;
    this.runs.set(userId, entry);
    return true;
  }

  take(userId: number): AdvisorRun | undefined {
    const run = this.get(userId);
    this.runs.delete(userId);
    return run;
  }

  /** Entries are in the order of their last change, so the expired ones come first. */
  private dropExpired(): void {
    const now = this.now();
    for (const [userId, entry] of this.runs) {
      if (entry.expires > now) break;
      this.runs.delete(userId);
    }
  }
}

const REPLY_CODES = { yes: "y", no: "n", unsure: "u" } as const satisfies Record<Reply, string>;
const REPLIES: Record<string, Reply> = { y: "yes", n: "no", u: "unsure" };
const ENCODED = /^([a-z0-9]+):(\d+):(\d+):([ynu]*)$/;

/**
 * A run as one short string, `<run>:<step>:<messageId>:<replies>`, such as
 * `mabc123:3:42:nny`: what a shared store keeps. It starts with
 * {@link positionOf}, which an atomic compare looks for.
 */
export function encodeRun({ run, step, messageId, replies }: AdvisorRun): string {
  return `${run}:${step}:${messageId}:${replies.map((r) => REPLY_CODES[r]).join("")}`;
}

/** The run {@link encodeRun} wrote, or `undefined` for anything else. */
export function decodeRun(value: string | null | undefined): AdvisorRun | undefined {
  const match = ENCODED.exec(value ?? "");
  if (match === null) return undefined;
  const [, run = "", step = "", messageId = "", replies = ""] = match;
  return {
    run,
    step: Number(step),
    messageId: Number(messageId),
    replies: [...replies].map((c) => REPLIES[c] ?? "no"),
  };
}

/** The start of an encoded run that names where it stands: its run and step. */
export function positionOf({ run, step }: Pick<AdvisorRun, "run" | "step">): string {
  return `${run}:${step}:`;
}
