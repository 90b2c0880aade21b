import { z } from "zod";
import { ROLES, type Role } from "@/lib/roles";
import { pageQuerySchema } from "@/server/core/pagination";

/** A member of an organization, as read from the database. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: Date;
}

/** A member of the current organization, as GET /users and GET /users/{id} serve it. */
export const memberSchema = z
  .object({
    id: z.string().meta({ example: "usr_3hT9xQ2mVb7Lk0PzR1aD" }),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    joined_at: z.iso.datetime(),
  })
  .meta({ id: "Member" });

export type PublicMember = z.infer<typeof memberSchema>;

export function toPublicMember(member: Member): PublicMember {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    joined_at: member.joined_at.toISOString(),
  };
}

/** GET /users: `limit` and `cursor`, newest members first. */
export const listMembersQuerySchema = pageQuerySchema("usr");
export const updateMemberSchema = z
  .strictObject({ role: z.enum(ROLES) })
  .meta({ id: "UpdateMember" });
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

/** Settings > Account: the signed-in user's own display name. */
export const renameAccountSchema = z.strictObject({
  name: z.string().trim().min(1, "Enter a name").max(100, "Use up to 100 characters"),
});

/** Settings > Account: the current password (checked, throttled) and the new one. */
export const changePasswordSchema = z.strictObject({
  current_password: z.string().min(1, "Enter your current password").max(1024),
  new_password: z.string().min(1, "Enter a new password").max(256),
});
