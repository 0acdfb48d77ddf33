import type { Server } from "node:http";
import type { Socket } from "node:net";

/** Handle of an outage started with {@link BotApiEmulator.outage}. */
export interface Outage {
  /** Connections reset since the outage began. */
  readonly resets: number;
  /** Ends the outage: new connections are served again. */
  end(): void;
}

/**
 * Cuts the emulator off the network, as an outage between the bot and
 * Telegram looks to the bot: every open connection is reset (requests in
 * progress, kept-alive ones, a waiting long poll) and so is every new one,
 * until the outage ends.
 */
export class ConnectionCutter {
  private readonly sockets = new Set<Socket>();
  private current: { resets: number } | undefined;

  constructor(server: Server) {
    server.on("connection", (socket: Socket) => {
      if (this.current !== undefined) {
        this.current.resets++;
        socket.resetAndDestroy();
        return;
      }
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts an outage; see {@link ConnectionCutter}. */
  start(): Outage {
    const state = { resets: 0 };
    this.current = state;
    for (const socket of this.sockets) {
      state.resets++;
      socket.resetAndDestroy();
    }
    this.sockets.clear();
    return {
      get resets() {
        return state.resets;
      },
      end: () => {
        if (this.current === state) this.current = undefined;
      },
    };
  }
}
