import type { CallbackAction } from "./callback-data.js";

/**
 * Everything the bot answers to, in one place: its commands, the payloads
 * of its deep links and the kinds of its buttons (whose data is laid out in
 * callback-data.ts). The context works out an update's {@link Route} from
 * these, features register their handlers under them, the command menu is
 * built from {@link COMMANDS}, and the data's row slugs may be none of the
 * commands and payloads. A route that is not here does not compile.
 */

/**
 * The bot's commands, in the order of Telegram's menu, where each is shown
 * with its description `command-<name>` from the Fluent files, in every
 * language the bot speaks. The last ones start live demonstrations.
 */
export const COMMANDS = [
  "start",
  "compare",
  "new",
  "choose",
  "table",
  "language",
  "help",
  "about",
  "cancel",
  "file",
  "whoami",
  "whatcanyousee",
  "react",
  "updates",
] as const;

/** A command of the bot, without the slash. */
export type Command = (typeof COMMANDS)[number];

/**
 * Payloads of the bot's deep links (t.me/<bot>?start=<payload>, and
 * ?startgroup= for the group demonstration). `/start <payload>` is routed
 * as `start:<payload>`; any other payload (a row's slug, or none) stays
 * `command:start`.
 */
export const DEEP_LINKS = {
  /** Sends the table's pictures. */
  table: "table",
  /** Starts /choose. */
  choose: "choose",
  /** From the "open the bot" button of an inline answer with no results: the welcome. */
  inline: "inline",
  /** The live demonstrations. */
  tryWhoami: "try-whoami",
  tryWhatCanYouSee: "try-whatcanyousee",
  tryFile: "try-file",
  tryReact: "try-react",
  tryUpdates: "try-updates",
  tryReply: "try-reply",
} as const;

/** The payload of one of the bot's deep links. */
export type DeepLink = (typeof DEEP_LINKS)[keyof typeof DEEP_LINKS];

/** A kind of the bot's buttons. */
export type ButtonKind = CallbackAction["kind"];

/**
 * What an update asks for: `inline` for inline queries, `button:<kind>` for
 * the bot's own buttons, `command:<name>` for its commands, `start:<payload>`
 * for its deep links. Anything else (free text, stickers, unknown commands,
 * commands for other bots, buttons with data the bot did not write) has no
 * route.
 */
export type Route = "inline" | `button:${ButtonKind}` | `command:${Command}` | `start:${DeepLink}`;

const COMMAND_SET: ReadonlySet<string> = new Set(COMMANDS);
const DEEP_LINK_SET: ReadonlySet<string> = new Set(Object.values(DEEP_LINKS));

/** Whether `name` is one of the bot's commands. */
export function isCommand(name: string): name is Command {
  return COMMAND_SET.has(name);
}

/** Whether `payload` is one of the bot's deep links. */
export function isDeepLink(payload: string): payload is DeepLink {
  return DEEP_LINK_SET.has(payload);
}

/** Words a row's slug may not be: a slug `table` could never be deep-linked, since /start table sends the pictures. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([...COMMANDS, ...DEEP_LINK_SET]);

/** A link that opens the bot's private chat with `/start <payload>`. */
export function deepLink(botUsername: string, payload: DeepLink): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}
