import type { Metadata } from "next";
import { NewOrganizationForm } from "@/components/organizations/new-org-form";
import { Panel } from "@/components/ui/panel";
import { requireDashboardSession } from "@/server/http/dashboard-session";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsSettingsPage() {
  const session = await requireDashboardSession();
  return (
    <div className="space-y-8">
      <Panel id="orgs" title="Your organizations">
        <ul className="mt-4 divide-y divide-slate-100">
          {session.organizations.map((org) => (
            <li key={org.id} className="flex justify-between py-2 text-sm">
              <span className="font-medium text-slate-900">{org.name}</span>
              <span className="text-slate-500">{org.role ?? "platform admin"}</span>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel id="new-org" title="New organization">
        <p className="mt-1 text-sm text-slate-500">You become its owner.</p>
        <div className="mt-4 max-w-sm">
          <NewOrganizationForm />
        </div>
      </Panel>
    </div>
  );
}
