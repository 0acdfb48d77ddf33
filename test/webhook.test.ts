import { request } from "node:http";
import { connect } from "node:net";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryDeduplicator } from "../src/dedupe.js";
import { createWebhookServer, type WebhookServer } from "../src/server.js";

const SECRET = "s3cret_token-for-tests";

interface Reply {
  status: number;
  body: string;
}

function post(
  port: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = "POST",
  path = "/hook",
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("MemoryDeduplicator", () => {
  it("remembers at least the last `capacity` ids and forgets older ones", async () => {
    const dedupe = new MemoryDeduplicator(100);
    for (let id = 1; id <= 250; id++) expect(await dedupe.claim(id)).toBe("new");
    // The last 100 are surely remembered; the first ones were forgotten.
    for (let id = 151; id <= 250; id++) expect(await dedupe.claim(id)).toBe("done");
    expect(await dedupe.claim(1)).toBe("new");
    // An update given back may be claimed again.
    await dedupe.release(200);
    expect(await dedupe.claim(200)).toBe("new");
  });
});

describe("the webhook endpoint", () => {
  let endpoint: WebhookServer;
  let port: number;
  let handled: Update[];
  let logs: string[];
  /** Lets the update with the text "slow" finish; until then its handling hangs. */
  let release: () => void;

  beforeEach(async () => {
    handled = [];
    logs = [];
    const gate = new Promise<void>((resolve) => (release = resolve));
    endpoint = createWebhookServer({
      handleUpdate: async (update) => {
        handled.push(update);
        if ("message" in update && update.message?.text === "slow") await gate;
      },
      path: "/hook",
      secret: SECRET,
      previousSecrets: ["the-old-secret"],
      logger: pino({ level: "debug" }, { write: (line: string) => void logs.push(line) }),
      timeoutMs: 100,
    });
    await new Promise<void>((resolve) => endpoint.server.listen(0, "127.0.0.1", resolve));
    const address = endpoint.server.address();
    port = typeof address === "object" && address !== null ? address.port : 0;
  });

  afterEach(async () => {
    release();
    await endpoint.close();
  });

  const update = (id: number, text = "/compare") =>
    JSON.stringify({
      update_id: id,
      message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "A" }, text },
    });
  const secret = { "x-telegram-bot-api-secret-token": SECRET };

  it("handles an update with the right secret", async () => {
    expect(await post(port, update(1), secret)).toEqual({ status: 200, body: "" });
    expect(handled.map((u) => u.update_id)).toEqual([1]);
  });

  it("accepts the previous secret while a new one rolls out", async () => {
    expect((await post(port, update(5), { "x-telegram-bot-api-secret-token": "the-old-secret" })).status).toBe(200);
    expect(handled.map((u) => u.update_id)).toEqual([5]);
  });

  it("refuses a wrong or missing secret with 401 and does not handle the update", async () => {
    expect((await post(port, update(2), { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post(port, update(3), { "x-telegram-bot-api-secret-token": SECRET.slice(0, -1) })).status).toBe(401);
    expect((await post(port, update(4))).status).toBe(401);
    expect(handled).toEqual([]);
  });

  it("refuses a body that is not JSON or not an update with 400, without logging it", async () => {
    expect((await post(port, "{not json", secret)).status).toBe(400);
    expect((await post(port, "[]", secret)).status).toBe(400);
    expect((await post(port, '{"message":{}}', secret)).status).toBe(400);
    expect((await post(port, '{"update_id":"7"}', secret)).status).toBe(400);
    expect(handled).toEqual([]);
    expect(logs.join("")).not.toContain("not json");
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    expect((await post(port, big, secret)).status).toBe(413);
    // Also when the sender does not declare the length up front.
    expect((await post(port, big, { ...secret, "transfer-encoding": "chunked" })).status).toBe(413);
    expect(handled).toEqual([]);
    // The server keeps serving.
    expect((await post(port, update(8), secret)).status).toBe(200);
  });

  /**
   * Streams `total` bytes of body after the headers, as fast as the server
   * reads them; resolves with how many were written before the server closed
   * the connection, and the status line it answered with.
   */
  function stream(
    headers: Record<string, string | number>,
    total: number,
  ): Promise<{ written: number; status: string }> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let written = 0;
      let answer = "";
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve({ written, status: answer.split("\r\n")[0] ?? "" });
      };
      socket.on("data", (d: Buffer) => (answer += d.toString()));
      socket.on("error", finish);
      socket.on("close", finish);
      const head = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      socket.write(`POST /hook HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}\r\n`);
      const data = Buffer.alloc(64 * 1024, 0x20);
      const chunked = headers["transfer-encoding"] === "chunked";
      const chunk = chunked
        ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")])
        : data;
      const pump = () => {
        while (!done && written < total) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        if (!done) setTimeout(finish, 2000);
      };
      pump();
    });
  }

  it("closes the connection of a refused request instead of reading its body", async () => {
    const total = 16 * 1024 * 1024;
    const wrongSecret = await stream({ "x-telegram-bot-api-secret-token": "wrong", "content-length": total }, total);
    expect(wrongSecret.status).toBe("HTTP/1.1 401 Unauthorized");
    expect(wrongSecret.written).toBeLessThan(total);
    // Declared too large: refused before any of it is read.
    const declared = await stream({ ...secret, "content-length": total }, total);
    expect(declared.status).toBe("HTTP/1.1 413 Payload Too Large");
    expect(declared.written).toBeLessThan(total);
    // Not declared, and too large once read.
    const chunked = await stream({ ...secret, "transfer-encoding": "chunked" }, total);
    expect(chunked.status).toBe("HTTP/1.1 413 Payload Too Large");
    expect(chunked.written).toBeLessThan(total);
    expect(handled).toEqual([]);
    expect((await post(port, update(12), secret)).status).toBe(200);
  });

  it("takes a client that goes away mid-request calmly: no error, no answer", async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          `POST /hook HTTP/1.1\r\nhost: 127.0.0.1\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\ncontent-length: 1000\r\n\r\n{"update_id":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    // The server notices, then serves on.
    expect((await post(port, update(13), secret)).status).toBe(200);
    const levels = logs.map((line) => (JSON.parse(line) as { level: number; msg: string }).level);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
    expect(handled.map((u) => u.update_id)).toEqual([13]);
  });

  it("refuses other methods than POST with 405", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) expect((await post(port, "", secret, method)).status).toBe(405);
    expect((await post(port, update(9), secret, "POST", "/elsewhere")).status).toBe(404);
    expect(handled).toEqual([]);
  });

  it("handles a duplicate update_id once", async () => {
    for (let n = 0; n < 3; n++) expect((await post(port, update(10), secret)).status).toBe(200);
    expect(handled.map((u) => u.update_id)).toEqual([10]);
  });

  it("answers Telegram within its time budget and finishes slow work before closing", async () => {
    // The update cannot finish before it is let go, so the answer came from the time budget.
    expect((await post(port, update(11, "slow"), secret)).status).toBe(200);
    expect(logs.join("")).toContain("update still running; answered Telegram");
    expect(endpoint.inFlight()).toBe(1);
    let closed = false;
    const closing = endpoint.close().then(() => (closed = true));
    // Once the server stopped listening, only the update in flight may hold close().
    await new Promise((resolve) => endpoint.server.once("close", resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(endpoint.inFlight()).toBe(0);
  });

  it("reports its health", async () => {
    const health = await post(port, "", {}, "GET", "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", mode: "webhook" });
  });
});
