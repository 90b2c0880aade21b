import { createHash } from "node:crypto";
import { randomBase62, toBase62 } from "@/lib/ids";

/**
 * Token layout: `vlt_<kind>_<random><checksum>`.
 * - kind: `live` / `test` (API keys, per VOLTASIS_ENV), `at` / `rt` (a user's access and refresh
 *   tokens), `oat` / `ort` (an OAuth app's access and refresh tokens), `cs` (an OAuth app's client
 *   secret, never a Bearer credential)
 * - random: 40 base62 characters from the CSPRNG (238 bits)
 * - checksum: CRC32 of everything before it (kind included, so an access token cannot be
 *   retyped into a refresh token), base62, 6 characters. It lets us refuse a mistyped or
 *   made-up token before any database work, and lets secret scanners recognise our tokens.
 */
export const TOKEN_KINDS = ["live", "test", "at", "rt", "oat", "ort", "cs"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
export type KeyEnvironment = "live" | "test";

const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;
const TOKEN_PATTERN = /^vlt_(live|test|at|rt|oat|ort|cs)_([0-9A-Za-z]{32,128})$/;

export interface ParsedToken {
  kind: TokenKind;
  token: string;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(input: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < input.length; i++) {
    crc = (CRC_TABLE[(crc ^ input.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function checksum(kind: TokenKind, random: string): string {
  return toBase62(crc32(`vlt_${kind}_${random}`), CHECKSUM_LENGTH);
}

export function generateToken(kind: TokenKind): string {
  const random = randomBase62(RANDOM_LENGTH);
  return `vlt_${kind}_${random}${checksum(kind, random)}`;
}

/** Format and checksum only: no I/O. Returns null for anything that is not one of our tokens. */
export function parseToken(value: string): ParsedToken | null {
  const inspected = inspectToken(value);
  return "problem" in inspected ? null : inspected;
}

/**
 * Like parseToken, but says what is wrong: not our shape at all (`malformed`), or our shape with
 * a checksum that does not match (`checksum_mismatch`: a typo). No I/O.
 */
export function inspectToken(
  value: string,
): ParsedToken | { problem: "malformed" | "checksum_mismatch" } {
  const match = TOKEN_PATTERN.exec(value);
  if (!match) return { problem: "malformed" };
  const kind = match[1] as TokenKind;
  const body = match[2] as string;
  const random = body.slice(0, -CHECKSUM_LENGTH);
  if (random.length < 32) return { problem: "malformed" };
  if (checksum(kind, random) !== body.slice(-CHECKSUM_LENGTH)) {
    return { problem: "checksum_mismatch" };
  }
  return { kind, token: value };
}

/** SHA-256 hex: the only form in which a secret is stored. Tokens have 238 bits of entropy, so a
 * fast hash is enough (no KDF needed) and allows an indexed lookup. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the list shows: `vlt_live_AbCd` and the last 4 characters. */
export function displayParts(token: string): { prefix: string; last4: string } {
  const kindEnd = token.indexOf("_", 4) + 1;
  return { prefix: token.slice(0, kindEnd + 4), last4: token.slice(-4) };
}
