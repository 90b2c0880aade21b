// One error class and one table from code to status. Domain code throws ApiError; only the
// request wrapper turns it into a response.
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_ERROR: "The request is not valid",
  UNAUTHORIZED: "Invalid or missing authentication token",
  FORBIDDEN: "Insufficient permissions for this resource",
  NOT_FOUND: "The requested resource does not exist",
  METHOD_NOT_ALLOWED: "This method is not allowed on this resource",
  CONFLICT: "The request conflicts with the current state of the resource",
  PAYLOAD_TOO_LARGE: "The request body is larger than 64 KiB",
  UNSUPPORTED_MEDIA_TYPE: "Request bodies must be JSON (Content-Type: application/json)",
  RATE_LIMITED: "Too many requests, retry after the time in Retry-After",
  INTERNAL_ERROR: "An unexpected error occurred",
  SERVICE_UNAVAILABLE: "The service is temporarily unavailable, please retry shortly",
};

/**
 * A domain error: a code, a message a person can act on, optional details. It carries no HTTP
 * headers; `errorResponse` derives them (WWW-Authenticate, Retry-After) from what it says.
 */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly details?: unknown,
    /** RATE_LIMITED only: how long until the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** 405: the route exists, the method does not; `allowed` becomes the Allow header. */
export class MethodNotAllowed extends ApiError {
  constructor(readonly allowed: readonly string[]) {
    super("METHOD_NOT_ALLOWED");
  }
}

export const unauthorized = (message?: string) => new ApiError("UNAUTHORIZED", message);
export const forbidden = (message?: string) => new ApiError("FORBIDDEN", message);
export const notFound = (message?: string) => new ApiError("NOT_FOUND", message);
