import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { Catalog } from "./matrix/load.js";
import type { MatrixSearch } from "./matrix/search.js";
import type { Renderer } from "./render/renderer.js";

/** The context every handler of this bot sees. */
export type BotContext = Context & I18nFlavor;

/** What the features share: the data, its search and its rendering. */
export interface Services {
  catalog: Catalog;
  search: MatrixSearch;
  renderer: Renderer;
  logger: Logger;
}
