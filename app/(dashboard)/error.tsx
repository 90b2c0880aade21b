"use client";

// A dashboard page failed on the server (database down, for instance): a friendly message and a
// Retry inside the dashboard shell, never Next's bare error screen.
export { PageError as default } from "@/components/shell/page-error";
