import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getDb } from "@/db";
import { statusSamples } from "@/db/schema";
import { now } from "@/lib/clock";
import { type ComponentNow, currentComponents } from "./current-components";

const MINUTE_MS = 60_000;
// A day of samples (4 components a minute) waits in memory while the database is away.
const MAX_PENDING = 24 * 60 * 4;

interface SampleRow {
  instance: string;
  component: string;
  at: Date;
  ok: boolean;
}

const store = globalThis as unknown as {
  __voltasisStatusInstance?: string;
  __voltasisStatusPending?: SampleRow[];
};

/** This process's name in status_samples: host, pid and a random part (pids repeat in containers). */
export function statusInstanceId(): string {
  store.__voltasisStatusInstance ??= `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  return store.__voltasisStatusInstance;
}

/**
 * Stores one health sample per component for the current minute. A sample taken while the
 * database is down cannot be written then: it waits in memory (a day at most) and goes with the
 * next write, so an outage shows in the uptime instead of leaving a gap. `components` and
 * `instance` are for tests.
 */
export async function recordStatusSample(
  options: { components?: ComponentNow[]; at?: Date; instance?: string } = {},
): Promise<number> {
  const components = options.components ?? (await currentComponents());
  const at = new Date(Math.floor((options.at ?? now()).getTime() / MINUTE_MS) * MINUTE_MS);
  const instance = options.instance ?? statusInstanceId();
  store.__voltasisStatusPending ??= [];
  const pending = store.__voltasisStatusPending;
  for (const c of components) {
    pending.push({ instance, component: c.id, at, ok: c.status === "operational" });
  }
  if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
  const batch = pending.splice(0, pending.length);
  try {
    const db = await getDb();
    // Another sample of the same minute (a restart, a retry) is kept as first written.
    await db.insert(statusSamples).values(batch).onConflictDoNothing();
    return batch.length;
  } catch (error) {
    pending.unshift(...batch);
    throw error;
  }
}
