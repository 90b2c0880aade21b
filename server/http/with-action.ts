import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { newId } from "@/lib/ids";
import type { Scope } from "@/lib/scopes";
import { type AuthContext, type Credential, resolveAuthContext } from "@/server/auth/auth-context";
import { auth } from "@/server/auth/config";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { clientIp } from "@/server/core/client-ip";
import { toApiError } from "@/server/core/to-api-error";
import { validationError } from "@/server/core/validation";
import { blockedAddress, consumeRateLimit } from "@/server/rate-limit/consume";

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
 * address like withPublicApi (`chargedBySignIn`: Auth.js's authorize charges that budget itself,
 * on every sign-in path, so the login form pays once). `session`: a signed-in user, budgeted per
 * user like a token, with the API operation's `scope`. Membership rules (a platform admin's visit
 * is read and revoke only) live in the domain functions, shared with the API.
 */
export type ActionAccess =
  | { kind: "public"; chargedBySignIn?: true }
  | { kind: "session"; scope?: Scope };

type ContextFor<A extends ActionAccess> = A extends { kind: "session" }
  ? AuthContext
  : PublicContext;

export interface PublicContext {
  requestId: string;
  ip: string;
}

/**
 * One server action. `run` is the guarded work, the same domain call as the matching /api/v1
 * route; `respond` (optional) turns its result into the form's next state with Next.js's
 * effects (revalidatePath, signIn, redirect), which only a real action request can perform.
 */
export interface ActionSpec<S extends z.ZodType, R, State, A extends ActionAccess> {
  name: string;
  access: A;
  /** The fields' schema: the matching /api/v1 operation's, so both doors accept the same. */
  input: S;
  run(args: { input: z.output<S>; ctx: ContextFor<A> }): Promise<R>;
  respond?(args: { value: R; input: z.output<S>; ctx: ContextFor<A> }): Promise<State>;
}

export type ActionDefinition = ActionSpec<z.ZodType, unknown, unknown, ActionAccess>;

/** What an action needs of its request: the client address and the session's credential. */
export interface ActionRequest {
  ip: string;
  session(): Promise<Credential | null>;
}

/** The guarded work's result, with what it ran on, or the refusal as an ApiError. */
export type ActionOutcome<R, I = unknown, C = AuthContext | PublicContext> =
  | { ok: true; value: R; input: I; ctx: C }
  | { ok: false; error: ApiError };

// Every action made by withAction, so a test can prove that none bypasses it.
const DEFINITIONS = new WeakMap<object, ActionDefinition>();

export function actionDefinition(action: unknown): ActionDefinition | undefined {
  return typeof action === "function" ? DEFINITIONS.get(action) : undefined;
}

/**
 * The one door of every server action, in the order withApi uses: the address's spent budget
 * (memory only) -> session -> budget (per user, or per address without one) -> field caps ->
 * schema -> scope -> the work. Every error becomes a refusal; unknown errors are logged with a
 * request id, never shown. Next.js's redirects pass through.
 */
export async function runAction<S extends z.ZodType, R, State, A extends ActionAccess>(
  definition: ActionSpec<S, R, State, A>,
  request: ActionRequest,
  data: FormData | Fields | undefined,
): Promise<ActionOutcome<R, z.output<S>, ContextFor<A>>> {
  const requestId = newId("req");
  const access: ActionAccess = definition.access;
  try {
    if (blockedAddress(request.ip)) throw new ApiError("RATE_LIMITED");
    let ctx: AuthContext | PublicContext = { requestId, ip: request.ip };
    if (access.kind === "session") {
      const credential = await request.session();
      const context = credential
        ? await resolveAuthContext(credential, null, ctx).catch(() => null)
        : null;
      await charge(context ? { kind: "token", key: `session:${context.user.id}` } : request.ip);
      if (!context) throw new ApiError("UNAUTHORIZED", "Your session has ended: sign in again");
      ctx = context;
    } else if (!access.chargedBySignIn) {
      await charge(request.ip);
    }
    const input = definition.input.safeParse(readFields(data));
    if (!input.success) throw validationError(input.error);
    if (access.kind === "session" && access.scope) requireScope(ctx as AuthContext, access.scope);
    const typed = ctx as ContextFor<A>;
    const value = await definition.run({ input: input.data, ctx: typed });
    return { ok: true, value, input: input.data, ctx: typed };
  } catch (error) {
    unstable_rethrow(error);
    return { ok: false, error: forPeople(toApiError(error, requestId)) };
  }
}

/** A refusal worded for a form: the API's rate-limit message speaks of a header. */
function forPeople(error: ApiError): ApiError {
  if (error.code !== "RATE_LIMITED") return error;
  const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
  return new ApiError(
    "RATE_LIMITED",
    `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    error.details,
    error.retryAfterSeconds,
  );
}

async function charge(subject: string | { kind: "token"; key: string }): Promise<void> {
  const decision = await consumeRateLimit(
    typeof subject === "string" ? { kind: "ip", key: subject } : subject,
  );
  if (!decision.allowed) throw new ApiError("RATE_LIMITED");
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

/** The action request's Origin, for links shown to the browser that sent it (null outside one). */
export async function requestOrigin(): Promise<string | null> {
  try {
    return (await headers()).get("origin");
  } catch {
    return null;
  }
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

function register<F extends object>(action: F, definition: object): F {
  DEFINITIONS.set(action, definition as ActionDefinition);
  return action;
}

/**
 * A form action for `useActionState`: `(previous state, form) => next state`. A refusal becomes
 * `refused(error, fields, previous)`, by default the previous state with `error` set, so a form
 * can keep what was typed (`fields` never holds a password or a token).
 */
export function withAction<
  S extends z.ZodType,
  R,
  State extends { error: string | null },
  A extends ActionAccess,
>(
  spec: ActionSpec<S, R, State, A>,
  refused: (error: ApiError, fields: Fields, previous: State) => State = (
    error,
    _fields,
    previous,
  ) => ({
    ...previous,
    error: error.message,
  }),
): (previous: State, data: FormData) => Promise<State> {
  const action = async (previous: State, data: FormData): Promise<State> => {
    const outcome = await runAction(spec, await currentRequest(), data);
    if (!outcome.ok) return refused(outcome.error, safeFields(data), previous);
    if (!spec.respond) return outcome.value as unknown as State;
    try {
      return await spec.respond(outcome);
    } catch (error) {
      unstable_rethrow(error);
      return refused(forPeople(toApiError(error, "action")), safeFields(data), previous);
    }
  };
  return register(action, spec);
}

/**
 * An action called with one argument (a plain `<form action>`, or a client component's call
 * with a plain object): refusals are answered as `{ ok: false, error }`, never thrown, so they
 * never become an error page.
 */
export function withFormAction<S extends z.ZodType, R, A extends ActionAccess>(
  spec: ActionSpec<S, R, void, A>,
): (data?: FormData | Fields) => Promise<{ ok: true } | { ok: false; error: string }> {
  const action = async (data?: FormData | Fields) => {
    const outcome = await runAction(spec, await currentRequest(), data);
    if (!outcome.ok) return { ok: false as const, error: outcome.error.message };
    try {
      await spec.respond?.(outcome);
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false as const, error: forPeople(toApiError(error, "action")).message };
    }
    return { ok: true as const };
  };
  return register(action, spec);
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
