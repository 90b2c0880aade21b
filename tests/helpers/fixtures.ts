import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { oauthGrants, organizations, users } from "@/db/schema";
import { newId } from "@/lib/ids";
import type { Scope } from "@/lib/scopes";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { type AuthContext, resolveAuthContext } from "@/server/auth/auth-context";
import { createOAuthApp } from "@/server/oauth-apps/create-oauth-app";

export const DEMO = {
  admin: "admin@voltasis.test",
  acmeOwner: "owner@acme.test",
  acmeMember: "member@acme.test",
  globexOwner: "owner@globex.test",
} as const;

export async function userId(email: string): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no demo user ${email}`);
  return row.id;
}

export async function orgId(slug: "acme" | "globex"): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!row) throw new Error(`no demo organization ${slug}`);
  return row.id;
}

/** The context a browser session of this user would have in its organization. */
export async function sessionContext(email: string, slug: "acme" | "globex"): Promise<AuthContext> {
  return sessionContextOf(await userId(email), await orgId(slug));
}

/** The same, by ids: for users and organizations a test made itself. */
export async function sessionContextOf(id: string, organizationId: string): Promise<AuthContext> {
  return resolveAuthContext(
    { type: "session", id, userId: id, organizationId, keyScopes: null, expiresAt: null },
    null,
    { requestId: "test", ip: "127.0.0.1" },
  );
}

/** Creates a key through the domain (as the user's session would) and returns its secret. */
export async function createKey(
  email: string,
  slug: "acme" | "globex",
  scopes: Scope[],
  extra: {
    name?: string;
    expires_at?: string;
    /** Canonical entries, as allowedIpsSchema would store them. */
    allowed_ips?: string[];
    rate_limit_per_minute?: number;
  } = {},
) {
  const ctx = await sessionContext(email, slug);
  const { key, secret } = await createApiKey(ctx, {
    name: extra.name ?? `test key ${Math.random().toString(36).slice(2, 8)}`,
    scopes,
    expires_at: extra.expires_at,
    allowed_ips: extra.allowed_ips,
    rate_limit_per_minute: extra.rate_limit_per_minute,
  });
  return { key, secret };
}

/** The context a request with a new key of this user would get: the role's scopes ∩ `scopes`. */
export async function keyContext(
  email: string,
  slug: "acme" | "globex",
  scopes: Scope[],
): Promise<AuthContext> {
  const { key } = await createKey(email, slug, scopes);
  return resolveAuthContext(
    {
      type: "api_key",
      id: key.id,
      userId: await userId(email),
      organizationId: await orgId(slug),
      keyScopes: scopes,
      expiresAt: null,
    },
    null,
    { requestId: "test", ip: "127.0.0.1" },
  );
}

const ROLLBACK = new Error("rolled back by the test");

/**
 * Runs `work` in a transaction of the file's database, then rolls it back: what `work` wrote
 * through `tx` is gone afterwards. Returns what `work` returned.
 */
export async function rolledBack<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      result = { value: await work(tx) };
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  if (!result) throw new Error("the transaction ended without running its work");
  return result.value;
}

/** Registers an OAuth app of the organization through the domain, as its owner's session would. */
export async function createApp(
  slug: "acme" | "globex",
  extra: { clientType?: "confidential" | "public"; redirectUris?: string[]; name?: string } = {},
) {
  const owner = slug === "acme" ? DEMO.acmeOwner : DEMO.globexOwner;
  return createOAuthApp(await sessionContext(owner, slug), {
    name: extra.name ?? `test app ${Math.random().toString(36).slice(2, 8)}`,
    redirect_uris: extra.redirectUris ?? ["https://app.example.test/callback"],
    client_type: extra.clientType ?? "confidential",
  });
}

/** A grant of a new app of the organization to `user` there, as the consent screen makes it. */
export async function createGrant(user: string, slug: "acme" | "globex", scopes: Scope[] = []) {
  const app = await createApp(slug);
  const [grant] = await (await getDb())
    .insert(oauthGrants)
    .values({
      id: newId("grant"),
      appId: app.id,
      userId: user,
      organizationId: await orgId(slug),
      scopes: scopes.length > 0 ? scopes : ["read:users"],
    })
    .returning();
  if (!grant) throw new Error("grant insert returned nothing");
  return { ...grant, app };
}
