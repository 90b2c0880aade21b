import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { ROLE_SCOPES, scopeCatalogue } from "@/server/scopes/catalogue";

// GET /api/v1/scopes: the scope catalogue, and which of them this credential holds
export const GET = withApi({ route: "/scopes" }, async ({ ctx }) =>
  ok(
    scopeCatalogue().map((entry) => ({
      ...entry,
      granted: ctx.scopes.includes(entry.scope),
      roles: Object.entries(ROLE_SCOPES)
        .filter(([, scopes]) => scopes.includes(entry.scope))
        .map(([role]) => role),
    })),
  ),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
