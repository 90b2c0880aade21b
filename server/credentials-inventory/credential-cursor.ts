import { z } from "zod";
import type { Cursor } from "@/server/core/pagination";

// pagination.ts's cursors name one kind of id; this list mixes four (a session's is base64url),
// so its cursor has a pattern of its own, with the same year bounds and round trips.
const PATTERN =
  /^((?:19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})(\d{3})Z\|((?:key|fam|grant)_[0-9A-Za-z]{8,40}|ses_[A-Za-z0-9_-]{22})$/;

export function decodeCredentialCursor(value: string): Cursor | null {
  if (value.length === 0 || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  if (Buffer.from(text, "utf8").toString("base64url") !== value) return null;
  const match = PATTERN.exec(text);
  if (!match) return null;
  const [, millis = "", micros = "", id = ""] = match;
  const date = new Date(`${millis}Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== `${millis}Z`) return null;
  return { createdAt: `${millis}${micros}Z`, id };
}

export const credentialCursorSchema = z
  .string()
  .meta({ description: "The `next_cursor` of the previous page; leave it out for the first" })
  .transform((value, ctx) => {
    const cursor = decodeCredentialCursor(value);
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
