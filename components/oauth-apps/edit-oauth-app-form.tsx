"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { OAuthAppFields } from "./oauth-app-fields";
import {
  type AppFieldErrors,
  appFieldErrorsFromApi,
  appNameProblem,
  hasErrors,
  homepageProblem,
  redirectUriProblems,
  sentRedirectUris,
} from "./oauth-app-form-errors";
import { useUpdateOAuthApp } from "./oauth-app-queries";
import type { OAuthApp, UpdateOAuthAppInput } from "./oauth-app-types";

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The app's name, homepage and redirect URIs, saved with PATCH: only what changed is sent (each
 * change is audited with its before and after). After a save the fields hold what the server
 * now holds, so Save turns off again until the next change.
 */
export function EditOAuthAppForm({
  organizationId,
  app,
  onSaved,
}: {
  organizationId: string;
  app: OAuthApp;
  onSaved: (app: OAuthApp) => void;
}) {
  const update = useUpdateOAuthApp(organizationId);
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(app.name);
  const [homepage, setHomepage] = useState(app.homepage_url ?? "");
  const [redirectUris, setRedirectUris] = useState<string[]>(
    app.redirect_uris.length > 0 ? app.redirect_uris : [""],
  );
  const [errors, setErrors] = useState<AppFieldErrors>({});
  const [failedSubmits, setFailedSubmits] = useState(0);
  useEffect(() => {
    if (failedSubmits === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.scrollIntoView({ block: "center" });
    first?.focus({ preventScroll: true });
  }, [failedSubmits]);

  const { uris, rowOf } = sentRedirectUris(redirectUris);
  const change: UpdateOAuthAppInput = {};
  if (name.trim() !== app.name) change.name = name.trim();
  if ((homepage.trim() || null) !== app.homepage_url) change.homepage_url = homepage.trim() || null;
  if (!sameList(uris, app.redirect_uris)) change.redirect_uris = uris;
  const dirty = Object.keys(change).length > 0;

  function fail(next: AppFieldErrors) {
    setErrors(next);
    setFailedSubmits((n) => n + 1);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending || !dirty) return;
    const next: AppFieldErrors = {
      name: appNameProblem(name),
      homepage_url: homepageProblem(homepage),
      ...redirectUriProblems(redirectUris),
    };
    if (hasErrors(next)) return fail(next);
    setErrors({});
    update.mutate(
      { id: app.id, ...change },
      {
        onSuccess: onSaved,
        onError: (error) =>
          fail(
            appFieldErrorsFromApi(
              error,
              "The changes were not saved. Check your connection and try again.",
              (index) => rowOf[index] ?? index,
            ),
          ),
      },
    );
  }

  function reset() {
    setName(app.name);
    setHomepage(app.homepage_url ?? "");
    setRedirectUris(app.redirect_uris.length > 0 ? app.redirect_uris : [""]);
    setErrors({});
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="mt-5 max-w-2xl space-y-6">
      <OAuthAppFields
        formId={formId}
        values={{ name, homepage, redirectUris }}
        onChange={(change) => {
          if (change.name !== undefined) setName(change.name);
          if (change.homepage !== undefined) setHomepage(change.homepage);
          if (change.redirectUris !== undefined) setRedirectUris(change.redirectUris);
        }}
        errors={errors}
        setErrors={setErrors}
      />
      {change.redirect_uris ? (
        <p className="text-xs text-slate-500">
          A redirect URI you remove is refused from the next authorization request; people already
          signed in to the app stay signed in.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!dirty || update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
        {dirty ? (
          <Button variant="secondary" onClick={reset} disabled={update.isPending}>
            Discard changes
          </Button>
        ) : null}
      </div>
    </form>
  );
}
