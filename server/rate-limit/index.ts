import { nowMs } from "@/server/clock";

export const UNAUTHENTICATED_LIMIT = 100;
export const AUTHENTICATED_LIMIT = 1000;
export const WINDOW_MS = 60_000;

export interface RateLimitSubject {
  kind: "ip" | "token";
  key: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the current window ends. */
  resetAt: number;
}

const windows = new Map<string, { start: number; count: number }>();

export async function consumeRateLimit(subject: RateLimitSubject): Promise<RateLimitDecision> {
  const limit = subject.kind === "ip" ? UNAUTHENTICATED_LIMIT : AUTHENTICATED_LIMIT;
  const now = nowMs();
  const start = now - (now % WINDOW_MS);
  const id = `${subject.kind}:${subject.key}`;
  const current = windows.get(id);
  const entry = current && current.start === start ? current : { start, count: 0 };
  entry.count += 1;
  windows.set(id, entry);
  return {
    allowed: entry.count <= limit,
    limit,
    remaining: Math.max(0, limit - entry.count),
    resetAt: start + WINDOW_MS,
  };
}

export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((d.resetAt - nowMs()) / 1000));
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(d.limit),
    "X-RateLimit-Remaining": String(d.remaining),
    "X-RateLimit-Reset": String(Math.ceil(d.resetAt / 1000)),
    "RateLimit-Policy": `${d.limit};w=${WINDOW_MS / 1000}`,
    RateLimit: `limit=${d.limit}, remaining=${d.remaining}, reset=${resetSeconds}`,
  };
  if (!d.allowed) headers["Retry-After"] = String(Math.max(1, resetSeconds));
  return headers;
}
