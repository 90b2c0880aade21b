import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { describeResetLink } from "@/server/users/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

/** The page a reset mail links to: shows the form only while the link can still be used. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const link = token && token.length <= 200 ? await describeResetLink(token) : null;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="text-2xl text-slate-900" />
          <h1 className="text-lg font-semibold text-slate-900">
            {link ? "Choose a new password" : "This link cannot be used"}
          </h1>
          <p className="text-sm text-slate-500">
            {link
              ? `For the account ${link.email}.`
              : "It was used already, it expired (links work for 30 minutes), or it was copied incompletely."}
          </p>
        </div>
        {link && token ? (
          <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
            {link.emailVerified ? null : (
              <p className="mb-5 rounded-md bg-amber-50 px-3 py-2.5 text-sm text-amber-800 ring-1 ring-amber-200">
                This address was never confirmed for this account, so whoever created it may not
                have been you. Setting a password here removes the account from the organizations it
                joined and revokes its API keys; it then starts in an organization of its own.
              </p>
            )}
            <ResetPasswordForm token={token} />
          </div>
        ) : (
          <p className="text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
              Ask for a new link
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
