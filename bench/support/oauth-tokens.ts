// OAuth access tokens for the bench (tests/support/oauth-access-token.ts), one grant each: the
// bench measures what every API call with such a token costs. Run before the server starts
// (embedded PGlite has one writer).

import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { oauthApps, oauthGrants, organizations, users } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import { insertOAuthAccessToken } from "@/tests/support/oauth-access-token";

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
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      // One grant per token, as many users authorizing one app would have.
      const grant = {
        id: newId("grant"),
        appId,
        userId: owner.id,
        organizationId: acme.id,
        scopes: ["read:users" as const],
      };
      await db.insert(oauthGrants).values(grant);
      tokens.push(await insertOAuthAccessToken(db, grant));
    }
    return tokens;
  } finally {
    await closeDb();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetEnvForTests();
  }
}
