import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs, webhookEndpoints } from "@/db/schema";
import { SCOPES, type Scope } from "@/lib/scopes";
import type { AnyOperation } from "@/server/core/operation";
import { OPERATIONS } from "@/server/http/operations";
import { createInvitation } from "@/server/invitations/create-invitation";
import { createIncident } from "@/server/status/create-incident";
import { createWebhook } from "@/server/webhooks/create-webhook";
import { sendTestEvent } from "@/server/webhooks/send-test-event";
import { createApp, createKey, DEMO, sessionContext } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { fillPath, handlerOf } from "@/tests/helpers/routes";
import { login, makeUser } from "@/tests/helpers/tokens";

// Opening the file's database (migrate and seed) counts against the hook timeout, not a test's.
beforeAll(async () => {
  await getDb();
});

/**
 * The table is the operations themselves: every operation that requires a scope is refused
 * without it (and changes nothing) and succeeds with it alone. Path parameters point at a fresh
 * target of the family the path names; bodies are the operations' own examples.
 */
const SCOPED = OPERATIONS.flatMap((op) =>
  op.scope === "public" || op.scope === "authenticated"
    ? []
    : [{ name: `${op.method} ${op.path}`, op, scope: op.scope }],
);

interface Target {
  keyId: string;
  /** A member's key awaiting approval, for POST /api-keys/{id}/approve and /deny. */
  pendingKeyId: string;
  userId: string;
  invitationId: string;
  auditEntryId: string;
  appId: string;
  secretId: string;
  webhookId: string;
  deliveryId: string;
  incidentId: string;
  requestId: string;
}

function requestFor(op: AnyOperation, t: Target) {
  const id = /^\/api-keys\/\{id\}\/(approve|deny)$/.test(op.path)
    ? t.pendingKeyId
    : op.path.startsWith("/api-keys/")
      ? t.keyId
      : op.path.startsWith("/invitations/")
        ? t.invitationId
        : op.path.startsWith("/audit-logs/")
          ? t.auditEntryId
          : op.path.startsWith("/oauth-apps/")
            ? t.appId
            : op.path.startsWith("/webhooks/")
              ? t.webhookId
              : op.path.startsWith("/status/incidents/")
                ? t.incidentId
                : t.userId;
  const params: Record<string, string> | undefined = op.path.includes("{request_id}")
    ? { request_id: t.requestId }
    : op.path.includes("{secret_id}")
      ? { id, secret_id: t.secretId }
      : op.path.includes("{delivery_id}")
        ? { id, delivery_id: t.deliveryId }
        : op.path.includes("{id}")
          ? { id }
          : undefined;
  return {
    method: op.method,
    path: fillPath(op.path, params ?? {}),
    params,
    body: op.body ? op.example : undefined,
  };
}

// Every scope the Acme owner can hold; a key gets all of them but the one under test.
const OWNER_SCOPES = SCOPES.filter((s) => s !== "admin:organizations");

async function target(): Promise<Target> {
  // write:api-keys only, so that a key holding just that scope may rotate it.
  const { key } = await createKey(DEMO.acmeOwner, "acme", ["write:api-keys"]);
  // A member of its own, since DELETE /users/{id} removes it; an invitation of its own too.
  const email = `scopes-${key.id.slice(-8).toLowerCase()}@example.test`;
  const { invitation } = await createInvitation(await sessionContext(DEMO.acmeOwner, "acme"), {
    email,
    role: "member",
  });
  const app = await createApp("acme");
  const owner = await sessionContext(DEMO.acmeOwner, "acme");
  // One endpoint at a time: an organization holds at most 20.
  await (await getDb()).delete(webhookEndpoints);
  const hook = await createWebhook(owner, {
    url: "https://hooks.example.com/scopes",
    events: ["api_key.created"],
  });
  const delivery = await sendTestEvent(owner, hook.id);
  // The entry that recorded the key's creation, for GET /audit-logs/{id}.
  const [entry] = await (await getDb())
    .select({ id: auditLogs.id })
    .from(auditLogs)
    .where(eq(auditLogs.targetId, key.id));
  if (!entry) throw new Error(`no audit entry for ${key.id}`);
  return {
    keyId: key.id,
    pendingKeyId: await pendingKey(),
    userId: (await makeUser("acme")).id,
    invitationId: invitation.id,
    auditEntryId: entry.id,
    appId: app.id,
    secretId: app.secrets[0]?.id ?? "",
    webhookId: hook.id,
    deliveryId: delivery.id,
    // A request of the organization's, for GET /request-logs/{request_id}.
    requestId: await acmeRequest(),
    incidentId: (
      await createIncident(await sessionContext(DEMO.admin, "acme"), {
        title: "scopes",
        status: "investigating",
        message: "scopes",
      })
    ).id,
  };
}

