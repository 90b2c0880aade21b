import { z } from "zod";

// A session id is the JWT's `sid`: 16 random bytes, base64url.
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/** A browser session of the signed-in account, as Settings > Account lists it. */
export interface ActiveSession {
  id: string;
  /** "Chrome on macOS", from the User-Agent. */
  device: string;
  /** The address it was last seen from; empty when unknown. */
  ip: string;
  signedInAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The session reading the list. */
  current: boolean;
}

/** Revoke one of your sessions (Settings > Account). */
export const revokeSessionSchema = z.strictObject({
  session_id: z.string().regex(SESSION_ID, "Not a session id"),
});
