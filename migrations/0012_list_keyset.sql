DROP INDEX "incidents_org_idx";--> statement-breakpoint
DROP INDEX "incidents_status_idx";--> statement-breakpoint
DROP INDEX "reports_org_idx";--> statement-breakpoint
DROP INDEX "reports_queue_idx";--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "incidents_list_idx" ON "incidents" USING btree ("priority",coalesce("next_due_at", 'infinity'::timestamptz),"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incidents_org_list_idx" ON "incidents" USING btree ("organisation_id","priority",coalesce("next_due_at", 'infinity'::timestamptz),"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incidents_status_list_idx" ON "incidents" USING btree ("status","priority",coalesce("next_due_at", 'infinity'::timestamptz),"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reports_list_idx" ON "reports" USING btree ("urgent" DESC NULLS LAST,coalesce("next_due_at", 'infinity'::timestamptz),"created_at","id");--> statement-breakpoint
CREATE INDEX "reports_org_list_idx" ON "reports" USING btree ("organisation_id","urgent" DESC NULLS LAST,coalesce("next_due_at", 'infinity'::timestamptz),"created_at","id");--> statement-breakpoint
CREATE INDEX "reports_queue_idx" ON "reports" USING btree ("status","urgent" DESC NULLS LAST,coalesce("next_due_at", 'infinity'::timestamptz),"created_at","id");--> statement-breakpoint
-- The copies start from the clocks as they are: an incident's running (or breached) unmet first-action clock,
-- a report's unmet acknowledgement clock, else its unmet triage clock.
UPDATE "incidents" AS i SET "next_due_at" = c."due_at"
FROM "sla_clocks" AS c
WHERE c."subject_type" = 'incident' AND c."subject_id" = i."id" AND c."target" = 'first-action'
  AND c."status" IN ('running', 'breached') AND c."met_at" IS NULL;--> statement-breakpoint
UPDATE "reports" AS r SET "next_due_at" = (
  SELECT c."due_at" FROM "sla_clocks" AS c
  WHERE c."subject_type" = 'report' AND c."subject_id" = r."id" AND c."target" IN ('acknowledge', 'triage') AND c."met_at" IS NULL
  ORDER BY CASE c."target" WHEN 'acknowledge' THEN 0 ELSE 1 END LIMIT 1
);
