import { notFound } from "next/navigation";
import { ApiError } from "@/server/core/api-error";

/**
 * A detail page's resource under the same access rule as its GET /api/v1 route. Another
 * organization's (say, after switching), one the viewer may not see, or none at all: the page
 * does not exist (Next.js's not-found), rather than an error page.
 */
export async function visibleOrNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
      notFound();
    }
    throw error;
  }
}
