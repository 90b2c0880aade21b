import { and, lt, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { ApiError } from "@/server/http/api-error";

/** `limit` (1-100, default 50) and an opaque `cursor`, as every list takes them. */
export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    "base64url",
  );
}

export function decodeCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id !== "string" || typeof at !== "string" || Number.isNaN(createdAt.getTime())) {
      throw new Error("bad cursor");
    }
    return { createdAt, id };
  } catch {
    throw new ApiError("VALIDATION_ERROR", "Invalid cursor: use next_cursor from a previous page", [
      { field: "cursor", message: "Not a cursor this list returned" },
    ]);
  }
}

/** Rows after the cursor in (created_at desc, id desc) order. */
export function afterCursor(
  cursor: string | undefined,
  columns: { createdAt: PgColumn; id: PgColumn },
): SQL | undefined {
  if (!cursor) return undefined;
  const p = decodeCursor(cursor);
  // Stored timestamps have microseconds, cursors milliseconds: compare at the cursor's precision.
  const at = sql`date_trunc('milliseconds', ${columns.createdAt})`;
  // Bound as text and cast: postgres.js does not serialize a Date inside raw SQL.
  const cursorAt = sql`${p.createdAt.toISOString()}::timestamptz`;
  return or(sql`${at} < ${cursorAt}`, and(sql`${at} = ${cursorAt}`, lt(columns.id, p.id)));
}

/** The order keyset pages follow: newest first, id breaking ties. */
export function newestFirst(columns: { createdAt: PgColumn; id: PgColumn }): SQL[] {
  return [sql`date_trunc('milliseconds', ${columns.createdAt}) desc`, sql`${columns.id} desc`];
}

/** Fetch limit + 1 rows; this cuts the extra one and says where the next page starts. */
export function page<T extends Position, O>(
  rows: T[],
  limit: number,
  toPublic: (row: T) => O,
): { data: O[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { data: shown.map(toPublic), next_cursor: more && last ? encodeCursor(last) : null };
}
