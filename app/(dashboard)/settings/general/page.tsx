import type { Metadata } from "next";
import { CopyButton } from "@/components/ui/copy-button";
import { Panel } from "@/components/ui/panel";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { listMembers } from "@/server/users/list-members";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage() {
  const session = await requireDashboardSession();
  const members = await listMembers(session);
  return (
    <div className="space-y-8">
      <Panel id="org" title="Organization">
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
      </Panel>

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-base font-semibold text-slate-900">
          Members
        </h2>
        <Table caption="Members">
          <TableHead>
            <Th>Name</Th>
            <Th className="hidden sm:table-cell">Email</Th>
            <Th>Role</Th>
          </TableHead>
          <TableBody>
            {members.map((m) => (
              <Tr key={m.id}>
                <Td>
                  <span className="font-medium text-slate-900">{m.name}</span>
                  {/* On phones the email sits under the name instead of in its own column. */}
                  <span className="block text-slate-500 sm:hidden">{m.email}</span>
                </Td>
                <Td className="hidden text-slate-600 sm:table-cell">{m.email}</Td>
                <Td className="capitalize text-slate-600">{m.role}</Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
