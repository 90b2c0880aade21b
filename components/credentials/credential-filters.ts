// No "use client": the server page builds the first page's query key with it too.
import { toSearch } from "@/components/api/query-string";
import type { components, operations } from "@/lib/api-schema";

/** One credential of GET /credentials, as the generated types declare it. */
export type CredentialItem = components["schemas"]["Credential"];
export type CredentialType = CredentialItem["type"];

/** The query of GET /credentials (without the cursor). */
export type CredentialQuery = NonNullable<operations["getCredentials"]["parameters"]["query"]>;

/** What POST /credentials/revoke takes, without dry_run: exactly one selector. */
export type RevokeSelector = { member_id: string } | { unused_days: number } | { ids: string[] };

/** The page's filters, as the selects hold them: "" is "any". */
export interface CredentialFilters {
  member: string;
  type: "" | CredentialType;
  unused: string;
  older: string;
}

export const DEFAULT_CREDENTIAL_FILTERS: CredentialFilters = {
  member: "",
  type: "",
  unused: "",
  older: "",
};

export const TYPE_LABELS: Record<CredentialType, string> = {
  api_key: "API key",
  session: "Browser session",
  user_token: "User token",
  oauth_grant: "App grant",
};

/** Days for "Unused for" and "Older than": a month, a quarter, half a year, a year. */
export const DAY_CHOICES = [30, 90, 180, 365] as const;

/** The clean-up the page offers in one click: keys nobody used for a quarter. */
export const STALE_KEY_DAYS = 90;

export function credentialQuery(filters: CredentialFilters): CredentialQuery {
  return {
    member: filters.member || undefined,
    type: filters.type || undefined,
    unused_days: filters.unused ? Number(filters.unused) : undefined,
    older_than_days: filters.older ? Number(filters.older) : undefined,
  };
}

/** A query as a stable string, for the query key. */
export function credentialSearch(query: CredentialQuery): string {
  return toSearch(query as Record<string, unknown>);
}

export const credentialQueryKeys = {
  /** Every list of the organization's credentials, whatever its filters (not the dry runs). */
  lists: (organizationId: string) => ["credentials", organizationId, "list"] as const,
  list: (organizationId: string, search: string) =>
    ["credentials", organizationId, "list", search] as const,
  dryRun: (organizationId: string, selector: RevokeSelector) =>
    ["credentials", organizationId, "dry-run", selector] as const,
};

/** "3 credentials", "1 API key". */
export function countLabel(n: number, one = "credential", many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
