import { defineConfig } from "vitest/config";

/** The tests that run the compiled bot as its own process, as `npm start` runs it. */
const PROCESSES = [
  "test/process.test.ts",
  "test/miniapp-process.test.ts",
  "test/outages.test.ts",
  "test/redis-faults.test.ts",
  "test/scale.test.ts",
  "test/advisor-instances.test.ts",
];
/** The Mini App's tests in Chromium; they measure how fast the page paints, so they run alone, last. */
const BROWSER_TESTS = ["test/miniapp-browser.test.ts"];

export default defineConfig({
  test: {
    // Limits for what hangs, not measurements: a busy machine makes everything slow (the table's
    // picture takes seconds to draw there), and waits end as soon as what they wait for happens.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Units, and the bot from its sources against the emulator, in the test's own process: no build.
        extends: true,
        test: { name: "in-process", include: ["test/**/*.test.ts"], exclude: [...PROCESSES, ...BROWSER_TESTS] },
      },
      {
        // dist/ is compiled once first; a line says which tests lack Redis, and CI stops there.
        extends: true,
        test: {
          name: "processes",
          include: PROCESSES,
          globalSetup: ["test/support/build.ts", "test/support/redis-check.ts"],
        },
      },
      {
        extends: true,
        test: { name: "browser", include: BROWSER_TESTS, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
