import { Context } from "grammy";
import type { Logger } from "pino";
import type { Catalog } from "./matrix/load.js";
import type { SearchHandle } from "./matrix/search-handle.js";
import type { AdvisorRenderer } from "./render/advisor.js";
import type { Translate } from "./render/message.js";
import type { Renderer } from "./render/renderer.js";
import { type CallbackAction, decodeCallback } from "./callback-data.js";
import type { ResolvedLocale } from "./i18n.js";
import type { Route } from "./routes.js";
import { routeOf } from "./routing.js";
import { BoundedCache } from "./bounded-cache.js";
import { commandPayload } from "./telegram/commands.js";
import type { TablePictures } from "./table/pictures.js";

/** The language of an update, what it asks for and its route, worked out once, on first use. */
export interface UpdateFlavor {
  /** The language to answer in: the user's choice from /language, else their app's. */
  locale(): Promise<string>;
  /** The language the user chose with /language, or `undefined` if they did not choose. */
  chosenLocale(): Promise<string | undefined>;
  /** A string of the Fluent files, in {@link locale}. */
  translate(key: string, variables?: Record<string, string | number>): Promise<string>;
  /** What the update asks for, as {@link routeOf} names it. */
  readonly route: Route | undefined;
  /** The data of the button tapped, decoded; `null` when it is no button of this bot (or no button). */
  readonly button: CallbackAction | null;
  /** What follows the command the message starts with, trimmed; `""` if nothing (or no command). */
  readonly payload: string;
  /** Whether the tap was answered already (through `answerCallbackQuery`): Telegram takes one answer per tap. */
  readonly answered: boolean;
}

/**
 * The context every handler of this bot sees. Features read the language
 * through `ctx.locale()`; what keeps state has its own services (the user's
 * settings, the users' /choose runs), not a session on every update.
 */
export type BotContext = Context & UpdateFlavor;

/**
 * Makes the context class of the bot (grammY's `ContextConstructor`): a
 * `Context` with {@link UpdateFlavor}, whose answers are computed on first
 * use and kept for the rest of the update. Methods on a class cost an
 * update nothing until called, where middleware installing them would
 * allocate closures for every update.
 *
 * @param resolveLocale works out the language of an update, such as `localeResolver` from i18n.ts
 * @param t translates a key of the Fluent files in a given language
 */
export function contextClass(
  resolveLocale: (ctx: Context) => Promise<ResolvedLocale>,
  t: Translate,
): new (...args: ConstructorParameters<typeof Context>) => BotContext {
  // The same few hundred buttons are tapped over and over: each data string is decoded once.
  const decoded = new BoundedCache<CallbackAction | null>();
  const decode = (data: string | undefined): CallbackAction | null => {
    if (data === undefined) return null;
    let action = decoded.get(data);
    if (action === undefined) action = decoded.remember(data, decodeCallback(data));
    return action;
  };

  class BotUpdateContext extends Context implements UpdateFlavor {
    #resolved: Promise<ResolvedLocale> | undefined;
    #locale: Promise<string> | undefined;
    #route: Route | undefined | null = null;
    #button: CallbackAction | null | undefined;
    #answered = false;

    locale(): Promise<string> {
      return (this.#locale ??= this.#resolve().then((r) => r.locale));
    }

    chosenLocale(): Promise<string | undefined> {
      return this.#resolve().then((r) => r.chosen);
    }

    #resolve(): Promise<ResolvedLocale> {
      return (this.#resolved ??= resolveLocale(this));
    }

    async translate(key: string, variables?: Record<string, string | number>): Promise<string> {
      return t(await this.locale(), key, variables);
    }

    get route(): Route | undefined {
      if (this.#route === null) this.#route = routeOf(this, this.button, this.payload);
      return this.#route;
    }

    get button(): CallbackAction | null {
      if (this.#button === undefined) this.#button = decode(this.callbackQuery?.data);
      return this.#button;
    }

    get payload(): string {
      return commandPayload(this);
    }

    get answered(): boolean {
      return this.#answered;
    }

    override answerCallbackQuery(...args: Parameters<Context["answerCallbackQuery"]>): Promise<true> {
      this.#answered = true;
      return super.answerCallbackQuery(...args);
    }
  }
  return BotUpdateContext;
}

/** What the features share: the data, its search and its rendering. */
export interface Services {
  catalog: Catalog;
  search: SearchHandle;
  renderer: Renderer;
  advisor: AdvisorRenderer;
  pictures: TablePictures;
  logger: Logger;
}
