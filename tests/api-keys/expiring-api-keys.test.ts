import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { nowMs } from "@/lib/clock";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { expiringApiKeys } from "@/server/api-keys/expiring-api-keys";
import type { AuthContext } from "@/server/auth/auth-context";
import { freshOrganization } from "@/tests/helpers/audit-world";
import { DEMO, sessionContextOf, userId } from "@/tests/helpers/fixtures";

const DAY = 24 * 60 * 60 * 1000;

async function key(
  ctx: AuthContext,
  name: string,
  expiresInMs: number | null,
  extra: { revokedInMs?: number } = {},
) {
  const { key } = await createApiKey(ctx, { name, scopes: ["read:users"] });
  const db = await getDb();
  // Written straight to the row: an expiry in the past is what the API refuses to create.
  await db
    .update(apiKeys)
    .set({
      expiresAt: expiresInMs === null ? null : new Date(nowMs() + expiresInMs),
      revokedAt: extra.revokedInMs === undefined ? null : new Date(nowMs() + extra.revokedInMs),
    })
    .where(eq(apiKeys.id, key.id));
  return key.id;
}

let owner: AuthContext;
let member: AuthContext;
let other: AuthContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await getDb();
  const a = await freshOrganization("Expiry Co");
  const person = await a.addPerson("member");
  const b = await freshOrganization("Elsewhere Co");
  owner = await sessionContextOf(a.owner.id, a.id);
  member = await sessionContextOf(person.id, a.id);
  other = await sessionContextOf(b.owner.id, b.id);
  ids.inTwoDays = await key(owner, "in two days", 2 * DAY);
  ids.tomorrow = await key(owner, "tomorrow", DAY);
  ids.members = await key(member, "member's", 3 * DAY);
  await key(owner, "next week and a day", 8 * DAY);
  await key(owner, "never", null);
  await key(owner, "expired", -60_000);
  await key(owner, "revoked", DAY, { revokedInMs: -60_000 });
  // A rotation's old key in its grace period: its replacement is the one to watch.
  await key(owner, "in grace", DAY, { revokedInMs: DAY / 2 });
  ids.others = await key(other, "elsewhere", DAY);
});

describe("keys expiring soon", () => {
  it("lists an owner the organization's working keys that expire within 7 days, soonest first", async () => {
    const { keys, total } = await expiringApiKeys(owner);
    expect(keys.map((k) => k.id)).toEqual([ids.tomorrow, ids.inTwoDays, ids.members]);
    expect(total).toBe(3);
    expect(keys[0]).toMatchObject({ name: "tomorrow" });
    expect(keys[0]?.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual([
      "expiresAt",
      "id",
      "last4",
      "name",
      "prefix",
    ]);
  });

  it("counts past the limit", async () => {
    const { keys, total } = await expiringApiKeys(owner, 2);
    expect(keys.map((k) => k.id)).toEqual([ids.tomorrow, ids.inTwoDays]);
    expect(total).toBe(3);
  });

  it("lists a member only their own keys", async () => {
    const { keys, total } = await expiringApiKeys(member);
    expect(keys.map((k) => k.id)).toEqual([ids.members]);
    expect(total).toBe(1);
  });

  it("keeps each organization's keys to itself", async () => {
    expect((await expiringApiKeys(other)).keys.map((k) => k.id)).toEqual([ids.others]);
    const admin = await sessionContextOf(await userId(DEMO.admin), other.organization.id);
    expect((await expiringApiKeys(admin)).keys.map((k) => k.id)).toEqual([ids.others]);
  });

  it("refuses a viewer without read:api-keys", async () => {
    await expect(expiringApiKeys({ ...owner, scopes: [] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
