import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { login } from "./helpers/login";

// A third-party app's authorization through the real consent page: a dynamically registered
// public client, code + PKCE, the person signed in as Acme's owner, then the token at /auth/me.
// The port is the system's pick, so two runs on one machine never collide.
let REDIRECT_URI = "";

// The app's redirect URI, answered here (Playwright's routes do not see a redirect's target).
let app: Server;
const callbacks: URL[] = [];
test.beforeAll(async () => {
  app = createServer((req, res) => {
    callbacks.push(new URL(req.url ?? "/", REDIRECT_URI));
    res.writeHead(200, { "content-type": "text/plain" }).end("back at the app");
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  REDIRECT_URI = `http://127.0.0.1:${(app.address() as AddressInfo).port}/callback`;
});
test.afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

/** Registers a public client (no secret) for REDIRECT_URI; returns its client_id. */
async function registerPublicApp(request: APIRequestContext, name: string): Promise<string> {
  const registered = await request.post("/api/oauth/register", {
    data: { client_name: name, redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: "none" },
  });
  expect(registered.status()).toBe(201);
  return (await registered.json()).client_id;
}

/** The authorization request of the code flow with PKCE (S256), back to REDIRECT_URI. */
function authorizeUrl(
  baseURL: string | undefined,
  params: { clientId: string; scope: string; challenge: string; state?: string },
): string {
  const authorize = new URL("/api/oauth/authorize", baseURL);
  authorize.search = new URLSearchParams({
    client_id: params.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: params.scope,
    ...(params.state === undefined ? {} : { state: params.state }),
    code_challenge: params.challenge,
    code_challenge_method: "S256",
  }).toString();
  return authorize.href;
}

test("an app is authorized on the consent page and its token reaches the API", async ({
  page,
  request,
  baseURL,
}) => {
  const clientId = await registerPublicApp(request, "E2E CLI");

  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorize = authorizeUrl(baseURL, {
    clientId,
    scope: "read:users read:audit-logs",
    state: "e2e-state",
    challenge,
  });

  await login(page, "member@acme.test");
  await page.goto(authorize);
  await expect(page.getByRole("heading", { name: "Authorize E2E CLI" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Unverified app");
  await expect(
    page.getByText(`You will be sent back to ${new URL(REDIRECT_URI).host}`),
  ).toBeVisible();
  await expect(page.getByText("List the members of the organization")).toBeVisible();
  // A member does not hold read:audit-logs: shown as not granted.
  await expect(page.getByText("Not granted: your role does not allow it.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Acme/ })).toBeChecked();
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByText("back at the app")).toBeVisible();
  const callback = callbacks.at(-1);

  expect(callback?.searchParams.get("state")).toBe("e2e-state");
  expect(callback?.searchParams.get("iss")).toBe(new URL(baseURL as string).origin);
  const code = callback?.searchParams.get("code");
  expect(code).toBeTruthy();

  const token = await request.post("/api/oauth/token", {
    form: {
      grant_type: "authorization_code",
      code: code as string,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: clientId,
    },
  });
  expect(token.status()).toBe(200);
  const tokens = await token.json();
  expect(tokens.access_token).toMatch(/^vlt_oat_/);
  expect(tokens.scope).toBe("read:users");

  const me = await request.get("/api/v1/auth/me", {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.data.email).toBe("member@acme.test");
  expect(body.data.token).toMatchObject({ type: "oauth", client_id: clientId });

  // The member sees the app in Settings > Connected apps, revokes it, and its token stops.
  await page.goto("/settings/connected-apps");
  await page.getByRole("button", { name: "Revoke E2E CLI in Acme" }).first().click();
  await page.getByRole("button", { name: "Revoke access" }).click();
  await expect(page.getByRole("button", { name: "Revoke access" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Revoke E2E CLI in Acme" })).toHaveCount(0);
  const after = await request.get("/api/v1/auth/me", {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(after.status()).toBe(401);
});

test("Cancel on the consent page sends access_denied back to the app", async ({
  page,
  request,
  baseURL,
}) => {
  const clientId = await registerPublicApp(request, "E2E cancel");
  const authorize = authorizeUrl(baseURL, {
    clientId,
    scope: "read:users",
    challenge: createHash("sha256").update("x".repeat(43)).digest("base64url"),
  });
  await login(page, "owner@acme.test");
  await page.goto(authorize);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("back at the app")).toBeVisible();
  expect(callbacks.at(-1)?.searchParams.get("error")).toBe("access_denied");
});

test("an app registered in Settings > OAuth apps completes the code flow with its secret", async ({
  page,
  request,
  baseURL,
}) => {
  // The owner registers a confidential app in the dashboard and keeps its secret.
  await login(page, "owner@acme.test");
  await page.goto("/settings/oauth-apps");
  await page.getByRole("button", { name: "Register app" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Register an OAuth app" });
  await dialog.getByLabel("Application name").fill(`Reporting ${randomBytes(3).toString("hex")}`);
  await dialog.getByRole("textbox", { name: "Redirect URI 1", exact: true }).fill(REDIRECT_URI);
  await dialog.getByRole("radio", { name: "Confidential" }).check();
  await dialog.getByRole("button", { name: "Register app" }).click();
  const reveal = page.getByRole("dialog", { name: "OAuth app registered" });
  const secret = await reveal.getByRole("textbox", { name: "Client secret" }).inputValue();
  const clientId = (await reveal.locator("code").first().textContent()) ?? "";
  expect(secret).toMatch(/^vlt_cs_/);
  expect(clientId).toMatch(/^app_/);

  const verifier = randomBytes(32).toString("base64url");
  const authorize = authorizeUrl(baseURL, {
    clientId,
    scope: "read:users",
    state: "dashboard-app",
    challenge: createHash("sha256").update(verifier).digest("base64url"),
  });
  await page.goto(authorize);
  await expect(page.getByRole("note")).toHaveCount(0);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByText("back at the app")).toBeVisible();
  const code = callbacks.at(-1)?.searchParams.get("code");
  expect(code).toBeTruthy();

  // The app's server exchanges the code with its secret (client_secret_basic).
  const basic = Buffer.from(`${clientId}:${secret}`).toString("base64");
  const token = await request.post("/api/oauth/token", {
    headers: { authorization: `Basic ${basic}` },
    form: {
      grant_type: "authorization_code",
      code: code as string,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    },
  });
  expect(token.status()).toBe(200);
  const { access_token } = await token.json();
  const me = await request.get("/api/v1/auth/me", {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(me.status()).toBe(200);
  expect((await me.json()).data).toMatchObject({
    email: "owner@acme.test",
    token: { type: "oauth", client_id: clientId },
  });

  // The app's page counts that call in its usage (written within a second or so of it).
  await page.goto(`/settings/oauth-apps/${clientId}`);
  const usage = page.getByRole("region", { name: "Usage" });
  await expect(usage).toBeVisible();
  const settled = usage.getByText(/^(No requests yet in the last 24 hours|Requests)$/).first();
  await expect
    .poll(
      async () => {
        await page.reload();
        // The panel has loaded (either state) before it is read: not its skeleton.
        await expect(settled).toBeVisible();
        return usage.getByText("No requests yet").count();
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  await expect(usage.getByText("Requests", { exact: true }).first()).toBeVisible();
});
