import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * The public guide's examples, run as written against this server with only the base URL
 * changed (https://api.voltasis.com/v1 -> http://localhost:<port>/v1, which we serve too).
 */
const GUIDE = readFileSync(
  path.join(import.meta.dirname, "..", "docs", "authentication-guide.md"),
  "utf8",
);
const GUIDE_BASE = "https://api.voltasis.com/v1";

function codeBlocks(language: string): string[] {
  const fence = "`".repeat(3);
  const pattern = new RegExp(`${fence}${language}\\n([\\s\\S]*?)${fence}`, "g");
  return [...GUIDE.matchAll(pattern)].map((m) => m[1] ?? "");
}

function hasPythonRequests(): boolean {
  try {
    execFileSync("python3", ["-c", "import requests"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

let apiKey = "";
let baseURL = "";

test.beforeAll(async ({ request }, info) => {
  baseURL = String(info.project.use.baseURL);
  const login = await request.post("/api/v1/auth/token", {
    data: { email: "owner@acme.test", password: "voltasis-demo" },
  });
  expect(login.status()).toBe(200);
  const { access_token } = (await login.json()).data;
  const created = await request.post("/api/v1/api-keys", {
    headers: { Authorization: `Bearer ${access_token}` },
    data: {
      name: `Guide examples ${Date.now()}`,
      scopes: [
        "read:users",
        "read:api-keys",
        "write:api-keys",
        "write:time-entries",
        "write:oauth-apps",
      ],
    },
  });
  expect(created.status()).toBe(201);
  apiKey = (await created.json()).data.key;
});

function runShell(script: string): string {
  const swapped = script
    .replaceAll(GUIDE_BASE, `${baseURL}/v1`)
    .replaceAll("YOUR_API_KEY", apiKey)
    .replaceAll("your_api_key_here", apiKey);
  return execFileSync("bash", ["-c", `set -e\n${swapped.replaceAll("\\\n", " ")}`], {
    encoding: "utf8",
    env: { ...process.env, VOLTASIS_API_KEY: apiKey },
  });
}

test("every curl example in the guide answers with JSON from our server", async () => {
  const curlBlocks = codeBlocks("bash").filter((block) => block.includes("curl "));
  expect(curlBlocks.length).toBeGreaterThanOrEqual(3);
  for (const block of curlBlocks) {
    const output = runShell(`${block}\n`.replaceAll("curl ", "curl -sS --fail-with-body "));
    const body = JSON.parse(output);
    expect(body.data, block).toBeDefined();
  }
});

test("the guide's /auth/me example returns the documented shape", async () => {
  const block = codeBlocks("bash").find((b) => b.includes("/auth/me"));
  expect(block).toBeDefined();
  const body = JSON.parse(runShell(String(block).replaceAll("curl ", "curl -sS ")));
  expect(body.data).toMatchObject({
    id: expect.stringMatching(/^usr_/),
    email: "owner@acme.test",
    organization: { id: expect.stringMatching(/^org_/), name: "Acme" },
  });
});

test("the guide's axios client lists users", async () => {
  const [block] = codeBlocks("typescript");
  expect(block).toContain("axios.create");
  // Run inside the project so `import axios` resolves; print what the example fetched.
  const dataDir = path.join(import.meta.dirname, "..", ".data");
  mkdirSync(dataDir, { recursive: true });
  const dir = mkdtempSync(path.join(dataDir, "guide-"));
  const file = path.join(dir, "client.mts");
  writeFileSync(
    file,
    `${String(block).replaceAll(GUIDE_BASE, `${baseURL}/v1`)}\nconsole.log(JSON.stringify({ status: users.status, data: users.data }));\n`,
  );
  const output = execFileSync("npx", ["tsx", file], {
    encoding: "utf8",
    env: { ...process.env, VOLTASIS_API_KEY: apiKey },
  });
  const result = JSON.parse(output.trim().split("\n").pop() ?? "{}");
  expect(result.status).toBe(200);
  expect(result.data.data.map((u: { email: string }) => u.email)).toContain("owner@acme.test");
});

test("the guide's python requests snippet lists users", async () => {
  test.skip(!hasPythonRequests(), "python3 with requests is not installed");
  const [block] = codeBlocks("python");
  const script = `${String(block).replaceAll(GUIDE_BASE, `${baseURL}/v1`)}\nprint(response.status_code)\nprint(response.text)\n`;
  const output = execFileSync("python3", ["-c", script], {
    encoding: "utf8",
    env: { ...process.env, VOLTASIS_API_KEY: apiKey },
  });
  const [status, ...rest] = output.trim().split("\n");
  expect(status).toBe("200");
  expect(JSON.parse(rest.join("\n")).data.length).toBeGreaterThan(0);
});

test("the guide's key management calls work: create with scopes and expiry, list, revoke", async ({
  request,
}) => {
  const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  const example = /POST \/api\/v1\/api-keys\n(\{[\s\S]*?\n\})/.exec(GUIDE)?.[1];
  expect(example).toBeDefined();
  const asWritten = JSON.parse(String(example));
  // The guide's example expires on 2024-12-31, now in the past: a key born dead is refused with
  // a message that names the date, and the same request with a future date works.
  const refused = await request.post("/api/v1/api-keys", { headers, data: asWritten });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toContain(asWritten.expires_at);
  const nextYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
  const created = await request.post("/api/v1/api-keys", {
    headers,
    data: { ...asWritten, expires_at: nextYear },
  });
  expect(created.status()).toBe(201);
  const key = (await created.json()).data;
  expect(key.scopes).toEqual(["read:users", "write:time-entries"]);

  const list = await request.get("/api/v1/api-keys", { headers });
  expect((await list.json()).data.map((k: { id: string }) => k.id)).toContain(key.id);

  const revoked = await request.delete(`/api/v1/api-keys/${key.id}`, { headers });
  expect(revoked.status()).toBe(200);
  expect((await revoked.json()).data.status).toBe("revoked");
});

test("the guide's error bodies: 401 without a token, 403 for another organization", async ({
  request,
}) => {
  const missing = await request.get("/v1/users");
  expect(missing.status()).toBe(401);
  // The guide's body exactly, plus the reason and what to do about it.
  expect(await missing.json()).toEqual({
    error: {
      code: "UNAUTHORIZED",
      message: "Invalid or missing authentication token",
      details: { reason: "missing_header", hint: expect.any(String) },
    },
  });
  const override = await request.get("/v1/users", {
    headers: { Authorization: `Bearer ${apiKey}`, "X-Organization-ID": "org_123456789" },
  });
  expect(override.status()).toBe(403);
  expect((await override.json()).error).toMatchObject({
    code: "FORBIDDEN",
    message: "Insufficient permissions for this resource",
    details: { reason: "organization_not_allowed" },
  });
});
