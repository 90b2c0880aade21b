import { count, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { oauthClientSecrets } from "@/db/schema";
import { newId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { requireFeature } from "@/server/organizations/governance";
import { displayParts, generateToken, hashToken } from "@/server/tokens/format";
import { findOrganizationApp } from "./find-oauth-app";

/** Two live secrets let an app rotate with no downtime: add, deploy, delete the old one. */
export const MAX_CLIENT_SECRETS = 2;

export interface IssuedClientSecret {
  id: string;
  prefix: "vlt_cs_";
  last4: string;
  created_at: string;
  last_used_at: null;
  client_secret: string;
}

/** Makes a `vlt_cs_` secret for an app; only its SHA-256 hash is stored. */
export async function insertClientSecret(
  tx: Tx,
  appId: string,
  createdBy: string,
): Promise<IssuedClientSecret> {
  const secret = generateToken("cs");
  const [row] = await tx
    .insert(oauthClientSecrets)
    .values({
      id: newId("csec"),
      appId,
      secretHash: hashToken(secret),
      last4: displayParts(secret).last4,
      createdBy,
    })
    .returning();
  if (!row) throw new Error("client secret insert returned nothing");
  return {
    id: row.id,
    prefix: "vlt_cs_",
    last4: row.last4,
    created_at: row.createdAt.toISOString(),
    last_used_at: null,
    client_secret: secret,
  };
}

/**
 * A new client secret for a confidential app, shown once. Refused (409) while the app already
 * has two: delete the one being replaced first. The app's row is locked, so two concurrent
 * requests cannot both see room for one more.
 */
export async function createClientSecret(
  ctx: AuthContext,
  appId: string,
): Promise<IssuedClientSecret> {
  requireScope(ctx, "write:oauth-apps");
  assertMember(ctx, "create client secrets");
  return ctx.db.transaction(async (tx) => {
    const app = await findOrganizationApp(tx, ctx, appId, { lock: true });
    // Kept read-only on a plan without OAuth apps (after a downgrade): never deleted.
    await requireFeature(tx, ctx.organization.id, "oauth_apps");
    if (app.clientType === "public") {
      throw new ApiError(
        "CONFLICT",
        "A public app has no client secret: it authenticates with PKCE alone",
      );
    }
    const [existing] = await tx
      .select({ n: count() })
      .from(oauthClientSecrets)
      .where(eq(oauthClientSecrets.appId, app.id));
    if ((existing?.n ?? 0) >= MAX_CLIENT_SECRETS) {
      throw new ApiError(
        "CONFLICT",
        `This app already has ${MAX_CLIENT_SECRETS} client secrets, the most it can have: delete the one you are replacing first`,
        { limit: MAX_CLIENT_SECRETS },
      );
    }
    const secret = await insertClientSecret(tx, app.id, ctx.user.id);
    await recordAudit(tx, actorOf(ctx), {
      action: "oauth_app.secret_created",
      organizationId: ctx.organization.id,
      targetType: "oauth_app",
      targetId: app.id,
      metadata: { name: app.name, secret_id: secret.id, last4: secret.last4 },
    });
    return secret;
  });
}
