import { Bot, type BotConfig } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { type BotContext, contextClass, type Services } from "./context.js";
import type { AdvisorRuns } from "./advisor-runs.js";
import { advisorElsewhereFeature, advisorFeature } from "./features/advisor.js";
import { askFeature } from "./features/ask.js";
import { browseFeature } from "./features/browse.js";
import { codeFeature } from "./features/code.js";
import { compareFeature } from "./features/compare.js";
import { demosFeature } from "./features/demos/index.js";
import { fallbackFeature } from "./features/fallback.js";
import { floodLimit, type RateLimit } from "./features/flood.js";
import { inlineFeature } from "./features/inline.js";
import { languageFeature } from "./features/language.js";
import { startFeature } from "./features/start.js";
import { tableFeature } from "./features/table.js";
import { stateful } from "./features/stateful.js";
import type { Catalog } from "./matrix/load.js";
import { SearchHandle } from "./matrix/search-handle.js";
import { MiniAppRenderer, type MiniAppOptions, webAppButtonsWhereAllowed } from "./miniapp/bot.js";
import { AdvisorRenderer } from "./render/advisor.js";
import { rememberingTranslate, type Translate } from "./render/message.js";
import { CodeCards } from "./render/code.js";
import { Snippets } from "./snippets.js";
import { localeResolver, pickLocale, type Translations } from "./i18n.js";
import { type ApiLimits, DEFAULT_LIMITS, installApiLimits, loggableError } from "./retries.js";
import { dispatch } from "./feature.js";
import { chain, unless } from "./routing.js";
import { inOrder } from "./in-order.js";
import type { Draw } from "./table/drawing.js";
import { TablePictures } from "./table/pictures.js";
import { type StoredSettings, UserSettings } from "./settings.js";
import type { KeyValueStorage } from "./storage.js";

/** Everything {@link createBot} needs; nothing is read from the environment here. */
export interface BotDeps {
  token: string;
  catalog: Catalog;
  i18n: Translations;
  logger: Logger;
  /** Root of the Bot API server; Telegram's by default. */
  apiRoot?: string;
  /** Skips getMe at start, as in tests and benchmarks. */
  botInfo?: UserFromGetMe;
  /** Search over the catalog, loaded on first use; made for it when not given. */
  search?: SearchHandle;
  /** Where each user's /choose run stands; this process's memory when not given. */
  advisorRuns?: AdvisorRuns;
  /** Where users' settings (their language) live; this process's memory when not given. */
  settingsStorage?: KeyValueStorage<StoredSettings>;
  /** Where Telegram's file_ids of the table pictures are shared; this process's memory when not given. */
  fileIdStorage?: KeyValueStorage<string>;
  /** How the table pictures are drawn; in a short-lived child process when not given. */
  drawTable?: Draw;
  /** The code shown on the cards; the project's data/snippets when not given. */
  snippets?: Snippets;
  /** Per-user flood limit: at most `limit` updates per `windowMs`. Default 20 per 10 s. */
  rateLimit?: RateLimit;
  /** How long the Bot API may take, per request and per call with its retries. */
  limits?: ApiLimits;
  /** Aborts every Bot API call in flight, and every later one, once it aborts: the bot is stopping. */
  stop?: AbortSignal;
  /** The Mini App, when MINI_APP_URL is set: "Open the table" buttons under the welcome, /help and the overview. */
  miniApp?: MiniAppOptions;
}

/** The update types the bot handles, for getUpdates and setWebhook. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/**
 * What orders an update: its chat, or its user for a button on an inline
 * message, which has no chat. A private chat's id is its user's, and other
 * chats' ids are negative, so the two cannot meet by accident.
 */
const orderKey = (ctx: BotContext): number | undefined => ctx.chat?.id ?? ctx.from?.id;

/**
 * Assembles the bot: API plugins, then for each update the flood limit and
 * per-chat ordering (inline queries skip both), the advisor, the handlers
 * of the update's route, and last free-text questions and the fallback for
 * buttons nobody took. The language and the route of an update are worked
 * out by its context, on first use. Has no side effects: it neither calls
 * Telegram nor starts anything.
 */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const { token, catalog, i18n, logger } = deps;
  // The one translation: every key becomes text through it, with one cache for keys without variables.
  const t: Translate = rememberingTranslate((locale, key, variables) => i18n.t(locale, key, variables));
  // Only /language writes the settings; an update reads the language from them once, on first use.
  const settings = new UserSettings(deps.settingsStorage);
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const config: BotConfig<BotContext> = {
    ContextConstructor: contextClass(localeResolver(i18n, settings, catalog.defaultLocale), t),
    client: { timeoutSeconds: limits.timeoutMs / 1000 },
  };
  if (deps.apiRoot !== undefined) config.client = { ...config.client, apiRoot: deps.apiRoot };
  if (deps.botInfo !== undefined) config.botInfo = deps.botInfo;
  const bot = new Bot<BotContext>(token, config);

  // Telegram asks to wait on 429, sometimes fails with 5xx, and networks
  // fail: retry those, within bounds, and give up at once when stopping.
  installApiLimits(bot.api, logger, limits, deps.stop);

  const search = deps.search ?? new SearchHandle(catalog);
  const snippets = deps.snippets ?? Snippets.bundled();
  const renderer =
    deps.miniApp === undefined
      ? new CodeCards(catalog, t, snippets)
      : new MiniAppRenderer(catalog, t, snippets, deps.miniApp);
  if (deps.miniApp !== undefined) bot.api.config.use(webAppButtonsWhereAllowed());
  const advisor = new AdvisorRenderer(renderer, t);
  const pictures = new TablePictures(renderer, t, deps.fileIdStorage, deps.drawTable);
  const services: Services = { catalog, search, renderer, advisor, pictures, logger };

  // Inline queries need neither of the next two: they are not counted (a
  // client sends one per keystroke) and they share no state, so their order
  // does not matter (Telegram matches each answer to its query).
  const appLocale = (code: string | undefined) => pickLocale(code, i18n.locales, catalog.defaultLocale);
  const isInline = (ctx: BotContext) => ctx.inlineQuery !== undefined;
  const perUser = chain(
    floodLimit(deps.rateLimit ?? { limit: 20, windowMs: 10_000 }, appLocale, t, logger),
    // Updates of one chat run in order, others concurrently. Buttons on
    // inline messages have no chat: their user orders them.
    inOrder(orderKey),
  );
  // The advisor sees what can concern a /choose in progress before anyone else.
  const advisorFirst = advisorFeature(services, deps.advisorRuns);

  // Each update goes straight to the handlers of its route; what none
  // takes is a question, or a button nobody knows.
  const language = languageFeature(t, i18n.locales, catalog.defaultLocale, settings).around((handler) =>
    stateful(handler),
  );
  const demos = demosFeature(services);
  const features = [
    inlineFeature(services),
    browseFeature(services),
    compareFeature(services),
    tableFeature(services),
    demos.feature,
    codeFeature(renderer),
    startFeature(services),
    language,
    advisorElsewhereFeature(services),
  ];
  const routes = dispatch(features, chain(demos.messages, askFeature(services), fallbackFeature()));

  // One grammY layer: every update passes these, so they are composed once, leanly.
  bot.use(chain(unless(isInline, perUser), advisorFirst, routes));

  bot.catch((err) => {
    const fields = { update_id: err.ctx.update.update_id, err: loggableError(err.error) };
    // Given up on by a stop whose time ran out, not a failure of the bot.
    if (deps.stop?.aborted === true) logger.warn(fields, "update abandoned: the bot is stopping");
    else logger.error(fields, "update failed");
  });
  return bot;
}
