import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { createKeyViaApi, sameOrigin, uniqueName } from "./helpers/dashboard";
import { login } from "./helpers/login";

// Acme requires approval of members' keys for this spec (an enterprise policy: a platform admin
// moves Acme to enterprise, its owner switches the policy on), then gets its plan and policy back.
// A member's new key answers 401 pending_approval until the owner approves it in Settings > API
// Keys; a denied one is revoked.

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

async function organization(page: Page, id: string) {
  const res = await page.request.get(`/api/v1/organizations/${id}`, { headers: sameOrigin(page) });
  expect(res.status()).toBe(200);
  return (await res.json()).data as {
    plan: string;
    policies: { require_key_approval: boolean };
  };
}

async function patchOrganization(page: Page, id: string, data: unknown) {
  const res = await page.request.patch(`/api/v1/organizations/${id}`, {
    headers: sameOrigin(page),
    data,
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A call with the key, as a program would make it: no session cookie, only the Bearer key. */
async function callWith(program: APIRequestContext, secret: string) {
  const res = await program.get("/api/v1/auth/me", {
    headers: { Authorization: `Bearer ${secret}` },
  });
  return { status: res.status(), body: await res.json() };
}

test("the owner approves or denies a member's key awaiting approval", async ({
  browser,
  playwright,
}) => {
  const admin = await signedIn(browser, "admin@voltasis.test");
  const owner = await signedIn(browser, "owner@acme.test");
  const member = await signedIn(browser, "member@acme.test");
  const me = await owner.request.get("/api/v1/auth/me", { headers: sameOrigin(owner) });
  const acme = ((await me.json()).data as { organization: { id: string } }).organization.id;
  const before = await organization(owner, acme);
  const program = await playwright.request.newContext({ baseURL: new URL(owner.url()).origin });

  try {
    if (before.plan !== "enterprise") await patchOrganization(admin, acme, { plan: "enterprise" });
    await patchOrganization(owner, acme, { policies: { require_key_approval: true } });

    // The member creates a key: the reveal says it waits for an admin.
    const name = uniqueName("Awaiting");
    await member.goto("/settings/api-keys");
    await member.getByRole("button", { name: "Create New API Key" }).first().click();
    const dialog = member.getByRole("dialog", { name: "Create New API Key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("checkbox", { name: "read:users", exact: true }).check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    const reveal = member.getByRole("dialog", { name: "API key created" });
    await expect(reveal).toContainText("Pending approval");
    await expect(reveal).toContainText("until one of them approves it");
    const secret = await reveal.getByLabel("Secret key").inputValue();
    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(
      member.getByRole("row").filter({ hasText: name }).getByText("Pending approval"),
    ).toBeVisible();

    const waiting = await callWith(program, secret);
    expect(waiting.status).toBe(401);
    expect(waiting.body.error.details.reason).toBe("pending_approval");

    // The owner approves it from the queue; the key works on its next request.
    await owner.goto("/settings/api-keys");
    const queue = owner.getByRole("region", { name: "Awaiting approval" });
    await queue.getByRole("button", { name: `Approve ${name}` }).click();
    await expect(owner.getByText(`Approved “${name}”`)).toBeVisible();
    await expect(queue.getByRole("listitem", { name })).toHaveCount(0);
    expect((await callWith(program, secret)).status).toBe(200);

    // A second key, denied with a reason: revoked.
    const other = await createKeyViaApi(member, uniqueName("Denied"), ["read:users"]);
    const otherName = (
      await (
        await member.request.get(`/api/v1/api-keys/${other.id}`, { headers: sameOrigin(member) })
      ).json()
    ).data.name as string;
    await owner.reload();
    await queue.getByRole("button", { name: `Deny ${otherName}` }).click();
    const confirm = owner.getByRole("alertdialog", { name: `Deny “${otherName}”?` });
    await confirm.getByLabel("Reason (optional)").fill("Use the shared key");
    await confirm.getByRole("button", { name: "Deny key" }).click();
    await expect(confirm).toBeHidden();
    await expect(owner.getByText(`Denied “${otherName}”`)).toBeVisible();
    const denied = await callWith(program, other.key);
    expect(denied.status).toBe(401);
    expect(denied.body.error.details.reason).toBe("revoked");
  } finally {
    await patchOrganization(owner, acme, {
      policies: { require_key_approval: before.policies.require_key_approval },
    });
    if (before.plan !== "enterprise") await patchOrganization(admin, acme, { plan: before.plan });
    await program.dispose();
  }
});
