import { z } from "zod";
import { pageQuerySchema } from "@/server/core/pagination";

export const listOAuthGrantsQuerySchema = pageQuerySchema("grant").extend({
  user: z.enum(["me", "all"], { error: 'user must be "me" or "all"' }).default("me").meta({
    description:
      "`me` (the default): the grants the caller made, in every organization. `all`: every grant in the current organization (owners and admins, `read:oauth-apps`).",
  }),
});
export type ListOAuthGrantsQuery = z.infer<typeof listOAuthGrantsQuerySchema>;

export const publicOAuthGrantSchema = z
  .object({
    id: z.string().meta({ example: "grant_5fQ1mVb7Lk0PzR1aDx2T" }),
    app: z.object({
      id: z.string(),
      name: z.string(),
      homepage_url: z.string().nullable(),
      registration: z.enum(["dashboard", "dynamic"]),
    }),
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    organization: z.object({ id: z.string(), name: z.string() }),
    scopes: z.array(z.string()),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable(),
    revoked_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "OAuthGrant" });
export type PublicOAuthGrant = z.infer<typeof publicOAuthGrantSchema>;
