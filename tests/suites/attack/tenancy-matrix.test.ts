import { randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs, webhookEndpoints } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { SCOPES } from "@/lib/scopes";
import { createInvitation } from "@/server/invitations/create-invitation";
import { createIncident } from "@/server/status/create-incident";
import { generateToken } from "@/server/tokens/format";
import { generateLinkToken, insertEmailToken } from "@/server/users/email-links";
import { createWebhook } from "@/server/webhooks/create-webhook";
import { sendTestEvent } from "@/server/webhooks/send-test-event";
import {
  attackPrincipals,
  insertMember,
  orgASecrets,
  type Principal,
} from "@/tests/helpers/attack-world";
import { ConformanceChecker } from "@/tests/helpers/conformance";
import {
  createApp,
  createGrant,
  createKey,
  DEMO,
  orgId,
  sessionContext,
  userId,
} from "@/tests/helpers/fixtures";
import type { Invoked } from "@/tests/helpers/invoke";
import { invoke } from "@/tests/helpers/invoke";
import { type ApiRoute, apiRoutes, fillPath } from "@/tests/helpers/routes";
import { login } from "@/tests/helpers/tokens";

/*
 * Every documented /api/v1 operation × every kind of principal. Path parameters name org A's
 * (Acme's) resources: a key made by A's owner, A's member, and for destructive calls a fresh key
 * or member per cell.
 *
 * THE TABLE: expected(route, principal) is, in this order,
 *   1. public route (no credential needed)           -> its success status, whoever calls
 *   2. credential not valid (revoked, expired, other
 *      environment, refresh token, none)             -> 401
 *   3. the route's scope not held where it acts       -> 403
 *   4. an {id} of org A while acting in org B         -> 403 (exists, not yours; nothing leaks)
 *   5. a member on a key it did not make              -> 403 (members manage their own keys)
 *   6. otherwise                                      -> the route's success status
 * and the explicit exceptions in OVERRIDES.
 */
const KEYS_REFUSED = Object.fromEntries(SCOPES.map((scope) => [`key ${scope}`, 403]));

const OVERRIDES: Record<string, Record<string, number>> = {
  // Keys authenticate as a member of their organization: a visiting platform admin makes none.
  "POST /api-keys": { "platform admin in B": 403 },
  // Nor does it bring people in: a visit is read and revoke only (assert-member.ts).
  "POST /invitations": { "platform admin in B": 403 },
  "POST /invitations/{id}/resend": { "platform admin in B": 403 },
  "POST /oauth-apps": { "platform admin in B": 403 },
  // Nor a destination for the organization's events.
  "POST /webhooks": { "platform admin in B": 403 },
  // The caller receives the new secret, so it must hold the key's scopes: a write:api-keys key
  // cannot turn a read:users key into a read:users secret of its own.
  "POST /api-keys/{id}/rotate": { "key write:api-keys": 403 },
  // Deciding a member's key is for the organization's own owners and admins, not a visit.
  "POST /api-keys/{id}/approve": { "platform admin in B": 403 },
  "POST /api-keys/{id}/deny": { "platform admin in B": 403 },
  // Organizations are made and renamed by people (user tokens, sessions), never by API keys;
  // only owners and admins rename, and a platform admin may rename any (admin:organizations).
  "POST /organizations": KEYS_REFUSED,
  "PATCH /organizations/{id}": { ...KEYS_REFUSED, "member A": 403, "platform admin in B": 200 },
  // Its members and its keys read its plan and policies; a platform admin reads any.
  "GET /organizations/{id}": { "platform admin in B": 200 },
  // Status page incidents belong to the platform, not to an organization: a platform admin
  // updates one from wherever it acts.
  "PATCH /status/incidents/{id}": { "platform admin in B": 200 },
  // Every credential of the organization is for its owners and admins, whatever a member holds.
  "GET /credentials": { "member A": 403 },
  "POST /credentials/revoke": { "member A": 403 },
};

