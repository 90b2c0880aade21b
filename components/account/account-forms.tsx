"use client";

import { useActionState, useState } from "react";
import { SignOutEverywhereDialog } from "@/components/shell/sign-out-everywhere-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import {
  type AccountFormState,
  changePasswordAction,
  renameAction,
} from "@/server/http/actions/account-actions";

const initial: AccountFormState = { error: null, done: false };

function Alert({ state, success }: { state: AccountFormState; success: string }) {
  if (state.error) {
    return (
      <div
        role="alert"
        className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
      >
        {state.error}
      </div>
    );
  }
  return state.done ? (
    <p role="status" className="text-sm text-emerald-700">
      {success}
    </p>
  ) : null;
}

export function NameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(renameAction, initial);
  return (
    <form action={action} className="space-y-4">
      <Alert state={state} success="Name saved." />
      <TextField id="account-name" name="name" label="Name" defaultValue={name} required />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  return (
    <form action={action} className="space-y-4">
      <Alert state={state} success="Password changed." />
      <TextField
        id="current-password"
        name="current_password"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
      />
      <TextField
        id="new-password"
        name="new_password"
        type="password"
        label="New password"
        hint="At least 12 characters, not a common password. Signs you out everywhere else; API keys keep working."
        autoComplete="new-password"
        minLength={12}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="mt-4">
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Sign out everywhere…
      </Button>
      {confirming ? <SignOutEverywhereDialog onClose={() => setConfirming(false)} /> : null}
    </div>
  );
}
