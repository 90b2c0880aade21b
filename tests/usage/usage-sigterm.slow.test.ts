import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { usageBuckets } from "@/db/schema";

const FIXTURE = path.join(import.meta.dirname, "../fixtures/usage-sigterm.ts");
const pgliteDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), "vlt-"));

afterAll(() => {
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

/** Runs the fixture against this file's database: its PostgreSQL clone, or a PGlite folder. */
function startChild(tokenId: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: path.join(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      USAGE_TOKEN_ID: tokenId,
      ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function waitForLine(child: ChildProcess, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split("\n")) if (test(line)) resolve(line);
    });
    child.on("exit", (code) => reject(new Error(`fixture exited with ${code}: ${buffer}`)));
  });
}

async function countsIn(tokenId: string): Promise<Record<string, number>> {
  if (pgliteDir) {
    const { PGlite } = await import("@electric-sql/pglite");
    const client = await PGlite.create(pgliteDir);
    try {
      const { rows } = await client.query<{ status_class: string; n: number }>(
        "select status_class, sum(count)::int as n from usage_buckets where token_id = $1 group by 1",
        [tokenId],
      );
      return Object.fromEntries(rows.map((r) => [r.status_class, r.n]));
    } finally {
      await client.close();
    }
  }
  const db = await getDb();
  const rows = await db
    .select({
      statusClass: usageBuckets.statusClass,
      n: sql<number>`sum(${usageBuckets.count})`.mapWith(Number),
    })
    .from(usageBuckets)
    .where(eq(usageBuckets.tokenId, tokenId))
    .groupBy(usageBuckets.statusClass);
  return Object.fromEntries(rows.map((r) => [r.statusClass, r.n]));
}

describe("usage on shutdown", () => {
  it("flushes what is buffered when the process receives SIGTERM", async () => {
    const tokenId = `tok_sigterm${Date.now()}`;
    const child = startChild(tokenId);
    await waitForLine(child, (line) => line === "ready");
    const report = waitForLine(child, (line) => line.startsWith("{"));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    const { recorded, pendingAtSignal } = JSON.parse(await report) as {
      recorded: number;
      pendingAtSignal: number;
    };
    expect(await exited).toBe(0);
    // Some events were still in the buffer at the signal: only the shutdown flush wrote them.
    expect(pendingAtSignal).toBeGreaterThan(0);
    expect(recorded).toBeGreaterThan(pendingAtSignal);

    const counts = await countsIn(tokenId);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(recorded);
    // The fixture cycles statuses 200, 200, 201, 404, 429, 500.
    const classes = ["2xx", "2xx", "2xx", "4xx", "4xx", "5xx"] as const;
    const expected = { "2xx": 0, "4xx": 0, "5xx": 0 };
    for (let i = 0; i < recorded; i++) expected[classes[i % 6] ?? "2xx"] += 1;
    expect(counts).toEqual(expected);
  }, 90_000);
});
