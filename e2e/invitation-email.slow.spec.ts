import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { withDatabase } from "../tests/setup/template-database";
import { freePort, ROOT, type SpawnedServer, spawnServer } from "../tests/support/server-harness";
import { DEMO_PASSWORD } from "./helpers/login";

// Mail as a person gets it: a production server of its own (on a database of its own, migrated
// and seeded here) with SMTP_URL pointing at a real SMTP server in this process on 127.0.0.1. The
// invitation and the password reset go out through nodemailer and SMTP, and the links in the
// received messages are what the browser opens.

const FROM = "Voltasis <no-reply@voltasis.test>";

interface Received {
  envelope: { from: string; to: string[] };
  headers: Record<string, string>;
  text: string;
  html: string;
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const joined = value.replace(/=\r?\n/g, "");
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function splitHead(raw: string): [Record<string, string>, string] {
  const at = /\r?\n\r?\n/.exec(raw);
  const head = at ? raw.slice(0, at.index) : raw;
  const body = at ? raw.slice(at.index + at[0].length) : "";
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, body];
}

/** What nodemailer sends: multipart/alternative, a text/plain and a text/html part. */
function parseMessage(raw: string, envelope: Received["envelope"]): Received {
  const [headers, body] = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  const message: Received = { envelope, headers, text: "", html: "" };
  for (const part of boundary ? body.split(`--${boundary}`).slice(1) : []) {
    const [partHeaders, partBody] = splitHead(part.replace(/^\r?\n/, ""));
    const encoding = (partHeaders["content-transfer-encoding"] ?? "").toLowerCase();
    const content =
      encoding === "quoted-printable"
        ? decodeQuotedPrintable(partBody)
        : encoding === "base64"
          ? Buffer.from(partBody.replace(/\s+/g, ""), "base64").toString("utf8")
          : partBody;
    const type = partHeaders["content-type"] ?? "";
    if (type.startsWith("text/plain")) message.text = content;
    if (type.startsWith("text/html")) message.html = content;
  }
  return message;
}

