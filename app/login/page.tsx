import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import { safeRedirect } from "@/lib/safe-redirect";
import { auth } from "@/server/auth/config";
import { demoUsersPresent } from "@/server/users/demo-box";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const DEMO_USERS = [
  ["admin@voltasis.test", "Platform admin"],
  ["owner@acme.test", "Owner, Acme"],
  ["member@acme.test", "Member, Acme"],
  ["owner@globex.test", "Owner, Globex"],
] as const;

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; reason?: string }>;
}) {
  const { callbackUrl, reason } = await searchParams;
  const target = safeRedirect(callbackUrl);
  if ((await auth())?.userId) redirect(target);
  // Development only, and only while the demo accounts exist: never on a production install.
  const showDemo = await demoUsersPresent();
  // Why the reader is here, when a page sent them: an expired session or a signed-out visit.
  const notice =
    reason === "expired"
      ? "Your session has expired. Sign in again to continue where you were."
      : reason === "signed-out-everywhere"
        ? "You were signed out on every device. API keys keep working."
        : reason === "ended"
          ? "Your session has ended: it expired, or was signed out from another browser. Sign in again."
          : reason === "password-reset"
            ? "Your password was changed and every session of the account was signed out. Sign in with the new password."
            : callbackUrl
              ? "Sign in to continue to the page you asked for."
              : null;

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="text-2xl text-slate-900" />
          <h1 className="text-lg font-semibold text-slate-900">Sign in to your dashboard</h1>
          <p className="text-sm text-slate-500">Manage API keys, usage and your organization.</p>
        </div>
        {notice ? (
          <p
            role="status"
            className="mb-4 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-100"
          >
            {notice}
          </p>
        ) : null}
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <LoginForm callbackUrl={target} />
          <p className="mt-5 text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
              Forgot password?
            </Link>
          </p>
        </div>
        {showDemo && (
          <section
            aria-labelledby="demo-users"
            className="mt-6 rounded-lg bg-slate-100/80 p-4 text-sm"
          >
            <h2 id="demo-users" className="font-medium text-slate-700">
              Demo accounts
            </h2>
            <p className="mt-1 text-slate-600">
              Password for all: <code className="font-mono text-slate-700">voltasis-demo</code>
            </p>
            <ul className="mt-2 space-y-1">
              {DEMO_USERS.map(([email, role]) => (
                <li key={email} className="flex justify-between gap-4">
                  <code className="font-mono text-slate-700">{email}</code>
                  <span className="text-slate-600">{role}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
