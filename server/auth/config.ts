import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret } from "@/server/env";
import { clientIp } from "@/server/http/client-ip";
import { canEnterOrganization } from "@/server/organizations/list-organizations";
import { consumeRateLimit } from "@/server/rate-limit";
import { authenticateUser, defaultOrganizationId } from "./authenticate-user";

// Browser sessions last as long as user access tokens: 24 hours.
export const SESSION_MAX_AGE_SECONDS = 24 * 60 * 60;

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}

export class TooManyLogins extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an expected outcome shown on the form, not a server error to log.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        // Password guessing through the form costs the same per-address budget as the API's
        // unauthenticated requests (POST /auth/token), whichever route the attempt takes.
        const ip = clientIp(request.headers);
        if (!(await consumeRateLimit({ kind: "ip", key: ip })).allowed) throw new TooManyLogins();
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const user = await authenticateUser(parsed.data.email, parsed.data.password);
        if (!user) throw new InvalidLogin();
        const organizationId = await defaultOrganizationId(user);
        if (!organizationId) throw new InvalidLogin();
        return { id: user.id, email: user.email, name: user.name, organizationId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        token.uid = user.id;
        token.orgId = (user as { organizationId?: string }).organizationId;
      }
      // Organization switch: checked here again, so a forged update cannot enter another org.
      if (trigger === "update") {
        const requested = (session as { organizationId?: unknown } | undefined)?.organizationId;
        if (
          typeof requested === "string" &&
          typeof token.uid === "string" &&
          (await canEnterOrganization(token.uid, requested))
        ) {
          token.orgId = requested;
        }
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        userId: typeof token.uid === "string" ? token.uid : "",
        organizationId: typeof token.orgId === "string" ? token.orgId : "",
      };
    },
  },
}));
