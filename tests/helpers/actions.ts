import { actionDefinition, type Fields, runAction } from "@/server/http/with-action";
import { nextIp } from "./invoke";

export interface ActionCall {
  /** The signed-in user and their session's organization; omitted: no session. */
  session?: { userId: string; organizationId: string };
  ip?: string;
  fields?: Fields | FormData;
}

/**
 * Runs a real server action's guarded work: its budget, field caps, schema, scope and domain
 * call, on this file's database. Only what Next.js supplies to a real action request (the
 * client address header, the Auth.js session) is given here instead of read from a request;
 * the Next.js effects after the work (revalidatePath, signIn, redirect) are not run.
 */
export async function callAction(action: unknown, call: ActionCall = {}) {
  const definition = actionDefinition(action);
  if (!definition) throw new Error("not an action made by withAction");
  const { session } = call;
  return runAction(
    definition,
    {
      ip: call.ip ?? nextIp(),
      async session() {
        if (!session) return null;
        return {
          type: "session",
          id: session.userId,
          userId: session.userId,
          organizationId: session.organizationId,
          keyScopes: null,
          expiresAt: null,
        };
      },
    },
    call.fields,
  );
}
