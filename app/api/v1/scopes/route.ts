import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { scopeCatalogueFor } from "@/server/scopes/catalogue";
import { listScopesOperation } from "@/server/scopes/operations";

export const GET = withApi(listScopesOperation, async ({ ctx }) =>
  ok(scopeCatalogueFor(ctx.scopes)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
