import { monotonicMs } from "@/lib/clock";
import { componentLogger } from "@/lib/logger";

/** At most this much is lost if the process dies without running its shutdown hooks. */
export const BUFFER_FLUSH_INTERVAL_MS = 1_000;

interface WriterState<T> {
  pending: T[];
  /** When (monotonicMs) the oldest item in `pending` arrived: the flush lag's start. */
  pendingSince?: number;
  flushing?: Promise<void>;
  timer?: ReturnType<typeof setInterval>;
  autoFlush: boolean;
  shutdownHooked: boolean;
  /** Set while writes fail, so an outage is logged once, not every second. */
  failing: boolean;
  dropping: boolean;
}

export interface BufferedWriter<T> {
  /** Hands one item to the buffer; never blocks or fails the caller. */
  add(item: T): void;
  /** Writes everything buffered so far (flushes queue behind each other). */
  flush(): Promise<void>;
  /** Items waiting to be written. */
  pending(): number;
  /** Seconds the oldest waiting item has waited (0 when nothing waits). */
  lagSeconds(): number;
  /** Tests that control every flush themselves turn the timer off (and back on). */
  setAutoFlush(enabled: boolean): void;
}

/**
 * A per-process buffer written in batches once a second and on shutdown, off the request path.
 * `write` gets a whole batch and must be safe to repeat: a batch whose write failed (it may have
 * committed anyway) goes back to the front of the buffer and is written again. Beyond
 * `maxBuffered` items (the database is down for long), new items are dropped. The state lives
 * on globalThis under `name`, so Next's dev reloads do not fork it.
 */
export function bufferedWriter<T>(options: {
  name: string;
  maxBuffered: number;
  write: (batch: T[]) => Promise<void>;
  onFlushed?: (batch: T[], seconds: number) => void;
  onFailed?: () => void;
  /** Registers the final write with the process's shutdown (server/shutdown.ts). */
  onShutdown: (hook: () => Promise<void>) => void;
}): BufferedWriter<T> {
  const store = globalThis as unknown as Record<string, WriterState<T> | undefined>;
  const key = `__voltasisBuffer:${options.name}`;
  store[key] ??= {
    pending: [],
    autoFlush: true,
    shutdownHooked: false,
    failing: false,
    dropping: false,
  };
  const state = store[key];
  const log = () => componentLogger(options.name);

  async function flushOnce(): Promise<void> {
    if (state.pending.length === 0) return;
    const batch = state.pending;
    const since = state.pendingSince;
    state.pending = [];
    state.pendingSince = undefined;
    const started = performance.now();
    try {
      await options.write(batch);
    } catch (error) {
      options.onFailed?.();
      state.pending = batch.concat(state.pending).slice(0, options.maxBuffered);
      state.pendingSince = since;
      throw error;
    }
    options.onFlushed?.(batch, (performance.now() - started) / 1000);
    state.dropping = false;
  }

  function flush(): Promise<void> {
    const run = (state.flushing ?? Promise.resolve()).then(flushOnce);
    const settled = run.catch(() => {});
    state.flushing = settled;
    void settled.then(() => {
      if (state.flushing === settled) state.flushing = undefined;
    });
    return run;
  }

  async function flushInBackground(): Promise<void> {
    try {
      await flush();
      if (state.failing) log().warn("writing works again");
      state.failing = false;
    } catch (error) {
      if (!state.failing) {
        const reason = error instanceof Error ? error.message : String(error);
        log().error(`write failed, keeping ${state.pending.length} items to retry: ${reason}`);
      }
      state.failing = true;
    }
  }

  function start(): void {
    if (!state.shutdownHooked) {
      state.shutdownHooked = true;
      options.onShutdown(async () => {
        setAutoFlush(false);
        try {
          await flush();
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          log().error(`final write failed, ${state.pending.length} items lost: ${reason}`);
        }
      });
    }
    if (state.timer || !state.autoFlush) return;
    state.timer = setInterval(() => void flushInBackground(), BUFFER_FLUSH_INTERVAL_MS);
    // The timer alone must not keep a process (or a test worker) alive.
    state.timer.unref();
  }

  function setAutoFlush(enabled: boolean): void {
    state.autoFlush = enabled;
    if (!enabled && state.timer) {
      clearInterval(state.timer);
      state.timer = undefined;
    }
    if (enabled && state.pending.length > 0) start();
  }

  return {
    add(item) {
      if (state.pending.length >= options.maxBuffered) {
        if (!state.dropping) {
          state.dropping = true;
          log().error("buffer full (database unreachable?): dropping new items");
        }
        return;
      }
      state.pendingSince ??= monotonicMs();
      state.pending.push(item);
      start();
    },
    flush,
    pending: () => state.pending.length,
    lagSeconds: () =>
      state.pendingSince === undefined ? 0 : (monotonicMs() - state.pendingSince) / 1000,
    setAutoFlush,
  };
}
