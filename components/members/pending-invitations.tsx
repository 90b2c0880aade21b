"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, dataOf, inOrganization } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, type Role } from "@/lib/roles";
import { type InvitationSent, InvitationSentNotice, toInvitationSent } from "./invitation-link";

export interface ListedInvitation {
  id: string;
  email: string;
  role: Role;
  /** "you", a member's name, or "a former member". */
  invitedBy: string;
  created_at: string;
  expires_at: string;
}

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Settings > Members' pending invitations: who invited whom and when, and, for those who may
 * invite, "Send again" (a new link for 7 more days, mailed or shown) and "Revoke".
 */
export function PendingInvitations({
  invitations,
  organizationId,
  canManage,
  canResend,
}: {
  invitations: ListedInvitation[];
  organizationId: string;
  canManage: boolean;
  canResend: boolean;
}) {
  if (invitations.length === 0) {
    return <p className="mt-2 text-sm text-slate-500">No pending invitations.</p>;
  }
  return (
    <ul className="mt-4 divide-y divide-slate-100">
      {invitations.map((invitation) => (
        <InvitationRow
          key={invitation.id}
          invitation={invitation}
          organizationId={organizationId}
          canManage={canManage}
          canResend={canResend}
        />
      ))}
    </ul>
  );
}

function InvitationRow({
  invitation,
  organizationId,
  canManage,
  canResend,
}: {
  invitation: ListedInvitation;
  organizationId: string;
  canManage: boolean;
  canResend: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<InvitationSent | null>(null);
  const options = { params: { path: { id: invitation.id } }, ...inOrganization(organizationId) };

  async function act(call: () => Promise<void>, fallback: string) {
    setPending(true);
    setError(null);
    try {
      await call();
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : fallback);
    } finally {
      setPending(false);
    }
  }

  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{invitation.email}</p>
          <p className="text-sm text-slate-500">
            {ROLE_LABELS[invitation.role]} · invited by {invitation.invitedBy} on{" "}
            <time dateTime={invitation.created_at}>
              {day.format(new Date(invitation.created_at))}
            </time>{" "}
            · expires{" "}
            <time dateTime={invitation.expires_at}>
              {day.format(new Date(invitation.expires_at))}
            </time>
          </p>
        </div>
        {canManage ? (
          <div className="flex gap-2">
            {canResend ? (
              <Button
                variant="secondary"
                disabled={pending}
                aria-label={`Send the invitation to ${invitation.email} again`}
                onClick={() =>
                  act(async () => {
                    setSent(
                      toInvitationSent(await dataOf(api.POST("/invitations/{id}/resend", options))),
                    );
                  }, "The invitation could not be sent again.")
                }
              >
                Send again
              </Button>
            ) : null}
            <Button
              variant="secondary"
              disabled={pending}
              aria-label={`Revoke invitation of ${invitation.email}`}
              onClick={() =>
                act(async () => {
                  await dataOf(api.DELETE("/invitations/{id}", options));
                }, "The invitation could not be revoked.")
              }
            >
              Revoke
            </Button>
          </div>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {sent ? <InvitationSentNotice sent={sent} /> : null}
    </li>
  );
}
