import type { Role } from "@/db/schema";
import type { Scope } from "@/server/scopes/catalogue";

export type CredentialType = "api_key" | "access_token" | "session";

/** The credential a request presented, after its secret was checked. */
export interface Credential {
  type: CredentialType;
  /** Key id (`key_…`), token id (`tok_…`), or the user id for a browser session. */
  id: string;
  userId: string;
  /** The organization the credential belongs to (a key's, a token's, the session's current). */
  organizationId: string;
  /** API keys only: the scopes the key was given. Tokens and sessions carry the role's scopes. */
  keyScopes: readonly Scope[] | null;
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
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean };
  organization: { id: string; name: string };
  role: Role;
  /** The role's scopes intersected with the key's: what this request may do. */
  scopes: readonly Scope[];
  /** True when X-Organization-ID moved the request out of the credential's own organization. */
  overridden: boolean;
  /** False when a platform admin acts in an organization it does not belong to. */
  isMember: boolean;
}

export interface PublicContext {
  requestId: string;
  ip: string;
}
