import type { Chat, Contact, ReactionType, User } from "grammy/types";
import type { StoredMessage } from "../types.js";
import { badRequest } from "../errors.js";
import { botApiSpec } from "../spec.js";
import type { EmulatorCore } from "./core.js";

/** Options of {@link BotApiEmulator.shareContact}. */
export interface ShareContactOptions {
  from: User;
  /** Default: the user's private chat with the bot. */
  chat?: Chat;
  /** Default: a number of Telegram's test range, made from the user's id. */
  phone_number?: string;
}

/** Reaction emoji a bot may use, from the spec ('Currently, it can be one of "❤", "👍", ...'). */
const REACTION_EMOJI = new Set(
  botApiSpec.types.ReactionTypeEmoji?.fields?.find((f) => f.name === "emoji")?.oneOf ?? [],
);

/**
 * "Currently, as non-premium users, bots can set up to one reaction per
 * message" (setMessageReaction); Telegram answers REACTIONS_TOO_MANY above it.
 */
const BOT_REACTIONS = 1;

/** The content a copy takes over: everything but who sent it, when, where, and its keyboard. */
const COPIED = ["text", "entities", "caption", "caption_entities", "photo", "document", "contact"] as const;

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Messages as users and the bot act on them: reactions the bot sets
 * (setMessageReaction), copies (copyMessage), and contacts a user shares
 * (a `request_contact` button).
 */
export class MessageActions {
  /** The bot's reactions, per `chatId:messageId`. */
  private readonly reactionsOf = new Map<string, ReactionType[]>();

  constructor(private readonly core: EmulatorCore) {}

  /** The reactions the bot has set on a message. */
  reactions(chatId: number, messageId: number): ReactionType[] {
    return structuredClone(this.reactionsOf.get(`${chatId}:${messageId}`) ?? []);
  }

  /** A user shares their own contact, as a `request_contact` button does. */
  shareContact(options: ShareContactOptions): StoredMessage {
    const state = this.core.chatFor(options.from, options.chat);
    const { from } = options;
    const contact: Contact = {
      phone_number: options.phone_number ?? `99966${String(from.id % 100_000).padStart(5, "0")}`,
      first_name: from.first_name,
      user_id: from.id,
    };
    if (from.last_name !== undefined) contact.last_name = from.last_name;
    const msg: StoredMessage = { message_id: 0, date: now(), chat: structuredClone(state.chat), from, contact };
    return this.core.postUserMessage(state, msg);
  }

  setMessageReaction(params: Record<string, unknown>): true {
    const state = this.core.resolveChat(params.chat_id);
    const msg = state.messages.find((m) => m.message_id === params.message_id);
    if (msg === undefined) throw badRequest("message to react not found");
    const reaction = (Array.isArray(params.reaction) ? params.reaction : []) as ReactionType[];
    if (reaction.length > BOT_REACTIONS) throw badRequest("REACTIONS_TOO_MANY");
    for (const r of reaction) {
      if (r.type !== "emoji" || !REACTION_EMOJI.has(r.emoji)) throw badRequest("REACTION_INVALID");
    }
    const key = `${state.chat.id}:${msg.message_id}`;
    if (reaction.length === 0) this.reactionsOf.delete(key);
    else this.reactionsOf.set(key, structuredClone(reaction));
    return true;
  }

  copyMessage(params: Record<string, unknown>): { message_id: number } {
    const from = this.core.resolveChat(params.from_chat_id);
    const original = from.messages.find((m) => m.message_id === params.message_id);
    if (original === undefined) throw badRequest("message to copy not found");
    const to = this.core.resolveChat(params.chat_id);
    const { inline, reply } = this.core.markup(params.reply_markup, to.chat.type === "private");
    const replyTo = this.core.resolveReply(to, params.reply_parameters);
    const copy: StoredMessage = { message_id: 0, date: now(), chat: structuredClone(to.chat), from: this.core.botUser };
    const target = copy as unknown as Record<string, unknown>;
    for (const key of COPIED) if (original[key] !== undefined) target[key] = structuredClone(original[key]);
    if (typeof params.caption === "string" && copy.text === undefined) {
      const caption = this.core.formatCaption(params.caption, params);
      delete copy.caption;
      delete copy.caption_entities;
      if (caption !== undefined) {
        copy.caption = caption.text;
        if (caption.entities.length > 0) copy.caption_entities = caption.entities;
      }
    }
    if (inline !== undefined) copy.reply_markup = inline;
    if (replyTo !== undefined) copy.reply_to_message = replyTo;
    if (reply !== undefined) to.replyKeyboard = reply;
    return { message_id: this.core.addMessage(to, copy).message_id };
  }
}
