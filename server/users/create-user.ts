import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { isId, newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ApiError } from "@/server/core/api-error";
import { insertOrganization } from "@/server/organizations/create-organization";
import { publishEvent } from "@/server/webhooks/publish-event";
import { assertStrongPassword } from "./password-policy";

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  /**
   * Join the organization with this id as owner, or create a new one with this name. Never an
   * existing organization by its name: names are not unique, so that could be anyone's.
   */
  organization: { id: string } | { newName: string };
  platformAdmin?: boolean;
}

export interface CreatedUser {
  userId: string;
  organizationId: string;
  organizationName: string;
  createdOrganization: boolean;
}

/** `npm run user:create`: an account for automation, with the same password rules as sign-up. */
export async function createUser(input: CreateUserInput): Promise<CreatedUser> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ApiError("VALIDATION_ERROR", "--email must be an email address");
  }
  if (!name || name.length > 100) throw new ApiError("VALIDATION_ERROR", "--name is required");
  const db = await getDb();
  const existing =
    "id" in input.organization ? await findOrganization(input.organization.id) : null;
  const newName = "newName" in input.organization ? input.organization.newName.trim() : "";
  if (!existing && (!newName || newName.length > 100)) {
    throw new ApiError("VALIDATION_ERROR", "--new-org needs a name of 1 to 100 characters");
  }
  assertStrongPassword(input.password, [email, name, existing?.name ?? newName]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new ApiError("CONFLICT", `A user with the email ${email} exists already`);
    const userId = newId("usr");
    await tx.insert(users).values({
      id: userId,
      email,
      name,
      passwordHash,
      isPlatformAdmin: input.platformAdmin ?? false,
      // Made by an operator at the command line, who vouches for the address.
      emailVerifiedAt: now(),
    });
    if (existing) {
      await tx.insert(memberships).values({ userId, organizationId: existing.id, role: "owner" });
      await publishAuthChange(tx, { userId, organizationId: existing.id });
      // Sent by the servers' outbox poll: this command exits before a kick could finish.
      await publishEvent(tx, existing.id, "member.added", {
        user_id: userId,
        name,
        email,
        role: "owner",
        actor: null,
      });
      return {
        userId,
        organizationId: existing.id,
        organizationName: existing.name,
        createdOrganization: false,
      };
    }
    const org = await insertOrganization(tx, newName, userId);
    return {
      userId,
      organizationId: org.id,
      organizationName: org.name,
      createdOrganization: true,
    };
  });
}

async function findOrganization(id: string): Promise<{ id: string; name: string }> {
  if (!isId("org", id)) {
    throw new ApiError(
      "VALIDATION_ERROR",
      "--org takes an organization id (org_…); to create an organization, use --new-org NAME",
    );
  }
  const db = await getDb();
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!row) throw new ApiError("NOT_FOUND", `No organization with the id ${id}`);
  return row;
}
