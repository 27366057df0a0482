-- Divergence cases (docs/operations.md, "Divergence cases"): one per (correlation id, outcome type) whose live verdict
-- disagreed, opened and superseded by the verdict sink in the transaction that stores the verdict, worked by people
-- through /api/v1/cases. `version` is the optimistic-concurrency token the API hands out as the ETag.
CREATE TABLE divergence_case (
    case_id         UUID         PRIMARY KEY,
    correlation_id  VARCHAR(128) NOT NULL,
    context         VARCHAR(64)  NOT NULL,
    outcome_type    VARCHAR(128) NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'SUPERSEDED')),
    category        VARCHAR(32)  CHECK (category IN ('NEW_SERVICE_DEFECT', 'HIDDEN_LEGACY_RULE', 'EVENT_SEMANTICS',
                                        'ACCEPTED_VARIANCE', 'BOUNDARY_WRONG', 'LEGACY_DEFECT', 'UPSTREAM_DATA')),
    variance_id     VARCHAR(128),
    assignee        VARCHAR(128),
    ticket          VARCHAR(256),
    severity        VARCHAR(16)  NOT NULL,
    classification  VARCHAR(32)  NOT NULL,
    -- the verdict the case is about now (no foreign key: verdicts are the audit trail, cases a view of work on it)
    verdict_id      UUID         NOT NULL,
    opened_at       TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    resolved_at     TIMESTAMPTZ,
    version         BIGINT       NOT NULL CHECK (version >= 1),
    CONSTRAINT divergence_case_one_per_pair UNIQUE (correlation_id, outcome_type),
    -- a resolved case says why; an accepted variance names the variance id to add to the next rule set
    CHECK (state <> 'RESOLVED' OR category IS NOT NULL),
    CHECK (category IS DISTINCT FROM 'ACCEPTED_VARIANCE' OR variance_id IS NOT NULL)
);
-- the list endpoint: newest first, keyset pagination on (opened_at, case_id)
CREATE INDEX divergence_case_by_opened ON divergence_case (opened_at DESC, case_id DESC);
-- the gauges and readiness: counts per context and state
CREATE INDEX divergence_case_by_context_state ON divergence_case (context, state, severity);

-- Every change of a case, automatic or by a person: who, when, from which state to which, with the case's category,
-- variance, assignee and ticket after the change and the verdict it was about. Append-only.
CREATE TABLE divergence_case_history (
    entry_id     BIGSERIAL    PRIMARY KEY,
    case_id      UUID         NOT NULL REFERENCES divergence_case (case_id),
    at           TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(128) NOT NULL,
    from_state   VARCHAR(16),
    to_state     VARCHAR(16)  NOT NULL,
    category     VARCHAR(32),
    variance_id  VARCHAR(128),
    note         TEXT,
    assignee     VARCHAR(128),
    ticket       VARCHAR(256),
    verdict_id   UUID         NOT NULL
);
CREATE INDEX divergence_case_history_by_case ON divergence_case_history (case_id, entry_id);
-- the evidence pack: each case's state at a period's end
CREATE INDEX divergence_case_history_by_time ON divergence_case_history (at);

CREATE FUNCTION refuse_divergence_case_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'divergence case history is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER divergence_case_history_append_only BEFORE UPDATE OR DELETE ON divergence_case_history
    FOR EACH ROW EXECUTE FUNCTION refuse_divergence_case_history_change();
CREATE TRIGGER divergence_case_history_no_truncate BEFORE TRUNCATE ON divergence_case_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_divergence_case_history_change();
