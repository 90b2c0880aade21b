import { describe, expect, it } from "vitest";
import { DEFAULT_REDIRECT, safeRedirect } from "@/lib/safe-redirect";

describe("safeRedirect: only a path on this site may follow a login (issue 17, item 5)", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/settings/api-keys", "/settings/api-keys"],
    ["/settings/api-keys?status=all&q=ci", "/settings/api-keys?status=all&q=ci"],
    ["/settings/api-keys?status=all#key_123", "/settings/api-keys?status=all#key_123"],
    ["/docs/api#tag/api-keys", "/docs/api#tag/api-keys"],
    ["/settings/members?q=o%27brien", "/settings/members?q=o%27brien"],
    // A backslash or an encoded slash in the query or fragment is data, not a host.
    ["/settings/api-keys?q=a%5Cb", "/settings/api-keys?q=a%5Cb"],
    ["/settings/api-keys?next=//evil.example", "/settings/api-keys?next=//evil.example"],
    ["/dashboard#/%2F", "/dashboard#/%2F"],
    ["/", "/"],
    // Normalised as a browser would before it is sent: spaces encoded, dot segments resolved.
    ["/settings/api-keys?q=a b", "/settings/api-keys?q=a%20b"],
    ["/settings/../dashboard", "/dashboard"],
  ])("%j goes to %j", (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });

  it.each([
    // Another host, however spelt: browsers read `\` as `/` and drop tabs and newlines.
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/dashboard\nLocation: https://evil.example",
    // Encoded once or twice: a proxy or a second decode must not turn them into a host either.
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2Fevil.example",
    "/%2fevil.example",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%255Cevil.example",
    "/%252Fevil.example",
    "/%25252Fevil.example",
    "/%2525252525252Fevil.example",
    // Dot segments that climb to a protocol-relative path.
    "/..//evil.example",
    "/a/..//evil.example",
    "/%2E%2E//evil.example",
    // Absolute URLs and other schemes, even of this very site: a path is all we take.
    "https://evil.example",
    "http://localhost:3000/dashboard",
    "javascript:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "dashboard",
    // Malformed encoding, empty and non-string values.
    "/%E0%A4%A",
    "/%",
    "",
    null,
    undefined,
    42,
  ])("%j goes to the dashboard", (target) => {
    expect(safeRedirect(target)).toBe(DEFAULT_REDIRECT);
  });

  it("falls back to the fallback it is given", () => {
    expect(safeRedirect("/%5Cevil.example", "/settings")).toBe("/settings");
    expect(safeRedirect("/settings/general", "/settings")).toBe("/settings/general");
  });

  it("refuses an overlong target rather than parse it", () => {
    expect(safeRedirect(`/${"a".repeat(5000)}`)).toBe(DEFAULT_REDIRECT);
  });
});
