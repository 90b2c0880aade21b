import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { instanceState, users } from "@/db/schema";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { ApiError } from "@/server/http/api-error";
import { publicBaseUrl } from "@/server/http/public-url";
import { insertOrganization } from "@/server/organizations/manage-organizations";
import { hashToken } from "@/server/tokens/format";
import { assertStrongPassword } from "./password-policy";

export async function hasAnyUser(db?: Db): Promise<boolean> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/**
 * While no user exists: makes a one-time setup token, stores its hash (replacing any earlier
 * one) and returns the `/setup?token=…` link. Only who reads the server log can claim the
 * install (as with Jenkins' initial admin password). Null once a user exists.
 */
export async function issueSetupLink(req?: Request): Promise<string | null> {
  const db = await getDb();
  if (await hasAnyUser(db)) return null;
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(instanceState)
    .values({ id: 1, setupTokenHash: hashToken(token) })
    .onConflictDoUpdate({ target: instanceState.id, set: { setupTokenHash: hashToken(token) } });
  return `${publicBaseUrl(req && new URL(req.url).origin)}/setup?token=${token}`;
}

const store = globalThis as unknown as { __voltasisStartupDone?: Promise<void> };

/**
 * Once per process, on the first health check (server.mjs makes one right after listen): prints
 * `Set up Voltasis: <url>` while the database has no user.
 */
export function runStartupTasks(req?: Request): Promise<void> {
  store.__voltasisStartupDone ??= (async () => {
    const link = await issueSetupLink(req);
    if (link) console.log(`Set up Voltasis: ${link}`);
  })().catch((error: unknown) => {
    store.__voltasisStartupDone = undefined;
    console.error("first-run setup check failed:", (error as Error).message);
  });
  return store.__voltasisStartupDone;
}

/** True while no user exists and the token is the one last printed. */
export async function setupTokenValid(token: string | undefined): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const db = await getDb();
  if (await hasAnyUser(db)) return false;
  const [state] = await db.select().from(instanceState).where(eq(instanceState.id, 1));
  return !!state?.setupTokenHash && state.setupTokenHash === hashToken(token);
}

export interface FirstUserInput {
  token: string;
  name: string;
  email: string;
  password: string;
  organization: string;
}

/**
 * Creates the first user (platform admin, owner of a new organization) and spends the token.
 * The instance_state row is locked, so two submissions cannot both create a first user.
 */
export async function createFirstUser(input: FirstUserInput): Promise<{ userId: string }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const organization = input.organization.trim();
  if (!name || name.length > 100) throw new ApiError("VALIDATION_ERROR", "Enter your name");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    throw new ApiError("VALIDATION_ERROR", "Enter a valid email address");
  }
  if (!organization || organization.length > 100) {
    throw new ApiError("VALIDATION_ERROR", "Enter the organization's name");
  }
  assertStrongPassword(input.password, [email, name, organization]);
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [state] = await tx
      .select()
      .from(instanceState)
      .where(eq(instanceState.id, 1))
      .for("update");
    const [existing] = await tx.select({ n: count() }).from(users);
    if (
      (existing?.n ?? 0) > 0 ||
      !state?.setupTokenHash ||
      state.setupTokenHash !== hashToken(input.token)
    ) {
      throw new ApiError("NOT_FOUND", "This setup link is no longer valid");
    }
    const userId = newId("usr");
    await tx.insert(users).values({ id: userId, email, name, passwordHash, isPlatformAdmin: true });
    await insertOrganization(tx, organization, userId, { userId, credentialId: "setup", ip: "" });
    await tx.update(instanceState).set({ setupTokenHash: null }).where(eq(instanceState.id, 1));
    return { userId };
  });
}
