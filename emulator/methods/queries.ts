import type { InlineQueryResult, InlineQueryResultsButton, PhotoSize } from "grammy/types";
import { badRequest } from "../errors.js";
import type { MediaMethods } from "../media.js";
import type { Photos } from "../photos.js";
import { utf8Length } from "../text.js";
import type {
  CallbackAnswer,
  ChatState,
  InlineAnswer,
  MessageContent,
  ProcessedResult,
  StoredMessage,
} from "../types.js";
import { clone, hasWebAppButton, str } from "../util.js";
import { isRecord } from "../validate.js";
import type { World } from "../world.js";
import type { MethodTable } from "./core.js";

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";
/** answerInlineQuery: "No more than 50 results per query are allowed" (not a field limit of the spec). */
const RESULTS_MAX = 50;
/** answerInlineQuery: "Offset length can't exceed 64 bytes" (not a field limit of the spec). */
const NEXT_OFFSET_MAX_BYTES = 64;
/** Telegram counts every result id in bytes, though the spec says characters for some result types. */
const RESULT_ID_MAX_BYTES = 64;

/**
 * answerCallbackQuery and answerInlineQuery: a query is answered at most
 * once, within `queryTimeoutMs`; every attempt naming a known query counts
 * (see {@link countAttempt}). An inline answer's results are checked as
 * Telegram does and kept with what posting each of them produces.
 */
export class Queries {
  constructor(
    private readonly world: World,
    private readonly photos: Photos,
    private readonly media: MediaMethods<ChatState, StoredMessage>,
    private readonly queryTimeoutMs: number,
  ) {}

  get methods(): MethodTable {
    return {
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      answerInlineQuery: (p) => this.answerInlineQuery(p),
    };
  }

  /** Every answerCallbackQuery / answerInlineQuery call naming a known query counts, whatever its outcome. */
  countAttempt(method: string, params: Record<string, unknown>): void {
    if (method === "answerCallbackQuery") {
      const cq = this.world.callbackQueries.get(String(params.callback_query_id));
      if (cq !== undefined) {
        cq.answer ??= { answered: false, count: 0 };
        cq.answer.count++;
      }
    } else if (method === "answerInlineQuery") {
      const iq = this.world.inlineQueries.get(String(params.inline_query_id));
      if (iq !== undefined) {
        iq.answer ??= { answered: false, results: [], count: 0 };
        iq.answer.count++;
      }
    }
  }

  /** The validator has checked the length of `text` against the spec. */
  private answerCallbackQuery(p: Record<string, unknown>): true {
    const cq = this.world.callbackQueries.get(str(p.callback_query_id) ?? "");
    if (cq === undefined) throw badRequest(QUERY_INVALID);
    const answer: CallbackAnswer = cq.answer ?? { answered: false, count: 1 };
    cq.answer = answer;
    if (answer.answered || Date.now() - cq.createdAt > this.queryTimeoutMs) throw badRequest(QUERY_INVALID);
    answer.answered = true;
    const text = str(p.text);
    if (text !== undefined) answer.text = text;
    if (typeof p.show_alert === "boolean") answer.show_alert = p.show_alert;
    if (typeof p.url === "string") answer.url = p.url;
    if (typeof p.cache_time === "number") answer.cache_time = p.cache_time;
    return true;
  }

  private answerInlineQuery(p: Record<string, unknown>): true {
    const iq = this.world.inlineQueries.get(str(p.inline_query_id) ?? "");
    if (iq === undefined) throw badRequest(QUERY_INVALID);
    const answer: InlineAnswer = iq.answer ?? { answered: false, results: [], count: 1 };
    iq.answer = answer;
    const results = (Array.isArray(p.results) ? p.results : []) as InlineQueryResult[];
    if (results.length > RESULTS_MAX) throw badRequest("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    const processed: ProcessedResult[] = [];
    for (const r of results) {
      const bytes = utf8Length(r.id);
      if (bytes < 1 || bytes > RESULT_ID_MAX_BYTES) throw badRequest("RESULT_ID_INVALID");
      if (ids.has(r.id)) throw badRequest("RESULT_ID_DUPLICATE");
      // A posted result is an inline message, where web app buttons do not work.
      if (hasWebAppButton((r as { reply_markup?: unknown }).reply_markup)) throw badRequest("BUTTON_TYPE_INVALID");
      ids.add(r.id);
      processed.push({ result: r, content: this.resultContent(r) });
    }
    const nextOffset = str(p.next_offset);
    if (nextOffset !== undefined && utf8Length(nextOffset) > NEXT_OFFSET_MAX_BYTES)
      throw badRequest("NEXT_OFFSET_INVALID");
    if (answer.answered || Date.now() - iq.createdAt > this.queryTimeoutMs) throw badRequest(QUERY_INVALID);
    answer.answered = true;
    answer.results = clone(results);
    if (isRecord(p.button)) answer.button = clone(p.button) as unknown as InlineQueryResultsButton;
    if (nextOffset !== undefined) answer.next_offset = nextOffset;
    if (typeof p.cache_time === "number") answer.cache_time = p.cache_time;
    if (typeof p.is_personal === "boolean") answer.is_personal = p.is_personal;
    iq.processed = processed;
    return true;
  }

  /** Validates a result's message content and returns what posting it produces. */
  private resultContent(r: InlineQueryResult): MessageContent | undefined {
    const raw = r as unknown as Record<string, unknown>;
    const imc = isRecord(raw.input_message_content) ? raw.input_message_content : undefined;
    let content: MessageContent | undefined;
    if (imc !== undefined && typeof imc.message_text === "string") {
      const f = this.world.formatMessageText(imc.message_text, imc, "entities", "message is too long");
      content = { text: f.text };
      if (f.entities.length > 0) content.entities = f.entities;
      if (isRecord(imc.link_preview_options)) content.link_preview_options = clone(imc.link_preview_options);
    }
    if (r.type === "photo") {
      const fileId = str(raw.photo_file_id);
      let photo: PhotoSize[];
      if (fileId !== undefined) {
        const known = this.photos.known(fileId);
        if (known === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
        photo = known;
      } else {
        const url = str(raw.photo_url) ?? "";
        if (!/^https?:\/\/\S+$/i.test(url)) throw badRequest("PHOTO_INVALID");
        photo = clone(this.photos.create(undefined).sizes);
      }
      const caption = this.world.formatCaption(str(raw.caption), raw);
      if (content === undefined) {
        content = { photo };
        if (caption !== undefined) {
          content.caption = caption.text;
          if (caption.entities.length > 0) content.caption_entities = caption.entities;
        }
      }
    } else if (r.type === "document") {
      const document = this.media.inlineResultContent(raw);
      if (content === undefined && document !== undefined) content = document;
    } else if (typeof raw.caption === "string") {
      this.world.formatCaption(raw.caption, raw);
    }
    return content;
  }
}
