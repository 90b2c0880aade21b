-- Partitioned by day: the request log writes each day into its own partition (created on
-- demand) and retention drops whole partitions rather than deleting rows.
CREATE TABLE "request_logs" (
	"request_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"credential_type" text NOT NULL,
	"credential_id" text NOT NULL,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"error_code" text,
	"reason" text,
	"latency_ms" real NOT NULL,
	"ip" text NOT NULL,
	"user_agent" text,
	CONSTRAINT "request_logs_pkey" PRIMARY KEY("request_id","created_at")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
CREATE INDEX "request_logs_organization_idx" ON "request_logs" USING btree ("organization_id","created_at" desc,"request_id" desc);--> statement-breakpoint
CREATE INDEX "request_logs_credential_idx" ON "request_logs" USING btree ("credential_id","created_at" desc,"request_id" desc);