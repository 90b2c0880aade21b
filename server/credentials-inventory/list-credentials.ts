import { now } from "@/lib/clock";
import type { AuthContext } from "@/server/auth/auth-context";
import { type Page, toPage } from "@/server/core/pagination";
import { assertReaches, inventoryTypes } from "./credential-authority";
import { selectCredentialRows, toCredentialItem } from "./credential-rows";
import type { CredentialItem, ListCredentialsQuery } from "./schemas";

/**
 * A page of the organization's working credentials of every kind, newest first, for owners and
 * admins (Settings > Credentials). Keyset pagination over all four kinds at once, as the other
 * lists do, rather than a bounded list: an organization's keys alone can run to thousands, and a
 * page stays exact while credentials come and go between pages.
 */
export async function listCredentials(
  ctx: AuthContext,
  query: ListCredentialsQuery,
): Promise<Page<CredentialItem>> {
  let types = inventoryTypes(ctx, "read");
  if (query.type) {
    assertReaches(types, query.type);
    types = [query.type];
  }
  const rows = await selectCredentialRows(
    ctx.db,
    ctx.organization.id,
    {
      types,
      holderId: query.member,
      unusedDays: query.unused_days,
      olderThanDays: query.older_than_days,
      cursor: query.cursor,
      limit: query.limit + 1,
    },
    now(),
  );
  return toPage(rows, query.limit, toCredentialItem);
}
