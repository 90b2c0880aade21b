import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform random base62 string from the CSPRNG (rejection sampling: no modulo bias). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function toBase62(value: number, width: number): string {
  let n = value;
  let out = "";
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

export const ID_PREFIXES = [
  "org",
  "usr",
  "key",
  "tok",
  "fam",
  "te",
  "aud",
  "inv",
  "eml",
  // An OAuth app (its id is its client_id), one of its client secrets, a user's grant to it.
  "app",
  "csec",
  "grant",
  // A webhook endpoint, one delivery of an event to it, and the event's message (webhook-id).
  "we",
  "whd",
  "msg",
  // A status page incident and one update of it.
  "inc",
  "incu",
  // A request to /api/v1 (its X-Request-Id and its entry in the request log).
  "req",
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

/** Public ids are prefixed and random (never serial), e.g. `key_3hT9…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}

export function isId(prefix: IdPrefix, value: string): boolean {
  return new RegExp(`^${prefix}_[0-9A-Za-z]{8,40}$`).test(value);
}
