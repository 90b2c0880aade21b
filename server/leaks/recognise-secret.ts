import { displayParts, hashToken, parseToken } from "@/server/tokens/format";

export const SECRET_KINDS = [
  "api_key",
  "access_token",
  "refresh_token",
  "oauth_access_token",
  "oauth_refresh_token",
  "client_secret",
  "webhook_secret",
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface RecognisedSecret {
  kind: SecretKind;
  /** SHA-256 hex: the form every credential table stores and is looked up by. */
  hash: string;
  /** How lists show it (`vlt_live_AbCd`, `whsec_AbCd`) and its last 4: never the secret. */
  prefix: string;
  last4: string;
}

const BY_TOKEN_KIND = {
  live: "api_key",
  test: "api_key",
  at: "access_token",
  rt: "refresh_token",
  oat: "oauth_access_token",
  ort: "oauth_refresh_token",
  cs: "client_secret",
} as const;

// Standard Webhooks: `whsec_` + base64 of 24 to 64 bytes. It carries no checksum.
const WEBHOOK_SECRET = /^whsec_[0-9A-Za-z+/]{32,88}={0,2}$/;

/**
 * Prefix and checksum only, no I/O: whatever is not one of our secrets is dropped here, so
 * garbage in a report never reaches the database.
 */
export function recogniseSecret(value: string): RecognisedSecret | null {
  if (WEBHOOK_SECRET.test(value)) {
    return { kind: "webhook_secret", hash: hashToken(value), ...displayParts(value) };
  }
  const parsed = parseToken(value);
  if (!parsed) return null;
  return { kind: BY_TOKEN_KIND[parsed.kind], hash: hashToken(value), ...displayParts(value) };
}
