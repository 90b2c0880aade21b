"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { unstable_update } from "@/server/auth/config";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { withAction, withFormAction } from "@/server/http/with-action";
import { createOrganization } from "@/server/organizations/create-organization";
import { canEnterOrganization } from "@/server/organizations/list-organizations";
import { createOrganizationSchema } from "@/server/organizations/schemas";

/**
 * Moves the session into another organization. Checked here for a clear refusal, and decided
 * (and, for a platform admin's visit, audited) in the jwt callback, which every path to another
 * organization goes through, Auth.js's own session update included.
 */
export const switchOrganization = withFormAction({
  name: "switchOrganization",
  access: { kind: "session" },
  input: z.strictObject({ organizationId: z.string().min(1).max(64) }),
  async run({ ctx, input }) {
    if (!(await canEnterOrganization(ctx.user.id, input.organizationId))) {
      throw organizationNotAllowed();
    }
  },
  async respond({ input }) {
    await unstable_update({ organizationId: input.organizationId });
    revalidatePath("/", "layout");
  },
});

export interface NewOrgState {
  error: string | null;
  /** The name typed, so that a refused form keeps it. */
  name?: string;
}

/** Creates an organization owned by the signed-in user (as POST /organizations does) and enters it. */
export const createOrganizationAction = withAction(
  {
    name: "createOrganization",
    access: { kind: "session" },
    input: createOrganizationSchema,
    run: ({ ctx, input }) => createOrganization(ctx, input),
    async respond({ value }): Promise<NewOrgState> {
      await unstable_update({ organizationId: value.id });
      revalidatePath("/", "layout");
      redirect("/settings/general");
    },
  },
  (error, fields): NewOrgState => ({ error: error.message, name: fields.name }),
);
