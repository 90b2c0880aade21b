import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/v1/health/route";
import { getDb } from "@/db";
import { instanceState, users } from "@/db/schema";
import { DEMO_EMAILS } from "@/db/seed";
import { setupAction } from "@/server/http/actions/setup-action";
import { createFirstUser, issueSetupLink, setupTokenValid } from "@/server/users/first-run";
import { callAction } from "@/tests/helpers/actions";
import { invoke } from "@/tests/helpers/invoke";

// The production start (`npm start`, NODE_ENV=production) on an empty embedded database, run as
// a real process: it opens and migrates the database without seeding and logs the setup link.
// Uses scripts/first-run-check.ts (the same startup code the health route runs), not a build.
describe("production start on an empty database", () => {
  it("creates no demo user and logs a one-time setup link", async () => {
    const dir = `memory://`;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("npx", ["tsx", "scripts/first-run-check.ts"], {
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", PGLITE_DIR: dir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", () => resolve(out));
    });
    expect(output).toMatch(
      /Set up Voltasis: http:\/\/localhost:3000\/setup\?token=[A-Za-z0-9_-]{40,}/,
    );
    expect(output).toMatch(/users: 0/);
    for (const email of DEMO_EMAILS) expect(output).not.toContain(email);
  }, 60_000);
});

describe("first-run setup", () => {
  it("no link while users exist; the health check stays 200", async () => {
    expect(await issueSetupLink()).toBeNull();
    const res = await invoke(healthRoute.GET, { path: "/health" });
    expect(res.status).toBe(200);
  });

  it("creates the first user with a valid token, once, and refuses wrong tokens", async () => {
    const db = await getDb();
    // This file's own database: empty it of users to act as a fresh install.
    await db.delete(users);
    const link = await issueSetupLink();
    expect(link).toMatch(/\/setup\?token=/);
    const token = new URL(link ?? "").searchParams.get("token") ?? "";
    expect(await setupTokenValid("wrong")).toBe(false);
    expect(await setupTokenValid(token)).toBe(true);
    const [state] = await db.select().from(instanceState);
    expect(state?.setupTokenHash).not.toContain(token);

    const input = {
      token,
      name: "First Person",
      email: "First@Example.test",
      password: "password1234",
      organization: "First Co",
    };
    const strong = { ...input, password: "tangerine orbit castle 93" };
    await expect(createFirstUser({ ...strong, token: "wrong" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(createFirstUser(input)).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    const results = await Promise.allSettled([createFirstUser(strong), createFirstUser(strong)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const all = await db.select().from(users);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ email: "first@example.test", isPlatformAdmin: true });
    expect(await setupTokenValid(token)).toBe(false);
    expect(await issueSetupLink()).toBeNull();
  });
});

describe("the setup form's action (an unauthenticated door)", () => {
  const strong = {
    name: "Second Person",
    email: "second@example.test",
    password: "tangerine orbit castle 93",
    organization: "Second Co",
  };

  it("refuses a wrong token before judging the password, and any call once a user exists", async () => {
    const db = await getDb();
    // Users exist (the previous test made one): refused whatever is sent, token or not.
    const link = await issueSetupLink();
    expect(link).toBeNull();
    const afterSetup = await callAction(setupAction, { fields: { ...strong, token: "anything" } });
    expect(afterSetup).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    // A fresh install again, with a real token printed: a wrong token and a weak password are
    // answered as a wrong token, so nobody without the token costs a zxcvbn or scrypt run.
    await db.delete(users);
    const token = new URL((await issueSetupLink()) ?? "").searchParams.get("token") ?? "";
    const weakWrong = await callAction(setupAction, {
      fields: { ...strong, password: "password1234", token: "wrong" },
    });
    expect(weakWrong).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await db.select().from(users)).toHaveLength(0);
    const ok = await callAction(setupAction, { fields: { ...strong, token } });
    expect(ok.ok).toBe(true);
    expect(await db.select().from(users)).toHaveLength(1);
  });

  it("refuses a 60 KB email (the quadratic regex froze the server) and a 101-character name", async () => {
    for (const fields of [
      { ...strong, email: `${"a@a.".repeat(15_000)}a`, token: "t" },
      { ...strong, email: `${"a".repeat(250)}@example.test`, token: "t" },
      { ...strong, name: "n".repeat(101), token: "t" },
    ]) {
      const outcome = await callAction(setupAction, { fields });
      expect(outcome).toMatchObject({ ok: false, error: { code: "VALIDATION_ERROR" } });
    }
  });
});
