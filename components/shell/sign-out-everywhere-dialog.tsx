"use client";

import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { signOutEverywhereAction } from "@/server/http/actions/session-actions";

/**
 * Asks before ending every browser session of the account, and says what it ends: this browser
 * too, but not API keys. Confirmed, the login page says what happened.
 */
export function SignOutEverywhereDialog({ onClose }: { onClose: () => void }) {
  return (
    <ConfirmActionDialog
      title="Sign out everywhere?"
      description="Every browser signed in to your account is signed out, on every device, this one included. API keys are separate credentials and keep working: revoke them in Settings > API Keys if one may be exposed."
      action={signOutEverywhereAction}
      confirmLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      onClose={onClose}
    />
  );
}
