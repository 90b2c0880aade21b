import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import { createUser } from "@/server/users/create-user";
import { call } from "../../helpers/tokens";

function runCli(args: string[], stdin: string, extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/user-create.ts", ...args], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "",
        PGLITE_DIR: "memory://",
        ...extraEnv,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

describe("npm run user:create", () => {
  it("reads the password from standard input and refuses a weak one", async () => {
    const args = ["--email", "ops@example.test", "--name", "Ops", "--org", "Ops Co"];
    const ok = await runCli([...args, "--platform-admin"], "lantern velvet harbour 71\n");
    expect(ok.out).toMatch(/Created ops@example.test .*owner of Ops Co.*platform admin/);
    expect(ok.code).toBe(0);
    const weak = await runCli(args, "password\n");
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/at least 12 characters/);
    const missing = await runCli(["--email", "x@example.test"], "");
    expect(missing.code).toBe(2);
  }, 60_000);

  it("creates an account that can sign in, owner of its organization", async () => {
    const email = `cli-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const password = "meadow quartz signal 58";
    await createUser({ email, name: "Cli User", password, organization: "Cli Org" });
    await expect(
      createUser({ email, name: "Again", password, organization: "Cli Org" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const login = await call(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email, password },
    });
    expect(login.status).toBe(200);
    const me = await call(meRoute.GET, { path: "/auth/me", token: login.body.data.access_token });
    expect(me.body.data).toMatchObject({ email, role: "owner", organization: { name: "Cli Org" } });
  });
});
