"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/server/audit/record-audit";
import { signOut } from "@/server/auth/config";
import { endAllSessions } from "@/server/auth/session-validity";
import { withFormAction } from "@/server/http/with-action";
import { revokeSession } from "@/server/sessions/revoke-session";
import { revokeSessionSchema } from "@/server/sessions/schemas";

const noFields = z.strictObject({});

/** Signs this browser out (Auth.js's signOut ends the session on the server too). */
export const signOutAction = withFormAction({
  name: "signOut",
  access: { kind: "public" },
  input: noFields,
  async run() {},
  async respond() {
    await signOut({ redirectTo: "/login" });
  },
});

/** Ends every browser session of the user, on every device, then this one's cookie. */
export const signOutEverywhereAction = withFormAction({
  name: "signOutEverywhere",
  access: { kind: "session" },
  input: noFields,
  run: ({ ctx }) => endAllSessions(ctx.user.id),
  async respond() {
    await signOut({ redirectTo: "/login?reason=signed-out-everywhere" });
  },
});

/** Ends one other session of the account (Settings > Account): that browser is signed out. */
export const revokeSessionAction = withFormAction({
  name: "revokeSession",
  access: { kind: "session" },
  input: revokeSessionSchema,
  run: ({ ctx, input }) => revokeSession(ctx, actorOf(ctx), input.session_id),
  async respond() {
    revalidatePath("/settings/account");
  },
});
