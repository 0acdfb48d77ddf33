import fc from "fast-check";
import type { Chat, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../emulator/index.js";
import { type Harness, startHarness } from "./harness.js";

/**
 * Random updates of every kind the bot receives, fed to the real bot
 * through the emulator in batches. After each batch, once the bot is idle:
 * every callback and inline query was answered exactly once, every call
 * passed the emulator's checks (bar "message is not modified", which the
 * bot provokes on a double tap and ignores, and the second reaction the
 * reactions demonstration asks for to show its refusal), and the bot
 * logged no error.
 */

/** Batches per property, and updates per batch: about 1,000 updates per property. */
const RUNS = 40;
/**
 * The first failing batch is reported as it is, with fast-check's seed to
 * replay it: the bot and its messages change with every batch, so a shrunk
 * batch would not fail the same way, and shrinking would take minutes.
 */
const OPTIONS = { numRuns: RUNS, endOnFailure: true };
const BATCH = { minLength: 10, maxLength: 40 };

const NOT_MODIFIED = "message is not modified";

/** A refusal a live demonstration asks for on purpose: "Try it" on the reactions card asks for two reactions. */
const demonstrated = (c: { method: string; error?: { description: string } }) =>
  c.method === "setMessageReaction" && (c.error?.description ?? "").includes("REACTIONS_TOO_MANY");
const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).length;

let h: Harness;
let users: User[];
let chats: Chat[];

beforeAll(async () => {
  // The flood limit would drop some of the updates on purpose: test/flood.test.ts covers it.
  h = await startHarness({ deps: { rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
  users = [
    h.emu.user({ first_name: "Alice", language_code: "en" }),
    h.emu.user({ first_name: "Борис", language_code: "ru" }),
    h.emu.user({ first_name: "Carla", language_code: "pt-br" }),
    h.emu.user({ first_name: "Dzmitry", language_code: "be" }),
  ];
  chats = [h.emu.group({ title: "Group" }), h.emu.group({ title: "Supergroup", type: "supergroup" })];
  // Every user starts with a bot message in private and in each group to press buttons on.
  for (const from of users) {
    h.emu.sendMessage({ from, text: "/compare" });
    for (const chat of chats) h.emu.sendMessage({ from, chat, text: "/compare" });
  }
  await h.emu.waitUntilIdle();
});

afterAll(async () => {
  await h.stop();
});

/** Where an action happens: a user, and their private chat or one of the groups. */
interface Place {
  user: number;
  chat: number;
}

type Action =
  | { kind: "text"; place: Place; text: string }
  /** `data` undefined: one of the message's own buttons, picked by `message` too. */
  | { kind: "press"; place: Place; message: number; data: string | undefined }
  | {
      kind: "inline";
      user: number;
      query: string;
      chatType: "sender" | "private" | "group" | "supergroup" | undefined;
    };

const place = fc.record({ user: fc.nat(3), chat: fc.nat(2) });

/**
 * Any text a Telegram client can send: letters of any script, emoji,
 * control characters, but no lone surrogate (Telegram delivers well-formed
 * text only; the emulator refuses to send anything else, and refuses such
 * text from the bot as Telegram does).
 */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: "grapheme", maxLength }),
    fc.string({ unit: "binary", maxLength }),
    fc.string({ maxLength }),
    fc.constantFrom("files", "group members", "fles", "участники", "old updates 🙂", "409", "  ", "@compare_test_bot"),
  );

/**
 * Long runs of emoji and other characters beyond the first 65,536 (two
 * UTF-16 units each), a few others between: whatever cuts such text at a
 * number of units may split a character in two.
 */
const astral = (minLength: number, maxLength: number) =>
  fc
    .array(fc.oneof(fc.constantFrom("🙂", "👍🏽", "🇷🇺", "𝒳", "🧪"), fc.constantFrom("a", " ", "я", "-")), {
      minLength,
      maxLength,
      size: "max",
    })
    .map((parts) => parts.join(""));

const COMMANDS = [
  "compare",
  "start",
  "choose",
  "cancel",
  "language",
  "help",
  "about",
  "table",
  "unknown",
  "Compare",
  "compare@compare_test_bot",
  "start@other_bot",
];
const command = fc
  .tuple(
    fc.constantFrom(...COMMANDS),
    fc.oneof(
      fc.constant(""),
      anyText(60),
      // Longer than any echo of it the bot may cut: the cut must not split a character.
      anyText(400),
      astral(60, 160),
      fc.constantFrom("files", "choose", "inline", "fetch-users", "table", "FILES"),
    ),
  )
  .map(([name, args]) => (args === "" ? `/${name}` : `/${name} ${args}`));

/** A mention of the bot, so that the text reaches it in a group with privacy mode. */
const mention = anyText(80).map((text) => `@compare_test_bot ${text}`);

