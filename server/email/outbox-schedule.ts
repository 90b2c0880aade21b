import { describeError } from "@/server/core/to-api-error";
import { onShutdown } from "@/server/shutdown";
import { drainEmailOutbox, kickEmailOutbox, pruneEmailOutbox } from "./outbox";
import { pruneEmailTokens } from "./prune-email-tokens";

/** How often each process looks for messages due again (retries, or a kick that was missed). */
export const OUTBOX_POLL_MS = 15_000;
const PRUNE_EVERY_MS = 60 * 60_000;

interface ScheduleState {
  timer?: ReturnType<typeof setInterval>;
  lastPrune: number;
  pruning?: Promise<void>;
}

// On globalThis, like the maintenance schedule: one per process whatever Next reloads.
const store = globalThis as unknown as { __voltasisEmailSchedule?: ScheduleState };

/**
 * Sends due mail every 15 s in this process (messages are also sent right after the commit that
 * queues them; this picks up retries and whatever a crashed instance left). Every instance runs
 * it: claims use FOR UPDATE SKIP LOCKED, so no message goes out twice at once. Once an hour it
 * prunes old sent messages and spent links.
 */
export function startEmailOutbox(): void {
  if (store.__voltasisEmailSchedule) return;
  const state: ScheduleState = { lastPrune: Date.now() };
  store.__voltasisEmailSchedule = state;
  state.timer = setInterval(() => {
    kickEmailOutbox();
    if (!state.pruning && Date.now() - state.lastPrune >= PRUNE_EVERY_MS) {
      state.lastPrune = Date.now();
      state.pruning = prune().finally(() => {
        state.pruning = undefined;
      });
    }
  }, OUTBOX_POLL_MS);
  // The schedule alone must not keep a process alive.
  state.timer.unref();
  onShutdown(async () => {
    clearInterval(state.timer);
    await state.pruning;
    await drainEmailOutbox();
  });
}

async function prune(): Promise<void> {
  try {
    const messages = await pruneEmailOutbox();
    const links = await pruneEmailTokens();
    if (messages + links > 0) console.log(`[email] pruned ${messages} messages, ${links} links`);
  } catch (error) {
    console.error(`[email] prune failed: ${describeError(error)}`);
  }
}
