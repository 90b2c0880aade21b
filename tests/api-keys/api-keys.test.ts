import { describe, expect, it } from "vitest";
import * as rotateRoute from "@/app/api/v1/api-keys/[id]/rotate/route";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { createKey, DEMO } from "../helpers/fixtures";
import { invoke } from "../helpers/invoke";

describe("API keys through the route handlers", () => {
  it("creates a key whose secret authenticates /auth/me and is shown once", async () => {
    const { secret: admin } = await createKey(DEMO.acmeOwner, "acme", [
      "read:api-keys",
      "write:api-keys",
      "read:users",
    ]);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: admin,
      body: { name: "CI/CD Pipeline Key", scopes: ["read:users", "write:time-entries"] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");

    const made = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: admin,
      body: { name: "CI/CD Pipeline Key", scopes: ["read:users"] },
    });
    expect(made.status).toBe(201);
    expect(made.headers.get("cache-control")).toBe("no-store");
    expect(made.body.data.key).toMatch(/^vlt_test_[0-9A-Za-z]{38,}$/);

    const me = await invoke(meRoute.GET, { path: "/auth/me", token: made.body.data.key });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(DEMO.acmeOwner);
    expect(me.body.data.organization.name).toBe("Acme");
    expect(me.body.data.scopes).toEqual(["read:users"]);

    const list = await invoke(keysRoute.GET, { path: "/api-keys", token: admin });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(made.body.data.key);
    expect(JSON.stringify(list.body)).not.toContain("secret");
  });

  it("revokes and rotates", async () => {
    const { secret: admin } = await createKey(DEMO.acmeOwner, "acme", [
      "read:api-keys",
      "write:api-keys",
      "read:users",
    ]);
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const rotated = await invoke(rotateRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/rotate`,
      token: admin,
      body: { grace_seconds: 0 },
      params: { id: key.id },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.rotated_from).toBe(key.id);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(401);
    const fresh = rotated.body.data.key as string;
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: fresh })).status).toBe(200);

    const revoked = await invoke(keyRoute.DELETE, {
      method: "DELETE",
      path: `/api-keys/${rotated.body.data.id}`,
      token: admin,
      params: { id: rotated.body.data.id },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.status).toBe("revoked");
    const after = await invoke(meRoute.GET, { path: "/auth/me", token: fresh });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(after.body.error).toEqual({
      code: "UNAUTHORIZED",
      message: "Invalid or missing authentication token",
      details: { reason: "revoked" },
    });
  });
});
