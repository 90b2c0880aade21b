import { context, SpanKind, trace } from "@opentelemetry/api";
import { inSpan, tracingOn } from "./tracing";

/**
 * A database query's span (lib/query-metrics.ts calls this for every query Drizzle sends, on
 * postgres.js and PGlite alike: neither driver has an OpenTelemetry instrumentation). Named
 * `SELECT api_keys`: the operation and the first table, read from the SQL text. Neither the
 * text nor the parameters go into the span (hashes, emails, tokens' ids). Only inside a traced
 * request: background work (the usage flush each second, the outboxes) opens no trace of its own.
 */
export function querySpan<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!tracingOn() || !trace.getSpan(context.active())) return run();
  const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "QUERY";
  const table = /\b(?:from|into|update)\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(sql)?.[1];
  return inSpan(table ? `${operation} ${table}` : operation, run, {
    kind: SpanKind.CLIENT,
    attributes: {
      "db.system": "postgresql",
      "db.system.name": "postgresql",
      "db.operation.name": operation,
      ...(table ? { "db.collection.name": table } : {}),
    },
  });
}
