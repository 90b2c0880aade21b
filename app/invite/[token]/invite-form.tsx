"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import {
  acceptInviteAction,
  type InviteState,
} from "@/server/invitations/accept-invitation-action";

export function InviteForm({
  token,
  email,
  hasAccount,
}: {
  token: string;
  email: string;
  hasAccount: boolean;
}) {
  const [state, action, pending] = useActionState<InviteState, FormData>(acceptInviteAction, {
    error: null,
    name: "",
  });
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} />
      {state.error ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
        >
          {state.error}
        </div>
      ) : null}
      <TextField id="invite-email" label="Email" value={email} readOnly />
      {hasAccount ? null : (
        <TextField
          id="name"
          name="name"
          label="Your name"
          autoComplete="name"
          required
          defaultValue={state.name}
          autoFocus
        />
      )}
      <TextField
        id="password"
        name="password"
        type="password"
        label={hasAccount ? "Your password" : "Choose a password"}
        hint={hasAccount ? undefined : "At least 12 characters, not a common password"}
        autoComplete={hasAccount ? "current-password" : "new-password"}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : hasAccount ? "Sign in and join" : "Create account and join"}
      </Button>
    </form>
  );
}
