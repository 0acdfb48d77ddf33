import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`), or another one named by CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the browser tests can run here. */
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** The line printed where the browser tests are skipped. */
export const SKIP_NOTE = `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH; .ci/run installs it)`;

/** A phone's screen, as the tests open the app. */
export const PHONE = { width: 390, height: 844 };

/** A headless Chromium with a profile of its own, deleted on close. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Chromium headless with a fresh profile, without the network
 * features it would otherwise use on its own (updates, sync, QUIC), at a
 * phone's size.
 */
export async function launchBrowser(options: { deviceScaleFactor?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none",
    ],
    viewport: PHONE,
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    locale: "en-US",
    colorScheme: "light",
    reducedMotion: "reduce",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
