import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { isId } from "@/lib/ids";
import { authenticateUser, defaultOrganizationId } from "@/server/auth/authenticate-user";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { throttleSignIn } from "@/server/auth/sign-in-throttle";
import { ApiError } from "@/server/core/api-error";
import { issueTokenPair } from "./issue-token-pair";
import type { CreateTokenInput, TokenPair } from "./schemas";

// One message for an unknown email, a wrong password and a disabled account: which of them it
// was would tell an attacker which emails have accounts.
const BAD_CREDENTIALS = "Invalid email or password";

/** POST /auth/token: email and password for a new token family in one organization. */
export async function passwordGrant(input: CreateTokenInput): Promise<TokenPair> {
  const user = await throttleSignIn(input.email, () =>
    authenticateUser(input.email, input.password),
  );
  if (!user) throw new ApiError("UNAUTHORIZED", BAD_CREDENTIALS);

  const db = await getDb();
  const requested = input.organization_id;
  let organizationId: string | null;
  if (requested === undefined) {
    organizationId = await defaultOrganizationId(user);
  } else {
    // A token is homed in an organization its user belongs to. A platform admin enters others
    // with X-Organization-ID, where every override is audited, not with a token homed there.
    const [membership] = isId("org", requested)
      ? await db
          .select({ organizationId: memberships.organizationId })
          .from(memberships)
          .where(and(eq(memberships.userId, user.id), eq(memberships.organizationId, requested)))
      : [];
    organizationId = membership?.organizationId ?? null;
    if (!organizationId) throw organizationNotAllowed();
  }
  if (!organizationId) {
    throw new ApiError("FORBIDDEN", "This account is not a member of any organization");
  }

  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) throw organizationNotAllowed();
  return issueTokenPair(db, { userId: user.id, organization });
}
