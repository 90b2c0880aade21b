import { z } from "zod";
import { ROLES } from "@/lib/roles";
import { scopeSchema } from "@/server/scopes/catalogue";
import type { AuthContext } from "./auth-context";

export const meSchema = z
  .object({
    id: z.string().meta({ example: "usr_4Kq9ZtR2mX8bWc1nP0aL" }),
    email: z.email(),
    name: z.string(),
    email_verified: z.boolean().meta({
      description:
        "Whether someone proved they receive mail at `email` (a reset or verification link, or an operator at creation)",
    }),
    organization: z.object({ id: z.string(), name: z.string() }),
    role: z.enum(ROLES),
    scopes: z.array(scopeSchema),
    token: z.object({
      type: z.enum(["api_key", "access_token", "session", "oauth"]),
      id: z.string().meta({
        description: "The key, token or session id; for an app's OAuth token, its grant's id",
      }),
      client_id: z
        .string()
        .optional()
        .meta({ description: "OAuth tokens only: the app (client_id) the token was issued to" }),
    }),
  })
  .meta({ id: "Me" });

export function describeMe(ctx: AuthContext): z.infer<typeof meSchema> {
  return {
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    email_verified: ctx.user.emailVerified ?? false,
    organization: ctx.organization,
    role: ctx.role,
    scopes: [...ctx.scopes],
    token: {
      type: ctx.credential.type,
      id: ctx.credential.id,
      ...(ctx.credential.clientId ? { client_id: ctx.credential.clientId } : {}),
    },
  };
}
