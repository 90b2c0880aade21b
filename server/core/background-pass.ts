import { componentLogger } from "@/lib/logger";
import { describeError } from "./to-api-error";

interface PassState {
  running?: Promise<void>;
  again: boolean;
}

export interface BackgroundPass {
  /** Runs a pass now, off the request path; a kick during a pass runs one more after it. */
  kick(): void;
  /** Waits for the pass in flight, if any (tests, shutdown). */
  drain(): Promise<void>;
}

/**
 * Work that a request asks for but must not wait for (sending what an outbox holds): one pass at
 * a time per process, state on globalThis so that every copy of the module Next loads shares it.
 * A pass never throws: a failure is logged and left to the next kick or poll.
 */
export function backgroundPass(name: string, run: () => Promise<unknown>): BackgroundPass {
  const key = `__voltasisPass_${name}`;
  const store = globalThis as unknown as Record<string, PassState | undefined>;
  const state = (): PassState => {
    store[key] ??= { again: false };
    return store[key];
  };
  return {
    kick() {
      const s = state();
      if (s.running) {
        s.again = true;
        return;
      }
      s.running = (async () => {
        do {
          s.again = false;
          try {
            await run();
          } catch (error) {
            componentLogger(name).error(`pass failed: ${describeError(error)}`);
          }
        } while (s.again);
      })().finally(() => {
        s.running = undefined;
      });
    },
    async drain() {
      await state().running;
    },
  };
}
