import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export const metadata: Metadata = { title: "Page not found" };

/** Any address no page answers: say so, and offer a way back. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12 text-center">
      <Link href="/dashboard" aria-label="Voltasis home" className="mb-8">
        <Logo className="text-2xl text-slate-900" />
      </Link>
      <p className="font-mono text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        Nothing lives at this address. It may have moved, or the link may be mistyped.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href="/dashboard" className={buttonClass("primary")}>
          Back to the dashboard
        </Link>
        <Link href="/docs/api" className={buttonClass("secondary")}>
          API reference
        </Link>
      </div>
    </main>
  );
}
