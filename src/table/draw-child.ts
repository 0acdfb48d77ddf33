/**
 * Draws table pictures in a process of its own: receives one DrawRequest
 * over IPC, answers with the PNGs and exits. The fonts and the rasteriser
 * live and die here, so the bot's own memory never holds them.
 */
import { drawPictures, type DrawRequest } from "./render.js";

process.once("message", (request: DrawRequest) => {
  let answer: { ok: true; result: ReturnType<typeof drawPictures> } | { ok: false; error: string };
  try {
    answer = { ok: true, result: drawPictures(request) };
  } catch (err) {
    answer = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  process.send?.(answer, () => process.disconnect());
});
