"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { revokeSessionAction } from "@/server/http/actions/session-actions";
import type { ActiveSession } from "@/server/sessions/schemas";

/**
 * Asks before ending another session of the account, and says what it ends: that browser, at
 * its next request; not this one, and not API keys.
 */
export function RevokeSessionDialog({
  session,
  onClose,
}: {
  session: ActiveSession;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const where = session.ip ? ` at ${session.ip}` : "";
  return (
    <Dialog
      role="alertdialog"
      title={`Revoke the session of ${session.device}?`}
      description={`${session.device}${where} is signed out at its next request and has to sign in again. This browser stays signed in. API keys are separate credentials and keep working.`}
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <form
          className="flex flex-col-reverse gap-2 sm:flex-row sm:gap-3"
          action={(form) =>
            startTransition(async () => {
              const result = await revokeSessionAction(form);
              if (result.ok) onClose();
              else setError(result.error);
            })
          }
        >
          <input type="hidden" name="session_id" value={session.id} />
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Revoking…" : "Revoke session"}
          </Button>
        </form>
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
