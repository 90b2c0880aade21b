import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { usageBuckets } from "@/db/schema";

const FIXTURE = path.join(import.meta.dirname, "../../fixtures/api-server.ts");
const pgliteDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), "vlt-"));
const CONCURRENCY = 40;
// Every request waits in the fixture for the signal, then this long, so all of them are in flight
// when it lands and still being worked on while the server shuts down.
const REQUEST_MS = 1_000;

afterAll(() => {
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

interface Started {
  path: string;
  status?: number;
  error?: string;
}

/** One request on its own connection; resolves with the status or the network error. */
function get(port: number, urlPath: string, token: string): Promise<Started> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: urlPath,
        agent: false,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ path: urlPath, status: res.statusCode }));
        res.on("error", (error) => resolve({ path: urlPath, error: error.message }));
      },
    );
    req.on("error", (error) => resolve({ path: urlPath, error: error.message }));
    req.end();
  });
}

function startServer(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: path.join(import.meta.dirname, "../../.."),
    env: {
      ...process.env,
      FIXTURE_HOLD: "1",
      FIXTURE_DELAY_MS: String(REQUEST_MS),
      ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}),
    },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(line);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${buffer}`)));
  });
}

async function usageOf(tokenId: string): Promise<Record<string, number>> {
  const query =
    "select status_class, sum(count)::int as n from usage_buckets where token_id = $1 group by 1";
  if (pgliteDir) {
    const { PGlite } = await import("@electric-sql/pglite");
    const client = await PGlite.create(pgliteDir);
    try {
      const { rows } = await client.query<{ status_class: string; n: number }>(query, [tokenId]);
      return Object.fromEntries(rows.map((r) => [r.status_class, r.n]));
    } finally {
      await client.close();
    }
  }
  const rows = await (await getDb())
    .select({
      statusClass: usageBuckets.statusClass,
      n: sql<number>`sum(${usageBuckets.count})`.mapWith(Number),
    })
    .from(usageBuckets)
    .where(eq(usageBuckets.tokenId, tokenId))
    .groupBy(usageBuckets.statusClass);
  return Object.fromEntries(rows.map((r) => [r.statusClass, r.n]));
}

describe("SIGTERM under load", () => {
  it("finishes every request in flight, flushes their usage and exits 0", async () => {
    const child = startServer();
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const { port, secret, keyId } = JSON.parse(await firstLine(child)) as {
      port: number;
      secret: string;
      keyId: string;
    };

    let received = 0;
    child.on("message", () => {
      received += 1;
    });
    const started = Array.from({ length: CONCURRENCY }, (_, n) =>
      get(port, n % 2 ? "/api/v1/auth/me" : "/api/v1/users", secret),
    );
    // The signal lands once every request has reached the server (a connection still in the
    // kernel's accept queue when the listener closes is refused by the kernel, not by us).
    while (received < CONCURRENCY) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGTERM");
    const results = await Promise.all(started);

    expect(await exited).toBe(0);
    // Every request that was started got a complete answer, and a successful one.
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    // The database counts exactly the responses given, including the last ones.
    expect(await usageOf(keyId)).toEqual({ "2xx": results.length });
  }, 90_000);
});
