import { eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import * as resourceMetadata from "@/app/.well-known/oauth-protected-resource/api/v1/route";
import { getDb } from "@/db";
import { oauthApps } from "@/db/schema";
import { SCOPES } from "@/lib/scopes";
import { describeConsent, findBrowserInteraction, findReusableGrant } from "@/server/oauth/consent";
import {
  acme,
  authorizationUrl,
  authorizeInBrowser,
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

async function register(metadata: Partial<oauth.OmitSymbolProperties<oauth.Client>>) {
  const response = await oauth.dynamicClientRegistrationRequest(world.as, metadata, insecure);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe("dynamic client registration (RFC 7591)", () => {
  it("registers a public client as an unowned, dynamic app that can run the code flow", async () => {
    const registered = await register({
      client_name: "Some MCP client",
      redirect_uris: ["http://127.0.0.1:7777/callback"],
      token_endpoint_auth_method: "none",
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body.client_id).toMatch(/^app_/);
    expect(registered.body.client_secret).toBeUndefined();
    const db = await getDb();
    const [row] = await db
      .select()
      .from(oauthApps)
      .where(eq(oauthApps.id, registered.body.client_id));
    expect(row).toMatchObject({
      registration: "dynamic",
      clientType: "public",
      organizationId: null,
      name: "Some MCP client",
    });

    const app: TestApp = {
      id: registered.body.client_id,
      redirectUri: "http://127.0.0.1:40001/callback",
      client: { client_id: registered.body.client_id, token_endpoint_auth_method: "none" },
      auth: oauth.None(),
    };
    // The consent screen always shows for it, even to a browser that just authorized it.
    const jar = new CookieJar();
    const request = await authorizationUrl(world, app);
    const first = await authorizeInBrowser(request, { userId: owner, organizationId: acme }, jar);
    const callback = new URL(first.headers.get("location") ?? "");
    const params = oauth.validateAuthResponse(world.as, app.client, callback, request.state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      world.as,
      app.client,
      await oauth.authorizationCodeGrantRequest(
        world.as,
        app.client,
        app.auth,
        params,
        app.redirectUri,
        request.verifier,
        insecure,
      ),
    );
    expect((await me(world, tokens.access_token)).body.data.token.client_id).toBe(app.id);

    const again = await browse((await authorizationUrl(world, app)).url.href, jar);
    const uid = consentUid(again);
    const screen = await describeConsent(await findBrowserInteraction(uid, jar.header()), owner);
    expect(screen.app.registration).toBe("dynamic");
    expect(await findReusableGrant(screen, owner)).toBeNull();
  });

  it("a browser that just authorized an app still goes through the consent page, where the dashboard's session decides", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const jar = new CookieJar();
    await authorizeInBrowser(
      await authorizationUrl(world, app),
      { userId: owner, organizationId: acme },
      jar,
    );
    const again = await browse((await authorizationUrl(world, app)).url.href, jar);
    expect(again.status).toBe(303);
    const uid = consentUid(again);
    // There, a repeat of the same app, organization and scopes is approved without a screen.
    const screen = await describeConsent(await findBrowserInteraction(uid, jar.header()), owner);
    expect(await findReusableGrant(screen, owner)).toEqual({ organizationId: acme });
    // No silent authorization: the provider cannot see the dashboard's session.
    const silent = await browse(
      (await authorizationUrl(world, app, { prompt: "none" })).url.href,
      jar,
    );
    expect(new URL(silent.headers.get("location") ?? "").searchParams.get("error")).toBe(
      "login_required",
    );
  });

  it.each([
    ["client_secret_basic", { token_endpoint_auth_method: "client_secret_basic" }],
    ["client_secret_post", { token_endpoint_auth_method: "client_secret_post" }],
    ["no redirect URI", { redirect_uris: [] }],
    ["an implicit grant", { grant_types: ["implicit"], response_types: ["id_token"] }],
  ])("refuses %s", async (_what, extra) => {
    const refused = await register({
      redirect_uris: ["https://client.example.test/cb"],
      token_endpoint_auth_method: "none",
      ...extra,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/invalid_(client_metadata|redirect_uri)/);
  });

  it("refuses a body over 8 KiB", async () => {
    const response = await fetch(world.as.registration_endpoint as string, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: ["https://client.example.test/cb"],
        client_name: "x".repeat(9000),
      }),
    });
    expect(response.status).toBe(413);
  });

  it("budgets registrations per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await register({
        redirect_uris: ["https://client.example.test/cb"],
        token_endpoint_auth_method: "none",
      });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("protected resource metadata (RFC 9728)", () => {
  it("names the authorization server, the scopes and header-only bearer tokens", async () => {
    const response = resourceMetadata.GET();
    const metadata = await response.json();
    expect(metadata).toMatchObject({
      resource: `${world.origin}/api/v1`,
      authorization_servers: [world.origin],
      bearer_methods_supported: ["header"],
    });
    expect(metadata.scopes_supported).toEqual([...SCOPES]);
    const as = await oauth.processDiscoveryResponse(
      new URL(metadata.authorization_servers[0]),
      await oauth.discoveryRequest(new URL(metadata.authorization_servers[0]), {
        algorithm: "oauth2",
        ...insecure,
      }),
    );
    expect(as.issuer).toBe(world.origin);
  });
});
