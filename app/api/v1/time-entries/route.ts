import { otherMethods } from "@/server/http/method-not-allowed";
import { pageResponse } from "@/server/http/pagination";
import { created } from "@/server/http/responses";
import { parseOrThrow } from "@/server/http/validation";
import { withApi } from "@/server/http/with-api";
import { createTimeEntry } from "@/server/time-entries/create-time-entry";
import { listTimeEntries } from "@/server/time-entries/list-time-entries";
import {
  type CreateTimeEntryInput,
  createTimeEntrySchema,
  listTimeEntriesQuerySchema,
} from "@/server/time-entries/schemas";

// GET /api/v1/time-entries: a page of the organization's time entries, newest first
export const GET = withApi(
  { route: "/time-entries", scope: "read:time-entries" },
  async ({ req, ctx }) => {
    const query = parseOrThrow(
      listTimeEntriesQuerySchema,
      Object.fromEntries(new URL(req.url).searchParams),
    );
    return pageResponse(await listTimeEntries(ctx.organization.id, query));
  },
);

// POST /api/v1/time-entries: record time as the authenticated user
export const POST = withApi<Record<string, string>, CreateTimeEntryInput>(
  { route: "/time-entries", scope: "write:time-entries", body: createTimeEntrySchema },
  async ({ ctx, body }) => created(await createTimeEntry(ctx.organization.id, ctx.user.id, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
