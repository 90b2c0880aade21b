import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { OPERATIONS } from "@/server/http/operations";
import { ConformanceChecker, fetchOpenApiDocument } from "@/tests/helpers/conformance";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

/*
 * The checker the attack suite validates every response with (tenancy-matrix, fuzz): Ajv on the
 * served document. These tests prove it compiles the whole document and is not vacuous.
 */
let checker: ConformanceChecker;
const me = OPERATIONS.find((op) => op.path === "/auth/me") as (typeof OPERATIONS)[number];

beforeAll(async () => {
  await getDb();
  checker = await ConformanceChecker.load();
});

describe("response conformance against /api/v1/openapi.json", () => {
  it("compiles a JSON Schema 2020-12 validator for every documented response", async () => {
    const doc = await fetchOpenApiDocument();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const documented = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => Object.keys(op.responses)),
    );
    expect(checker.compileAll()).toBe(documented.length);
  });

  it("accepts a real answer, and refuses an undocumented field, status or leaked secret in it", async () => {
    const token = (await login(DEMO.acmeOwner)).access_token;
    const res = await invoke(meRoute.GET, { path: "/auth/me", token });
    expect(res.status).toBe(200);
    expect(checker.check(me, res)).toEqual([]);

    const extraField = { ...res, body: { data: { ...res.body.data, password_hash: "x" } } };
    expect(checker.check(me, extraField).join("\n")).toContain(
      'undocumented field "password_hash"',
    );
    expect(checker.check(me, { ...res, status: 418 }).join("\n")).toContain("undocumented status");
    const leaked = { ...res, body: { data: { ...res.body.data, name: token } } };
    expect(checker.check(me, leaked).join("\n")).toContain("carries a token");
    const hashed = { ...res, body: { data: { ...res.body.data, name: "ab".repeat(32) } } };
    expect(checker.check(me, hashed).join("\n")).toContain("64-hex hash");
  });

  it("refuses an error answer that is not the documented error shape", async () => {
    const res = await invoke(meRoute.GET, { path: "/auth/me" });
    expect(res.status).toBe(401);
    expect(checker.check(me, res)).toEqual([]);
    const bare = { ...res, body: { message: "nope" } };
    expect(checker.check(me, bare)).not.toEqual([]);
  });
});
