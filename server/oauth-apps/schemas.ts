import { z } from "zod";
import { OAUTH_CLIENT_TYPES, OAUTH_REGISTRATIONS } from "@/db/schema";
import { pageQuerySchema } from "@/server/core/pagination";
import { redirectUriProblem } from "./redirect-uris";

export const OAUTH_APP_NAME_MAX = 100;
export const MAX_REDIRECT_URIS = 10;
export const URL_MAX = 2000;

const nameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? "name is required" : "name must be a string"),
  })
  .trim()
  .min(1, "name is required")
  .max(OAUTH_APP_NAME_MAX, `name must be at most ${OAUTH_APP_NAME_MAX} characters`);

const redirectUrisSchema = z
  .array(
    z
      .string({ error: "each redirect URI must be a string" })
      .max(URL_MAX, `each redirect URI must be at most ${URL_MAX} characters`)
      .superRefine((uri, ctx) => {
        const problem = redirectUriProblem(uri);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    { error: "redirect_uris must be an array of URLs" },
  )
  .min(1, "give at least one redirect URI")
  .max(MAX_REDIRECT_URIS, `redirect_uris takes at most ${MAX_REDIRECT_URIS} entries`)
  .refine((uris) => new Set(uris).size === uris.length, "redirect URIs must not repeat")
  .meta({
    description: `Where the authorization server may send the user back, matched exactly (any port on http://127.0.0.1 and http://[::1], RFC 8252). Up to ${MAX_REDIRECT_URIS}: https URLs, loopback http URLs, or a native app's private-use scheme (com.example.app:/callback); no fragments.`,
    example: ["https://app.example.com/oauth/callback", "http://127.0.0.1/callback"],
  });

const homepageUrlSchema = z
  .string({ error: "homepage_url must be a string" })
  .max(URL_MAX, `homepage_url must be at most ${URL_MAX} characters`)
  .refine((value) => {
    try {
      return ["https:", "http:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "homepage_url must be an absolute http(s) URL")
  .nullable();

export const createOAuthAppSchema = z
  .object({
    name: nameSchema,
    redirect_uris: redirectUrisSchema,
    client_type: z.enum(OAUTH_CLIENT_TYPES, {
      error: 'client_type must be "confidential" (a server that keeps a secret) or "public"',
    }),
    homepage_url: homepageUrlSchema.optional(),
  })
  .meta({ id: "CreateOAuthAppRequest" });
export type CreateOAuthAppInput = z.infer<typeof createOAuthAppSchema>;

export const updateOAuthAppSchema = z
  .object({
    name: nameSchema.optional(),
    redirect_uris: redirectUrisSchema.optional(),
    homepage_url: homepageUrlSchema.optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "send at least one of name, redirect_uris, homepage_url",
  )
  .meta({ id: "UpdateOAuthAppRequest" });
export type UpdateOAuthAppInput = z.infer<typeof updateOAuthAppSchema>;

export const listOAuthAppsQuerySchema = pageQuerySchema("app");
export type ListOAuthAppsQuery = z.infer<typeof listOAuthAppsQuerySchema>;

export const clientSecretSchema = z
  .object({
    id: z.string().meta({ example: "csec_8fK2mQ0xVb7Lk0PzR1aD" }),
    prefix: z.literal("vlt_cs_"),
    last4: z.string(),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "OAuthClientSecret" });

export const publicOAuthAppSchema = z
  .object({
    id: z.string().meta({ example: "app_3hT9xQ2mVb7Lk0PzR1aD" }),
    client_id: z.string().meta({ description: "The app's OAuth client_id (the same as its id)" }),
    organization_id: z.string().nullable(),
    name: z.string(),
    homepage_url: z.string().nullable(),
    redirect_uris: z.array(z.string()),
    client_type: z.enum(OAUTH_CLIENT_TYPES),
    registration: z.enum(OAUTH_REGISTRATIONS).meta({
      description:
        "`dashboard` (registered in Settings > OAuth apps or by this API) or `dynamic` (RFC 7591)",
    }),
    created_by: z
      .object({ id: z.string(), name: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "Who registered it; null once that account is gone" }),
    secrets: z.array(clientSecretSchema).meta({
      description: "Its live client secrets (at most two), never their values",
    }),
    active_grants: z.number().int().meta({
      description: "How many users have authorized it and not revoked it",
    }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "OAuthApp" });
export type PublicOAuthApp = z.infer<typeof publicOAuthAppSchema>;

export const createdOAuthAppSchema = publicOAuthAppSchema
  .extend({
    client_secret: z.string().optional().meta({
      description:
        "A confidential app's first client secret (`vlt_cs_…`), shown this once; absent for a public app",
    }),
  })
  .meta({ id: "CreatedOAuthApp" });

export const createdClientSecretSchema = clientSecretSchema
  .extend({
    client_secret: z.string().meta({ description: "The secret (`vlt_cs_…`), shown this once" }),
  })
  .meta({ id: "CreatedOAuthClientSecret" });
