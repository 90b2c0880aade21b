import { randomBytes } from "node:crypto";
import { seal, unseal } from "@/server/core/seal";
import { hashToken } from "@/server/tokens/format";

export const SIGNING_SECRET_PREFIX = "whsec_";

/**
 * A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64, the form every
 * `standardwebhooks` library takes as it is.
 */
export function newSigningSecret(): string {
  return `${SIGNING_SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The secret at rest, bound to its endpoint: a sealed value copied to another row opens nowhere. */
export function sealSigningSecret(secret: string, endpointId: string): string {
  return seal(secret, endpointId, "webhook-secret v1");
}

export function openSigningSecret(sealed: string, endpointId: string): string | null {
  return unseal(sealed, endpointId, "webhook-secret v1");
}

/** What a leak report is matched against, like every other secret. */
export function signingSecretHash(secret: string): string {
  return hashToken(secret);
}
