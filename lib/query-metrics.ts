import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { metrics } from "./metrics";
import { querySpan } from "./query-span";
import { tracingOn } from "./tracing";

const INSTRUMENTED = Symbol.for("voltasis.queryMetrics");

/**
 * Counts queries in flight and times them, for both drivers: postgres.js and PGlite expose no
 * pool statistics, but every query Drizzle sends (transactions' too) passes through
 * PgPreparedQuery.queryWithCache with the driver call as its last argument. Wrapping that call
 * measures the driver alone (waiting for a free connection included), and gives the query its
 * span when tracing is on (query-span.ts). Pinned drizzle-orm 0.45.x;
 * if the method is gone the database works as before, without these two metrics.
 */
export function instrumentQueries(): void {
  const proto = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown>;
  const original = proto.queryWithCache;
  if (proto[INSTRUMENTED] || typeof original !== "function") return;
  proto[INSTRUMENTED] = true;
  proto.queryWithCache = function (
    this: unknown,
    queryString: string,
    params: unknown[],
    query: () => Promise<unknown>,
    ...rest: unknown[]
  ) {
    const timed = async () => {
      const { dbQueriesInFlight, dbQueryDuration } = metrics();
      dbQueriesInFlight.inc();
      const started = performance.now();
      try {
        return await query();
      } finally {
        dbQueriesInFlight.dec();
        dbQueryDuration.observe((performance.now() - started) / 1000);
      }
    };
    const run = tracingOn() ? () => querySpan(queryString, timed) : timed;
    return original.call(this, queryString, params, run, ...rest);
  };
}
