import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { testClock } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { addressBudgetKey, clientIp } from "@/server/core/client-ip";
import { closeRateLimiter } from "@/server/rate-limit/consume";
import { invoke } from "@/tests/helpers/invoke";

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  testClock.reset();
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

describe("the client address behind proxies", () => {
  function headers(xff: string, socket = "203.0.113.9") {
    return new Headers({ "x-forwarded-for": xff, "x-voltasis-client-ip": socket });
  }
  function withTrustProxy(value: string | undefined) {
    if (value === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = value;
    resetEnvForTests();
  }

  it.each([
    // [TRUST_PROXY, X-Forwarded-For, expected]
    [undefined, "1.1.1.1", "203.0.113.9"],
    ["0", "1.1.1.1", "203.0.113.9"],
    ["1", "6.6.6.6, 192.0.2.1", "192.0.2.1"],
    ["true", "6.6.6.6, 192.0.2.1", "192.0.2.1"],
    ["2", "6.6.6.6, 192.0.2.1, 10.0.0.2", "192.0.2.1"],
    ["1", "not-an-ip", "203.0.113.9"],
    ["1", "6.6.6.6, 192.0.2.1:8080", "203.0.113.9"],
    ["3", "192.0.2.1, 10.0.0.2", "203.0.113.9"],
    ["1", "::ffff:192.0.2.7", "192.0.2.7"],
    ["1", "2001:DB8::1", "2001:db8::1"],
  ])("TRUST_PROXY=%s, X-Forwarded-For %s -> %s", (trust, xff, expected) => {
    withTrustProxy(trust);
    expect(clientIp(headers(xff))).toBe(expected);
  });

  it("a client writing its own X-Forwarded-For cannot escape the unauthenticated budget", async () => {
    withTrustProxy("1");
    await closeRateLimiter();
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        ip: "203.0.113.50",
        // What nginx sends: whatever the client wrote, then the address it saw.
        headers: { "x-forwarded-for": `10.9.${i}.1, 192.0.2.200` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses[100]).toBe(429);
  });
});

describe("IPv6 clients share one budget per /64", () => {
  it("groups by /64", () => {
    expect(addressBudgetKey("2001:db8:1:2:aaaa::1")).toBe(addressBudgetKey("2001:db8:1:2::ffff"));
    expect(addressBudgetKey("2001:db8:1:2::1")).not.toBe(addressBudgetKey("2001:db8:1:3::1"));
    expect(addressBudgetKey("192.0.2.1")).toBe("192.0.2.1");
  });

  it("rotating through one /64 does not reset the unauthenticated budget", async () => {
    await closeRateLimiter();
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        ip: `2001:db8:77:1:${(i + 1).toString(16)}::1`,
      });
      statuses.push(res.status);
    }
    expect(statuses[100]).toBe(429);
    const neighbour = await invoke(usersRoute.GET, { path: "/users", ip: "2001:db8:77:2::1" });
    expect(neighbour.status).toBe(401);
  });
});
