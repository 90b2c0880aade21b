import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32, generateToken, parseToken, TOKEN_KINDS } from "@/server/tokens/format";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The scanner regex exactly as SECURITY.md publishes it: the doc and the code cannot drift. */
function documentedRegex(): RegExp {
  const doc = readFileSync(path.resolve(import.meta.dirname, "../../SECURITY.md"), "utf8");
  const blocks = [...doc.matchAll(/```regex\n(.+)\n```/g)];
  expect(blocks, "SECURITY.md has exactly one ```regex block").toHaveLength(1);
  return new RegExp(blocks[0]?.[1] ?? "", "g");
}

/** The checksum as SECURITY.md explains it, written from the doc rather than the server's code. */
function documentedChecksum(beforeChecksum: string): string {
  let n = crc32(beforeChecksum);
  let out = "";
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(6, "0");
}

describe("the secret-scanner regex in SECURITY.md", () => {
  it("matches every generated token of every kind, whole, wherever it appears in text", () => {
    const regex = documentedRegex();
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKEN_KINDS),
        fc.constantFrom("", " ", "\n", '"', "'", "=", ":", "KEY=", "Bearer "),
        fc.constantFrom("", " ", "\n", '"', "'", ",", ";", "&"),
        (kind, before, after) => {
          const token = generateToken(kind);
          const text = `${before}${token}${after}`;
          expect([...text.matchAll(regex)].map((m) => m[0])).toEqual([token]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("describes the checksum the server checks: last 6 characters, CRC-32 in base62", () => {
    for (const kind of TOKEN_KINDS) {
      for (let i = 0; i < 50; i++) {
        const token = generateToken(kind);
        expect(documentedChecksum(token.slice(0, -6))).toBe(token.slice(-6));
      }
    }
  });

  it("does not match look-alikes that are not our tokens", () => {
    const regex = documentedRegex();
    const token = generateToken("live");
    for (const text of [
      token.slice(0, -1), // one character short
      `${token}x`, // longer than any token we issue
      token.replace("vlt_live_", "vlt_prod_"), // unknown kind
      token.replace("vlt_", "VLT_"),
      `x${token}`, // inside a longer word
      token.replace(/.$/, "-"),
    ]) {
      expect([...text.matchAll(regex)], text).toEqual([]);
    }
    // A match is a candidate only: the checksum tells our tokens from random text.
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(tampered.match(regex)?.[0]).toBe(tampered);
    expect(parseToken(tampered)).toBeNull();
  });
});
