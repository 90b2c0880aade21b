import type { Metadata } from "next";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { NewOrganizationForm } from "./new-org-form";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsSettingsPage() {
  const session = await requireDashboardSession();
  return (
    <div className="space-y-8">
      <section
        aria-labelledby="orgs-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="orgs-heading" className="text-base font-semibold text-slate-900">
          Your organizations
        </h2>
        <ul className="mt-4 divide-y divide-slate-100">
          {session.organizations.map((org) => (
            <li key={org.id} className="flex justify-between py-2 text-sm">
              <span className="font-medium text-slate-900">{org.name}</span>
              <span className="text-slate-500">{org.role ?? "platform admin"}</span>
            </li>
          ))}
        </ul>
      </section>
      <section
        aria-labelledby="new-org-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="new-org-heading" className="text-base font-semibold text-slate-900">
          New organization
        </h2>
        <p className="mt-1 text-sm text-slate-500">You become its owner.</p>
        <div className="mt-4 max-w-sm">
          <NewOrganizationForm />
        </div>
      </section>
    </div>
  );
}
