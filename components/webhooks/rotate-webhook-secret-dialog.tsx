"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiRequestError } from "@/components/api/api-client";
import { ConfirmMutationDialog } from "@/components/ui/confirm-mutation-dialog";
import { rotateWebhookSecret } from "./webhook-queries";
import type { Webhook } from "./webhook-types";

/**
 * Asks before rotating the signing secret and says what happens to the old one. The new secret
 * goes straight to the opener's state (`onRotated`), never to a cache: it is shown once.
 */
export function RotateWebhookSecretDialog({
  organizationId,
  webhook,
  onClose,
  onRotated,
}: {
  organizationId: string;
  webhook: Webhook;
  onClose: () => void;
  onRotated: (secret: string) => void;
}) {
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const { secret } = await rotateWebhookSecret(client, organizationId, webhook.id);
      onRotated(secret);
    } catch (e) {
      setError(
        `The secret was not rotated: ${e instanceof ApiRequestError ? e.message : "check your connection and try again."}`,
      );
      setPending(false);
    }
  }

  return (
    <ConfirmMutationDialog
      title="Rotate the signing secret?"
      confirmLabel="Rotate secret"
      pendingLabel="Rotating…"
      pending={pending}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p>
        A new signing secret is made and shown once.{" "}
        <strong className="text-slate-900">
          The previous secret keeps signing beside it for a day
        </strong>
        : each delivery carries both signatures, so your receiver keeps verifying while you deploy
        the new one. After that, only the new secret signs.
      </p>
    </ConfirmMutationDialog>
  );
}
