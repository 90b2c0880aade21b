"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ClockTime } from "@/components/ui/relative-time";
import { useApiKey, useRevokeApiKey } from "./api-key-queries";
import type { ApiKey } from "./api-key-types";
import { MaskedKey } from "./masked-key";

function isLive(key: ApiKey | undefined): key is ApiKey {
  return key !== undefined && key.status !== "revoked" && key.status !== "expired";
}

/**
 * Asks before revoking and says what breaks: every program using the key, at once. A key from a
 * rotation has a partner (the old key in its grace period, or its replacement); revoking one
 * offers to revoke the other too, ticked while the other still works, because after a leak both
 * secrets are usually compromised. `endGrace` is "End grace now" on the old key: revoke it alone.
 */
export function RevokeApiKeyDialog({
  organizationId,
  apiKey,
  endGrace = false,
  onClose,
  onRevoked,
}: {
  organizationId: string;
  apiKey: ApiKey;
  endGrace?: boolean;
  onClose: () => void;
  onRevoked?: (keys: ApiKey[]) => void;
}) {
  const revoke = useRevokeApiKey(organizationId);
  const checkboxId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const partnerId = endGrace ? null : (apiKey.replaced_by ?? apiKey.rotated_from);
  const partnerIsOld = !apiKey.replaced_by;
  const partnerQuery = useApiKey(organizationId, partnerId ?? "", partnerId !== null);
  const partner = isLive(partnerQuery.data) ? partnerQuery.data : null;
  const [choice, setChoice] = useState<boolean | null>(null);
  const both = partner !== null && (choice ?? true);

  async function confirm() {
    setError(null);
    setPending(true);
    const revoked: ApiKey[] = [];
    try {
      revoked.push(await revoke.mutateAsync(apiKey.id));
      if (both && partner) revoked.push(await revoke.mutateAsync(partner.id));
      onRevoked?.(revoked);
      onClose();
    } catch (e) {
      const message = e instanceof Error ? e.message : "The request failed.";
      setError(
        revoked.length > 0
          ? `“${apiKey.name}” was revoked, but the other key was not: ${message}`
          : `The key was not revoked: ${message}`,
      );
      setPending(false);
    }
  }

  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title={endGrace ? `End the grace period of “${apiKey.name}”?` : `Revoke “${apiKey.name}”?`}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={pending}>
            {pending
              ? "Revoking…"
              : endGrace
                ? "Revoke old key"
                : both
                  ? "Revoke both keys"
                  : "Revoke key"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600">
        {endGrace ? (
          <p>
            The old key (<MaskedKey apiKey={apiKey} />) stops working now instead of
            {apiKey.expires_at ? (
              <>
                {" "}
                at <ClockTime date={apiKey.expires_at} />
              </>
            ) : (
              " later"
            )}
            . Programs still using it get{" "}
            <strong className="text-slate-900">401 Unauthorized</strong>; the new key keeps working.
          </p>
        ) : (
          <p>
            Programs using <span className="font-medium text-slate-900">{apiKey.name}</span> (
            <MaskedKey apiKey={apiKey} />) will get{" "}
            <strong className="text-slate-900">401 Unauthorized</strong> immediately, on their next
            request.
          </p>
        )}
        {partner ? (
          <div className="flex gap-2.5 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
            <input
              id={checkboxId}
              type="checkbox"
              checked={both}
              onChange={(e) => setChoice(e.target.checked)}
              className="mt-0.5 size-4 shrink-0 accent-red-600"
            />
            <label htmlFor={checkboxId} className="text-amber-900">
              {partnerIsOld ? (
                <>
                  Also revoke the previous key (<MaskedKey apiKey={partner} />)
                  {partner.expires_at ? (
                    <>
                      , which still works until <ClockTime date={partner.expires_at} />
                    </>
                  ) : null}
                </>
              ) : (
                <>
                  Also revoke the replacement key (<MaskedKey apiKey={partner} />
                  ), which still works
                </>
              )}
            </label>
          </div>
        ) : null}
        <p>This cannot be undone. The key stays listed as revoked, with its history.</p>
        {error ? (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-red-700 ring-1 ring-red-200"
          >
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
