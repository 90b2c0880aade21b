import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { NameForm, PasswordForm, SignOutEverywhereForm } from "./account-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string }>;
}) {
  const session = await requireDashboardSession();
  const { password } = await searchParams;
  return (
    <div className="space-y-8">
      <Panel id="profile" title="Profile" description={session.user.email}>
        <div className="mt-4 max-w-sm">
          <NameForm name={session.user.name} />
        </div>
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
        title="Sessions"
        description="Signs you out of the dashboard in every browser and on every device, this one included. API keys are separate credentials and keep working."
      >
        <SignOutEverywhereForm />
      </Panel>
    </div>
  );
}
