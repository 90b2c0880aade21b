"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { type SetupState, setupAction } from "@/server/http/actions/setup-action";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(setupAction, {
    error: null,
    values: { name: "", email: "", organization: "" },
  });
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      {state.error ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
        >
          {state.error}
        </div>
      ) : null}
      <TextField
        id="name"
        name="name"
        label="Your name"
        autoComplete="name"
        required
        defaultValue={state.values.name}
        autoFocus
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        defaultValue={state.values.email}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        minLength={12}
        required
      />
      <TextField
        id="organization"
        name="organization"
        label="Organization name"
        autoComplete="organization"
        required
        defaultValue={state.values.organization}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Setting up…" : "Create account"}
      </Button>
    </form>
  );
}
