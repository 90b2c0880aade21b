import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { SCOPES } from "@/lib/scopes";
import { OPERATIONS } from "@/server/http/operations";
import { generateToken, TOKEN_KINDS } from "@/server/tokens/format";
import { createTokenSchema } from "@/server/tokens/schemas";
import { ConformanceChecker } from "@/tests/helpers/conformance";
import { snapshot } from "@/tests/helpers/db-snapshot";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { type Invoked, invoke } from "@/tests/helpers/invoke";
import { type ApiRoute, apiRoutes, fillPath } from "@/tests/helpers/routes";
import { login } from "@/tests/helpers/tokens";

/*
 * Random headers, query strings, path ids and bodies against every documented operation.
 * Every answer: a contract status (never a 5xx), the JSON error shape on errors, a response the
 * OpenAPI document describes, the database unchanged when refused, and a bounded cost: the best
 * of three tries under 250 ms. That is a guard against work that freezes the process (a
 * catastrophic regex, a 60 KB field parsed the slow way: seconds), not a speed test, which lives
 * in npm run bench; a tighter bound races the scheduler on a shared 2-core machine.
 */
const CONTRACT_ERRORS = [400, 401, 403, 404, 405, 409, 413, 415, 429];
const BUDGET_MS = 250;
const NUM_RUNS = 30;
const BODY_METHODS = new Set(["POST", "PATCH", "DELETE"]);

let routes: ApiRoute[];
let checker: ConformanceChecker;
let valid: { tokens: string[]; orgs: string[]; keyId: string };
let slowest = { ms: 0, where: "" };

beforeAll(async () => {
  await getDb();
  routes = await apiRoutes();
  checker = await ConformanceChecker.load();
  const ownerKey = await createKey(
    DEMO.acmeOwner,
    "acme",
    SCOPES.filter((s) => s !== "admin:organizations"),
  );
  valid = {
    tokens: [
      ownerKey.secret,
      (await login(DEMO.acmeOwner)).access_token,
      (await login(DEMO.admin)).access_token,
    ],
    orgs: [await orgId("acme"), await orgId("globex")],
    keyId: ownerKey.key.id,
  };
});

afterAll(() => {
  console.info(`fuzz: slowest case ${slowest.ms.toFixed(1)} ms (${slowest.where})`);
});

const headerSafe = (value: string) => {
  try {
    new Headers({ x: value });
    return true;
  } catch {
    return false;
  }
};

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", "\u0000", "\ud800", "\udfff", "null", "-1", "1e309", "💥", "../../etc"),
);
const headerText = anyText.filter(headerSafe);

const wellFormedToken = fc.constantFrom(...TOKEN_KINDS).map((kind) => generateToken(kind));

function authorization() {
  return fc.option(
    fc.oneof(
      headerText,
      // Safe alone is not safe after "Bearer ": Headers trims a leading "\n", not an inner one.
      headerText.map((t) => `Bearer ${t}`).filter(headerSafe),
      wellFormedToken.map((t) => `Bearer ${t}`),
      fc.constantFrom(...valid.tokens).map((t) => `Bearer ${t}`),
      fc.constantFrom(...valid.tokens).map((t) => `bearer  ${t} `),
      fc.constantFrom(...valid.tokens).map((t) => `Basic ${t}`),
    ),
    { nil: undefined, freq: 2 },
  );
}

const organization = () =>
  fc.option(fc.oneof(headerText, fc.constantFrom(...valid.orgs), fc.constant("org_0000")), {
    nil: undefined,
  });

const forwardedFor = fc.option(
  fc.oneof(
    headerText,
    // Safe parts are not a safe list: Headers trims a part's leading "\n", not an inner one.
    fc
      .array(fc.oneof(fc.ipV4(), fc.ipV6(), headerText), { maxLength: 4 })
      .map((l) => l.join(","))
      .filter(headerSafe),
  ),
  { nil: undefined },
);

const query = fc.dictionary(
  fc.oneof(fc.constantFrom("limit", "cursor", "status", "from", "to", "interval"), fc.string()),
  fc.oneof(
    anyText,
    fc.integer().map(String),
    fc.constantFrom("0", "101", "1e999", "NaN", "2024-01-01T00:00:00Z"),
  ),
  { maxKeys: 4 },
);

