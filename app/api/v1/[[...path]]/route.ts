import { ApiError } from "@/server/core/api-error";
import { rejectRequest } from "@/server/http/with-api";

// Any /api/v1 path without a route of its own: a JSON 404, never Next's HTML page.
const notFound = rejectRequest(() => new ApiError("NOT_FOUND", "No API route matches this path"));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
