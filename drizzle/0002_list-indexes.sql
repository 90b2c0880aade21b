DROP INDEX "api_keys_organization_idx";--> statement-breakpoint
DROP INDEX "memberships_organization_idx";--> statement-breakpoint
DROP INDEX "time_entries_organization_idx";--> statement-breakpoint
CREATE INDEX "api_keys_organization_idx" ON "api_keys" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "memberships_organization_idx" ON "memberships" USING btree ("organization_id","created_at","user_id");--> statement-breakpoint
CREATE INDEX "time_entries_organization_idx" ON "time_entries" USING btree ("organization_id","created_at","id");