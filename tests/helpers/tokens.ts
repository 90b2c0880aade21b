import { expect } from "vitest";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import { getDb } from "@/db";
import { memberships, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import type { Role } from "@/lib/roles";
import { orgId } from "./fixtures";
import { invoke } from "./invoke";

export interface Pair {
  access_token: string;
  refresh_token: string;
  organization: { id: string; name: string };
}

/** POST /auth/token with the demo password; fails the test unless it answers 200. */
export async function login(email: string, organizationId?: string): Promise<Pair> {
  const res = await invoke(tokenRoute.POST, {
    method: "POST",
    path: "/auth/token",
    body: { email, password: DEMO_PASSWORD, organization_id: organizationId },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Pair;
}

/** A user of this test's own, member of one demo organization, with the demo password. */
export async function makeUser(slug: "acme" | "globex", role: Role = "member") {
  const db = await getDb();
  const id = newId("usr");
  const email = `${id.toLowerCase()}@example.test`;
  await db.insert(users).values({
    id,
    email,
    name: `Test ${id.slice(-6)}`,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  await db.insert(memberships).values({ userId: id, organizationId: await orgId(slug), role });
  return { id, email };
}