/** Deep nesting under 64 KiB: the shapes that used to cost a 500 and 100-300 ms (issue 8 #2). */
const DEEP: Record<string, string> = {
  "arrays 5000 deep": `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
  "arrays 30000 deep": `${"[".repeat(30_000)}${"]".repeat(30_000)}`,
  "objects 5000 deep": `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
  "objects 10000 deep": `${'{"":'.repeat(10_000)}1${"}".repeat(10_000)}`,
  "a field 20000 deep": `{"name":${"[".repeat(20_000)}${"]".repeat(20_000)},"scopes":["read:users"]}`,
  "70000 bytes": "x".repeat(70_000),
};

/** A body close to the route's own shape, with random values: reaches validation and beyond. */
const shaped = fc.record(
  {
    name: anyText,
    scopes: fc.array(fc.oneof(fc.constantFrom(...SCOPES), anyText), { maxLength: 3 }),
    expires_at: fc.oneof(
      anyText,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    description: anyText,
    started_at: fc.oneof(
      anyText,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    duration_minutes: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -0, 2 ** 53 + 1)),
    grace_seconds: fc.oneof(fc.integer(), fc.double(), fc.constant(1e308)),
    email: fc.oneof(anyText, fc.constantFrom(DEMO.acmeOwner, "nobody@example.test")),
    password: anyText,
    organization_id: anyText,
    refresh_token: fc.oneof(anyText, wellFormedToken),
    token: fc.oneof(anyText, wellFormedToken),
    token_type_hint: anyText,
  },
  { requiredKeys: [] },
);

const body = fc.option(
  fc.oneof(
    shaped.map((value) => ({ json: value })),
    fc.jsonValue().map((value) => ({ json: value })),
    // Named, so a failing case prints its name rather than 60,000 brackets.
    fc.constantFrom(...Object.keys(DEEP)).map((deep) => ({ deep })),
    fc
      .constantFrom(
        '{"name":"x","scopes":["read:users"],"n":1e999999}',
        '{"description":"\\ud800","started_at":"2024-01-01T00:00:00Z","duration_minutes":5}',
        '{"name":"\\u0000"}',
        '{"name":',
        "\u0000",
      )
      .map((raw) => ({ raw })),
    fc.string({ unit: "binary", maxLength: 200 }).map((raw) => ({ raw })),
  ),
  { nil: undefined },
);

const contentType = fc.option(
  fc.oneof(
    fc.constant("application/json"),
    fc.constant("application/json; charset=utf-8"),
    fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/problem+json"),
  ),
  { nil: undefined, freq: 5 },
);

const idParam = () =>
  fc.oneof(
    fc.constant(valid.keyId),
    anyText,
    fc.string().map((s) => `key_${s}`),
  );

function caseArbitrary(route: ApiRoute) {
  return fc.record({
    authorization: authorization(),
    organization: organization(),
    forwardedFor,
    query,
    id: idParam(),
    body: BODY_METHODS.has(route.op.method) ? body : fc.constant(undefined),
    contentType,
  });
}

type Case = ReturnType<typeof caseArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function send(route: ApiRoute, c: Case): Promise<Invoked> {
  const headers: Record<string, string> = {};
  if (c.authorization !== undefined) headers.authorization = c.authorization;
  if (c.organization !== undefined) headers["x-organization-id"] = c.organization;
  if (c.forwardedFor !== undefined) headers["x-forwarded-for"] = c.forwardedFor;
  let rawBody: string | undefined;
  if (c.body) {
    rawBody =
      "json" in c.body
        ? JSON.stringify(c.body.json)
        : "deep" in c.body
          ? DEEP[c.body.deep]
          : c.body.raw;
    headers["content-type"] = c.contentType ?? "application/json";
  }
  // Every path parameter ({id}, {secret_id}) gets the case's id.
  const params = Object.fromEntries(
    [...route.op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name as string, c.id]),
  );
  let path: string;
  try {
    path = fillPath(route.op.path, params);
  } catch {
    path = fillPath(route.op.path, Object.fromEntries(Object.keys(params).map((n) => [n, "x"])));
  }
  const search = new URLSearchParams(c.query).toString();
  return invoke(route.handler, {
    method: route.op.method,
    path: search ? `${path}?${search}` : path,
    headers,
    rawBody,
    params,
  });
}

