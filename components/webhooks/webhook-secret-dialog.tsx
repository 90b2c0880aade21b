"use client";

import { Dialog } from "@/components/ui/dialog";
import {
  NotCopiedAlert,
  SecretField,
  ShowOnceFooter,
  ShowOnceWarning,
  useShowOnce,
} from "@/components/ui/show-once-secret";
import { VerifySignatureSnippet } from "./verify-signature-snippet";
import type { Webhook } from "./webhook-types";

/**
 * An endpoint's signing secret, exactly once: after adding the endpoint or rotating its secret.
 * The secret comes in as a prop from the opener's state and is dropped when this closes: never
 * cached, stored or put in the URL. Closing without copying it asks first.
 */
export function WebhookSecretDialog({
  webhook,
  secret,
  title,
  note,
  onClose,
}: {
  webhook: Pick<Webhook, "url">;
  secret: string;
  title: string;
  note?: string;
  onClose: () => void;
}) {
  const showOnce = useShowOnce<"secret">({ needsCopy: true, onClose });
  return (
    <Dialog
      title={title}
      description={<span className="font-mono text-xs break-all">{webhook.url}</span>}
      onClose={showOnce.requestClose}
      size="lg"
      footer={<ShowOnceFooter showOnce={showOnce} />}
    >
      <div className="space-y-5">
        {showOnce.confirming ? (
          <NotCopiedAlert title="You haven't copied this signing secret.">
            Once this dialog is closed the secret cannot be shown again; you would have to rotate
            it.
          </NotCopiedAlert>
        ) : null}
        <ShowOnceWarning>
          <strong className="font-semibold">
            Copy the signing secret now: you won't see it again.
          </strong>{" "}
          Keep it in your receiver's configuration or a secret manager: it proves each delivery
          comes from Voltasis.
        </ShowOnceWarning>
        {note ? <p className="text-sm text-slate-600">{note}</p> : null}
        <SecretField
          label="Signing secret"
          secret={secret}
          fieldRef={showOnce.fieldRef}
          copied={showOnce.copied === "secret"}
          copyFailed={showOnce.copyFailed}
          onCopy={() => void showOnce.copy("secret", secret)}
          copyLabel="Copy signing secret"
          failedText="Copying failed. Select the secret and copy it with your keyboard."
          copiedText="Signing secret copied to the clipboard."
        />
        <VerifySignatureSnippet />
      </div>
    </Dialog>
  );
}
