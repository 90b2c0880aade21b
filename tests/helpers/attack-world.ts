import { eq } from "drizzle-orm";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import { getDb } from "@/db";
import { apiKeys, memberships, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import type { Role } from "@/lib/roles";
import { SCOPES, type Scope } from "@/lib/scopes";
import { scopesFor } from "@/server/scopes/catalogue";
import { generateToken } from "@/server/tokens/format";
import { createKey, DEMO, orgId, userId } from "./fixtures";
import { invoke } from "./invoke";
import { login } from "./tokens";

/** What a principal may do where it acts; null when its credential is not valid at all. */
export interface Acting {
  org: "A" | "B";
  role: Role;
  scopes: readonly Scope[];
  /** False for a platform admin visiting an organization it does not belong to. */
  member: boolean;
}

export interface Principal {
  name: string;
  token?: string;
  headers?: Record<string, string>;
  acts: Acting | null;
}

let passwordHash: Promise<string> | undefined;

/** A new user of org A with the demo password (one scrypt hash shared by all of them). */
export async function insertMember(slug: "acme" | "globex", role: Role = "member") {
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const db = await getDb();
  const id = newId("usr");
  const email = `${id.toLowerCase()}@example.test`;
  await db
    .insert(users)
    .values({ id, email, name: `Attack ${id.slice(-6)}`, passwordHash: await passwordHash });
  await db.insert(memberships).values({ userId: id, organizationId: await orgId(slug), role });
  return { id, email };
}

/**
 * The principals of the attack suite, org A being Acme and org B Globex. Keys with one scope
 * each are made by Acme's owner (admin:organizations by the platform admin, the only one who may
 * hold it).
 */
export async function attackPrincipals(): Promise<Principal[]> {
  const globex = await orgId("globex");
  const acmeAdmin = await insertMember("acme", "admin");
  const owner = scopesFor("owner", false);
  const principals: Principal[] = [
    {
      name: "owner A",
      token: (await login(DEMO.acmeOwner)).access_token,
      acts: { org: "A", role: "owner", scopes: owner, member: true },
    },
    {
      name: "admin A",
      token: (await login(acmeAdmin.email)).access_token,
      acts: { org: "A", role: "admin", scopes: scopesFor("admin", false), member: true },
    },
    {
      name: "member A",
      token: (await login(DEMO.acmeMember)).access_token,
      acts: { org: "A", role: "member", scopes: scopesFor("member", false), member: true },
    },
    {
      name: "owner B",
      token: (await login(DEMO.globexOwner)).access_token,
      acts: { org: "B", role: "owner", scopes: owner, member: true },
    },
  ];
  const platformAdmin = (await login(DEMO.admin)).access_token;
  principals.push(
    {
      name: "platform admin",
      token: platformAdmin,
      acts: { org: "A", role: "admin", scopes: scopesFor("admin", true), member: true },
    },
    {
      name: "platform admin in B",
      token: platformAdmin,
      headers: { "x-organization-id": globex },
      acts: { org: "B", role: "admin", scopes: scopesFor("admin", true), member: false },
    },
  );
  for (const scope of SCOPES) {
    const creator = scope === "admin:organizations" ? DEMO.admin : DEMO.acmeOwner;
    const { secret } = await createKey(creator, "acme", [scope], { name: `only ${scope}` });
    principals.push({
      name: `key ${scope}`,
      token: secret,
      acts: { org: "A", role: "owner", scopes: [scope], member: true },
    });
  }
  principals.push(
    { name: "revoked key", token: await revokedKey(), acts: null },
    { name: "expired key", token: await expiredKey(), acts: null },
    // Well-formed, right checksum, wrong environment: refused before any lookup.
    { name: "other-environment key", token: generateToken(otherEnvironment()), acts: null },
    { name: "refresh token", token: (await login(DEMO.acmeOwner)).refresh_token, acts: null },
    { name: "no token", acts: null },
  );
  return principals;
}

export function otherEnvironment(): "live" | "test" {
  return (process.env.VOLTASIS_ENV ?? "test") === "test" ? "live" : "test";
}

async function revokedKey(): Promise<string> {
  const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
  const owner = (await login(DEMO.acmeOwner)).access_token;
  const res = await invoke(keyRoute.DELETE, {
    method: "DELETE",
    path: `/api-keys/${key.id}`,
    token: owner,
    params: { id: key.id },
  });
  if (res.status !== 200) throw new Error(`revoking the test key answered ${res.status}`);
  return secret;
}

async function expiredKey(): Promise<string> {
  const future = new Date(Date.now() + 60 * 60 * 1000).toISOString();
  const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
    expires_at: future,
  });
  // Made valid, then aged in the database: the API refuses to create a key born expired.
  const db = await getDb();
  await db
    .update(apiKeys)
    .set({ expiresAt: new Date(Date.now() - 60 * 1000) })
    .where(eq(apiKeys.id, key.id));
  return secret;
}

/** Ids and names of org A that no principal of org B may ever see. */
export async function orgASecrets(extra: string[] = []): Promise<string[]> {
  return [
    await orgId("acme"),
    "Acme",
    DEMO.acmeOwner,
    DEMO.acmeMember,
    await userId(DEMO.acmeOwner),
    await userId(DEMO.acmeMember),
    ...extra,
  ];
}
