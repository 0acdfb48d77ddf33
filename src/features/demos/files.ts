import type { Message } from "grammy/types";
import type { BotContext } from "../../context.js";
import type { FileSeen } from "../../render/demos/index.js";
import { attempt, type DemoDeps, inGroup, mapOutcome, say } from "./calls.js";

/** The row of the reference about file sizes, linked from the result. */
const FILES_ROW = "files";

/** A file in a message: its file_id and what the demonstration shows of it. */
interface FoundFile {
  fileId: string;
  seen: FileSeen;
}

/** The file a message carries, if any: a document, the largest size of a photo, a video, audio, … */
export function fileOf(message: Message): FoundFile | undefined {
  const photo = message.photo?.at(-1);
  if (photo !== undefined) {
    return {
      fileId: photo.file_id,
      seen: { kind: "photo", ...(photo.file_size !== undefined ? { size: photo.file_size } : {}) },
    };
  }
  const candidates = [
    ["document", message.document],
    ["video", message.video],
    ["audio", message.audio],
    ["voice", message.voice],
    ["animation", message.animation],
    ["video_note", message.video_note],
    ["sticker", message.sticker],
  ] as const;
  for (const [kind, file] of candidates) {
    if (file === undefined) continue;
    const f = file as { file_id: string; file_size?: number; file_name?: string; mime_type?: string };
    const seen: FileSeen = { kind };
    if (f.file_name !== undefined) seen.name = f.file_name;
    if (f.file_size !== undefined) seen.size = f.file_size;
    if (f.mime_type !== undefined) seen.mimeType = f.mime_type;
    return { fileId: f.file_id, seen };
  }
  return undefined;
}

/** "Send me a file": in a group as a force reply, so that the file reaches the bot despite privacy mode. */
export async function promptFile(ctx: BotContext, { demos }: DemoDeps, locale: string): Promise<void> {
  const group = inGroup(ctx);
  const message = demos.filePrompt(locale, group);
  await say(ctx, group ? { ...message, reply_markup: { force_reply: true, selective: true } } : message);
}

/**
 * A file reached the bot: it shows what it got, asks getFile, and shows
 * the answer. It neither downloads nor keeps the file.
 */
export async function showFile(ctx: BotContext, { services, demos }: DemoDeps, file: FoundFile): Promise<void> {
  const locale = await ctx.locale();
  const outcome = mapOutcome(await attempt(ctx.api.getFile(file.fileId)), (f) => f.file_path);
  const row = services.renderer.matrix(locale).bySlug.get(FILES_ROW);
  const card =
    row === undefined ? undefined : demos.cardButton(services.renderer.resolveLocale(locale), row.slug, row.title);
  await say(ctx, demos.fileReport(locale, file.seen, outcome, card));
}
