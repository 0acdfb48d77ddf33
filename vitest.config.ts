import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Process tests run the bot as `npm start` does: compiled, from dist/.
    globalSetup: ["test/support/build.ts"],
    testTimeout: 20_000,
  },
});
