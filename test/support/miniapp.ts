import type { AddressInfo } from "node:net";
import { bundleApp } from "../../scripts/app-bundle.js";
import { loadCatalog } from "../../src/matrix/load.js";
import { appData } from "../../src/miniapp/data.js";
import { type AppAssets, renderPage } from "../../src/miniapp/page.js";
import { createMiniAppServer, miniAppHandler } from "../../src/miniapp/serve.js";

/** The path the tests serve the app at, as MINI_APP_URL's path would be. */
export const APP_PATH = "/app";

let assets: Promise<AppAssets> | undefined;

/** The app compiled once per test file, as `npm run build` compiles it. */
export function appAssets(): Promise<AppAssets> {
  assets ??= bundleApp();
  return assets;
}

/** The app served on a loopback port by the bot's own handler. */
export interface ServedApp {
  /** The page's address. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves the app with the reference in `dataDir`, for the bot `bot`, on 127.0.0.1. */
export async function serveApp(dataDir: string, bot?: string): Promise<ServedApp> {
  const page = renderPage(await appAssets(), appData(loadCatalog(dataDir), bot));
  const server = createMiniAppServer(miniAppHandler(APP_PATH, page));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${APP_PATH}`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
