import { createServer, request, type Server } from "node:http";

/**
 * A round-robin HTTP load balancer on loopback: each request goes to the
 * next backend in turn, as a reverse proxy in front of several instances
 * would send them. Records which backend got each request.
 */
export class RoundRobin {
  readonly routed: number[] = [];
  private next = 0;
  private readonly server: Server;
  port = 0;

  private constructor(private readonly backends: readonly number[]) {
    this.server = createServer((req, res) => {
      const index = this.next++ % this.backends.length;
      this.routed.push(index);
      const upstream = request(
        { host: "127.0.0.1", port: this.backends[index], path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      req.pipe(upstream);
    });
  }

  /** Starts a balancer in front of the given ports on 127.0.0.1. */
  static async start(backends: readonly number[]): Promise<RoundRobin> {
    const balancer = new RoundRobin(backends);
    await new Promise<void>((resolve) => balancer.server.listen(0, "127.0.0.1", resolve));
    const address = balancer.server.address();
    balancer.port = typeof address === "object" && address !== null ? address.port : 0;
    return balancer;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