function expected(route: ApiRoute, principal: Principal): number {
  const override = OVERRIDES[route.name]?.[principal.name];
  if (override !== undefined) return override;
  const { op } = route;
  // GitHub's signature is its credential: no bearer token signs a report (tests/leaks signs).
  if (route.name === "POST /secret-scanning/github") return 401;
  if (op.scope === "public") return op.response.status;
  const acts = principal.acts;
  if (!acts) return 401;
  if (op.scope !== "authenticated" && !acts.scopes.includes(op.scope)) return 403;
  if (/\{(id|request_id)\}/.test(op.path) && acts.org === "B") return 403;
  if (op.path.startsWith("/api-keys/{id}") && acts.role === "member") return 403;
  // Another user's grant: only those who administer its organization's apps may revoke it.
  if (route.name === "DELETE /oauth-grants/{id}" && !acts.scopes.includes("write:oauth-apps")) {
    return 403;
  }
  return op.response.status;
}

interface Cell {
  route: ApiRoute;
  principal: Principal;
  res: Invoked;
}

let routes: ApiRoute[];
let principals: Principal[];
let cells: Cell[];
let secrets: string[];
let checker: ConformanceChecker;

const STRONG_PASSWORD = "violet-harbour-quantum-47";

/** A pending invitation of org A, made by its owner. */
async function invite() {
  const email = `matrix-${randomBytes(5).toString("hex")}@example.test`;
  return createInvitation(await sessionContext(DEMO.acmeOwner, "acme"), { email, role: "member" });
}

/** A mailed link (reset or verification) of a fresh Acme member whose password is the demo one. */
async function emailLink(purpose: "password_reset" | "verify_email") {
  const member = await insertMember("acme");
  const token = generateLinkToken(purpose);
  await insertEmailToken(await getDb(), {
    purpose,
    token,
    userId: member.id,
    email: member.email,
    expiresAt: new Date(Date.now() + 10 * 60_000),
  });
  return token;
}

/** The id of org A's audit entry recording the creation of key `keyId`. */
async function auditEntryOf(keyId: string): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ id: auditLogs.id })
    .from(auditLogs)
    .where(and(eq(auditLogs.targetId, keyId), eq(auditLogs.action, "api_key.created")));
  if (!row) throw new Error(`no audit entry for ${keyId}`);
  return row.id;
}

let matrixApp: Promise<{ id: string }> | undefined;
function sharedApp() {
  matrixApp ??= createApp("acme", { name: "matrix app" });
  return matrixApp;
}

/** An endpoint of org A (https://hooks.example.com: the suite resolves no such name). */
async function newWebhook() {
  // The cells that delete or send take fresh endpoints: the earlier ones go (20 at most).
  const shared = matrixWebhook ? (await matrixWebhook).id : "";
  await (await getDb()).delete(webhookEndpoints).where(ne(webhookEndpoints.id, shared));
  return createWebhook(await sessionContext(DEMO.acmeOwner, "acme"), {
    url: "https://hooks.example.com/matrix",
    events: ["member.added"],
  });
}

let matrixWebhook: ReturnType<typeof newWebhook> | undefined;
function sharedWebhook() {
  matrixWebhook ??= newWebhook();
  return matrixWebhook;
}

let matrixIncident: ReturnType<typeof createIncident> | undefined;
function sharedIncident() {
  matrixIncident ??= sessionContext(DEMO.admin, "acme").then((admin) =>
    createIncident(admin, { title: "matrix", status: "investigating", message: "matrix" }),
  );
  return matrixIncident;
}

/**
 * The request log shows a caller the paths it requested itself: org B's earlier cells asked for
 * org A's ids (and were refused), so those paths echo what B typed, not what A holds.
 */
function echoedPathsLeftOut(route: ApiRoute) {
  return (key: string, value: unknown) =>
    route.name === "GET /request-logs" && key === "path" ? undefined : value;
}

/** A key of A's member awaiting approval (as if A required it): one per cell, each decided once. */
async function pendingKey() {
  const { key } = await createKey(DEMO.acmeMember, "acme", ["read:users"]);
  await (await getDb()).update(apiKeys).set({ approval: "pending" }).where(eq(apiKeys.id, key.id));
  return key.id;
}

let matrixRequest: Promise<string> | undefined;
/** A request made with Acme's member's key: in the log of its member and of Acme's admins. */
function memberRequest() {
  matrixRequest ??= createKey(DEMO.acmeMember, "acme", ["read:users"]).then(async ({ secret }) => {
    const res = await invoke(usersRoute.GET, { path: "/users", token: secret });
    return res.headers.get("x-request-id") ?? "";
  });
  return matrixRequest;
}

