import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENTITLEMENT_LABELS, ENTITLEMENTS, type Entitlements, PLANS } from "@/lib/plans";

/** How the README writes one entitlement of one plan. */
function cell(name: keyof Entitlements, value: number | boolean): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  return name === "audit_log_days" ? `${value} days` : value.toLocaleString("en-US");
}

describe("the README's plans table", () => {
  it("says what lib/plans.ts says, row for row", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(
      readme.indexOf("<!-- plans:start -->"),
      readme.indexOf("<!-- plans:end -->"),
    );
    const rows = table
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| ---"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const expected = [
      ["", ...PLANS],
      ...(Object.keys(ENTITLEMENT_LABELS) as (keyof Entitlements)[]).map((name) => [
        ENTITLEMENT_LABELS[name],
        ...PLANS.map((plan) => cell(name, ENTITLEMENTS[plan][name])),
      ]),
    ];
    expect(rows).toEqual(expected);
  });
});
