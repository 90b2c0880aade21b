"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { WebhookFields, type WebhookFieldValues } from "./webhook-fields";
import {
  hasErrors,
  localProblems,
  revealFirstError,
  type WebhookFieldErrors,
  webhookFieldErrorsFromApi,
} from "./webhook-form-errors";
import { createWebhook } from "./webhook-queries";
import type { Webhook } from "./webhook-types";

export function AddWebhookDialog({
  organizationId,
  organizationName,
  onClose,
  onAdded,
}: {
  organizationId: string;
  organizationName: string;
  onClose: () => void;
  onAdded: (result: { webhook: Webhook; secret: string }) => void;
}) {
  const client = useQueryClient();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<WebhookFieldValues>({
    url: "",
    description: "",
    events: [],
  });
  const [errors, setErrors] = useState<WebhookFieldErrors>({});
  const [pending, setPending] = useState(false);
  // Bumped by each failed submit: the first field marked invalid is then brought into view.
  const [failedSubmits, setFailedSubmits] = useState(0);
  useEffect(() => {
    if (failedSubmits > 0) revealFirstError(formRef.current);
  }, [failedSubmits]);

  const halfFilled =
    values.url.trim() !== "" || values.description.trim() !== "" || values.events.length > 0;

  function fail(next: WebhookFieldErrors) {
    setErrors(next);
    setFailedSubmits((n) => n + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const local = localProblems(values.url, values.events);
    if (hasErrors(local)) return fail(local);
    setErrors({});
    setPending(true);
    try {
      const description = values.description.trim();
      onAdded(
        await createWebhook(client, organizationId, {
          url: values.url.trim(),
          events: values.events,
          ...(description ? { description } : {}),
        }),
      );
    } catch (error) {
      fail(
        webhookFieldErrorsFromApi(
          error,
          "The endpoint could not be added. Check your connection and try again.",
        ),
      );
      setPending(false);
    }
  }

  return (
    <Dialog
      title="Add a webhook endpoint"
      description={
        <>
          A URL of yours that <strong className="text-slate-800">{organizationName}</strong>&apos;s
          events are sent to, signed so that it can tell they come from Voltasis.
        </>
      }
      onClose={onClose}
      discardWarning={
        halfFilled && !pending
          ? "Discard this endpoint? What you entered is lost; nothing has been added."
          : null
      }
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? "Adding…" : "Add endpoint"}
          </Button>
        </>
      }
    >
      <form ref={formRef} id={formId} noValidate onSubmit={submit} className="space-y-6">
        <WebhookFields
          formId={formId}
          values={values}
          onChange={(change) => setValues((prev) => ({ ...prev, ...change }))}
          errors={errors}
          setErrors={setErrors}
          adding
        />
      </form>
    </Dialog>
  );
}
