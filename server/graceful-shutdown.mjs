// Plain JavaScript: server.mjs runs it without a build step, and the SIGTERM tests run it in
// front of the real route handlers.
import { entryLogger } from "./entry-logger.mjs";

// A request still running after this long is cut off, so a stuck client cannot hold up a deploy
// (orchestrators usually send SIGKILL 30 s after SIGTERM).
const DEFAULT_GRACE_MS = 25_000;
// A connection accepted before the signal whose request has not been read yet (a busy event
// loop) is still served; one that sends nothing for this long is closed.
const FIRST_REQUEST_MS = 2_000;
const SWEEP_MS = 50;

/**
 * On SIGTERM/SIGINT: stop accepting connections, let every request already received finish and
 * get its response (with `Connection: close`), then run the shutdown hooks (the usage flush,
 * which then holds the usage of those last requests too) and exit 0.
 *
 * Node's closeIdleConnections() is not enough: it also drops a connection whose request is
 * accepted but not yet parsed, which the client sees as a reset of a request it sent.
 *
 * @param {import("node:http").Server} server
 * @param {{ graceMs?: number }} [options]
 */
export function installGracefulShutdown(server, { graceMs = DEFAULT_GRACE_MS } = {}) {
  /** @type {Map<import("node:net").Socket, { openedAt: number, served: number, open: Set<import("node:http").ServerResponse> }>} */
  const connections = new Map();
  let stopping = false;

  server.on("connection", (socket) => {
    connections.set(socket, { openedAt: Date.now(), served: 0, open: new Set() });
    socket.once("close", () => connections.delete(socket));
  });
  server.on("request", (req, res) => {
    const connection = connections.get(req.socket);
    if (!connection) return;
    connection.open.add(res);
    if (stopping) res.shouldKeepAlive = false;
    res.once("close", () => {
      connection.open.delete(res);
      connection.served += 1;
    });
  });

  /** Closes connections with nothing left to answer: idle keep-alive ones, silent new ones. */
  function closeFinished() {
    const now = Date.now();
    for (const [socket, connection] of connections) {
      if (connection.open.size > 0) continue;
      if (connection.served > 0 || now - connection.openedAt > FIRST_REQUEST_MS) socket.destroy();
    }
  }

  async function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    // Read by the readiness probe (server/shutdown.ts: isDraining): 503 from now on.
    globalThis.__voltasisDraining = true;
    const log = entryLogger("shutdown");
    log.info(`${signal} received: finishing in-flight requests, then draining`);
    // close() stops accepting at once and calls back when the last connection has ended.
    const closed = new Promise((resolve) => server.close(() => resolve()));
    for (const connection of connections.values()) {
      for (const res of connection.open) if (!res.headersSent) res.shouldKeepAlive = false;
    }
    closeFinished();
    const sweep = setInterval(closeFinished, SWEEP_MS);
    const deadline = setTimeout(() => {
      log.error(`requests still running after ${graceMs} ms: closing their connections`);
      for (const socket of connections.keys()) socket.destroy();
    }, graceMs);
    await closed;
    clearInterval(sweep);
    clearTimeout(deadline);
    // Modules inside the Next bundle register their drain hooks here (e.g. the usage flusher).
    const hooks = globalThis.__voltasisShutdownHooks ?? [];
    await Promise.allSettled(hooks.map((hook) => hook()));
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
