import { badRequest } from "./errors.js";
import { checkEntities, type FormattedText, mergeDetected, trimFormatted } from "./entities.js";
import { parseHtml } from "./html.js";

export {
  checkEntities,
  detectEntities,
  ENTITY_TYPES,
  type FormattedText,
  mergeDetected,
  sortEntities,
  trimFormatted,
  utf8Length,
} from "./entities.js";
export { parseHtml } from "./html.js";

/**
 * Turns text + parse_mode/entities into the stored form, as Telegram does
 * for message texts and captions: parse, trim blank characters at both ends,
 * then add the entities Telegram detects by itself when `detect` is set.
 */
export function formatText(
  raw: string,
  parseMode: unknown,
  entities: unknown,
  options: { detect: boolean },
): FormattedText {
  let formatted: FormattedText;
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : "";
  if (mode !== "" && mode !== "none") {
    // Like the Bot API server: a parse_mode wins over explicit entities.
    if (mode === "html") formatted = parseHtml(raw);
    else if (mode === "markdownv2" || mode === "markdown") {
      throw badRequest(`parse_mode "${String(parseMode)}" is not supported by the emulator; use "HTML" or entities`);
    } else throw badRequest("unsupported parse_mode");
  } else if (Array.isArray(entities) && entities.length > 0) {
    formatted = { text: raw, entities: checkEntities(raw, entities) };
  } else {
    formatted = { text: raw, entities: [] };
  }
  formatted = trimFormatted(formatted);
  if (options.detect) formatted = { text: formatted.text, entities: mergeDetected(formatted.text, formatted.entities) };
  return formatted;
}
