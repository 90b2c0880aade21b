import { defineOperation } from "@/server/core/operation";
import {
  createTokenSchema,
  refreshTokenSchema,
  revokedTokenSchema,
  revokeTokenSchema,
  tokenPairSchema,
} from "./schemas";

export const createTokenOperation = defineOperation({
  method: "POST",
  path: "/auth/token",
  summary: "Log in for tokens",
  description:
    "Email and password for an access token (`vlt_at_…`, 24 hours) and a refresh token (`vlt_rt_…`, 30 days). Wrong password and unknown email get the same 401.",
  scope: "public",
  body: createTokenSchema,
  example: { email: "owner@acme.test", password: "voltasis-demo" },
  response: { status: 200, schema: tokenPairSchema, description: "A new token pair" },
  errors: [401, 403],
});

export const refreshTokenOperation = defineOperation({
  method: "POST",
  path: "/auth/refresh",
  summary: "Refresh tokens",
  description:
    "Exchanges a refresh token for a new pair; the old refresh token is spent. Presenting a spent refresh token again revokes every token of its login.",
  scope: "public",
  body: refreshTokenSchema,
  example: { refresh_token: "vlt_rt_…" },
  response: { status: 200, schema: tokenPairSchema, description: "A new token pair" },
  errors: [401],
});

export const revokeTokenOperation = defineOperation({
  method: "POST",
  path: "/auth/revoke",
  summary: "Revoke a token",
  description:
    "Revokes an access token, or a refresh token with every token of its login. Idempotent; unknown tokens succeed too.",
  scope: "public",
  body: revokeTokenSchema,
  example: { token: "vlt_rt_…" },
  response: { status: 200, schema: revokedTokenSchema, description: "Revoked" },
  errors: [],
});

export const TOKEN_OPERATIONS = [createTokenOperation, refreshTokenOperation, revokeTokenOperation];
