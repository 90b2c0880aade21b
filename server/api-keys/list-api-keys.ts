import { and, desc, eq, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, users } from "@/db/schema";
import type { AuthContext } from "@/server/auth/principal";
import { seesAllKeys } from "./find-api-key";
import {
  type ApiKeyRow,
  keyStatus,
  type PublicApiKey,
  publicApiKeyColumns,
  toPublicApiKey,
} from "./public-api-key";
import type { ApiKeyStatus } from "./schemas";

/** The organization's keys, newest first; a member gets only the keys they created. */
export async function listApiKeys(
  ctx: Pick<AuthContext, "organization" | "role" | "user">,
  filter: { status: ApiKeyStatus | "all" },
): Promise<PublicApiKey[]> {
  const db = await getDb();
  const where: SQL[] = [eq(apiKeys.organizationId, ctx.organization.id)];
  if (!seesAllKeys(ctx)) where.push(eq(apiKeys.createdBy, ctx.user.id));
  const rows = (await db
    .select(publicApiKeyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(...where))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))) as ApiKeyRow[];
  return rows
    .filter((row) => filter.status === "all" || keyStatus(row) === filter.status)
    .map(toPublicApiKey);
}
