-- Every verdict ever decided, superseded ones included: the audit trail of the parallel run.
CREATE TABLE verdict (
    verdict_id          UUID         PRIMARY KEY,
    revision            INTEGER      NOT NULL CHECK (revision >= 1),
    supersedes          UUID,
    superseded_by       UUID,
    correlation_id      VARCHAR(128) NOT NULL,
    context             VARCHAR(64)  NOT NULL,
    outcome_type        VARCHAR(128) NOT NULL,
    classification      VARCHAR(32)  NOT NULL,
    severity            VARCHAR(16)  NOT NULL,
    differences         JSONB        NOT NULL,
    rule_set_version    VARCHAR(128) NOT NULL,
    legacy_received_at  TIMESTAMPTZ,
    shadow_received_at  TIMESTAMPTZ,
    decided_at          TIMESTAMPTZ  NOT NULL,
    legacy_event_id     VARCHAR(128),
    shadow_event_id     VARCHAR(128),
    legacy_outcome      JSONB,
    shadow_outcome      JSONB,
    recorded_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- the auditor's lookup of one business transaction
CREATE INDEX verdict_by_correlation ON verdict (correlation_id, outcome_type, revision);
-- the list endpoint: current verdicts, newest first, keyset pagination on (decided_at, verdict_id)
CREATE INDEX verdict_current_by_decided ON verdict (decided_at DESC, verdict_id DESC) WHERE superseded_by IS NULL;
-- match rates and filtered lists per context and outcome type over a time window
CREATE INDEX verdict_current_by_context ON verdict (context, outcome_type, decided_at DESC) WHERE superseded_by IS NULL;
CREATE INDEX verdict_current_by_classification ON verdict (classification, decided_at DESC) WHERE superseded_by IS NULL;
