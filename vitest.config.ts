import { defineConfig } from "vitest/config";

/** The Mini App's tests in Chromium; they measure how fast the page paints, so they run alone, last. */
const BROWSER_TESTS = ["test/miniapp-browser.test.ts"];

export default defineConfig({
  test: {
    // Process tests run the bot as `npm start` does: compiled, from dist/.
    globalSetup: ["test/support/build.ts"],
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: "bot", exclude: [...BROWSER_TESTS, "**/node_modules/**"] } },
      {
        extends: true,
        test: { name: "browser", include: BROWSER_TESTS, sequence: { groupOrder: 1 }, testTimeout: 60_000 },
      },
    ],
  },
});
