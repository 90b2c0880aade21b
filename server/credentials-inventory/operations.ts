import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import {
  credentialItemSchema,
  listCredentialsQuerySchema,
  revokeCredentialsResultSchema,
  revokeCredentialsSchema,
} from "./schemas";

const WHO =
  "Owners and admins only (a member gets 403). Browser sessions are included only for a person (the dashboard's session or a user access token), never for an API key or an app's token; OAuth grants need the matching `*:oauth-apps` scope as well.";

export const listCredentialsOperation = defineOperation({
  method: "GET",
  path: "/credentials",
  summary: "List the organization's credentials",
  description: `Every credential that works today in the organization, whatever its kind: API keys, browser sessions of its members, user access and refresh tokens (one item per sign-in) and OAuth grants. Newest first, a page at a time; revoked, expired, ended and pending keys are left out. ${WHO}`,
  scope: "read:api-keys",
  query: listCredentialsQuerySchema,
  response: {
    status: 200,
    schema: z.array(credentialItemSchema),
    description: "A page of working credentials",
    paginated: true,
  },
  errors: [],
});

export const revokeCredentialsOperation = defineOperation({
  method: "POST",
  path: "/credentials/revoke",
  summary: "Revoke credentials in bulk",
  description: `Revokes, in one transaction, what exactly one selector names: \`member_id\` (every credential of that member here, their browser sessions included, which signs them out of the dashboard), \`unused_days\` (API keys not used for N days, never-used ones counted from creation) or \`ids\` (up to 100 of any kind, all of this organization: another's is a 403, an unknown id a 404). With \`dry_run\` it answers \`would_revoke\` and changes nothing. Each credential is audited and announced like its single revocation, plus one \`credentials.bulk_revoked\` entry. Credentials that ended meanwhile are not counted, so a repeated or concurrent request never counts one twice. ${WHO}`,
  scope: "write:api-keys",
  body: revokeCredentialsSchema,
  example: { unused_days: 90, dry_run: true },
  response: {
    status: 200,
    schema: revokeCredentialsResultSchema,
    description: "How many credentials were (or would be) revoked, by kind",
  },
  errors: [404],
});

export const CREDENTIAL_INVENTORY_OPERATIONS = [
  listCredentialsOperation,
  revokeCredentialsOperation,
];
