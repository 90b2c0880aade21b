"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useRevokeApiKey } from "./api-key-queries";
import type { ApiKey } from "./api-key-types";
import { MaskedKey } from "./masked-key";

/** Asks before revoking and says what breaks: every program using the key, at once. */
export function RevokeApiKeyDialog({
  organizationId,
  apiKey,
  onClose,
  onRevoked,
}: {
  organizationId: string;
  apiKey: ApiKey;
  onClose: () => void;
  onRevoked?: (key: ApiKey) => void;
}) {
  const revoke = useRevokeApiKey(organizationId);
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    setError(null);
    revoke.mutate(apiKey.id, {
      onSuccess: (key) => {
        onRevoked?.(key);
        onClose();
      },
      onError: (e) => setError(e.message),
    });
  }

  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title={`Revoke “${apiKey.name}”?`}
      onClose={() => {
        if (!revoke.isPending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={revoke.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={revoke.isPending}>
            {revoke.isPending ? "Revoking…" : "Revoke key"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600">
        <p>
          Programs using <span className="font-medium text-slate-900">{apiKey.name}</span> (
          <MaskedKey apiKey={apiKey} />) will get{" "}
          <strong className="text-slate-900">401 Unauthorized</strong> immediately, on their next
          request.
        </p>
        <p>This cannot be undone. The key stays listed as revoked, with its history.</p>
        {error ? (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-red-700 ring-1 ring-red-200"
          >
            The key was not revoked: {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
