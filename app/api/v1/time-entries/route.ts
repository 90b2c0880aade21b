import { otherMethods } from "@/server/http/method-not-allowed";
import { created, pageResponse } from "@/server/http/responses";
import { withApi } from "@/server/http/with-api";
import { createTimeEntry } from "@/server/time-entries/create-time-entry";
import { listTimeEntries } from "@/server/time-entries/list-time-entries";
import {
  createTimeEntryOperation,
  listTimeEntriesOperation,
} from "@/server/time-entries/operations";

export const GET = withApi(listTimeEntriesOperation, async ({ ctx, query }) =>
  pageResponse(await listTimeEntries(ctx, query)),
);

export const POST = withApi(createTimeEntryOperation, async ({ ctx, body }) =>
  created(await createTimeEntry(ctx, body)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
