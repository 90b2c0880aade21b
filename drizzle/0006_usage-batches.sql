CREATE TABLE "usage_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "usage_batches_written_at_idx" ON "usage_batches" USING btree ("written_at");