"use client";

import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useInlineValidation } from "@/components/ui/use-inline-validation";
import { type LoginState, login } from "@/server/http/actions/login-action";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {
    error: null,
    email: "",
  });
  // After a refused sign-in, focus goes back to the password (the field to retype), which is
  // described by the error so screen readers read why; the alert announces it too.
  useEffect(() => {
    if (state.error) document.getElementById("password")?.focus();
  }, [state]);
  const check = useInlineValidation({
    email: { required: "Enter your email", email: true },
    password: { required: "Enter your password" },
  });
  return (
    <form action={action} onSubmit={check.onSubmit} className="space-y-5" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error ? (
        <div
          id="login-error"
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
        >
          {state.error}
        </div>
      ) : null}
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        defaultValue={state.email}
        autoFocus
        {...check.field("email")}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        {...check.field("password")}
        aria-describedby={state.error ? "login-error" : undefined}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
