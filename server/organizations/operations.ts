import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { pageQuerySchema } from "@/server/core/pagination";
import {
  createOrganizationSchema,
  organizationDetailSchema,
  publicOrganizationSchema,
  updateOrganizationSchema,
} from "./schemas";

/** The longest `q`: as long as an organization's name can be. */
export const ORGANIZATION_SEARCH_MAX = 100;

export const listOrganizationsQuerySchema = pageQuerySchema("org").extend({
  q: z
    .string()
    .trim()
    .max(ORGANIZATION_SEARCH_MAX, `q must be at most ${ORGANIZATION_SEARCH_MAX} characters`)
    // An empty search box searches for nothing in particular: every organization listed.
    .transform((q) => q || undefined)
    .optional()
    .meta({
      description:
        "Only organizations whose name contains this (case-insensitive; % and _ are literal). It narrows what the caller may list: every organization with admin:organizations, else the caller's own.",
    }),
});

export const listOrganizationsOperation = defineOperation({
  method: "GET",
  path: "/organizations",
  summary: "List organizations",
  description:
    "The caller's organizations; with admin:organizations, every organization. An API key without admin:organizations sees only its own organization. Newest first; `q` searches names.",
  scope: "authenticated",
  query: listOrganizationsQuerySchema,
  response: {
    status: 200,
    schema: z.array(publicOrganizationSchema),
    description: "A page of organizations",
    paginated: true,
  },
  errors: [],
});

export const createOrganizationOperation = defineOperation({
  method: "POST",
  path: "/organizations",
  summary: "Create an organization",
  description:
    "User tokens and sessions only, never API keys (403). The caller becomes owner. An account may create MAX_ORGANIZATIONS_PER_USER organizations (10 by default; platform admins are exempt): past that, 409 CONFLICT with `details.limit`.",
  scope: "authenticated",
  body: createOrganizationSchema,
  example: { name: "Initech" },
  response: { status: 201, schema: publicOrganizationSchema, description: "The organization" },
  errors: [409],
});

export const getOrganizationOperation = defineOperation({
  method: "GET",
  path: "/organizations/{id}",
  summary: "Get an organization",
  description:
    "Its plan, what the plan includes (`entitlements`), current use against the plan's caps (`usage`) and its credential `policies`. Members of the organization (and platform admins) read it; an API key reads only its own organization.",
  scope: "authenticated",
  params: z.object({ id: z.string() }),
  response: { status: 200, schema: organizationDetailSchema, description: "The organization" },
  errors: [404],
});

export const updateOrganizationOperation = defineOperation({
  method: "PATCH",
  path: "/organizations/{id}",
  summary: "Update an organization",
  description:
    "Owners and admins of the organization rename it; owners also decide which third-party apps may act in it (`third_party_access`) and set its credential `policies` (on a plan that includes them: else 403 `plan`). Platform admins set its `plan` (`admin:organizations`); a downgrade never weakens security: allowlists, limits and policies already set stay enforced, and what the plan no longer includes becomes read-only. Each change is audited with before and after, and every instance applies it within a second.",
  scope: "authenticated",
  params: z.object({ id: z.string() }),
  body: updateOrganizationSchema,
  example: { policies: { max_key_lifetime_days: 90, require_key_approval: true } },
  response: { status: 200, schema: organizationDetailSchema, description: "The organization" },
  errors: [404],
});

export const ORGANIZATION_OPERATIONS = [
  listOrganizationsOperation,
  createOrganizationOperation,
  getOrganizationOperation,
  updateOrganizationOperation,
];
