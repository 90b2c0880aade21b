import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import {
  apiKeys,
  browserSessions,
  memberships,
  oauthApps,
  oauthGrants,
  tokenFamilies,
  usageBuckets,
  users,
  userTokens,
} from "@/db/schema";
import { describeUserAgent } from "@/lib/user-agent";
import type { Cursor } from "@/server/core/pagination";
import { rowsOf } from "@/server/core/sql-rows";
import { type CredentialItem, type InventoryType, SESSION_ITEM_PREFIX } from "./schemas";

/** What narrows the inventory: the list's filters, and the bulk revocation's selectors. */
export interface CredentialFilter {
  types: readonly InventoryType[];
  holderId?: string;
  unusedDays?: number;
  olderThanDays?: number;
  ids?: readonly string[];
  cursor?: Cursor;
  limit?: number;
}

export interface CredentialRow {
  id: string;
  type: InventoryType;
  name: string;
  holder_id: string;
  holder_name: string;
  holder_email: string;
  created_at: string | Date;
  cursorTime: string;
  last_used_at: string | Date | null;
  expires_at: string | Date | null;
  detail: string | null;
}

const DAY_MS = 86_400_000;

/**
 * One branch per kind of credential: the rows that work at `at` in the organization, in the same
 * columns. The rules are those each credential is checked by on use: a key neither revoked (a
 * rotation's future revoked_at still works) nor expired nor waiting for approval; a member's
 * session, not ended, younger than 24 hours and after their last "sign out everywhere"; a
 * sign-in (token family) with a token left that is not spent, revoked or expired; a grant not
 * revoked.
 */
function branches(organizationId: string, at: Date): Record<InventoryType, SQL> {
  const now = sql`${at.toISOString()}::timestamptz`;
  return {
    api_key: sql`
      select k.id, 'api_key' as type, k.name, u.id as holder_id, u.name as holder_name,
        u.email as holder_email, k.created_at, k.last_used_at, k.expires_at,
        k.prefix || '…' || k.last4 as detail
      from ${apiKeys} k join ${users} u on u.id = k.created_by
      where k.organization_id = ${organizationId}
        and (k.revoked_at is null or k.revoked_at > ${now})
        and (k.expires_at is null or k.expires_at > ${now})
        and k.approval is distinct from 'pending'`,
    session: sql`
      select ${SESSION_ITEM_PREFIX}::text || s.id as id, 'session' as type, s.user_agent as name,
        u.id as holder_id, u.name as holder_name, u.email as holder_email, s.created_at,
        s.last_seen_at as last_used_at, s.expires_at, nullif(s.ip, '') as detail
      from ${browserSessions} s
        join ${users} u on u.id = s.user_id
        join ${memberships} m on m.user_id = s.user_id and m.organization_id = ${organizationId}
      where s.ended_at is null and s.expires_at > ${now}
        and s.created_at > coalesce(u.sessions_valid_after, '-infinity'::timestamptz)`,
    // A sign-in has no last_used_at of its own: its tokens' latest minute in the usage counts.
    user_token: sql`
      select f.id, 'user_token' as type, 'User token' as name, u.id as holder_id,
        u.name as holder_name, u.email as holder_email, f.created_at,
        (select max(b.bucket_start) from ${usageBuckets} b
          where b.token_id in (select t.id from ${userTokens} t where t.family_id = f.id))
          as last_used_at,
        live.expires_at, null::text as detail
      from ${tokenFamilies} f
        join ${users} u on u.id = f.user_id
        cross join lateral (select max(t.expires_at) as expires_at from ${userTokens} t
          where t.family_id = f.id and t.revoked_at is null and t.spent_at is null
            and t.expires_at > ${now}) live
      where f.organization_id = ${organizationId} and f.revoked_at is null
        and live.expires_at is not null`,
    oauth_grant: sql`
      select g.id, 'oauth_grant' as type, a.name, u.id as holder_id, u.name as holder_name,
        u.email as holder_email, g.created_at, g.last_used_at, null::timestamptz as expires_at,
        a.id as detail
      from ${oauthGrants} g
        join ${oauthApps} a on a.id = g.app_id
        join ${users} u on u.id = g.user_id
      where g.organization_id = ${organizationId} and g.revoked_at is null`,
  };
}

/**
 * The organization's working credentials that pass `filter`, newest first (created_at, then id:
 * the order the cursor continues). Every branch is bound to the organization, so no filter can
 * reach another tenant's rows.
 */
export async function selectCredentialRows(
  db: Db | Tx,
  organizationId: string,
  filter: CredentialFilter,
  at: Date,
): Promise<CredentialRow[]> {
  if (filter.types.length === 0 || filter.ids?.length === 0) return [];
  const all = branches(organizationId, at);
  const union = sql.join(
    filter.types.map((type) => all[type]),
    sql` union all `,
  );
  const where: SQL[] = [sql`true`];
  if (filter.holderId) where.push(sql`c.holder_id = ${filter.holderId}`);
  if (filter.unusedDays) {
    const since = new Date(at.getTime() - filter.unusedDays * DAY_MS).toISOString();
    where.push(sql`coalesce(c.last_used_at, c.created_at) < ${since}::timestamptz`);
  }
  if (filter.olderThanDays) {
    const since = new Date(at.getTime() - filter.olderThanDays * DAY_MS).toISOString();
    where.push(sql`c.created_at < ${since}::timestamptz`);
  }
  if (filter.ids) {
    const ids = sql.join(
      filter.ids.map((id) => sql`${id}`),
      sql`, `,
    );
    where.push(sql`c.id in (${ids})`);
  }
  if (filter.cursor) {
    where.push(
      sql`(c.created_at, c.id) < (${filter.cursor.createdAt}::timestamptz, ${filter.cursor.id})`,
    );
  }
  const limit = filter.limit ? sql`limit ${filter.limit}` : sql``;
  return rowsOf<CredentialRow>(
    db,
    sql`select c.id, c.type, c.name, c.holder_id, c.holder_name, c.holder_email, c.created_at,
        to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorTime",
        c.last_used_at, c.expires_at, c.detail
      from (${union}) c
      where ${sql.join(where, sql` and `)}
      order by c.created_at desc, c.id desc ${limit}`,
  );
}

function iso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export function toCredentialItem(row: CredentialRow): CredentialItem {
  return {
    id: row.id,
    type: row.type,
    // Sessions keep the raw User-Agent; people recognise "Firefox on Windows".
    name: row.type === "session" ? describeUserAgent(row.name) : row.name,
    holder: { id: row.holder_id, name: row.holder_name, email: row.holder_email },
    created_at: new Date(row.created_at).toISOString(),
    last_used_at: iso(row.last_used_at),
    expires_at: iso(row.expires_at),
    detail: row.detail,
  };
}
