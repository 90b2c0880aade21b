"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { api, dataOf, fieldError } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { verifyEmailConfirmSchema } from "@/server/users/account-schemas";

export function VerifyEmailForm({ token, email }: { token: string; email: string }) {
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; form?: string }>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = verifyEmailConfirmSchema.safeParse({
      token,
      password: String(form.get("password") ?? ""),
    });
    if (!parsed.success) {
      setErrors({ password: parsed.error.issues[0]?.message });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await dataOf(
        api.POST("/auth/verify-email/confirm", { body: parsed.data, credentials: "omit" }),
      );
      setDone(true);
    } catch (error) {
      setPending(false);
      const passwordProblem = fieldError(error, "password");
      setErrors(
        passwordProblem
          ? { password: passwordProblem }
          : {
              form:
                fieldError(error, "token") ??
                (error instanceof Error ? error.message : "Something went wrong. Try again."),
            },
      );
    }
  }

  if (done) {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">Address confirmed</p>
        <p>{email} is now verified for your account.</p>
        <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
          Go to the dashboard
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {errors.form ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200"
        >
          {errors.form}
        </div>
      ) : null}
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        autoFocus
        error={errors.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Confirming…" : "Confirm my address"}
      </Button>
    </form>
  );
}
