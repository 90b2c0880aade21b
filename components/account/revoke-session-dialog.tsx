"use client";

import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
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
  const where = session.ip ? ` at ${session.ip}` : "";
  return (
    <ConfirmActionDialog
      title={`Revoke the session of ${session.device}?`}
      description={`${session.device}${where} is signed out at its next request and has to sign in again. This browser stays signed in. API keys are separate credentials and keep working.`}
      action={revokeSessionAction}
      fields={{ session_id: session.id }}
      confirmLabel="Revoke session"
      pendingLabel="Revoking…"
      onClose={onClose}
      onDone={onClose}
    />
  );
}
