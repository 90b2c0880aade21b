import { revokeCredentialsOperation } from "@/server/credentials-inventory/operations";
import { revokeCredentials } from "@/server/credentials-inventory/revoke-credentials";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const POST = withApi(revokeCredentialsOperation, async ({ ctx, body }) =>
  ok(await revokeCredentials(ctx, body)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
