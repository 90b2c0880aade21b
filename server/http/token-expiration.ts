/** Told on every authenticated answer to a credential that expires (SPEC "Tokens"). */
export const TOKEN_EXPIRATION_HEADER = "Voltasis-Authentication-Token-Expiration";

/**
 * RFC 3339 in UTC, to the second (`2026-12-31T23:59:59Z`), what GitHub's
 * `GitHub-Authentication-Token-Expiration` users parse. Read from the verified credential, which
 * the auth cache holds: it costs no database work.
 */
export function tokenExpirationValue(expiresAt: Date): string {
  return expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z");
}
