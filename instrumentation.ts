// Next.js calls register() once when the server starts: the place for work that runs beside
// requests rather than because of one.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMaintenanceSchedule } = await import("@/server/maintenance/maintenance-schedule");
  startMaintenanceSchedule();
  // Mail queued by requests is sent right after their commit; this sends retries.
  const { startEmailOutbox } = await import("@/server/email/outbox-schedule");
  startEmailOutbox();
}
