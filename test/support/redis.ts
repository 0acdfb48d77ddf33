import { type ChildProcess, spawn } from "node:child_process";
import { createServer, Socket } from "node:net";

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

/**
 * A real redis-server (Debian's package) on a loopback port, without
 * persistence, that a test can stop and start again on the same port.
 */
export class RedisServer {
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
