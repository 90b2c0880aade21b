import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { getDb, getDbHandle } from "@/db";
import { organizations, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { Viewer } from "@/server/auth/auth-context";
import { rowsOf } from "@/server/core/sql-rows";
import { parseOrThrow } from "@/server/core/validation";
import { listRequestLogs } from "@/server/request-logs/list-request-logs";
import {
  flushRequestLog,
  recordRequest,
  setRequestLogAutoFlush,
} from "@/server/request-logs/record-request";
import { dayOf, ensurePartitions } from "@/server/request-logs/request-log-partitions";
import { listRequestLogsQuerySchema } from "@/server/request-logs/schemas";

const ROWS = Number(process.env.BENCH_REQUEST_LOG_ROWS ?? 1_000_000);
const KEYS = 500;
const DAYS = 20;
const DAY_MS = 86_400_000;
// Days of their own, long past: the bench's partitions are dropped at the end, whatever else
// the database holds.
const FIRST_DAY_AGO = 200;

const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

/**
 * The request log at size: 10k requests buffered and written in one flush, then 1M rows over 20
 * day partitions and 500 keys, and the pages the dashboard asks for (a key's recent requests,
 * the organization's, a member's), each timed over 25 runs, with the plan that serves them.
 */
export async function benchRequestLog(): Promise<void> {
  const handle = await getDbHandle();
  console.log(`Request log (${handle.mode}), ${ROWS.toLocaleString("en")} rows`);
  const db = await getDb();
  // The demo organization and its owner (a fresh in-memory database has neither yet).
  await seedDemoData(db);
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.slug, "acme"));
  const [owner] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, "owner@acme.test"));
  if (!org || !owner) throw new Error("no demo data: run npm run db:seed");
  setRequestLogAutoFlush(false);

  const first = (Math.floor(Date.now() / DAY_MS) - FIRST_DAY_AGO) * DAY_MS;
  const days = Array.from({ length: DAYS }, (_, i) => dayOf(new Date(first + i * DAY_MS)));
  await ensurePartitions(db, days);

  // The request path's share: an object pushed onto an array.
  const started = performance.now();
  for (let i = 0; i < 10_000; i++) {
    recordRequest({
      requestId: `req_benchflush${String(i).padStart(10, "0")}`,
      at: new Date(first + (i % DAYS) * DAY_MS + i),
      credential: {
        type: "api_key",
        id: "key_benchflush0000",
        userId: owner.id,
        organizationId: org.id,
      },
      method: "GET",
      route: "/users",
      path: "/api/v1/users",
      status: 200,
      errorCode: null,
      reason: null,
      latencyMs: 3.2,
      ip: "203.0.113.7",
      userAgent: "bench/1.0",
    });
  }
  line("recordRequest x 10,000 (in memory)", `${(performance.now() - started).toFixed(1)} ms`);
  let start = performance.now();
  await flushRequestLog();
  line("flush of 10,000 requests (one insert)", `${(performance.now() - start).toFixed(1)} ms`);

  start = performance.now();
  await db.execute(sql`
    insert into request_logs (request_id, created_at, organization_id, user_id, credential_type,
      credential_id, method, route, path, status, error_code, reason, latency_ms, ip, user_agent)
    select 'req_bench' || lpad(n::text, 12, '0'),
      ${new Date(first).toISOString()}::timestamptz + ((n - 1)::float / ${ROWS} * ${DAYS}) * interval '1 day',
      ${org.id}, case when n % 10 = 0 then 'usr_benchmember00000' else ${owner.id} end,
      'api_key', 'key_bench' || lpad((n % ${KEYS})::text, 12, '0'), 'GET', '/users',
      '/api/v1/users', case when n % 7 = 0 then 401 else 200 end,
      case when n % 7 = 0 then 'UNAUTHORIZED' end, case when n % 7 = 0 then 'revoked' end,
      2.5, '203.0.113.7', 'bench/1.0'
    from generate_series(1, ${ROWS}) as n`);
  line(
    `insert ${ROWS.toLocaleString("en")} rows (one statement)`,
    `${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  await db.execute(sql`analyze request_logs`);

  const viewer = (role: "owner" | "member", userId: string): Viewer => ({
    organization: org,
    role,
    user: { id: userId, email: owner.email, name: owner.name, isPlatformAdmin: false },
    db,
  });
  const key = "key_bench000000000042";
  const pages: [string, Viewer, Record<string, string>][] = [
    ["a key's 10 most recent requests", viewer("owner", owner.id), { key_id: key, limit: "10" }],
    [
      "a key's 401s (status filter)",
      viewer("owner", owner.id),
      { key_id: key, status: "401", limit: "10" },
    ],
    ["the organization's first page (50)", viewer("owner", owner.id), {}],
    ["a member's own first page (50)", viewer("member", "usr_benchmember00000"), {}],
  ];
  for (const [label, who, query] of pages) {
    const parsed = parseOrThrow(listRequestLogsQuerySchema, query);
    const times: number[] = [];
    let served = 0;
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      served = (await listRequestLogs(who, parsed)).data.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    line(
      label,
      `median ${times[12]?.toFixed(2)} ms, p95 ${times[23]?.toFixed(2)} ms (${served} rows)`,
    );
  }
  const plan = await rowsOf<Record<string, string>>(
    db,
    sql`explain select * from request_logs where organization_id = ${org.id}
      and credential_id = ${key} order by created_at desc, request_id desc limit 11`,
  );
  const scans = plan
    .map((row) => Object.values(row)[0] ?? "")
    .filter((text) => /Scan/.test(text))
    .map((text) => text.trim().replace(/\s+\(cost.*$/, ""));
  line("plan of a key's page", `${scans.length} partition scans, e.g. ${scans[0]}`);

  for (const day of days) {
    await db.execute(sql.raw(`drop table if exists "request_logs_p${day.replaceAll("-", "")}"`));
  }
  // The partitions it made are gone: a later write makes its own day's again.
  const { forgetKnownPartitions } = await import("@/server/request-logs/request-log-partitions");
  forgetKnownPartitions();
}
