"use client";

import type { Dispatch, SetStateAction } from "react";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { EventCheckboxes } from "./event-checkboxes";
import type { WebhookFieldErrors } from "./webhook-form-errors";
import type { WebhookEventType } from "./webhook-types";

export interface WebhookFieldValues {
  url: string;
  description: string;
  events: WebhookEventType[];
}

/**
 * What adding and editing an endpoint share: the form's alert, the URL, the description and the
 * events, each with its error, which clears as soon as that field changes.
 */
export function WebhookFields({
  formId,
  values,
  onChange,
  errors,
  setErrors,
  adding = false,
}: {
  formId: string;
  values: WebhookFieldValues;
  onChange: (change: Partial<WebhookFieldValues>) => void;
  errors: WebhookFieldErrors;
  setErrors: Dispatch<SetStateAction<WebhookFieldErrors>>;
  /** The add dialog: the URL takes focus. */
  adding?: boolean;
}) {
  const clear = (field: keyof WebhookFieldErrors) => {
    if (errors[field]) setErrors((prev) => ({ ...prev, [field]: undefined }));
  };
  return (
    <>
      <FormAlert message={errors.form} />
      <TextField
        id={`${formId}-url`}
        name="url"
        type="url"
        inputMode="url"
        label="Endpoint URL"
        placeholder="https://hooks.example.com/voltasis"
        autoComplete="off"
        spellCheck={false}
        required
        data-autofocus={adding || undefined}
        value={values.url}
        error={errors.url}
        hint="Events are POSTed here as JSON. An https URL on the public internet."
        onChange={(e) => {
          onChange({ url: e.target.value });
          clear("url");
        }}
      />
      <TextField
        id={`${formId}-description`}
        name="description"
        label="Description (optional)"
        placeholder="e.g. Security alerts to our SIEM"
        autoComplete="off"
        value={values.description}
        error={errors.description}
        hint="What this endpoint is for, for whoever looks after it next."
        onChange={(e) => {
          onChange({ description: e.target.value });
          clear("description");
        }}
      />
      <EventCheckboxes
        id={`${formId}-events`}
        selected={values.events}
        error={errors.events}
        onChange={(events) => {
          onChange({ events });
          clear("events");
        }}
      />
    </>
  );
}
