-- Every instance caches the pages of its lists (http/read-cache.ts) and must forget them when a table they read
-- changes, whoever changed it: this instance, another one, a job or the CLI. Each statement that changes one of
-- these tables sends the table's name on the channel tocsin_changes; PostgreSQL delivers it once the transaction
-- commits (and folds the same name sent twice in one transaction into one).
CREATE FUNCTION tocsin_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tocsin_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
--> statement-breakpoint
CREATE TRIGGER reports_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reports FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
--> statement-breakpoint
CREATE TRIGGER sla_clocks_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_clocks FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
--> statement-breakpoint
CREATE TRIGGER organisations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
--> statement-breakpoint
CREATE TRIGGER organisation_assets_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation_assets FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
--> statement-breakpoint
CREATE TRIGGER organisation_contacts_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation_contacts FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
--> statement-breakpoint
CREATE TRIGGER users_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION tocsin_notify_change();
