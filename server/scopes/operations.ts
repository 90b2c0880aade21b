import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { scopeEntrySchema } from "./catalogue";

export const listScopesOperation = defineOperation({
  method: "GET",
  path: "/scopes",
  summary: "List scopes",
  description: "The scope catalogue, with what the current credential holds.",
  scope: "authenticated",
  response: { status: 200, schema: z.array(scopeEntrySchema), description: "The catalogue" },
  errors: [],
});

export const SCOPE_OPERATIONS = [listScopesOperation];
