import * as oauth from "oauth4webapi";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { oauthStore } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { approveConsent, denyConsent, findBrowserInteraction } from "@/server/oauth/consent";
import { parseToken } from "@/server/tokens/format";
import {
  acme,
  browse,
  CookieJar,
  consentUid,
  createTestApp,
  insecure,
  me,
  owner,
  setUpOAuthWorld,
  type TestApp,
  world,
} from "@/tests/helpers/oauth";

setUpOAuthWorld();
afterAll(() => testClock.reset());

async function startDevice(app: TestApp) {
  const response = await oauth.deviceAuthorizationRequest(
    world.as,
    app.client,
    app.auth,
    { scope: "read:users" },
    insecure,
  );
  return oauth.processDeviceAuthorizationResponse(world.as, app.client, response);
}

async function poll(app: TestApp, deviceCode: string) {
  const response = await oauth.deviceCodeGrantRequest(
    world.as,
    app.client,
    app.auth,
    deviceCode,
    insecure,
  );
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** POSTs one of the provider's device forms (hidden fields kept) with `fields` added. */
async function submitForm(page: string, jar: CookieJar, fields: Record<string, string>) {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page);
  if (!form?.[1]) throw new Error(`no form in ${page.slice(0, 500)}`);
  const body = new URLSearchParams();
  for (const hidden of (form[2] ?? "").matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(hidden[0])?.[1];
    const value = /value="([^"]*)"/.exec(hidden[0])?.[1];
    if (name) body.set(name, value ?? "");
  }
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const response = await fetch(new URL(form[1], world.origin), {
    method: "POST",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  jar.store(response);
  return response;
}

/** A person at /device: types the code, confirms, and reaches the consent page. */
async function enterCode(verificationUri: string, userCode: string, jar: CookieJar) {
  const input = await browse(verificationUri, jar);
  expect(input.status).toBe(200);
  expect(input.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  const confirm = await submitForm(await input.text(), jar, { user_code: userCode.toLowerCase() });
  expect(confirm.status).toBe(200);
  const toConsent = await submitForm(await confirm.text(), jar, {});
  return consentUid(toConsent);
}

describe("device authorization (RFC 8628)", () => {
  it("code at /device, the same consent, then tokens; polling too fast gets slow_down", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const device = await startDevice(app);
    expect(device.verification_uri).toBe(`${world.origin}/device`);
    expect(device.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.interval ?? 5).toBe(5);

    const pending = await poll(app, device.device_code);
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe("authorization_pending");
    const tooFast = await poll(app, device.device_code);
    expect(tooFast.body.error).toBe("slow_down");
    // The interval grew to 10 s: 6 s later is still too soon, 11 s after that is fine.
    testClock.advance(6_000);
    expect((await poll(app, device.device_code)).body.error).toBe("slow_down");
    testClock.advance(16_000);
    expect((await poll(app, device.device_code)).body.error).toBe("authorization_pending");

    // The device code is the device's credential: stored sealed, never in clear.
    const stored = JSON.stringify(await (await getDb()).select().from(oauthStore));
    expect(stored).not.toContain(device.device_code);

    const jar = new CookieJar();
    const uid = await enterCode(device.verification_uri, device.user_code, jar);
    const interaction = await findBrowserInteraction(uid, jar.header());
    const done = await browse(await approveConsent(interaction, owner, acme), jar);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Device connected");

    testClock.advance(16_000);
    const tokens = await poll(app, device.device_code);
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    expect(parseToken(tokens.body.access_token)?.kind).toBe("oat");
    expect(parseToken(tokens.body.refresh_token)?.kind).toBe("ort");
    const answer = await me(world, tokens.body.access_token);
    expect(answer.status).toBe(200);
    expect(answer.body.data.organization.id).toBe(acme);
    // A device code is single use.
    testClock.advance(16_000);
    expect((await poll(app, device.device_code)).status).toBe(400);
  });

  it("a wrong user code is refused at /device", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    await startDevice(app);
    const jar = new CookieJar();
    const input = await browse(`${world.origin}/device`, jar);
    const refused = await submitForm(await input.text(), jar, { user_code: "BCDF-GHJK" });
    expect(await refused.text()).toContain("not valid");
  });

  it("Cancel on the consent screen answers access_denied to the device", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const device = await startDevice(app);
    const jar = new CookieJar();
    const uid = await enterCode(device.verification_uri, device.user_code, jar);
    await browse(await denyConsent(await findBrowserInteraction(uid, jar.header())), jar);
    testClock.advance(16_000);
    const denied = await poll(app, device.device_code);
    expect(denied.body.error).toBe("access_denied");
  });
});