const text = fc
  .oneof(command, mention, anyText(300))
  .filter((t) => t.length > 0 && t.length <= 4096)
  .chain((t) => place.map((p): Action => ({ kind: "text", place: p, text: t })));

/** Callback data as the bot writes it, nearly, or any bytes up to Telegram's 64. */
const validLooking = fc
  .tuple(
    fc.constantFrom("1", "0", "2", ""),
    fc.constantFrom("o", "c", "s", "n", "a", "l", "t", "x", ""),
    fc.constantFrom("en", "ru", "de", "EN", "e", ""),
    fc.oneof(
      fc.constant(undefined),
      fc.constantFrom("files", "fetch-users", "nope", "auto", "ru", "de", "abc-0-y", "abc-5-n", "zz-99-b", "x-1-q"),
      fc.string({ maxLength: 20 }),
    ),
  )
  .map(([v, k, l, arg]) => [v, k, l, ...(arg === undefined ? [] : [arg])].join(":"));
const callbackData = fc
  .oneof(
    validLooking,
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 64 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 64 }),
  )
  .filter((d) => d.length > 0 && bytes(d) <= 64);

const press = fc
  .tuple(place, fc.nat(), fc.oneof(callbackData, fc.constant(undefined)))
  .map(([p, message, data]): Action => ({ kind: "press", place: p, message, data }));

const inline = fc
  .tuple(
    fc.nat(3),
    fc.oneof(
      anyText(256),
      astral(20, 100).map((q) => q.slice(0, 256)),
    ),
    fc.constantFrom("sender", "private", "group", "supergroup", undefined),
  )
  .filter(([, query]) => query.length <= 256)
  .map(([user, query, chatType]): Action => ({ kind: "inline", user, query, chatType }));

/** The chat of a place: the user's private chat, or a group. */
function chatOf(p: Place): Chat | undefined {
  return p.chat === 0 ? undefined : chats[p.chat - 1];
}

function botMessages(chatId: number): StoredMessage[] {
  return h.emu.chatMessages(chatId).filter((m) => m.from?.id === h.emu.botInfo.id);
}

/** Sends the batch to the bot, waits until it is idle, then checks the invariants. */
async function check(actions: readonly Action[]): Promise<void> {
  const callbacks: string[] = [];
  const inlineQueries: string[] = [];
  const callsBefore = h.emu.calls.length;
  const logsBefore = h.logs.length;
  for (const action of actions) {
    if (action.kind === "inline") {
      const from = users[action.user] as User;
      inlineQueries.push(
        h.emu.inlineQuery({ from, query: action.query, ...(action.chatType ? { chat_type: action.chatType } : {}) }),
      );
      continue;
    }
    const from = users[action.place.user] as User;
    const chat = chatOf(action.place);
    if (action.kind === "text") {
      h.emu.sendMessage({ from, text: action.text, ...(chat ? { chat } : {}) });
      continue;
    }
    const own = botMessages(chat?.id ?? from.id);
    const message = own[action.message % own.length];
    if (message === undefined) continue;
    const buttons = (message.reply_markup?.inline_keyboard ?? [])
      .flat()
      .flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
    const data = action.data ?? buttons[action.message % Math.max(1, buttons.length)];
    if (data === undefined) continue;
    callbacks.push(h.emu.pressButton({ from, message }, data, { unchecked: true }));
  }
  await h.emu.waitUntilIdle();

  const rejected = h.emu.calls
    .slice(callsBefore)
    .filter((c) => !c.ok && !(c.error?.description ?? "").includes(NOT_MODIFIED) && !demonstrated(c))
    .map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 300)}: ${c.error?.description}`);
  expect(rejected).toEqual([]);
  expect(h.logs.slice(logsBefore).filter((l) => l.level >= 50)).toEqual([]);
  for (const id of callbacks) expect(h.emu.callbackAnswer(id)?.count, `answers to callback query ${id}`).toBe(1);
  for (const id of inlineQueries) expect(h.emu.inlineAnswer(id)?.count, `answers to inline query ${id}`).toBe(1);
}

describe("random updates", () => {
  it("texts and commands with any arguments, in private and in groups", async () => {
    await fc.assert(fc.asyncProperty(fc.array(text, BATCH), check), OPTIONS);
  }, 60_000);

  it("button presses with any callback data on the bot's messages", async () => {
    await fc.assert(fc.asyncProperty(fc.array(press, BATCH), check), OPTIONS);
  }, 60_000);

  it("inline queries in any script, with emoji, up to 256 characters", async () => {
    await fc.assert(fc.asyncProperty(fc.array(inline, BATCH), check), OPTIONS);
  }, 60_000);

  it("all of them mixed", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(text, press, inline), BATCH), check), OPTIONS);
  }, 60_000);
});
