import { describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { invoke } from "@/tests/helpers/invoke";
import {
  getOrganization,
  patchOrganization,
  planOrganization,
  platformAdminToken,
  postKey,
} from "@/tests/helpers/plan-world";

// A downgrade never weakens security: what is set stays enforced, new uses are refused, and what
// the plan no longer includes becomes read-only rather than deleted.

async function downgrade(id: string, plan: "free" | "team") {
  const res = await patchOrganization(id, await platformAdminToken(), { plan });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe("moving an organization to a smaller plan", () => {
  it("keeps allowlists and own limits enforced, and read-only", async () => {
    const org = await planOrganization("team");
    const made = await postKey(org.owner.token, {
      allowed_ips: ["203.0.113.7"],
      rate_limit_per_minute: 50,
    });
    expect(made.status).toBe(201);
    const { id, key } = made.body.data as { id: string; key: string };
    await downgrade(org.id, "free");

    const call = (ip: string) => invoke(usersRoute.GET, { path: "/users", token: key, ip });
    const outside = await call("198.51.100.1");
    expect(outside.status).toBe(403);
    expect(outside.body.error.details.reason).toBe("ip_not_allowed");
    const inside = await call("203.0.113.7");
    expect(inside.status).toBe(200);
    expect(inside.headers.get("x-ratelimit-limit")).toBe("50");

    const patch = (body: unknown) =>
      invoke(keyRoute.PATCH, {
        method: "PATCH",
        path: `/api-keys/${id}`,
        token: org.owner.token,
        params: { id },
        body,
      });
    // Clearing the allowlist would widen the key: refused like any change of it.
    const cleared = await patch({ allowed_ips: [] });
    expect(cleared.status).toBe(403);
    expect(cleared.body.error.details).toMatchObject({ reason: "plan", feature: "ip_allowlists" });
    expect((await patch({ rate_limit_per_minute: null })).status).toBe(403);
  });

  it("keeps the keys over the new cap working, and refuses new ones", async () => {
    const org = await planOrganization("team");
    const keys: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      const made = await postKey(org.owner.token, {});
      expect(made.status).toBe(201);
      keys.push(made.body.data.key);
    }
    await downgrade(org.id, "free");
    for (const key of [keys[0], keys[10]]) {
      expect((await invoke(usersRoute.GET, { path: "/users", token: key })).status).toBe(200);
    }
    const refused = await postKey(org.owner.token, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({
      reason: "plan",
      feature: "active_keys",
      required_plan: "team",
      limit: 10,
    });
    const detail = await getOrganization(org.id, org.owner.token);
    expect(detail.body.data.usage.active_keys).toEqual({ used: 11, limit: 10 });
  });

  it("leaves webhook endpoints listed and deletable, never changed or deleted for it", async () => {
    const org = await planOrganization("team");
    const made = await invoke(webhooksRoute.POST, {
      method: "POST",
      path: "/webhooks",
      token: org.owner.token,
      body: { url: "https://hooks.example.com/voltasis", events: ["api_key.created"] },
    });
    expect(made.status).toBe(201);
    const id = made.body.data.id as string;
    await downgrade(org.id, "free");

    const list = await invoke(webhooksRoute.GET, { path: "/webhooks", token: org.owner.token });
    expect(list.status).toBe(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([id]);
    const changed = await invoke(webhookRoute.PATCH, {
      method: "PATCH",
      path: `/webhooks/${id}`,
      token: org.owner.token,
      params: { id },
      body: { description: "changed" },
    });
    expect(changed.status).toBe(403);
    expect(changed.body.error.details).toMatchObject({ reason: "plan", feature: "webhooks" });
    const deleted = await invoke(webhookRoute.DELETE, {
      method: "DELETE",
      path: `/webhooks/${id}`,
      token: org.owner.token,
      params: { id },
    });
    expect(deleted.status).toBe(200);
  });

  it("keeps credential policies enforced, and no longer changeable, not even to turn them off", async () => {
    const org = await planOrganization("enterprise");
    const set = await patchOrganization(org.id, org.owner.token, {
      policies: { max_key_lifetime_days: 30 },
    });
    expect(set.status).toBe(200);
    await downgrade(org.id, "team");

    const off = await patchOrganization(org.id, org.owner.token, {
      policies: { max_key_lifetime_days: null },
    });
    expect(off.status).toBe(403);
    expect(off.body.error.details).toMatchObject({
      reason: "plan",
      feature: "credential_policies",
      required_plan: "enterprise",
    });
    const never = await postKey(org.owner.token, {});
    expect(never.status).toBe(400);
    expect(never.body.error.details[0].field).toBe("expires_at");
    expect((await getOrganization(org.id, org.owner.token)).body.data.policies).toMatchObject({
      max_key_lifetime_days: 30,
    });
  });
});
