import { defineOperation } from "@/server/core/operation";
import { meSchema } from "./me";

export const meOperation = defineOperation({
  method: "GET",
  path: "/auth/me",
  summary: "Who am I",
  description: "The user, organization, role and scopes behind the credential.",
  scope: "authenticated",
  response: { status: 200, schema: meSchema, description: "The authenticated principal" },
  errors: [],
});

export const AUTH_OPERATIONS = [meOperation];
