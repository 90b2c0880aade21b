import { Redis } from "ioredis";

/**
 * The rate limiter's Redis connection. Lazy (no socket until the first request needs it), no
 * offline queue and a short command timeout: while Redis is away a request must fail fast and
 * be counted by the in-memory fallback, never wait in a queue. ioredis keeps reconnecting in
 * the background.
 */
export function createRedisClient(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  // Without a listener ioredis prints every failed reconnect; the limiter logs outages itself.
  client.on("error", () => {});
  return client;
}
