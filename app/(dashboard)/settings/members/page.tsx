import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { listInvitations } from "@/server/invitations/list-invitations";
import { listMembers } from "@/server/users/list-members";
import { InviteMember, RevokeInvitation, RoleMenu } from "./members-client";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const session = await requireDashboardSession();
  const members = await listMembers(session);
  const canManage = session.scopes.includes("write:users");
  // A platform admin's visit is read and revoke only: no invitations, no role changes.
  const canChangeMembers = canManage && session.isMember;
  // The first 100 pending invitations; the API pages through more.
  const { data: invitations } = await listInvitations(session, { limit: 100 });
  const owners = members.filter((m) => m.role === "owner").length;
  return (
    <div className="space-y-8">
      {canChangeMembers ? (
        <Panel id="invite" title="Invite member">
          <div className="mt-4">
            <InviteMember actorRole={session.role} />
          </div>
        </Panel>
      ) : null}
      <Panel id="members" title="Members">
        <ul className="mt-4 divide-y divide-slate-100">
          {members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-4 py-3">
              <div>
                <p className="text-sm font-medium text-slate-900">{m.name}</p>
                <p className="text-sm text-slate-500">{m.email}</p>
              </div>
              <RoleMenu
                userId={m.id}
                name={m.name}
                role={m.role}
                actorRole={canChangeMembers ? session.role : "member"}
                lastOwner={owners <= 1}
              />
            </li>
          ))}
        </ul>
      </Panel>
      <Panel id="invitations" title="Pending invitations">
        {invitations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No pending invitations.</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-100">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex items-center justify-between gap-4 py-3">
                <div>
                  <p className="text-sm font-medium text-slate-900">{inv.email}</p>
                  <p className="text-sm text-slate-500">
                    {inv.role} · expires {inv.expires_at.slice(0, 10)}
                  </p>
                </div>
                {canManage ? <RevokeInvitation id={inv.id} email={inv.email} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
