"use client";

import { useState } from "react";
import { ConfirmMutationDialog } from "@/components/ui/confirm-mutation-dialog";
import { useDeleteWebhook } from "./webhook-queries";
import type { Webhook } from "./webhook-types";

/** Asks before deleting an endpoint and names what goes with it. */
export function DeleteWebhookDialog({
  organizationId,
  webhook,
  onClose,
  onDeleted,
}: {
  organizationId: string;
  webhook: Webhook;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteWebhook(organizationId);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmMutationDialog
      title="Delete this webhook endpoint?"
      description={<span className="font-mono text-xs break-all">{webhook.url}</span>}
      confirmLabel="Delete endpoint"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={error}
      onConfirm={() => {
        setError(null);
        remove.mutate(webhook.id, {
          onSuccess: onDeleted,
          onError: (e) => setError(`The endpoint was not deleted: ${e.message}`),
        });
      }}
      onClose={onClose}
    >
      <p>
        <strong className="text-slate-900">Nothing more is sent to this URL</strong>, including
        deliveries still waiting for a retry, and its delivery log is deleted with it.
      </p>
      <p>This cannot be undone: to receive events here again, add the endpoint anew.</p>
    </ConfirmMutationDialog>
  );
}
