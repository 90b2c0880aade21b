import { componentLogger } from "@/lib/logger";
import type { BackgroundPass } from "./background-pass";
import { describeError } from "./to-api-error";

const PRUNE_EVERY_MS = 60 * 60_000;

interface PollerState {
  timer?: ReturnType<typeof setInterval>;
  lastPrune: number;
  pruning?: Promise<void>;
}

/**
 * Kicks an outbox's pass every `everyMs` in this process (rows are also sent right after the
 * commit that writes them; this picks up retries and whatever a crashed instance left), and
 * prunes it once an hour. Every instance runs one: claims use FOR UPDATE SKIP LOCKED, so no row
 * goes out twice at once. On globalThis, like the maintenance schedule: one per process whatever
 * Next reloads. The function it returns stops it and waits for the pass in flight: give it to
 * the shutdown hooks.
 */
export function startOutboxPoller(options: {
  name: string;
  everyMs: number;
  pass: BackgroundPass;
  prune: () => Promise<string | null>;
}): () => Promise<void> {
  const store = globalThis as unknown as Record<string, PollerState | undefined>;
  const key = `__voltasisPoller_${options.name}`;
  if (store[key]) return async () => {};
  const state: PollerState = { lastPrune: Date.now() };
  store[key] = state;
  state.timer = setInterval(() => {
    options.pass.kick();
    if (!state.pruning && Date.now() - state.lastPrune >= PRUNE_EVERY_MS) {
      state.lastPrune = Date.now();
      state.pruning = options
        .prune()
        .then((summary) => {
          if (summary) componentLogger(options.name).info(`pruned ${summary}`);
        })
        .catch((error) =>
          componentLogger(options.name).error(`prune failed: ${describeError(error)}`),
        )
        .finally(() => {
          state.pruning = undefined;
        });
    }
  }, options.everyMs);
  // The schedule alone must not keep a process alive.
  state.timer.unref();
  return async () => {
    clearInterval(state.timer);
    await state.pruning;
    await options.pass.drain();
  };
}
