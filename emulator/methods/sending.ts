import { badRequest } from "../errors.js";
import type { MediaContent, MediaMethods } from "../media.js";
import type { Photos } from "../photos.js";
import type { ChatState, StoredMessage } from "../types.js";
import { clone, now, str } from "../util.js";
import { isRecord, type UploadedFile } from "../validate.js";
import type { World } from "../world.js";
import type { MethodTable } from "./core.js";

/** sendChatAction: the actions the Bot API lists (its description, not a list the spec derives). */
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

/**
 * Messages the bot sends and deletes, and what it asks of chats: sendMessage,
 * sendPhoto, sendChatAction, deleteMessage(s) and getChat. Documents and
 * albums (media.ts) are stored through {@link sendMedia}.
 */
export class Sending {
  constructor(
    private readonly world: World,
    private readonly photos: Photos,
  ) {}

  /** These methods, and the media methods of `media`. */
  methods(media: MediaMethods<ChatState, StoredMessage>): MethodTable {
    return {
      sendMessage: (p) => this.sendMessage(p),
      sendPhoto: (p, ctx) => this.sendPhoto(p, ctx.files),
      sendDocument: (p, ctx) => media.call("sendDocument", p, ctx.files)?.result,
      sendMediaGroup: (p, ctx) => media.call("sendMediaGroup", p, ctx.files)?.result,
      sendChatAction: (p) => this.sendChatAction(p),
      deleteMessage: (p) => this.deleteMessage(p),
      deleteMessages: (p) => this.deleteMessages(p),
      getChat: (p) => this.getChat(p),
    };
  }

  private sendMessage(p: Record<string, unknown>): StoredMessage {
    const w = this.world;
    const state = w.resolveChat(p.chat_id);
    const f = w.formatMessageText(str(p.text) ?? "", p, "entities", "message is too long");
    const { inline, reply } = w.markup(p.reply_markup, state.chat.type === "private");
    const replyTo = w.resolveReply(state, p.reply_parameters);
    const msg: StoredMessage = { message_id: 0, from: w.botUser, chat: clone(state.chat), date: now(), text: f.text };
    if (f.entities.length > 0) msg.entities = f.entities;
    if (isRecord(p.link_preview_options)) msg.link_preview_options = clone(p.link_preview_options);
    if (inline !== undefined) msg.reply_markup = inline;
    if (replyTo !== undefined) msg.reply_to_message = replyTo;
    if (reply !== undefined) state.replyKeyboard = reply;
    w.addMessage(state, msg);
    return clone(msg);
  }

  private sendPhoto(p: Record<string, unknown>, files: ReadonlyMap<string, UploadedFile>): StoredMessage {
    const w = this.world;
    const state = w.resolveChat(p.chat_id);
    const caption = w.formatCaption(str(p.caption), p);
    const { inline, reply } = w.markup(p.reply_markup, state.chat.type === "private");
    const replyTo = w.resolveReply(state, p.reply_parameters);
    const photo = this.photos.from(p.photo, files);
    const msg: StoredMessage = { message_id: 0, from: w.botUser, chat: clone(state.chat), date: now(), photo };
    if (caption !== undefined) {
      msg.caption = caption.text;
      if (caption.entities.length > 0) msg.caption_entities = caption.entities;
    }
    if (p.show_caption_above_media === true) msg.show_caption_above_media = true;
    if (p.has_spoiler === true) msg.has_media_spoiler = true;
    if (inline !== undefined) msg.reply_markup = inline;
    if (replyTo !== undefined) msg.reply_to_message = replyTo;
    if (reply !== undefined) state.replyKeyboard = reply;
    w.addMessage(state, msg);
    return clone(msg);
  }

  /** Stores a message of the media methods: a document, or an item of an album. */
  sendMedia(
    state: ChatState,
    content: MediaContent,
    extra: { replyTo?: StoredMessage; replyMarkup?: unknown },
  ): StoredMessage {
    const w = this.world;
    const { inline, reply } = w.markup(extra.replyMarkup, state.chat.type === "private");
    const msg: StoredMessage = { message_id: 0, from: w.botUser, chat: clone(state.chat), date: now(), ...content };
    if (inline !== undefined) msg.reply_markup = inline;
    if (extra.replyTo !== undefined) msg.reply_to_message = extra.replyTo;
    if (reply !== undefined) state.replyKeyboard = reply;
    w.addMessage(state, msg);
    return clone(msg);
  }

  private sendChatAction(p: Record<string, unknown>): true {
    this.world.resolveChat(p.chat_id);
    if (!CHAT_ACTIONS.has(str(p.action) ?? "")) throw badRequest("wrong parameter action in request");
    return true;
  }

  private deleteMessage(p: Record<string, unknown>): true {
    const state = this.world.resolveChat(p.chat_id);
    const i = state.messages.findIndex((m) => m.message_id === p.message_id);
    const msg = state.messages[i];
    if (msg === undefined) throw badRequest("message to delete not found");
    const own = msg.from?.id === this.world.botInfo.id;
    if (!own && state.chat.type !== "private" && !state.botIsAdmin) throw badRequest("message can't be deleted");
    state.messages.splice(i, 1);
    return true;
  }

  /** The validator has checked the number of message_ids against the spec's 1-100. */
  private deleteMessages(p: Record<string, unknown>): true {
    const state = this.world.resolveChat(p.chat_id);
    const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
    state.messages = state.messages.filter((m) => {
      if (!ids.includes(m.message_id)) return true;
      return !(m.from?.id === this.world.botInfo.id || state.chat.type === "private" || state.botIsAdmin);
    });
    return true;
  }

  private getChat(p: Record<string, unknown>): Record<string, unknown> {
    const { chat } = this.world.resolveChat(p.chat_id);
    return {
      ...clone(chat),
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
        gifts_from_channels: false,
      },
    };
  }
}
