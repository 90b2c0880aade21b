import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { createApiKey } from "@/server/api-keys/create-api-key";
import type { AuthContext } from "@/server/auth/auth-context";
import { organizationOverview } from "@/server/organizations/overview";
import { freshOrganization } from "@/tests/helpers/audit-world";
import { sessionContextOf } from "@/tests/helpers/fixtures";

let owner: AuthContext;
let member: AuthContext;
let other: AuthContext;

beforeAll(async () => {
  await getDb();
  const a = await freshOrganization("Counting Co");
  const person = await a.addPerson("member");
  await a.addPerson("admin");
  const b = await freshOrganization("Elsewhere Co");
  owner = await sessionContextOf(a.owner.id, a.id);
  member = await sessionContextOf(person.id, a.id);
  other = await sessionContextOf(b.owner.id, b.id);
  const make = (ctx: AuthContext) => createApiKey(ctx, { name: "k", scopes: ["read:users"] });
  await make(owner);
  await make(owner);
  await make(member);
  const { key: revoked } = await make(owner);
  const db = await getDb();
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date(0) })
    .where(eq(apiKeys.id, revoked.id));
  await make(other);
});

describe("the overview's counters", () => {
  it("count the organization's working keys and members for an owner", async () => {
    expect(await organizationOverview(owner)).toEqual({
      activeKeys: 3,
      members: 3,
      ownKeysOnly: false,
    });
  });

  it("count a member's own keys, and say so", async () => {
    expect(await organizationOverview(member)).toEqual({
      activeKeys: 1,
      members: 3,
      ownKeysOnly: true,
    });
  });

  it("count nothing of another organization", async () => {
    expect(await organizationOverview(other)).toEqual({
      activeKeys: 1,
      members: 1,
      ownKeysOnly: false,
    });
  });
});
