import { GrammyError, InputFile } from "grammy";
import type { BotContext, Services } from "../context.js";
import { Feature } from "../feature.js";
import { replyWith } from "../telegram.js";

/** Deep-link payload that sends the picture: t.me/<bot>?start=table. */
export const START_TABLE = "table";

/**
 * /table and the overview's "See it as a table" button: the matrix as one
 * picture, sent by file_id once Telegram has it. On an inline message there
 * is no chat to send it to, so the button opens the bot with a deep link.
 */
export function tableFeature({ pictures, renderer, logger }: Services): Feature {
  const feature = new Feature();

  const sendTable = async (ctx: BotContext, locale: string) => {
    const extra = pictures.message(locale);
    const known = await pictures.fileId(locale);
    if (known !== undefined) {
      try {
        await ctx.replyWithPhoto(known, extra);
        return;
      } catch (err) {
        if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
        logger.warn({ err }, "a stored file_id of the table was refused; uploading again");
        pictures.forget(locale);
      }
    }
    let uploaded = false;
    const fileId = await pictures.uploadOnce(locale, async () => {
      uploaded = true;
      const sent = await ctx.replyWithPhoto(new InputFile(pictures.png(locale), "matrix.png"), extra);
      const largest = sent.photo.at(-1)?.file_id;
      if (largest !== undefined) await pictures.remember(locale, largest);
      return largest;
    });
    // A request that waited for another one's upload still needs its picture.
    if (!uploaded && fileId !== undefined) await ctx.replyWithPhoto(fileId, extra);
  };

  feature.command("table", async (ctx) => sendTable(ctx, await ctx.locale()));
  feature.command("start", async (ctx, payload, next) =>
    payload === START_TABLE ? sendTable(ctx, await ctx.locale()) : next(),
  );

  feature.button("table", async (ctx, { locale }) => {
    if (ctx.chat === undefined) {
      await ctx.answerCallbackQuery({ url: `https://t.me/${ctx.me.username}?start=${START_TABLE}` });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendTable(ctx, locale);
  });

  // From the picture, whose message cannot be edited into text: the overview as a new message.
  feature.button("list", async (ctx, { locale }, next) => {
    if (ctx.chat === undefined) return next();
    await ctx.answerCallbackQuery();
    await replyWith(ctx, renderer.overview(locale));
  });

  return feature;
}
