import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { IdPrefix } from "@/lib/ids";

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 100;

/** `?limit=`: query strings are text, so coerce, then hold to the same bounds as any number. */
export const limitSchema = z.coerce
  .number({ error: "limit must be a number" })
  .int("limit must be a whole number")
  .min(1, "limit must be at least 1")
  .max(LIST_LIMIT_MAX, `limit must be at most ${LIST_LIMIT_MAX}`)
  .default(LIST_LIMIT_DEFAULT)
  .meta({ description: `How many items to return, 1 to ${LIST_LIMIT_MAX}` });

/** Where a page starts: strictly after this row in (created_at desc, id desc) order. */
export interface Cursor {
  /** created_at in UTC with PostgreSQL's microseconds, which a JS Date would round away. */
  createdAt: string;
  id: string;
}

// The year is held to 1970..9999 so that a forged cursor can never make PostgreSQL refuse the
// timestamp (a 500); the round trip below then catches impossible dates such as February 30.
const CURSOR_PATTERN =
  /^((?:19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})(\d{3})Z\|([a-z]+)_([0-9A-Za-z]{8,40})$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor a list handed out, or null when it is not one (forged, truncated, another list's). */
export function decodeCursor(value: string, prefix: IdPrefix): Cursor | null {
  if (value.length === 0 || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  // Only the one spelling we hand out: no padding, no trailing bits, no invalid UTF-8.
  if (Buffer.from(text, "utf8").toString("base64url") !== value) return null;
  const match = CURSOR_PATTERN.exec(text);
  if (!match) return null;
  const [, millis = "", micros = "", idPrefix, idRest] = match;
  if (idPrefix !== prefix) return null;
  const date = new Date(`${millis}Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== `${millis}Z`) return null;
  return { createdAt: `${millis}${micros}Z`, id: `${idPrefix}_${idRest}` };
}

/** `?cursor=`: the `next_cursor` of the previous page, opaque to clients. */
export function cursorSchema(prefix: IdPrefix) {
  return z
    .string()
    .meta({ description: "The `next_cursor` of the previous page; leave it out for the first" })
    .transform((value, ctx) => {
      const cursor = decodeCursor(value, prefix);
      if (!cursor) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: "cursor is not a next_cursor this list handed out",
        });
        return z.NEVER;
      }
      return cursor;
    })
    .optional();
}

/** limit and cursor, for a list whose ids start with `prefix`. */
export function pageQuerySchema(prefix: IdPrefix) {
  return z.object({ limit: limitSchema, cursor: cursorSchema(prefix) });
}

export interface PageQuery {
  limit: number;
  cursor?: Cursor;
}

/** The text of a row's created_at for its cursor: UTC, with every microsecond PostgreSQL keeps. */
export function cursorTime(createdAt: AnyColumn): SQL<string> {
  return sql<string>`to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * Rows after the cursor in (created_at desc, id desc) order. The id breaks ties between rows
 * created in the same microsecond, so no row is skipped or served twice.
 */
export function afterCursor(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor): SQL {
  return sql`(${createdAt}, ${id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})`;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Turns `limit + 1` rows, fetched in list order, into a page: the extra row only says whether
 * there is another page, and the last row served is where that page starts.
 */
export function toPage<R extends { id: string; cursorTime: string }, T>(
  rows: R[],
  limit: number,
  toItem: (row: R) => T,
): Page<T> {
  const served = rows.slice(0, limit);
  const last = served.at(-1);
  return {
    data: served.map(toItem),
    next_cursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.cursorTime, id: last.id })
        : null,
  };
}

/** The OpenAPI shape of `next_cursor`. */
export const nextCursorSchema = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` for the next page; null on the last page" });
