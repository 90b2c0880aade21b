import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as invitationRoute from "@/app/api/v1/invitations/[id]/route";
import * as acceptRoute from "@/app/api/v1/invitations/accept/route";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import * as timeEntriesRoute from "@/app/api/v1/time-entries/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { getDb } from "@/db";
import { auditLogs, invitations } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { drainEmailOutbox } from "@/server/email/outbox";
import { acceptInviteAction } from "@/server/http/actions/accept-invitation-action";
import { callAction } from "@/tests/helpers/actions";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { type Peer, startPeer, stopPeer, useFileOutbox, useSmtp } from "@/tests/helpers/smtp-peer";
import { login, makeUser } from "@/tests/helpers/tokens";
import { freePort } from "@/tests/support/server-harness";

beforeAll(async () => {
  await getDb();
});

const STRONG = "correct horse battery staple 42";

async function invite(token: string, email: string, role = "member") {
  return invoke(invitationsRoute.POST, {
    method: "POST",
    path: "/invitations",
    token,
    body: { email, role },
  });
}

function tokenOf(url: string): string {
  return url.split("/invite/")[1] ?? "";
}

async function accept(body: Record<string, unknown>) {
  return invoke(acceptRoute.POST, { method: "POST", path: "/invitations/accept", body });
}

const freshEmail = () => `new-${Math.random().toString(36).slice(2, 10)}@example.test`;

