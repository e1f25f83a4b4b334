CREATE TABLE "home_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"checklist_hidden_at" timestamp with time zone,
	"checklist_hidden_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "home_settings_single_row_check" CHECK ("home_settings"."id")
);
--> statement-breakpoint
ALTER TABLE "home_settings" ADD CONSTRAINT "home_settings_checklist_hidden_by_users_id_fk" FOREIGN KEY ("checklist_hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;