import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import {
  checksum,
  displayParts,
  generateToken,
  parseToken,
  TOKEN_KINDS,
} from "@/server/tokens/format";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const base62 = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...BASE62), minLength: min, maxLength: max });

/** True when fetch's Headers accepts the value at all (no CR/LF/NUL, Latin-1 only). */
function isHeaderValue(value: string): boolean {
  try {
    new Headers({ authorization: value });
    return true;
  } catch {
    return false;
  }
}

describe("token format", () => {
  it("every generated token parses, as its own kind", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TOKEN_KINDS), (kind) => {
        const token = generateToken(kind);
        expect(parseToken(token)).toEqual({ kind, token });
      }),
      { numRuns: 400 },
    );
  });

  it("any random part with its checksum parses", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TOKEN_KINDS), base62(32, 122), (kind, random) => {
        const token = `vlt_${kind}_${random}${checksum(kind, random)}`;
        expect(parseToken(token)?.kind).toBe(kind);
      }),
    );
  });

  it("changing any one character of the secret part fails the checksum", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKEN_KINDS),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1, unit: "binary" }),
        (kind, position, replacement) => {
          const token = generateToken(kind);
          const start = `vlt_${kind}_`.length;
          const index = start + (position % (token.length - start));
          fc.pre(token[index] !== replacement);
          const changed = token.slice(0, index) + replacement + token.slice(index + 1);
          expect(parseToken(changed)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("changing one character of the prefix fails too (the kind is under the checksum)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKEN_KINDS),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1, unit: "binary" }),
        (kind, position, replacement) => {
          const token = generateToken(kind);
          const index = position % `vlt_${kind}_`.length;
          fc.pre(token[index] !== replacement);
          const changed = token.slice(0, index) + replacement + token.slice(index + 1);
          expect(parseToken(changed)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("truncating or extending a token fails", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKEN_KINDS),
        base62(1, 8),
        fc.boolean(),
        (kind, extra, cut) => {
          const token = generateToken(kind);
          const changed = cut ? token.slice(0, -extra.length) : token + extra;
          expect(parseToken(changed)).toBeNull();
        },
      ),
    );
  });
});

describe("token format: the lengths at the edges", () => {
  const withChecksum = (kind: (typeof TOKEN_KINDS)[number], random: string) =>
    `vlt_${kind}_${random}${checksum(kind, random)}`;

  // The pattern lets 26 to 122 random characters through; fewer than 32 is refused even when
  // the checksum matches. We issue 40.
  it.each([
    [26, false],
    [31, false],
    [32, true],
    [40, true],
    [122, true],
    [123, false],
  ])("a %i-character random part with a valid checksum: parses %s", (length, parses) => {
    const random = "a".repeat(length);
    for (const kind of TOKEN_KINDS) {
      expect(parseToken(withChecksum(kind, random)) !== null).toBe(parses);
    }
  });

  it.each([
    ["live", "vlt_live_"],
    ["test", "vlt_test_"],
    ["at", "vlt_at_"],
    ["rt", "vlt_rt_"],
  ] as const)(
    "a %s token is listed as its prefix and four characters, then its last four",
    (kind, prefix) => {
      const token = generateToken(kind);
      const parts = displayParts(token);
      expect(parts.prefix).toBe(token.slice(0, prefix.length + 4));
      expect(parts.prefix.startsWith(prefix)).toBe(true);
      expect(parts.last4).toBe(token.slice(-4));
      // What is shown is 8 of the 46 secret characters: far from enough to use the key.
      expect(parts.prefix.length - prefix.length + parts.last4.length).toBe(8);
    },
  );
});

describe("any Authorization header through withApi", () => {
  // Strings shaped like credentials as well as noise, so both the parser and the database path
  // are exercised.
  const tokenLike = fc
    .tuple(
      fc.constantFrom("vlt_live_", "vlt_test_", "vlt_at_", "vlt_rt_", "vlt_", "VLT_TEST_", ""),
      base62(0, 140),
    )
    .map(([prefix, rest]) => prefix + rest);
  const checksummed = fc
    .tuple(fc.constantFrom(...TOKEN_KINDS), base62(32, 60))
    .map(([kind, random]) => `vlt_${kind}_${random}${checksum(kind, random)}`);
  const credential = fc.oneof(fc.string(), fc.string({ unit: "binary" }), tokenLike, checksummed);
  const header = fc.oneof(
    credential,
    fc
      .tuple(
        fc.constantFrom("Bearer ", "bearer ", "BEARER\t", "Bearer  ", "Basic ", "Bearer"),
        credential,
      )
      .map(([scheme, value]) => scheme + value),
  );

  let secret = "";
  // Opening (migrating and seeding) the file's database is not part of the property's budget.
  beforeAll(async () => {
    secret = (await createKey(DEMO.acmeOwner, "acme", ["read:users"])).secret;
  });

  it("answers 401 (or 200 for a real credential), never throws and never 500", {
    timeout: 120_000,
  }, async () => {
    const real = fc.constantFrom(`Bearer ${secret}`, `bearer ${secret}`, ` Bearer   ${secret} `);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 9, arbitrary: header }, { weight: 1, arbitrary: real }),
        async (value) => {
          fc.pre(isHeaderValue(value));
          const res = await invoke(meRoute.GET, {
            path: "/auth/me",
            headers: { authorization: value },
          });
          expect([200, 401]).toContain(res.status);
          expect(res.headers.get("content-type")).toMatch(/^application\/json/);
          if (res.status === 401) {
            expect(res.body.error.code).toBe("UNAUTHORIZED");
            expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
          } else {
            expect(res.body.data.email).toBe(DEMO.acmeOwner);
          }
        },
      ),
      { numRuns: 250 },
    );
  });
});
