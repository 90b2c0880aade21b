"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { api, dataOf, fieldError } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { passwordResetConfirmSchema } from "@/server/users/account-schemas";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; repeat?: string; form?: string }>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("repeat") ?? "")) {
      setErrors({ repeat: "The two passwords differ" });
      return;
    }
    // The API's own schema; the policy itself (length, common passwords) answers from the API.
    const parsed = passwordResetConfirmSchema.safeParse({ token, password });
    if (!parsed.success) {
      setErrors({ password: parsed.error.issues[0]?.message });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      await dataOf(
        api.POST("/auth/password-reset/confirm", { body: parsed.data, credentials: "omit" }),
      );
      router.push("/login?reason=password-reset");
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
      <TextField
        id="password"
        name="password"
        type="password"
        label="New password"
        hint="At least 12 characters, not a common password. Signs the account out everywhere; API keys keep working."
        autoComplete="new-password"
        required
        autoFocus
        error={errors.password}
      />
      <TextField
        id="repeat"
        name="repeat"
        type="password"
        label="Repeat the new password"
        autoComplete="new-password"
        required
        error={errors.repeat}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
