import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Scope } from "@/lib/scopes";
import { getApiKeyDetail } from "@/server/api-keys/api-key-detail";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { keyAuditTrail } from "@/server/api-keys/key-audit-trail";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { rotateApiKey } from "@/server/api-keys/rotate-api-key";
import { listApiKeysQuerySchema } from "@/server/api-keys/schemas";
import { updateApiKey } from "@/server/api-keys/update-api-key";
import { auditLogCsvStream } from "@/server/audit/audit-log-csv";
import { listAuditLogs } from "@/server/audit/list-audit-logs";
import { listAuditLogsQuerySchema } from "@/server/audit/schemas";
import type { AuthContext } from "@/server/auth/auth-context";
import { parseOrThrow } from "@/server/core/validation";
import { createInvitation } from "@/server/invitations/create-invitation";
import { listInvitations } from "@/server/invitations/list-invitations";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { createIncident } from "@/server/status/create-incident";
import { updateIncident } from "@/server/status/update-incident";
import { createTimeEntry } from "@/server/time-entries/create-time-entry";
import { listTimeEntries } from "@/server/time-entries/list-time-entries";
import { listTimeEntriesQuerySchema } from "@/server/time-entries/schemas";
import { keyUsageReport } from "@/server/usage/key-usage-report";
import { usageQuerySchema } from "@/server/usage/schemas";
import { changeRole } from "@/server/users/change-role";
import { findMember } from "@/server/users/find-member";
import { listMembers, listMembersPage } from "@/server/users/list-members";
import { removeMembership } from "@/server/users/remove-membership";
import { DEMO, sessionContext } from "@/tests/helpers/fixtures";

// Ids of the right shape that name nothing: with its scope a verb goes on to a 404, without it
// the scope check answers first.
const NO_KEY = "key_0000000000000000000000";
const NO_USER = "usr_0000000000000000000000";
const NO_INVITATION = "inv_0000000000000000000000";

/** Every verb behind an operation with a scope, and that scope (server/<capability>/operations.ts). */
const VERBS: [name: string, scope: Scope, call: (ctx: AuthContext) => Promise<unknown>][] = [
  [
    "createIncident",
    "admin:organizations",
    (c) => createIncident(c, { title: "t", status: "investigating", message: "m" }),
  ],
  [
    "updateIncident",
    "admin:organizations",
    (c) => updateIncident(c, "inc_0000000000000000000000", { status: "resolved", message: "m" }),
  ],
  ["listApiKeys", "read:api-keys", (c) => listApiKeys(c, parseOrThrow(listApiKeysQuerySchema, {}))],
  ["getApiKeyDetail", "read:api-keys", (c) => getApiKeyDetail(c, NO_KEY)],
  ["keyAuditTrail", "read:api-keys", (c) => keyAuditTrail(c, NO_KEY)],
  [
    "keyUsageReport",
    "read:api-keys",
    (c) => keyUsageReport(c, NO_KEY, parseOrThrow(usageQuerySchema, {})),
  ],
  ["createApiKey", "write:api-keys", (c) => createApiKey(c, { name: "n", scopes: ["read:users"] })],
  ["updateApiKey", "write:api-keys", (c) => updateApiKey(c, NO_KEY, { name: "n" })],
  ["revokeApiKey", "write:api-keys", (c) => revokeApiKey(c, NO_KEY)],
  ["rotateApiKey", "write:api-keys", (c) => rotateApiKey(c, NO_KEY, { grace_seconds: 0 })],
  [
    "listAuditLogs",
    "read:audit-logs",
    (c) => listAuditLogs(c, parseOrThrow(listAuditLogsQuerySchema, {})),
  ],
  ["auditLogCsvStream", "read:audit-logs", (c) => auditLogCsvStream(c, {})],
  ["listInvitations", "read:users", (c) => listInvitations(c, { limit: 1 })],
  [
    "createInvitation",
    "write:users",
    (c) => createInvitation(c, { email: "nobody@example.test", role: "member" }),
  ],
  ["revokeInvitation", "write:users", (c) => revokeInvitation(c, NO_INVITATION)],
  ["listMembers", "read:users", (c) => listMembers(c)],
  ["listMembersPage", "read:users", (c) => listMembersPage(c, { limit: 1 })],
  ["findMember", "read:users", (c) => findMember(c, NO_USER)],
  ["findMember (PATCH, DELETE)", "write:users", (c) => findMember(c, NO_USER, "write:users")],
  ["changeRole", "write:users", (c) => changeRole(c, { userId: NO_USER, role: "member" })],
  ["removeMembership", "write:users", (c) => removeMembership(c, { userId: NO_USER })],
  [
    "listTimeEntries",
    "read:time-entries",
    (c) => listTimeEntries(c, parseOrThrow(listTimeEntriesQuerySchema, {})),
  ],
  [
    "createTimeEntry",
    "write:time-entries",
    (c) =>
      createTimeEntry(c, {
        description: "n",
        started_at: "2026-01-01T09:00:00Z",
        duration_minutes: 1,
      }),
  ],
];

let owner: AuthContext;

beforeAll(async () => {
  await getDb();
  // The owner holds every scope a role grants: each row takes away one.
  owner = await sessionContext(DEMO.acmeOwner, "acme");
});

describe("each verb checks its own scope, whichever door called it", () => {
  it.each(VERBS)("%s refuses a context without %s, as the door would", async (_, scope, call) => {
    const without = { ...owner, scopes: owner.scopes.filter((s) => s !== scope) };
    await expect(call(without)).rejects.toMatchObject({
      code: "FORBIDDEN",
      status: 403,
      details: { required_scope: scope },
    });
  });

  it.each(VERBS)("%s asks for %s and nothing more", async (_, scope, call) => {
    // Only that scope: whatever the verb answers then, it is not a refusal for a scope.
    const only = { ...owner, scopes: [scope] };
    const outcome = await call(only).then(
      () => null,
      (error: unknown) => error,
    );
    expect(outcome).not.toMatchObject({ details: { required_scope: expect.anything() } });
  });
});
