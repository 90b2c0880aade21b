"use client";

import { useActionState, useState } from "react";
import { SignOutEverywhereDialog } from "@/components/shell/sign-out-everywhere-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useInlineValidation } from "@/components/ui/use-inline-validation";
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
  const check = useInlineValidation({ name: { required: "Enter a name", maxLength: 100 } });
  return (
    <form action={action} onSubmit={check.onSubmit} noValidate className="space-y-4">
      <Alert state={state} success="Name saved." />
      <TextField
        id="account-name"
        name="name"
        label="Name"
        // After a refusal the form is reset to this: what was typed, not the old name.
        defaultValue={state.name ?? name}
        autoComplete="name"
        {...check.field("name")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  const check = useInlineValidation({
    current_password: { required: "Enter your current password" },
    new_password: { required: "Enter a new password", minLength: 12 },
  });
  return (
    <form action={action} onSubmit={check.onSubmit} noValidate className="space-y-4">
      <Alert state={state} success="Password changed." />
      <TextField
        id="current-password"
        name="current_password"
        type="password"
        label="Current password"
        autoComplete="current-password"
        {...check.field("current_password")}
      />
      <TextField
        id="new-password"
        name="new_password"
        type="password"
        label="New password"
        hint="At least 12 characters, not a common password. Signs you out everywhere else; API keys keep working."
        autoComplete="new-password"
        {...check.field("new_password")}
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
