"use client";

import { useState } from "react";
import { ApiRequestError, api, dataOf, inOrganization } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";

/** "Send verification link": POST /api/v1/auth/verify-email with the session. */
export function VerifyEmailButton({ organizationId }: { organizationId: string }) {
  const [state, setState] = useState<"idle" | "sending" | "sent" | "verified">("idle");
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setState("sending");
    setError(null);
    try {
      const data = await dataOf(api.POST("/auth/verify-email", inOrganization(organizationId)));
      setState(data.email_verified ? "verified" : "sent");
    } catch (caught) {
      setState("idle");
      setError(
        caught instanceof ApiRequestError && caught.status === 429
          ? "Too many links were sent to this address in the last hour. Use the last one, or try later."
          : caught instanceof Error
            ? caught.message
            : "The link could not be sent. Try again.",
      );
    }
  }

  if (state === "verified") {
    return (
      <p role="status" className="mt-4 text-sm text-emerald-700">
        Your address is verified.
      </p>
    );
  }
  return (
    <div className="mt-4 space-y-3">
      {state === "sent" ? (
        <p role="status" className="text-sm text-emerald-700">
          Link sent. Open it from your mailbox within 24 hours and confirm with your password.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="button" variant="secondary" onClick={send} disabled={state === "sending"}>
        {state === "sending"
          ? "Sending…"
          : state === "sent"
            ? "Send another link"
            : "Send verification link"}
      </Button>
    </div>
  );
}
