import { describe, expect, it } from "vitest";
import { splitMetadata } from "@/components/audit-log/audit-entry-metadata";
import { selectedActions } from "@/components/audit-log/audit-log-filters";
import { AUDIT_ACTIONS } from "@/server/audit/record-audit";

describe("the audit log page's action filter", () => {
  it("keeps known actions only, in the log's order, each once", () => {
    expect(selectedActions("api_key.updated,api_key.revoked", AUDIT_ACTIONS)).toEqual([
      "api_key.revoked",
      "api_key.updated",
    ]);
    expect(selectedActions("nope,api_key.created,api_key.created,", AUDIT_ACTIONS)).toEqual([
      "api_key.created",
    ]);
    expect(selectedActions("", AUDIT_ACTIONS)).toEqual([]);
    expect(selectedActions(AUDIT_ACTIONS.join(","), AUDIT_ACTIONS)).toEqual([...AUDIT_ACTIONS]);
  });
});

describe("an entry's metadata in the detail view", () => {
  it("reads a key update's changes field by field, before and after", () => {
    const split = splitMetadata("api_key.updated", {
      changes: {
        name: { from: "old", to: "new" },
        scopes: { from: ["read:users", "write:users"], to: ["read:users"] },
      },
    });
    expect(split).toEqual({
      changes: [
        { field: "name", from: "old", to: "new" },
        { field: "scopes", from: ["read:users", "write:users"], to: ["read:users"] },
      ],
      rest: [],
    });
  });

  it("reads a role change and a rename as one change of the field they name", () => {
    expect(
      splitMetadata("membership.role_changed", { from: "member", to: "admin" }).changes,
    ).toEqual([{ field: "role", from: "member", to: "admin" }]);
    expect(splitMetadata("organization.renamed", { from: "A", to: "B" }).changes).toEqual([
      { field: "name", from: "A", to: "B" },
    ]);
    expect(splitMetadata("user.renamed", null)).toEqual({ changes: [], rest: [] });
  });

  it("lists other metadata as it is, and keeps what sits beside the changes", () => {
    expect(
      splitMetadata("api_key.rotated", { new_key_id: "key_abcdefgh12", grace_seconds: 0 }),
    ).toEqual({
      changes: [],
      rest: [
        ["new_key_id", "key_abcdefgh12"],
        ["grace_seconds", 0],
      ],
    });
    expect(
      splitMetadata("api_key.updated", { changes: { name: { from: "a", to: "b" } }, via: "x" })
        .rest,
    ).toEqual([["via", "x"]]);
    // A `changes` that is not a map of before/after is ordinary metadata.
    expect(splitMetadata("api_key.updated", { changes: "everything" }).rest).toEqual([
      ["changes", "everything"],
    ]);
  });
});
