import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { apiKeys, auditLogs } from "@/db/schema";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { createKey, DEMO, keyContext, rolledBack, sessionContext } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

beforeAll(async () => {
  await getDb();
});

const freshName = () => `verb-guard ${Math.random().toString(36).slice(2, 10)}`;

async function auditOf(targetId: string, action: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.targetId, targetId), eq(auditLogs.action, action)));
}

describe("API key verbs called directly, with no door in front", () => {
  it("revokeApiKey refuses a key without write:api-keys and revokes nothing", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    // The owner may revoke any key of Acme, but this key of theirs holds only read:api-keys.
    const ctx = await keyContext(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    expect(ctx.scopes).toEqual(["read:api-keys"]);

    await expect(revokeApiKey(ctx, key.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:api-keys" },
    });
    const db = await getDb();
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.revokedAt).toBeNull();
    expect(await auditOf(key.id, "api_key.revoked")).toEqual([]);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(200);
  });

  it("createApiKey refuses a key without write:api-keys and creates nothing", async () => {
    const ctx = await keyContext(DEMO.acmeOwner, "acme", ["read:api-keys", "read:users"]);
    const name = freshName();
    await expect(createApiKey(ctx, { name, scopes: ["read:users"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { required_scope: "write:api-keys" },
    });
    const db = await getDb();
    expect(await db.select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);
  });
});

describe("API key verbs write through ctx.db", () => {
  it("createApiKey in a caller's transaction: the key and its audit entry go with it", async () => {
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    const name = freshName();
    const made = await rolledBack(async (tx) => {
      const { key } = await createApiKey({ ...ctx, db: tx }, { name, scopes: ["read:users"] });
      // Written, and visible, inside the caller's transaction.
      expect(await tx.select().from(apiKeys).where(eq(apiKeys.id, key.id))).toHaveLength(1);
      return key;
    });
    const db = await getDb();
    expect(await db.select().from(apiKeys).where(eq(apiKeys.id, made.id))).toEqual([]);
    expect(await db.select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);
    expect(await auditOf(made.id, "api_key.created")).toEqual([]);
  });

  it("revokeApiKey in a caller's transaction that rolls back: the key still works", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const ctx = await sessionContext(DEMO.acmeOwner, "acme");
    const revoked = await rolledBack((tx) => revokeApiKey({ ...ctx, db: tx }, key.id));
    expect(revoked.status).toBe("revoked");

    const db = await getDb();
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.revokedAt).toBeNull();
    expect(await auditOf(key.id, "api_key.revoked")).toEqual([]);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(200);
  });
});
