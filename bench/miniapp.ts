import { join } from "node:path";
import type { Page } from "playwright-core";
import { loadReference } from "../src/matrix/catalog.js";
import { appData } from "../src/miniapp/data.js";
import { renderPage } from "../src/miniapp/page.js";
import { readAssets } from "../src/miniapp/serve.js";
import { HAVE_CHROMIUM, launchBrowser } from "../test/support/browser.js";
import { servePage } from "../test/support/serve-page.js";
import { openInTelegram } from "../test/support/webview.js";
import { ROOT } from "./spawn.js";
import { median } from "./stats.js";

/** Chromium's CPU throttling while the page loads: a mid-range phone. */
export const CPU_SLOWDOWN = 4;

/** What {@link benchMiniAppPaint} measured, in ms from the start of navigation. */
export interface PaintResult {
  /** First contentful paint: the best of the loads, and their median. */
  fcp: { best: number; median: number };
  /** Largest contentful paint, likewise. */
  lcp: { best: number; median: number };
  loads: number;
}

/** First and largest contentful paint of the page open in `page`, as the browser recorded them. */
function paints(page: Page): Promise<{ fcp: number; lcp: number }> {
  // The tests' and the bench's TypeScript has no DOM types: the script is a string.
  return page.evaluate<{ fcp: number; lcp: number }>(`new Promise((resolve) => {
    let lcp = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) lcp = e.startTime; })
      .observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => resolve({ fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime, lcp }), 200);
  })`);
}

/**
 * The Mini App's first paint as a phone would show it: the page `npm run
 * build` compiled (dist/app/) with the reference, served by the bot's own
 * handler on loopback, opened as Telegram opens it in headless Chromium at
 * a phone's size with the CPU slowed down {@link CPU_SLOWDOWN} times, in a
 * fresh tab each time. The best of the loads is the page's own cost (the
 * others also measure whatever else the machine does). Nothing outside the
 * page is fetched. `undefined` where there is no Chromium.
 */
export async function benchMiniAppPaint(loads: number): Promise<PaintResult | undefined> {
  if (!HAVE_CHROMIUM) return undefined;
  const catalog = await loadReference(join(ROOT, "data"), join(ROOT, "dist/reference.json"));
  const page = renderPage(readAssets(join(ROOT, "dist/app")), appData(catalog, "compare_bench_bot"));
  const app = await servePage(page);
  const browser = await launchBrowser();
  try {
    await browser.context.route("**/*", (route) =>
      route.request().url().startsWith(app.origin) ? route.continue() : route.abort(),
    );
    const runs: { fcp: number; lcp: number }[] = [];
    for (let i = 0; i < loads; i++) {
      const tab = await browser.context.newPage();
      try {
        const cdp = await tab.context().newCDPSession(tab);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
        await openInTelegram(tab, app.url);
        runs.push(await paints(tab));
      } finally {
        await tab.close();
      }
    }
    const of = (values: number[]) => ({ best: Math.min(...values), median: median(values) });
    return { fcp: of(runs.map((r) => r.fcp)), lcp: of(runs.map((r) => r.lcp)), loads };
  } finally {
    await browser.close();
    await app.close();
  }
}
