import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { env } from "@/lib/env";
import { componentLogger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { registerCollectors } from "./collectors";

const store = globalThis as unknown as { __voltasisMetricsServer?: Promise<Server> };

/**
 * Prometheus text at GET /metrics on its own port: a separate tiny server, so the metrics are
 * never on the public port, never behind the app's auth or rate limits, and still answer while
 * the app is saturated. Bound to loopback unless the operator says otherwise (METRICS_HOST).
 */
export function createMetricsServer(): Server {
  registerCollectors();
  const { registry } = metrics();
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => {
        componentLogger("metrics").error({ err: error }, "metrics collection failed");
        res.writeHead(500, { "content-type": "text/plain" }).end("collection failed\n");
      },
    );
  });
}

/**
 * Starts the metrics server when METRICS_PORT is set (off otherwise), once per process whatever
 * Next reloads; resolves to the listening server, or undefined when off.
 */
export async function startMetricsServer(
  options: { port?: number; host?: string } = {},
): Promise<Server | undefined> {
  const port = options.port ?? env().METRICS_PORT;
  if (port === undefined) return undefined;
  const host = options.host ?? env().METRICS_HOST;
  store.__voltasisMetricsServer ??= new Promise<Server>((resolve, reject) => {
    const server = createMetricsServer();
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { address, port: bound } = server.address() as AddressInfo;
      componentLogger("metrics").info(
        { host: address, port: bound },
        `metrics on http://${host.includes(":") ? `[${host}]` : host}:${bound}/metrics`,
      );
      resolve(server);
    });
    // Scrapes alone must not keep a finished process alive.
    server.unref();
  }).catch((error: unknown) => {
    store.__voltasisMetricsServer = undefined;
    throw error;
  });
  return store.__voltasisMetricsServer;
}

export async function stopMetricsServer(): Promise<void> {
  const pending = store.__voltasisMetricsServer;
  store.__voltasisMetricsServer = undefined;
  const server = await pending?.catch(() => undefined);
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
