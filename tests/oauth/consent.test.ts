import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, organizations } from "@/db/schema";
import {
  consentCsrfToken,
  decideConsent,
  describeConsent,
  findBrowserInteraction,
  findReusableGrant,
} from "@/server/oauth/consent";
import { DEMO, userId } from "@/tests/helpers/fixtures";
import {
  acme,
  authorizationUrl,
  authorizeInBrowser,
  browse,
  CookieJar,
  consentUid,
  createTestApp,
  globex,
  owner,
  setUpOAuthWorld,
  world,
} from "@/tests/helpers/oauth";

setUpOAuthWorld();

/** A started authorization: the browser's jar (with its interaction cookie) and the uid. */
async function started(
  params: Record<string, string> = {},
  app?: Awaited<ReturnType<typeof createTestApp>>,
) {
  const theApp = app ?? (await createTestApp({ organizationId: acme, type: "public" }));
  const request = await authorizationUrl(world, theApp, params);
  const jar = new CookieJar();
  const uid = consentUid(await browse(request.url.href, jar));
  return { app: theApp, request, jar, uid };
}

function decision(
  flow: Awaited<ReturnType<typeof started>>,
  overrides: Record<string, unknown> = {},
) {
  return {
    uid: flow.uid,
    cookieHeader: flow.jar.header(),
    origin: world.origin,
    userId: owner,
    ip: "203.0.113.9",
    form: { csrf: consentCsrfToken(flow.uid, owner), action: "authorize", organization_id: acme },
    ...overrides,
  };
}

describe("the consent form", () => {
  it("with a valid token, from this site and this browser, authorizes and resumes", async () => {
    const flow = await started();
    const next = await decideConsent(decision(flow));
    const finished = await browse(next, flow.jar);
    const callback = new URL(finished.headers.get("location") ?? "");
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(callback.searchParams.get("iss")).toBe(world.origin);
    // The new grant is in the organization's audit log, with who, from where, and what.
    const [audit] = await (await getDb())
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "oauth_grant.created"), eq(auditLogs.actorUserId, owner)))
      .orderBy(desc(auditLogs.createdAt))
      .limit(1);
    expect(audit).toMatchObject({ organizationId: acme, ip: "203.0.113.9" });
    expect(audit?.metadata).toMatchObject({ app_id: flow.app.id });
  });

  it.each([
    ["a missing CSRF token", { form: { action: "authorize", organization_id: "x" } }, "FORBIDDEN"],
    ["another user's CSRF token", { form: { csrf: "AAAA", action: "authorize" } }, "FORBIDDEN"],
    ["another site's origin", { origin: "https://evil.example.test" }, "FORBIDDEN"],
    ["no origin", { origin: null }, "FORBIDDEN"],
    ["no signed-in user", { userId: null }, "UNAUTHORIZED"],
    ["another browser (no interaction cookie)", { cookieHeader: "" }, "NOT_FOUND"],
  ])("refuses %s", async (_what, overrides, code) => {
    const flow = await started();
    await expect(decideConsent(decision(flow, overrides))).rejects.toMatchObject({ code });
  });

  it("refuses the CSRF token of another interaction", async () => {
    const flow = await started();
    const other = await started();
    await expect(
      decideConsent(
        decision(flow, {
          form: {
            csrf: consentCsrfToken(other.uid, owner),
            action: "authorize",
            organization_id: acme,
          },
        }),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses an organization the user does not belong to", async () => {
    const flow = await started();
    await expect(
      decideConsent(
        decision(flow, {
          form: {
            csrf: consentCsrfToken(flow.uid, owner),
            action: "authorize",
            organization_id: globex,
          },
        }),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("Cancel sends error=access_denied to the app", async () => {
    const flow = await started();
    const next = await decideConsent(
      decision(flow, { form: { csrf: consentCsrfToken(flow.uid, owner), action: "cancel" } }),
    );
    const finished = await browse(next, flow.jar);
    const callback = new URL(finished.headers.get("location") ?? "");
    expect(callback.searchParams.get("error")).toBe("access_denied");
  });
});

describe("what the screen shows", () => {
  it("names the app, its registrant, the redirect host, the scopes and the role's cap", async () => {
    const flow = await started({ scope: "read:users read:audit-logs made:up" });
    const member = await userId(DEMO.acmeMember);
    const interaction = await findBrowserInteraction(flow.uid, flow.jar.header());
    const screen = await describeConsent(interaction, member);
    expect(screen.app.id).toBe(flow.app.id);
    expect(screen.app.organizationName).toBe("Acme");
    expect(screen.redirectHost).toBe("app.example.test");
    expect(screen.requestedScopes).toEqual(["read:users", "read:audit-logs"]);
    expect(screen.unknownScopes).toEqual(["made:up"]);
    const acmeChoice = screen.organizations.find((o) => o.id === acme);
    expect(acmeChoice?.grantable).toEqual(["read:users"]);
  });

  it("an organization that allows only its own apps refuses another organization's app", async () => {
    const db = await getDb();
    const globexOwner = await userId(DEMO.globexOwner);
    await db
      .update(organizations)
      .set({ thirdPartyAccess: "own_apps" })
      .where(eq(organizations.id, globex));
    try {
      const flow = await started();
      const interaction = await findBrowserInteraction(flow.uid, flow.jar.header());
      const screen = await describeConsent(interaction, globexOwner);
      expect(screen.organizations.find((o) => o.id === globex)?.refusal).toBeTruthy();
      await expect(
        decideConsent({
          ...decision(flow),
          userId: globexOwner,
          form: {
            csrf: consentCsrfToken(flow.uid, globexOwner),
            action: "authorize",
            organization_id: globex,
          },
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      // Its own app is fine.
      const own = await createTestApp({ organizationId: globex, type: "public" });
      const finished = await authorizeInBrowser(await authorizationUrl(world, own), {
        userId: globexOwner,
        organizationId: globex,
      });
      expect(new URL(finished.headers.get("location") ?? "").searchParams.get("code")).toBeTruthy();
    } finally {
      await db
        .update(organizations)
        .set({ thirdPartyAccess: "any" })
        .where(eq(organizations.id, globex));
    }
  });

  it("a repeat authorization of the same app and scopes may skip the screen, unless prompt=consent", async () => {
    const app = await createTestApp({ organizationId: acme, type: "public" });
    await authorizeInBrowser(await authorizationUrl(world, app), {
      userId: owner,
      organizationId: acme,
    });
    const again = await started({}, app);
    const screen = await describeConsent(
      await findBrowserInteraction(again.uid, again.jar.header()),
      owner,
    );
    expect(await findReusableGrant(screen, owner)).toEqual({ organizationId: acme });
    const more = await started({ scope: "read:users write:users" }, app);
    const wider = await describeConsent(
      await findBrowserInteraction(more.uid, more.jar.header()),
      owner,
    );
    expect(await findReusableGrant(wider, owner)).toBeNull();
    const forced = await started({ prompt: "consent" }, app);
    const asked = await describeConsent(
      await findBrowserInteraction(forced.uid, forced.jar.header()),
      owner,
    );
    expect(await findReusableGrant(asked, owner)).toBeNull();
  });
});

describe("the consent form's budget", () => {
  it("refuses a body past 8 KiB with a page, before reading it or deciding anything", async () => {
    const { POST } = await import("@/app/oauth/consent/[uid]/decision/route");
    const big = `csrf=${"a".repeat(100 * 1024)}&action=authorize`;
    const res = await POST(
      new Request("http://localhost/oauth/consent/x/decision", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: big,
      }),
      { params: Promise.resolve({ uid: "x" }) },
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
  });
});
