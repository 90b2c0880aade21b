import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as organizationsRoute from "@/app/api/v1/organizations/route";
import { getDb } from "@/db";
import { auditLogs, memberships, organizations } from "@/db/schema";
import { env } from "@/lib/env";
import { createOrganization } from "@/server/organizations/create-organization";
import { DEMO, orgId, sessionContextOf } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login, makeUser } from "@/tests/helpers/tokens";

const database = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

beforeAll(async () => {
  await getDb();
});

function create(token: string, name = `Org ${Math.random().toString(36).slice(2, 8)}`) {
  return invoke(organizationsRoute.POST, {
    method: "POST",
    path: "/organizations",
    token,
    body: { name },
  });
}

/** A fresh account of its own (member of Globex) and its user token. */
async function newAccount() {
  const user = await makeUser("globex", "member");
  const { access_token } = await login(user.email);
  return { user, token: access_token };
}

async function createMany(token: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await create(token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.data.id);
  }
  return ids;
}

/** Rows that a creation writes, platform-wide: a refused one must leave these as they were. */
async function writtenRows() {
  const db = await getDb();
  const [[orgs], [members], [audits]] = await Promise.all([
    db.select({ n: count() }).from(organizations),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(auditLogs).where(eq(auditLogs.action, "organization.created")),
  ]);
  return { organizations: orgs?.n, memberships: members?.n, created: audits?.n };
}

describe(`the organizations an account may create (${database})`, () => {
  it("defaults to 10", () => {
    expect(env().MAX_ORGANIZATIONS_PER_USER).toBe(10);
  });

  it("the 11th is a 409 naming the limit, and nothing is written", async () => {
    const { user, token } = await newAccount();
    await createMany(token, 10);
    const before = await writtenRows();

    const refused = await create(token, "One too many");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: "CONFLICT",
      message: expect.stringMatching(/already created 10 organizations, the most one account/),
      details: { limit: 10 },
    });
    expect(await writtenRows()).toEqual(before);
    const db = await getDb();
    const named = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, "One too many"));
    expect(named).toEqual([]);

    // The dashboard's form runs the same domain call with the session's context.
    const ctx = await sessionContextOf(user.id, await orgId("globex"));
    await expect(createOrganization(ctx, { name: "From the form" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/10 organizations/),
    });
    expect(await writtenRows()).toEqual(before);
  });

  it.each([2, 5])("%i creations racing for the last slot: exactly one is made", async (racers) => {
    const { user, token } = await newAccount();
    await createMany(token, 9);
    const results = await Promise.all(
      Array.from({ length: racers }, (_, i) => create(token, `Racer ${i}`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([
      201,
      ...Array.from({ length: racers - 1 }, () => 409),
    ]);
    const db = await getDb();
    const [owned] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.role, "owner")));
    expect(owned?.n).toBe(10);
  });

  it("handing an organization to someone else does not free a slot", async () => {
    const { user, token } = await newAccount();
    const [first] = await createMany(token, 10);
    if (!first) throw new Error("no organization made");
    // Another account becomes owner, and the creator leaves: the creation still counts.
    const heir = await makeUser("globex", "member");
    const db = await getDb();
    await db.insert(memberships).values({ userId: heir.id, organizationId: first, role: "owner" });
    await db
      .delete(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.organizationId, first)));
    expect((await create(token)).status).toBe(409);
  });

  it("counts per account: another account still creates", async () => {
    const { token } = await newAccount();
    await createMany(token, 10);
    const other = await newAccount();
    expect((await create(other.token)).status).toBe(201);
  });

  it("platform admins are exempt", async () => {
    const { access_token } = await login(DEMO.admin);
    await createMany(access_token, 11);
  });
});
