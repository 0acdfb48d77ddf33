import type { Update, User } from "grammy/types";
import {
  ADVISOR_STEPS,
  CATALOG,
  callbackUpdate,
  type FakeApi,
  inlineUpdate,
  messageUpdate,
  SLUGS,
  user,
} from "./fixtures.js";

/** What the benchmark needs of a bot. */
export interface UpdateHandler {
  handleUpdate(update: Update): Promise<void>;
}

/** Which bot a path drives: the real one, or the bare yardstick. */
export type Flavour = "real" | "bare";

/** Makes the next update of one client; called again only once the last one was handled. */
export type NextUpdate = () => Update;

/**
 * What a path must reach: a share of bare grammY's rate, for a path where the
 * bot's own layers are what costs; or a latency, for the one path that is
 * mostly computing an answer, which bare grammY does not do at all.
 */
export type Floor = { ratio: number } | { p99Us: number };

/** Every path the bot serves from what it worked out before: half of bare grammY. */
export const RATIO_FLOOR: Floor = { ratio: 0.5 };

/** One kind of update the benchmark times. */
export interface BenchPath {
  name: string;
  /** What one timed update is, for the report. */
  what: string;
  floor: Floor;
  /**
   * A client: a sequence of updates from its own users. Clients of a path
   * never share a user, so they can run concurrently.
   */
  client(api: FakeApi, flavour: Flavour, index: number): NextUpdate;
}

/** Users of one client; ids of different paths and clients never meet. */
const USERS_PER_CLIENT = 64;

function pool(base: number, index: number, count = USERS_PER_CLIENT): () => User {
  const users = Array.from({ length: count }, (_, i) => user(base + index * 1_000 + i));
  let n = 0;
  return () => users[n++ % users.length] as User;
}

function cycle<T>(items: readonly T[]): () => T {
  let n = 0;
  return () => items[n++ % items.length] as T;
}

const QUESTIONS = [
  "can my bot read old messages?",
  "how do I get the members of a group",
  "is there a file size limit for uploads",
  "why do I get 409 conflict with two instances",
  "can a bot look up a user by username",
  "hello there",
];
const COMPARE_WORDS = ["files", "group members", "old updates", "fles", "users", "several programs"];
const INLINE_WORDS = ["members", "files", "old updates", "fetch users", "download limit", "webhook conflict"];
/** Words people ask with; combined so that no question repeats. */
const VOCABULARY = [
  "read",
  "old",
  "messages",
  "history",
  "members",
  "group",
  "list",
  "file",
  "size",
  "download",
  "upload",
  "limit",
  "username",
  "user",
  "profile",
  "updates",
  "missed",
  "webhook",
  "polling",
  "conflict",
  "instances",
  "chat",
  "сообщения",
  "история",
  "участники",
  "файлы",
  "лимит",
  "пользователь",
  "обновления",
];

/** A path whose updates do not depend on what the bot answered: the same for both bots. */
function simple(
  name: string,
  what: string,
  base: number,
  build: (client: number) => (from: User) => Update,
  floor = RATIO_FLOOR,
): BenchPath {
  return {
    name,
    what,
    floor,
    client(_api, _flavour, index) {
      const next = pool(base, index);
      const make = build(index);
      return () => make(next());
    },
  };
}

/**
 * The advisor, a whole run per user: /choose, then "No" to each question it
 * asks on the message it sent, found by its first button.
 * Every update of the run is timed. The bare bot gets the same updates (a
 * command, then the taps).
 */
const choose: BenchPath = {
  name: "/choose run",
  what: `/choose, then ${ADVISOR_STEPS} answer taps on its question (${ADVISOR_STEPS + 1} updates per run, all timed)`,
  floor: RATIO_FLOOR,
  client(api, flavour, index) {
    const next = pool(7_000_000, index, 16);
    const runs = new Map<number, { step: number; messageId: number }>();
    return () => {
      const from = next();
      const state = runs.get(from.id);
      if (state !== undefined && state.step === -1) {
        // The /choose of this user was handled since: its question is the message with the run's first button.
        const sent = api.lastSent.get(from.id);
        const button = sent?.reply_markup?.inline_keyboard[0]?.[0];
        const data = button !== undefined && "callback_data" in button ? (button.callback_data ?? "") : "";
        const asked = flavour === "bare" || /^1:a:\w+:0-/.test(data);
        if (sent === undefined || !asked) throw new Error("/choose did not send its first question");
        Object.assign(state, { step: 0, messageId: sent.message_id });
      }
      if (state === undefined || state.step === ADVISOR_STEPS) {
        runs.set(from.id, { step: -1, messageId: 0 });
        return messageUpdate(from, "/choose");
      }
      return callbackUpdate(from, `1:a:en:${state.step++}-n`, state.messageId);
    };
  },
};

/** Every path of the table, in order. */
export const PATHS: BenchPath[] = [
  simple("/compare", "the overview", 1_000_000, () => (from) => messageUpdate(from, "/compare")),
  simple("/compare <words>", "a search, then a card (6 queries in turn)", 2_000_000, () => {
    const words = cycle(COMPARE_WORDS);
    return (from) => messageUpdate(from, `/compare ${words()}`);
  }),
  simple("browse tap", "callback 1:c:en:<slug>: answer, edit into the card (every row in turn)", 3_000_000, () => {
    const slugs = cycle(SLUGS);
    return (from) => callbackUpdate(from, `1:c:en:${slugs()}`, 1);
  }),
  simple("inline <words>", "a search, then its results (6 queries in turn)", 4_000_000, () => {
    const words = cycle(INLINE_WORDS);
    return (from) => inlineUpdate(from, words());
  }),
  simple("inline empty", "all rows as results", 5_000_000, () => (from) => inlineUpdate(from, "")),
  simple("free text", "a question answered with a card, or small talk (6 in turn)", 6_000_000, () => {
    const questions = cycle(QUESTIONS);
    return (from) => messageUpdate(from, questions());
  }),
  simple(
    "free text, new word",
    "a question with a word never seen before, by any client (its lookup is not cached): " +
      `the whole answering over the reference and its ${CATALOG.asked.length} questions asked, which bare grammY does not do, ` +
      "so its floor is the time a question may take (under 1 ms at p99), not a share of bare grammY",
    8_000_000,
    (client) => {
      // Each client its own words: a word one client asked is never asked again by another.
      let n = client * 1_000_000;
      return (from) => {
        const known = VOCABULARY[n % VOCABULARY.length] as string;
        // Letters only, 6 or 7 of them: a word the index does not have, as a typo would be.
        const unseen = (n + 26 ** 5).toString(26).replace(/\d/g, (d) => "qrstuvwxyz"[Number(d)] ?? "q");
        n++;
        return messageUpdate(from, `can my bot ${known} ${unseen}`);
      };
    },
    { p99Us: 1000 },
  ),
  choose,
];