/** A key of Acme's member awaiting approval, as if Acme required it when it was made. */
async function pendingKey(): Promise<string> {
  const { key } = await createKey(DEMO.acmeMember, "acme", ["read:users"]);
  await (await getDb()).update(apiKeys).set({ approval: "pending" }).where(eq(apiKeys.id, key.id));
  return key.id;
}

/** A request made with a key of Acme's owner: in the log of Acme's owners and admins. */
async function acmeRequest(): Promise<string> {
  const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
  const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
  return res.headers.get("x-request-id") ?? "";
}

describe("scope denial per operation", () => {
  it("covers every scoped operation", () => {
    expect(SCOPED.length).toBeGreaterThanOrEqual(11);
  });

  it.each(SCOPED)("$name requires $scope", async (endpoint) => {
    const handler = await handlerOf(endpoint.op);
    const t = await target();
    const without = await createKey(
      DEMO.acmeOwner,
      "acme",
      OWNER_SCOPES.filter((s) => s !== endpoint.scope),
    );
    const denied = await invoke(handler, { token: without.secret, ...requestFor(endpoint.op, t) });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toEqual({
      code: "FORBIDDEN",
      message: "Insufficient permissions for this resource",
      details: {
        reason: "missing_scope",
        required_scope: endpoint.scope,
        hint: expect.any(String),
      },
    });

    // Nothing changed: the target key is as it was.
    const reader = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const after = await invoke(keyRoute.GET, {
      path: `/api-keys/${t.keyId}`,
      token: reader.secret,
      params: { id: t.keyId },
    });
    expect(after.body.data).toMatchObject({ status: "active", replaced_by: null });
    expect(after.body.data.name).not.toBe("renamed");

    // admin:organizations is a platform admin's alone: its key comes from one.
    const holder = endpoint.scope === "admin:organizations" ? DEMO.admin : DEMO.acmeOwner;
    const only = await createKey(holder, "acme", [endpoint.scope]);
    const allowed = await invoke(handler, { token: only.secret, ...requestFor(endpoint.op, t) });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(endpoint.op.response.status);
  });
});

describe("role maximums", () => {
  it("a member cannot give a key scopes beyond the member role", async () => {
    const { secret } = await createKey(DEMO.acmeMember, "acme", ["write:api-keys"]);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: secret,
      body: { name: "escalate", scopes: ["write:users"] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("a key cannot grant more than it holds itself", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["write:api-keys"]);
    const res = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: secret,
      body: { name: "wider", scopes: ["write:api-keys", "read:users"] },
    });
    expect(res.status).toBe(403);
  });

  it("a user access token carries the role's scopes", async () => {
    const member = await login(DEMO.acmeMember);
    const res = await invoke(scopesRoute.GET, { path: "/scopes", token: member.access_token });
    expect(res.status).toBe(200);
    const granted = (res.body.data as { scope: Scope; granted: boolean }[])
      .filter((e) => e.granted)
      .map((e) => e.scope);
    expect(granted).toEqual([
      "read:users",
      "read:time-entries",
      "write:time-entries",
      "read:api-keys",
      "write:api-keys",
    ]);
    const users = await invoke(usersRoute.GET, { path: "/users", token: member.access_token });
    expect(users.status).toBe(200);
  });
});
