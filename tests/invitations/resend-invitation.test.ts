import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as resendRoute from "@/app/api/v1/invitations/[id]/resend/route";
import * as invitationRoute from "@/app/api/v1/invitations/[id]/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import { getDb } from "@/db";
import { auditLogs, invitations } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { drainEmailOutbox } from "@/server/email/outbox";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { type Peer, startPeer, stopPeer, useFileOutbox, useSmtp } from "@/tests/helpers/smtp-peer";
import { login } from "@/tests/helpers/tokens";
import { freePort } from "@/tests/support/server-harness";

// POST /invitations/{id}/resend (issue 19): a new link for 7 more days, the old one dead; the
// way to reach someone whose link was lost or expired, since only a link's hash is kept.
const STRONG = "correct horse battery staple 42";
const DAY = 86_400_000;
const freshEmail = () => `resend-${Math.random().toString(36).slice(2, 10)}@example.test`;
const tokenOf = (url: string) => url.split("/invite/")[1];

async function invite(token: string, email: string, role = "member") {
  const res = await invoke(invitationsRoute.POST, {
    method: "POST",
    path: "/invitations",
    token,
    body: { email, role },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; url: string; expires_at: string };
}

function resend(token: string, id: string) {
  return invoke(resendRoute.POST, {
    method: "POST",
    path: `/invitations/${id}/resend`,
    token,
    params: { id },
  });
}

function accept(token: string | undefined, name = "Resent Person") {
  return invoke(acceptRoute.POST, {
    method: "POST",
    path: "/invitations/accept",
    body: { token, name, password: STRONG },
  });
}

describe("POST /invitations/{id}/resend", () => {
  it("answers a new link valid 7 days from now; the old link no longer works", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const sent = await invite(access_token, freshEmail());
    testClock.advance(3 * DAY);
    try {
      const fresh = await login(DEMO.acmeOwner);
      const again = await resend(fresh.access_token, sent.id);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.headers.get("cache-control")).toBe("no-store");
      expect(again.body.data).toMatchObject({ id: sent.id, status: "pending", delivery: "link" });
      expect(again.body.data.url).not.toBe(sent.url);
      // 7 days from the resend, 3 days after the first link's 7 days (give or take the test's run).
      const extended =
        new Date(again.body.data.expires_at).getTime() - new Date(sent.expires_at).getTime();
      expect(extended).toBeGreaterThanOrEqual(3 * DAY);
      expect(extended).toBeLessThan(3 * DAY + 60_000);
      expect((await accept(tokenOf(sent.url))).status).toBe(404);
      expect((await accept(tokenOf(again.body.data.url))).status).toBe(200);
    } finally {
      testClock.reset();
    }
  });

  it("brings an expired invitation back, and audits who sent it again", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const sent = await invite(access_token, freshEmail());
    testClock.advance(8 * DAY);
    try {
      const fresh = await login(DEMO.acmeOwner);
      const again = await resend(fresh.access_token, sent.id);
      expect(again.status).toBe(200);
      expect(again.body.data.status).toBe("pending");
      const db = await getDb();
      const audit = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.targetId, sent.id), eq(auditLogs.action, "invitation.resent")));
      expect(audit).toHaveLength(1);
      expect(audit[0]?.metadata).toMatchObject({ delivery: "link" });
    } finally {
      testClock.reset();
    }
  });

  it("refuses an accepted or a revoked invitation with 409, changing nothing", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const joined = await invite(access_token, freshEmail());
    expect((await accept(tokenOf(joined.url))).status).toBe(200);
    const accepted = await resend(access_token, joined.id);
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.code).toBe("CONFLICT");

    const dropped = await invite(access_token, freshEmail());
    await invoke(invitationRoute.DELETE, {
      method: "DELETE",
      path: `/invitations/${dropped.id}`,
      token: access_token,
      params: { id: dropped.id },
    });
    const db = await getDb();
    const [before] = await db.select().from(invitations).where(eq(invitations.id, dropped.id));
    expect((await resend(access_token, dropped.id)).status).toBe(409);
    const [after] = await db.select().from(invitations).where(eq(invitations.id, dropped.id));
    expect(after).toEqual(before);
  });

  it("a member is refused (403 naming write:users); another organization's invitation is a 403", async () => {
    const owner = await login(DEMO.acmeOwner);
    const sent = await invite(owner.access_token, freshEmail());
    const member = await login(DEMO.acmeMember);
    const refused = await resend(member.access_token, sent.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ required_scope: "write:users" });

    const globex = await login(DEMO.globexOwner);
    const foreign = await resend(globex.access_token, sent.id);
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).not.toContain(sent.id.slice(4));
    expect((await resend(owner.access_token, "inv_doesnotexist000000")).status).toBe(404);
    expect((await resend(owner.access_token, "not-an-id")).status).toBe(404);
    // The original link still works: nothing was changed by the refusals.
    expect((await accept(tokenOf(sent.url))).status).toBe(200);
  });

  it("an admin cannot resend an owner's invitation", async () => {
    const owner = await login(DEMO.acmeOwner);
    const sent = await invite(owner.access_token, freshEmail(), "owner");
    const admin = await login(DEMO.admin);
    const res = await resend(admin.access_token, sent.id);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Only an owner/);
  });

  it("two resends at once: both answer, and only the last link issued works", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const sent = await invite(access_token, freshEmail());
    const [a, b] = await Promise.all([
      resend(access_token, sent.id),
      resend(access_token, sent.id),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const results = [
      (await accept(tokenOf(a.body.data.url), "First")).status,
      (await accept(tokenOf(b.body.data.url), "Second")).status,
    ];
    expect(results.sort()).toEqual([200, 404]);
  });
});

describe("resending with email configured", () => {
  let peer: Peer | undefined;
  afterEach(async () => {
    await drainEmailOutbox();
    await stopPeer(peer);
    peer = undefined;
    useFileOutbox();
  });

  it("mails the new link to the invited address only and answers no link", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const sent = await invite(access_token, email);
    peer = await startPeer(await freePort());
    useSmtp(peer.port);
    const again = await resend(access_token, sent.id);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ delivery: "email" });
    expect(again.body.data.url).toBeUndefined();
    await drainEmailOutbox();
    expect(peer.received.map((m) => m.to)).toEqual([email]);
    const link = /\/invite\/([A-Za-z0-9_-]{40,})/.exec(peer.received[0]?.text ?? "");
    expect((await accept(link?.[1])).status).toBe(200);
  });
});
