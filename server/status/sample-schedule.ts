import { componentLogger } from "@/lib/logger";
import { describeError } from "@/server/core/to-api-error";
import { onShutdown } from "@/server/shutdown";
import { recordStatusSample } from "./record-samples";

/** Each process samples every component once a minute. */
export const SAMPLE_INTERVAL_MS = 60_000;

interface SamplerState {
  timer?: ReturnType<typeof setInterval>;
  running?: Promise<void>;
  failing: boolean;
}

// On globalThis, like the maintenance schedule: one sampler per process whatever Next reloads.
const store = globalThis as unknown as { __voltasisStatusSampler?: SamplerState };

/** Starts this process's status sampler (instrumentation.ts); shutdown stops it. */
export function startStatusSampler(): void {
  if (store.__voltasisStatusSampler) return;
  const state: SamplerState = { failing: false };
  store.__voltasisStatusSampler = state;
  state.timer = setInterval(() => {
    if (state.running) return;
    state.running = recordStatusSample()
      .then(() => {
        if (state.failing) componentLogger("status").info("samples are written again");
        state.failing = false;
      })
      .catch((error) => {
        // Logged once per outage: the samples wait in memory until the database is back.
        if (!state.failing)
          componentLogger("status").error(`sample not written: ${describeError(error)}`);
        state.failing = true;
      })
      .finally(() => {
        state.running = undefined;
      });
  }, SAMPLE_INTERVAL_MS);
  // The schedule alone must not keep a process alive.
  state.timer.unref();
  onShutdown(async () => {
    clearInterval(state.timer);
    await state.running;
  });
}
