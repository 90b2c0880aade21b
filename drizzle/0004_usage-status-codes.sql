ALTER TABLE "usage_buckets" ADD COLUMN "unauthorized" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_buckets" ADD COLUMN "forbidden" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_buckets" ADD COLUMN "not_found" integer DEFAULT 0 NOT NULL;