import { and, eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Role } from "@/lib/roles";
import type { Scope } from "@/lib/scopes";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheGeneration, getAuthCached, setAuthCached } from "@/server/auth/auth-cache";
import { organizationNotAllowed, unauthorized } from "@/server/auth/refusals";
import { scopesFor } from "@/server/scopes/catalogue";

export type CredentialType = "api_key" | "access_token" | "session" | "oauth";

/** The credential a request presented, after its secret was checked. */
export interface Credential {
  type: CredentialType;
  /**
   * Key id (`key_…`), token id (`tok_…`), the grant id (`grant_…`) of an app's OAuth token, or
   * the user id for a browser session.
   */
  id: string;
  userId: string;
  /** The organization the credential belongs to (a key's, a token's, the session's current). */
  organizationId: string;
  /**
   * API keys: the scopes the key was given; OAuth tokens: the scopes of the token and its grant.
   * User tokens and sessions carry the role's scopes.
   */
  keyScopes: readonly Scope[] | null;
  /** OAuth tokens only: the app (client_id) the token was issued to. */
  clientId?: string;
  expiresAt: Date | null;
  /** API keys only: where the key may be used from (canonical entries); empty: anywhere. */
  allowedIps?: readonly string[];
  /** API keys only: the key's own requests per minute; null or absent: the default. */
  rateLimitPerMinute?: number | null;
}

/** Who is acting, where, and with which scopes: what every /api/v1 handler receives. */
export interface AuthContext {
  requestId: string;
  ip: string;
  credential: Credential;
  user: {
    id: string;
    email: string;
    name: string;
    isPlatformAdmin: boolean;
    /**
     * Someone proved they receive mail at `email` (users.email_verified_at is set). Always set
     * by resolveAuthContext; optional so a dashboard session still passes as a Viewer.
     */
    emailVerified?: boolean;
  };
  organization: { id: string; name: string };
  role: Role;
  /** The role's scopes intersected with the key's: what this request may do. */
  scopes: readonly Scope[];
  /** True when X-Organization-ID moved the request out of the credential's own organization. */
  overridden: boolean;
  /** False when a platform admin acts in an organization it does not belong to. */
  isMember: boolean;
  /**
   * What the verbs read and write through: the process's database, or a caller's transaction
   * (`{ ...ctx, db: tx }`), which then holds everything the verb does.
   */
  db: Db;
}

/**
 * What a page or a list needs of whoever looks: an API context or a dashboard session. Without
 * scopes of its own, a viewer holds its role's (requireScope).
 */
export type Viewer = Pick<AuthContext, "organization" | "role" | "user" | "db"> &
  Partial<Pick<AuthContext, "scopes">>;

export interface PublicContext {
  requestId: string;
  ip: string;
}

// A platform admin acting in an organization it does not belong to gets an admin's scopes there.
export const PLATFORM_ADMIN_ROLE: Role = "admin";

interface Principal {
  user: {
    id: string;
    email: string;
    name: string;
    isPlatformAdmin: boolean;
    emailVerified: boolean;
  } | null;
  organizations: { id: string; name: string; role: Role | null }[];
}

// A credential whose account was disabled, or whose user left its organization, no longer works:
// to its holder that is a revocation, and the hint says which.
const DISABLED_HINT =
  "The account this credential belongs to is disabled: ask an owner of your organization or a platform admin.";
const MEMBERSHIP_HINT =
  "The user this credential belongs to is no longer a member of its organization: ask an owner to invite them again.";

/**
 * Decides which organization a request acts in and what it may do there. The account's state
 * and memberships come from the auth-state cache, which every change to them evicts on every
 * instance (auth-bus.ts), so a removed or disabled user loses every credential at once.
 */
