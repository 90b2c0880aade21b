import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as healthRoute from "@/app/api/v1/health/route";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import { env, resetEnvForTests } from "@/lib/env";
import { startMetricsServer, stopMetricsServer } from "@/server/observability/metrics-server";
import { DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

afterEach(async () => {
  await stopMetricsServer();
  delete process.env.METRICS_PORT;
  delete process.env.METRICS_HOST;
  resetEnvForTests();
});

async function scrape(server: Server, path = "/metrics"): Promise<Response> {
  const { port } = server.address() as AddressInfo;
  return fetch(`http://127.0.0.1:${port}${path}`);
}

describe("the metrics server", () => {
  it("is off when METRICS_PORT is unset", async () => {
    delete process.env.METRICS_PORT;
    resetEnvForTests();
    expect(env().METRICS_PORT).toBeUndefined();
    expect(await startMetricsServer()).toBeUndefined();
  });

  it("listens on 127.0.0.1 by default, once per process", async () => {
    process.env.METRICS_PORT = "0";
    resetEnvForTests();
    const server = await startMetricsServer();
    if (!server) throw new Error("no metrics server");
    expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
    expect(await startMetricsServer()).toBe(server);
  });

  it("refuses a METRICS_PORT that is not a port", () => {
    process.env.METRICS_PORT = "ninety";
    resetEnvForTests();
    expect(() => env()).toThrow(/METRICS_PORT/);
  });

  it("serves the named metrics after some requests, and nothing else", async () => {
    const server = await startMetricsServer({ port: 0 });
    if (!server) throw new Error("no metrics server");
    const { access_token } = await login(DEMO.acmeOwner);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: access_token })).status).toBe(200);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: access_token })).status).toBe(200);
    expect(
      (await invoke(meRoute.GET, { path: "/auth/me", token: "vlt_test_nonsense" })).status,
    ).toBe(401);
    expect((await invoke(scopesRoute.GET, { path: "/scopes" })).status).toBe(401);
    expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);

    const res = await scrape(server);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const name of [
      "voltasis_http_request_duration_seconds_bucket",
      "voltasis_auth_outcomes_total",
      "voltasis_rate_limit_decisions_total",
      "voltasis_auth_cache_lookups_total",
      "voltasis_auth_cache_entries",
      "voltasis_auth_cache_usable",
      "voltasis_auth_bus_heartbeat_age_seconds",
      "voltasis_usage_pending_events",
      "voltasis_usage_flush_lag_seconds",
      "voltasis_usage_flush_batch_events",
      "voltasis_webhook_queue_depth",
      "voltasis_email_queue_depth",
      "voltasis_webhook_attempts_total",
      "voltasis_email_attempts_total",
      "voltasis_db_queries_in_flight",
      "voltasis_db_query_duration_seconds_count",
      "voltasis_db_pool_max_connections",
      "voltasis_process_cpu_seconds_total",
    ]) {
      expect(text, name).toContain(`${name}`);
    }
    expect(text).toMatch(
      /voltasis_http_request_duration_seconds_count\{route="\/auth\/me",method="GET",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /voltasis_http_request_duration_seconds_count\{route="\/health",method="GET",status="200"\} [1-9]/,
    );
    expect(text).toMatch(/voltasis_auth_outcomes_total\{outcome="accepted",reason="none"\} [1-9]/);
    expect(text).toMatch(
      /voltasis_auth_outcomes_total\{outcome="refused",reason="[a-z_]+"\} [1-9]/,
    );
    expect(text).toMatch(
      /voltasis_rate_limit_decisions_total\{kind="token",decision="allowed"\} [1-9]/,
    );
    expect(text).toMatch(/voltasis_auth_cache_lookups_total\{result="(hit|miss|bypass)"\} [1-9]/);
    expect(text).toMatch(/voltasis_webhook_queue_depth \d+/);
    expect(text).toMatch(/voltasis_email_queue_depth \d+/);
    expect(text).toMatch(/voltasis_db_pool_max_connections\{driver="(pglite|postgres)"\} \d+/);
    expect(text).toMatch(/voltasis_db_query_duration_seconds_count [1-9]/);

    expect((await scrape(server, "/")).status).toBe(404);
    expect((await scrape(server, "/api/v1/health")).status).toBe(404);
  });
});
