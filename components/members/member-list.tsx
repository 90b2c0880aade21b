"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api, dataOf, inOrganization } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { ROLE_LABELS, type Role } from "@/lib/roles";

export interface ListedMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: string;
}

const ROLES: Role[] = ["member", "admin", "owner"];

const ROLE_POWERS: Record<Role, string> = {
  member: "Uses the API and manages their own keys and tokens.",
  admin: "Also sees and revokes every key, reads the audit log, and invites admins and members.",
  owner:
    "Everything an admin can do, and grants or takes away Owner, renames the organization and removes anyone, other owners included.",
};

/** Why the actor may not give `member` the role `to`, or null when they may. */
function refusal(actorRole: Role, from: Role, to: Role, lastOwner: boolean): string | null {
  if ((from === "owner" || to === "owner") && actorRole !== "owner") {
    return "Only owners grant or take away Owner.";
  }
  if (from === "owner" && to !== "owner" && lastOwner) {
    return "The organization's last owner stays Owner: make someone else Owner first.";
  }
  return null;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/**
 * Settings > Members, GitHub's People page for a small team: who belongs, since when, in which
 * role; searchable; and, for those who may, a Change role and a Remove dialog that say what each
 * step means before it is taken. Both call the API (PATCH and DELETE /users/{id}).
 */
export function MemberList({
  members,
  organization,
  currentUserId,
  actorRole,
  canChange,
}: {
  members: ListedMember[];
  organization: { id: string; name: string };
  currentUserId: string;
  actorRole: Role;
  canChange: boolean;
}) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const [changing, setChanging] = useState<ListedMember | null>(null);
  const [removing, setRemoving] = useState<ListedMember | null>(null);
  const owners = members.filter((m) => m.role === "owner").length;
  const q = query.trim().toLowerCase();
  const shown = q
    ? members.filter((m) => m.name.toLowerCase().includes(q) || m.email.toLowerCase().includes(q))
    : members;

  return (
    <div className="mt-4">
      <label htmlFor={searchId} className="sr-only">
        Search members
      </label>
      <input
        id={searchId}
        type="search"
        placeholder="Search by name or email"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        maxLength={254}
        className={`${inputClass} max-w-sm`}
      />
      <p role="status" className="mt-2 text-xs text-slate-500">
        {q ? `${shown.length} of ${members.length} members` : `${members.length} members`}
      </p>
      <ul className="mt-2 divide-y divide-slate-100">
        {shown.map((m) => {
          const you = m.id === currentUserId;
          // An admin may not act on an owner; nobody removes the last owner.
          const mayAct = canChange && !(m.role === "owner" && actorRole !== "owner");
          return (
            <li
              key={m.id}
              className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
            >
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">
                  {m.name}
                  {you ? <span className="font-normal text-slate-500"> (you)</span> : null}
                </p>
                <p className="truncate text-sm text-slate-500">{m.email}</p>
                <p className="text-xs text-slate-500">
                  {ROLE_LABELS[m.role]} · joined{" "}
                  <time dateTime={m.joined_at}>{dateFormat.format(new Date(m.joined_at))}</time>
                </p>
              </div>
              {mayAct ? (
                <div className="flex shrink-0 gap-2">
                  <Button
                    variant="secondary"
                    onClick={() => setChanging(m)}
                    aria-label={`Change role of ${m.name}`}
                  >
                    Change role
                  </Button>
                  {you ? null : (
                    <Button
                      variant="secondary"
                      onClick={() => setRemoving(m)}
                      aria-label={`Remove ${m.name}`}
                      disabled={m.role === "owner" && owners <= 1}
                    >
                      Remove
                    </Button>
                  )}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {changing ? (
        <ChangeRoleDialog
          member={changing}
          organization={organization}
          actorRole={actorRole}
          lastOwner={owners <= 1}
          onClose={() => setChanging(null)}
        />
      ) : null}
      {removing ? (
        <RemoveMemberDialog
          member={removing}
          organization={organization}
          onClose={() => setRemoving(null)}
        />
      ) : null}
    </div>
  );
}

/**
 * One API call behind a confirmation: pending while it runs, its error kept for the dialog, and
 * on success the server page re-rendered and the dialog closed.
 */
function useConfirmedCall(onDone: () => void, fallback: string) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(call: () => Promise<unknown>) {
    setPending(true);
    setError(null);
    try {
      await call();
      router.refresh();
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : fallback);
      setPending(false);
    }
  }
  return { pending, error, run };
}

function ChangeRoleDialog({
  member,
  organization,
  actorRole,
  lastOwner,
  onClose,
}: {
  member: ListedMember;
  organization: { id: string; name: string };
  actorRole: Role;
  lastOwner: boolean;
  onClose: () => void;
}) {
  const group = useId();
  const [role, setRole] = useState<Role>(member.role);
  const { pending, error, run } = useConfirmedCall(onClose, "The role could not be changed.");
  const confirm = () =>
    run(() =>
      dataOf(
        api.PATCH("/users/{id}", {
          params: { path: { id: member.id } },
          body: { role },
          ...inOrganization(organization.id),
        }),
      ),
    );

  return (
    <Dialog
      title={`Change the role of ${member.name}`}
      description={`${member.email} is ${ROLE_LABELS[member.role]} of ${organization.name}.`}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={() => void confirm()} disabled={pending || role === member.role}>
            {pending ? "Changing…" : `Make ${ROLE_LABELS[role]}`}
          </Button>
        </>
      }
    >
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium text-slate-800">Role</legend>
        {ROLES.map((r) => {
          const reason = r === member.role ? null : refusal(actorRole, member.role, r, lastOwner);
          return (
            <label
              key={r}
              className="flex items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset has-[:checked]:bg-brand-50/70 has-[:checked]:ring-brand-600/50 has-[:disabled]:opacity-70"
            >
              <input
                type="radio"
                name={group}
                value={r}
                checked={role === r}
                disabled={reason !== null || pending}
                onChange={() => setRole(r)}
                data-autofocus={role === r ? true : undefined}
                aria-describedby={`${group}-${r}-hint`}
                className="mt-0.5 size-4 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{ROLE_LABELS[r]}</span>
                <span id={`${group}-${r}-hint`} className="block text-xs text-slate-500">
                  {reason ?? ROLE_POWERS[r]}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      {role === "owner" && member.role !== "owner" ? (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-200">
          An owner has full control of {organization.name}, including removing you.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

function RemoveMemberDialog({
  member,
  organization,
  onClose,
}: {
  member: ListedMember;
  organization: { id: string; name: string };
  onClose: () => void;
}) {
  const { pending, error, run } = useConfirmedCall(onClose, "The member could not be removed.");
  const confirm = () =>
    run(() =>
      dataOf(
        api.DELETE("/users/{id}", {
          params: { path: { id: member.id } },
          ...inOrganization(organization.id),
        }),
      ),
    );

  return (
    <Dialog
      role="alertdialog"
      title={`Remove ${member.name} from ${organization.name}?`}
      description={`${member.email} loses access at once: their API keys and tokens for ${organization.name} stop working on the next request. You can invite them again later; their old keys stay revoked.`}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={pending}>
            {pending ? "Removing…" : "Remove member"}
          </Button>
        </>
      }
    >
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
