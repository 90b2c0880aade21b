import { TOKEN_KINDS, type TokenKind } from "@/server/tokens/format";

/**
 * The regular expressions SECURITY.md publishes for secret scanners, one per kind of Voltasis
 * secret, derived from what we generate: `vlt_<kind>_` + 40 base62 characters + a 6-character
 * base62 checksum (server/tokens/format.ts), and a Standard Webhooks signing secret, `whsec_` +
 * 32 random bytes in base64 (44 characters, one `=` of padding). A test proves each matches a
 * fresh secret of its kind.
 */
const vlt = (kind: TokenKind) => new RegExp(`\\bvlt_${kind}_[0-9A-Za-z]{46}\\b`);

export const SECRET_PATTERNS = {
  ...(Object.fromEntries(TOKEN_KINDS.map((kind) => [`vlt_${kind}_`, vlt(kind)])) as Record<
    `vlt_${TokenKind}_`,
    RegExp
  >),
  whsec_: /\bwhsec_[0-9A-Za-z+/]{43}=/,
};

export type SecretPrefix = keyof typeof SECRET_PATTERNS;
