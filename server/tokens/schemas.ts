import { z } from "zod";

// Request and response shapes of /auth/token, /auth/refresh and /auth/revoke. The OpenAPI
// document is built from these, so they are the contract.

export const ACCESS_TOKEN_TTL_SECONDS = 24 * 60 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

export const createTokenSchema = z
  .object({
    email: z.string({ error: "email is required" }).trim().min(1, "email is required").max(320),
    // Bounded so a huge password cannot make the KDF the cheapest way to burn our CPU.
    password: z
      .string({ error: "password is required" })
      .min(1, "password is required")
      .max(1024, "password must be at most 1024 characters"),
    organization_id: z
      .string({ error: "organization_id must be a string" })
      .optional()
      .meta({ description: "The organization to act in; default: the user's first" }),
  })
  .meta({ id: "CreateTokenRequest" });

export const refreshTokenSchema = z
  .object({
    refresh_token: z
      .string({ error: "refresh_token is required" })
      .min(1, "refresh_token is required")
      .max(512),
  })
  .meta({ id: "RefreshTokenRequest" });

export const revokeTokenSchema = z
  .object({
    token: z.string({ error: "token is required" }).min(1, "token is required").max(512),
    // RFC 7009 lets clients send a hint; the token's own prefix already says what it is.
    token_type_hint: z.enum(["access_token", "refresh_token"]).optional(),
  })
  .meta({ id: "RevokeTokenRequest" });

export const tokenPairSchema = z
  .object({
    access_token: z.string().meta({ example: "vlt_at_…" }),
    refresh_token: z.string().meta({ example: "vlt_rt_…" }),
    token_type: z.literal("Bearer"),
    expires_in: z.literal(ACCESS_TOKEN_TTL_SECONDS),
    refresh_expires_in: z.literal(REFRESH_TOKEN_TTL_SECONDS),
    access_token_expires_at: z.iso.datetime(),
    refresh_token_expires_at: z.iso.datetime(),
    organization: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: "TokenPair" });

export const revokedTokenSchema = z
  .object({ revoked: z.literal(true) })
  .meta({ id: "RevokedToken" });

export type CreateTokenInput = z.infer<typeof createTokenSchema>;
export type RefreshTokenInput = z.infer<typeof refreshTokenSchema>;
export type RevokeTokenInput = z.infer<typeof revokeTokenSchema>;
export type TokenPair = z.infer<typeof tokenPairSchema>;
