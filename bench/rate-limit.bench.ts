import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { createRateLimiter, type RateLimiter } from "@/server/rate-limit/rate-limiter";
import { createRedisClient } from "@/server/rate-limit/redis-client";

const KEYS = 1_000;

async function sequential(limiter: RateLimiter, ops: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ops; i++) await limiter.consume({ kind: "token", key: `k${i % KEYS}` });
  return ops / ((performance.now() - start) / 1000);
}

/** Many requests in flight at once, as on a busy server (ioredis pipelines them). */
async function concurrent(limiter: RateLimiter, ops: number, inFlight = 100): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ops; i += inFlight) {
    await Promise.all(
      Array.from({ length: inFlight }, (_, j) =>
        limiter.consume({ kind: "token", key: `k${(i + j) % KEYS}` }),
      ),
    );
  }
  return ops / ((performance.now() - start) / 1000);
}

const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
const opsPerSec = (n: number) => `${Math.round(n).toLocaleString("en").padStart(10)} ops/s`;

/** The limiter with each store: one awaited call at a time, and 100 in flight. */
export async function benchRateLimit(): Promise<void> {
  console.log("Rate limiter (consume, 1,000 distinct keys)");
  const memory = createRateLimiter({ keyPrefix: "bench" });
  await sequential(memory, 20_000); // warm-up
  const memSeq = await sequential(memory, 200_000);
  const memPar = await concurrent(memory, 200_000);
  line("memory, sequential", opsPerSec(memSeq));
  line("memory, 100 in flight", opsPerSec(memPar));

  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `voltasis:bench:${process.pid}`;
  const logs: string[] = [];
  const redis = createRateLimiter({
    redis: createRedisClient(url),
    keyPrefix: prefix,
    log: (m) => logs.push(m),
  });
  await sequential(redis, 2_000); // warm-up and connect
  if (logs.length > 0) {
    line("redis", `skipped: no Redis at ${new URL(url).host}`);
    await redis.close();
    return;
  }
  const redisSeq = await sequential(redis, 20_000);
  const redisPar = await concurrent(redis, 100_000);
  line("redis, sequential", opsPerSec(redisSeq));
  line("redis, 100 in flight", opsPerSec(redisPar));
  line("redis / memory, sequential", `${(redisSeq / memSeq).toFixed(3)}x`);
  line("redis / memory, 100 in flight", `${(redisPar / memPar).toFixed(3)}x`);
  await redis.close();

  const admin = new Redis(url);
  const keys = await admin.keys(`${prefix}*`);
  for (let i = 0; i < keys.length; i += 1_000) await admin.del(...keys.slice(i, i + 1_000));
  admin.disconnect();
}
