import { z } from "zod";
import { nowMs } from "@/lib/clock";

export const USAGE_INTERVALS = ["minute", "hour", "day"] as const;
export type UsageInterval = (typeof USAGE_INTERVALS)[number];

export const INTERVAL_MS: Record<UsageInterval, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** A day of minutes fits (1,440 plus the partial minute it starts in); more asks for a coarser
 * interval. */
export const MAX_USAGE_POINTS = 1_441;
const DEFAULT_RANGE_MS = 24 * 3_600_000;

/**
 * GET /api-keys/{id}/usage query: from/to ISO timestamps (default the last 24 hours), interval
 * (default hour). Points are aligned to UTC interval starts; the last one may be partial.
 */
export const usageQueryParamsSchema = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("Start (ISO 8601); default `to` - 24h"),
  to: z.iso.datetime({ offset: true }).optional().describe("End (ISO 8601); default now"),
  interval: z.enum(USAGE_INTERVALS).default("hour").describe("Width of one series point"),
});

/** The parsed query with defaults applied and the point count checked against the cap. */
export const usageQuerySchema = usageQueryParamsSchema.transform((q, ctx) => {
  const to = q.to ? Date.parse(q.to) : nowMs();
  const from = q.from ? Date.parse(q.from) : to - DEFAULT_RANGE_MS;
  const step = INTERVAL_MS[q.interval];
  const start = Math.floor(from / step) * step;
  const points = Math.ceil((to - start) / step);
  if (to <= from) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
    return z.NEVER;
  }
  if (points > MAX_USAGE_POINTS) {
    ctx.addIssue({
      code: "custom",
      path: ["interval"],
      message: `${points} ${q.interval} points requested, at most ${MAX_USAGE_POINTS}: use a shorter range or a coarser interval`,
    });
    return z.NEVER;
  }
  return { from: new Date(from), to: new Date(to), interval: q.interval, start, points, step };
});

export type UsageQuery = z.output<typeof usageQuerySchema>;

const countsSchema = {
  "2xx": z.number().int(),
  "4xx": z.number().int(),
  "5xx": z.number().int(),
  /** 429 responses; they are also counted in 4xx. */
  rate_limited: z.number().int(),
};

/** `data` of GET /api-keys/{id}/usage. */
export const keyUsageReportSchema = z.object({
  key_id: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  interval: z.enum(USAGE_INTERVALS),
  totals: z.object({
    requests: z.number().int(),
    ...countsSchema,
    /** The 4xx answers split by the codes that say who was refused and why. */
    by_status: z.object({
      "401": z.number().int(),
      "403": z.number().int(),
      "404": z.number().int(),
      "429": z.number().int(),
    }),
  }),
  series: z.array(z.object({ start: z.iso.datetime(), ...countsSchema })),
  routes: z.array(
    z.object({
      route: z.string(),
      method: z.string(),
      requests: z.number().int(),
      errors: z.number().int(),
      avg_latency_ms: z.number().int(),
    }),
  ),
  last_used_at: z.iso.datetime().nullable(),
});

export type KeyUsageReport = z.infer<typeof keyUsageReportSchema>;

/** The same report for an OAuth app: the requests made with the tokens of all its grants. */
export const appUsageReportSchema = keyUsageReportSchema
  .omit({ key_id: true })
  .extend({
    app_id: z.string(),
    last_used_at: z.iso.datetime().nullable().meta({
      description: "The latest use of any of its grants",
    }),
  })
  .meta({ id: "OAuthAppUsageReport" });
export type AppUsageReport = z.infer<typeof appUsageReportSchema>;
