// OpenTelemetry traces (docs/tracing.md). Plain JavaScript: server.mjs starts them before Next
// loads, so that the http instrumentation is in place before the first request. Off unless
// OTEL_EXPORTER_OTLP_ENDPOINT is set, and then the SDK is not even imported.
import { RedactUrlQueries } from "./redact-url-queries.mjs";

// The exporter for each OTLP protocol (OTEL_EXPORTER_OTLP_PROTOCOL, http/protobuf by default as
// the specification says). Each reads its own OTEL_EXPORTER_OTLP_* (endpoint, headers, timeout).
const EXPORTERS = {
  "http/protobuf": "@opentelemetry/exporter-trace-otlp-proto",
  "http/json": "@opentelemetry/exporter-trace-otlp-http",
  grpc: "@opentelemetry/exporter-trace-otlp-grpc",
};

/**
 * Starts the SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans of incoming HTTP requests and of
 * Redis commands (instrumentations), Next's own, and ours (server/http/request-tracing.ts,
 * lib/query-span.ts), batched to the OTLP endpoint. Traces only: metrics are Prometheus's
 * (METRICS_PORT), logs are stdout's. Returns a stop function (flushes what is pending), also
 * run on SIGTERM; undefined when off.
 *
 * @returns {Promise<(() => Promise<void>) | undefined>}
 */
export async function startTracing() {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const protocol = process.env.OTEL_EXPORTER_OTLP_PROTOCOL || "http/protobuf";
  const exporterModule = EXPORTERS[protocol];
  if (!exporterModule) {
    throw new Error(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be one of ${Object.keys(EXPORTERS).join(", ")}`,
    );
  }
  const [api, { NodeSDK }, { BatchSpanProcessor }, http, ioredis, { OTLPTraceExporter }] =
    await Promise.all([
      import("@opentelemetry/api"),
      import("@opentelemetry/sdk-node"),
      import("@opentelemetry/sdk-trace"),
      import("@opentelemetry/instrumentation-http"),
      import("@opentelemetry/instrumentation-ioredis"),
      import(exporterModule),
    ]);
  const instrumentations = [
    // Incoming requests and outgoing node:http calls; headers are never recorded.
    new http.HttpInstrumentation(),
    // Redis commands of a traced request only (the rate limiter), not the background's.
    new ioredis.IORedisInstrumentation({ requireParentSpan: true }),
  ];
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) wins when set.
    serviceName: process.env.OTEL_SERVICE_NAME ? undefined : "voltasis",
    spanProcessors: [
      new RedactUrlQueries(),
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }),
    ],
    instrumentations,
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // Read by lib/tracing.ts in every bundle: our spans, the log line's trace_id, traceparent.
  globalThis.__voltasisTracing = true;
  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      globalThis.__voltasisTracing = false;
      for (const instrumentation of instrumentations) instrumentation.disable();
      await sdk.shutdown();
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    })();
    return stopped;
  };
  // Run by server/graceful-shutdown.mjs on SIGTERM/SIGINT (server/shutdown.ts's onShutdown).
  globalThis.__voltasisShutdownHooks ??= [];
  globalThis.__voltasisShutdownHooks.push(stop);
  return stop;
}
