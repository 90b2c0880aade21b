import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/lib/password";
import { assertStrongPassword } from "@/server/accounts/password-policy";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ApiError } from "@/server/http/api-error";
import { insertOrganization } from "@/server/organizations/manage-organizations";

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  /** Organization name: joined as owner if one has exactly this name, else created. */
  organization: string;
  platformAdmin?: boolean;
}

/** `npm run user:create`: an account for automation, with the same password rules as sign-up. */
export async function createUser(
  input: CreateUserInput,
): Promise<{ userId: string; organizationId: string; createdOrganization: boolean }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const orgName = input.organization.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ApiError("VALIDATION_ERROR", "--email must be an email address");
  }
  if (!name || name.length > 100) throw new ApiError("VALIDATION_ERROR", "--name is required");
  if (!orgName || orgName.length > 100) {
    throw new ApiError("VALIDATION_ERROR", "--org is required");
  }
  assertStrongPassword(input.password, [email, name, orgName]);
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
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
    });
    const [existing] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, orgName))
      .limit(1);
    if (existing) {
      await tx.insert(memberships).values({ userId, organizationId: existing.id, role: "owner" });
      await publishAuthChange(tx, { userId, organizationId: existing.id });
      return { userId, organizationId: existing.id, createdOrganization: false };
    }
    const org = await insertOrganization(tx, orgName, userId);
    return { userId, organizationId: org.id, createdOrganization: true };
  });
}
