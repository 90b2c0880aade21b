import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { monotonicMs, testClock } from "@/lib/clock";
import {
  authBusHeard,
  authCacheGeneration,
  authCacheUsable,
  evictAuth,
  getAuthCached,
  setAuthCached,
  setAuthCacheUsable,
} from "@/server/auth/auth-cache";

const tags = { credentialId: "key_1", userIds: ["usr_1"], organizationIds: ["org_1"] };

describe("auth-state cache", () => {
  // As when the change listener is listening (or with embedded PGlite), each case after the
  // previous one's changes have settled.
  beforeEach(() => {
    setAuthCacheUsable(true);
    testClock.advance(5_000);
  });
  afterAll(() => testClock.reset());

  it("a load that raced an eviction does not write its stale result back", () => {
    const loadedAt = authCacheGeneration();
    // The revoke commits and evicts while the load's database read is still in flight.
    evictAuth({ credentialIds: ["key_1"] });
    setAuthCached("raced", "stale", tags, loadedAt);
    expect(getAuthCached("raced")).toBeUndefined();
  });

  it.each([
    ["the credential", { credentialIds: ["key_1"] }, true],
    ["another credential", { credentialIds: ["key_2"] }, false],
    ["the user", { userId: "usr_1" }, true],
    ["the user's membership", { userId: "usr_1", organizationId: "org_1" }, true],
    ["the user elsewhere", { userId: "usr_1", organizationId: "org_2" }, false],
    ["the organization", { organizationId: "org_1" }, true],
    ["another user", { userId: "usr_2" }, false],
    ["everything", {}, true],
  ])("a change to %s evicts it: %s", (_, change, evicted) => {
    setAuthCached("entry", "value", tags, authCacheGeneration());
    evictAuth(change);
    expect(getAuthCached("entry") === undefined).toBe(evicted);
  });

  // A first page of /users: the members it lists, and any new member of its organization.
  const memberList = {
    userIds: ["usr_1", "usr_2"],
    organizationIds: ["org_1"],
    listsMembers: true,
  };
  it.each([
    ["a key", { credentialIds: ["key_1"] }, false],
    ["a listed member's account (renamed, disabled)", { userId: "usr_2" }, true],
    ["another account", { userId: "usr_3" }, false],
    ["a listed member's role", { userId: "usr_1", organizationId: "org_1" }, true],
    ["a new member", { userId: "usr_3", organizationId: "org_1" }, true],
    ["a listed member elsewhere", { userId: "usr_1", organizationId: "org_2" }, false],
    ["a new member elsewhere", { userId: "usr_3", organizationId: "org_2" }, false],
    ["the organization", { organizationId: "org_1" }, true],
    ["everything", {}, true],
  ])("a member list is evicted by a change to %s: %s", (_, change, evicted) => {
    setAuthCached("members", "page", memberList, authCacheGeneration());
    evictAuth(change);
    expect(getAuthCached("members") === undefined).toBe(evicted);
  });

  it("what a change touches is not stored while its commit may still be on the way", () => {
    evictAuth({ userId: "usr_1" });
    setAuthCached("settling", "value", tags, authCacheGeneration());
    expect(getAuthCached("settling")).toBeUndefined();
    testClock.advance(5_000);
    setAuthCached("settled", "value", tags, authCacheGeneration());
    expect(getAuthCached("settled")).toBe("value");
  });

  it("while changes cannot be heard nothing is served from it, and it comes back empty", () => {
    setAuthCached("warm", "value", tags, authCacheGeneration());
    setAuthCacheUsable(false);
    expect(getAuthCached("warm")).toBeUndefined();
    setAuthCached("during", "value", tags, authCacheGeneration());
    setAuthCacheUsable(true);
    expect(getAuthCached("warm")).toBeUndefined();
    expect(getAuthCached("during")).toBeUndefined();
  });
});

// With PostgreSQL the change listener may stall without closing: the cache serves only while it
// keeps proving it hears (auth-bus.ts's heartbeat), on a clock testClock does not move.
describe("auth-state cache behind a listener that must keep proving it hears", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["performance"] });
    setAuthCacheUsable(false);
    testClock.advance(5_000);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => testClock.reset());

  it("serves while heard within 2 s, nothing once silent longer, and comes back empty", () => {
    authBusHeard(monotonicMs());
    setAuthCached("warm", "value", tags, authCacheGeneration());
    vi.advanceTimersByTime(1_900);
    expect(getAuthCached("warm")).toBe("value");
    vi.advanceTimersByTime(200);
    expect(getAuthCached("warm")).toBeUndefined();
    setAuthCached("during", "value", tags, authCacheGeneration());
    authBusHeard(monotonicMs());
    expect(getAuthCached("warm")).toBeUndefined();
    expect(getAuthCached("during")).toBeUndefined();
    setAuthCached("after", "value", tags, authCacheGeneration());
    expect(getAuthCached("after")).toBe("value");
  });

  it("heard again in time, it stays warm", () => {
    authBusHeard(monotonicMs());
    setAuthCached("warm", "value", tags, authCacheGeneration());
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1_000);
      authBusHeard(monotonicMs());
    }
    vi.advanceTimersByTime(1_500);
    expect(getAuthCached("warm")).toBe("value");
  });

  it("a heartbeat delivered late proves only what was committed before it was sent", () => {
    authBusHeard(monotonicMs() - 2_500);
    expect(authCacheUsable()).toBe(false);
    authBusHeard(monotonicMs());
    authBusHeard(monotonicMs() - 1_500);
    vi.advanceTimersByTime(1_900);
    expect(authCacheUsable()).toBe(true);
  });
});