/** An SMTP server on 127.0.0.1 that keeps every message (plain SMTP, no login: loopback only). */
async function startSmtpPeer(port: number) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(
          parseMessage(Buffer.concat(chunks).toString("utf8"), {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
          }),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    received,
    /** The messages whose envelope goes to `address`, oldest first. */
    to: (address: string) => received.filter((m) => m.envelope.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let peer: Awaited<ReturnType<typeof startSmtpPeer>> | undefined;
let server: SpawnedServer | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let origin = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const smtpPort = await freePort();
  peer = await startSmtpPeer(smtpPort);

  let env: NodeJS.ProcessEnv;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `voltasis_e2e_mail_${randomBytes(5).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    dropDatabase = async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    };
    env = { ...process.env, DATABASE_URL: withDatabase(serverUrl, name) };
  } else {
    const dir = path.join(ROOT, ".data", `e2e-mail-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    dropDatabase = async () => rmSync(dir, { recursive: true, force: true });
    const { DATABASE_URL: _unset, ...rest } = process.env;
    env = { ...rest, PGLITE_DIR: dir };
  }
  for (const script of ["scripts/db-migrate.ts", "scripts/db-seed.ts"]) {
    execFileSync(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, stdio: "pipe" });
  }

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = await spawnServer({
    port,
    env: {
      ...env,
      PUBLIC_URL: origin,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      EMAIL_FROM: FROM,
      // Budgets of its own: the shared e2e server's sign-ins from 127.0.0.1 count elsewhere.
      RATE_LIMIT_PREFIX: `voltasis:e2e-mail:${randomBytes(4).toString("hex")}:rl`,
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await peer?.close();
  await dropDatabase?.();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}/dashboard`);
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}

/** The one message to `address` the SMTP peer receives (waits for it; no fixed sleep). */
async function mailTo(address: string, count = 1): Promise<Received> {
  await expect.poll(() => peer?.to(address).length ?? 0, { timeout: 30_000 }).toBe(count);
  return peer?.to(address).at(-1) as Received;
}

/** `/me` of a fresh sign-in with the API, as the new account. */
async function me(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  try {
    const token = await context.request.post(`${origin}/api/v1/auth/token`, {
      data: { email, password },
    });
    if (token.status() !== 200) return { status: token.status(), data: null };
    const res = await context.request.get(`${origin}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${(await token.json()).data.access_token}` },
    });
    return { status: res.status(), data: (await res.json()).data };
  } finally {
    await context.close();
  }
}

test("an invitation is emailed through SMTP, and its link makes a member", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = `nora-${Date.now()}@example.test`;

  // Acme's owner invites the address from Settings > Members.
  await signIn(page, "owner@acme.test", DEMO_PASSWORD);
  await page.goto(`${origin}/settings/general`);
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Members" })
    .click();
  const invite = page.getByRole("region", { name: "Invite member" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByRole("button", { name: "Invite member" }).click();
  // Email is configured: the page says where it went and never shows the link.
  await expect(invite.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  await expect(invite.getByTestId("invitation-url")).toHaveCount(0);
  await expect(page.getByText("Email is not configured")).toHaveCount(0);
  expect(await page.content()).not.toContain("/invite/");

  // The SMTP peer has it: from EMAIL_FROM to the address, plain text and HTML, the link, and why.
  const mail = await mailTo(email);
  expect(mail.envelope).toEqual({ from: "no-reply@voltasis.test", to: [email] });
  expect(mail.headers.from).toBe(FROM);
  expect(mail.headers.to).toBe(email);
  expect(mail.headers.subject).toContain("invited you to Acme on Voltasis");
  expect(mail.headers["content-type"]).toMatch(/^multipart\/alternative/);
  const link = new RegExp(`${origin}/invite/[A-Za-z0-9_-]+`).exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  expect(mail.html).toContain(`href="${link}"`);
  for (const body of [mail.text, mail.html]) {
    expect(body).toContain(`You receive this because someone in Acme invited ${email}`);
  }

  // The invitee opens the link in a browser of their own and signs up.
  const invitee = await browser.newContext();
  try {
    const tab = await invitee.newPage();
    await tab.goto(link ?? "");
    await expect(tab.getByRole("heading", { name: "Join Acme" })).toBeVisible();
    await expect(tab.getByText("You were invited as Member.")).toBeVisible();
    await expect(tab.getByLabel("Email")).toHaveValue(email);
    await tab.getByLabel("Your name").fill("Nora Newhire");
    await tab.getByLabel("Password").fill("harbor tulip compass 47");
    await tab.getByRole("button", { name: "Join" }).click();
    await tab.waitForURL(`${origin}/dashboard`);
    await expect(tab.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await expect(
      tab.getByRole("button", { name: /^Organization: Acme\. Switch organization$/ }),
    ).toBeVisible();
  } finally {
    await invitee.close();
  }
  // A member of Acme, whose address the mailed link proved.
  const joined = await me(browser, email, "harbor tulip compass 47");
  expect(joined).toMatchObject({
    status: 200,
    data: { email, name: "Nora Newhire", role: "member", email_verified: true },
  });
  expect(joined.data.organization.name).toBe("Acme");
});

test("a password reset through SMTP: /forgot-password, the mailed link, a new password, sign in", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // An account of its own: Acme's owner invites it through the API, the mailed link joins it.
  const email = `rosa-${Date.now()}@example.test`;
  const owner = await browser.newContext();
  const ownerToken = await owner.request.post(`${origin}/api/v1/auth/token`, {
    data: { email: "owner@acme.test", password: DEMO_PASSWORD },
  });
  expect(ownerToken.status()).toBe(200);
  const invited = await owner.request.post(`${origin}/api/v1/invitations`, {
    headers: { authorization: `Bearer ${(await ownerToken.json()).data.access_token}` },
    data: { email, role: "member" },
  });
  expect(invited.status()).toBe(201);
  expect((await invited.json()).data).toMatchObject({ delivery: "email" });
  await owner.close();
  const invitation = await mailTo(email);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(invitation.text)?.[1];
  const forgotten = "pebble orchard lantern 12";
  const context = await browser.newContext();
  try {
    const accepted = await context.request.post(`${origin}/api/v1/invitations/accept`, {
      data: { token, name: "Rosa Reset", password: forgotten },
    });
    expect(accepted.status()).toBe(200);

    const page = await context.newPage();
    await page.goto(`${origin}/login`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(`${origin}/forgot-password`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("Check your email");

    const mail = await mailTo(email, 2);
    expect(mail.headers.from).toBe(FROM);
    const link = new RegExp(`${origin}/reset-password\\?token=[A-Za-z0-9_]+`).exec(mail.text)?.[0];
    expect(link, mail.text).toBeTruthy();
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain("You receive this because");
    expect(mail.html).toContain("You receive this because");

    await page.goto(link ?? "");
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expect(page.getByText(`For the account ${email}.`)).toBeVisible();
    // The mailed invitation proved the address already: nothing is taken away.
    await expect(page.getByText(/never confirmed for this account/)).toHaveCount(0);
    const chosen = "saffron glacier piano 83";
    await page.getByLabel("New password", { exact: true }).fill(chosen);
    await page.getByLabel("Repeat the new password").fill(chosen);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL(`${origin}/login?reason=password-reset`);

    await signIn(page, email, chosen);
    await expect(
      page.getByRole("button", { name: /^Organization: Acme\. Switch organization$/ }),
    ).toBeVisible();
    expect((await me(browser, email, forgotten)).status).toBe(401);
    // The password-changed notice went out through SMTP too.
    const notice = await mailTo(email, 3);
    expect(notice.text).toContain("You receive this because");
  } finally {
    await context.close();
  }
});
