import { writeFile } from "node:fs/promises";
import type { Logger } from "pino";

/**
 * Keeps a file's modification time at the last moment long polling was
 * known to work: written once at start and after every getUpdates that
 * succeeded, which a live bot makes at least every 30 s (the long poll's
 * timeout). A container's health check reads its age
 * (scripts/healthcheck.mjs), so polling mode needs no HTTP server for it.
 * A write that fails is logged once and costs nothing else.
 */
export function healthFile(path: string, logger: Logger): { touch: () => Promise<void> } {
  let warned = false;
  const touch = async () => {
    try {
      await writeFile(path, `${new Date().toISOString()}\n`);
    } catch (err) {
      if (!warned) logger.warn({ err, path }, "cannot write the health file");
      warned = true;
    }
  };
  return { touch };
}
