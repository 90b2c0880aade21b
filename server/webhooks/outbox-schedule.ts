import { startOutboxPoller } from "@/server/core/outbox-poller";
import { onShutdown } from "@/server/shutdown";
import { drainWebhookOutbox, pruneWebhookDeliveries, runWebhookPass } from "./outbox";

/** How often each process looks for deliveries due: the first retry waits 5 s. */
export const WEBHOOK_POLL_MS = 5_000;

/** Sends due webhook deliveries every 5 s in this process; prunes the 30-day log hourly. */
export function startWebhookOutbox(): void {
  const stop = startOutboxPoller({
    name: "webhooks",
    everyMs: WEBHOOK_POLL_MS,
    pass: { kick: runWebhookPass, drain: drainWebhookOutbox },
    prune: async () => {
      const deliveries = await pruneWebhookDeliveries();
      return deliveries > 0 ? `${deliveries} deliveries` : null;
    },
  });
  onShutdown(stop);
}
