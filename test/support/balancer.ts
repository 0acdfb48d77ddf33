import { createServer, request, type Server } from "node:http";

/**
 * A round-robin HTTP load balancer on loopback: each request goes to the
 * next backend in turn, as a reverse proxy in front of several instances
 * would send them. Records which backend got each request.
 */
export class RoundRobin {
  readonly routed: number[] = [];
  private next = 0;
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(backends: readonly number[]): Promise<RoundRobin> {
    let balancer: RoundRobin | undefined;
    const server = createServer((req, res) => {
      if (balancer === undefined) return void res.writeHead(503).end();
      const index = balancer.next++ % backends.length;
      balancer.routed.push(index);
      const upstream = request(
        { host: "127.0.0.1", port: backends[index], path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    balancer = new RoundRobin(server, typeof address === "object" && address !== null ? address.port : 0);
    return balancer;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
