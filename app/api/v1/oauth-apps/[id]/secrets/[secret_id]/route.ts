import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { deleteClientSecret } from "@/server/oauth-apps/delete-client-secret";
import { deleteClientSecretOperation } from "@/server/oauth-apps/operations";

export const DELETE = withApi(deleteClientSecretOperation, async ({ ctx, params }) =>
  ok(await deleteClientSecret(ctx, params.id, params.secret_id)),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
