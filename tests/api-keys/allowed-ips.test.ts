import { describe, expect, it } from "vitest";
import { allowedIpProblem, normalizeAllowedIp } from "@/lib/allowed-ips";
import { isAllowedIp } from "@/server/api-keys/allowed-ips";

describe("normalizeAllowedIp: one canonical form per entry", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7/32", "203.0.113.7"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8::1/128", "2001:db8::1"],
    ["2001:db8:1234::/32", "2001:db8::/32"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.77/120", "192.0.2.0/24"],
    ["::/0", "::/0"],
  ])("%j is stored as %j", (entry, canonical) => {
    expect(normalizeAllowedIp(entry)).toBe(canonical);
  });

  it.each([
    "",
    "localhost",
    "203.0.113",
    "127.1",
    "0x7f.0.0.1",
    "256.1.1.1",
    "203.0.113.7/33",
    "2001:db8::/129",
    "10.0.0.0/-1",
    "10.0.0.0/8/8",
    "10.0.0.0/",
    "fe80::1%eth0",
    "2001:db8::g",
    "::ffff:127.1",
    "::ffff:0x7f.0.0.1",
    "1.2.3.4 5.6.7.8",
  ])("%j is refused", (entry) => {
    expect(normalizeAllowedIp(entry)).toBeNull();
  });
});

describe("allowedIpProblem: the API's words, for the dashboard to name every bad entry", () => {
  it("says nothing of a good entry and names a bad one", () => {
    expect(allowedIpProblem("10.0.0.0/8")).toBeNull();
    expect(allowedIpProblem("10.0.0.300")).toBe(
      '"10.0.0.300" is not an IPv4 or IPv6 address or CIDR range',
    );
    expect(allowedIpProblem("1".repeat(65))).toBe("each entry must be at most 64 characters");
  });
});

describe("isAllowedIp", () => {
  it("allows every address with an empty list, and no unknown address with a list", () => {
    expect(isAllowedIp([], "203.0.113.1")).toBe(true);
    expect(isAllowedIp([], "unknown")).toBe(true);
    expect(isAllowedIp(["0.0.0.0/0"], "unknown")).toBe(false);
  });

  it("never matches an IPv4 range with an IPv6 address or the other way round", () => {
    expect(isAllowedIp(["0.0.0.0/0"], "2001:db8::1")).toBe(false);
    expect(isAllowedIp(["::/0"], "203.0.113.1")).toBe(false);
  });
});
