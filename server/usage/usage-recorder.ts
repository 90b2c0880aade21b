import { monotonicMs } from "@/lib/clock";
import { componentLogger } from "@/lib/logger";
import { onShutdown } from "@/server/shutdown";
import { flushUsage, pendingUsageEvents } from "./flush-usage";
import { addEvent, type UsageEvent } from "./usage-batch";
import { usageState } from "./usage-state";

/** At most this much is lost if the process dies without running its shutdown hooks. */
export const FLUSH_INTERVAL_MS = 1_000;
// Bounds memory while the database is down for long: beyond this, new events are dropped.
const MAX_BUFFERED_BUCKETS = 100_000;

/** Hands one authenticated call to the usage buffer; never blocks or fails the request. */
export function recordUsage(event: UsageEvent): void {
  const state = usageState();
  if (state.pending.buckets.size >= MAX_BUFFERED_BUCKETS) {
    if (!state.dropping) {
      state.dropping = true;
      log().error("buffer full (database unreachable?): dropping usage events");
    }
    return;
  }
  state.pendingSince ??= monotonicMs();
  addEvent(state.pending, event);
  startUsageFlusher();
}

/** Starts the once-a-second flush and registers the flush on shutdown (idempotent). */
export function startUsageFlusher(): void {
  const state = usageState();
  if (!state.shutdownHooked) {
    state.shutdownHooked = true;
    onShutdown(drainUsage);
  }
  if (state.timer || !state.autoFlush) return;
  state.timer = setInterval(() => void flushInBackground(), FLUSH_INTERVAL_MS);
  // The flush timer alone must not keep a process (or a test worker) alive.
  state.timer.unref();
}

/** Tests that need to control every flush themselves turn the timer off (and back on). */
export function setUsageAutoFlush(enabled: boolean): void {
  const state = usageState();
  state.autoFlush = enabled;
  if (!enabled && state.timer) {
    clearInterval(state.timer);
    state.timer = undefined;
  }
  if (enabled && pendingUsageEvents() > 0) startUsageFlusher();
}

async function flushInBackground(): Promise<void> {
  const state = usageState();
  try {
    await flushUsage();
    if (state.failing) log().warn("flushing works again");
    state.failing = false;
  } catch (error) {
    if (!state.failing) {
      const reason = error instanceof Error ? error.message : String(error);
      log().error(`flush failed, keeping events to retry: ${reason}`);
    }
    state.failing = true;
  }
}

/** Shutdown hook: stop the timer and write what is left. */
export async function drainUsage(): Promise<void> {
  setUsageAutoFlush(false);
  try {
    await flushUsage();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log().error(`final flush failed, ${pendingUsageEvents()} events lost: ${reason}`);
  }
}

function log() {
  return componentLogger("usage");
}
