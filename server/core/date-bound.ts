import { z } from "zod";

/** The years a filter date may name: PostgreSQL accepts every one of them. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const DAY_MS = 86_400_000;

/**
 * `from`/`to`: an ISO 8601 date-time with offset, or a date (UTC midnight). A date given as `to`
 * means through the end of that day, as a person reading "to 2026-03-31" expects.
 */
export function dateBound(field: "from" | "to") {
  return z
    .string()
    .meta({
      description:
        field === "from"
          ? "At or after this ISO 8601 date-time or date (UTC)"
          : "Before this ISO 8601 date-time, or through the end of this date (UTC)",
      example: field === "from" ? "2026-01-01" : "2026-01-31T23:59:59Z",
    })
    .transform((value, ctx) => {
      const isDate = z.iso.date().safeParse(value).success;
      const isDateTime = z.iso.datetime({ offset: true }).safeParse(value).success;
      const ms = Date.parse(isDate ? `${value}T00:00:00Z` : value);
      const year = new Date(ms).getUTCFullYear();
      if ((!isDate && !isDateTime) || Number.isNaN(ms) || year < MIN_YEAR || year > MAX_YEAR) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `${field} must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z) between ${MIN_YEAR} and ${MAX_YEAR}`,
        });
        return z.NEVER;
      }
      return new Date(isDate && field === "to" ? ms + DAY_MS : ms);
    })
    .optional();
}

/** `to` may not come before `from`. */
export function checkRange(q: { from?: Date; to?: Date }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from.getTime() > q.to.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  }
}
