/**
 * The two servers of the webhook benchmark, in a process of their own: the
 * project's webhook server (src/server.ts) in front of the real bot, with
 * the Bot API answered in-process, and a bare node:http server that reads
 * the body and answers 200. A fresh process, as the bot runs deployed:
 * not one whose heap still holds what the in-process benchmark left.
 * Prints their URLs as one JSON line, then serves until stdin closes.
 *
 * Usage: webhook-servers.ts <path> <secret>
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createWebhookServer } from "../src/server.js";
import { FakeApi, realBot } from "./fixtures.js";

const [path = "/telegram", secret = ""] = process.argv.slice(2);

function listen(server: Server): Promise<string> {
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`)),
  );
}

const bot = realBot(new FakeApi());
const endpoint = createWebhookServer({
  handleUpdate: (update) => bot.handleUpdate(update),
  path,
  secret,
  logger: pino({ level: "silent" }),
});
const bare = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200).end());
});
const real = await listen(endpoint.server);
const plain = await listen(bare);
process.stdout.write(`${JSON.stringify({ real, bare: plain })}\n`);

process.stdin.resume();
process.stdin.on("end", () => {
  bare.closeAllConnections();
  bare.close();
  void endpoint.close().then(() => process.exit(0));
});
