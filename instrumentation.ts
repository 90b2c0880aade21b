// Next.js calls register() once when the server starts: the place for work that runs beside
// requests rather than because of one.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Prometheus metrics on METRICS_PORT (off when unset), a server of their own, once per process.
  const { startMetricsServer } = await import("@/server/observability/metrics-server");
  await startMetricsServer();
  // `npm run dev` on the embedded database: ready to sign in at once, with the demo data.
  const { prepareEmbeddedDevDatabase } = await import("@/server/dev-database");
  await prepareEmbeddedDevDatabase();
  const { startMaintenanceSchedule } = await import("@/server/maintenance/maintenance-schedule");
  startMaintenanceSchedule();
  // Mail queued by requests is sent right after their commit; this sends retries.
  const { startEmailOutbox } = await import("@/server/email/outbox-schedule");
  startEmailOutbox();
  // Webhook deliveries likewise: sent after their commit, retried from here.
  const { startWebhookOutbox } = await import("@/server/webhooks/outbox-schedule");
  startWebhookOutbox();
  // A health sample of every component each minute, for the status page's uptime.
  const { startStatusSampler } = await import("@/server/status/sample-schedule");
  startStatusSampler();
}
