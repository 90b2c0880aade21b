import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as reportRoute from "@/app/api/v1/credentials/report/route";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { LEAK_REPORT_LIMIT } from "@/server/rate-limit/rate-limiter";
import { generateToken } from "@/server/tokens/format";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke, nextIp } from "@/tests/helpers/invoke";
import { mailsTo } from "@/tests/helpers/mail";

function report(body: unknown, ip?: string) {
  return invoke(reportRoute.POST, { method: "POST", path: "/credentials/report", body, ip });
}

describe("POST /credentials/report", () => {
  it("answers real and fake tokens alike, and revokes the real one", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const url = "https://pastebin.example/leak";
    const real = await report({ tokens: [secret], url });
    const fake = await report({ tokens: [generateToken("live"), "hello"], url });
    expect(real.status).toBe(202);
    expect(fake.status).toBe(202);
    expect(real.body).toEqual(fake.body);
    expect(real.body.data.status).toBe("accepted");

    expect((await invoke(meRoute.GET, { path: "/auth/me", token: secret })).status).toBe(401);
    const [audit] = await (await getDb())
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.targetId, key.id));
    const exposed = await (await getDb())
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "api_key.exposed"));
    expect(audit).toBeDefined();
    expect(exposed.find((a) => a.targetId === key.id)).toMatchObject({
      actorUserId: null,
      actorTokenId: "public_report",
      metadata: expect.objectContaining({ url, source: "public_report" }),
    });
    const display = `${secret.slice(0, 13)}…${secret.slice(-4)}`;
    expect((await mailsTo(DEMO.acmeOwner)).filter((m) => m.text.includes(display))).toHaveLength(1);
  });

  it("answers an already revoked token the same, and changes nothing more", async () => {
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const first = await report({ tokens: [secret] });
    const second = await report({ tokens: [secret] });
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    const display = `${secret.slice(0, 13)}…${secret.slice(-4)}`;
    expect((await mailsTo(DEMO.acmeOwner)).filter((m) => m.text.includes(display))).toHaveLength(1);
  });

  it(`allows ${LEAK_REPORT_LIMIT} reports a minute per address, then 429 with Retry-After`, async () => {
    const ip = nextIp();
    for (let i = 0; i < LEAK_REPORT_LIMIT; i++) {
      expect((await report({ tokens: ["x"] }, ip)).status).toBe(202);
    }
    const refused = await report({ tokens: ["x"] }, ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await report({ tokens: ["x"] })).status).toBe(202);
  });

  it.each([
    ["no tokens", {}],
    ["an empty list", { tokens: [] }],
    ["more than 100 tokens", { tokens: Array.from({ length: 101 }, () => "x") }],
    ["a token that is not a string", { tokens: [42] }],
    ["tokens that are not a list", { tokens: "vlt_live_x" }],
  ])("refuses %s with 400 VALIDATION_ERROR", async (_name, body) => {
    const res = await report(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await invoke(reportRoute.POST, {
      method: "POST",
      path: "/credentials/report",
      headers: { "content-type": "application/json" },
      rawBody: '{"tokens": [',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
  });
});
