import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import { instanceState, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { componentLogger } from "@/lib/logger";
import { hashPassword } from "@/lib/password";
import { ApiError } from "@/server/core/api-error";
import { publicBaseUrl } from "@/server/core/public-url";
import { insertOrganization } from "@/server/organizations/create-organization";
import { organizationNameSchema } from "@/server/organizations/schemas";
import { hashToken } from "@/server/tokens/format";
import { assertStrongPassword } from "./password-policy";

export async function hasAnyUser(db?: Db): Promise<boolean> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
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
    if (link) log().info(`Set up Voltasis: ${link}`);
  })().catch((error: unknown) => {
    store.__voltasisStartupDone = undefined;
    log().error(`first-run setup check failed: ${(error as Error).message}`);
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

export const firstUserSchema = z.strictObject({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1, "Enter your name").max(100, "Use up to 100 characters"),
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(1).max(256),
  organization: organizationNameSchema,
});
export type FirstUserInput = z.infer<typeof firstUserSchema>;

/**
 * Creates the first user (platform admin, owner of a new organization) and spends the token.
 * The token is checked first (a hash and one read), so that nobody without it, and nobody at
 * all once a user exists, costs the server a password-strength check or a scrypt hash. The
 * instance_state row is locked, so two submissions cannot both create a first user.
 */
export async function createFirstUser(input: FirstUserInput): Promise<{ userId: string }> {
  if (!(await setupTokenValid(input.token))) {
    throw new ApiError("NOT_FOUND", "This setup link is no longer valid");
  }
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const organization = input.organization.trim();
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
    // Whoever reads the server log is the operator, who vouches for the address.
    await tx.insert(users).values({
      id: userId,
      email,
      name,
      passwordHash,
      isPlatformAdmin: true,
      emailVerifiedAt: now(),
    });
    await insertOrganization(tx, organization, userId, { userId, credentialId: "setup", ip: "" });
    await tx.update(instanceState).set({ setupTokenHash: null }).where(eq(instanceState.id, 1));
    return { userId };
  });
}

function log() {
  return componentLogger("setup");
}
