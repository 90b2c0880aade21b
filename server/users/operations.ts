import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { listMembersQuerySchema, memberSchema, updateMemberSchema } from "./schemas";

const userParams = z.object({ id: z.string() });

export const listMembersOperation = defineOperation({
  method: "GET",
  path: "/users",
  summary: "List members",
  description:
    "Members of the current organization, the most recent to join first, a page at a time: pass `next_cursor` as `cursor` for the next page.",
  scope: "read:users",
  query: listMembersQuerySchema,
  response: {
    status: 200,
    schema: z.array(memberSchema),
    description: "A page of members",
    paginated: true,
  },
  errors: [],
});

export const getMemberOperation = defineOperation({
  method: "GET",
  path: "/users/{id}",
  summary: "Get a member",
  scope: "read:users",
  params: userParams,
  response: { status: 200, schema: memberSchema, description: "The member" },
  errors: [404],
});

export const changeRoleOperation = defineOperation({
  method: "PATCH",
  path: "/users/{id}",
  summary: "Change a member's role",
  description:
    "Admins set member or admin; only owners grant or take away owner. The last owner cannot be demoted (409). Applies on the member's next request.",
  scope: "write:users",
  params: userParams,
  body: updateMemberSchema,
  example: { role: "admin" },
  response: { status: 200, schema: memberSchema, description: "The member with the new role" },
  errors: [404, 409],
});

export const removeMemberOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}",
  summary: "Remove a member",
  description:
    "Removes the user from the organization: their API keys and tokens for it stop working on the next request. Only owners remove owners; the last owner cannot be removed.",
  scope: "write:users",
  params: userParams,
  response: {
    status: 200,
    schema: memberSchema.extend({ removed: z.literal(true) }),
    description: "The member that was removed",
  },
  errors: [404, 409],
});

export const USER_OPERATIONS = [
  listMembersOperation,
  getMemberOperation,
  changeRoleOperation,
  removeMemberOperation,
];
