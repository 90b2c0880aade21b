"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useOrganizationDetail } from "@/components/organizations/organization-queries";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { rotateApiKey } from "./api-key-queries";
import { type ApiKey, GRACE_PERIODS, type GraceSeconds } from "./api-key-types";
import {
  type Expiry,
  ExpiryPicker,
  expiryToIso,
  expiryWithin,
  sameLifetime,
} from "./expiry-picker";
import { MaskedKey } from "./masked-key";

export interface RotationResult {
  apiKey: ApiKey;
  previous: ApiKey;
  secret: string;
  graceSeconds: GraceSeconds;
}

/**
 * A new secret with the same name and scopes. The person picks when the old one stops working,
 * and when the new one expires: by default after the old key's lifetime, counted from now, so a
 * rotation renews an expiring key.
 */
export function RotateApiKeyDialog({
  organizationId,
  apiKey,
  onClose,
  onRotated,
}: {
  organizationId: string;
  apiKey: ApiKey;
  onClose: () => void;
  onRotated: (result: RotationResult) => void;
}) {
  const client = useQueryClient();
  const groupName = useId();
  const [grace, setGrace] = useState<GraceSeconds>(86_400);
  const [expiry, setExpiry] = useState<Expiry>(() => sameLifetime(apiKey));
  // A maximum lifetime (the organization's policy) caps what may be picked.
  const maxDays =
    useOrganizationDetail(organizationId).data?.policies.max_key_lifetime_days ?? null;
  const [expiryError, setExpiryError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    const expiresAt = expiryToIso(expiryWithin(expiry, maxDays));
    if (expiresAt === undefined) {
      setExpiryError("Choose a date after today");
      return;
    }
    setExpiryError(undefined);
    setPending(true);
    setError(null);
    try {
      const result = await rotateApiKey(client, organizationId, apiKey.id, grace, expiresAt);
      onRotated({ ...result, graceSeconds: grace });
    } catch (e) {
      setError(e instanceof Error ? e.message : "The key could not be rotated.");
      setPending(false);
    }
  }

  return (
    <Dialog
      title={`Rotate “${apiKey.name}”`}
      description={
        <>
          A new secret replaces <MaskedKey apiKey={apiKey} />, with the same name and scopes.
        </>
      }
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={() => void confirm()} disabled={pending}>
            {pending ? "Rotating…" : "Rotate key"}
          </Button>
        </>
      }
    >
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium text-slate-800">
          When should the old key stop working?
        </legend>
        {GRACE_PERIODS.map((option) => (
          <label
            key={option.seconds}
            className="flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-[:checked]:bg-brand-50/70 has-[:checked]:ring-brand-600/50"
          >
            <input
              type="radio"
              name={groupName}
              value={option.seconds}
              checked={grace === option.seconds}
              onChange={() => setGrace(option.seconds)}
              data-autofocus={grace === option.seconds ? true : undefined}
              aria-labelledby={`${groupName}-${option.seconds}`}
              aria-describedby={`${groupName}-${option.seconds}-hint`}
              className="mt-0.5 size-4 accent-brand-600"
            />
            <span>
              <span
                id={`${groupName}-${option.seconds}`}
                className="block text-sm font-medium text-slate-900"
              >
                {option.label}
              </span>
              <span
                id={`${groupName}-${option.seconds}-hint`}
                className="block text-xs text-slate-500"
              >
                {option.hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="mt-3 text-xs text-slate-500">
        Through the API, <code className="font-mono">grace_seconds</code> defaults to 0: the old key
        stops at once. Here the default is 24 hours, time to deploy the new key.
      </p>
      <div className="mt-5">
        <ExpiryPicker
          legend="When should the new key expire?"
          value={expiryWithin(expiry, maxDays)}
          maxDays={maxDays}
          onChange={(next) => {
            setExpiry(next);
            setExpiryError(undefined);
          }}
          error={expiryError}
        />
      </div>
      {error ? (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
        >
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
