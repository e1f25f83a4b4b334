CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"related_type" text NOT NULL,
	"related_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_status_check" CHECK ("outbox_messages"."status" in ('pending', 'sent', 'failed')),
	CONSTRAINT "outbox_channel_check" CHECK ("outbox_messages"."channel" in ('email'))
);
--> statement-breakpoint
CREATE TABLE "team_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fingerprint" text NOT NULL,
	"key_id" text NOT NULL,
	"user_ids" jsonb NOT NULL,
	"algorithm" text NOT NULL,
	"key_created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"armored_public" text NOT NULL,
	"armored_private" text NOT NULL,
	"origin" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "team_keys_origin_check" CHECK ("team_keys"."origin" in ('generated', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "team_profile_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"profile" jsonb NOT NULL,
	"hours" jsonb,
	"note" text,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_publications" (
	"id" integer PRIMARY KEY NOT NULL,
	"profile_version" integer NOT NULL,
	"language" text NOT NULL,
	"public_url" text NOT NULL,
	"text_plain" text NOT NULL,
	"markdown" text NOT NULL,
	"signature" text NOT NULL,
	"security_txt" text NOT NULL,
	"security_txt_expires" timestamp with time zone NOT NULL,
	"key_fingerprint" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_publications_language_check" CHECK ("team_publications"."language" in ('en', 'fr'))
);
--> statement-breakpoint
ALTER TABLE "team_publications" ADD CONSTRAINT "team_publications_profile_version_team_profile_versions_version_fk" FOREIGN KEY ("profile_version") REFERENCES "public"."team_profile_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_status_idx" ON "outbox_messages" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "outbox_related_idx" ON "outbox_messages" USING btree ("related_type","related_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_keys_fingerprint_key" ON "team_keys" USING btree ("fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "team_keys_one_active" ON "team_keys" USING btree ((true)) WHERE "team_keys"."retired_at" is null;