/**
 * Exempt from the budget: password checks run scrypt on purpose (tens of ms), and /health's
 * time is the database's own answer time, which it exists to report.
 */
function checksPassword(route: ApiRoute, c: Case): boolean {
  if (route.name === "GET /health") return true;
  return (
    route.name === "POST /auth/token" &&
    c.body !== undefined &&
    "json" in c.body &&
    createTokenSchema.safeParse(c.body.json).success
  );
}

async function timed(route: ApiRoute, c: Case): Promise<{ res: Invoked; ms: number }> {
  const started = performance.now();
  const res = await send(route, c);
  return { res, ms: performance.now() - started };
}

const problems: string[] = [];

async function fuzzRoute(route: ApiRoute) {
  const success = route.op.response.status;
  await fc.assert(
    fc.asyncProperty(caseArbitrary(route), async (c) => {
      const before = await snapshot();
      let { res, ms } = await timed(route, c);
      const where = `${route.name} ${JSON.stringify(c).slice(0, 300)}`;
      expect([success, ...CONTRACT_ERRORS], `${where} -> ${JSON.stringify(res.body)}`).toContain(
        res.status,
      );
      if (res.status >= 400) {
        expect(res.body?.error?.code, where).toEqual(expect.any(String));
        expect(res.body?.error?.message, where).toEqual(expect.any(String));
        expect(res.headers.get("content-type"), where).toContain("application/json");
        const after = await snapshot();
        // Issue 8 writes a platform admin's override audit row once the rate-limit and scope
        // checks pass: a later refusal (400, 404, another organization's key) may carry one;
        // a 401, a 429 or a missing scope never.
        const beforeScopeCheck =
          res.status === 401 ||
          res.status === 429 ||
          (res.status === 403 && res.body?.error?.details?.required_scope !== undefined);
        if (!beforeScopeCheck) after.audit_overrides = before.audit_overrides ?? "";
        const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
        const detail = changed.map(
          (t) => `${t}: ${before[t]?.slice(-400)} => ${after[t]?.slice(-400)}`,
        );
        expect(
          changed,
          `${where}: database changed by a ${res.status}\n${detail.join("\n")}`,
        ).toEqual([]);
      }
      problems.push(...checker.check(route.op, res));
      if (!checksPassword(route, c)) {
        // Generous per case: a slow first try (scheduler, GC, a shared CPU) is measured again
        // and the best of three counts; work that really costs (deep recursion) stays slow.
        for (let retry = 0; ms >= BUDGET_MS && retry < 2; retry++) {
          ms = Math.min(ms, (await timed(route, c)).ms);
        }
        if (ms > slowest.ms) slowest = { ms, where: `${route.name} -> ${res.status}` };
        expect(ms, `${where}: ${ms.toFixed(1)} ms of server time`).toBeLessThan(BUDGET_MS);
      }
    }),
    { numRuns: NUM_RUNS, examples: deepExamples(route) },
  );
}

/** Every deep body with a valid token, on every operation that reads a body: always tried. */
function deepExamples(route: ApiRoute): [Case][] {
  if (!BODY_METHODS.has(route.op.method)) return [];
  return Object.keys(DEEP).map((deep) => [
    {
      authorization: `Bearer ${valid.tokens[0]}`,
      organization: undefined,
      forwardedFor: undefined,
      query: {},
      id: valid.keyId,
      body: { deep },
      contentType: undefined,
    },
  ]);
}

describe("fuzzing every /api/v1 operation", () => {
  it("generates cases for every documented operation", () => {
    expect(routes.map((r) => r.name)).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`));
  });

  // One test per operation (named from the table when tests are collected), so that one defect
  // does not hide the others.
  for (const { method, path } of OPERATIONS) {
    const name = `${method.toUpperCase()} ${path}`;
    it(`${name}: random requests stay within the contract`, async () => {
      await fuzzRoute(routes.find((r) => r.name === name) as ApiRoute);
    }, 60_000);
  }

  it("conforms to the OpenAPI document in every answer", () => {
    expect([...new Set(problems)]).toEqual([]);
  });
});
