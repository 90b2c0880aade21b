import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { oauthApps, oauthClientSecrets } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { RouteHandler } from "@/server/http/with-api";
import { approveConsent, denyConsent, findBrowserInteraction } from "@/server/oauth/consent";
import { handleOAuthRequest } from "@/server/oauth/handle-request";
import { displayParts, generateToken, hashToken } from "@/server/tokens/format";
import { DEMO, orgId, userId } from "@/tests/helpers/fixtures";

const API_ROUTES: Record<string, RouteHandler> = { "/api/v1/auth/me": meRoute.GET };

export interface OAuthWorld {
  server: Server;
  origin: string;
  issuer: URL;
  as: oauth.AuthorizationServer;
  close(): Promise<void>;
}

/**
 * The authorization server and /api/v1/auth/me behind a real Node server on 127.0.0.1, with
 * PUBLIC_URL pointing at it (the issuer), as server.mjs and Next would serve them.
 */
export async function startOAuthWorld(): Promise<OAuthWorld> {
  const server = createServer(async (req, res) => {
    req.headers["x-voltasis-client-ip"] = req.socket.remoteAddress ?? "unknown";
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = API_ROUTES[url.pathname];
    if (route) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const response = await route(new Request(url, { method: req.method, headers }), {
        params: Promise.resolve({}),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    await handleOAuthRequest(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  process.env.PUBLIC_URL = origin;
  resetEnvForTests();
  delete (globalThis as { __voltasisOAuthProvider?: unknown }).__voltasisOAuthProvider;
  const issuer = new URL(origin);
  const as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, {
      algorithm: "oauth2",
      [oauth.allowInsecureRequests]: true,
    }),
  );
  return {
    server,
    origin,
    issuer,
    as,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The world of the file that called setUpOAuthWorld, and the demo data its tests act as. */
export let world: OAuthWorld;
export let acme: string;
export let globex: string;
export let owner: string;

/**
 * A test file's setup: the authorization server started before its tests (with Acme, Globex and
 * Acme's owner looked up) and closed after them. The bindings above read the current file's.
 */
export function setUpOAuthWorld(): void {
  beforeAll(async () => {
    world = await startOAuthWorld();
    acme = await orgId("acme");
    globex = await orgId("globex");
    owner = await userId(DEMO.acmeOwner);
  });
  afterAll(() => world.close());
}

export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export interface TestApp {
  id: string;
  secret?: string;
  redirectUri: string;
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

/** An app registered in the dashboard by `organizationId` (confidential: with one secret). */
export async function createTestApp(options: {
  organizationId: string;
  type: "confidential" | "public";
  redirectUris?: string[];
  name?: string;
}): Promise<TestApp> {
  const db = await getDb();
  const id = newId("app");
  const redirectUris = options.redirectUris ?? ["https://app.example.test/callback"];
  await db.insert(oauthApps).values({
    id,
    organizationId: options.organizationId,
    name: options.name ?? `Test app ${id.slice(-4)}`,
    redirectUris,
    clientType: options.type,
    registration: "dashboard",
  });
  let secret: string | undefined;
  if (options.type === "confidential") {
    secret = generateToken("cs");
    await db.insert(oauthClientSecrets).values({
      id: newId("csec"),
      appId: id,
      secretHash: hashToken(secret),
      last4: displayParts(secret).last4,
    });
  }
  return {
    id,
    secret,
    redirectUri: redirectUris[0] as string,
    client: { client_id: id, token_endpoint_auth_method: secret ? "client_secret_basic" : "none" },
    auth: secret ? oauth.ClientSecretBasic(secret) : oauth.None(),
  };
}

/** A browser's cookies, enough for the provider's interaction and resume cookies. */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** GET with the jar's cookies, not following redirects. */
export async function browse(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(url, { headers: { cookie: jar.header() }, redirect: "manual" });
  jar.store(response);
  return response;
}

export interface PkceRequest {
  verifier: string;
  state: string;
  url: URL;
}

export async function authorizationUrl(
  world: OAuthWorld,
  app: TestApp,
  params: Record<string, string> = {},
): Promise<PkceRequest> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(world.as.authorization_endpoint as string);
  url.searchParams.set("client_id", app.id);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", app.redirectUri);
  url.searchParams.set("scope", "read:users read:time-entries");
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  for (const [k, v] of Object.entries(params)) {
    if (v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  return { verifier, state, url };
}

/** The interaction uid the authorization endpoint sent the browser to (the consent page). */
export function consentUid(response: Response): string {
  const location = response.headers.get("location") ?? "";
  const match = /\/oauth\/consent\/([^/?#]+)/.exec(location);
  if (!match?.[1]) throw new Error(`not sent to the consent page: ${response.status} ${location}`);
  return decodeURIComponent(match[1]);
}

/**
 * A person's whole authorization as the consent page does it: start, consent as `userId` in
 * `organizationId` (or cancel), resume; returns the provider's final redirect.
 */
export async function authorizeInBrowser(
  request: PkceRequest,
  who: { userId: string; organizationId: string } | "cancel",
  jar = new CookieJar(),
): Promise<Response> {
  const started = await browse(request.url.href, jar);
  const uid = consentUid(started);
  const interaction = await findBrowserInteraction(uid, jar.header());
  const returnTo =
    who === "cancel"
      ? await denyConsent(interaction)
      : await approveConsent(interaction, who.userId, who.organizationId);
  return browse(returnTo, jar);
}

/** Code + PKCE through to tokens, with oauth4webapi checking every step (iss included). */
export async function codeFlowTokens(
  world: OAuthWorld,
  app: TestApp,
  who: { userId: string; organizationId: string },
  params: Record<string, string> = {},
): Promise<oauth.TokenEndpointResponse> {
  const request = await authorizationUrl(world, app, params);
  const finished = await authorizeInBrowser(request, who);
  const callback = new URL(finished.headers.get("location") ?? "");
  const result = oauth.validateAuthResponse(world.as, app.client, callback, request.state);
  const response = await oauth.authorizationCodeGrantRequest(
    world.as,
    app.client,
    app.auth,
    result,
    app.redirectUri,
    request.verifier,
    insecure,
  );
  return oauth.processAuthorizationCodeResponse(world.as, app.client, response);
}

/** GET /api/v1/auth/me with a Bearer token. */
export async function me(world: OAuthWorld, token: string) {
  const response = await fetch(`${world.origin}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
