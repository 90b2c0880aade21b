import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as catchAllRoute from "@/app/api/v1/[[...path]]/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as healthRoute from "@/app/api/v1/health/route";
import { logger, setLogDestinationForTests, setLogLevel } from "@/lib/logger";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  setLogLevel("info");
  setLogDestinationForTests({ write: (line: string) => lines.push(JSON.parse(line)) });
});

afterEach(() => {
  setLogDestinationForTests(undefined);
  setLogLevel("warn");
});

const requestLines = () => lines.filter((line) => line.msg === "request");

describe("the request log line", () => {
  it("names the request, the credential, the route, the status and the time", async () => {
    const { secret, key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await invoke(meRoute.GET, { path: "/auth/me", token: secret, ip: "203.0.113.9" });
    expect(res.status).toBe(200);
    const [line, ...more] = requestLines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: "info",
      component: "http",
      request_id: res.headers.get("x-request-id"),
      method: "GET",
      route: "/auth/me",
      status: 200,
      ip: "203.0.113.9",
      org_id: await orgId("acme"),
      credential_type: "api_key",
      credential_id: key.id,
    });
    expect(line?.duration_ms).toEqual(expect.any(Number));
    expect(line?.time).toEqual(expect.any(String));
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it("is written for refusals, public routes and unmatched paths too", async () => {
    const refused = await invoke(meRoute.GET, { path: "/auth/me", token: "vlt_test_nonsense" });
    expect(refused.status).toBe(401);
    expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);
    const unmatched = await invoke(catchAllRoute.GET, { path: "/no/such/thing" });
    expect(unmatched.status).toBe(404);
    expect(requestLines()).toEqual([
      expect.objectContaining({
        request_id: refused.headers.get("x-request-id"),
        route: "/auth/me",
        status: 401,
        credential_type: null,
        credential_id: null,
        org_id: null,
      }),
      expect.objectContaining({ route: "/health", status: 200, credential_type: null }),
      expect.objectContaining({ route: "(unmatched)", status: 404 }),
    ]);
  });

  it("is not written above info", async () => {
    setLogLevel("warn");
    expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);
    expect(requestLines()).toEqual([]);
  });
});

describe("redaction", () => {
  it("blanks credentials at the top of a line and inside the objects a line carries (headers, body, input, err, details…)", () => {
    logger().info(
      {
        authorization: "Bearer top-level-secret",
        password: "hunter2",
        headers: { authorization: "Bearer nested-secret", cookie: "session=abc" },
        body: { token: "tok-secret", refresh_token: "rt-secret", client_secret: "cs-secret" },
        details: { secret: "whsec_secret" },
        req: { headers: { "set-cookie": "a=b", "x-api-key": "k" } },
      },
      "redaction probe",
    );
    const [line] = lines;
    const text = JSON.stringify(line);
    for (const secret of [
      "top-level-secret",
      "hunter2",
      "nested-secret",
      "session=abc",
      "tok-secret",
      "rt-secret",
      "cs-secret",
      "whsec_secret",
      "a=b",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(line).toMatchObject({
      authorization: "[redacted]",
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      body: { token: "[redacted]" },
    });
  });
});
