"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { WebhookFields, type WebhookFieldValues } from "./webhook-fields";
import {
  hasErrors,
  localProblems,
  revealFirstError,
  type WebhookFieldErrors,
  webhookFieldErrorsFromApi,
} from "./webhook-form-errors";
import { useUpdateWebhook } from "./webhook-queries";
import type { UpdateWebhookInput, Webhook } from "./webhook-types";

function valuesOf(hook: Webhook): WebhookFieldValues {
  return { url: hook.url, description: hook.description ?? "", events: hook.events };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The endpoint's URL, description and events, saved with PATCH: only what changed is sent. After
 * a save the fields hold what the server now holds, so Save turns off until the next change.
 */
export function EditWebhookForm({
  organizationId,
  webhook,
  onSaved,
}: {
  organizationId: string;
  webhook: Webhook;
  onSaved: (webhook: Webhook) => void;
}) {
  const update = useUpdateWebhook(organizationId);
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() => valuesOf(webhook));
  const [errors, setErrors] = useState<WebhookFieldErrors>({});
  const [failedSubmits, setFailedSubmits] = useState(0);
  useEffect(() => {
    if (failedSubmits > 0) revealFirstError(formRef.current);
  }, [failedSubmits]);

  const change: UpdateWebhookInput = {};
  if (values.url.trim() !== webhook.url) change.url = values.url.trim();
  if ((values.description.trim() || null) !== webhook.description) {
    change.description = values.description.trim() || null;
  }
  if (!sameList([...values.events].sort(), [...webhook.events].sort())) {
    change.events = values.events;
  }
  const dirty = Object.keys(change).length > 0;

  function fail(next: WebhookFieldErrors) {
    setErrors(next);
    setFailedSubmits((n) => n + 1);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending || !dirty) return;
    const local = localProblems(values.url, values.events);
    if (hasErrors(local)) return fail(local);
    setErrors({});
    update.mutate(
      { id: webhook.id, ...change },
      {
        onSuccess: (saved) => {
          setValues(valuesOf(saved));
          onSaved(saved);
        },
        onError: (error) =>
          fail(
            webhookFieldErrorsFromApi(
              error,
              "The changes were not saved. Check your connection and try again.",
            ),
          ),
      },
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="mt-5 space-y-6">
      <WebhookFields
        formId={formId}
        values={values}
        onChange={(next) => setValues((prev) => ({ ...prev, ...next }))}
        errors={errors}
        setErrors={setErrors}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!dirty || update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
        {dirty ? (
          <Button
            variant="secondary"
            onClick={() => {
              setValues(valuesOf(webhook));
              setErrors({});
            }}
            disabled={update.isPending}
          >
            Discard changes
          </Button>
        ) : null}
      </div>
    </form>
  );
}
