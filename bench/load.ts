/**
 * The load generator of the webhook benchmark, in a process of its own so
 * that it does not take CPU from the server it measures. Posts /compare
 * updates (a new update_id each, users in turn) to the URL with the webhook
 * secret, and prints autocannon's figures as one JSON line.
 *
 * Usage: load.ts <url> <secret> <seconds> <connections>
 */
import autocannon from "autocannon";
import { messageUpdate, user } from "./fixtures.js";

const [url = "", secret = "", seconds = "3", connections = "40"] = process.argv.slice(2);
const users = Array.from({ length: 10_000 }, (_, i) => user(9_000_000 + i));
// Ids go on from where an earlier run of this process would have stopped.
let n = Math.floor(Math.random() * 1e9);

const result = await autocannon({
  url,
  method: "POST",
  connections: Number(connections),
  duration: Number(seconds),
  headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
  requests: [
    {
      setupRequest: (request) => {
        const update = messageUpdate(users[n % users.length] ?? user(1), "/compare");
        update.update_id = n++;
        return { ...request, body: JSON.stringify(update) };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  })}\n`,
);
