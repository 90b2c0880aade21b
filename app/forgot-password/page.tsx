import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="text-2xl text-slate-900" />
          <h1 className="text-lg font-semibold text-slate-900">Reset your password</h1>
          <p className="text-sm text-slate-500">
            Enter the email address of your account. We will mail you a link to choose a new
            password.
          </p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <ForgotPasswordForm />
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          Remembered it?{" "}
          <Link href="/login" className="font-medium text-brand-700 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
