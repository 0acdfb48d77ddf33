// The container's health check (see Dockerfile): healthy when the bot's health
// file was written within HEALTH_MAX_AGE_S seconds (long polling works), else
// when GET /healthz answers 200 on PORT (webhook mode). Exit code 0 or 1.
import { statSync } from "node:fs";

const file = process.env.HEALTH_FILE;
const maxAgeMs = Number(process.env.HEALTH_MAX_AGE_S || 90) * 1000;
const port = process.env.PORT || 8080;

function fresh() {
  try {
    return file !== undefined && file !== "" && Date.now() - statSync(file).mtimeMs < maxAgeMs;
  } catch {
    return false;
  }
}

if (fresh()) process.exit(0);
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
