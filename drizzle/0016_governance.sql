ALTER TABLE "api_keys" ADD COLUMN "approval" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "approval_decided_by" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "approval_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "unused_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "plan" text DEFAULT 'enterprise' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "max_key_lifetime_days" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "revoke_unused_after_days" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "key_creators" text DEFAULT 'members' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "require_key_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "require_allowlist_for_live_keys" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_approval_decided_by_users_id_fk" FOREIGN KEY ("approval_decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_pending_idx" ON "api_keys" USING btree ("organization_id") WHERE approval = 'pending' and revoked_at is null;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_approval_check" CHECK ("api_keys"."approval" in ('pending', 'approved', 'denied'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_plan_check" CHECK ("organizations"."plan" in ('free', 'team', 'enterprise'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_key_creators_check" CHECK ("organizations"."key_creators" in ('members', 'admins'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_max_key_lifetime_check" CHECK ("organizations"."max_key_lifetime_days" between 1 and 3650);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_revoke_unused_check" CHECK ("organizations"."revoke_unused_after_days" between 14 and 3650);