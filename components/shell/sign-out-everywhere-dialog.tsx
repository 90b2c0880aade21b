"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { signOutEverywhereAction } from "@/server/http/actions/session-actions";

/**
 * Asks before ending every browser session of the account, and says what it ends: this browser
 * too, but not API keys. Confirmed, the login page says what happened.
 */
export function SignOutEverywhereDialog({ onClose }: { onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Dialog
      role="alertdialog"
      title="Sign out everywhere?"
      description="Every browser signed in to your account is signed out, on every device, this one included. API keys are separate credentials and keep working: revoke them in Settings > API Keys if one may be exposed."
      onClose={() => {
        if (!pending) onClose();
      }}
      footer={
        <form
          className="flex gap-3"
          action={(form) =>
            startTransition(async () => {
              const result = await signOutEverywhereAction(form);
              setError(result.ok ? null : result.error);
            })
          }
        >
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Signing out…" : "Sign out everywhere"}
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
