import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context, LazySessionFlavor } from "grammy";
import type { Logger } from "pino";
import type { Catalog } from "./matrix/load.js";
import type { MatrixSearch } from "./matrix/search.js";
import type { AdvisorRenderer } from "./render/advisor.js";
import type { Renderer } from "./render/renderer.js";
import type { TablePictures } from "./table/pictures.js";

/** What the bot remembers about a user. */
export interface SessionData {
  /** The language the user chose with /language; unset means "as in the Telegram app". */
  language?: string;
}

/** The language of an update, installed by `localeMiddleware`. */
export interface LocaleFlavor {
  /** The language to answer in: the user's choice from /language, else their app's. */
  locale(): Promise<string>;
  /** A string of the Fluent files, in {@link locale}. */
  translate(key: string, variables?: Record<string, string | number>): Promise<string>;
}

/** The context every handler of this bot sees. */
export type BotContext = ConversationFlavor<Context & LocaleFlavor & LazySessionFlavor<SessionData>>;

/** What the features share: the data, its search and its rendering. */
export interface Services {
  catalog: Catalog;
  search: MatrixSearch;
  renderer: Renderer;
  advisor: AdvisorRenderer;
  pictures: TablePictures;
  logger: Logger;
}
