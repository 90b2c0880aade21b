import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { describeVerifyLink } from "@/server/users/verify-email";
import { VerifyEmailForm } from "./verify-email-form";

export const metadata: Metadata = { title: "Confirm your email address" };
export const dynamic = "force-dynamic";

/**
 * The page a verification mail links to. Opening it changes nothing (mail scanners open links):
 * the address is confirmed by the form, with the account's password.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const link = token && token.length <= 200 ? await describeVerifyLink(token) : null;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="text-2xl text-slate-900" />
          <h1 className="text-lg font-semibold text-slate-900">
            {link ? "Confirm your email address" : "This link cannot be used"}
          </h1>
          <p className="text-sm text-slate-500">
            {link
              ? `Enter the password of the account ${link.email} to confirm that this address is yours.`
              : "It was used already, it expired (links work for 24 hours), or it was copied incompletely. Ask for a new one in Settings > Account."}
          </p>
        </div>
        {link && token ? (
          <>
            <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
              <VerifyEmailForm token={token} email={link.email} />
            </div>
            <p className="mt-6 text-center text-sm text-slate-600">
              Not your account, or you do not know its password? Someone may have created it with
              your address.{" "}
              <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
                Reset its password to take it over
              </Link>
            </p>
          </>
        ) : null}
      </div>
    </main>
  );
}
