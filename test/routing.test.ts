import type { Context, MiddlewareFn } from "grammy";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../src/context.js";
import { dispatch, Feature } from "../src/feature.js";
import { RESERVED_SLUGS } from "../src/matrix/schema.js";
import { COMMANDS, DEEP_LINKS } from "../src/routes.js";
import { chain, routeOf, unless, when } from "../src/routing.js";
import { useBot } from "./harness.js";

/** What the helpers below read of a context: nothing but what each test gives. */
const context = <C>(fields: Record<string, unknown> = {}) => ({ ...fields }) as C;

/** Middleware that records its name, then goes on unless told to stop. */
function step<C extends Context>(log: string[], name: string, stop = false): MiddlewareFn<C> {
  return async (_ctx, next) => {
    log.push(name);
    if (!stop) await next();
    log.push(`/${name}`);
  };
}

describe("chain", () => {
  it("runs the layers in order, each around the rest, then the outer next", async () => {
    const log: string[] = [];
    await chain<Context>(step(log, "a"), step(log, "b"))(context(), () => Promise.resolve(void log.push("next")));
    expect(log).toEqual(["a", "b", "next", "/b", "/a"]);
  });

  it("stops where a layer does not call next", async () => {
    const log: string[] = [];
    await chain<Context>(step(log, "a", true), step(log, "b"))(context(), () => Promise.resolve(void log.push("next")));
    expect(log).toEqual(["a", "/a"]);
  });

  it("lets an error of a later layer reach the earlier ones", async () => {
    const failing: MiddlewareFn<Context> = () => Promise.reject(new Error("boom"));
    let seen: unknown;
    const catching: MiddlewareFn<Context> = async (_ctx, next) => {
      try {
        await next();
      } catch (err) {
        seen = err;
      }
    };
    await chain<Context>(catching, failing)(context(), () => Promise.resolve());
    expect(seen).toBeInstanceOf(Error);
  });
});

describe("when and unless", () => {
  it("run the middleware only for the updates they are told to", async () => {
    const log: string[] = [];
    const inline = (ctx: Context) => ctx.inlineQuery !== undefined;
    const next = () => Promise.resolve(void log.push("next"));
    await unless(inline, step(log, "plugin"))(context({ inlineQuery: {} }), next);
    await unless(inline, step(log, "plugin"))(context(), next);
    await when(inline, step(log, "inline"))(context({ inlineQuery: {} }), next);
    await when(() => Promise.resolve(false), step(log, "never"))(context(), next);
    expect(log).toEqual(["next", "plugin", "next", "/plugin", "inline", "next", "/inline", "next"]);
  });
});

describe("dispatch", () => {
  it("calls the handlers of the update's route in order, then what nobody handled goes to otherwise", async () => {
    const log: string[] = [];
    const first = new Feature().command("start", async (_ctx, payload, next) => {
      log.push(`first ${payload}`);
      if (payload !== "mine") await next();
    });
    const second = new Feature()
      .command("start", (_ctx, payload) => Promise.resolve(void log.push(`second ${payload}`)))
      .command("help", async (_ctx, _payload, next) => {
        log.push("help");
        await next();
      });
    const run = dispatch([first, second], async (_ctx, next) => {
      log.push("otherwise");
      await next();
    });
    const done = () => Promise.resolve(void log.push("done"));
    await run(context<BotContext>({ route: "command:start", payload: "mine" }), done);
    await run(context<BotContext>({ route: "command:start", payload: "other" }), done);
    await run(context<BotContext>({ route: "command:help", payload: "" }), done);
    await run(context<BotContext>({ route: "command:unknown", payload: "" }), done);
    await run(context<BotContext>({ route: undefined }), done);
    expect(log).toEqual([
      "first mine",
      "first other",
      "second other",
      "help",
      "otherwise",
      "done",
      "otherwise",
      "done",
      "otherwise",
      "done",
    ]);
  });

  it("takes only the bot's own routes: anything else does not compile", () => {
    const handler = () => Promise.resolve();
    // @ts-expect-error -- commands are named in lower case, as routes.ts lists them
    new Feature().command("Compare", handler);
    // @ts-expect-error -- without the slash
    new Feature().command("/compare", handler);
    // @ts-expect-error -- a command the bot does not have
    new Feature().command("unknown", handler);
    // @ts-expect-error -- a deep link the bot does not have
    new Feature().deepLink("files", handler);
    // @ts-expect-error -- a button the bot does not send
    new Feature().button("nothing", handler);
    expect(new Feature().command("compare", handler).routes.has("command:compare")).toBe(true);
  });

  it("gives a deep link to its own handlers first, then to /start's", async () => {
    const log: string[] = [];
    const start = new Feature().command("start", (_ctx, payload) => Promise.resolve(void log.push(`start ${payload}`)));
    const table = new Feature().deepLink("table", async (_ctx, next) => {
      log.push("table");
      await next();
    });
    const run = dispatch([start, table], () => Promise.resolve(void log.push("otherwise")));
    const next = () => Promise.resolve();
    await run(context<BotContext>({ route: "start:table", payload: "table" }), next);
    await run(context<BotContext>({ route: "start:inline", payload: "inline" }), next);
    expect(log).toEqual(["table", "start table", "start inline"]);
  });

  it("wraps a feature's handlers with around(), for its routes only", async () => {
    const log: string[] = [];
    const feature = new Feature()
      .button("language", () => Promise.resolve(void log.push("language")))
      .around((handler) => async (ctx, next) => {
        log.push("session");
        await handler(ctx, next);
      });
    const other = new Feature().button("card", () => Promise.resolve(void log.push("card")));
    const run = dispatch([feature, other], () => Promise.resolve());
    const next = () => Promise.resolve();
    await run(context<BotContext>({ route: "button:language", button: { kind: "language" } }), next);
    await run(context<BotContext>({ route: "button:card", button: { kind: "card" } }), next);
    expect(log).toEqual(["session", "language", "card"]);
  });
});