export async function resolveAuthContext(
  credential: Credential,
  requestedOrganizationId: string | null,
  meta: { requestId: string; ip: string },
): Promise<AuthContext> {
  const home = credential.organizationId;
  const target = requestedOrganizationId ?? home;
  if (!isId("org", target)) throw organizationNotAllowed();

  const { user, organizations: rows } = await loadPrincipal(credential.userId, home, target);
  if (!user) throw unauthorized("revoked", DISABLED_HINT);
  const homeRow = rows.find((r) => r.id === home);
  const targetRow = rows.find((r) => r.id === target);

  // The credential's own organization must still accept its user. Keys and tokens belong to
  // members; only a platform admin's browser session may sit in an organization without that.
  const homeAccepts = credential.type === "session" ? user.isPlatformAdmin : false;
  if (!homeRow || (!homeRow.role && !homeAccepts)) {
    throw unauthorized("revoked", MEMBERSHIP_HINT);
  }
  if (!targetRow) throw organizationNotAllowed();

  const overridden = target !== home;
  if (overridden) {
    // An API key is pinned to its organization unless it holds admin:organizations; a user
    // token or session may enter organizations its user belongs to, or any as a platform admin.
    // An app's OAuth token acts where its user consented, and nowhere else.
    const allowed =
      credential.type === "oauth"
        ? false
        : credential.type === "api_key"
          ? user.isPlatformAdmin && Boolean(credential.keyScopes?.includes("admin:organizations"))
          : Boolean(targetRow.role) || user.isPlatformAdmin;
    if (!allowed) throw organizationNotAllowed();
  }

  const role = targetRow.role ?? PLATFORM_ADMIN_ROLE;
  const roleScopes = scopesFor(role, user.isPlatformAdmin);
  const scopes = credential.keyScopes
    ? roleScopes.filter((s) => credential.keyScopes?.includes(s))
    : roleScopes;

  const context: AuthContext = {
    ...meta,
    credential,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isPlatformAdmin: user.isPlatformAdmin,
      emailVerified: user.emailVerified,
    },
    organization: { id: targetRow.id, name: targetRow.name },
    role,
    scopes,
    overridden,
    isMember: Boolean(targetRow.role),
    // The process's handle, opened once and cached: no database round trip here.
    db: await getDb(),
  };
  return context;
}

/** Every request a platform admin makes in an organization it does not belong to is audited. */
export async function auditOverride(context: AuthContext): Promise<void> {
  if (!context.overridden || context.isMember) return;
  await recordAudit(context.db, actorOf(context), {
    action: "organization.override",
    organizationId: context.organization.id,
    targetType: "organization",
    targetId: context.organization.id,
    // The row is this organization's to read (GET /audit-logs): it names the admin and the
    // credential, never the admin's home organization, which is another tenant's id.
    metadata: { credentialType: context.credential.type },
  });
}

/** The user (null when missing or disabled) and its role in two organizations: one query. */
async function loadPrincipal(userId: string, home: string, target: string): Promise<Principal> {
  const key = `principal:${userId}|${home}|${target}`;
  const cached = getAuthCached<Principal>(key);
  if (cached) return cached;
  void ensureAuthListener();
  const generation = authCacheGeneration();
  const ids = [...new Set([home, target])];
  const db = await getDb();
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      disabledAt: users.disabledAt,
      emailVerifiedAt: users.emailVerifiedAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      role: memberships.role,
    })
    .from(users)
    .leftJoin(organizations, inArray(organizations.id, ids))
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, users.id)),
    )
    .where(eq(users.id, userId));
  const [first] = rows;
  const principal: Principal = {
    user:
      first && !first.disabledAt
        ? {
            id: first.id,
            email: first.email,
            name: first.name,
            isPlatformAdmin: first.isPlatformAdmin,
            emailVerified: first.emailVerifiedAt !== null,
          }
        : null,
    organizations: rows.flatMap((r) =>
      r.organizationId && r.organizationName
        ? [{ id: r.organizationId, name: r.organizationName, role: r.role }]
        : [],
    ),
  };
  setAuthCached(key, principal, { userIds: [userId], organizationIds: ids }, generation);
  return principal;
}
