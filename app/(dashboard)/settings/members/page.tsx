import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { listInvitations } from "@/server/invitations/list-invitations";
import { listMembers } from "@/server/users/list-members";
import { MemberList } from "./member-list";
import { InviteMember, RevokeInvitation } from "./members-client";

export const metadata: Metadata = { title: "Members" };

const ROLE_LABELS = { member: "Member", admin: "Admin", owner: "Owner" } as const;
const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage() {
  const session = await requireDashboardSession();
  const members = await listMembers(session);
  const canManage = session.scopes.includes("write:users");
  // A platform admin's visit is read and revoke only: no invitations, no role changes.
  const canChangeMembers = canManage && session.isMember;
  // The first 100 pending invitations; the API pages through more.
  const { data: invitations } = await listInvitations(session, { limit: 100 });
  const names = new Map(members.map((m) => [m.id, m.name]));
  const inviter = (id: string) =>
    id === session.user.id ? "you" : (names.get(id) ?? "a former member");
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
        <MemberList
          members={members.map((m) => ({ ...m, joined_at: m.joined_at.toISOString() }))}
          organization={session.organization}
          currentUserId={session.user.id}
          actorRole={session.role}
          canChange={canChangeMembers}
        />
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
                    {ROLE_LABELS[inv.role]} · invited by {inviter(inv.invited_by)} on{" "}
                    <time dateTime={inv.created_at}>{day.format(new Date(inv.created_at))}</time> ·
                    expires{" "}
                    <time dateTime={inv.expires_at}>{day.format(new Date(inv.expires_at))}</time>
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
