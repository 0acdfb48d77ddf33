import { GrammyError, InputFile } from "grammy";
import type { InputMediaPhoto, Message } from "grammy/types";
import type { BotContext, Services } from "../context.js";
import { Feature } from "../feature.js";
import { balanced } from "../table/render.js";
import type { KnownFiles, TablePictures } from "../table/pictures.js";
import { DEEP_LINKS, deepLink } from "../routes.js";
import { replyWith } from "../telegram/send.js";

/** Telegram takes at most this many items in one album. */
const ALBUM_MAX = 10;

/** One picture of the album: the section it shows, and a file_id or the PNG to upload. */
interface AlbumItem {
  section: number;
  media: string | InputFile;
}

/**
 * Sends the album of section pictures, then the whole table as a document
 * with the buttons. What `known` has file_ids for goes by file_id; the rest
 * is drawn, uploaded with it, and remembered from Telegram's answer.
 */
async function sendPictures(ctx: BotContext, pictures: TablePictures, locale: string, known: KnownFiles) {
  const plan = pictures.plan(locale);
  const missing = known.document === undefined || known.sections.some((ids) => ids === undefined);
  if (missing) await ctx.replyWithChatAction("upload_photo");
  const drawing = missing ? pictures.drawMissing(locale, known) : undefined;
  const drawn = (await drawing?.sections) ?? [];
  const items: AlbumItem[] = known.sections.flatMap((ids, section) => {
    const media: readonly (string | InputFile)[] =
      ids ??
      (drawn.find((d) => d.index === section)?.pngs ?? []).map(
        (png, part) => new InputFile(png, `${plan.slugs[section] ?? section}-${part + 1}.png`),
      );
    return media.map((m) => ({ section, media: m }));
  });

  // An album takes 2-10 pictures: more go in several albums of about equal size.
  const sent: { item: AlbumItem; message: Message }[] = [];
  const caption = pictures.albumCaption(locale);
  for (const [c, chunk] of balanced(items, Math.ceil(items.length / ALBUM_MAX)).entries()) {
    const first = c === 0 ? caption : {};
    if (chunk.length === 1 && chunk[0] !== undefined) {
      sent.push({ item: chunk[0], message: await ctx.replyWithPhoto(chunk[0].media, first) });
      continue;
    }
    const media = chunk.map((item, i): InputMediaPhoto => ({
      type: "photo",
      media: item.media,
      ...(i === 0 ? first : {}),
    }));
    const messages: Message[] = await ctx.replyWithMediaGroup(media);
    chunk.forEach((item, i) => {
      const message = messages[i];
      if (message !== undefined) sent.push({ item, message });
    });
  }
  const uploaded = new Map<number, string[]>();
  for (const { item, message } of sent) {
    const fileId = message.photo?.at(-1)?.file_id;
    if (typeof item.media === "string" || fileId === undefined) continue;
    uploaded.set(item.section, [...(uploaded.get(item.section) ?? []), fileId]);
  }
  await Promise.all([...uploaded].map(([section, ids]) => pictures.rememberSection(locale, section, ids)));

  const full = await drawing?.full;
  const document =
    known.document ?? (full === undefined ? undefined : new InputFile(full, pictures.documentName(locale)));
  if (document === undefined) return;
  const message = await ctx.replyWithDocument(document, pictures.documentMessage(locale));
  if (typeof document !== "string" && message.document !== undefined) {
    await pictures.rememberDocument(locale, message.document.file_id);
  }
}

/**
 * /table, /start table and the overview's 🖼 button: one picture per
 * section as an album, then the whole table as one picture in a document,
 * sent by file_id once Telegram has them. On an inline message there is no
 * chat to send them to, so the button opens the bot with a deep link.
 */
export function tableFeature({ pictures, renderer, logger }: Services): Feature {
  const feature = new Feature();

  const complete = (k: KnownFiles) => k.document !== undefined && k.sections.every((ids) => ids !== undefined);

  /** Sends what Telegram has by file_id; what it lacks is drawn and uploaded once, however many ask at once. */
  const deliver = async (ctx: BotContext, locale: string, known: KnownFiles) => {
    if (complete(known)) return sendPictures(ctx, pictures, locale, known);
    let mine = false;
    try {
      await pictures.uploadOnce(locale, async () => {
        mine = true;
        await sendPictures(ctx, pictures, locale, known);
      });
    } catch (err) {
      if (mine) throw err;
      // Another request's upload failed: this one tries on its own below.
    }
    // Another request drew and uploaded them meanwhile; this one sends by file_id what Telegram has.
    if (!mine) await sendPictures(ctx, pictures, locale, await pictures.known(locale));
  };

  const sendTable = async (ctx: BotContext, locale: string) => {
    const loc = renderer.resolveLocale(locale);
    const known = await pictures.known(loc);
    try {
      await deliver(ctx, loc, known);
    } catch (err) {
      const stored = known.document !== undefined || known.sections.some((ids) => ids !== undefined);
      if (!(err instanceof GrammyError && err.error_code === 400) || !stored) throw err;
      logger.warn({ err }, "a stored file_id of the table was refused; uploading again");
      pictures.forget(loc);
      await deliver(ctx, loc, { sections: known.sections.map(() => undefined), document: undefined });
    }
  };

  feature.command("table", async (ctx) => sendTable(ctx, await ctx.locale()));
  feature.deepLink(DEEP_LINKS.table, async (ctx) => sendTable(ctx, await ctx.locale()));

  feature.button("table", async (ctx, { locale }) => {
    if (ctx.chat === undefined) {
      await ctx.answerCallbackQuery({ url: deepLink(ctx.me.username, DEEP_LINKS.table) });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendTable(ctx, locale);
  });

  // From the document, whose message cannot be edited into text: the overview as a new message.
  feature.button("list", async (ctx, { locale }, next) => {
    if (ctx.chat === undefined) return next();
    await ctx.answerCallbackQuery();
    await replyWith(ctx, renderer.overview(locale));
  });

  return feature;
}
