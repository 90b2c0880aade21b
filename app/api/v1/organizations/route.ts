import { listQuerySchema } from "@/server/accounts/cursor";
import { otherMethods } from "@/server/http/method-not-allowed";
import { created, json } from "@/server/http/responses";
import { parseOrThrow } from "@/server/http/validation";
import { withApi } from "@/server/http/with-api";
import {
  createOrganization,
  createOrganizationSchema,
  listOrganizations,
} from "@/server/organizations/manage-organizations";

// GET /api/v1/organizations: the caller's organizations (every one with admin:organizations)
export const GET = withApi({ route: "/organizations" }, async ({ req, ctx }) => {
  const query = parseOrThrow(listQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
  return json(await listOrganizations(ctx, query));
});

// POST /api/v1/organizations: a new organization owned by the caller (never with an API key)
export const POST = withApi(
  { route: "/organizations", body: createOrganizationSchema },
  async ({ ctx, body }) => created(await createOrganization(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
