CREATE TABLE "duty_rota_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"user_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_rota_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rota_id" uuid NOT NULL,
	"weekdays" jsonb NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT 'primary' NOT NULL,
	CONSTRAINT "duty_rota_slots_role_check" CHECK ("duty_rota_slots"."role" in ('primary', 'backup'))
);
--> statement-breakpoint
CREATE TABLE "duty_rotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_rotas_period_check" CHECK ("duty_rotas"."ends_on" is null or "duty_rotas"."ends_on" >= "duty_rotas"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "duty_rota_exceptions" ADD CONSTRAINT "duty_rota_exceptions_slot_id_duty_rota_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."duty_rota_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rota_exceptions" ADD CONSTRAINT "duty_rota_exceptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rota_slots" ADD CONSTRAINT "duty_rota_slots_rota_id_duty_rotas_id_fk" FOREIGN KEY ("rota_id") REFERENCES "public"."duty_rotas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rota_slots" ADD CONSTRAINT "duty_rota_slots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_rota_exceptions_slot_date_idx" ON "duty_rota_exceptions" USING btree ("slot_id","on_date");--> statement-breakpoint
CREATE INDEX "duty_rota_slots_rota_idx" ON "duty_rota_slots" USING btree ("rota_id");