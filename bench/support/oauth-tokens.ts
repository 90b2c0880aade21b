// OAuth access tokens for the bench, written into the store as the authorization server writes
// them after a code exchange (server/oauth/adapter.ts: the token's hash as id, the provider's
// payload, the grant). The flow itself is proven by tests/oauth; the bench measures what every
// API call with such a token costs. Run before the server starts (embedded PGlite has one writer).

import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { oauthApps, oauthGrants, oauthStore, organizations, users } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import { oauthResource } from "@/server/oauth/resource";
import { generateToken, hashToken } from "@/server/tokens/format";

const HOUR = 3600;

export async function mintOAuthTokens(env: NodeJS.ProcessEnv, count: number): Promise<string[]> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  resetEnvForTests();
  try {
    const db = await getDb();
    const [owner] = await db.select().from(users).where(eq(users.email, "owner@acme.test"));
    const [acme] = await db.select().from(organizations).where(eq(organizations.slug, "acme"));
    if (!owner || !acme) throw new Error("the demo data is missing");
    const appId = newId("app");
    await db.insert(oauthApps).values({
      id: appId,
      organizationId: acme.id,
      createdBy: owner.id,
      name: "Bench app",
      redirectUris: ["http://127.0.0.1/callback"],
      clientType: "public",
      registration: "dashboard",
    });
    const exp = Math.floor(Date.now() / 1000) + 24 * HOUR;
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      // One grant per token, as many users authorizing one app would have.
      const grantId = newId("grant");
      await db.insert(oauthGrants).values({
        id: grantId,
        appId,
        userId: owner.id,
        organizationId: acme.id,
        scopes: ["read:users"],
      });
      const token = generateToken("oat");
      await db.insert(oauthStore).values({
        kind: "AccessToken",
        id: hashToken(token),
        grantId,
        expiresAt: new Date(exp * 1000),
        payload: {
          kind: "AccessToken",
          jti: token,
          accountId: owner.id,
          clientId: appId,
          grantId,
          scope: "read:users",
          aud: oauthResource(),
          iat: exp - 24 * HOUR,
          exp,
        },
      });
      tokens.push(token);
    }
    return tokens;
  } finally {
    await closeDb();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetEnvForTests();
  }
}
