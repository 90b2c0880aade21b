import { eq } from "drizzle-orm";
import { encode, type JWT } from "next-auth/jwt";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { authSecret } from "@/lib/env";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { sessionJwt } from "@/server/auth/session-callbacks";
import { createGrant, orgId, sessionContextOf } from "@/tests/helpers/fixtures";
import { login, makeUser } from "@/tests/helpers/tokens";

export { DEMO_PASSWORD };

const DAY = 24 * 60 * 60 * 1000;

/** A browser sign-in of `user`, as the real jwt callback makes it (its row included). */
export async function signIn(user: { id: string }, slug: "acme" | "globex" = "acme") {
  const token = await sessionJwt({
    token: {},
    user: { id: user.id, organizationId: await orgId(slug) },
    trigger: "signIn",
  });
  if (!token || typeof token.sid !== "string") throw new Error("sign-in refused");
  return token as JWT & { sid: string };
}

/** The headers of the dashboard calling the API with this session's cookie. */
export async function cookieOf(token: JWT): Promise<Record<string, string>> {
  const value = await encode({
    token,
    secret: authSecret(),
    salt: "authjs.session-token",
    maxAge: DAY / 1000,
  });
  return {
    cookie: `authjs.session-token=${value}`,
    "sec-fetch-site": "same-origin",
  };
}

/**
 * A fresh member of the organization holding one credential of each kind there: an API key, a
 * sign-in's user tokens, an app grant and a browser session.
 */
export async function memberWithEverything(slug: "acme" | "globex" = "acme") {
  const user = await makeUser(slug);
  const ctx = await sessionContextOf(user.id, await orgId(slug));
  const { key, secret } = await createApiKey(ctx, {
    name: `inventory ${user.id.slice(-6)}`,
    scopes: ["read:users"],
  });
  const tokens = await login(user.email, await orgId(slug));
  const grant = await createGrant(user.id, slug);
  const session = await signIn(user, slug);
  return { user, key, secret, tokens, grant, session };
}

/** Makes a key look `days` old and last used `usedDaysAgo` ago (null: never). */
export async function ageKey(id: string, days: number, usedDaysAgo: number | null = null) {
  const db = await getDb();
  await db
    .update(apiKeys)
    .set({
      createdAt: new Date(Date.now() - days * DAY),
      lastUsedAt: usedDaysAgo === null ? null : new Date(Date.now() - usedDaysAgo * DAY),
    })
    .where(eq(apiKeys.id, id));
}
