-- Who read which verdicts, cases and evidence, and when (docs/operations.md, "Access log"): one row per read by a
-- person (an authenticated API user; never the metrics scraper, never anonymous). Append-only: an audit trail that
-- could be edited would prove nothing.
CREATE TABLE access_log (
    entry_id    BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ   NOT NULL,
    username    TEXT          NOT NULL,
    roles       TEXT          NOT NULL,
    method      VARCHAR(16)   NOT NULL,
    path        TEXT          NOT NULL,
    query       TEXT,
    status      INT           NOT NULL
);
-- the ADMIN's queries: newest first, for everyone or for one user (keyset on at, entry_id)
CREATE INDEX access_log_newest ON access_log (at DESC, entry_id DESC);
CREATE INDEX access_log_by_user ON access_log (username, at DESC, entry_id DESC);

CREATE FUNCTION refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION refuse_access_log_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_log_change();
