import { bundleApp } from "../../scripts/app-bundle.js";
import { loadCatalog } from "../../src/matrix/load.js";
import { appData } from "../../src/miniapp/data.js";
import { type AppAssets, renderPage } from "../../src/miniapp/page.js";
import { type ServedApp, servePage } from "./serve-page.js";

export type { ServedApp } from "./serve-page.js";

let assets: Promise<AppAssets> | undefined;

/** The app compiled once per test file, as `npm run build` compiles it. */
export function appAssets(): Promise<AppAssets> {
  assets ??= bundleApp();
  return assets;
}

/** Serves the app with the reference in `dataDir`, for the bot `bot`, on 127.0.0.1. */
export async function serveApp(dataDir: string, bot?: string): Promise<ServedApp> {
  return servePage(renderPage(await appAssets(), appData(loadCatalog(dataDir), bot)));
}
