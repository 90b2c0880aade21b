import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Scope } from "@/lib/scopes";
import { type AuthContext, type Credential, resolveAuthContext } from "@/server/auth/auth-context";
import { auth } from "@/server/auth/config";
import { blockedAddress, consumeRateLimit } from "@/server/rate-limit";
import { ApiError } from "./api-error";
import { clientIp } from "./client-ip";
import { toApiError } from "./to-api-error";
import { validationError } from "./validation";

/** The string fields of a submitted form (or the plain object a client component passes). */
export type Fields = Record<string, string>;

/**
 * Caps on what an action reads before its schema runs. Next.js already refuses bodies over
 * `serverActions.bodySizeLimit` (64 KiB, as the API); these keep any one field short enough
 * that no regex, zxcvbn or scrypt ever sees more than a few KiB.
 */
export const MAX_FIELDS = 20;
export const MAX_FIELD_LENGTH = 4096;

/**
 * Who may call an action. `public`: anyone (first-run setup, invitations, sign-in), budgeted per
 * address like withPublicApi. `session`: a signed-in user, budgeted per user like a token;
 * `scope` is the API operation's, and `membersOnly` refuses a platform admin visiting an
 * organization it does not belong to (visits are read and revoke only).
 */
export type ActionAccess =
  | { kind: "public"; chargedBySignIn?: true }
  | { kind: "session"; scope?: Scope; membersOnly?: true };

type Handler<S extends z.ZodType, R, A extends ActionAccess> = (args: {
  input: z.output<S>;
  ctx: A extends { kind: "session" } ? AuthContext : { requestId: string; ip: string };
}) => Promise<R>;

export interface ActionDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  name: string;
  access: ActionAccess;
  /** The fields' schema: the matching /api/v1 operation's, so both doors accept the same. */
  input: S;
  run: Handler<S, R, ActionAccess>;
}

/** What an action needs of its request: the client address and the session's credential. */
export interface ActionRequest {
  ip: string;
  session(): Promise<Credential | null>;
}

/** The refusal an action answered, or its result. Next.js's redirects pass straight through. */
export type ActionOutcome<R> = { ok: true; value: R } | { ok: false; error: ApiError };

// Every action made by withAction, so a test can prove that none bypasses it.
const DEFINITIONS = new WeakMap<object, ActionDefinition>();

export function actionDefinition(action: unknown): ActionDefinition | undefined {
  return typeof action === "function" ? DEFINITIONS.get(action) : undefined;
}

/**
 * The one door of every server action, in the order withApi uses: the address's spent budget
 * (memory only) -> session -> budget (per user, or per address without one) -> field caps ->
 * schema -> scope and membership -> handler. Its catch turns every error into a refusal the form
 * can show; unknown errors are logged with a request id, never shown.
 */
export async function runAction<S extends z.ZodType, R>(
  definition: ActionDefinition<S, R>,
  request: ActionRequest,
  data: FormData | Fields | undefined,
): Promise<ActionOutcome<R>> {
  const requestId = randomUUID();
  const { access } = definition;
  try {
    const blocked = blockedAddress(request.ip);
    if (blocked) throw new ApiError("RATE_LIMITED");
    let ctx: AuthContext | { requestId: string; ip: string } = { requestId, ip: request.ip };
    if (access.kind === "session") {
      const credential = await request.session();
      const context = credential
        ? await resolveAuthContext(credential, null, { requestId, ip: request.ip }).catch(
            () => null,
          )
        : null;
      await charge(context ? { kind: "token", key: `session:${context.user.id}` } : request.ip);
      if (!context) throw new ApiError("UNAUTHORIZED", "Your session has ended: sign in again");
      ctx = context;
    } else if (!access.chargedBySignIn) {
      await charge(request.ip);
    }
    const input = definition.input.safeParse(readFields(data));
    if (!input.success) throw validationError(input.error);
    if (access.kind === "session") authorize(ctx as AuthContext, access);
    return { ok: true, value: await definition.run({ input: input.data, ctx }) };
  } catch (error) {
    unstable_rethrow(error);
    return { ok: false, error: toApiError(error, requestId) };
  }
}

async function charge(subject: string | { kind: "token"; key: string }): Promise<void> {
  const decision = await consumeRateLimit(
    typeof subject === "string" ? { kind: "ip", key: subject } : subject,
  );
  if (!decision.allowed) throw new ApiError("RATE_LIMITED");
}

