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
    client.pipe(upstream);
    upstream.pipe(client);
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
    close: stopListening,
  };
}
