import type { BotCommand, BotCommandScope, MenuButton } from "grammy/types";
import { badRequest } from "../errors.js";
import { COMMAND_RE } from "../rules.js";
import { canonical, clone, str } from "../util.js";
import { isRecord } from "../validate.js";
import type { World } from "../world.js";
import type { MethodTable } from "./core.js";

/** language_code: "A two-letter ISO 639-1 language code" (a description, not a field limit of the spec). */
const LANG_RE = /^[a-z]{2}$/;
/** setMyCommands: "At most 100 commands can be specified" (not a field limit of the spec). */
const COMMANDS_MAX = 100;

/**
 * The bot's own settings: getMe, logOut and close; commands per scope and
 * language; the menu button, by default and per private chat; its
 * description, short description and name per language.
 */
export class Settings {
  private readonly commandSets = new Map<string, BotCommand[]>();
  private readonly descriptions = new Map<string, string>();
  private readonly shortDescriptions = new Map<string, string>();
  private readonly names = new Map<string, string>();
  /** Menu buttons set with setChatMenuButton: per private chat, and the default under 0. */
  private readonly menuButtons = new Map<number, MenuButton>();

  constructor(private readonly world: World) {}

  get methods(): MethodTable {
    return {
      getMe: () => clone(this.world.botInfo),
      logOut: () => true,
      close: () => true,
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => clone(this.commandSets.get(this.scopeKeyFromParams(p)) ?? []),
      deleteMyCommands: (p) => {
        this.commandSets.delete(this.scopeKeyFromParams(p));
        return true;
      },
      setChatMenuButton: (p) => this.setChatMenuButton(p),
      getChatMenuButton: (p) => this.menuButton(p.chat_id === undefined ? undefined : this.privateChatId(p.chat_id)),
      // The validator has checked each text against the spec's length.
      setMyDescription: (p) => this.setLocalized(p, "description", this.descriptions),
      getMyDescription: (p) => ({ description: this.description(this.langParam(p)) }),
      setMyShortDescription: (p) => this.setLocalized(p, "short_description", this.shortDescriptions),
      getMyShortDescription: (p) => ({ short_description: this.shortDescription(this.langParam(p)) }),
      setMyName: (p) => this.setLocalized(p, "name", this.names),
      getMyName: (p) => ({ name: this.name(this.langParam(p)) }),
    };
  }

  /** Commands set for a scope and language. */
  commands(scope: BotCommandScope, languageCode: string): BotCommand[] {
    return clone(this.commandSets.get(this.scopeKey(scope as unknown as Record<string, unknown>, languageCode)) ?? []);
  }

  /** The menu button a private chat shows: its own, else the bot's default. */
  menuButton(chatId?: number): MenuButton {
    return clone(this.menuButtons.get(chatId ?? 0) ?? this.menuButtons.get(0) ?? { type: "default" });
  }

  description(languageCode: string): string {
    return this.descriptions.get(languageCode) ?? "";
  }

  shortDescription(languageCode: string): string {
    return this.shortDescriptions.get(languageCode) ?? "";
  }

  name(languageCode: string): string {
    return this.names.get(languageCode) ?? (languageCode === "" ? this.world.botInfo.first_name : "");
  }

  private langParam(p: Record<string, unknown>): string {
    const lang = str(p.language_code) ?? "";
    if (lang !== "" && !LANG_RE.test(lang))
      throw badRequest("language_code must be a two-letter ISO 639-1 code or empty");
    return lang;
  }

  private scopeKey(scope: Record<string, unknown> | undefined, lang: string): string {
    const s = scope ?? { type: "default" };
    const key: Record<string, unknown> = { type: s.type };
    if (s.chat_id !== undefined) key.chat_id = this.world.resolveChat(s.chat_id).chat.id;
    if (s.user_id !== undefined) key.user_id = s.user_id;
    return canonical({ scope: key, lang });
  }

  private scopeKeyFromParams(p: Record<string, unknown>): string {
    return this.scopeKey(isRecord(p.scope) ? p.scope : undefined, this.langParam(p));
  }

  /** The validator has checked each command's length against the spec; its characters and blanks are checked here. */
  private setMyCommands(p: Record<string, unknown>): true {
    const commands = (Array.isArray(p.commands) ? p.commands : []) as BotCommand[];
    if (commands.length > COMMANDS_MAX) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    for (const c of commands) {
      if (!COMMAND_RE.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
      if (c.description.trim().length < 1) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    const key = this.scopeKeyFromParams(p);
    if (commands.length === 0) this.commandSets.delete(key);
    else
      this.commandSets.set(
        key,
        commands.map((c) => ({ command: c.command, description: c.description })),
      );
    return true;
  }

  /** The id of a private chat with a user, as setChatMenuButton and getChatMenuButton take it. */
  private privateChatId(chatId: unknown): number {
    const state = this.world.resolveChat(chatId);
    if (state.chat.type !== "private") throw badRequest("chat not found");
    return state.chat.id;
  }

  private setChatMenuButton(p: Record<string, unknown>): true {
    const chatId = p.chat_id === undefined ? 0 : this.privateChatId(p.chat_id);
    const button = (isRecord(p.menu_button) ? p.menu_button : { type: "default" }) as unknown as MenuButton;
    if (button.type === "web_app") {
      if (button.text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID");
      if (!/^https:\/\/\S+$/i.test(button.web_app.url)) throw badRequest("BUTTON_URL_INVALID");
    }
    if (button.type === "default") this.menuButtons.delete(chatId);
    else this.menuButtons.set(chatId, clone(button));
    return true;
  }

  private setLocalized(p: Record<string, unknown>, field: string, store: Map<string, string>): true {
    const lang = this.langParam(p);
    const value = str(p[field]) ?? "";
    if (value === "") store.delete(lang);
    else store.set(lang, value);
    return true;
  }
}
