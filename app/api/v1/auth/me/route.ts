import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

// GET /api/v1/auth/me: who this credential acts as, where, and with which scopes
export const GET = withApi({ route: "/auth/me" }, async ({ ctx }) =>
  ok({
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    organization: ctx.organization,
    role: ctx.role,
    scopes: ctx.scopes,
    token: { type: ctx.credential.type, id: ctx.credential.id },
  }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
