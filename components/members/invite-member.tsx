"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiRequestError, api, dataOf, inOrganization } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { Role } from "@/lib/roles";
import { type InvitationSent, InvitationSentNotice, toInvitationSent } from "./invitation-link";

/** The pending invitation a 409 names, when the address was already invited. */
function pendingInvitationOf(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || !Array.isArray(error.details)) return null;
  const named = (error.details as { invitation_id?: unknown }[]).find(
    (d) => typeof d.invitation_id === "string",
  );
  return typeof named?.invitation_id === "string" ? named.invitation_id : null;
}

/** Settings > Members' invite form: POST /invitations, and "Send again" for an address invited. */
export function InviteMember({
  organizationId,
  actorRole,
}: {
  organizationId: string;
  actorRole: Role;
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; invitationId: string | null } | null>(null);
  const [sent, setSent] = useState<InvitationSent | null>(null);

  async function send(call: () => Promise<Parameters<typeof toInvitationSent>[0]>) {
    setPending(true);
    setError(null);
    setSent(null);
    try {
      setSent(toInvitationSent(await call()));
      setEmail("");
      router.refresh();
    } catch (e) {
      // What was typed stays, so it can be corrected.
      setError({
        message: e instanceof Error ? e.message : "The invitation could not be sent.",
        invitationId: pendingInvitationOf(e),
      });
    } finally {
      setPending(false);
    }
  }

  function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(() =>
      dataOf(
        api.POST("/invitations", { body: { email, role }, ...inOrganization(organizationId) }),
      ),
    );
  }

  function sendAgain(id: string) {
    void send(() =>
      dataOf(
        api.POST("/invitations/{id}/resend", {
          params: { path: { id } },
          ...inOrganization(organizationId),
        }),
      ),
    );
  }

  return (
    <div className="space-y-4">
      <form onSubmit={invite} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField
            id="invite-email"
            name="email"
            type="email"
            label="Email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <label className="text-sm font-medium text-slate-700">
          Role
          <select
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
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
      {error ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-700">
          <p>{error.message}</p>
          {error.invitationId ? (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => sendAgain(error.invitationId ?? "")}
            >
              Send again
            </Button>
          ) : null}
        </div>
      ) : null}
      {sent ? <InvitationSentNotice sent={sent} /> : null}
    </div>
  );
}
