import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Checks the types of src/, bundles the bot to dist/, compiles the Mini App
 * to dist/app/ and data/ to dist/reference.json once before the tests, as
 * `npm run build` does before `npm start` runs.
 */
export default function build(): void {
  execFileSync(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["--import", "tsx", join("scripts", "bundle-bot.ts")], { stdio: "inherit" });
  execFileSync(process.execPath, ["--import", "tsx", join("scripts", "build-app.ts"), "--bundle-only"], {
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["--import", "tsx", join("scripts", "compile-reference.ts")], { stdio: "inherit" });
}
