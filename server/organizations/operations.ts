import { z } from "zod";
import { defineOperation } from "@/server/http/operation";
import { pageQuerySchema } from "@/server/http/pagination";
import {
  createOrganizationSchema,
  publicOrganizationSchema,
  updateOrganizationSchema,
} from "./manage-organizations";

export const listOrganizationsOperation = defineOperation({
  method: "GET",
  path: "/organizations",
  summary: "List organizations",
  description:
    "The caller's organizations; with admin:organizations, every organization. An API key without admin:organizations sees only its own organization.",
  scope: "authenticated",
  query: pageQuerySchema("org"),
  response: {
    status: 200,
    schema: z.array(publicOrganizationSchema),
    description: "A page of organizations",
    paginated: true,
  },
  errors: [],
});

export const createOrganizationOperation = defineOperation({
  method: "POST",
  path: "/organizations",
  summary: "Create an organization",
  description: "User tokens and sessions only, never API keys (403). The caller becomes owner.",
  scope: "authenticated",
  body: createOrganizationSchema,
  example: { name: "Initech" },
  response: { status: 201, schema: publicOrganizationSchema, description: "The organization" },
  errors: [],
});

export const renameOrganizationOperation = defineOperation({
  method: "PATCH",
  path: "/organizations/{id}",
  summary: "Rename an organization",
  description: "Owners and admins of the organization.",
  scope: "authenticated",
  params: z.object({ id: z.string() }),
  body: updateOrganizationSchema,
  example: { name: "Initech Europe" },
  response: { status: 200, schema: publicOrganizationSchema, description: "The organization" },
  errors: [404],
});

export const ORGANIZATION_OPERATIONS = [
  listOrganizationsOperation,
  createOrganizationOperation,
  renameOrganizationOperation,
];
