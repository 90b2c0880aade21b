/**
 * How soon after the account was made a sign-in still counts as its first. Setup and accepting an
 * invitation sign the person in at once, seconds after the account exists; the margin covers a
 * sign-in through the form right after an invitation accepted through the API.
 */
export const FIRST_SESSION_WINDOW_MS = 2 * 60 * 1000;

/**
 * Whether a browser session that began at `signedInAt` (epoch ms, from the session's JWT) is the
 * account's first: it began within minutes of the account's creation. Read from what the
 * session and the user row already hold, so no sign-in has to be written down anywhere.
 */
export function isFirstSession(accountCreatedAt: Date, signedInAt: number | null): boolean {
  if (signedInAt === null) return false;
  return signedInAt - accountCreatedAt.getTime() < FIRST_SESSION_WINDOW_MS;
}
