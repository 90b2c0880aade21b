import { getAuditEntry } from "@/server/audit/get-audit-entry";
import { getAuditEntryOperation } from "@/server/audit/operations";
import { otherMethods } from "@/server/http/method-not-allowed";
import { ok } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";

export const GET = withApi(getAuditEntryOperation, async ({ ctx, params }) =>
  ok(await getAuditEntry(ctx, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
