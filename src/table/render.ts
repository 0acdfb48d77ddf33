import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type * as ResvgJs from "@resvg/resvg-js";
import { FONT_FAMILY, FONT_FILES } from "./fonts.js";
import { buildTableSvg, type TableData, type TableLabels } from "./svg.js";

export {
  buildTableSvg,
  TABLE_WIDTH,
  type TableCell,
  type TableData,
  type TableLabels,
  type TableRow,
  type TableSvg,
} from "./svg.js";

const require = createRequire(import.meta.url);
/** Loaded on the first picture: most runs never draw one. */
let resvgJs: typeof ResvgJs | undefined;

/** Options for {@link renderTablePng}. */
export interface RenderOptions {
  /**
   * Width of the PNG in px; the height follows the same scale. Defaults to
   * the layout's own width ({@link TABLE_WIDTH}). Smaller values serve quick
   * previews and tests.
   */
  width?: number;
}

/**
 * Draws a table as one PNG picture, since Telegram messages cannot show a
 * table. Pure and deterministic: the same data, labels and options always
 * give the same bytes, on any machine, because the fonts come from an npm
 * package and system fonts are never loaded.
 *
 * @param data the rows to show, in the reader's language
 * @param labels the translated words around the data
 */
export function renderTablePng(data: TableData, labels: TableLabels, options: RenderOptions = {}): Buffer {
  const { svg } = buildTableSvg(data, labels);
  resvgJs ??= require("@resvg/resvg-js") as typeof ResvgJs;
  const resvg = new resvgJs.Resvg(svg, {
    font: { fontFiles: [...FONT_FILES], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: options.width === undefined ? { mode: "original" } : { mode: "width", value: options.width },
    logLevel: "off",
  });
  return resvg.render().asPng();
}

/**
 * Names the drawing: bump it whenever a change to svg.ts changes how the
 * same data is drawn, so that pictures sent before are not reused.
 */
export const TABLE_LAYOUT_VERSION = 2;

/**
 * A short hash (16 hex characters) that changes whenever the picture would:
 * it is taken over the data, the labels and {@link TABLE_LAYOUT_VERSION}.
 * Use it to reuse Telegram's file_id of a picture already sent, per language
 * and data version. It costs no layout: laying out a table of many rows
 * takes seconds on a busy machine, and the key is needed before anything is
 * drawn (an inline query asks whether the picture was sent already).
 */
export function tableCacheKey(data: TableData, labels: TableLabels): string {
  return createHash("sha256")
    .update(JSON.stringify({ layout: TABLE_LAYOUT_VERSION, data, labels }))
    .digest("hex")
    .slice(0, 16);
}
