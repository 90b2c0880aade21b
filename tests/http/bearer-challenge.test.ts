import { afterEach, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { resetEnvForTests } from "@/lib/env";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

// RFC 6750 §3 and RFC 9728 §5.1: a client that only has the API's URL learns from a 401 where the
// protected resource metadata is (and from it, the authorization server), and from a 403 for a
// missing scope which scope to ask for.
afterEach(() => {
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

describe("WWW-Authenticate", () => {
  it("names the protected resource metadata in every 401, under PUBLIC_URL when set", async () => {
    process.env.PUBLIC_URL = "https://api.voltasis.example";
    resetEnvForTests();
    for (const token of [undefined, "vlt_test_not-a-token"]) {
      const res = await invoke(meRoute.GET, { path: "/auth/me", token });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(
        'Bearer realm="voltasis", resource_metadata="https://api.voltasis.example/.well-known/oauth-protected-resource/api/v1"',
      );
    }
  });

  it("falls back to localhost and the server's port without PUBLIC_URL", async () => {
    const res = await invoke(meRoute.GET, { path: "/auth/me" });
    expect(res.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="voltasis", resource_metadata="http:\/\/localhost(:\d+)?\/\.well-known\/oauth-protected-resource\/api\/v1"$/,
    );
  });

  it("answers a missing scope with insufficient_scope and the scope to ask for", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="voltasis", error="insufficient_scope", scope="read:users", resource_metadata="[^"]+\/\.well-known\/oauth-protected-resource\/api\/v1"$/,
    );
  });

  it("leaves other refusals without a challenge", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await invoke(usersRoute.GET, {
      path: "/users",
      token: secret,
      headers: { "x-organization-id": "org_doesnotexist0000" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toBeNull();
  });
});