describe("routeOf", () => {
  const me = { username: "compare_test_bot" };
  /** A message whose text starts with a command entity as long as its first word. */
  const message = (text: string) =>
    context<Context>({
      me,
      message: { text, entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }] },
    });

  it("names commands, deep links, buttons and inline queries, and nothing else", () => {
    expect(routeOf(message("/compare files"), null, "files")).toBe("command:compare");
    expect(routeOf(message("/COMPARE@Compare_Test_Bot"), null, "")).toBe("command:compare");
    expect(routeOf(message("/start table"), null, "table")).toBe("start:table");
    expect(routeOf(message("/start try-whoami"), null, "try-whoami")).toBe("start:try-whoami");
    // A row's slug, or no payload: the welcome's route.
    expect(routeOf(message("/start files"), null, "files")).toBe("command:start");
    expect(routeOf(message("/start"), null, "")).toBe("command:start");
    // Unknown commands and commands for other bots have no route.
    expect(routeOf(message("/nonsense"), null, "")).toBeUndefined();
    expect(routeOf(message("/compare@other_bot"), null, "")).toBeUndefined();
    expect(routeOf(context<Context>({ me, callbackQuery: {} }), { kind: "card", locale: "en", slug: "x" }, "")).toBe(
      "button:card",
    );
    expect(routeOf(context<Context>({ me, callbackQuery: {} }), null, "")).toBeUndefined();
    expect(routeOf(context<Context>({ me, inlineQuery: {} }), null, "")).toBe("inline");
  });

  it("reserves every command and deep link: no row may be slugged like one", () => {
    for (const word of [...COMMANDS, ...Object.values(DEEP_LINKS)]) expect(RESERVED_SLUGS).toContain(word);
  });
});

describe("the bot's routes", () => {
  // More messages than a user may send in the flood limit's window: the limit is not what is tested here.
  const t = useBot({ harness: { deps: { rateLimit: { limit: 1_000, windowMs: 10_000 } } } });

  it("answers every command of its menu, and every deep link, other than with small talk", async () => {
    // /react shows that a bot's second reaction is refused: Telegram's refusal is the point.
    t.provoke("REACTIONS_TOO_MANY");
    const [smalltalk] = await t.chat.sendUnanswered("/nonsense");
    expect(smalltalk?.text).toBeDefined();
    for (const text of [...COMMANDS.map((c) => `/${c}`), ...Object.values(DEEP_LINKS).map((p) => `/start ${p}`)]) {
      const replies = await t.chat.sendUnanswered(text);
      // Every command answers in the chat, but /react, which reacts to the message itself.
      if (text !== "/react") expect(replies.length, text).toBeGreaterThan(0);
      for (const reply of replies) expect(reply.text ?? reply.caption ?? "", text).not.toBe(smalltalk?.text);
    }
  });
});