function authorize(ctx: AuthContext, access: Extract<ActionAccess, { kind: "session" }>): void {
  if (access.scope && !ctx.scopes.includes(access.scope)) {
    throw new ApiError("FORBIDDEN", undefined, { required_scope: access.scope });
  }
  if (access.membersOnly && !ctx.isMember) {
    throw new ApiError(
      "FORBIDDEN",
      `Only members of ${ctx.organization.name} can do this: a platform admin's visit is read and revoke only`,
    );
  }
}

/** The form's string fields, refused before any parsing when there are too many or too long. */
export function readFields(data: FormData | Fields | undefined): Fields {
  const fields: Fields = {};
  if (data === undefined) return fields;
  const entries = data instanceof FormData ? [...data.entries()] : Object.entries(data);
  let count = 0;
  for (const [name, value] of entries) {
    // React's own bookkeeping for progressive enhancement, not a field of the form.
    if (name.startsWith("$ACTION")) continue;
    if (++count > MAX_FIELDS)
      throw new ApiError("VALIDATION_ERROR", "The form has too many fields");
    if (typeof value !== "string") {
      throw new ApiError("VALIDATION_ERROR", `Invalid ${name}: expected text`, [
        { field: name, message: "Expected text" },
      ]);
    }
    if (value.length > MAX_FIELD_LENGTH) {
      throw new ApiError("VALIDATION_ERROR", `Invalid ${name}: too long`, [
        { field: name, message: `At most ${MAX_FIELD_LENGTH} characters` },
      ]);
    }
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}

/** The request of the action being served: its client address and its Auth.js session. */
async function currentRequest(): Promise<ActionRequest> {
  return {
    ip: clientIp(await headers()),
    async session() {
      const session = await auth();
      if (!session?.userId || !session.organizationId) return null;
      return {
        type: "session",
        id: session.userId,
        userId: session.userId,
        organizationId: session.organizationId,
        keyScopes: null,
        expiresAt: null,
      };
    },
  };
}

function register<F extends object>(action: F, definition: ActionDefinition): F {
  DEFINITIONS.set(action, definition);
  return action;
}

/**
 * A form action for `useActionState`: `(previous state, form) => next state`. A refusal becomes
 * `refused(error, fields, previous)`, by default the previous state with `error` set to its
 * message, so the form keeps what was typed when `refused` returns the fields.
 */
export function withAction<
  S extends z.ZodType,
  State extends { error: string | null },
  A extends ActionAccess,
>(
  definition: { name: string; access: A; input: S; run: Handler<S, State, A> },
  refused: (error: ApiError, fields: Fields, previous: State) => State = (
    error,
    _fields,
    previous,
  ) => ({
    ...previous,
    error: error.message,
  }),
): (previous: State, data: FormData) => Promise<State> {
  const def = definition as unknown as ActionDefinition<S, State>;
  const action = async (previous: State, data: FormData) => {
    const outcome = await runAction(def, await currentRequest(), data);
    if (outcome.ok) return outcome.value;
    return refused(outcome.error, safeFields(data), previous);
  };
  return register(action, def);
}

/**
 * An action called with one argument (a plain `<form action>` or a client call): it answers
 * `{ ok, error }` rather than throwing, so a refusal never becomes an error page.
 */
export function withFormAction<S extends z.ZodType, R, A extends ActionAccess>(definition: {
  name: string;
  access: A;
  input: S;
  run: Handler<S, R, A>;
}): (data?: FormData | Fields) => Promise<{ ok: true; value: R } | { ok: false; error: string }> {
  const def = definition as unknown as ActionDefinition<S, R>;
  const action = async (data?: FormData | Fields) => {
    const outcome = await runAction(def, await currentRequest(), data);
    return outcome.ok ? outcome : { ok: false as const, error: outcome.error.message };
  };
  return register(action, def);
}

/** The fields to hand back to a refused form: never a password, never an over-long value. */
function safeFields(data: FormData): Fields {
  try {
    const fields = readFields(data);
    for (const name of Object.keys(fields)) if (/password|token/i.test(name)) delete fields[name];
    return fields;
  } catch {
    return {};
  }
}
