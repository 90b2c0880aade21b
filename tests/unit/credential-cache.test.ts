import { describe, expect, it } from "vitest";
import type { Credential } from "@/server/auth/principal";
import {
  cacheCredential,
  cacheGeneration,
  evictCredentials,
  getCachedCredential,
} from "@/server/tokens/credential-cache";

const key: Credential = {
  type: "api_key",
  id: "key_cachetest0001",
  userId: "usr_cachetest0001",
  organizationId: "org_cachetest0001",
  keyScopes: ["read:users"],
  expiresAt: null,
};

describe("credential cache", () => {
  it("a lookup that raced a revocation does not write its stale result back", () => {
    const loadedAt = cacheGeneration();
    // The revoke commits and evicts while the lookup's database read is still in flight.
    evictCredentials((c) => c.id === key.id);
    cacheCredential("hash-raced", key, loadedAt);
    expect(getCachedCredential("hash-raced")).toBeUndefined();
  });

  it("an undisturbed lookup is cached until it is evicted", () => {
    cacheCredential("hash-calm", key, cacheGeneration());
    expect(getCachedCredential("hash-calm")).toEqual(key);
    evictCredentials((c) => c.id === key.id);
    expect(getCachedCredential("hash-calm")).toBeUndefined();
  });
});
