import type { InlineKeyboardMarkup, PhotoSize } from "grammy/types";
import { badRequest } from "../errors.js";
import type { Photos } from "../photos.js";
import type { ContentPatch, MessageContent } from "../types.js";
import { canonical, clone, now, sameEntities, str } from "../util.js";
import { isRecord } from "../validate.js";
import type { World } from "../world.js";
import type { MethodTable } from "./core.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** The fields an edit may change. */
const EDITABLE: Array<keyof MessageContent> = [
  "text",
  "entities",
  "caption",
  "caption_entities",
  "photo",
  "reply_markup",
  "link_preview_options",
  "show_caption_above_media",
];

/** The message an edit addresses, and how to apply the change. */
interface EditTarget {
  content: MessageContent;
  /** Whether the message is in a private chat (an inline message is in none). */
  inPrivate: boolean;
  apply: (next: ContentPatch) => unknown;
}

function sameMarkup(a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

function applyContent(target: MessageContent, next: ContentPatch): void {
  const t = target as Record<string, unknown>;
  for (const k of EDITABLE) {
    if (k in next) {
      const v = next[k];
      if (v === undefined) delete t[k];
      else t[k] = clone(v);
    }
  }
  target.edit_date = now();
}

/**
 * The edits of messages in chats (by chat_id and message_id, answered with
 * the Message) and of inline messages (by inline_message_id, answered with
 * `true`): only the bot's own messages, and never to identical content.
 */
export class Editing {
  constructor(
    private readonly world: World,
    private readonly photos: Photos,
  ) {}

  get methods(): MethodTable {
    return {
      editMessageText: (p) => this.editMessageText(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      editMessageCaption: (p) => this.editMessageCaption(p),
      editMessageMedia: (p, ctx) => this.editMessageMedia(p, ctx.files),
    };
  }

  private target(p: Record<string, unknown>): EditTarget {
    const inlineId = str(p.inline_message_id);
    const byChat = p.chat_id !== undefined || p.message_id !== undefined;
    if (inlineId !== undefined && byChat)
      throw badRequest("specify either chat_id and message_id or inline_message_id, not both");
    if (inlineId !== undefined) {
      const inline = this.world.inlineMessages.get(inlineId);
      if (inline === undefined) throw badRequest("message to edit not found");
      return {
        content: inline.message,
        inPrivate: false,
        apply: (next) => {
          applyContent(inline.message, next);
          const ref = inline.chatRef;
          const posted =
            ref === undefined
              ? undefined
              : this.world.chats.get(ref.chatId)?.messages.find((m) => m.message_id === ref.messageId);
          if (posted !== undefined) applyContent(posted, next);
          return true;
        },
      };
    }
    if (p.chat_id === undefined && p.message_id === undefined)
      throw badRequest("either chat_id and message_id or inline_message_id must be specified");
    if (p.chat_id === undefined) throw badRequest('parameter "chat_id" is required');
    if (p.message_id === undefined) throw badRequest("message identifier is not specified");
    const state = this.world.resolveChat(p.chat_id);
    const msg = state.messages.find((m) => m.message_id === p.message_id);
    if (msg === undefined) throw badRequest("message to edit not found");
    if (msg.from?.id !== this.world.botInfo.id) throw badRequest("message can't be edited");
    return {
      content: msg,
      inPrivate: state.chat.type === "private",
      apply: (next) => {
        applyContent(msg, next);
        return clone(msg);
      },
    };
  }

  private editMessageText(p: Record<string, unknown>): unknown {
    if (p.rich_message !== undefined) throw badRequest("rich_message is not implemented by the emulator");
    const target = this.target(p);
    if (p.text === undefined) throw badRequest("message text is empty");
    if (target.content.text === undefined) throw badRequest("there is no text in the message to edit");
    const f = this.world.formatMessageText(str(p.text) ?? "", p, "entities", "MESSAGE_TOO_LONG");
    const { inline } = this.world.markup(p.reply_markup, target.inPrivate);
    const cur = target.content;
    if (cur.text === f.text && sameEntities(cur.entities, f.entities) && sameMarkup(cur.reply_markup, inline))
      throw badRequest(NOT_MODIFIED);
    const next: ContentPatch = {
      text: f.text,
      entities: f.entities.length > 0 ? f.entities : undefined,
      reply_markup: inline,
    };
    if (isRecord(p.link_preview_options)) next.link_preview_options = clone(p.link_preview_options);
    return target.apply(next);
  }

  private editMessageReplyMarkup(p: Record<string, unknown>): unknown {
    const target = this.target(p);
    const { inline } = this.world.markup(p.reply_markup, target.inPrivate);
    if (sameMarkup(target.content.reply_markup, inline)) throw badRequest(NOT_MODIFIED);
    return target.apply({ reply_markup: inline });
  }

  private editMessageCaption(p: Record<string, unknown>): unknown {
    const target = this.target(p);
    if (target.content.photo === undefined) throw badRequest("there is no caption in the message to edit");
    const caption = this.world.formatCaption(str(p.caption) ?? "", p);
    const { inline } = this.world.markup(p.reply_markup, target.inPrivate);
    const cur = target.content;
    if (
      (cur.caption ?? "") === (caption?.text ?? "") &&
      sameEntities(cur.caption_entities, caption?.entities) &&
      sameMarkup(cur.reply_markup, inline)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    const next: ContentPatch = {
      caption: caption?.text,
      caption_entities: caption !== undefined && caption.entities.length > 0 ? caption.entities : undefined,
      reply_markup: inline,
    };
    if (typeof p.show_caption_above_media === "boolean")
      next.show_caption_above_media = p.show_caption_above_media || undefined;
    return target.apply(next);
  }

  private editMessageMedia(p: Record<string, unknown>, files: Parameters<Photos["from"]>[1]): unknown {
    const target = this.target(p);
    const media = isRecord(p.media) ? p.media : {};
    if (media.type !== "photo")
      throw badRequest(
        `editMessageMedia with media of type "${String(media.type)}" is not implemented by the emulator`,
      );
    if (target.content.photo === undefined) throw badRequest("there is no media in the message to edit");
    const photo = this.photos.from(media.media, files);
    const caption = this.world.formatCaption(str(media.caption), {
      parse_mode: media.parse_mode,
      caption_entities: media.caption_entities,
    });
    const { inline } = this.world.markup(p.reply_markup, target.inPrivate);
    const cur = target.content;
    const last = (sizes: PhotoSize[] | undefined): string | undefined => sizes?.[sizes.length - 1]?.file_unique_id;
    if (
      last(cur.photo) === last(photo) &&
      (cur.caption ?? "") === (caption?.text ?? "") &&
      sameEntities(cur.caption_entities, caption?.entities) &&
      sameMarkup(cur.reply_markup, inline)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    return target.apply({
      photo,
      caption: caption?.text,
      caption_entities: caption !== undefined && caption.entities.length > 0 ? caption.entities : undefined,
      reply_markup: inline,
    });
  }
}
