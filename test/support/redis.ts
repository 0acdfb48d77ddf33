import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer, Socket } from "node:net";
import { delimiter, join } from "node:path";
import { Redis } from "ioredis";

/** A Redis the tests may use instead of starting their own: `REDIS_URL`, if set. */
export const GIVEN_REDIS_URL = process.env.REDIS_URL?.trim() || undefined;

/** How to run the tests that need Redis, for the line that says they were skipped. */
export const HOW_TO_RUN_REDIS_TESTS =
  "apt-get install redis-server (Debian, Ubuntu), or REDIS_URL=redis://… naming a Redis whose compare-bot:* keys the tests may clear";

/** Whether CI runs the tests: there, a test that needs Redis fails without it rather than being skipped. */
export const IN_CI = (process.env.CI ?? "") !== "" && process.env.CI !== "false";

/** Whether `redis-server` is on the PATH, so tests can start (and stop) their own. */
export function hasRedisServer(): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    if (dir === "") return false;
    try {
      accessSync(join(dir, "redis-server"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether the tests that share a Redis between instances can run (or must, in CI). */
export const canShareRedis = IN_CI || hasRedisServer() || GIVEN_REDIS_URL !== undefined;
/** Whether the tests that stop Redis can run (or must, in CI): they need a redis-server of their own. */
export const canRestartRedis = IN_CI || hasRedisServer();

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends one command in Redis's protocol and resolves with the first chunk of the answer, or "" on failure. */
function send(port: number, args: readonly string[], timeoutMs = 300): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs);
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once("error", () => resolve(""));
    socket.once("timeout", () => {
      socket.destroy();
      resolve("");
    });
    const command = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
    socket.connect(port, "127.0.0.1", () => socket.write(command));
  });
}

function answersPing(port: number, password?: string): Promise<boolean> {
  if (password !== undefined) return send(port, ["AUTH", password]).then((r) => r.startsWith("+OK"));
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(300);
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
  });
}

/** A Redis for a test: its URL, and how to let it go. */
export interface TestRedis {
  readonly url: string;
  /** Stops it, or for a Redis the test did not start, only lets it go. */
  kill(): Promise<void>;
}

/**
 * A Redis for tests that only need one: a redis-server of their own when
 * there is one on the PATH, else the one `REDIS_URL` names, cleared of the
 * bot's keys first so that no earlier run's state leaks in.
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (hasRedisServer() || GIVEN_REDIS_URL === undefined) return RedisServer.start();
  const client = new Redis(GIVEN_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  const keys = await client.keys("compare-bot:*");
  if (keys.length > 0) await client.del(...keys);
  await client.quit();
  return { url: GIVEN_REDIS_URL, kill: () => Promise.resolve() };
}

/**
 * A real redis-server (Debian's package) on a loopback port, without
 * persistence, that a test can stop and start again on the same port.
 */
export class RedisServer implements TestRedis {
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    private readonly password?: string,
  ) {}

  /** Starts a server on a free port, asking clients for `password` when given. */
  static async start(options: { password?: string } = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options.password);
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** (Re)starts the server on its port and waits until it answers. */
  async resume(): Promise<void> {
    if (!hasRedisServer()) throw new Error(`no redis-server on the PATH: ${HOW_TO_RUN_REDIS_TESTS}`);
    this.child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--loglevel",
        "warning",
        ...(this.password === undefined ? [] : ["--requirepass", this.password]),
      ],
      { stdio: "ignore" },
    );
    const deadline = Date.now() + 5000;
    while (!(await answersPing(this.port, this.password))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${this.port}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Runs a command on the server (such as `CONFIG SET maxmemory 1`); resolves with its raw answer. */
  command(...args: string[]): Promise<string> {
    return send(this.port, args, 2000);
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  freeze(): void {
    this.child?.kill("SIGSTOP");
  }

  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void {
    this.child?.kill("SIGCONT");
  }

  /** Kills the server, as a crash would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    child.kill("SIGCONT");
    await exited;
    this.child = undefined;
  }
}
