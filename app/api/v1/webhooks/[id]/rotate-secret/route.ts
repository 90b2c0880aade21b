import { otherMethods } from "@/server/http/method-not-allowed";
import { NO_STORE, ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { rotateWebhookSecretOperation } from "@/server/webhooks/operations";
import { rotateWebhookSecret } from "@/server/webhooks/rotate-webhook-secret";

// The new signing secret is in data.secret, shown this once.
export const POST = withApi(rotateWebhookSecretOperation, async ({ ctx, params, body }) =>
  ok(await rotateWebhookSecret(ctx, params.id, body ?? {}), NO_STORE),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
