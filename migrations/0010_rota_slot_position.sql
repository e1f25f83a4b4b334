ALTER TABLE "duty_rota_slots" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Slots saved before this column keep the order they were shown in (by start time).
UPDATE "duty_rota_slots" AS s SET "position" = o.n - 1
FROM (SELECT "id", row_number() OVER (PARTITION BY "rota_id" ORDER BY "start_time", "id") AS n FROM "duty_rota_slots") AS o
WHERE o."id" = s."id";
