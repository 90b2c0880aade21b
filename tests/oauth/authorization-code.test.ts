import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { parseToken } from "@/server/tokens/format";
import { DEMO, userId } from "@/tests/helpers/fixtures";
import {
  acme,
  authorizationUrl,
  authorizeInBrowser,
  browse,
  CookieJar,
  codeFlowTokens,
  createTestApp,
  insecure,
  me,
  owner,
  setUpOAuthWorld,
  world,
} from "@/tests/helpers/oauth";

setUpOAuthWorld();

describe("discovery", () => {
  it("publishes the same metadata at both well-known addresses, issuer PUBLIC_URL", async () => {
    for (const doc of ["oauth-authorization-server", "openid-configuration"]) {
      const response = await fetch(`${world.origin}/.well-known/${doc}`);
      expect(response.status).toBe(200);
      const metadata = await response.json();
      expect(metadata.issuer).toBe(world.origin);
      expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
      expect(metadata.response_types_supported).toEqual(["code"]);
      expect([...metadata.grant_types_supported].sort()).toEqual(
        [
          "authorization_code",
          "refresh_token",
          "urn:ietf:params:oauth:grant-type:device_code",
        ].sort(),
      );
      expect([...metadata.token_endpoint_auth_methods_supported].sort()).toEqual(
        ["client_secret_basic", "client_secret_post", "none"].sort(),
      );
      expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
      expect(metadata.token_endpoint).toBe(`${world.origin}/api/oauth/token`);
      expect(metadata.registration_endpoint).toBe(`${world.origin}/api/oauth/register`);
      expect(metadata.device_authorization_endpoint).toBeTruthy();
    }
  });
});

describe("authorization code with PKCE", () => {
  it("issues vlt_oat_/vlt_ort_ tokens for a confidential app that /auth/me accepts", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const tokens = await codeFlowTokens(world, app, { userId: owner, organizationId: acme });
    expect(parseToken(tokens.access_token)?.kind).toBe("oat");
    expect(parseToken(tokens.refresh_token ?? "")?.kind).toBe("ort");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope?.split(" ").sort()).toEqual(["read:time-entries", "read:users"]);

    const answer = await me(world, tokens.access_token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.data.id).toBe(owner);
    expect(answer.body.data.organization.id).toBe(acme);
    expect(answer.body.data.scopes.sort()).toEqual(["read:time-entries", "read:users"]);
    expect(answer.body.data.token.type).toBe("oauth");
    expect(answer.body.data.token.id).toMatch(/^grant_/);
    expect(answer.body.data.token.client_id).toBe(app.id);
  });

  it("serves a public app with PKCE and no secret, and client_secret_post for a confidential one", async () => {
    const pub = await createTestApp({ organizationId: acme, type: "public" });
    const tokens = await codeFlowTokens(world, pub, { userId: owner, organizationId: acme });
    expect((await me(world, tokens.access_token)).status).toBe(200);

    const conf = await createTestApp({ organizationId: acme, type: "confidential" });
    const post = { ...conf, auth: oauth.ClientSecretPost(conf.secret as string) };
    const viaPost = await codeFlowTokens(world, post, { userId: owner, organizationId: acme });
    expect((await me(world, viaPost.access_token)).status).toBe(200);
  });

  it("caps scopes by the user's role: a member cannot grant an admin scope", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const member = await userId(DEMO.acmeMember);
    const tokens = await codeFlowTokens(
      world,
      app,
      { userId: member, organizationId: acme },
      { scope: "read:users read:audit-logs" },
    );
    expect(tokens.scope).toBe("read:users");
    const answer = await me(world, tokens.access_token);
    expect(answer.body.data.scopes).toEqual(["read:users"]);
  });

  it("returns error=access_denied with iss when the person cancels", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const request = await authorizationUrl(world, app);
    const finished = await authorizeInBrowser(request, "cancel");
    const callback = new URL(finished.headers.get("location") ?? "");
    expect(callback.origin + callback.pathname).toBe(app.redirectUri);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("iss")).toBe(world.origin);
  });

  it("accepts any port on a registered loopback redirect URI, and nothing else", async () => {
    const app = await createTestApp({
      organizationId: acme,
      type: "public",
      redirectUris: ["http://127.0.0.1:8080/callback"],
    });
    const moved = { ...app, redirectUri: "http://127.0.0.1:53123/callback" };
    const tokens = await codeFlowTokens(world, moved, { userId: owner, organizationId: acme });
    expect(parseToken(tokens.access_token)?.kind).toBe("oat");
    for (const uri of [
      "http://127.0.0.1:53123/other",
      "http://localhost:8080/callback",
      "https://127.0.0.1:8080/callback",
    ]) {
      const request = await authorizationUrl(world, app, { redirect_uri: uri });
      const response = await browse(request.url.href, new CookieJar());
      expect(response.status, uri).toBe(400);
      expect(response.headers.get("location"), uri).toBeNull();
    }
  });
});

