"use client";

import type { Dispatch, SetStateAction } from "react";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { AppFieldErrors } from "./oauth-app-form-errors";
import { RedirectUrisField } from "./redirect-uris-field";

export interface AppFieldValues {
  name: string;
  homepage: string;
  redirectUris: string[];
}

/**
 * What registering and editing an app share: the form's alert, the name, the homepage and the
 * redirect URIs, each with its error, which clears as soon as that field changes.
 */
export function OAuthAppFields({
  formId,
  values,
  onChange,
  errors,
  setErrors,
  registering = false,
}: {
  formId: string;
  values: AppFieldValues;
  onChange: (change: Partial<AppFieldValues>) => void;
  errors: AppFieldErrors;
  setErrors: Dispatch<SetStateAction<AppFieldErrors>>;
  /** The register dialog: the name takes focus, with an example and a hint for the homepage. */
  registering?: boolean;
}) {
  return (
    <>
      <FormAlert message={errors.form} />
      <TextField
        id={`${formId}-name`}
        name="name"
        label="Application name"
        placeholder={registering ? "e.g. Timesheet Sync" : undefined}
        autoComplete="off"
        required
        data-autofocus={registering || undefined}
        value={values.name}
        error={errors.name}
        hint="Shown to people on the consent screen when they authorize the app."
        onChange={(e) => {
          onChange({ name: e.target.value });
          if (errors.name) setErrors((prev) => ({ ...prev, name: undefined }));
        }}
      />
      <TextField
        id={`${formId}-homepage`}
        name="homepage_url"
        type="url"
        inputMode="url"
        label="Homepage URL (optional)"
        placeholder="https://example.com"
        autoComplete="off"
        value={values.homepage}
        error={errors.homepage_url}
        hint={registering ? "Where people can read about the app." : undefined}
        onChange={(e) => {
          onChange({ homepage: e.target.value });
          if (errors.homepage_url) setErrors((prev) => ({ ...prev, homepage_url: undefined }));
        }}
      />
      <RedirectUrisField
        id={`${formId}-redirect`}
        rows={values.redirectUris}
        error={errors.redirect_uris}
        rowErrors={errors.redirect_uri_rows}
        onChange={(next) => {
          onChange({ redirectUris: next });
          if (errors.redirect_uris || errors.redirect_uri_rows) {
            setErrors((prev) => ({
              ...prev,
              redirect_uris: undefined,
              redirect_uri_rows: undefined,
            }));
          }
        }}
      />
    </>
  );
}
