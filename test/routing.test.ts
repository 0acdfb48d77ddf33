import type { Context, MiddlewareFn } from "grammy";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../src/context.js";
import { dispatch, Feature } from "../src/feature.js";
import { chain, unless, when } from "../src/routing.js";

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

  it("refuses commands that could never match: routes name them in lower case, without the slash", () => {
    const handler = () => Promise.resolve();
    expect(() => new Feature().command("Compare", handler)).toThrow(/lower case/);
    expect(() => new Feature().command("/compare", handler)).toThrow(/slash/);
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
