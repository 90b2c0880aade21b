import type { Metadata } from "next";
import { InviteMember } from "@/components/members/invite-member";
import { MemberList } from "@/components/members/member-list";
import { PendingInvitations } from "@/components/members/pending-invitations";
import { Panel } from "@/components/ui/panel";
import { requireDashboardSession } from "@/server/http/dashboard-session";
import { listInvitations } from "@/server/invitations/list-invitations";
import { listMembers } from "@/server/users/list-members";

export const metadata: Metadata = { title: "Members" };

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
            <InviteMember organizationId={session.organization.id} actorRole={session.role} />
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
        <PendingInvitations
          invitations={invitations.map((inv) => ({ ...inv, invitedBy: inviter(inv.invited_by) }))}
          organizationId={session.organization.id}
          canManage={canManage}
          canResend={canChangeMembers}
        />
      </Panel>
    </div>
  );
}
