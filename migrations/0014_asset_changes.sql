CREATE TABLE "asset_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"revision" bigint NOT NULL,
	"op" text NOT NULL,
	"organisation_id" uuid,
	"kind" text,
	"value" text
);
--> statement-breakpoint
CREATE INDEX "asset_changes_revision_idx" ON "asset_changes" USING btree ("revision");--> statement-breakpoint
-- Every instance keeps an in-memory index of the assets (organisations/asset-matching.ts). Instead of reading
-- every asset again when another instance changed one, it reads what changed since its revision. Each statement
-- that changes assets bumps the revision row (its lock orders asset changes: revisions commit in order, without
-- gaps, since a rolled-back bump rolls back too) and writes what it did under that revision. Rows 10,000
-- revisions old are dropped: an instance that far behind reads everything again.
CREATE FUNCTION tocsin_asset_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM added) THEN RETURN NULL; END IF;
  ELSIF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF NOT EXISTS (SELECT 1 FROM removed) THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO asset_revision (id, revision) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET revision = asset_revision.revision + 1
    RETURNING revision INTO r;
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO asset_changes (revision, op) VALUES (r, '*');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO asset_changes (revision, op, organisation_id, kind, value)
      SELECT r, '-', organisation_id, kind, value FROM removed;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO asset_changes (revision, op, organisation_id, kind, value)
      SELECT r, '+', organisation_id, kind, value FROM added;
  END IF;
  DELETE FROM asset_changes WHERE revision <= r - 10000;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organisation_assets_changes_insert AFTER INSERT ON organisation_assets REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION tocsin_asset_changes();
--> statement-breakpoint
CREATE TRIGGER organisation_assets_changes_update AFTER UPDATE ON organisation_assets REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION tocsin_asset_changes();
--> statement-breakpoint
CREATE TRIGGER organisation_assets_changes_delete AFTER DELETE ON organisation_assets REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION tocsin_asset_changes();
--> statement-breakpoint
CREATE TRIGGER organisation_assets_changes_truncate AFTER TRUNCATE ON organisation_assets FOR EACH STATEMENT EXECUTE FUNCTION tocsin_asset_changes();
