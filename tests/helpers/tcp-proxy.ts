import { createServer, type Server, Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** "Stops the database": destroys every proxied connection and refuses new ones. */
  stop(): Promise<void>;
  /**
   * A database that does not answer (a partition, a frozen host): destroys every proxied
   * connection, then accepts new ones and never forwards a byte.
   */
  hang(): Promise<void>;
  /**
   * The reply lost on the way back: the next time a client sends bytes matching `pattern` (say
   * /commit/i), the server still gets them, but its answer is never forwarded and the connection
   * is cut. What a client sees when a link dies between COMMIT and its acknowledgement.
   */
  loseReplyTo(pattern: RegExp): void;
  /** "Starts" it again: accepts and forwards connections on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (the shared PostgreSQL), so a test can take
 * "the database" away from the app and give it back without touching the server itself.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let hanging = false;
  let loseReplyPattern: RegExp | undefined;

  const forward = (client: Socket) => {
    sockets.add(client);
    client.on("error", () => client.destroy()).on("close", () => sockets.delete(client));
    if (hanging) return;
    const upstream = new Socket();
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(upstream);
    };
    client.on("close", drop);
    upstream.on("error", drop).on("close", drop);
    upstream.connect(target.port, target.host);
    let loseNextReply = false;
    client.on("data", (chunk: Buffer) => {
      if (loseReplyPattern?.test(chunk.toString("latin1"))) {
        loseReplyPattern = undefined;
        loseNextReply = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (loseNextReply) drop();
      else client.write(chunk);
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(forward);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        const address = s.address();
        if (address && typeof address === "object") port = address.port;
        server = s;
        resolve();
      });
    });

  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = undefined;
      dropAll();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    stop: stopListening,
    hang: async () => {
      hanging = true;
      dropAll();
      if (!server) await listen();
    },
    start: async () => {
      if (hanging) dropAll();
      hanging = false;
      if (!server) await listen();
    },
    loseReplyTo: (pattern: RegExp) => {
      loseReplyPattern = pattern;
    },
    close: stopListening,
  };
}
