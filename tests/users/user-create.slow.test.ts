import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as tokenRoute from "@/app/api/v1/auth/token/route";
import { getDb } from "@/db";
import { memberships } from "@/db/schema";
import { createUser } from "@/server/users/create-user";
import { invoke } from "@/tests/helpers/invoke";

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
    const args = ["--email", "ops@example.test", "--name", "Ops", "--new-org", "Ops Co"];
    const ok = await runCli([...args, "--platform-admin"], "lantern velvet harbour 71\n");
    expect(ok.out).toMatch(
      /Created ops@example.test .*owner of Ops Co \(org_\w+, new\).*platform admin/,
    );
    expect(ok.code).toBe(0);
    const weak = await runCli(args, "password\n");
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/at least 12 characters/);
    const missing = await runCli(["--email", "x@example.test"], "");
    expect(missing.code).toBe(2);
  }, 60_000);

  // Names are not unique: an organization is never chosen by its name (issue 17, item 12).
  it("--org takes an organization id, never a name; --new-org creates one", async () => {
    const who = ["--email", "ops@example.test", "--name", "Ops"];
    const password = "lantern velvet harbour 71\n";
    const byName = await runCli([...who, "--org", "Example"], password);
    expect(byName.code).toBe(2);
    expect(byName.out).toMatch(/--org takes an organization id \(org_…\).*--new-org/);
    const both = await runCli(
      [...who, "--org", "org_0000000000000000", "--new-org", "X"],
      password,
    );
    expect(both.code).toBe(2);
    const unknown = await runCli([...who, "--org", "org_0000000000000000"], password);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/No organization with the id org_0000000000000000/);
  }, 60_000);

  it("creates an account that can sign in, owner of a new organization", async () => {
    const email = `cli-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const password = "meadow quartz signal 58";
    const created = await createUser({
      email,
      name: "Cli User",
      password,
      organization: { newName: "Cli Org" },
    });
    expect(created).toMatchObject({ organizationName: "Cli Org", createdOrganization: true });
    await expect(
      createUser({ email, name: "Again", password, organization: { newName: "Cli Org" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const login = await invoke(tokenRoute.POST, {
      method: "POST",
      path: "/auth/token",
      body: { email, password },
    });
    expect(login.status).toBe(200);
    const me = await invoke(meRoute.GET, { path: "/auth/me", token: login.body.data.access_token });
    expect(me.body.data).toMatchObject({
      email,
      role: "owner",
      organization: { id: created.organizationId, name: "Cli Org" },
    });
  });

  it("joins the organization with that id as owner, not another of the same name", async () => {
    const password = "meadow quartz signal 58";
    const first = await createUser({
      email: `twin-a-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: "Twin A",
      password,
      organization: { newName: "Twin" },
    });
    // A second organization of the same name: --new-org never joins the first.
    const second = await createUser({
      email: `twin-b-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: "Twin B",
      password,
      organization: { newName: "Twin" },
    });
    expect(second.createdOrganization).toBe(true);
    expect(second.organizationId).not.toBe(first.organizationId);

    const email = `twin-c-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const joined = await createUser({
      email,
      name: "Twin C",
      password,
      organization: { id: second.organizationId },
    });
    expect(joined).toMatchObject({
      organizationId: second.organizationId,
      organizationName: "Twin",
      createdOrganization: false,
    });
    const db = await getDb();
    const rows = await db
      .select({ organizationId: memberships.organizationId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, joined.userId));
    expect(rows).toEqual([{ organizationId: second.organizationId, role: "owner" }]);

    await expect(
      createUser({
        email: `twin-d-${Math.random().toString(36).slice(2, 8)}@example.test`,
        name: "Twin D",
        password,
        organization: { id: "org_doesnotexist0000000" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      createUser({
        email: `twin-e-${Math.random().toString(36).slice(2, 8)}@example.test`,
        name: "Twin E",
        password,
        organization: { id: "Twin" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });
});
