import NextAuth, { CredentialsSignin } from "next-auth";
import { encode } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "@/lib/env";
import { componentLogger } from "@/lib/logger";
import { authorizeCredentials } from "./credentials";
import { sessionJwt } from "./session-callbacks";
import { endSession, SESSION_MAX_AGE_SECONDS, sessionSecondsLeft } from "./session-validity";

export { AccountLocked, TooManyLogins } from "./credentials";
export { SESSION_MAX_AGE_SECONDS } from "./session-validity";

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: {
    maxAge: SESSION_MAX_AGE_SECONDS,
    // Auth.js re-issues the JWT on every session read with a fresh maxAge; the expiry written
    // into it stays at sign-in + 24 h instead, so re-issuing never extends a session.
    encode(params) {
      const left = sessionSecondsLeft(params.token?.signedInAt);
      return encode({ ...params, maxAge: left === null ? params.maxAge : Math.max(1, left) });
    },
  },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an expected outcome shown on the form, not a server error to log.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      componentLogger("auth").error(`${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  events: {
    // Sign-out ends the session on the server too: a copied cookie stops working at once.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      await endSession(token?.uid, token?.sid, token?.signedInAt);
    },
  },
  callbacks: {
    jwt: sessionJwt,
    session({ session, token }) {
      return {
        ...session,
        userId: typeof token.uid === "string" ? token.uid : "",
        organizationId: typeof token.orgId === "string" ? token.orgId : "",
        // Which of the account's sessions this is: Settings > Account marks it "This session".
        sessionId: typeof token.sid === "string" ? token.sid : "",
        signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : null,
      };
    },
  },
}));
