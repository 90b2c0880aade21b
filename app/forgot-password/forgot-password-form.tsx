"use client";

import { type FormEvent, useState } from "react";
import { ApiRequestError, api, dataOf, fieldError } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { passwordResetRequestSchema } from "@/server/users/account-schemas";

type State =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "sent"; message: string }
  | { kind: "error"; message: string; field?: string };

export function ForgotPasswordForm() {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The API's own schema: the same message here as the API would answer.
    const parsed = passwordResetRequestSchema.safeParse({ email: form.get("email") ?? "" });
    if (!parsed.success) {
      setState({
        kind: "error",
        message: parsed.error.issues[0]?.message ?? "Enter a valid email address",
        field: "email",
      });
      return;
    }
    setState({ kind: "sending" });
    try {
      const data = await dataOf(
        api.POST("/auth/password-reset", { body: parsed.data, credentials: "omit" }),
      );
      setState({ kind: "sent", message: data.message });
    } catch (error) {
      const message =
        error instanceof ApiRequestError && error.status === 429
          ? "Too many links were asked for this address. Wait an hour, or use the last link you received."
          : (fieldError(error, "email") ??
            (error instanceof Error ? error.message : "Something went wrong. Try again."));
      setState({ kind: "error", message, field: fieldError(error, "email") ? "email" : undefined });
    }
  }

  if (state.kind === "sent") {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">Check your email</p>
        <p>{state.message}</p>
        <p className="text-slate-500">Nothing after a few minutes? Look in your spam folder.</p>
      </div>
    );
  }
  const emailError = state.kind === "error" && state.field === "email" ? state.message : undefined;
  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {state.kind === "error" && !emailError ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
        >
          {state.message}
        </div>
      ) : null}
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        autoFocus
        error={emailError}
      />
      <Button type="submit" className="w-full" disabled={state.kind === "sending"}>
        {state.kind === "sending" ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
