import { otherMethods } from "@/server/http/method-not-allowed";
import { created, NO_STORE } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createClientSecret } from "@/server/oauth-apps/create-client-secret";
import { createClientSecretOperation } from "@/server/oauth-apps/operations";

// The secret is in data.client_secret, shown this once.
export const POST = withApi(createClientSecretOperation, async ({ ctx, params }) =>
  created(await createClientSecret(ctx, params.id), NO_STORE),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
