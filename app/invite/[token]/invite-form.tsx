"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useInlineValidation } from "@/components/ui/use-inline-validation";
import {
  acceptInviteAction,
  type InviteState,
} from "@/server/http/actions/accept-invitation-action";

/**
 * One form whether or not the address has an account: the page never says which, so that an
 * invitation cannot tell its sender who already uses Voltasis.
 */
export function InviteForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(acceptInviteAction, {
    error: null,
    name: "",
  });
  const check = useInlineValidation({
    name: { maxLength: 100 },
    password: { required: "Enter a password" },
  });
  return (
    <form action={action} onSubmit={check.onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="token" value={token} />
      {state.error ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
        >
          {state.error}
        </div>
      ) : null}
      <TextField id="invite-email" label="Email" value={email} readOnly />
      <TextField
        id="name"
        name="name"
        label="Your name"
        hint="New to Voltasis? Enter your name. Already have an account? Leave it empty."
        autoComplete="name"
        defaultValue={state.name}
        autoFocus
        {...check.field("name")}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        hint="Your Voltasis password, or for a new account a new one: at least 12 characters, not a common password"
        autoComplete="current-password"
        {...check.field("password")}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Join"}
      </Button>
    </form>
  );
}
