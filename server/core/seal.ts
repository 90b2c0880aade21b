import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealed value is for: each purpose has a key of its own. */
export type SealPurpose = "email-outbox v1" | "oauth-store v1" | "webhook-secret v1";

const cached = new Map<SealPurpose, { secret: string; key: Buffer }>();

/** AES-256 key for one purpose, derived from AUTH_SECRET (HKDF-SHA256, the purpose as label). */
function keyFor(purpose: SealPurpose): Buffer {
  const secret = authSecret();
  const hit = cached.get(purpose);
  if (hit?.secret === secret) return hit.key;
  const key = Buffer.from(hkdfSync("sha256", secret, "voltasis", purpose, 32));
  cached.set(purpose, { secret, key });
  return key;
}

/**
 * Encrypts `plaintext` (AES-256-GCM, random IV) bound to `context` (the row id), so a sealed
 * value copied onto another row does not open: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export function seal(plaintext: string, context: string, purpose: SealPurpose): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plaintext, or null when the value was tampered with or sealed under another secret. */
export function unseal(sealed: string, context: string, purpose: SealPurpose): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    const tagBytes = Buffer.from(tag, "base64url");
    if (tagBytes.length !== TAG_BYTES) return null;
    decipher.setAuthTag(tagBytes);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    return null;
  }
}
