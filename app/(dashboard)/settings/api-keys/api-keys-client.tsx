"use client";

import { useId, useState } from "react";
import { useApiKeys } from "@/components/api-keys/api-key-queries";
import { ApiKeysEmptyState } from "@/components/api-keys/api-keys-empty-state";
import { ApiKeysSkeleton } from "@/components/api-keys/api-keys-skeleton";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { OrganizationBadge } from "@/components/api-keys/organization-badge";
import { useKeyDialogs } from "@/components/api-keys/use-key-dialogs";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";

export function ApiKeysClient({
  organization,
  role,
  isMember,
}: {
  organization: { id: string; name: string };
  role: string;
  /** Keys belong to members: a platform admin visiting reviews and revokes, but creates none. */
  isMember: boolean;
}) {
  const keys = useApiKeys(organization.id);
  const [showRevoked, setShowRevoked] = useState(false);
  // Keys revoked on this visit stay in view (as revoked) so the change is visible where it was
  // made; the filter hides them again on the next visit.
  const [revokedHere, setRevokedHere] = useState<ReadonlySet<string>>(new Set());
  const keep = (id: string) => setRevokedHere((prev) => new Set(prev).add(id));
  const dialogs = useKeyDialogs({
    organizationId: organization.id,
    organizationName: organization.name,
    role,
    onRevoked: (key) => keep(key.id),
    onRotated: ({ previous }) => keep(previous.id),
  });
  const switchId = useId();

  const all = keys.data ?? [];
  const visible = all.filter((k) => showRevoked || k.status !== "revoked" || revokedHere.has(k.id));
  const hiddenCount = all.length - visible.length;
  const seesAll = role === "admin" || role === "owner";

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold text-slate-900">API Keys</h2>
            <OrganizationBadge name={organization.name} />
          </div>
          {isMember ? null : (
            <p
              role="note"
              className="mt-2 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200"
            >
              You are visiting {organization.name} as a platform admin: you can review and revoke
              its keys, but only its members create or rotate them.
            </p>
          )}
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Keys let your programs call the Voltasis API as you, inside{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong>.{" "}
            {seesAll
              ? `As an ${role}, you see every key of the organization.`
              : "You see the keys you created; admins and owners see every key."}
          </p>
        </div>
        {all.length > 0 && isMember ? (
          <Button className="shrink-0 self-start" onClick={dialogs.openCreate}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
              <path
                fill="currentColor"
                d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z"
              />
            </svg>
            Create New API Key
          </Button>
        ) : null}
      </div>

      {keys.isPending ? (
        <ApiKeysSkeleton />
      ) : keys.isError ? (
        <ErrorState
          title="API keys could not be loaded"
          message={keys.error.message}
          onRetry={() => void keys.refetch()}
          retrying={keys.isFetching}
        />
      ) : all.length === 0 ? (
        <ApiKeysEmptyState
          organizationName={organization.name}
          onCreate={isMember ? dialogs.openCreate : undefined}
        />
      ) : (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-500" aria-live="polite">
              {visible.length} {visible.length === 1 ? "key" : "keys"}
              {hiddenCount > 0 ? ` · ${hiddenCount} revoked hidden` : ""}
            </p>
            <label
              htmlFor={switchId}
              className="inline-flex cursor-pointer items-center gap-2.5 text-sm text-slate-700"
            >
              <span className="relative inline-flex">
                <input
                  id={switchId}
                  type="checkbox"
                  role="switch"
                  aria-checked={showRevoked}
                  checked={showRevoked}
                  onChange={(e) => setShowRevoked(e.target.checked)}
                  className="peer absolute inset-0 z-10 m-0 cursor-pointer opacity-0"
                />
                <span
                  aria-hidden="true"
                  className="h-5 w-9 rounded-full bg-slate-300 transition-colors peer-checked:bg-brand-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600"
                />
                <span
                  aria-hidden="true"
                  className="absolute top-0.5 left-0.5 size-4 rounded-full bg-white shadow transition-transform peer-checked:translate-x-4"
                />
              </span>
              Show revoked
            </label>
          </div>
          {visible.length === 0 ? (
            <div className="rounded-xl bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200">
              <p className="text-sm font-medium text-slate-900">No active keys</p>
              <p className="mt-1 text-sm text-slate-600">
                Every key of {organization.name} you can see is revoked. Turn on “Show revoked” to
                see them, or create a new key.
              </p>
            </div>
          ) : (
            <ApiKeysTable
              keys={visible}
              onRotate={dialogs.openRotate}
              onRevoke={dialogs.openRevoke}
            />
          )}
        </div>
      )}
      {dialogs.dialog}
    </div>
  );
}
