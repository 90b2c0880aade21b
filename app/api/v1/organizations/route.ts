import { otherMethods } from "@/server/http/method-not-allowed";
import { created, pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createOrganization } from "@/server/organizations/create-organization";
import { listOrganizations } from "@/server/organizations/list-organizations";
import {
  createOrganizationOperation,
  listOrganizationsOperation,
} from "@/server/organizations/operations";

export const GET = withApi(listOrganizationsOperation, async ({ ctx, query }) =>
  pageResponse(await listOrganizations(ctx, query)),
);

// The caller becomes its owner; never with an API key.
export const POST = withApi(createOrganizationOperation, async ({ ctx, body }) =>
  created(await createOrganization(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
