import { and, count, eq, isNull } from "drizzle-orm";
import { getDbHandle, isDbOpen } from "@/db/client";
import { emailOutbox, webhookDeliveries } from "@/db/schema";
import { registerCollector } from "@/lib/metrics";
import { authCacheStats } from "@/server/auth/auth-cache";
import {
  pendingRequestLogEntries,
  requestLogFlushLagSeconds,
} from "@/server/request-logs/record-request";
import { pendingUsageEvents, usageFlushLagSeconds } from "@/server/usage/flush-usage";

const store = globalThis as unknown as { __voltasisCollectors?: boolean };

/**
 * The gauges computed when Prometheus scrapes: each reads state this process already keeps, or
 * runs one count over a queue's partial index. Registered once per process, by the metrics
 * server: a process that serves no metrics never runs these queries.
 */
export function registerCollectors(): void {
  if (store.__voltasisCollectors) return;
  store.__voltasisCollectors = true;
  registerCollector({
    name: "voltasis_auth_cache_entries",
    help: "Credentials and contexts held in this process's auth cache",
    collect: () => authCacheStats().entries,
  });
  registerCollector({
    name: "voltasis_auth_cache_usable",
    help: "1 while the auth cache may serve (the change bus is heard), 0 while every request reads the database",
    collect: () => (authCacheStats().usable ? 1 : 0),
  });
  registerCollector({
    name: "voltasis_auth_bus_heartbeat_age_seconds",
    help: "Seconds since the auth change listener last proved it hears PostgreSQL (absent on PGlite)",
    collect: () => authCacheStats().busHeartbeatAgeSeconds,
  });
  registerCollector({
    name: "voltasis_usage_pending_events",
    help: "Usage events buffered in this process, not yet written",
    collect: () => pendingUsageEvents(),
  });
  registerCollector({
    name: "voltasis_usage_flush_lag_seconds",
    help: "How long the oldest buffered usage event has waited to be written (0: nothing waits)",
    collect: () => usageFlushLagSeconds(),
  });
  registerCollector({
    name: "voltasis_request_log_pending_entries",
    help: "Requests buffered in this process for the request log, not yet written",
    collect: () => pendingRequestLogEntries(),
  });
  registerCollector({
    name: "voltasis_request_log_flush_lag_seconds",
    help: "How long the oldest buffered request-log entry has waited to be written (0: nothing waits)",
    collect: () => requestLogFlushLagSeconds(),
  });
  registerCollector({
    name: "voltasis_webhook_queue_depth",
    help: "Webhook deliveries waiting to be sent or retried (all instances: one count query)",
    collect: async () => {
      const db = await openedDb();
      if (!db) return undefined;
      const [row] = await db
        .select({ n: count() })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.status, "pending"));
      return row?.n;
    },
  });
  registerCollector({
    name: "voltasis_email_queue_depth",
    help: "Emails waiting to be sent or retried (all instances: one count query)",
    collect: async () => {
      const db = await openedDb();
      if (!db) return undefined;
      const [row] = await db
        .select({ n: count() })
        .from(emailOutbox)
        .where(and(isNull(emailOutbox.sentAt), isNull(emailOutbox.failedAt)));
      return row?.n;
    },
  });
  registerCollector({
    name: "voltasis_db_pool_max_connections",
    help: "Connections the database pool may open, by driver (postgres: postgres.js; pglite: one, in process)",
    labelNames: ["driver"] as const,
    collect: async () => {
      const handle = await openedHandle();
      return handle
        ? [{ labels: { driver: handle.mode }, value: handle.maxConnections }]
        : undefined;
    },
  });
}

/** The database if this process has opened it: a scrape never opens (or migrates) one. */
async function openedHandle() {
  return isDbOpen() ? await getDbHandle() : undefined;
}

async function openedDb() {
  return (await openedHandle())?.db;
}
