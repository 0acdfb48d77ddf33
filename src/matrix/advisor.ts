import type { AdvisorQuestion, Row } from "./load.js";

/** A user's answer to one advisor question. */
export type Reply = "yes" | "no" | "unsure";

/** What a project needs, from the least to the most: the four answers /choose gives. */
export const OUTCOMES = ["bot_api", "local_server", "mtproto_bot", "user_account"] as const;
/** One of the four answers /choose gives. */
export type Outcome = (typeof OUTCOMES)[number];

/** A question asked, and the reply it got. */
export interface Asked {
  question: AdvisorQuestion;
  reply: Reply;
}

/** Where a run of /choose stands: what was asked, and what comes next. */
export interface Progress {
  asked: readonly Asked[];
  /** The next question, or `undefined` when no answer could change the verdict any more. */
  next?: AdvisorQuestion;
  /** How many questions the run asks at most from here on, the next one included. */
  remaining: number;
  /** The verdict so far: what the answers given add up to. */
  verdict: Verdict;
}

/** What the answers add up to. */
export interface Verdict {
  /** The least the project gets by with. */
  outcome: Outcome;
  /** The questions answered "yes" that decided the outcome. */
  because: readonly AdvisorQuestion[];
  /** With a user account: what only a bot can do is needed too, so the project needs a bot beside it. */
  alsoBot: readonly AdvisorQuestion[];
  /** The questions answered "not sure": worth a look before deciding. */
  unsure: readonly AdvisorQuestion[];
}

const LEVEL: Record<Outcome, number> = { bot_api: 0, local_server: 1, mtproto_bot: 2, user_account: 3 };

/**
 * The order questions are asked in: those needing the most first (a "yes"
 * to one of them settles what the rest would only lower), the questions
 * about what only a bot can do last, each group in the file's order.
 */
export function askingOrder(questions: readonly AdvisorQuestion[]): AdvisorQuestion[] {
  const rank = (q: AdvisorQuestion) => (q.needs === "bot" ? -1 : LEVEL[q.needs]);
  return [...questions].sort((a, b) => rank(b) - rank(a) || a.index - b.index);
}

/** Whether a question's answer can still change a verdict of `outcome`. */
function matters(question: AdvisorQuestion, outcome: Outcome, alsoBot: boolean): boolean {
  // Only next to a user account does needing a bot change anything: the other answers are bots already.
  if (question.needs === "bot") return outcome === "user_account" && !alsoBot;
  return LEVEL[question.needs] > LEVEL[outcome];
}

/**
 * Replays a run of /choose: which questions the replies answered, the
 * next question worth asking, and the verdict they add up to. A question
 * is asked only while its answer can still change the verdict; "not sure"
 * counts as "no" and is remembered for the result.
 *
 * @param ordered the questions in {@link askingOrder}
 * @param replies the replies so far, in the order the questions were asked
 */
export function replay(ordered: readonly AdvisorQuestion[], replies: readonly Reply[]): Progress {
  let outcome: Outcome = "bot_api";
  const asked: Asked[] = [];
  const because: AdvisorQuestion[] = [];
  const alsoBot: AdvisorQuestion[] = [];
  const unsure: AdvisorQuestion[] = [];
  let next: AdvisorQuestion | undefined;
  let remaining = 0;
  for (const question of ordered) {
    if (!matters(question, outcome, alsoBot.length > 0)) continue;
    const reply = replies[asked.length];
    if (reply === undefined || next !== undefined) {
      // Past the replies given: count what "no" answers from here on would still ask.
      next ??= question;
      remaining++;
      continue;
    }
    asked.push({ question, reply });
    if (reply === "unsure") unsure.push(question);
    if (reply !== "yes") continue;
    if (question.needs === "bot") alsoBot.push(question);
    else {
      outcome = question.needs;
      because.push(question);
    }
  }
  const progress: Progress = { asked, remaining, verdict: { outcome, because, alsoBot, unsure } };
  if (next !== undefined) progress.next = next;
  return progress;
}

/** The rows behind some questions, each once, in order. */
export function rowsOf(questions: readonly AdvisorQuestion[]): Row[] {
  const rows = new Map<string, Row>();
  for (const q of questions) for (const row of q.rows) rows.set(row.slug, row);
  return [...rows.values()];
}
