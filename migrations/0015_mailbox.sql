CREATE TABLE "mail_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"reason_code" text,
	"reason" text,
	"raw_sha256" text NOT NULL,
	"raw_size" integer NOT NULL,
	"envelope_from" text,
	"envelope_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"remote_address" text,
	"message_id" text,
	"in_reply_to" text,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"from_address" text,
	"from_name" text,
	"to_addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subject" text,
	"sent_at" timestamp with time zone,
	"text" text,
	"encryption" text,
	"signature" text,
	"signer_key" text,
	"signer_contact_id" uuid,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_id" uuid,
	"incident_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "mail_messages_raw_sha256_check" CHECK ("mail_messages"."raw_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "mail_messages_direction_check" CHECK ("mail_messages"."direction" in ('in', 'out')),
	CONSTRAINT "mail_messages_channel_check" CHECK ("mail_messages"."channel" in ('smtp', 'imap', 'file')),
	CONSTRAINT "mail_messages_status_check" CHECK ("mail_messages"."status" in ('received', 'processed', 'ignored', 'quarantined')),
	CONSTRAINT "mail_messages_encryption_check" CHECK ("mail_messages"."encryption" in ('none', 'pgp-mime', 'pgp-inline')),
	CONSTRAINT "mail_messages_signature_check" CHECK ("mail_messages"."signature" in ('none', 'valid', 'unknown-key', 'bad'))
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_signer_contact_id_organisation_contacts_id_fk" FOREIGN KEY ("signer_contact_id") REFERENCES "public"."organisation_contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_messages_status_idx" ON "mail_messages" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "mail_messages_message_id_idx" ON "mail_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_report_idx" ON "mail_messages" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "mail_messages_incident_idx" ON "mail_messages" USING btree ("incident_id");