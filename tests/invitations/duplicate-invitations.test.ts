import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as invitationRoute from "@/app/api/v1/invitations/[id]/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import { getDb } from "@/db";
import { invitations } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

// One live link per address and organization (issue 19): a second invitation is refused while
// the first is pending, and joining revokes whatever else was still pending for that address.
const freshEmail = () => `dup-${Math.random().toString(36).slice(2, 10)}@example.test`;

async function invite(token: string, email: string, role = "member") {
  return invoke(invitationsRoute.POST, {
    method: "POST",
    path: "/invitations",
    token,
    body: { email, role },
  });
}

async function pendingCount(email: string) {
  const db = await getDb();
  const rows = await db
    .select({ acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .where(and(eq(invitations.email, email), eq(invitations.organizationId, await orgId("acme"))));
  return rows.filter((row) => !row.acceptedAt && !row.revokedAt).length;
}

describe("POST /invitations to an address already invited", () => {
  it("answers 409 naming the pending invitation, whatever the case of the address", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const first = await invite(access_token, email);
    expect(first.status).toBe(201);
    const again = await invite(access_token, email.toUpperCase(), "admin");
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
    expect(again.body.error.message).toMatch(/already invited/);
    expect(again.body.error.details).toEqual([
      expect.objectContaining({ field: "email", invitation_id: first.body.data.id }),
    ]);
    expect(await pendingCount(email)).toBe(1);
  });

  it("invites again once the pending one is revoked or has expired", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const first = await invite(access_token, email);
    const id = first.body.data.id;
    const revoked = await invoke(invitationRoute.DELETE, {
      method: "DELETE",
      path: `/invitations/${id}`,
      token: access_token,
      params: { id },
    });
    expect(revoked.status).toBe(200);
    expect((await invite(access_token, email)).status).toBe(201);

    testClock.advance(8 * 24 * 60 * 60 * 1000);
    try {
      const fresh = await login(DEMO.acmeOwner);
      expect((await invite(fresh.access_token, email)).status).toBe(201);
    } finally {
      testClock.reset();
    }
  });

  it("two invitations sent at once: one is made, the other is refused", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const answers = await Promise.all([invite(access_token, email), invite(access_token, email)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await pendingCount(email)).toBe(1);
  });

  it("another organization may invite the same address", async () => {
    const acme = await login(DEMO.acmeOwner);
    const globex = await login(DEMO.globexOwner);
    const email = freshEmail();
    expect((await invite(acme.access_token, email)).status).toBe(201);
    expect((await invite(globex.access_token, email)).status).toBe(201);
  });
});

describe("joining", () => {
  it("revokes every other invitation still pending for that address in that organization", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const accepted = await invite(access_token, email);
    // An older pending invitation, as made before duplicates were refused.
    const db = await getDb();
    const [first] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.id, accepted.body.data.id));
    if (!first) throw new Error("no invitation");
    await db.insert(invitations).values({
      ...first,
      id: `inv_legacy${Math.random().toString(36).slice(2, 12)}`,
      tokenHash: `legacy-${Math.random()}`,
    });
    expect(await pendingCount(email)).toBe(2);

    const joined = await invoke(acceptRoute.POST, {
      method: "POST",
      path: "/invitations/accept",
      body: {
        token: String(accepted.body.data.url).split("/invite/")[1],
        name: "Joined Person",
        password: "correct horse battery staple 42",
      },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(await pendingCount(email)).toBe(0);
  });
});
