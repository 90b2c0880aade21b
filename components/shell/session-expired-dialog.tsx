"use client";

import { useSyncExternalStore } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

const noSubscription = () => () => {};

/** The login address that brings the reader back to this page once signed in again. */
export function signInAgainHref(pathAndQuery: string): string {
  return `/login?callbackUrl=${encodeURIComponent(pathAndQuery)}&reason=expired`;
}

/**
 * Shown over the page when /api/v1 answers 401: the session expired or was ended elsewhere.
 * The page stays as it was underneath; signing in again returns to it.
 */
export function SessionExpiredDialog({ onClose }: { onClose: () => void }) {
  const here = useSyncExternalStore(
    noSubscription,
    () => `${window.location.pathname}${window.location.search}`,
    () => "/dashboard",
  );
  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title="Your session has expired"
      description="Sign in again to carry on: you will come back to this page."
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Stay on this page
          </Button>
          <a href={signInAgainHref(here)} className={buttonClass("primary")} data-autofocus>
            Sign in again
          </a>
        </>
      }
    />
  );
}
