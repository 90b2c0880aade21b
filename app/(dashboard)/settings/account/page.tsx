import type { Metadata } from "next";
import { NameForm, PasswordForm, SignOutEverywhereForm } from "@/components/account/account-forms";
import { ActiveSessions } from "@/components/account/active-sessions";
import { VerifyEmailButton } from "@/components/account/verify-email-button";
import { Panel } from "@/components/ui/panel";
import { currentSessionId, requireDashboardSession } from "@/server/http/dashboard-session";
import { listActiveSessions } from "@/server/sessions/list-active-sessions";
import { emailVerificationState } from "@/server/users/verify-email";

export const metadata: Metadata = { title: "Account" };

export default async function AccountSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string }>;
}) {
  const session = await requireDashboardSession();
  const { password } = await searchParams;
  const verification = await emailVerificationState(session.user.id);
  const sessions = await listActiveSessions(session, await currentSessionId());
  return (
    <div className="space-y-8">
      <Panel id="profile" title="Profile" description={session.user.email}>
        <div className="mt-4 max-w-sm">
          <NameForm name={session.user.name} />
        </div>
      </Panel>
      <Panel
        id="email"
        title="Email address"
        description={
          verification?.verified
            ? `${session.user.email} is verified.`
            : `${session.user.email} is not verified yet. Confirm that you receive mail there: until then, anyone who resets this account's password through that address takes it over, and the organizations it joined and its API keys are removed.`
        }
      >
        {verification?.verified ? null : (
          <VerifyEmailButton organizationId={session.organization.id} />
        )}
      </Panel>
      <Panel id="password" title="Password">
        {password === "changed" ? (
          <p role="status" className="mt-2 text-sm text-emerald-700">
            Password changed. Your other sessions and tokens were signed out.
          </p>
        ) : null}
        <div className="mt-4 max-w-sm">
          <PasswordForm />
        </div>
      </Panel>
      <Panel
        id="sessions"
        title="Active sessions"
        description="Browsers signed in to your account, each for 24 hours from its sign-in. Revoke one you do not recognise, or sign out everywhere, this browser included. API keys are separate credentials and keep working."
      >
        <ActiveSessions sessions={sessions} />
        <SignOutEverywhereForm />
      </Panel>
    </div>
  );
}
