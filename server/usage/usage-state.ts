import { emptyBatch, type UsageBatch } from "./usage-batch";

/** A batch handed to a write, under the id that makes its retry harmless. */
export interface IdentifiedBatch {
  id: string;
  batch: UsageBatch;
}

interface UsageState {
  /** Events not yet handed to a flush. */
  pending: UsageBatch;
  /**
   * A batch whose write failed: it may have committed anyway (the connection died after COMMIT),
   * so it is retried as it is, under its own id, before anything else is written.
   */
  unconfirmed?: IdentifiedBatch;
  /** The flush in progress, so flushes run one after another and never overlap. */
  flushing?: Promise<void>;
  timer?: ReturnType<typeof setInterval>;
  autoFlush: boolean;
  shutdownHooked: boolean;
  /** Set while flushes fail, so a database outage is logged once, not every second. */
  failing: boolean;
  dropping: boolean;
  /** When (monotonicMs) the oldest event in `pending` arrived: the flush lag's start. */
  pendingSince?: number;
  /** The same for the `unconfirmed` batch, still to be written. */
  unconfirmedSince?: number;
}

// One buffer per process, on globalThis so Next's dev module reloads do not fork it.
const store = globalThis as unknown as { __voltasisUsage?: UsageState };

export function usageState(): UsageState {
  store.__voltasisUsage ??= {
    pending: emptyBatch(),
    autoFlush: true,
    shutdownHooked: false,
    failing: false,
    dropping: false,
  };
  return store.__voltasisUsage;
}
