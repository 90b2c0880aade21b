import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Every Prometheus metric of the process, in one registry of our own (docs/metrics.md says what
 * each one means). On globalThis: Next loads this module once per bundle (instrumentation,
 * each route), and a second registration of a name would throw; all of them must count into
 * the one registry the metrics server (metrics-server.ts) reads.
 *
 * Updating one is a map lookup and an addition: cheap enough for every request. Whatever needs
 * a query or a walk over a buffer is a gauge computed on scrape (`collect`), registered by the
 * module that owns the state (registerCollector).
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "voltasis_" });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "voltasis_http_request_duration_seconds",
      help: "Time to answer an /api/v1 request, by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    authOutcomes: new Counter({
      name: "voltasis_auth_outcomes_total",
      help: "Credential checks of /api/v1 requests: accepted, or refused with the reason",
      labelNames: ["outcome", "reason"] as const,
      registers,
    }),
    rateLimitDecisions: new Counter({
      name: "voltasis_rate_limit_decisions_total",
      help: "Rate-limit decisions by budget (ip, token) and decision (allowed, limited, blocked)",
      labelNames: ["kind", "decision"] as const,
      registers,
    }),
    authCacheLookups: new Counter({
      name: "voltasis_auth_cache_lookups_total",
      help: "Auth cache lookups: hit, miss, or bypass (the cache is off: bus not heard)",
      labelNames: ["result"] as const,
      registers,
    }),
    usageFlushBatchEvents: new Histogram({
      name: "voltasis_usage_flush_batch_events",
      help: "Usage events written by one flush",
      buckets: [1, 10, 100, 1_000, 10_000, 100_000],
      registers,
    }),
    usageFlushDuration: new Histogram({
      name: "voltasis_usage_flush_duration_seconds",
      help: "Time one usage flush took to write its batch",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    usageFlushFailures: new Counter({
      name: "voltasis_usage_flush_failures_total",
      help: "Usage flushes that failed (the batch is kept and retried)",
      registers,
    }),
    requestLogFlushBatchEntries: new Histogram({
      name: "voltasis_request_log_flush_batch_entries",
      help: "Requests written to the request log by one flush",
      buckets: [1, 10, 100, 1_000, 10_000, 100_000],
      registers,
    }),
    requestLogFlushDuration: new Histogram({
      name: "voltasis_request_log_flush_duration_seconds",
      help: "Time one request-log flush took to write its batch",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    requestLogFlushFailures: new Counter({
      name: "voltasis_request_log_flush_failures_total",
      help: "Request-log flushes that failed (the batch is kept and retried)",
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "voltasis_webhook_attempts_total",
      help: "Webhook delivery attempts by outcome: delivered, retry (failed, tried again later), failed (given up)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    emails: new Counter({
      name: "voltasis_email_attempts_total",
      help: "Email sending attempts by outcome: sent, retry, failed (given up)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    dbQueriesInFlight: new Gauge({
      name: "voltasis_db_queries_in_flight",
      help: "Database queries sent and not yet answered",
      registers,
    }),
    dbQueryDuration: new Histogram({
      name: "voltasis_db_query_duration_seconds",
      help: "Time from sending a database query to its answer (queue wait for a connection included)",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const store = globalThis as unknown as { __voltasisMetrics?: Metrics };

export function metrics(): Metrics {
  store.__voltasisMetrics ??= createMetrics();
  return store.__voltasisMetrics;
}

/**
 * A gauge whose value is computed when Prometheus scrapes, once per name per process. `collect`
 * returns the value (or values by label); throwing or undefined leaves the gauge without a sample
 * (the database is down: the scrape still answers).
 */
export function registerCollector<L extends string>(options: {
  name: string;
  help: string;
  labelNames?: readonly L[];
  collect: () =>
    | number
    | undefined
    | Array<{ labels: Record<L, string>; value: number }>
    | Promise<number | undefined | Array<{ labels: Record<L, string>; value: number }>>;
}): void {
  const { registry } = metrics();
  if (registry.getSingleMetric(options.name)) return;
  new Gauge<L>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    async collect() {
      this.reset();
      let value: Awaited<ReturnType<typeof options.collect>>;
      try {
        value = await options.collect();
      } catch {
        return;
      }
      if (value === undefined) return;
      if (typeof value === "number") this.set(value);
      else for (const sample of value) this.set(sample.labels as never, sample.value);
    },
  });
}
