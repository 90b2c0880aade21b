"use client";

// The dashboard layout itself reads the session's user and organizations from the database, so
// an outage can fail it before app/(dashboard)/error.tsx exists: this boundary catches that.
export { PageError as default } from "@/components/shell/page-error";
