-- What-if reports (docs/rules.md, "What-if"): a candidate rule set re-compared over the stored pairs of a context and
-- a period, without touching any verdict. Append-only: a report is the evidence a rule-set change was approved on.
CREATE TABLE what_if_report (
    id                 UUID          PRIMARY KEY,
    context            VARCHAR(64)   NOT NULL,
    from_ts            TIMESTAMPTZ   NOT NULL,
    to_ts              TIMESTAMPTZ   NOT NULL,
    candidate_version  VARCHAR(160)  NOT NULL,
    candidate_sha256   CHAR(64)      NOT NULL CHECK (candidate_sha256 ~ '^[0-9a-f]{64}$'),
    candidate_content  TEXT          NOT NULL,
    base_version       VARCHAR(160)  NOT NULL,
    report             JSONB         NOT NULL,
    requested_by       TEXT          NOT NULL,
    requested_at       TIMESTAMPTZ   NOT NULL,
    CHECK (from_ts <= to_ts)
);
-- the activation's lookup: the latest report run on exactly this file
CREATE INDEX what_if_report_by_candidate ON what_if_report (context, candidate_sha256, requested_at DESC);

CREATE FUNCTION refuse_what_if_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'what-if reports are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER what_if_report_append_only BEFORE UPDATE OR DELETE ON what_if_report
    FOR EACH ROW EXECUTE FUNCTION refuse_what_if_report_change();
CREATE TRIGGER what_if_report_no_truncate BEFORE TRUNCATE ON what_if_report
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_what_if_report_change();

-- the what-if report an activation was approved on (a report run on exactly the activated file), if any;
-- activations before this change have none. Set once, at insert: rule_set_activation stays immutable.
ALTER TABLE rule_set_activation ADD COLUMN what_if_report_id UUID REFERENCES what_if_report (id);
-- live pairs of a context in a period, for the what-if re-comparison
CREATE INDEX verdict_live_by_context_decided ON verdict (context, decided_at)
    WHERE superseded_by IS NULL AND replay_id IS NULL;
