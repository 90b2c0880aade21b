import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { signOutEverywhereAction } from "@/server/auth/session-actions";
import { NameForm, PasswordForm } from "./account-forms";

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
      <section
        aria-labelledby="profile-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="profile-heading" className="text-base font-semibold text-slate-900">
          Profile
        </h2>
        <p className="mt-1 text-sm text-slate-500">{session.user.email}</p>
        <div className="mt-4 max-w-sm">
          <NameForm name={session.user.name} />
        </div>
      </section>
      <section
        aria-labelledby="password-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="password-heading" className="text-base font-semibold text-slate-900">
          Password
        </h2>
        {password === "changed" ? (
          <p role="status" className="mt-2 text-sm text-emerald-700">
            Password changed. Your other sessions and tokens were signed out.
          </p>
        ) : null}
        <div className="mt-4 max-w-sm">
          <PasswordForm />
        </div>
      </section>
      <section
        aria-labelledby="sessions-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="sessions-heading" className="text-base font-semibold text-slate-900">
          Sessions
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-500">
          Signs you out of the dashboard in every browser and on every device, this one included.
          API keys are separate credentials and keep working.
        </p>
        <form action={signOutEverywhereAction} className="mt-4">
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </section>
    </div>
  );
}
