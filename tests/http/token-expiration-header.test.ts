import { beforeAll, describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { now, nowMs } from "@/lib/clock";
import { TOKEN_EXPIRATION_HEADER, tokenExpirationValue } from "@/server/http/token-expiration";
import { verifyBearer } from "@/server/tokens/verify-bearer";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

// Every authenticated answer to a credential that expires says when, RFC 3339 in UTC to the
// second; credentials that never expire carry no such header. The value comes from the cached
// credential: a warm request does no database work for it.
const HEADER = "voltasis-authentication-token-expiration";
const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

beforeAll(async () => {
  await getDb();
});

const me = (token: string) => invoke(meRoute.GET, { path: "/auth/me", token });

describe(TOKEN_EXPIRATION_HEADER, () => {
  it("an API key with expires_at: on every answer, the key's expiry to the second", async () => {
    const expires = new Date(now().getTime() + 10 * 86_400_000 + 123);
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      expires_at: expires.toISOString(),
    });
    const res = await me(secret);
    expect(res.status).toBe(200);
    const value = res.headers.get(HEADER);
    expect(value).toMatch(RFC3339_UTC);
    expect(value).toBe(expires.toISOString().replace(/\.\d{3}Z$/, "Z"));
    // Authenticated but refused (no read:api-keys): the holder still learns when it expires.
    const refused = await invoke(apiKeysRoute.GET, { path: "/api-keys", token: secret });
    expect(refused.status).toBe(403);
    expect(refused.headers.get(HEADER)).toBe(value);
    // What the header says is what the cache holds: no lookup needed to tell it.
    if (!process.env.DATABASE_URL) {
      const warm = await verifyBearer(secret, { cachedOnly: true });
      expect(warm.expiresAt && tokenExpirationValue(warm.expiresAt)).toBe(value);
    }
  });

  it("an API key that never expires: no header", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await me(secret);
    expect(res.status).toBe(200);
    expect(res.headers.get(HEADER)).toBeNull();
  });

  it("a user access token: its 24 hours", async () => {
    const pair = await login(DEMO.acmeMember);
    const res = await me(pair.access_token);
    expect(res.status).toBe(200);
    const left = Date.parse(res.headers.get(HEADER) ?? "") - nowMs();
    expect(left).toBeGreaterThan(23.9 * 3_600_000);
    expect(left).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it("an unauthenticated answer carries none", async () => {
    const res = await me("vlt_live_notavalidkeyatall");
    expect(res.status).toBe(401);
    expect(res.headers.get(HEADER)).toBeNull();
  });
});
