import { describe, expect, it } from "vitest";
import { SCOPES } from "@/lib/scopes";
import { ROLE_SCOPES, scopesFor } from "@/server/scopes/catalogue";

const MEMBER = [
  "read:users",
  "read:time-entries",
  "write:time-entries",
  "read:api-keys",
  "write:api-keys",
];
const ADMIN = [
  "read:users",
  "write:users",
  "read:time-entries",
  "write:time-entries",
  "read:api-keys",
  "write:api-keys",
  "read:audit-logs",
  "read:oauth-apps",
  "write:oauth-apps",
  "read:webhooks",
  "write:webhooks",
];

describe("scopesFor: what a user may grant in an organization", () => {
  it.each([
    ["member", false, MEMBER],
    ["admin", false, ADMIN],
    ["owner", false, ADMIN],
    ["member", true, [...MEMBER, "admin:organizations"]],
    ["admin", true, [...ADMIN, "admin:organizations"]],
    ["owner", true, [...SCOPES]],
  ] as const)(
    "a %s (platform admin: %s) holds exactly these, in catalogue order",
    (role, isPlatformAdmin, expected) => {
      expect(scopesFor(role, isPlatformAdmin)).toEqual(expected);
    },
  );

  it("owners and admins read the audit log, members do not", () => {
    expect(scopesFor("owner", false)).toContain("read:audit-logs");
    expect(scopesFor("admin", false)).toContain("read:audit-logs");
    expect(scopesFor("member", false)).not.toContain("read:audit-logs");
  });

  it("only a platform admin ever holds admin:organizations", () => {
    for (const role of Object.keys(ROLE_SCOPES) as (keyof typeof ROLE_SCOPES)[]) {
      expect(scopesFor(role, false)).not.toContain("admin:organizations");
    }
  });

  it("hands out a new array each time, so a caller cannot widen a role", () => {
    const scopes = scopesFor("member", false);
    scopes.push("write:users");
    expect(scopesFor("member", false)).not.toContain("write:users");
  });
});
