CREATE INDEX "audit_logs_actor_idx" ON "audit_logs" USING btree ("organization_id","actor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("organization_id","action","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "usage_buckets_sub_hour_idx" ON "usage_buckets" USING btree ("bucket_start") WHERE bucket_start <> date_bin('1 hour', bucket_start, '1970-01-01T00:00:00Z');--> statement-breakpoint
CREATE INDEX "usage_buckets_sub_day_idx" ON "usage_buckets" USING btree ("bucket_start") WHERE bucket_start <> date_bin('1 day', bucket_start, '1970-01-01T00:00:00Z');