import { describe, expect, it } from "vitest";
import { FIRST_SESSION_WINDOW_MS, isFirstSession } from "@/server/auth/first-session";

const created = new Date("2026-05-12T10:00:00Z");

describe("a first session", () => {
  it.each([
    ["signed in at once, as setup and invitations do", 2_000, true],
    ["signed in through the form a minute later", 60_000, true],
    ["signed in at the window's edge", FIRST_SESSION_WINDOW_MS, false],
    ["signed in a day later", 24 * 3_600_000, false],
  ])("%s", (_, after, first) => {
    expect(isFirstSession(created, created.getTime() + after)).toBe(first);
  });

  it("is never a session without a sign-in time", () => {
    expect(isFirstSession(created, null)).toBe(false);
  });
});
