import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Logo } from "@/components/ui/logo";
import { auth } from "@/server/auth/config";
import type { ComponentState, ComponentStatus, PublicIncident } from "@/server/status/schemas";
import { cachedStatusReport } from "@/server/status/status-report";
import { findActiveUser } from "@/server/users/find-active-user";
import { IncidentForm } from "./incident-form";

export const metadata: Metadata = { title: "API status" };

const OVERALL: Record<ComponentStatus, { text: string; className: string }> = {
  operational: { text: "All systems operational", className: "bg-emerald-700 text-white" },
  degraded: { text: "Degraded performance", className: "bg-amber-300 text-amber-950" },
  outage: { text: "Major outage", className: "bg-red-700 text-white" },
};

const COMPONENT_TEXT: Record<ComponentStatus, { text: string; className: string }> = {
  operational: { text: "Operational", className: "text-emerald-800" },
  degraded: { text: "Degraded", className: "text-amber-800" },
  outage: { text: "Outage", className: "text-red-700" },
};

const STAGE: Record<PublicIncident["status"], string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

function percent(ratio: number | null): string {
  return ratio === null ? "no data" : `${(ratio * 100).toFixed(ratio === 1 ? 0 : 2)}%`;
}

function barClass(uptime: number | null): string {
  if (uptime === null) return "bg-slate-200";
  if (uptime >= 0.999) return "bg-emerald-500";
  if (uptime >= 0.95) return "bg-amber-400";
  return "bg-red-500";
}

function UptimeBars({ component }: { component: ComponentState }) {
  return (
    <div>
      <div
        role="img"
        aria-label={`${component.name}: ${percent(component.uptime_90d)} uptime over the last 90 days`}
        className="flex h-8 gap-px"
      >
        {component.days.map((day) => (
          <span
            key={day.date}
            title={`${day.date}: ${percent(day.uptime)}`}
            className={`block flex-1 rounded-sm ${barClass(day.uptime)}`}
          />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-600">
        <span>90 days ago</span>
        <span>
          {component.uptime_90d === null
            ? "No samples yet"
            : `${percent(component.uptime_90d)} uptime`}
        </span>
        <span>Today</span>
      </div>
    </div>
  );
}

function Incident({ incident }: { incident: PublicIncident }) {
  return (
    <article className="rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-label={incident.title}>
      <h3 className="font-semibold text-slate-900">{incident.title}</h3>
      <p className="text-sm text-slate-600">
        {STAGE[incident.status]} · opened{" "}
        <time dateTime={incident.created_at}>
          {incident.created_at.slice(0, 16).replace("T", " ")} UTC
        </time>
      </p>
      <ol className="mt-3 space-y-2">
        {incident.updates.map((update) => (
          <li key={update.id} className="text-sm">
            <span className="font-medium text-slate-900">{STAGE[update.status]}</span>
            <span className="text-slate-600">
              {" "}
              ·{" "}
              <time dateTime={update.created_at}>
                {update.created_at.slice(0, 16).replace("T", " ")} UTC
              </time>
            </span>
            <p className="text-slate-800">{update.message}</p>
          </li>
        ))}
      </ol>
    </article>
  );
}

/** Signed-in platform admins get the incident form; everyone else the page alone. */
async function isPlatformAdmin(): Promise<boolean> {
  try {
    const session = await auth();
    if (!session?.userId) return false;
    return (await findActiveUser(session.userId))?.isPlatformAdmin ?? false;
  } catch {
    return false;
  }
}

// Public: no sign-in (proxy.ts leaves /status alone). Same data as GET /api/v1/status.
export default async function StatusPage() {
  // Rendered per request, never at build time: the build would otherwise run the health checks
  // against whatever database it finds (and wait out their timeouts).
  await connection();
  const [report, admin] = await Promise.all([cachedStatusReport(), isPlatformAdmin()]);
  const open = report.incidents.filter((i) => i.status !== "resolved");
  const past = report.incidents.filter((i) => i.status === "resolved");
  const overall = OVERALL[report.status];
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <header className="mb-8 flex items-center justify-between">
        <Link href="/" className="text-xl text-slate-900">
          <Logo />
        </Link>
        <h1 className="text-lg font-semibold text-slate-900">API status</h1>
      </header>
      <p role="status" className={`rounded-lg px-4 py-3 font-semibold ${overall.className}`}>
        {overall.text}
      </p>
      {open.length > 0 ? (
        <section aria-labelledby="open-incidents" className="mt-8 space-y-3">
          <h2 id="open-incidents" className="text-base font-semibold text-slate-900">
            Current incidents
          </h2>
          {open.map((incident) => (
            <Incident key={incident.id} incident={incident} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="components" className="mt-8">
        <h2 id="components" className="text-base font-semibold text-slate-900">
          Components
        </h2>
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {report.components.map((component) => (
            <li key={component.id} className="space-y-3 p-4" aria-label={component.name}>
              <div className="flex items-baseline justify-between gap-4">
                <div>
                  <h3 className="font-medium text-slate-900">{component.name}</h3>
                  <p className="text-sm text-slate-600">{component.detail}</p>
                </div>
                <p
                  className={`text-sm font-semibold ${COMPONENT_TEXT[component.status].className}`}
                >
                  {COMPONENT_TEXT[component.status].text}
                </p>
              </div>
              <UptimeBars component={component} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="past-incidents" className="mt-8 space-y-3">
        <h2 id="past-incidents" className="text-base font-semibold text-slate-900">
          Past incidents
        </h2>
        {past.length > 0 ? (
          past.map((incident) => <Incident key={incident.id} incident={incident} />)
        ) : (
          <p className="text-sm text-slate-600">No incidents in the last 90 days.</p>
        )}
      </section>
      {admin ? (
        <section aria-labelledby="post-incident" className="mt-8">
          <h2 id="post-incident" className="text-base font-semibold text-slate-900">
            Post an incident update
          </h2>
          <p className="text-sm text-slate-600">Platform admins only. Shown to everyone at once.</p>
          <IncidentForm open={open.map((i) => ({ id: i.id, title: i.title }))} />
        </section>
      ) : null}
      <footer className="mt-10 text-sm text-slate-600">
        Updated <time dateTime={report.updated_at}>{report.updated_at.slice(11, 19)} UTC</time>. As
        JSON:{" "}
        <a className="text-brand-700 underline" href="/api/v1/status">
          /api/v1/status
        </a>
      </footer>
    </main>
  );
}
