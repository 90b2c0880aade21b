import { describeMe } from "@/server/auth/me";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

// GET /api/v1/auth/me: who this credential acts as, where, and with which scopes
export const GET = withApi({ route: "/auth/me" }, async ({ ctx }) => ok(describeMe(ctx)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
