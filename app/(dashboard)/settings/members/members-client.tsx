"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { Role } from "@/lib/roles";
import {
  type InviteState,
  inviteAction,
  type RoleState,
  revokeInvitationAction,
} from "@/server/http/actions/member-actions";

export function InviteMember({ actorRole }: { actorRole: Role }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(inviteAction, {
    error: null,
    url: null,
    sentTo: null,
  });
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField id="invite-email" name="email" type="email" label="Email" required />
        </div>
        <label className="text-sm font-medium text-slate-700">
          Role
          <select
            name="role"
            defaultValue="member"
            className="mt-1 block rounded-md border-0 py-2 pr-8 pl-3 text-sm ring-1 ring-slate-300 ring-inset"
          >
            <option value="member">Member</option>
            <option value="admin">Admin</option>
            <option value="owner" disabled={actorRole !== "owner"}>
              {actorRole === "owner" ? "Owner" : "Owner (only owners invite owners)"}
            </option>
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Invite member"}
        </Button>
      </form>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.sentTo ? (
        <p
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          Invitation sent to <strong className="font-semibold">{state.sentTo}</strong>. The link
          works once, for 7 days.
        </p>
      ) : null}
      {state.url ? (
        <div className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
          <p className="font-medium text-amber-900">
            Email is not configured: share this link yourself. It is shown only once and works for 7
            days.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="invitation-url" className="min-w-0 flex-1 break-all font-mono">
              {state.url}
            </code>
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard.writeText(state.url ?? "");
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeInvitation({ id, email }: { id: string; email: string }) {
  const [state, action, pending] = useActionState<RoleState, FormData>(revokeInvitationAction, {
    error: null,
  });
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        variant="secondary"
        disabled={pending}
        aria-label={`Revoke invitation of ${email}`}
      >
        Revoke
      </Button>
      {state.error ? (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