describe("invitation lifecycle", () => {
  it("creates a link shown once, lists it without the token, and the link makes an account", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const created = await invite(access_token, email, "member");
    expect(created.status).toBe(201);
    const data = created.body.data;
    expect(data).toMatchObject({ email, role: "member", status: "pending" });
    expect(data.id).toMatch(/^inv_/);
    expect(data.url).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{40,}$/);
    expect(new Date(data.expires_at).getTime() - Date.now()).toBeGreaterThan(6.9 * 86400_000);

    const list = await invoke(invitationsRoute.GET, { path: "/invitations", token: access_token });
    expect(list.status).toBe(200);
    expect(list.body.next_cursor === null || typeof list.body.next_cursor === "string").toBe(true);
    const listed = list.body.data.find((i: { id: string }) => i.id === data.id);
    expect(listed).toMatchObject({ email, status: "pending" });
    expect(JSON.stringify(list.body)).not.toContain(tokenOf(data.url));
    expect(listed.url).toBeUndefined();

    // Only the hash is stored.
    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, data.id));
    expect(row?.tokenHash).not.toContain(tokenOf(data.url));

    const accepted = await accept({ token: tokenOf(data.url), name: "Nina New", password: STRONG });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.access_token).toMatch(/^vlt_at_/);
    const me = await invoke(meRoute.GET, {
      path: "/auth/me",
      token: accepted.body.data.access_token,
    });
    expect(me.body.data).toMatchObject({ email, name: "Nina New", role: "member" });

    // Single use.
    const again = await accept({ token: tokenOf(data.url), name: "Nina", password: STRONG });
    expect(again.status).toBe(404);
    expect(again.body.error).toEqual({
      code: "NOT_FOUND",
      message: "This invitation is no longer valid",
    });
    const actions = (await db.select().from(auditLogs).where(eq(auditLogs.targetId, data.id))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(["invitation.accepted", "invitation.created"]);
  });

  it("refuses revoked and expired invitations with the same 404", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const revokedInv = (await invite(access_token, freshEmail())).body.data;
    const del = await invoke(invitationRoute.DELETE, {
      method: "DELETE",
      path: `/invitations/${revokedInv.id}`,
      token: access_token,
      params: { id: revokedInv.id },
    });
    expect(del.status).toBe(200);
    expect(del.body.data.status).toBe("revoked");
    const list = await invoke(invitationsRoute.GET, { path: "/invitations", token: access_token });
    expect(list.body.data.map((i: { id: string }) => i.id)).not.toContain(revokedInv.id);
    const r = await accept({ token: tokenOf(revokedInv.url), name: "X", password: STRONG });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe("This invitation is no longer valid");

    const expiredInv = (await invite(access_token, freshEmail())).body.data;
    const db = await getDb();
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expiredInv.id));
    const e = await accept({ token: tokenOf(expiredInv.url), name: "X", password: STRONG });
    expect(e.status).toBe(404);
    expect(e.body.error.message).toBe("This invitation is no longer valid");

    const unknown = await accept({ token: "not-a-real-token", name: "X", password: STRONG });
    expect(unknown.status).toBe(404);
  });

  it("adds an existing account only with that account's password", async () => {
    const { access_token } = await login(DEMO.globexOwner);
    const existing = await makeUser("acme");
    const inv = (await invite(access_token, existing.email, "admin")).body.data;
    const wrong = await accept({ token: tokenOf(inv.url), password: "wrong password 123456" });
    expect(wrong.status).toBe(401);
    const ok = await accept({ token: tokenOf(inv.url), password: DEMO_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.data.organization.name).toBe("Globex");
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: ok.body.data.access_token });
    expect(me.body.data).toMatchObject({ email: existing.email, role: "admin" });
  });

  it("two accepts of one token: exactly one succeeds", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const inv = (await invite(access_token, freshEmail())).body.data;
    const results = await Promise.all([
      accept({ token: tokenOf(inv.url), name: "Racer One", password: STRONG }),
      accept({ token: tokenOf(inv.url), name: "Racer Two", password: STRONG }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses[1]).not.toBe(200);
    expect([404, 409]).toContain(statuses[1]);
  });

  it("keys a removed member had stay dead after they are invited back", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const member = await makeUser("acme");
    const { secret } = await createKey(member.email, "acme", ["read:time-entries"]);
    const before = await invoke(timeEntriesRoute.GET, { path: "/time-entries", token: secret });
    expect(before.status).toBe(200);
    const removed = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${member.id}`,
      token: access_token,
      params: { id: member.id },
    });
    expect(removed.status).toBe(200);
    const inv = (await invite(access_token, member.email)).body.data;
    const back = await accept({ token: tokenOf(inv.url), password: DEMO_PASSWORD });
    expect(back.status).toBe(200);
    const after = await invoke(timeEntriesRoute.GET, { path: "/time-entries", token: secret });
    expect(after.status).toBe(401);
    // The new login works.
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: back.body.data.access_token });
    expect(me.status).toBe(200);
  });
});

describe("who may invite", () => {
  it("owners invite owners; admins invite admins and members, not owners; members not at all", async () => {
    const owner = await login(DEMO.acmeOwner);
    const adminUser = await makeUser("acme", "admin");
    const admin = await login(adminUser.email);
    const memberUser = await makeUser("acme", "member");
    const member = await login(memberUser.email);

    expect((await invite(owner.access_token, freshEmail(), "owner")).status).toBe(201);
    expect((await invite(admin.access_token, freshEmail(), "admin")).status).toBe(201);
    expect((await invite(admin.access_token, freshEmail(), "member")).status).toBe(201);
    const adminOwner = await invite(admin.access_token, freshEmail(), "owner");
    expect(adminOwner.status).toBe(403);
    expect(adminOwner.body.error.code).toBe("FORBIDDEN");
    const byMember = await invite(member.access_token, freshEmail(), "member");
    expect(byMember.status).toBe(403);
    const list = await invoke(invitationsRoute.GET, {
      path: "/invitations",
      token: member.access_token,
    });
    expect(list.status).toBe(200);
  });

  it("an API key without write:users cannot invite", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await invite(secret, freshEmail());
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual({
      reason: "missing_scope",
      required_scope: "write:users",
      hint: expect.any(String),
    });
  });
});

describe("tenancy", () => {
  it("another organization never sees or revokes an invitation", async () => {
    const acme = await login(DEMO.acmeOwner);
    const globex = await login(DEMO.globexOwner);
    const inv = (await invite(acme.access_token, freshEmail())).body.data;
    const list = await invoke(invitationsRoute.GET, {
      path: "/invitations?limit=100",
      token: globex.access_token,
    });
    expect(list.body.data.map((i: { id: string }) => i.id)).not.toContain(inv.id);
    const del = await invoke(invitationRoute.DELETE, {
      method: "DELETE",
      path: `/invitations/${inv.id}`,
      token: globex.access_token,
      params: { id: inv.id },
    });
    expect(del.status).toBe(403);
    const stillListed = await invoke(invitationsRoute.GET, {
      path: "/invitations?limit=100",
      token: acme.access_token,
    });
    expect(stillListed.body.data.map((i: { id: string }) => i.id)).toContain(inv.id);
  });
});

describe("bad input", () => {
  it("answers 400 for bad email, role, limit and cursor, and weak passwords", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const badEmail = await invite(access_token, "not-an-email");
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.code).toBe("VALIDATION_ERROR");
    expect((await invite(access_token, freshEmail(), "king")).status).toBe(400);
    for (const q of ["limit=0", "limit=101", "limit=abc", "cursor=%%%"]) {
      const res = await invoke(invitationsRoute.GET, {
        path: `/invitations?${q}`,
        token: access_token,
      });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
    }
    const inv = (await invite(access_token, freshEmail())).body.data;
    const short = await accept({ token: tokenOf(inv.url), name: "Sam", password: "short1!" });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/at least 12 characters/);
    const common = await accept({ token: tokenOf(inv.url), name: "Sam", password: "password1234" });
    expect(common.status).toBe(400);
    expect(common.body.error.code).toBe("VALIDATION_ERROR");
    expect(common.body.error.message).toMatch(/too common or easy to guess/);
    const noName = await accept({ token: tokenOf(inv.url), password: STRONG });
    expect(noName.status).toBe(401);
    // A refused attempt does not spend the invitation.
    const ok = await accept({ token: tokenOf(inv.url), name: "Sam", password: STRONG });
    expect(ok.status).toBe(200);
  });

  it("pages pending invitations newest first with a cursor", async () => {
    const owner = await makeUser("globex", "owner");
    const { access_token } = await login(owner.email);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await invite(access_token, freshEmail())).body.data.id);
    const first = await invoke(invitationsRoute.GET, {
      path: "/invitations?limit=2",
      token: access_token,
    });
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const all: string[] = first.body.data.map((i: { id: string }) => i.id);
    let cursor = first.body.next_cursor;
    while (cursor) {
      const next = await invoke(invitationsRoute.GET, {
        path: `/invitations?limit=2&cursor=${cursor}`,
        token: access_token,
      });
      expect(next.status).toBe(200);
      all.push(...next.body.data.map((i: { id: string }) => i.id));
      cursor = next.body.next_cursor;
    }
    expect(new Set(all).size).toBe(all.length);
    const mine = all.filter((id) => made.includes(id));
    expect(mine).toEqual([...made].reverse());
  });
});

describe("an address with an account and one without are answered alike (enumeration)", () => {
  it("a wrong password and a missing name get the same status and body", async () => {
    const { access_token } = await login(DEMO.globexOwner);
    const existing = await makeUser("acme");
    const withAccount = (await invite(access_token, existing.email)).body.data;
    const withoutAccount = (await invite(access_token, freshEmail())).body.data;
    const a = await accept({ token: tokenOf(withAccount.url), password: STRONG });
    const b = await accept({ token: tokenOf(withoutAccount.url), password: STRONG });
    expect(a.status).toBe(401);
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    // A name asks for a new account: a weak password is judged first, for both kinds alike.
    const weakA = await accept({
      token: tokenOf(withAccount.url),
      name: "Sam",
      password: "short1!",
    });
    const weakB = await accept({
      token: tokenOf(withoutAccount.url),
      name: "Sam",
      password: "short1!",
    });
    expect(weakA.status).toBe(400);
    expect(weakB.body).toEqual(weakA.body);
  });
});

describe("invitations never outlive their sender's authority", () => {
  async function senderWithLink(senderRole: "admin" | "owner", role: "admin" | "owner" | "member") {
    const sender = await makeUser("acme", senderRole);
    const { access_token } = await login(sender.email);
    const created = await invite(access_token, freshEmail(), role);
    expect(created.status).toBe(201);
    return { sender, inv: created.body.data as { id: string; url: string } };
  }

  it("refuses a link whose sender was removed, and revokes their pending links", async () => {
    const { sender, inv } = await senderWithLink("admin", "admin");
    const { access_token: owner } = await login(DEMO.acmeOwner);
    const removed = await invoke(userRoute.DELETE, {
      method: "DELETE",
      path: `/users/${sender.id}`,
      token: owner,
      params: { id: sender.id },
    });
    expect(removed.status).toBe(200);
    const res = await accept({ token: tokenOf(inv.url), name: "Late Admin", password: STRONG });
    expect(res.status).toBe(404);
    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, inv.id));
    expect(row?.revokedAt).not.toBeNull();
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.targetId, inv.id));
    expect(audit.map((a) => a.action)).toContain("invitation.revoked");
  });

  it("an owner demoted to member can no longer bring in an owner, even with an old link", async () => {
    const { sender, inv } = await senderWithLink("owner", "owner");
    const { access_token: owner } = await login(DEMO.acmeOwner);
    const demoted = await invoke(userRoute.PATCH, {
      method: "PATCH",
      path: `/users/${sender.id}`,
      token: owner,
      params: { id: sender.id },
      body: { role: "member" },
    });
    expect(demoted.status).toBe(200);
    const res = await accept({ token: tokenOf(inv.url), name: "Would Be Owner", password: STRONG });
    expect(res.status).toBe(404);
  });

  it("an owner demoted to admin keeps the member links but loses the owner ones", async () => {
    const sender = await makeUser("acme", "owner");
    const { access_token } = await login(sender.email);
    const ownerLink = (await invite(access_token, freshEmail(), "owner")).body.data;
    const memberLink = (await invite(access_token, freshEmail(), "member")).body.data;
    const { access_token: owner } = await login(DEMO.acmeOwner);
    await invoke(userRoute.PATCH, {
      method: "PATCH",
      path: `/users/${sender.id}`,
      token: owner,
      params: { id: sender.id },
      body: { role: "admin" },
    });
    const list = await invoke(invitationsRoute.GET, { path: "/invitations", token: owner });
    const pending = list.body.data.map((i: { id: string }) => i.id);
    expect(pending).not.toContain(ownerLink.id);
    expect(pending).toContain(memberLink.id);
    const ok = await accept({
      token: tokenOf(memberLink.url),
      name: "Still Fine",
      password: STRONG,
    });
    expect(ok.status).toBe(200);
  });

  it("a demotion racing an acceptance: never an owner brought in by a member", async () => {
    const { sender, inv } = await senderWithLink("owner", "owner");
    const { access_token: owner } = await login(DEMO.acmeOwner);
    const [demoted, accepted] = await Promise.all([
      invoke(userRoute.PATCH, {
        method: "PATCH",
        path: `/users/${sender.id}`,
        token: owner,
        params: { id: sender.id },
        body: { role: "member" },
      }),
      accept({ token: tokenOf(inv.url), name: "Racing Owner", password: STRONG }),
    ]);
    expect(demoted.status).toBe(200);
    expect([200, 404]).toContain(accepted.status);
    // Whichever came first, the link is spent or revoked, and no 500 either way.
    const again = await accept({ token: tokenOf(inv.url), name: "Racing Owner", password: STRONG });
    expect(again.status).toBe(404);
  });
});

describe("the /invite form's action takes the API's schema", () => {
  it("refuses a 20,000- or 101-character name, and treats an empty one as none", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const inv = (await invite(access_token, freshEmail())).body.data;
    const token = tokenOf(inv.url);
    for (const name of ["n".repeat(20_000), "n".repeat(101)]) {
      const outcome = await callAction(acceptInviteAction, {
        fields: { token, name, password: STRONG },
      });
      expect(outcome).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
    }
    // An empty name field is "no name": the same answer as the API gives without one.
    const empty = await callAction(acceptInviteAction, {
      fields: { token, name: "", password: STRONG },
    });
    expect(empty).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    const joined = await callAction(acceptInviteAction, {
      fields: { token, name: "Form Person", password: STRONG },
    });
    expect(joined.ok).toBe(true);
  });
});

describe("invitations by email", () => {
  let peer: Peer | undefined;
  afterEach(async () => {
    await drainEmailOutbox();
    await stopPeer(peer);
    peer = undefined;
    useFileOutbox();
  });

  it("with email configured, mails the link to the address only, and accepting it proves the address", async () => {
    peer = await startPeer(await freePort());
    useSmtp(peer.port);
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const created = await invite(access_token, email);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ email, delivery: "email", status: "pending" });
    expect(created.body.data.url).toBeUndefined();
    await drainEmailOutbox();
    expect(peer.received.map((m) => m.to)).toEqual([email]);
    const [mail] = peer.received;
    if (!mail) throw new Error("no mail");
    expect(mail.subject).toMatch(/invited you to Acme/);
    expect(mail.html).toContain("<a href=");
    const match = /https?:\/\/\S+\/invite\/([A-Za-z0-9_-]{40,})/.exec(mail.text);
    expect(match).not.toBeNull();
    const accepted = await accept({ token: match?.[1], name: "Mailed Person", password: STRONG });
    expect(accepted.status).toBe(200);
    const me = await invoke(meRoute.GET, {
      path: "/auth/me",
      token: accepted.body.data.access_token,
    });
    expect(me.body.data).toMatchObject({ email, email_verified: true });
  });

  it("without it, answers the link for its sender to share, and the account stays unverified", async () => {
    const { access_token } = await login(DEMO.acmeOwner);
    const email = freshEmail();
    const created = await invite(access_token, email);
    expect(created.body.data).toMatchObject({ delivery: "link" });
    const accepted = await accept({
      token: tokenOf(created.body.data.url),
      name: "Shown Link",
      password: STRONG,
    });
    const me = await invoke(meRoute.GET, {
      path: "/auth/me",
      token: accepted.body.data.access_token,
    });
    expect(me.body.data).toMatchObject({ email, email_verified: false });
  });
});
