import { and, count, eq, type GetColumnData, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { oauthApps, oauthClientSecrets, oauthGrants, users } from "@/db/schema";
import type { PublicOAuthApp } from "./schemas";

/** Columns an app is served with (the creator's from a left join: an account may be gone). */
export const oauthAppColumns = {
  id: oauthApps.id,
  organizationId: oauthApps.organizationId,
  name: oauthApps.name,
  homepageUrl: oauthApps.homepageUrl,
  redirectUris: oauthApps.redirectUris,
  clientType: oauthApps.clientType,
  registration: oauthApps.registration,
  createdBy: oauthApps.createdBy,
  creatorName: users.name,
  creatorEmail: users.email,
  createdAt: oauthApps.createdAt,
  updatedAt: oauthApps.updatedAt,
};

type Columns = typeof oauthAppColumns;
export type OAuthAppRow = Omit<
  { [K in keyof Columns]: GetColumnData<Columns[K]> },
  "creatorName" | "creatorEmail"
> & {
  creatorName: string | null;
  creatorEmail: string | null;
};

/**
 * The apps as the API shows them: with their live secrets (never the values) and how many grants
 * are active. Two queries for any number of apps, not two per app.
 */
export async function toPublicOAuthApps(
  db: Db | Tx,
  rows: OAuthAppRow[],
): Promise<PublicOAuthApp[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [secrets, grants] = await Promise.all([
    db
      .select()
      .from(oauthClientSecrets)
      .where(inArray(oauthClientSecrets.appId, ids))
      .orderBy(oauthClientSecrets.createdAt),
    db
      .select({ appId: oauthGrants.appId, n: count() })
      .from(oauthGrants)
      .where(and(inArray(oauthGrants.appId, ids), isNull(oauthGrants.revokedAt)))
      .groupBy(oauthGrants.appId),
  ]);
  return rows.map((row) => ({
    id: row.id,
    client_id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    homepage_url: row.homepageUrl,
    redirect_uris: row.redirectUris,
    client_type: row.clientType,
    registration: row.registration,
    created_by:
      row.createdBy && row.creatorName !== null && row.creatorEmail !== null
        ? { id: row.createdBy, name: row.creatorName, email: row.creatorEmail }
        : null,
    secrets: secrets
      .filter((s) => s.appId === row.id)
      .map((s) => ({
        id: s.id,
        prefix: "vlt_cs_" as const,
        last4: s.last4,
        created_at: s.createdAt.toISOString(),
        last_used_at: s.lastUsedAt?.toISOString() ?? null,
      })),
    active_grants: grants.find((g) => g.appId === row.id)?.n ?? 0,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }));
}

export async function toPublicOAuthApp(db: Db | Tx, row: OAuthAppRow): Promise<PublicOAuthApp> {
  const [app] = await toPublicOAuthApps(db, [row]);
  return app as PublicOAuthApp;
}

/** The app row with its creator, for the verbs that answer with one app. */
export function selectOAuthApp(db: Db | Tx) {
  return db
    .select(oauthAppColumns)
    .from(oauthApps)
    .leftJoin(users, eq(users.id, oauthApps.createdBy))
    .$dynamic();
}
