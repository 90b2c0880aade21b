"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useInlineValidation } from "@/components/ui/use-inline-validation";
import { type SetupState, setupAction } from "@/server/http/actions/setup-action";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(setupAction, {
    error: null,
    values: { name: "", email: "", organization: "" },
  });
  const check = useInlineValidation({
    name: { required: "Enter your name", maxLength: 100 },
    email: { required: "Enter your email", email: true },
    password: { required: "Choose a password", minLength: 12 },
    organization: { required: "Enter your organization's name", maxLength: 100 },
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
      <TextField
        id="name"
        name="name"
        label="Your name"
        autoComplete="name"
        defaultValue={state.values.name}
        {...check.field("name")}
        autoFocus
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        defaultValue={state.values.email}
        {...check.field("email")}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        {...check.field("password")}
      />
      <TextField
        id="organization"
        name="organization"
        label="Organization name"
        autoComplete="organization"
        defaultValue={state.values.organization}
        {...check.field("organization")}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Setting up…" : "Create account"}
      </Button>
    </form>
  );
}
