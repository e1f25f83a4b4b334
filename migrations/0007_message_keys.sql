ALTER TABLE "incident_scores" ADD COLUMN "reason_key" text;--> statement-breakpoint
ALTER TABLE "incident_scores" ADD COLUMN "reason_params" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "message_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "message_params" jsonb;