import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as resetRoute from "@/app/api/v1/auth/password-reset/route";
import { getDb } from "@/db";
import { emailOutbox, users } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { authSecret, resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { unseal } from "@/server/core/seal";
import { emailDeliveryConfigured } from "@/server/email/config";
import { passwordResetEmail } from "@/server/email/messages";
import {
  CLAIM_LEASE_MS,
  deliverDueEmails,
  drainEmailOutbox,
  enqueueEmail,
} from "@/server/email/outbox";
import { hashToken } from "@/server/tokens/format";
import { invoke } from "@/tests/helpers/invoke";
import { linkIn, tokenIn } from "@/tests/helpers/mail";
import {
  FROM,
  type Peer,
  SMTP_PASS,
  startPeer,
  stopPeer,
  useSmtp,
} from "@/tests/helpers/smtp-peer";
import { freePort } from "@/tests/support/server-harness";

/*
 * Mail through a real SMTP peer: smtp-server in this process, on 127.0.0.1, with a login. The
 * request that causes a message never waits for it, and never fails because of it.
 */

async function verifiedUser() {
  const db = await getDb();
  const id = newId("usr");
  const email = `${id.toLowerCase()}@example.test`;
  const passwordHash = await hashPassword("voltasis-demo");
  await db
    .insert(users)
    .values({ id, email, name: "Mia Mail", passwordHash, emailVerifiedAt: new Date() });
  return { id, email, passwordHash };
}

const requestReset = (email: string) =>
  invoke(resetRoute.POST, { method: "POST", path: "/auth/password-reset", body: { email } });

async function outboxRows(recipient: string) {
  const db = await getDb();
  return db.select().from(emailOutbox).where(eq(emailOutbox.recipient, recipient));
}

let peers: Peer[] = [];

beforeAll(async () => {
  await getDb();
});

afterEach(async () => {
  await drainEmailOutbox();
  for (const peer of peers) await stopPeer(peer);
  peers = [];
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  resetEnvForTests();
  testClock.reset();
});

afterAll(async () => {
  await drainEmailOutbox();
});

describe("SMTP delivery", () => {
  it("sends the reset mail through SMTP_URL, as plain text and HTML, with no secret but the link", async () => {
    const peer = await startPeer(await freePort());
    peers.push(peer);
    useSmtp(peer.port);
    expect(emailDeliveryConfigured()).toBe(true);
    const user = await verifiedUser();

    const res = await requestReset(user.email);
    expect(res.status).toBe(202);
    await drainEmailOutbox();

    expect(peer.received).toHaveLength(1);
    const [mail] = peer.received;
    if (!mail) throw new Error("nothing received");
    expect(peer.envelopes[0]).toEqual({ from: "no-reply@voltasis.test", to: [user.email] });
    expect(mail.headers.from).toBe(FROM);
    expect(mail.to).toBe(user.email);
    expect(mail.subject).toBe("Reset your Voltasis password");
    expect(mail.headers["content-type"]).toContain("multipart/alternative");
    expect(mail.headers["message-id"]).toMatch(/^<eml_[0-9A-Za-z]+@voltasis\.test>$/);
    expect(mail.headers["auto-submitted"]).toBe("auto-generated");
    const link = linkIn(mail, "/reset-password");
    const token = tokenIn(mail, "/reset-password");
    expect(mail.text).toContain(link.href);
    expect(mail.html).toContain(`href="${link.href}"`);
    expect(mail.text).toContain("You receive this because");
    expect(mail.html).toContain("You receive this because");

    // No secret besides the link itself: the token appears only inside links to the page,
    // and nothing else secret appears anywhere in the message as it went over the wire.
    const decoded = [JSON.stringify(mail.headers), mail.text, mail.html].join("\n");
    expect(decoded.split(link.href).join("")).not.toContain(token);
    const secrets = [hashToken(token), user.passwordHash, authSecret(), SMTP_PASS, "voltasis-demo"];
    for (const secret of secrets) {
      expect(mail.raw).not.toContain(secret);
      expect(decoded).not.toContain(secret);
    }

    // Sent: the row keeps when and to whom, no longer the sealed body.
    const [row] = await outboxRows(user.email);
    expect(row).toMatchObject({ kind: "password_reset", attempts: 1, payload: null });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it("retries a message the SMTP server refused until it is up, then delivers it once", async () => {
    const port = await freePort();
    useSmtp(port);
    const user = await verifiedUser();

    // Nothing listens yet: the request still succeeds, and the message waits in the outbox.
    const res = await requestReset(user.email);
    expect(res.status).toBe(202);
    await drainEmailOutbox();
    const [pending] = await outboxRows(user.email);
    expect(pending).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(pending?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(pending?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // At rest the body is sealed: no link in clear, and it opens only with this server's key.
    expect(pending?.payload).not.toContain("reset-password?token=");
    const opened = unseal(pending?.payload ?? "", pending?.id ?? "", "email-outbox v1");
    expect(opened).toContain("reset-password?token=");
    expect(unseal(pending?.payload ?? "", "eml_someOtherRow", "email-outbox v1")).toBeNull();

    // Not due yet: nothing is tried.
    expect(await deliverDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });

    const peer = await startPeer(port);
    peers.push(peer);
    testClock.advance(2 * 60_000);
    expect(await deliverDueEmails()).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(await deliverDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });
    testClock.advance(60 * 60_000);
    expect(await deliverDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });

    expect(peer.received).toHaveLength(1);
    expect(peer.received[0]?.subject).toBe("Reset your Voltasis password");
    const [sent] = await outboxRows(user.email);
    expect(sent).toMatchObject({ attempts: 2, payload: null, lastError: null });
  });

  it("several senders at once send each message exactly once", async () => {
    const peer = await startPeer(await freePort());
    peers.push(peer);
    useSmtp(peer.port);
    const db = await getDb();
    const recipient = `batch-${Date.now()}@example.test`;
    const expiresAt = new Date(Date.now() + 10 * 60_000);
    for (let i = 0; i < 12; i++) {
      await enqueueEmail(
        db,
        passwordResetEmail({
          to: recipient,
          url: `http://x.test/r?token=${i}`,
          minutes: 30,
          expiresAt,
        }),
      );
    }
    const reports = await Promise.all([deliverDueEmails(), deliverDueEmails(), deliverDueEmails()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect(peer.received.filter((m) => m.to === recipient)).toHaveLength(12);
  });

  it("a sender that died mid-send leaves its claim to expire; then the message goes out", async () => {
    const port = await freePort();
    useSmtp(port);
    const db = await getDb();
    const recipient = `lease-${Date.now()}@example.test`;
    const id = await enqueueEmail(
      db,
      passwordResetEmail({
        to: recipient,
        url: "http://x.test/r?token=1",
        minutes: 30,
        expiresAt: new Date(Date.now() + 60 * 60_000),
      }),
    );
    // As if another instance claimed it and crashed before recording anything.
    await db
      .update(emailOutbox)
      .set({ attempts: 1, nextAttemptAt: new Date(Date.now() + CLAIM_LEASE_MS) })
      .where(eq(emailOutbox.id, id));
    const peer = await startPeer(port);
    peers.push(peer);
    expect((await deliverDueEmails()).sent).toBe(0);
    testClock.advance(CLAIM_LEASE_MS + 1_000);
    expect((await deliverDueEmails()).sent).toBe(1);
    expect(peer.received).toHaveLength(1);
  });

  it("drops a message whose link expired before the server came back", async () => {
    const port = await freePort();
    useSmtp(port);
    const user = await verifiedUser();
    expect((await requestReset(user.email)).status).toBe(202);
    await drainEmailOutbox();
    testClock.advance(31 * 60_000);
    const peer = await startPeer(port);
    peers.push(peer);
    expect(await deliverDueEmails()).toEqual({ sent: 0, retry: 0, failed: 1 });
    expect(peer.received).toHaveLength(0);
    const [row] = await outboxRows(user.email);
    expect(row?.failedAt).toBeInstanceOf(Date);
    expect(row?.payload).toBeNull();
  });
});
