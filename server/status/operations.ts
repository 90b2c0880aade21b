import { z } from "zod";
import { defineOperation } from "@/server/core/operation";
import { readinessSchema } from "./readiness";
import {
  createIncidentSchema,
  incidentSchema,
  statusReportSchema,
  updateIncidentSchema,
} from "./schemas";

export const readinessOperation = defineOperation({
  method: "GET",
  path: "/health/ready",
  summary: "Readiness",
  description:
    "Whether this instance should get traffic: the database answers, migrations are applied and the process is not draining (SIGTERM); otherwise 503 SERVICE_UNAVAILABLE with `details.checks`. Redis (when configured) and the auth bus heartbeat are reported too: failing, they make the answer `degraded` but keep it 200, since every instance shares them and the API stays correct without them. `GET /health` stays the liveness probe.",
  scope: "public",
  response: {
    status: 200,
    schema: readinessSchema,
    description: "Ready (or degraded) for traffic",
    unwrapped: true,
  },
  errors: [503],
});

export const statusOperation = defineOperation({
  method: "GET",
  path: "/status",
  summary: "Service status",
  description:
    "The public status page (/status) as JSON: the API, the database, the cache and the invalidation bus now, the share of healthy minute samples per component and UTC day over 90 days, and the incidents platform admins post. No credential; cached for 10 seconds.",
  scope: "public",
  response: { status: 200, schema: statusReportSchema, description: "The status report" },
  errors: [],
});

export const createIncidentOperation = defineOperation({
  method: "POST",
  path: "/status/incidents",
  summary: "Post an incident",
  description:
    "Platform admins only: opens an incident on the public status page with its first update (`status` defaults to investigating).",
  scope: "admin:organizations",
  body: createIncidentSchema,
  example: {
    title: "Elevated error rates",
    status: "investigating",
    message: "We are looking into failed API calls.",
  },
  response: { status: 201, schema: incidentSchema, description: "The incident" },
  errors: [],
});

export const updateIncidentOperation = defineOperation({
  method: "PATCH",
  path: "/status/incidents/{id}",
  summary: "Update an incident",
  description:
    "Platform admins only: adds an update, which moves the incident to its `status` (investigating, identified, monitoring, resolved) and may change its title.",
  scope: "admin:organizations",
  params: z.object({ id: z.string() }),
  body: updateIncidentSchema,
  example: { status: "monitoring", message: "A fix is deployed; we are watching error rates." },
  response: { status: 200, schema: incidentSchema, description: "The incident" },
  errors: [404],
});

export const STATUS_OPERATIONS = [
  readinessOperation,
  statusOperation,
  createIncidentOperation,
  updateIncidentOperation,
];
