CREATE TABLE "duty_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT 'primary' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_shifts_order_check" CHECK ("duty_shifts"."ends_at" > "duty_shifts"."starts_at"),
	CONSTRAINT "duty_shifts_role_check" CHECK ("duty_shifts"."role" in ('primary', 'backup'))
);
--> statement-breakpoint
CREATE TABLE "incident_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"impact" text NOT NULL,
	"extent" text NOT NULL,
	"constituent_criticality" text NOT NULL,
	"score" integer NOT NULL,
	"priority" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"category_class" text NOT NULL,
	"category_type" text NOT NULL,
	"impact" text NOT NULL,
	"extent" text NOT NULL,
	"constituent_criticality" text NOT NULL,
	"score" integer NOT NULL,
	"priority" text NOT NULL,
	"service_level" text NOT NULL,
	"organisation_id" uuid,
	"owner_id" uuid,
	"named_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tlp" text DEFAULT 'AMBER' NOT NULL,
	"pap" text DEFAULT 'AMBER' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "incidents_status_check" CHECK ("incidents"."status" in ('open', 'in-progress', 'waiting', 'resolved', 'closed')),
	CONSTRAINT "incidents_priority_check" CHECK ("incidents"."priority" in ('P1', 'P2', 'P3', 'P4')),
	CONSTRAINT "incidents_tlp_check" CHECK ("incidents"."tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
	CONSTRAINT "incidents_pap_check" CHECK ("incidents"."pap" in ('CLEAR', 'GREEN', 'AMBER', 'RED'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('page', 'escalation', 'sla-warning', 'sla-breach', 'assignment'))
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid,
	"incident_id" uuid,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"filename" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_owner_check" CHECK (("attachments"."report_id" is not null) or ("attachments"."incident_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "reference_counters" (
	"scope" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_observables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"raw" text NOT NULL,
	"refanged" boolean DEFAULT false NOT NULL,
	"attachment_id" uuid,
	"matched_organisation_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"decision" text,
	"decision_note" text,
	"public_reply" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reporter_name" text,
	"reporter_organisation" text,
	"reporter_email" text,
	"reporter_phone" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"evidence" text,
	"occurred_at" timestamp with time zone,
	"urgent" boolean DEFAULT false NOT NULL,
	"tlp" text DEFAULT 'AMBER' NOT NULL,
	"pap" text DEFAULT 'AMBER' NOT NULL,
	"organisation_id" uuid,
	"suggested_organisation_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" uuid,
	"owner_id" uuid,
	"named_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"incident_id" uuid,
	"tracking_token_hash" text NOT NULL,
	"source_ip" text,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_channel_check" CHECK ("reports"."channel" in ('web', 'portal', 'api', 'email')),
	CONSTRAINT "reports_status_check" CHECK ("reports"."status" in ('new', 'triaged', 'closed')),
	CONSTRAINT "reports_tlp_check" CHECK ("reports"."tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
	CONSTRAINT "reports_pap_check" CHECK ("reports"."pap" in ('CLEAR', 'GREEN', 'AMBER', 'RED'))
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"target" text NOT NULL,
	"mode" text NOT NULL,
	"duration_ms" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"consumed_ms" bigint DEFAULT 0 NOT NULL,
	"running_since" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"pause_reason" text,
	"met_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_clocks_status_check" CHECK ("sla_clocks"."status" in ('running', 'paused', 'met', 'breached')),
	CONSTRAINT "sla_clocks_mode_check" CHECK ("sla_clocks"."mode" in ('business', '24/7'))
);
--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_scores" ADD CONSTRAINT "incident_scores_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_observables" ADD CONSTRAINT "report_observables_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duty_shifts_time_idx" ON "duty_shifts" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "incident_scores_incident_idx" ON "incident_scores" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_reference_key" ON "incidents" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "incidents_org_idx" ON "incidents" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status","priority");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "notifications_subject_idx" ON "notifications" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "attachments_report_idx" ON "attachments" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "attachments_incident_idx" ON "attachments" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "attachments_sha_idx" ON "attachments" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "report_observables_unique" ON "report_observables" USING btree ("report_id","type","value");--> statement-breakpoint
CREATE INDEX "report_observables_value_idx" ON "report_observables" USING btree ("type","value");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_reference_key" ON "reports" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_tracking_key" ON "reports" USING btree ("tracking_token_hash");--> statement-breakpoint
CREATE INDEX "reports_queue_idx" ON "reports" USING btree ("status","urgent","created_at");--> statement-breakpoint
CREATE INDEX "reports_org_idx" ON "reports" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "reports_incident_idx" ON "reports" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_clocks_subject_target_key" ON "sla_clocks" USING btree ("subject_type","subject_id","target");--> statement-breakpoint
CREATE INDEX "sla_clocks_due_idx" ON "sla_clocks" USING btree ("status","due_at");