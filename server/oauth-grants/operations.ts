import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { listOAuthGrantsQuerySchema, publicOAuthGrantSchema } from "./schemas";

export const listOAuthGrantsOperation = defineOperation({
  method: "GET",
  path: "/oauth-grants",
  summary: "List third-party app grants",
  description:
    "The apps allowed to act for a user: by default the caller's own grants, in every organization (Settings > Connected apps); with `user=all`, every grant in the current organization (owners and admins, Settings > Third-party access). Newest first, a page at a time.",
  scope: "authenticated",
  query: listOAuthGrantsQuerySchema,
  response: {
    status: 200,
    schema: z.array(publicOAuthGrantSchema),
    description: "A page of grants in force",
    paginated: true,
  },
  errors: [],
});

export const revokeOAuthGrantOperation = defineOperation({
  method: "DELETE",
  path: "/oauth-grants/{id}",
  summary: "Revoke a grant",
  description:
    "Ends what a user allowed an app to do: every token issued under the grant is refused from the next request, on every instance. The user who made it may revoke it, and so may the owners and admins of its organization. Revoking a revoked grant succeeds and changes nothing.",
  scope: "authenticated",
  params: z.object({ id: z.string() }),
  response: {
    status: 200,
    schema: z.object({ id: z.string(), revoked: z.literal(true) }),
    description: "The grant is revoked",
  },
  errors: [404],
});

export const OAUTH_GRANT_OPERATIONS = [listOAuthGrantsOperation, revokeOAuthGrantOperation];
