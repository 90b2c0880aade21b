"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useInlineValidation } from "@/components/ui/use-inline-validation";
import {
  createOrganizationAction,
  type NewOrgState,
} from "@/server/http/actions/organization-actions";

export function NewOrganizationForm() {
  const [state, action, pending] = useActionState<NewOrgState, FormData>(createOrganizationAction, {
    error: null,
  });
  const check = useInlineValidation({
    name: { required: "Enter the organization's name", maxLength: 100 },
  });
  return (
    <form action={action} onSubmit={check.onSubmit} noValidate className="space-y-4">
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <TextField
        id="org-name"
        name="name"
        label="Organization name"
        // After a refusal the form is reset to this: what was typed.
        defaultValue={state.name ?? ""}
        autoComplete="organization"
        {...check.field("name")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
