import { createECDH, hkdfSync } from "node:crypto";
import { authSecret } from "@/lib/env";

/** HKDF-SHA256 of AUTH_SECRET under a label of its own: one secret, no .env to keep in sync. */
function derive(label: string, length: number): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "voltasis", label, length));
}

/** Keys that sign the authorization server's cookies (interaction, session, resume). */
export function oauthCookieKeys(): string[] {
  return [derive("oauth-cookies v1", 32).toString("base64url")];
}

/**
 * The authorization server's signing key (ES256; ID tokens only, our access tokens are opaque),
 * derived rather than generated so every instance and every restart has the same one. A P-256
 * scalar is any value below the group order, which 32 uniform bytes are but with negligible odds.
 */
export function oauthSigningJwk(): Record<string, string> {
  const d = derive("oauth-signing-key es256 v1", 32);
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  return {
    kty: "EC",
    crv: "P-256",
    alg: "ES256",
    use: "sig",
    kid: derive("oauth-signing-kid v1", 12).toString("base64url"),
    d: d.toString("base64url"),
    x: point.subarray(1, 33).toString("base64url"),
    y: point.subarray(33, 65).toString("base64url"),
  };
}

/** Key of the consent form's CSRF tokens (an HMAC over the interaction and the user). */
export function consentCsrfKey(): Buffer {
  return derive("oauth-consent-csrf v1", 32);
}
