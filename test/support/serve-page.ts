import type { AddressInfo } from "node:net";
import type { Page } from "../../src/miniapp/page.js";
import { createMiniAppServer, miniAppHandler } from "../../src/miniapp/serve.js";

/** The path the app is served at, as MINI_APP_URL's path would be. */
export const APP_PATH = "/app";

/** The app served on a loopback port by the bot's own handler. */
export interface ServedApp {
  /** The page's address. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves a rendered page at {@link APP_PATH} on 127.0.0.1, on a free port, through the bot's own handler. */
export async function servePage(page: Page): Promise<ServedApp> {
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
