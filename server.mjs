// The HTTP entry point for `npm run dev` and `npm start`: Next.js behind a plain Node server so
// that (1) the client address comes from the socket, never from a header a client can forge,
// and (2) SIGTERM/SIGINT drain in-flight work (the usage buffer) before the process exits.
import { createServer } from "node:http";
import { entryLogger } from "./server/entry-logger.mjs";
import { installGracefulShutdown } from "./server/graceful-shutdown.mjs";
import { startTracing } from "./server/start-tracing.mjs";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

// OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT is set: started before Next is loaded,
// so that its instrumentations are in place before any request.
await startTracing();
const { default: next } = await import("next");

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // Overwrites anything the client sent under this name.
  req.headers["x-voltasis-client-ip"] = req.socket.remoteAddress ?? "unknown";
  handle(req, res);
});
// Idle keep-alive connections outlive a client's or a load balancer's pool (typically 60 s):
// with Node's 5 s default, the server closes a socket just as a client reuses it (ECONNRESET).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, hostname, () => {
  entryLogger("server").info(
    `Voltasis ready on http://localhost:${port} (${dev ? "development" : "production"})`,
  );
  // Open the database now (embedded mode: create, migrate, seed) rather than on the first login.
  fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => {});
});

installGracefulShutdown(server);
