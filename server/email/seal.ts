import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cached: { secret: string; key: Buffer } | undefined;

/** AES-256 key for the outbox, derived from AUTH_SECRET (HKDF-SHA256, its own label). */
function outboxKey(): Buffer {
  const secret = authSecret();
  if (cached?.secret !== secret) {
    const key = Buffer.from(hkdfSync("sha256", secret, "voltasis", "email-outbox v1", 32));
    cached = { secret, key };
  }
  return cached.key;
}

/**
 * Encrypts `plaintext` (AES-256-GCM, random IV) bound to `context` (the row id), so a sealed
 * value copied onto another row does not open: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export function seal(plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", outboxKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plaintext, or null when the value was tampered with or sealed under another secret. */
export function unseal(sealed: string, context: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", outboxKey(), Buffer.from(iv, "base64url"));
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
