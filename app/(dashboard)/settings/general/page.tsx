import type { Metadata } from "next";
import { CopyButton } from "@/components/ui/copy-button";
import { requireDashboardSession } from "@/server/auth/dashboard-session";
import { listMembers } from "@/server/users/list-members";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage() {
  const session = await requireDashboardSession();
  const members = await listMembers(session.organization.id);
  return (
    <div className="space-y-8">
      <section
        aria-labelledby="org-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="org-heading" className="text-base font-semibold text-slate-900">
          Organization
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-slate-500">Name</dt>
            <dd className="mt-1 text-sm font-medium text-slate-900">{session.organization.name}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">Organization ID</dt>
            <dd className="mt-1 flex items-center gap-2">
              <span
                data-testid="organization-id"
                className="font-mono text-sm break-all text-slate-900"
              >
                {session.organization.id}
              </span>
              <CopyButton text={session.organization.id} label="Copy organization ID" />
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">Your role</dt>
            <dd className="mt-1 text-sm font-medium capitalize text-slate-900">
              {session.role}
              {session.user.isPlatformAdmin ? " · platform admin" : ""}
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-sm text-slate-500">
          Send{" "}
          <code className="font-mono text-slate-700">
            X-Organization-ID: {session.organization.id}
          </code>{" "}
          to act in this organization with a user token.
        </p>
      </section>

      <section
        aria-labelledby="members-heading"
        className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="members-heading" className="px-6 pt-6 text-base font-semibold text-slate-900">
          Members
        </h2>
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-6 py-3">
                  Name
                </th>
                <th scope="col" className="hidden px-6 py-3 sm:table-cell">
                  Email
                </th>
                <th scope="col" className="px-6 py-3">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.id}>
                  <td className="px-6 py-3">
                    <span className="font-medium text-slate-900">{m.name}</span>
                    {/* On phones the email sits under the name instead of in its own column. */}
                    <span className="block text-slate-500 sm:hidden">{m.email}</span>
                  </td>
                  <td className="hidden px-6 py-3 text-slate-600 sm:table-cell">{m.email}</td>
                  <td className="px-6 py-3 capitalize text-slate-600">{m.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
