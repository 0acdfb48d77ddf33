import type { Reply } from "./matrix/advisor.js";
import { ExpiringMemoryStorage } from "./storage.js";

/** A /choose run left alone this long ends; a later tap on it reads "closed". */
export const ADVISOR_IDLE_SECONDS = 60 * 60;

/**
 * Where one user's /choose run stands: all the advisor keeps between two
 * updates. The questions and the verdict follow from `replies` alone
 * (`replay` in matrix/advisor.ts), so nothing is replayed.
 */
export interface AdvisorRun {
  /** The run's id, carried by its buttons: a button of another run is closed. */
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

/** The runs in this process's memory, for one instance: updates of one user come one after the other there. */
export class MemoryAdvisorRuns implements AdvisorRuns {
  private readonly runs: ExpiringMemoryStorage<AdvisorRun>;

  constructor(ttlMs = ADVISOR_IDLE_SECONDS * 1000, now?: () => number) {
    this.runs = new ExpiringMemoryStorage<AdvisorRun>(ttlMs, now);
  }

  /** How many runs are in progress. */
  get size(): number {
    return this.runs.size;
  }

  get(userId: number): AdvisorRun | undefined {
    return this.runs.read(String(userId));
  }

  start(userId: number, run: AdvisorRun): void {
    this.runs.write(String(userId), run);
  }

  move(userId: number, from: Pick<AdvisorRun, "run" | "step">, next: AdvisorRun | undefined): boolean {
    const key = String(userId);
    const now = this.runs.read(key);
    if (now === undefined || now.run !== from.run || now.step !== from.step) return false;
    if (next === undefined) this.runs.delete(key);
    else this.runs.write(key, next);
    return true;
  }

  take(userId: number): AdvisorRun | undefined {
    const key = String(userId);
    const run = this.runs.read(key);
    this.runs.delete(key);
    return run;
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
