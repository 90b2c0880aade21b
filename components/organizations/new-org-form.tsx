"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import {
  createOrganizationAction,
  type NewOrgState,
} from "@/server/http/actions/organization-actions";

export function NewOrganizationForm() {
  const [state, action, pending] = useActionState<NewOrgState, FormData>(createOrganizationAction, {
    error: null,
  });
  return (
    <form action={action} className="space-y-4">
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <TextField id="org-name" name="name" label="Organization name" required maxLength={100} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