describe("refused authorization requests", () => {
  it.each([
    ["path", "https://app.example.test/callback/other"],
    ["query", "https://app.example.test/callback?x=1"],
    ["scheme", "http://app.example.test/callback"],
    ["host", "https://evil.example.test/callback"],
  ])("redirect URI differing by %s: an error page, never a redirect", async (_what, uri) => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const request = await authorizationUrl(world, app, { redirect_uri: uri });
    const response = await browse(request.url.href, new CookieJar());
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/html/);
    expect(await response.text()).toContain("redirect_uri");
  });

  it("an unknown client: an error page, never a redirect", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const request = await authorizationUrl(world, { ...app, id: "app_doesnotexist0000000" });
    const response = await browse(request.url.href, new CookieJar());
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it.each([
    ["no code_challenge", { code_challenge: "", code_challenge_method: "" }],
    ["plain", { code_challenge_method: "plain" }],
  ])("PKCE %s is refused at the redirect URI", async (_what, params) => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const request = await authorizationUrl(world, app, params);
    const response = await browse(request.url.href, new CookieJar());
    expect(response.status).toBe(303);
    const callback = new URL(response.headers.get("location") ?? "");
    expect(callback.origin + callback.pathname).toBe(app.redirectUri);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
  });

  it("a token for another resource is refused", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const request = await authorizationUrl(world, app, {
      resource: "https://other.example.test/api",
    });
    const response = await browse(request.url.href, new CookieJar());
    const callback = new URL(response.headers.get("location") ?? "");
    expect(callback.searchParams.get("error")).toBe("invalid_target");
  });
});

describe("the token endpoint", () => {
  async function codeFor(app: Awaited<ReturnType<typeof createTestApp>>) {
    const request = await authorizationUrl(world, app);
    const finished = await authorizeInBrowser(request, { userId: owner, organizationId: acme });
    const callback = new URL(finished.headers.get("location") ?? "");
    return {
      request,
      params: oauth.validateAuthResponse(world.as, app.client, callback, request.state),
    };
  }

  async function exchange(
    app: Awaited<ReturnType<typeof createTestApp>>,
    params: URLSearchParams,
    verifier: string,
    extra: Record<string, string> = {},
  ) {
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code") ?? "",
      redirect_uri: app.redirectUri,
      code_verifier: verifier,
      client_id: app.id,
      ...extra,
    });
    for (const [k, v] of Object.entries(extra)) if (v === "") body.delete(k);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (app.secret) {
      headers.authorization = `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString("base64")}`;
      body.delete("client_id");
    }
    const response = await fetch(world.as.token_endpoint as string, {
      method: "POST",
      headers,
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it("refuses a wrong or missing code_verifier", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const { params } = await codeFor(app);
    const wrong = await exchange(app, params, oauth.generateRandomCodeVerifier());
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("invalid_grant");
    const { params: again } = await codeFor(app);
    const missing = await exchange(app, again, "", { code_verifier: "" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("invalid_grant");
  });

  it("refuses another client's code", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const other = await createTestApp({ organizationId: acme, type: "public" });
    const { request, params } = await codeFor(app);
    const stolen = await exchange(
      { ...other, redirectUri: app.redirectUri },
      params,
      request.verifier,
    );
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe("invalid_grant");
  });

  it("refuses a wrong client secret", async () => {
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const { request, params } = await codeFor(app);
    const bad = await exchange({ ...app, secret: "vlt_cs_wrong" }, params, request.verifier);
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe("invalid_client");
  });

  it("a code works once: its second use fails and revokes what the first issued", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const { request, params } = await codeFor(app);
    const first = await exchange(app, params, request.verifier);
    expect(first.status).toBe(200);
    expect((await me(world, first.body.access_token)).status).toBe(200);
    const second = await exchange(app, params, request.verifier);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe("invalid_grant");
    const after = await me(world, first.body.access_token);
    expect(after.status).toBe(401);
  });

  it("a code expires after 60 seconds", async () => {
    const { testClock } = await import("@/lib/clock");
    const app = await createTestApp({ organizationId: acme, type: "public" });
    const { request, params } = await codeFor(app);
    testClock.advance(61_000);
    try {
      const late = await exchange(app, params, request.verifier);
      expect(late.status).toBe(400);
      expect(late.body.error).toBe("invalid_grant");
    } finally {
      testClock.reset();
    }
  });

  it("refuses a redirect_uri other than the authorization request's", async () => {
    const app = await createTestApp({
      organizationId: acme,
      type: "public",
      redirectUris: ["https://app.example.test/callback", "https://app.example.test/second"],
    });
    const { request, params } = await codeFor(app);
    const moved = await exchange(
      { ...app, redirectUri: "https://app.example.test/second" },
      params,
      request.verifier,
    );
    expect(moved.status).toBe(400);
    expect(moved.body.error).toBe("invalid_grant");
  });

  it("uses openid-client 6 end to end as well", async () => {
    const client = await import("openid-client");
    const app = await createTestApp({ organizationId: acme, type: "confidential" });
    const config = await client.discovery(
      world.issuer,
      app.id,
      undefined,
      client.ClientSecretBasic(app.secret as string),
      { execute: [client.allowInsecureRequests], algorithm: "oauth2" },
    );
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: app.redirectUri,
      scope: "read:users",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    const finished = await authorizeInBrowser(
      { url, verifier, state },
      { userId: owner, organizationId: acme },
    );
    const tokens = await client.authorizationCodeGrant(
      config,
      new URL(finished.headers.get("location") ?? ""),
      { pkceCodeVerifier: verifier, expectedState: state },
    );
    expect(parseToken(tokens.access_token)?.kind).toBe("oat");
    void insecure;
  });
});
