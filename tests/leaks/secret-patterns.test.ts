import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SECRET_PATTERNS } from "@/server/leaks/secret-patterns";
import { generateToken, parseToken, TOKEN_KINDS } from "@/server/tokens/format";

const fresh: Record<string, () => string> = {
  ...Object.fromEntries(TOKEN_KINDS.map((kind) => [`vlt_${kind}_`, () => generateToken(kind)])),
  whsec_: () => `whsec_${randomBytes(32).toString("base64")}`,
};

/** One character changed: in the prefix, to a character outside the alphabet, or removed. */
function mutations(secret: string): string[] {
  const at = secret.length - 10;
  return [
    `x${secret.slice(1)}`,
    `${secret.slice(0, at)}-${secret.slice(at + 1)}`,
    `${secret.slice(0, at)}${secret.slice(at + 1)}`,
  ];
}

describe("the regexes SECURITY.md publishes for secret scanners", () => {
  it("has one per kind of secret we issue", () => {
    expect(Object.keys(SECRET_PATTERNS).sort()).toEqual(Object.keys(fresh).sort());
  });

  it.each(Object.keys(fresh))(
    "%s: matches a fresh secret, not a one-character change",
    (prefix) => {
      const pattern = new RegExp(
        `^${(SECRET_PATTERNS as Record<string, RegExp>)[prefix]?.source}$`,
      );
      for (let i = 0; i < 20; i++) {
        const secret = fresh[prefix]?.() ?? "";
        expect(pattern.test(secret), secret).toBe(true);
        for (const changed of mutations(secret)) expect(pattern.test(changed), changed).toBe(false);
      }
    },
  );

  it("finds a secret inside text, and the checksum refuses a one-character change the regex allows", () => {
    const secret = generateToken("live");
    expect(SECRET_PATTERNS.vlt_live_.exec(`KEY="${secret}"\n`)?.[0]).toBe(secret);
    const at = secret.length - 10;
    const swapped = `${secret.slice(0, at)}${secret[at] === "A" ? "B" : "A"}${secret.slice(at + 1)}`;
    expect(SECRET_PATTERNS.vlt_live_.test(swapped)).toBe(true);
    expect(parseToken(swapped)).toBeNull();
    expect(parseToken(secret)).not.toBeNull();
  });

  it("is what SECURITY.md says, character for character", () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, "../../SECURITY.md"), "utf8");
    for (const pattern of Object.values(SECRET_PATTERNS)) expect(doc).toContain(pattern.source);
  });
});
