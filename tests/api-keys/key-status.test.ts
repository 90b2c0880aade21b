import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EXPIRING_SOON_MS, keyStatus } from "@/server/api-keys/public-api-key";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW + offsetMs);
const DAY = 24 * 60 * 60 * 1000;

// A frozen Date.now, so "exactly now" and "exactly seven days away" are exact.
beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("keyStatus: the status a key is listed with", () => {
  it.each([
    ["no expiry, never revoked", null, null, "active"],
    ["expires in 30 days", null, at(30 * DAY), "active"],
    ["expires in exactly 7 days", null, at(EXPIRING_SOON_MS), "active"],
    ["expires in 7 days less 1 ms", null, at(EXPIRING_SOON_MS - 1), "expiring_soon"],
    ["expires in 1 ms", null, at(1), "expiring_soon"],
    ["expires right now", null, at(0), "expired"],
    ["expired yesterday", null, at(-DAY), "expired"],
    ["revoked an hour ago", at(-3_600_000), null, "revoked"],
    ["revoked right now", at(0), null, "revoked"],
    ["revoked and expired: revocation wins", at(-DAY), at(-2 * DAY), "revoked"],
    ["revoked, would expire next year", at(-1), at(365 * DAY), "revoked"],
    // A revocation dated in the future does not count yet.
    ["revocation scheduled in an hour", at(3_600_000), null, "active"],
    ["revocation scheduled, expiring in a day", at(3_600_000), at(DAY), "expiring_soon"],
  ] as const)("%s: %s", (_case, revokedAt, expiresAt, status) => {
    expect(keyStatus({ revokedAt, expiresAt })).toBe(status);
  });
});
