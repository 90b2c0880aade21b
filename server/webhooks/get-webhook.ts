import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { findWebhook, toPublicWebhook } from "./public-webhook";
import type { PublicWebhook } from "./schemas";

/** One endpoint of the organization. */
export async function getWebhook(ctx: Viewer, id: string): Promise<PublicWebhook> {
  requireScope(ctx, "read:webhooks");
  return toPublicWebhook(await findWebhook(ctx.db, ctx, id));
}
