import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { findOrganizationApp } from "./find-oauth-app";
import { toPublicOAuthApp } from "./public-oauth-app";
import type { PublicOAuthApp } from "./schemas";

export async function getOAuthApp(ctx: Viewer, id: string): Promise<PublicOAuthApp> {
  requireScope(ctx, "read:oauth-apps");
  return toPublicOAuthApp(ctx.db, await findOrganizationApp(ctx.db, ctx, id));
}
