-- Authority decisions: the append-only log of who moved which context to which stage, when, why, from where, on
-- which readiness evidence and with which override. Before a context's first decision it is SHADOW with no cohorts.
-- published_at is set once the decision is on authority.decisions.v1 (the relay re-publishes rows still NULL).
CREATE TABLE authority_decision (
    decision_id           UUID         PRIMARY KEY,
    context               TEXT         NOT NULL,
    stage                 TEXT         NOT NULL,
    cohorts               JSONB        NOT NULL,
    reason                TEXT         NOT NULL,
    decided_by            TEXT         NOT NULL,
    decided_at            TIMESTAMPTZ  NOT NULL,
    previous_decision_id  UUID         NULL,
    previous_stage        TEXT         NOT NULL,
    previous_cohorts      JSONB        NOT NULL,
    readiness             JSONB        NOT NULL,
    override_reason       TEXT         NULL,
    published_at          TIMESTAMPTZ  NULL
);
CREATE INDEX authority_decision_by_context ON authority_decision (context, decided_at DESC);
-- the relay's look-up of what is not yet on the topic
CREATE INDEX authority_decision_unpublished ON authority_decision (context, decided_at) WHERE published_at IS NULL;

-- Append-only: no DELETE, no TRUNCATE, and no UPDATE but the one that records the publication (published_at from
-- NULL to a time, nothing else changed).
CREATE FUNCTION refuse_authority_decision_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.published_at IS NULL AND NEW.published_at IS NOT NULL
                AND (to_jsonb(NEW) - 'published_at') = (to_jsonb(OLD) - 'published_at') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'authority decisions are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER authority_decision_append_only BEFORE UPDATE OR DELETE ON authority_decision
    FOR EACH ROW EXECUTE FUNCTION refuse_authority_decision_change();
CREATE TRIGGER authority_decision_no_truncate BEFORE TRUNCATE ON authority_decision
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_authority_decision_change();

-- The attributes a cohort is a predicate on, per business transaction (from its intent): readiness counts each
-- cohort's verdicts with it. One row per correlation id, written once (redelivery and replay store nothing twice);
-- fallback and replayed intents are not stored.
CREATE TABLE intent_cohort (
    correlation_id      TEXT         PRIMARY KEY,
    context             TEXT         NOT NULL,
    product_line        TEXT         NULL,
    region              TEXT         NULL,
    channel             TEXT         NULL,
    authority           TEXT         NULL,
    authority_decision  TEXT         NULL,
    accepted_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX intent_cohort_by_context ON intent_cohort (context, accepted_at);
