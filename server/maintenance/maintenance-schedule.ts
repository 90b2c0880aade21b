import { componentLogger } from "@/lib/logger";
import { describeError } from "@/server/core/to-api-error";
import { onShutdown } from "@/server/shutdown";
import { runMaintenance } from "./run-maintenance";

/** How often the job runs in each server process. */
export const MAINTENANCE_INTERVAL_MS = 60 * 60_000;
/** The first run waits this long (plus jitter), so a start or a deploy is not slowed by it. */
const FIRST_RUN_DELAY_MS = 60_000;

interface ScheduleState {
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  stopped: boolean;
  abort: AbortController;
}

// On globalThis, like the usage buffer: one schedule per process whatever Next reloads.
const store = globalThis as unknown as { __voltasisMaintenance?: ScheduleState };

/**
 * Runs the maintenance job an hour apart in this process, from a minute after start. Each
 * instance of a deployment runs its own schedule: the job is safe to run concurrently, and the
 * jitter spreads the instances out. Runs never overlap within a process; shutdown stops a run
 * after the batch in flight.
 */
export function startMaintenanceSchedule(): void {
  if (store.__voltasisMaintenance) return;
  const state: ScheduleState = { stopped: false, abort: new AbortController() };
  store.__voltasisMaintenance = state;
  const schedule = (delay: number) => {
    if (state.stopped) return;
    state.timer = setTimeout(() => {
      state.running = runOnce(state.abort.signal).finally(() => {
        state.running = undefined;
        schedule(MAINTENANCE_INTERVAL_MS + jitter());
      });
    }, delay);
    // The schedule alone must not keep a process alive.
    state.timer.unref();
  };
  schedule(FIRST_RUN_DELAY_MS + jitter());
  onShutdown(async () => {
    state.stopped = true;
    state.abort.abort();
    clearTimeout(state.timer);
    await state.running;
  });
}

function jitter(): number {
  return Math.floor(Math.random() * FIRST_RUN_DELAY_MS);
}

async function runOnce(signal: AbortSignal): Promise<void> {
  try {
    const report = await runMaintenance({ signal });
    const changed = Object.values(report).some((n) => n > 0);
    if (changed) log().info({ report }, "maintenance run changed data");
  } catch (error) {
    // The next run tries again; a database outage is already logged by the requests it fails.
    log().error(`run failed: ${describeError(error)}`);
  }
}

function log() {
  return componentLogger("maintenance");
}
