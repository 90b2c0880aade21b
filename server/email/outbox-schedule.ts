import { startOutboxPoller } from "@/server/core/outbox-poller";
import { onShutdown } from "@/server/shutdown";
import { drainEmailOutbox, kickEmailOutbox, pruneEmailOutbox } from "./outbox";
import { pruneEmailTokens } from "./prune-email-tokens";

/** How often each process looks for messages due again (retries, or a kick that was missed). */
export const OUTBOX_POLL_MS = 15_000;

/** Sends due mail every 15 s in this process; prunes old sent messages and spent links hourly. */
export function startEmailOutbox(): void {
  const stop = startOutboxPoller({
    name: "email",
    everyMs: OUTBOX_POLL_MS,
    pass: { kick: kickEmailOutbox, drain: drainEmailOutbox },
    prune: async () => {
      const messages = await pruneEmailOutbox();
      const links = await pruneEmailTokens();
      return messages + links > 0 ? `${messages} messages, ${links} links` : null;
    },
  });
  onShutdown(stop);
}
