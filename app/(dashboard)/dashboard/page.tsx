import type { Metadata } from "next";
import Link from "next/link";
import { PublicOrigin } from "@/components/public-url";
import { buttonClass } from "@/components/ui/button";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { organizationOverview } from "@/server/organizations/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const session = await requireDashboardSession();
  const overview = await organizationOverview(session);
  const stats = [
    { label: "Active API keys", value: overview.activeKeys, href: "/settings/api-keys" },
    { label: "Members", value: overview.members, href: "/settings/members" },
    { label: "Time entries", value: overview.timeEntries, href: "/docs/api#get-/time-entries" },
  ];
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-medium text-brand-600">{session.organization.name}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
            Welcome back, {session.user.name.split(" ")[0]}
          </h1>
        </div>
        <Link href="/settings/api-keys" className={buttonClass("primary")}>
          Manage API keys
        </Link>
      </div>
      <ul className="grid gap-3 sm:grid-cols-3 sm:gap-4">
        {stats.map((s) => (
          // One row per figure on a phone, a card each from sm up; each card opens its page.
          <li key={s.label}>
            <Link
              href={s.href}
              className="flex items-baseline justify-between rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200 transition-colors hover:bg-slate-50 hover:ring-brand-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:block sm:p-5"
            >
              <span className="block text-sm text-slate-500">{s.label}</span>
              <span className="block text-2xl font-semibold tracking-tight text-slate-900 sm:mt-2 sm:text-3xl">
                {s.value}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {overview.activeKeys > 0 ? null : (
        <section
          aria-labelledby="quickstart"
          className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="quickstart" className="text-base font-semibold text-slate-900">
            Make your first request
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            Create an API key under Settings › API Keys, then call the API with it:
          </p>
          <pre
            // Focusable: it scrolls sideways on a phone, and keyboards must reach that too.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs focus to scroll
            tabIndex={0}
            className="mt-4 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100"
          >
            {"curl -X GET "}
            <PublicOrigin />
            {`/api/v1/auth/me \\
  -H "Authorization: Bearer $VOLTASIS_API_KEY"`}
          </pre>
        </section>
      )}
    </div>
  );
}