/** The request each row sends: valid in itself, so the credential alone decides the answer. */
async function requestFor(route: ApiRoute, sharedKeyId: string) {
  const key = async () => (await createKey(DEMO.acmeOwner, "acme", ["read:users"])).key.id;
  switch (route.name) {
    case "POST /auth/token":
      return { body: { email: DEMO.globexOwner, password: DEMO_PASSWORD } };
    case "POST /auth/refresh":
      return { body: { refresh_token: (await login(DEMO.globexOwner)).refresh_token } };
    case "POST /auth/revoke":
      return { body: { token: generateToken("at") } };
    case "POST /credentials/report":
      return { body: { tokens: [generateToken("live")] } };
    case "POST /secret-scanning/github":
      return { body: [{ token: generateToken("live"), type: "voltasis_api_key" }] };
    case "GET /users/{id}":
      return { params: { id: await userId(DEMO.acmeMember) } };
    case "DELETE /users/{id}":
      return { params: { id: (await insertMember("acme")).id } };
    case "POST /time-entries":
      return {
        body: { description: "matrix", started_at: new Date().toISOString(), duration_minutes: 5 },
      };
    case "POST /api-keys":
      return { body: { name: "matrix", scopes: ["write:api-keys"] } };
    case "PATCH /api-keys/{id}":
      return { params: { id: sharedKeyId }, body: { name: "matrix renamed" } };
    case "DELETE /api-keys/{id}":
      return { params: { id: await key() } };
    case "POST /api-keys/{id}/rotate":
      return { params: { id: await key() }, body: { grace_seconds: 0 } };
    case "POST /api-keys/{id}/approve":
      return { params: { id: await pendingKey() } };
    case "POST /api-keys/{id}/deny":
      return { params: { id: await pendingKey() }, body: { reason: "matrix" } };
    case "PATCH /users/{id}":
      return { params: { id: (await insertMember("acme")).id }, body: { role: "admin" } };
    case "POST /invitations":
      return {
        body: { email: `matrix-${randomBytes(5).toString("hex")}@example.test`, role: "member" },
      };
    case "DELETE /invitations/{id}":
    case "POST /invitations/{id}/resend":
      return { params: { id: (await invite()).invitation.id } };
    case "POST /invitations/accept":
      return {
        body: {
          token: (await invite()).url.split("/invite/")[1],
          name: "Matrix",
          password: STRONG_PASSWORD,
        },
      };
    case "POST /organizations":
      return { body: { name: "Matrix Inc" } };
    case "POST /auth/password-reset":
      return { body: { email: `matrix-${randomBytes(5).toString("hex")}@example.test` } };
    case "POST /auth/password-reset/confirm":
      return { body: { token: await emailLink("password_reset"), password: STRONG_PASSWORD } };
    case "POST /auth/verify-email/confirm":
      return { body: { token: await emailLink("verify_email"), password: DEMO_PASSWORD } };
    case "GET /audit-logs/{id}":
      return { params: { id: await auditEntryOf(sharedKeyId) } };
    case "POST /oauth-apps":
      return { body: route.op.example };
    // One app for the rows that leave it as it was; a fresh one where a cell deletes or adds.
    case "GET /oauth-apps/{id}":
    case "GET /oauth-apps/{id}/usage":
      return { params: { id: (await sharedApp()).id } };
    case "PATCH /oauth-apps/{id}":
      return { params: { id: (await sharedApp()).id }, body: { name: "matrix app" } };
    case "DELETE /oauth-apps/{id}":
    case "POST /oauth-apps/{id}/secrets":
      return { params: { id: (await createApp("acme")).id } };
    case "DELETE /oauth-apps/{id}/secrets/{secret_id}": {
      const app = await createApp("acme");
      return { params: { id: app.id, secret_id: app.secrets[0]?.id ?? "" } };
    }
    case "POST /webhooks":
      return { body: route.op.example };
    case "GET /webhooks/{id}":
    case "GET /webhooks/{id}/deliveries":
      return { params: { id: (await sharedWebhook()).id } };
    case "PATCH /webhooks/{id}":
      return { params: { id: (await sharedWebhook()).id }, body: { description: "matrix" } };
    case "DELETE /webhooks/{id}":
    case "POST /webhooks/{id}/rotate-secret":
    case "POST /webhooks/{id}/test":
      return { params: { id: (await newWebhook()).id } };
    case "POST /webhooks/{id}/deliveries/{delivery_id}/resend": {
      const hook = await newWebhook();
      const delivery = await sendTestEvent(await sessionContext(DEMO.acmeOwner, "acme"), hook.id);
      return { params: { id: hook.id, delivery_id: delivery.id } };
    }
    case "DELETE /oauth-grants/{id}":
      return { params: { id: (await createGrant((await insertMember("acme")).id, "acme")).id } };
    case "POST /status/incidents":
    // A dry run: the cell proves the right and revokes nothing the other cells use.
    case "POST /credentials/revoke":
      return { body: route.op.example };
    case "PATCH /status/incidents/{id}":
      return { params: { id: (await sharedIncident()).id }, body: route.op.example };
    case "GET /request-logs/{request_id}":
      return { params: { request_id: await memberRequest() } };
    case "GET /organizations/{id}":
      return { params: { id: await orgId("acme") } };
    case "PATCH /organizations/{id}":
      // Renamed to its own name: the cell proves the right, and Acme stays Acme.
      return { params: { id: await orgId("acme") }, body: { name: "Acme" } };
    default:
      return route.op.path.includes("{id}") ? { params: { id: sharedKeyId } } : {};
  }
}

