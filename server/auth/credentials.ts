// From @auth/core (what next-auth re-exports): importable without the Next.js runtime.
import { CredentialsSignin } from "@auth/core/errors";
import { z } from "zod";
import { clientIp } from "@/server/core/client-ip";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import { authenticateUser, defaultOrganizationId } from "./authenticate-user";
import { SignInThrottled, throttleSignIn } from "./sign-in-throttle";

export const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});

class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}

/** Too many attempts from this address (the per-address unauthenticated budget). */
export class TooManyLogins extends CredentialsSignin {
  code = "rate_limited";
}

/** Too many failed sign-ins for this account (from any address) in the current window. */
export class AccountLocked extends CredentialsSignin {
  code = "account_locked";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  organizationId: string;
}

/** The Credentials provider's `authorize`: the login form and Auth.js's callback both end here. */
export async function authorizeCredentials(
  raw: Partial<Record<string, unknown>>,
  request: Request,
): Promise<SignedInUser> {
  // Password guessing through the form costs the same per-address budget as the API's
  // unauthenticated requests (POST /auth/token), whichever route the attempt takes.
  const ip = clientIp(request.headers);
  if (!(await consumeRateLimit({ kind: "ip", key: ip })).allowed) throw new TooManyLogins();
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidLogin();
  const { email, password } = parsed.data;
  let user: Awaited<ReturnType<typeof authenticateUser>>;
  try {
    // The account's own budget, shared with POST /auth/token: 10 per 15 minutes, any address.
    user = await throttleSignIn(email, () => authenticateUser(email, password));
  } catch (error) {
    if (error instanceof SignInThrottled) throw new AccountLocked(error.retryAfterSeconds);
    throw error;
  }
  if (!user) throw new InvalidLogin();
  const organizationId = await defaultOrganizationId(user);
  if (!organizationId) throw new InvalidLogin();
  return { id: user.id, email: user.email, name: user.name, organizationId };
}
