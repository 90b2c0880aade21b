import "next-auth";

declare module "next-auth" {
  interface Session {
    userId: string;
    organizationId: string;
    sessionId: string;
    /** When this browser session signed in (epoch ms); null for a session without one. */
    signedInAt: number | null;
  }
}
