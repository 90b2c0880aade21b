import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import { setupTokenValid } from "@/server/users/first-run";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Voltasis" };
export const dynamic = "force-dynamic";

/** First run: only with the token the server logged, and only while no user exists. */
export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  if (!token || !(await setupTokenValid(token))) notFound();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="text-2xl text-slate-900" />
          <h1 className="text-lg font-semibold text-slate-900">Set up Voltasis</h1>
          <p className="text-sm text-slate-500">
            Create the first account. It administers this installation and owns your organization.
          </p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <SetupForm token={token} />
        </div>
      </div>
    </main>
  );
}
