import type { Contact, InlineKeyboardButton, Message, User, WebhookInfo } from "grammy/types";
import type { RenderedMessage, Translate } from "../message.js";
import { cardButton, type DemoMessage, type Outcome } from "./common.js";
import { fileReport, filePrompt, type FileSeen } from "./files.js";
import { group, groupOnly, type GroupReport } from "./group.js";
import { reactions } from "./reactions.js";
import { replied, replyHint } from "./reply.js";
import { updates } from "./updates.js";
import { contact, whoami } from "./whoami.js";

export { type Demo, DEMO_OF_ROW, DEMO_START, type DemoMessage, type Outcome } from "./common.js";
export { type FileSeen, sizeText } from "./files.js";
export type { GroupReport } from "./group.js";
export { withoutSecrets } from "./updates.js";

/**
 * The messages of the live demonstrations: what the bot shows when it
 * calls the Bot API in front of the user. Unlike the cards, they carry what
 * this update brought, so nothing here is cached. Each demonstration's
 * messages are in a module of their own; this class gives them the
 * translation.
 */
export class DemoRenderer {
  constructor(private readonly t: Translate) {}

  /** See {@link filePrompt}. */
  filePrompt(locale: string, inGroup: boolean): RenderedMessage {
    return filePrompt(this.t, locale, inGroup);
  }

  /** See {@link fileReport}. */
  fileReport(
    locale: string,
    file: FileSeen,
    outcome: Outcome<string | undefined>,
    card?: InlineKeyboardButton,
  ): RenderedMessage {
    return fileReport(this.t, locale, file, outcome, card);
  }

  /** See {@link whoami}. */
  whoami(locale: string, user: User, inPrivate: boolean, botUsername: string): DemoMessage {
    return whoami(this.t, locale, user, inPrivate, botUsername);
  }

  /** See {@link contact}. */
  contact(locale: string, shared: Contact, fromId: number): DemoMessage {
    return contact(this.t, locale, shared, fromId);
  }

  /** See {@link group}. */
  group(locale: string, report: GroupReport): RenderedMessage {
    return group(this.t, locale, report);
  }

  /** See {@link groupOnly}. */
  groupOnly(locale: string, botUsername: string): RenderedMessage {
    return groupOnly(this.t, locale, botUsername);
  }

  /** See {@link replyHint}. */
  replyHint(locale: string, botUsername: string): RenderedMessage {
    return replyHint(this.t, locale, botUsername);
  }

  /** See {@link replied}. */
  replied(locale: string, message: Message, copy: Outcome<number>): RenderedMessage {
    return replied(this.t, locale, message, copy);
  }

  /** See {@link reactions}. */
  reactions(locale: string, one: Outcome<true>, two: Outcome<true> | undefined): RenderedMessage {
    return reactions(this.t, locale, one, two);
  }

  /** See {@link updates}. */
  updates(locale: string, info: Outcome<WebhookInfo>, now: Date): RenderedMessage {
    return updates(this.t, locale, info, now);
  }

  /** See {@link cardButton}. */
  cardButton(locale: string, slug: string, title: string): InlineKeyboardButton {
    return cardButton(this.t, locale, slug, title);
  }
}
