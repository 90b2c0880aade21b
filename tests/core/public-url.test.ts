import { afterEach, describe, expect, it } from "vitest";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { env, resetEnvForTests } from "@/lib/env";
import { invoke } from "@/tests/helpers/invoke";

// What a client or a poisoned cache in front of us could send to pick the links we hand out.
const SPOOFED = {
  host: "evil.example",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
};

function withPublicUrl(value: string | undefined) {
  if (value === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = value;
  resetEnvForTests();
}

afterEach(() => withPublicUrl(undefined));

describe("the OpenAPI servers URL never follows request headers", () => {
  it("is a relative /api/v1 without PUBLIC_URL, whatever Host says", async () => {
    withPublicUrl(undefined);
    const res = await invoke(openapiRoute.GET, { path: "/openapi.json", headers: SPOOFED });
    expect(res.status).toBe(200);
    expect(res.body.servers).toEqual([{ url: "/api/v1" }]);
    expect(JSON.stringify(res.body)).not.toContain("evil.example");
  });

  it("is PUBLIC_URL + /api/v1 when configured, whatever Host says", async () => {
    withPublicUrl("https://api.voltasis.example/");
    const res = await invoke(openapiRoute.GET, { path: "/openapi.json", headers: SPOOFED });
    expect(res.status).toBe(200);
    expect(res.body.servers).toEqual([{ url: "https://api.voltasis.example/api/v1" }]);
    expect(JSON.stringify(res.body)).not.toContain("evil.example");
  });
});

describe("PUBLIC_URL validation", () => {
  it.each([
    ["https://api.voltasis.example", "https://api.voltasis.example"],
    ["https://api.voltasis.example/", "https://api.voltasis.example"],
    ["http://localhost:3000", "http://localhost:3000"],
  ])("accepts %s as %s", (value, expected) => {
    withPublicUrl(value);
    expect(env().PUBLIC_URL).toBe(expected);
  });

  it.each([
    "api.voltasis.example",
    "/api/v1",
    "ftp://api.voltasis.example",
    "javascript:alert(1)",
    "https://api.voltasis.example/api/v1",
    "https://api.voltasis.example/?x=1",
    "https://user:pass@api.voltasis.example",
  ])("refuses %s at startup, naming the variable", (value) => {
    withPublicUrl(value);
    expect(() => env()).toThrow(/PUBLIC_URL/);
  });
});
