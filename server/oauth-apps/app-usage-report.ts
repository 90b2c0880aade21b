import { and, eq, gte, inArray, lt, max } from "drizzle-orm";
import { oauthGrants, usageBuckets } from "@/db/schema";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import type { AppUsageReport, UsageQuery } from "@/server/usage/schemas";
import { usageReport } from "@/server/usage/usage-report";
import { findOrganizationApp } from "./find-oauth-app";

/**
 * An app's request counts for its page: every call made with the tokens of its grants (revoked
 * ones included, for the time they worked), in whichever organization each grant acts. Counts
 * only: nothing of the users or organizations behind them.
 */
export async function appUsageReport(
  viewer: Viewer,
  appId: string,
  query: UsageQuery,
): Promise<AppUsageReport> {
  requireScope(viewer, "read:oauth-apps");
  const { db } = viewer;
  const app = await findOrganizationApp(db, viewer, appId);
  const grants = db
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .where(eq(oauthGrants.appId, app.id));
  const [report, [latest]] = await Promise.all([
    usageReport(
      db,
      and(
        inArray(usageBuckets.tokenId, grants),
        gte(usageBuckets.bucketStart, new Date(query.start)),
        lt(usageBuckets.bucketStart, query.to),
      ),
      query,
    ),
    db
      .select({ at: max(oauthGrants.lastUsedAt) })
      .from(oauthGrants)
      .where(eq(oauthGrants.appId, app.id)),
  ]);
  return { app_id: app.id, ...report, last_used_at: latest?.at?.toISOString() ?? null };
}
