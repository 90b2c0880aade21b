import { createServer, type Server, Socket } from "node:net";
import postgres from "postgres";
import { closeDb, getDb } from "@/db";
import { resetEnvForTests } from "@/lib/env";

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
   * A link that stalls without closing (a half-open TCP connection, a frozen proxy): every
   * proxied connection stays open but forwards nothing either way, nor does any new one. Unlike
   * stop() or pg_terminate_backend, neither end is told anything.
   */
  freeze(): void;
  /** Client connections open through the proxy now. */
  readonly connections: number;
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
  const clients = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let hanging = false;
  let loseReplyPattern: RegExp | undefined;

  const forward = (client: Socket) => {
    sockets.add(client);
    clients.add(client);
    client
      .on("error", () => client.destroy())
      .on("close", () => {
        sockets.delete(client);
        clients.delete(client);
      });
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
    // Runs in the same emit as the pipe's forwarding, so before any reply can come back.
    client.on("data", (chunk: Buffer) => {
      if (!loseReplyPattern?.test(chunk.toString("latin1"))) return;
      loseReplyPattern = undefined;
      upstream.unpipe(client);
      upstream.once("data", drop).resume();
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
    get connections() {
      return clients.size;
    },
    stop: stopListening,
    hang: async () => {
      hanging = true;
      dropAll();
      if (!server) await listen();
    },
    freeze: () => {
      hanging = true;
      // Unpiped and paused, a socket reads nothing more: bytes wait in the kernel, unanswered.
      for (const socket of sockets) socket.unpipe().pause();
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

export interface ProxiedDatabase {
  proxy: TcpProxy;
  /** A connection straight to PostgreSQL, around the proxy: what really is in the database. */
  direct: postgres.Sql;
  /** Points the app back at the real database and closes the proxy. */
  restore(): Promise<void>;
}

/**
 * Puts a TCP proxy between this process's app database (DATABASE_URL, PostgreSQL) and the
 * server, and reopens the app's pool through it, so a test can cut, hang or lose replies.
 */
export async function proxyAppDatabase(): Promise<ProxiedDatabase> {
  const realUrl = process.env.DATABASE_URL ?? "";
  const target = new URL(realUrl);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(realUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  await closeDb();
  process.env.DATABASE_URL = proxied.toString();
  resetEnvForTests();
  await getDb();
  const direct = postgres(realUrl, { max: 1, onnotice: () => {} });
  return {
    proxy,
    direct,
    restore: async () => {
      await closeDb();
      process.env.DATABASE_URL = realUrl;
      resetEnvForTests();
      await direct.end();
      await proxy.close();
    },
  };
}