beforeAll(async () => {
  await getDb();
  routes = await apiRoutes();
  principals = await attackPrincipals();
  checker = await ConformanceChecker.load();
  const shared = await createKey(DEMO.acmeOwner, "acme", ["read:users"], { name: "Acme shared" });
  secrets = await orgASecrets([shared.key.id, "Acme shared"]);
  cells = [];
  for (const route of routes) {
    for (const principal of principals) {
      const { params = {}, body } = await requestFor(route, shared.key.id);
      const res = await invoke(route.handler, {
        method: route.op.method,
        path: fillPath(route.op.path, params),
        token: principal.token,
        headers: principal.headers,
        params,
        body,
      });
      cells.push({ route, principal, res });
    }
  }
}, 120_000);

/** Rows of "route | principal=status …", so a failure shows the cells that differ. */
function grid(status: (cell: Cell) => number): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const cell of cells) {
    out[cell.route.name] ??= {};
    (out[cell.route.name] as Record<string, number>)[cell.principal.name] = status(cell);
  }
  return out;
}

describe("tenancy matrix: every /api/v1 operation × every principal", () => {
  it("covers every documented operation and every principal", () => {
    expect(routes.length).toBeGreaterThanOrEqual(19);
    expect(principals.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "owner A",
        "admin A",
        "member A",
        "owner B",
        "platform admin",
        "platform admin in B",
        "key admin:organizations",
        "revoked key",
        "expired key",
        "other-environment key",
        "refresh token",
        "no token",
      ]),
    );
    expect(cells.length).toBe(routes.length * principals.length);
  });

  it("answers each cell with the table's status", () => {
    expect(grid((c) => c.res.status)).toEqual(grid((c) => expected(c.route, c.principal)));
  });

  it("answers refusals with the JSON error shape and 401s with WWW-Authenticate", () => {
    const problems: string[] = [];
    for (const { route, principal, res } of cells) {
      if (res.status < 400) continue;
      const where = `${route.name} as ${principal.name}`;
      if (typeof res.body?.error?.code !== "string" || typeof res.body.error.message !== "string") {
        problems.push(`${where}: ${JSON.stringify(res.body)}`);
      }
      if (res.status === 401 && !res.headers.get("www-authenticate")?.startsWith("Bearer")) {
        problems.push(`${where}: 401 without WWW-Authenticate: Bearer`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("never shows org A's data to a principal acting in org B", () => {
    const leaks: string[] = [];
    for (const { route, principal, res } of cells) {
      if (principal.acts?.org !== "B" || route.op.scope === "public") continue;
      // A platform admin (admin:organizations) sees every organization, org A included.
      if (principal.acts.scopes.includes("admin:organizations")) continue;
      const text = JSON.stringify(res.body, echoedPathsLeftOut(route));
      for (const secret of secrets) {
        if (text.includes(secret)) leaks.push(`${route.name} as ${principal.name}: ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("conforms to the OpenAPI document in every cell", () => {
    const problems = cells.flatMap(({ route, principal, res }) =>
      checker.check(route.op, res).map((p) => `${p} (as ${principal.name})`),
    );
    expect(problems).toEqual([]);
  });
});
