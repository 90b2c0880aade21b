import { keyAuditTrail } from "@/server/api-keys/key-audit-trail";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

// GET /api/v1/api-keys/:id/audit-log: who created, renamed, rotated or revoked this key
export const GET = withApi<{ id: string }>(
  { route: "/api-keys/{id}/audit-log", scope: "read:api-keys" },
  async ({ ctx, params }) => ok(await keyAuditTrail(ctx, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
