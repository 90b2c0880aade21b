"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmMutationDialog } from "@/components/ui/confirm-mutation-dialog";
import { inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ApiKey } from "./api-key-types";
import { useDecideApiKey, usePendingKeys } from "./approval-queries";
import { MaskedKey } from "./masked-key";
import { ScopeBadges } from "./scope-badges";

const REASON_MAX = 500;

/**
 * The owners' and admins' queue: members' keys that answer 401 until one of them decides. Shown
 * only while there is something to decide; each decision refreshes every key list.
 */
export function PendingApprovals({
  organizationId,
  onDecided,
}: {
  organizationId: string;
  onDecided: (message: string) => void;
}) {
  const pending = usePendingKeys(organizationId, true);
  const decide = useDecideApiKey(organizationId);
  const [denying, setDenying] = useState<ApiKey | null>(null);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const keys = pending.data?.data ?? [];
  if (keys.length === 0) return null;

  async function approve(key: ApiKey) {
    setError(null);
    try {
      await decide.mutateAsync({ id: key.id, decision: "approve" });
      onDecided(`Approved “${key.name}”: it works from now on`);
    } catch (e) {
      setError({ id: key.id, message: e instanceof Error ? e.message : "The request failed." });
    }
  }

  return (
    <section
      aria-labelledby="pending-approvals-heading"
      className="rounded-xl bg-sky-50/60 p-4 shadow-sm ring-1 ring-sky-200 sm:p-6"
    >
      <h2 id="pending-approvals-heading" className="text-base font-semibold text-slate-900">
        Awaiting approval
      </h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">
        Members' keys answer every request with 401 until an owner or admin approves them. Denying
        one revokes it.
      </p>
      <ul className="mt-4 divide-y divide-sky-100">
        {keys.map((key) => (
          <li
            key={key.id}
            aria-label={key.name}
            className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="min-w-0 space-y-1">
              <p className="text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">
                {key.name} <MaskedKey apiKey={key} />
              </p>
              <p className="text-xs text-slate-600">
                {key.creator.name} ({key.creator.email}) ·{" "}
                <RelativeTime date={key.created_at} tense="past" />
              </p>
              <ScopeBadges scopes={key.scopes} max={4} />
              {error?.id === key.id ? (
                <p role="alert" className="text-sm text-red-700">
                  {error.message}
                </p>
              ) : null}
            </div>
            <div className="flex shrink-0 gap-2">
              <Button
                variant="secondary"
                onClick={() => setDenying(key)}
                disabled={decide.isPending}
                aria-label={`Deny ${key.name}`}
              >
                Deny
              </Button>
              <Button
                onClick={() => void approve(key)}
                disabled={decide.isPending}
                aria-label={`Approve ${key.name}`}
              >
                Approve
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {denying ? (
        <DenyDialog
          apiKey={denying}
          pending={decide.isPending}
          onClose={() => setDenying(null)}
          onConfirm={async (reason) => {
            await decide.mutateAsync({ id: denying.id, decision: "deny", reason });
            onDecided(`Denied “${denying.name}”: the key is revoked`);
            setDenying(null);
          }}
        />
      ) : null}
    </section>
  );
}

function DenyDialog({
  apiKey,
  pending,
  onClose,
  onConfirm,
}: {
  apiKey: ApiKey;
  pending: boolean;
  onClose: () => void;
  onConfirm: (reason: string | undefined) => Promise<void>;
}) {
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmMutationDialog
      title={`Deny “${apiKey.name}”?`}
      confirmLabel="Deny key"
      pendingLabel="Denying…"
      pending={pending}
      error={error}
      onClose={onClose}
      onConfirm={() => {
        setError(null);
        onConfirm(reason.trim() || undefined).catch((e: unknown) =>
          setError(e instanceof Error ? e.message : "The request failed."),
        );
      }}
    >
      <p>
        The key is revoked and will never work. {apiKey.creator.name} is told by email, with your
        reason if you give one.
      </p>
      <div className="space-y-1">
        <label htmlFor={reasonId} className="block text-sm font-medium text-slate-700">
          Reason (optional)
        </label>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={REASON_MAX}
          rows={3}
          className={inputClass}
        />
      </div>
    </ConfirmMutationDialog>
  );
}
